//! Filters and saved views.
//!
//! A filter has parts Pancake applies (type, tags, post, since/until,
//! unread first, order: sent to the server and paged with the cursor) and
//! parts only the app can apply (unread only, assignee). Every part is also
//! applied to what is loaded, so switching views is instant and the server
//! query only fills in what was not loaded yet.

use serde::Deserialize;

use crate::api::models::Staff;
use crate::api::{
    Conversation, ConversationQuery, ConversationType, OrderBy, Tag, TagId, UnixSeconds, UserId,
};

/// Whose conversations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Assignee {
    Me,
    Unassigned,
    User(UserId),
}

/// A time bound: relative to now (`24h`) or a fixed time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeBound {
    Ago(i64),
    At(UnixSeconds),
}

impl TimeBound {
    /// `30m`, `24h`, `7d`, `2w`, or a date `2026-11-01` (UTC midnight), or
    /// `2026-11-01T08:00`.
    pub fn parse(s: &str) -> Option<TimeBound> {
        let s = s.trim();
        let unit = s.chars().last()?;
        if let Ok(n) = s[..s.len() - unit.len_utf8()].parse::<i64>() {
            let secs = match unit {
                'm' => 60,
                'h' => 3600,
                'd' => 86_400,
                'w' => 604_800,
                _ => return None,
            };
            return (n >= 0).then_some(TimeBound::Ago(n * secs));
        }
        let date = format!("{s}{}", if s.len() == 10 { "T00:00:00" } else { "" });
        UnixSeconds::parse(&date).map(TimeBound::At)
    }

    pub fn resolve(self, now: UnixSeconds) -> UnixSeconds {
        match self {
            TimeBound::Ago(secs) => UnixSeconds(now.0 - secs),
            TimeBound::At(t) => t,
        }
    }

