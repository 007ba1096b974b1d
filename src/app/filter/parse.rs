//! The filter line (`inbox tag:orders,vip unread 24h @phuong`): words,
//! names matched against the pages' tags and staff, and back.

use crate::api::models::Staff;
use crate::api::{ConversationType, OrderBy, Tag};
use crate::i18n::{Lang, Said};

use super::model::{Assignee, Filter, TimeBound};

/// Words of the filter line, for the panel's hint.
pub const FILTER_WORDS: &str = "inbox comment live · tag:NAME[,NAME] · post:ID · unread · \
     unread-first · snoozed · me · unassigned · @NAME · since:24h|7d|2026-11-01 · until:… · created";

/// What a name in a filter line names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    Tag,
    Staff,
}

/// Why a filter line means nothing, with the word at fault as typed: put
/// into words in the agent's language where shown ([`FilterError::said`]);
/// as text (`Display`, for a log) in English. The filter's own words
/// (`tag:`, `since:`, `24h`) are a syntax: the same in every language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterError {
    /// `banana`: not a word of the filter line.
    NotAWord(String),
    /// `tag:nope`, `@nobody`: nothing of that name or id.
    NotFound(Named, String),
    /// `tag:đã`, `@ph`: the name begins several (up to four of their names,
    /// and whether there are more); said, never guessed.
    Ambiguous {
        named: Named,
        typed: String,
        names: Vec<String>,
        more: bool,
    },
    /// `since:yesterday`: the whole word.
    BadTime(String),
    /// `since:` after `until:`: nothing could match.
    Backwards,
}

impl FilterError {
    /// The message, for the agent's language.
    pub fn said(&self) -> Said {
        match self {
            FilterError::NotAWord(word) => {
                Said::new("filter-error-not-a-word").arg("word", word.as_str())
            }
            FilterError::NotFound(Named::Tag, typed) => {
                Said::new("filter-error-no-tag").arg("name", typed.as_str())
            }
            FilterError::NotFound(Named::Staff, typed) => {
                Said::new("filter-error-no-staff").arg("name", typed.as_str())
            }
            FilterError::Ambiguous {
                named,
                typed,
                names,
                more,
            } => {
                let mut list = names.join(", ");
                if *more {
                    list.push_str(", …");
                }
                let id = match named {
                    Named::Tag => "filter-error-tag-ambiguous",
                    Named::Staff => "filter-error-staff-ambiguous",
                };
                Said::new(id).arg("name", typed.as_str()).arg("names", list)
            }
            FilterError::BadTime(word) => {
                Said::new("filter-error-bad-time").arg("word", word.as_str())
            }
            FilterError::Backwards => Said::new("filter-error-backwards"),
        }
    }
}

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.said().words(Lang::En))
    }
}

