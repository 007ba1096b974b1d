//! The filter itself: what it asks Pancake, what it applies to what is
//! loaded, and what it means on each page.

use crate::api::models::Staff;
use crate::api::{ConversationQuery, ConversationType, OrderBy, Tag, TagId, UnixSeconds, UserId};
use crate::app::convs::Fields;

/// Whose conversations.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Assignee {
    Me,
    Unassigned,
    User(UserId),
}

/// A time bound: relative to now (`24h`) or a fixed time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
            // A huge count saturates at what can be written (no overflow).
            return (n >= 0).then_some(TimeBound::Ago(n.saturating_mul(secs)));
        }
        let date = format!("{s}{}", if s.len() == 10 { "T00:00:00" } else { "" });
        UnixSeconds::parse(&date).map(TimeBound::At)
    }

    pub fn resolve(self, now: UnixSeconds) -> UnixSeconds {
        match self {
            TimeBound::Ago(secs) => UnixSeconds(now.0.saturating_sub(secs)),
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

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
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
    /// Local only: the snoozed conversations (any other filter leaves them
    /// out until they are due).
    pub snoozed: bool,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether what it matches moves with the clock (`since 24h`).
    pub fn relative(&self) -> bool {
        [self.since, self.until]
            .iter()
            .any(|t| matches!(t, Some(TimeBound::Ago(_))))
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
        pages: &[crate::app::page::PageCtx],
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
        c: &impl Fields,
        now: UnixSeconds,
        person: Option<&UserId>,
        tag_ids: &[TagId],
    ) -> bool {
        (self.types.is_empty() || self.types.contains(&c.kind()))
            && (self.tags.is_empty() || tag_ids.iter().any(|t| c.has_tag(t)))
            && (self.post_ids.is_empty()
                || c.post_id()
                    .is_some_and(|p| self.post_ids.iter().any(|q| q == p)))
            && self
                .since
                .is_none_or(|s| c.updated_at().is_some_and(|u| u >= s.resolve(now)))
            && self
                .until
                .is_none_or(|s| c.updated_at().is_some_and(|u| u <= s.resolve(now)))
            && (!self.unread_only || !c.seen())
            && match &self.assignee {
                None => true,
                Some(Assignee::Unassigned) => c.unassigned(),
                Some(Assignee::Me | Assignee::User(_)) => person.is_some_and(|m| c.assigned_to(m)),
            }
    }

    /// The flags that are on, as words: `unread`, `snoozed`, `unread first`
    /// (`space` between the words of one: `-` in a filter line).
    pub fn flag_words(&self, space: &str) -> Vec<String> {
        let flags = [
            (self.unread_only, "unread"),
            (self.snoozed, "snoozed"),
            (self.unread_first, "unread first"),
        ];
        let on = flags.iter().filter(|f| f.0);
        on.map(|f| f.1.replace(' ', space)).collect()
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
        parts.extend(self.flag_words(" "));
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
pub fn same_person(
    pages: &[crate::app::page::PageCtx],
    user: &UserId,
    staff: &Staff,
) -> Option<UserId> {
    if staff.find(user).is_some() {
        return Some(user.clone());
    }
    let elsewhere = pages.iter().find_map(|p| p.staff.find(user))?;
    staff.find_by_name(&elsewhere.name).map(|u| u.id.clone())
}

impl Matcher<'_> {
    pub fn matches(&self, c: &impl Fields) -> bool {
        match self.pages.iter().find(|p| &p.id == c.page_id()) {
            Some(p) => self
                .filter
                .matches(c, self.now, p.person.as_ref(), &p.tag_ids),
            None => self.filter.matches(c, self.now, None, &[]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A count too large for seconds saturates instead of overflowing
    /// (typed in the filter line or written in a view of config.toml).
    #[test]
    fn a_huge_time_count_saturates() {
        let t = TimeBound::parse("9999999999999999w").expect("read");
        assert_eq!(t, TimeBound::Ago(i64::MAX));
        assert_eq!(t.resolve(UnixSeconds(1_000)), UnixSeconds(1_000 - i64::MAX));
    }

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
}