    pub fn label(self) -> String {
        match self {
            // `24h` and `7d` read as agents write them: a unit only from two
            // of it up.
            TimeBound::Ago(s) if s % 604_800 == 0 && s >= 2 * 604_800 => {
                format!("{}w", s / 604_800)
            }
            TimeBound::Ago(s) if s % 86_400 == 0 && s >= 2 * 86_400 => format!("{}d", s / 86_400),
            TimeBound::Ago(s) if s % 3600 == 0 && s > 0 => format!("{}h", s / 3600),
            TimeBound::Ago(s) => format!("{}m", s / 60),
            TimeBound::At(t) => t.format_in(&jiff::tz::TimeZone::UTC),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub types: Vec<ConversationType>,
    /// Any of these tags, by name: each page has its own tag ids, so the
    /// same filter means different ids on different pages.
    pub tags: Vec<String>,
    pub post_ids: Vec<String>,
    pub since: Option<TimeBound>,
    pub until: Option<TimeBound>,
    pub unread_first: bool,
    pub order_by: Option<OrderBy>,
    /// Local only.
    pub unread_only: bool,
    /// Local only.
    pub assignee: Option<Assignee>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether the server can narrow anything (worth a filtered query).
    pub fn has_server_part(&self) -> bool {
        !self.types.is_empty()
            || !self.tags.is_empty()
            || !self.post_ids.is_empty()
            || self.since.is_some()
            || self.until.is_some()
    }

    /// The ids of the filter's tags on a page (matched by name, accents and
    /// case aside).
    pub fn tag_ids(&self, page_tags: &[Tag]) -> Vec<TagId> {
        let wanted: Vec<String> = self.tags.iter().map(|t| crate::text::fold(t)).collect();
        page_tags
            .iter()
            .filter(|t| wanted.contains(&crate::text::fold(&t.name)))
            .map(|t| t.id.clone())
            .collect()
    }

    /// The query Pancake applies on a page (seconds on the wire, never
    /// milliseconds); `None` when the filter names tags the page does not
    /// have, so nothing there can match.
    pub fn server_query(&self, now: UnixSeconds, page_tags: &[Tag]) -> Option<ConversationQuery> {
        let tags = self.tag_ids(page_tags);
        if tags.is_empty() && !self.tags.is_empty() {
            return None;
        }
        Some(ConversationQuery {
            types: self.types.clone(),
            tags,
            post_ids: self.post_ids.clone(),
            since: self.since.map(|t| t.resolve(now)),
            until: self.until.map(|t| t.resolve(now)),
            unread_first: self.unread_first,
            order_by: self.order_by,
        })
    }

    /// Tests loaded conversations of any page against this filter.
    /// Bound to `pages`; `me` is who the agent is on each of them (see
    /// `State::me_per_page`).
    pub fn matcher(
        &self,
        pages: &[super::page::PageCtx],
        now: UnixSeconds,
        me: &[Option<UserId>],
    ) -> Matcher<'_> {
        Matcher {
            filter: self,
            now,
            pages: pages
                .iter()
                .enumerate()
                .map(|(i, p)| PageBound {
                    id: p.id.clone(),
                    tag_ids: self.tag_ids(&p.tags),
                    person: match &self.assignee {
                        Some(Assignee::Me) => me.get(i).cloned().flatten(),
                        Some(Assignee::User(u)) => same_person(pages, u, &p.staff),
                        _ => None,
                    },
                })
                .collect(),
        }
    }

    /// Whether a loaded conversation belongs in the list, given the ids the
    /// filter's tags have on its page and the id there of the person its
    /// assignee names (me or a colleague).
    pub fn matches(
        &self,
        c: &Conversation,
        now: UnixSeconds,
        person: Option<&UserId>,
        tag_ids: &[TagId],
    ) -> bool {
        (self.types.is_empty() || self.types.contains(&c.kind))
            && (self.tags.is_empty() || tag_ids.iter().any(|t| c.tags.contains(t)))
            && (self.post_ids.is_empty()
                || c.post_id
                    .as_ref()
                    .is_some_and(|p| self.post_ids.contains(p)))
            && self
                .since
                .is_none_or(|s| c.updated_at.is_some_and(|u| u >= s.resolve(now)))
            && self
                .until
                .is_none_or(|s| c.updated_at.is_some_and(|u| u <= s.resolve(now)))
            && (!self.unread_only || !c.seen)
            && match &self.assignee {
                None => true,
                Some(Assignee::Unassigned) => c.assignee_ids.is_empty(),
                Some(Assignee::Me | Assignee::User(_)) => {
                    person.is_some_and(|m| c.assignee_ids.contains(m))
                }
            }
    }

    /// `INBOX · tag:Orders · unread · 24h`.
    pub fn summary(&self, staff: &Staff) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.types.is_empty() {
            let t: Vec<&str> = self.types.iter().map(|t| t.as_wire()).collect();
            parts.push(t.join("+"));
        }
        for name in &self.tags {
            parts.push(format!("tag:{name}"));
        }
        for p in &self.post_ids {
            parts.push(format!("post:{p}"));
        }
        if self.unread_only {
            parts.push("unread".into());
        }
        if self.unread_first {
            parts.push("unread first".into());
        }
        match &self.assignee {
            Some(Assignee::Me) => parts.push("mine".into()),
            Some(Assignee::Unassigned) => parts.push("unassigned".into()),
            Some(Assignee::User(u)) => {
                let name = staff.find(u).map_or(u.as_str(), |s| &s.name);
                parts.push(format!("@{name}"));
            }
            None => {}
        }
        match (self.since, self.until) {
            (Some(s), None) => parts.push(s.label()),
            (Some(s), Some(u)) => parts.push(format!("{}..{}", s.label(), u.label())),
            (None, Some(u)) => parts.push(format!("until {}", u.label())),
            (None, None) => {}
        }
        if self.order_by == Some(OrderBy::InsertedAt) {
            parts.push("by created".into());
        }
        parts.join(" · ")
    }
}

/// A filter bound to the pages it runs over (tag names resolved per page).
pub struct Matcher<'a> {
    filter: &'a Filter,
    now: UnixSeconds,
    pages: Vec<PageBound>,
}

/// What the filter means on one page: its tags' ids there, and the id
/// there of the person its assignee names.
struct PageBound {
    id: crate::api::PageId,
    tag_ids: Vec<TagId>,
    person: Option<UserId>,
}