impl std::error::Error for FilterError {}

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
    named: Named,
) -> Result<&'a T, FilterError> {
    let key = name_key(typed);
    if let Some(x) = items
        .iter()
        .find(|x| id(x) == typed || name_key(name(x)) == key)
    {
        return Ok(x);
    }
    if key.is_empty() {
        return Err(FilterError::NotFound(named, typed.to_owned()));
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
                return Err(FilterError::Ambiguous {
                    named,
                    typed: typed.to_owned(),
                    names: several.iter().take(4).map(|x| name(x).to_owned()).collect(),
                    more: several.len() > 4,
                });
            }
        }
    }
    Err(FilterError::NotFound(named, typed.to_owned()))
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
pub fn parse_expr(line: &str, tags: &[Tag], staff: &Staff) -> Result<Filter, FilterError> {
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
            ("snoozed", "") => f.snoozed = true,
            ("me" | "mine", "") => f.assignee = Some(Assignee::Me),
            ("unassigned", "") => f.assignee = Some(Assignee::Unassigned),
            ("created", "") => f.order_by = Some(OrderBy::InsertedAt),
            ("tag" | "tags", v) if !v.is_empty() => {
                for name in raw.split(',').filter(|n| !n.trim().is_empty()) {
                    let tag = pick(
                        name.trim(),
                        tags,
                        |t| t.id.as_str(),
                        |t| &t.name,
                        Named::Tag,
                    )?;
                    if !f.tags.contains(&tag.name) {
                        f.tags.push(tag.name.clone());
                    }
                }
            }
            ("post", v) if !v.is_empty() => f.post_ids.push(raw.to_owned()),
            ("since", v) | ("until", v) if !v.is_empty() => {
                let t = TimeBound::parse(v).ok_or_else(|| FilterError::BadTime(word.clone()))?;
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
                    Named::Staff,
                )?;
                f.assignee = Some(Assignee::User(user.id.clone()));
            }
            _ => match TimeBound::parse(&word) {
                Some(t @ TimeBound::Ago(_)) => f.since = Some(t),
                _ => return Err(FilterError::NotAWord(word)),
            },
        }
    }
    let backwards = match (f.since, f.until) {
        (Some(TimeBound::Ago(s)), Some(TimeBound::Ago(u))) => s < u,
        (Some(TimeBound::At(s)), Some(TimeBound::At(u))) => s > u,
        _ => false,
    };
    if backwards {
        return Err(FilterError::Backwards);
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
    words.extend(f.flag_words("-"));
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
    use crate::api::{TagId, UserId};

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
        let snoozed = parse_expr("snoozed tag:orders", &tags, &staff).unwrap();
        assert!(snoozed.snoozed && !f.snoozed);
        assert_eq!(
            parse_expr(&to_expr(&snoozed, &staff), &tags, &staff).unwrap(),
            snoozed
        );
        assert_eq!(
            parse_expr("tag:nope", &tags, &staff)
                .unwrap_err()
                .to_string(),
            "no tag \"nope\""
        );
        assert_eq!(
            parse_expr("banana", &tags, &staff).unwrap_err(),
            FilterError::NotAWord("banana".into())
        );
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
        let e = tags_of("tag:đã").unwrap_err().to_string();
        assert_eq!(
            e,
            "tag \"đã\" could be Đặt hàng, Đã chốt: type more of the name"
        );
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
        let e = who("@ph").unwrap_err().to_string();
        assert!(e.contains("Phương") && e.contains("Phúc"), "{e}");
        // Round trip with spaces in names.
        let f = parse_expr("tag:dachot @\"Trần Phúc\"", &tags, &staff).unwrap();
        assert_eq!(parse_expr(&to_expr(&f, &staff), &tags, &staff).unwrap(), f);
        // A window that ends before it starts.
        assert!(
            parse_expr("since:2026-11-20 until:2026-11-01", &tags, &staff)
                .unwrap_err()
                .to_string()
                .contains("since is after until")
        );
        assert!(parse_expr("since:2d until:7d", &tags, &staff).is_err());
        assert!(parse_expr("since:7d until:2d", &tags, &staff).is_ok());
    }

    /// Each error in both languages: the sentence around the word is the
    /// agent's, the word at fault and the filter's own words as typed.
    #[test]
    fn the_errors_are_said_in_english_and_in_vietnamese() {
        let tag = |id: &str, name: &str| Tag {
            id: TagId::new(id),
            name: name.into(),
            color: None,
            lighten_color: None,
        };
        let tags: Vec<Tag> = ["Một", "Hai", "Ba", "Bốn", "Năm"]
            .iter()
            .enumerate()
            .map(|(i, n)| tag(&i.to_string(), &format!("Đơn {n}")))
            .collect();
        let staff = Staff::default();
        let both = |line: &str| {
            let said = parse_expr(line, &tags, &staff).unwrap_err().said();
            (said.words(Lang::En), said.words(Lang::Vi))
        };
        for (line, en, vi) in [
            (
                "unread f",
                "\"f\" is not a filter word",
                "\"f\" không phải từ của bộ lọc",
            ),
            ("tag:nope", "no tag \"nope\"", "không có nhãn \"nope\""),
            (
                "@Lan",
                "no staff member \"Lan\"",
                "không có nhân viên \"Lan\"",
            ),
            (
                "tag:don",
                "tag \"don\" could be Đơn Một, Đơn Hai, Đơn Ba, Đơn Bốn, …: type more of the name",
                "nhãn \"don\" có thể là Đơn Một, Đơn Hai, Đơn Ba, Đơn Bốn, …: gõ thêm tên cho rõ",
            ),
            (
                "since:hôm-qua",
                "\"since:hôm-qua\": use 24h, 7d or a date",
                "\"since:hôm-qua\": dùng 24h, 7d hoặc một ngày (2026-11-01)",
            ),
            (
                "since:2d until:7d",
                "since is after until: nothing could match",
                "since sau until: không gì khớp được",
            ),
        ] {
            assert_eq!(both(line), (en.to_owned(), vi.to_owned()), "{line}");
        }
    }
}
