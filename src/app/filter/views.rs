//! Saved views: named filters shown as tabs above the list, the default
//! ones and those written in `config.toml`.

use serde::Deserialize;

use crate::api::models::Staff;
use crate::api::{ConversationType, OrderBy, Tag};
use crate::i18n::{Lang, Said, tr};

use super::model::{Assignee, Filter, TimeBound};
use super::parse::{FilterError, Named, parse_expr};

/// A named filter, shown as a tab above the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    pub name: String,
    pub filter: Filter,
}

/// The saved views as tabs above the list: the active one, their counts.
#[derive(Clone, Debug, Default)]
pub struct Tabs {
    /// In tab order.
    pub views: Vec<View>,
    pub active: usize,
    /// Views from config, resolved once tags and staff are known.
    pub configs: Vec<ViewConfig>,
    /// Loaded conversations per view.
    pub counts: Vec<usize>,
    /// An action changed a conversation: the counts are brought up to date
    /// on the next tick (at most four times a second, not per key).
    pub stale: bool,
    /// What the counts were counted over (pages shown, views, who the
    /// agent is, tags, staff, snoozes), as a fingerprint: while it holds,
    /// the counts follow the changed conversations alone
    /// (`update::list::recount_views`).
    pub counted: Option<u64>,
    /// The time a view like `24h` was counted at: the next count moves it
    /// to now through the conversations whose time crossed its bound since.
    pub counted_at: crate::api::UnixSeconds,
    /// Conversations the last count looked at: those changed or crossed
    /// since the one before, or all of them when it counted everything.
    pub looked_at: usize,
}

impl Tabs {
    /// The active view.
    pub fn current(&self) -> Option<&View> {
        self.views.get(self.active)
    }
}

/// The view of the snoozed conversations (after the others, configured or
/// not), named in `lang`.
pub fn snoozed_view(lang: Lang) -> View {
    View {
        name: tr(lang, "view-snoozed"),
        filter: Filter {
            snoozed: true,
            ..Filter::default()
        },
    }
}

/// The views when none are configured: All, Unread, Mine, Unassigned,
/// Snoozed, named in `lang`.
pub fn default_views(lang: Lang) -> Vec<View> {
    vec![
        View {
            name: tr(lang, "view-all"),
            filter: Filter::default(),
        },
        View {
            name: tr(lang, "view-unread"),
            filter: Filter {
                unread_only: true,
                ..Filter::default()
            },
        },
        View {
            name: tr(lang, "view-mine"),
            filter: Filter {
                assignee: Some(Assignee::Me),
                ..Filter::default()
            },
        },
        View {
            name: tr(lang, "view-unassigned"),
            filter: Filter {
                assignee: Some(Assignee::Unassigned),
                ..Filter::default()
            },
        },
        snoozed_view(lang),
    ]
}

/// A view as written in `config.toml`:
///
/// ```toml
/// [[views]]
/// name = "Orders today"
/// types = ["INBOX"]
/// tags = ["Orders"]      # names or ids
/// unread = true
/// assignee = "me"        # "me", "unassigned", or a staff name or id
/// since = "24h"
///
/// [[views]]
/// name = "VIP waiting"
/// filter = "INBOX tag:VIP unread 7d"   # the filter panel's words
/// ```
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ViewConfig {
    pub name: String,
    #[serde(default)]
    pub types: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub post_ids: Vec<String>,
    #[serde(default)]
    pub unread: bool,
    #[serde(default)]
    pub unread_first: bool,
    pub assignee: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub order_by: Option<String>,
    /// The filter line, as typed in the panel (instead of the fields).
    pub filter: Option<String>,
}

impl ViewConfig {
    /// Resolve names against the tags and staff of the pages (known once
    /// loaded); a tag may be given by name or by id. What is wrong is said
    /// naming the view.
    pub fn resolve(&self, tags: &[Tag], staff: &Staff) -> Result<View, Said> {
        self.resolve_fields(tags, staff).map_err(|why| {
            Said::new("view-error")
                .arg("view", self.name.as_str())
                .arg("why", why)
        })
    }