/// `user` (an id on one of `pages`) as `staff` knows them: a person has a
/// different id on each page; the name links them.
pub fn same_person(pages: &[super::page::PageCtx], user: &UserId, staff: &Staff) -> Option<UserId> {
    if staff.find(user).is_some() {
        return Some(user.clone());
    }
    let elsewhere = pages.iter().find_map(|p| p.staff.find(user))?;
    staff.find_by_name(&elsewhere.name).map(|u| u.id.clone())
}

impl Matcher<'_> {
    pub fn matches(&self, c: &Conversation) -> bool {
        match self.pages.iter().find(|p| p.id == c.page_id) {
            Some(p) => self
                .filter
                .matches(c, self.now, p.person.as_ref(), &p.tag_ids),
            None => self.filter.matches(c, self.now, None, &[]),
        }
    }
}

/// A named filter, shown as a tab above the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    pub name: String,
    pub filter: Filter,
}

/// The views when none are configured: All, Unread, Mine, Unassigned.
pub fn default_views() -> Vec<View> {
    vec![
        View {
            name: "All".into(),
            filter: Filter::default(),
        },
        View {
            name: "Unread".into(),
            filter: Filter {
                unread_only: true,
                ..Filter::default()
            },
        },
        View {
            name: "Mine".into(),
            filter: Filter {
                assignee: Some(Assignee::Me),
                ..Filter::default()
            },
        },
        View {
            name: "Unassigned".into(),
            filter: Filter {
                assignee: Some(Assignee::Unassigned),
                ..Filter::default()
            },
        },
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
    /// loaded); a tag may be given by name or by id.
    pub fn resolve(&self, tags: &[Tag], staff: &Staff) -> Result<View, String> {
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
                return Err(format!(
                    "view {:?}: give either filter = \"...\" or the fields (tags, unread, ...), not both",
                    self.name
                ));
            }
            let filter =
                parse_expr(line, tags, staff).map_err(|e| format!("view {:?}: {e}", self.name))?;
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
                    .ok_or_else(|| format!("view {:?}: no tag {t:?}", self.name))
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
                    .ok_or_else(|| format!("view {:?}: no staff member {who:?}", self.name))?,
            )),
        };
        let time = |s: &Option<String>, what: &str| -> Result<Option<TimeBound>, String> {
            s.as_deref()
                .map(|v| {
                    TimeBound::parse(v).ok_or_else(|| {
                        format!(
                            "view {:?}: {what} {v:?} is not like 24h, 7d or 2026-11-01",
                            self.name
                        )
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
                    Some(o) => return Err(format!("view {:?}: order_by {o:?}", self.name)),
                },
                unread_only: self.unread,
                assignee,
            },
        })
    }
}

/// Words of the filter line, for the panel's hint.
pub const FILTER_WORDS: &str = "inbox comment live · tag:NAME[,NAME] · post:ID · unread · \
     unread-first · me · unassigned · @NAME · since:24h|7d|2026-11-01 · until:… · created";

/// A name as typed in a filter: accents, case, spaces, `-` and `_` do not
/// matter, so `tag:da-chot`, `tag:dachot` and `tag:"Đã chốt"` are the same.
fn name_key(s: &str) -> String {
    crate::text::fold(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .collect()
}

/// The item `typed` means: its id, or its name exactly; else the only name
/// that begins so; else the only name with a word that begins so (`@phuong`
/// for "Nguyễn Thị Phương"). Several at the first tier that has any is an
/// error that lists them, never a silent guess.
fn pick<'a, T>(
    typed: &str,
    items: &'a [T],
    id: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> &str,
    what: &str,
) -> Result<&'a T, String> {
    let key = name_key(typed);
    if let Some(x) = items
        .iter()
        .find(|x| id(x) == typed || name_key(name(x)) == key)
    {
        return Ok(x);
    }
    if key.is_empty() {
        return Err(format!("no {what} {typed:?}"));
    }
    let begins = |x: &&T| name_key(name(x)).starts_with(&key);
    let word_begins = |x: &&T| {
        crate::text::fold(name(x))
            .split_whitespace()
            .any(|w| name_key(w).starts_with(&key))
    };
    for found in [
        items.iter().filter(begins).collect::<Vec<_>>(),
        items.iter().filter(word_begins).collect(),
    ] {
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(one),
            several => {
                let names: Vec<&str> = several.iter().take(4).map(|x| name(x)).collect();
                let more = if several.len() > 4 { ", …" } else { "" };
                return Err(format!(
                    "{what} {typed:?} could be {}{more}: type more of the name",
                    names.join(", ")
                ));
            }
        }
    }
    Err(format!("no {what} {typed:?}"))
}

/// Split a filter line into words; double quotes keep spaces in a word
/// (`tag:"Đã chốt"`), and are dropped.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Parse a filter line such as `inbox tag:orders,vip unread 24h @phuong`.
/// Names are matched against the pages' tags and staff (see [`name_key`]).
pub fn parse_expr(line: &str, tags: &[Tag], staff: &Staff) -> Result<Filter, String> {
    let mut f = Filter::default();
    let people: Vec<&crate::api::User> = staff.everyone().collect();
    for word in words(line) {
        let lower = word.to_lowercase();
        let (key, value) = lower
            .split_once(':')
            .map_or((lower.as_str(), ""), |(k, v)| (k, v));
        // The value as typed (case kept), after `key:`.
        let raw = word.split_once(':').map_or("", |(_, v)| v);
        match (key, value) {
            ("inbox", "") => f.types.push(ConversationType::Inbox),
            ("comment" | "comments", "") => f.types.push(ConversationType::Comment),
            ("live" | "livestream", "") => f.types.push(ConversationType::Livestream),
            ("unread", "") => f.unread_only = true,
            ("unread-first", "") => f.unread_first = true,
            ("me" | "mine", "") => f.assignee = Some(Assignee::Me),
            ("unassigned", "") => f.assignee = Some(Assignee::Unassigned),
            ("created", "") => f.order_by = Some(OrderBy::InsertedAt),
            ("tag" | "tags", v) if !v.is_empty() => {
                for name in raw.split(',').filter(|n| !n.trim().is_empty()) {
                    let tag = pick(name.trim(), tags, |t| t.id.as_str(), |t| &t.name, "tag")?;
                    if !f.tags.contains(&tag.name) {
                        f.tags.push(tag.name.clone());
                    }
                }
            }
            ("post", v) if !v.is_empty() => f.post_ids.push(raw.to_owned()),
            ("since", v) | ("until", v) if !v.is_empty() => {
                let t = TimeBound::parse(v)
                    .ok_or_else(|| format!("{word:?}: use 24h, 7d or a date"))?;
                if key == "since" {
                    f.since = Some(t);
                } else {
                    f.until = Some(t);
                }
            }
            _ if word.starts_with('@') && word.len() > 1 => {
                let user = pick(
                    &word[1..],
                    &people,
                    |u| u.id.as_str(),
                    |u| &u.name,
                    "staff member",
                )?;
                f.assignee = Some(Assignee::User(user.id.clone()));
            }
            _ => match TimeBound::parse(&word) {
                Some(t @ TimeBound::Ago(_)) => f.since = Some(t),
                _ => return Err(format!("{word:?} is not a filter word")),
            },
        }
    }
    let backwards = match (f.since, f.until) {
        (Some(TimeBound::Ago(s)), Some(TimeBound::Ago(u))) => s < u,
        (Some(TimeBound::At(s)), Some(TimeBound::At(u))) => s > u,
        _ => false,
    };
    if backwards {
        return Err("since is after until: nothing could match".into());
    }
    Ok(f)
}