    fn resolve_fields(&self, tags: &[Tag], staff: &Staff) -> Result<View, Said> {
        if let Some(line) = &self.filter {
            let fields = ViewConfig {
                name: self.name.clone(),
                ..ViewConfig::default()
            };
            if *self
                != (ViewConfig {
                    filter: self.filter.clone(),
                    ..fields
                })
            {
                return Err(Said::new("view-error-both"));
            }
            let filter = parse_expr(line, tags, staff).map_err(|e| e.said())?;
            return Ok(View {
                name: crate::text::sanitize_line(&self.name),
                filter,
            });
        }
        let fold = crate::text::fold;
        let tag_ids = self
            .tags
            .iter()
            .map(|t| {
                tags.iter()
                    .find(|x| x.id.as_str() == t || fold(&x.name) == fold(t))
                    .map(|x| x.name.clone())
                    .ok_or_else(|| FilterError::NotFound(Named::Tag, t.clone()).said())
            })
            .collect::<Result<Vec<_>, _>>()?;
        let assignee = match self.assignee.as_deref() {
            None => None,
            Some("me") => Some(Assignee::Me),
            Some("unassigned") | Some("none") => Some(Assignee::Unassigned),
            Some(who) => Some(Assignee::User(
                staff
                    .everyone()
                    .find(|u| u.id.as_str() == who || fold(&u.name) == fold(who))
                    .map(|u| u.id.clone())
                    .ok_or_else(|| FilterError::NotFound(Named::Staff, who.to_owned()).said())?,
            )),
        };
        let time = |s: &Option<String>, what: &str| -> Result<Option<TimeBound>, Said> {
            s.as_deref()
                .map(|v| {
                    TimeBound::parse(v).ok_or_else(|| {
                        Said::new("view-error-time")
                            .arg("field", what)
                            .arg("value", v)
                    })
                })
                .transpose()
        };
        Ok(View {
            name: crate::text::sanitize_line(&self.name),
            filter: Filter {
                types: self
                    .types
                    .iter()
                    .map(|t| ConversationType::parse(t))
                    .collect(),
                tags: tag_ids,
                post_ids: self.post_ids.clone(),
                since: time(&self.since, "since")?,
                until: time(&self.until, "until")?,
                unread_first: self.unread_first,
                order_by: match self.order_by.as_deref() {
                    None | Some("updated_at") => None,
                    Some("inserted_at") => Some(OrderBy::InsertedAt),
                    Some(o) => return Err(Said::new("view-error-order").arg("value", o)),
                },
                unread_only: self.unread,
                assignee,
                snoozed: false,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::TagId;

    #[test]
    fn view_configs_resolve_names() {
        let tags = vec![Tag {
            id: TagId::new("3"),
            name: "Đặt hàng".into(),
            color: None,
            lighten_color: None,
        }];
        let v: ViewConfig = toml::from_str(
            "name = \"Đơn mới\"\ntypes = [\"INBOX\"]\ntags = [\"dat hang\"]\nunread = true\nsince = \"24h\"\n",
        )
        .unwrap();
        let view = v.resolve(&tags, &Staff::default()).unwrap();
        assert_eq!(view.filter.tags, vec!["Đặt hàng".to_string()]);
        assert!(view.filter.unread_only);
        let bad = ViewConfig {
            name: "x".into(),
            tags: vec!["nope".into()],
            ..ViewConfig::default()
        };
        let why = bad.resolve(&tags, &Staff::default()).unwrap_err();
        assert_eq!(why.words(Lang::En), "view \"x\": no tag \"nope\"");
        assert_eq!(
            why.words(Lang::Vi),
            "chế độ xem \"x\": không có nhãn \"nope\""
        );
        // The filter panel's words work in a view too, but not mixed with fields.
        let line: ViewConfig =
            toml::from_str("name = \"Mới\"\nfilter = \"INBOX tag:dat unread 24h\"\n").unwrap();
        let view = line.resolve(&tags, &Staff::default()).unwrap();
        assert_eq!(view.filter.tags, vec!["Đặt hàng".to_string()]);
        assert!(view.filter.unread_only && view.filter.since.is_some());
        let both: ViewConfig =
            toml::from_str("name = \"x\"\nfilter = \"unread\"\nunread = true\n").unwrap();
        let why = both.resolve(&tags, &Staff::default()).unwrap_err();
        assert!(why.words(Lang::En).contains("not both"));
        assert_eq!(
            why.words(Lang::Vi),
            "chế độ xem \"x\": ghi filter = \"...\" hoặc các trường (tags, unread, ...), không ghi cả hai"
        );
        // A filter line's error, said as the panel says it.
        let word: ViewConfig = toml::from_str("name = \"x\"\nfilter = \"unread f\"\n").unwrap();
        let why = word.resolve(&tags, &Staff::default()).unwrap_err();
        assert_eq!(
            why.words(Lang::En),
            "view \"x\": \"f\" is not a filter word"
        );
        assert_eq!(
            why.words(Lang::Vi),
            "chế độ xem \"x\": \"f\" không phải từ của bộ lọc"
        );
        let late: ViewConfig = toml::from_str("name = \"x\"\nsince = \"hôm qua\"\n").unwrap();
        assert_eq!(
            late.resolve(&tags, &Staff::default())
                .unwrap_err()
                .words(Lang::Vi),
            "chế độ xem \"x\": since \"hôm qua\" không có dạng 24h, 7d hay 2026-11-01"
        );
        let order: ViewConfig = toml::from_str("name = \"x\"\norder_by = \"name\"\n").unwrap();
        assert_eq!(
            order
                .resolve(&tags, &Staff::default())
                .unwrap_err()
                .words(Lang::En),
            "view \"x\": order_by \"name\" is not updated_at or inserted_at"
        );
    }
}