/// The filter as a line `parse_expr` reads back (to edit the current filter).
pub fn to_expr(f: &Filter, staff: &Staff) -> String {
    let mut words: Vec<String> = f
        .types
        .iter()
        .map(|t| match t {
            ConversationType::Comment => "comment".to_owned(),
            ConversationType::Livestream => "live".to_owned(),
            other => other.as_wire().to_lowercase(),
        })
        .collect();
    let quoted = |name: &str| {
        if name.contains(char::is_whitespace) {
            format!("\"{name}\"")
        } else {
            name.to_owned()
        }
    };
    for name in &f.tags {
        words.push(format!("tag:{}", quoted(name)));
    }
    words.extend(f.post_ids.iter().map(|p| format!("post:{p}")));
    if f.unread_only {
        words.push("unread".into());
    }
    if f.unread_first {
        words.push("unread-first".into());
    }
    match &f.assignee {
        Some(Assignee::Me) => words.push("me".into()),
        Some(Assignee::Unassigned) => words.push("unassigned".into()),
        Some(Assignee::User(u)) => {
            let name = staff
                .find(u)
                .map_or_else(|| u.to_string(), |s| quoted(&s.name));
            words.push(format!("@{name}"));
        }
        None => {}
    }
    let at = |t: TimeBound| match t {
        TimeBound::At(ts) => ts.format_in(&jiff::tz::TimeZone::UTC).replace(' ', "T"),
        other => other.label(),
    };
    if let Some(s) = f.since {
        words.push(format!("since:{}", at(s)));
    }
    if let Some(u) = f.until {
        words.push(format!("until:{}", at(u)));
    }
    if f.order_by == Some(OrderBy::InsertedAt) {
        words.push("created".into());
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_and_absolute_times() {
        assert_eq!(TimeBound::parse("24h"), Some(TimeBound::Ago(86_400)));
        assert_eq!(TimeBound::parse("7d"), Some(TimeBound::Ago(604_800)));
        assert_eq!(TimeBound::parse("30m"), Some(TimeBound::Ago(1800)));
        assert_eq!(
            TimeBound::parse("2026-11-01"),
            Some(TimeBound::At(
                UnixSeconds::parse("2026-11-01T00:00:00").unwrap()
            ))
        );
        assert_eq!(TimeBound::parse("soon"), None);
        assert_eq!(TimeBound::Ago(86_400).label(), "24h");
        assert_eq!(TimeBound::Ago(7 * 86_400).label(), "7d");
        assert_eq!(TimeBound::Ago(14 * 86_400).label(), "2w");
        let now = UnixSeconds(1_800_000_000);
        assert_eq!(
            TimeBound::Ago(3600).resolve(now),
            UnixSeconds(1_799_996_400)
        );
    }

    #[test]
    fn server_query_is_in_seconds_and_local_parts_stay_local() {
        let f = Filter {
            types: vec![ConversationType::Inbox],
            tags: vec!["orders".into()],
            since: Some(TimeBound::Ago(86_400)),
            unread_only: true,
            assignee: Some(Assignee::Me),
            ..Filter::default()
        };
        let tags = vec![Tag {
            id: TagId::new("1"),
            name: "Orders".into(),
            color: None,
            lighten_color: None,
        }];
        let q = f.server_query(UnixSeconds(1_800_000_000), &tags).unwrap();
        assert_eq!(q.tags, vec![TagId::new("1")], "tags go as this page's ids");
        assert_eq!(
            f.server_query(UnixSeconds(1_800_000_000), &[]),
            None,
            "a page without the tag has nothing to ask for"
        );
        assert_eq!(q.since, Some(UnixSeconds(1_799_913_600)));
        assert_eq!(q.types, vec![ConversationType::Inbox]);
        let wire: Vec<String> = q
            .to_pairs(None)
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        assert!(wire.contains(&"since=1799913600".to_string()));
        assert!(
            !wire
                .iter()
                .any(|p| p.contains("unread_only") || p.contains("assign"))
        );
        let f = Filter {
            tags: vec!["Orders".into()],
            ..f
        };
        assert_eq!(
            f.summary(&Staff::default()),
            "INBOX · tag:Orders · unread · mine · 24h"
        );
    }

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
        assert!(
            bad.resolve(&tags, &Staff::default())
                .unwrap_err()
                .contains("no tag")
        );
        // The filter panel's words work in a view too, but not mixed with fields.
        let line: ViewConfig =
            toml::from_str("name = \"Mới\"\nfilter = \"INBOX tag:dat unread 24h\"\n").unwrap();
        let view = line.resolve(&tags, &Staff::default()).unwrap();
        assert_eq!(view.filter.tags, vec!["Đặt hàng".to_string()]);
        assert!(view.filter.unread_only && view.filter.since.is_some());
        let both: ViewConfig =
            toml::from_str("name = \"x\"\nfilter = \"unread\"\nunread = true\n").unwrap();
        assert!(
            both.resolve(&tags, &Staff::default())
                .unwrap_err()
                .contains("not both")
        );
    }

    #[test]
    fn filter_lines_parse_and_round_trip() {
        let tags = vec![Tag {
            id: TagId::new("1"),
            name: "Orders".into(),
            color: None,
            lighten_color: None,
        }];
        let staff = Staff {
            users: vec![crate::api::User {
                id: UserId::new("u1"),
                name: "Lan".into(),
                fb_id: None,
                status: crate::api::models::StaffStatus::Available,
                is_online: true,
            }],
            ..Staff::default()
        };
        let f = parse_expr("inbox tag:orders unread 24h @lan created", &tags, &staff).unwrap();
        assert_eq!(f.types, vec![ConversationType::Inbox]);
        assert_eq!(f.tags, vec!["Orders".to_string()]);
        assert!(f.unread_only);
        assert_eq!(f.since, Some(TimeBound::Ago(86_400)));
        assert_eq!(f.assignee, Some(Assignee::User(UserId::new("u1"))));
        assert_eq!(f.order_by, Some(OrderBy::InsertedAt));
        assert_eq!(parse_expr(&to_expr(&f, &staff), &tags, &staff).unwrap(), f);
        assert!(
            parse_expr("tag:nope", &tags, &staff)
                .unwrap_err()
                .contains("no tag")
        );
        assert!(parse_expr("banana", &tags, &staff).is_err());
        assert!(parse_expr("", &tags, &staff).unwrap().is_empty());
    }

    #[test]
    fn filter_names_with_spaces_lists_and_ambiguity() {
        let tag = |id: &str, name: &str| Tag {
            id: TagId::new(id),
            name: name.into(),
            color: None,
            lighten_color: None,
        };
        let tags = vec![
            tag("1", "Đặt hàng"),
            tag("2", "Đã chốt"),
            tag("3", "VIP"),
            tag("4", "Orders"),
        ];
        let user = |id: &str, name: &str| crate::api::User {
            id: UserId::new(id),
            name: name.into(),
            fb_id: None,
            status: crate::api::models::StaffStatus::Available,
            is_online: true,
        };
        let staff = Staff {
            users: vec![user("u1", "Nguyễn Thị Phương"), user("u2", "Trần Phúc")],
            ..Staff::default()
        };
        let tags_of = |line: &str| parse_expr(line, &tags, &staff).map(|f| f.tags);
        // "đã" begins two tags: said, not guessed.
        let e = tags_of("tag:đã").unwrap_err();
        assert!(e.contains("Đặt hàng") && e.contains("Đã chốt"), "{e}");
        // A tag of two words: quoted, or with - or _, or run together.
        for line in [
            "tag:\"Đã chốt\"",
            "tag:da-chot",
            "tag:da_chot",
            "tag:dachot",
        ] {
            assert_eq!(tags_of(line).unwrap(), ["Đã chốt"], "{line}");
        }
        assert_eq!(tags_of("tag:vip,orders").unwrap(), ["VIP", "Orders"]);
        // Staff: a word of the name; ambiguous ones are listed.
        let who = |line: &str| parse_expr(line, &tags, &staff).map(|f| f.assignee);
        assert_eq!(
            who("@phuong").unwrap(),
            Some(Assignee::User(UserId::new("u1")))
        );
        let e = who("@ph").unwrap_err();
        assert!(e.contains("Phương") && e.contains("Phúc"), "{e}");
        // Round trip with spaces in names.
        let f = parse_expr("tag:dachot @\"Trần Phúc\"", &tags, &staff).unwrap();
        assert_eq!(parse_expr(&to_expr(&f, &staff), &tags, &staff).unwrap(), f);
        // A window that ends before it starts.
        assert!(
            parse_expr("since:2026-11-20 until:2026-11-01", &tags, &staff)
                .unwrap_err()
                .contains("since is after until")
        );
        assert!(parse_expr("since:2d until:7d", &tags, &staff).is_err());
        assert!(parse_expr("since:7d until:2d", &tags, &staff).is_ok());
    }
}
