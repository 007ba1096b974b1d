//! The open conversation's messages, and their layout into screen lines.

use std::collections::HashMap;

use crate::api::models::Attachment;
use crate::api::{ConversationId, Message, UnixSeconds};
use crate::i18n::Lang;
use crate::text::wrap;

/// What a laid-out line shows (the ui picks styles by kind).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Sender and time. `from_page` sets page replies apart.
    Header {
        from_page: bool,
    },
    Body {
        from_page: bool,
    },
    Attachment,
    /// The message a reply quotes, above its body.
    Quote,
    /// Removed or hidden message, shown as such.
    Note,
    Blank,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadLine {
    pub kind: LineKind,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Thread {
    /// The page the conversation is on.
    pub page: crate::api::PageId,
    pub conv: ConversationId,
    /// The `customer_id` the messages call sends (none: asked without).
    pub customer_id: Option<String>,
    /// The customer's page-customer and global ids, and the way the
    /// messages call names them now (pancake-api.md § Messages).
    pub customer_ids: (Option<String>, Option<String>),
    pub asked: crate::api::quirks::ThreadAsk,
    /// Oldest first, unique by id.
    pub messages: Vec<Message>,
    /// The newest messages are being fetched.
    pub loading: bool,
    /// Older messages are being fetched.
    pub loading_older: bool,
    /// Pancake has no older messages.
    pub exhausted: bool,
    pub error: Option<String>,
    /// Lines scrolled up from the bottom (0 = newest visible).
    pub scroll: usize,
    /// Laid-out lines for `width` (kept in step with `messages`).
    pub lines: Vec<ThreadLine>,
    pub width: usize,
    /// How many of `lines` each message has, in order (the outgoing
    /// replies' lines come after them).
    counts: Vec<usize>,
    pub next_poll: Option<UnixSeconds>,
    /// The conversation's `updated_at` as of the last list news about it: a
    /// newer one means new messages to fetch.
    pub seen_updated: Option<UnixSeconds>,
    /// Replies sent from here and not yet confirmed (shown after the messages).
    pub outgoing: Vec<Outgoing>,
    /// The customer's other loaded conversations on this page (slab
    /// indices): found in one walk when the thread opens, kept up to date
    /// as conversations arrive (`update::list::ingest`), so that the
    /// customer panel never walks the list per frame.
    pub others: Vec<usize>,
}

/// A reply on its way: "sending", or "failed" with the reason (never dropped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub action: crate::app::actions::ActionId,
    pub text: String,
    /// Why it is not on its way (the whole note shown), or `None` while it is.
    pub failed: Option<String>,
}

impl Thread {
    pub fn new(conv: ConversationId, customer_id: Option<String>) -> Self {
        Thread {
            page: crate::api::PageId::default(),
            conv,
            customer_ids: (customer_id.clone(), None),
            customer_id,
            asked: Default::default(),
            messages: Vec::new(),
            loading: true,
            loading_older: false,
            exhausted: false,
            error: None,
            scroll: 0,
            lines: Vec::new(),
            width: 0,
            counts: Vec::new(),
            next_poll: None,
            seen_updated: None,
            outgoing: Vec::new(),
            others: Vec::new(),
        }
    }

    /// Merge messages by id (newer copies win), keep them oldest first, and
    /// lay the thread out again. Returns how many were new.
    ///
    /// Only what changed is laid out: a page of older messages, a poll's
    /// new ones or an edited one cost their own lines, not the whole thread
    /// (a 5,000-message thread takes over 100 ms to lay out whole).
    pub fn merge(
        &mut self,
        incoming: Vec<Message>,
        width: usize,
        tz: &jiff::tz::TimeZone,
        lang: Lang,
    ) -> usize {
        let mut index: HashMap<String, usize> = HashMap::new();
        for (i, m) in self.messages.iter().enumerate() {
            if !m.id.is_empty() {
                index.entry(m.id.clone()).or_insert(i);
            }
        }
        let mut changed = vec![false; self.messages.len()];
        let mut reorder = false;
        let mut fresh: Vec<Message> = Vec::new();
        let mut fresh_index: HashMap<String, usize> = HashMap::new();
        for m in incoming {
            if let Some(&i) = index.get(&m.id) {
                let existing = &mut self.messages[i];
                if *existing != m {
                    reorder |= existing.inserted_at != m.inserted_at;
                    *existing = m;
                    changed[i] = true;
                }
            } else if let Some(&j) = fresh_index.get(&m.id) {
                fresh[j] = m;
            } else {
                if !m.id.is_empty() {
                    fresh_index.insert(m.id.clone(), fresh.len());
                }
                fresh.push(m);
            }
        }
        let added = fresh.len();
        let any_change = added > 0 || changed.contains(&true);
        // A poll that brings nothing new costs nothing.
        if !any_change && self.width == width && self.in_step() {
            return 0;
        }
        if reorder || self.width != width || !self.in_step() {
            self.messages.extend(fresh);
            self.messages.sort_by_key(|m| m.inserted_at);
            self.relayout_all(width, tz, lang);
            return added;
        }
        // Walk the old messages and the new ones (sorted) together, moving
        // the old lines across and laying out only the new or changed.
        fresh.sort_by_key(|m| m.inserted_at);
        let mut fresh = fresh.into_iter().peekable();
        let old_messages = std::mem::take(&mut self.messages);
        let old_counts = std::mem::take(&mut self.counts);
        let mut old_lines = std::mem::take(&mut self.lines).into_iter();
        self.messages.reserve(old_messages.len() + added);
        for ((m, n), changed) in old_messages.into_iter().zip(old_counts).zip(changed) {
            while let Some(f) = fresh.next_if(|f| f.inserted_at < m.inserted_at) {
                self.push_message(f, width, tz, lang);
            }
            if changed {
                old_lines.by_ref().take(n).for_each(drop);
                self.push_message(m, width, tz, lang);
            } else {
                self.lines.extend(old_lines.by_ref().take(n));
                self.messages.push(m);
                self.counts.push(n);
            }
        }
        for f in fresh {
            self.push_message(f, width, tz, lang);
        }
        self.push_outgoing();
        added
    }

    /// Bring the layout in step: whole at a new width, otherwise only the
    /// replies on their way (what actions change) are laid out again.
    pub fn relayout(&mut self, width: usize, tz: &jiff::tz::TimeZone, lang: Lang) {
        if self.width == width && self.in_step() {
            self.lines.truncate(self.counts.iter().sum());
            self.push_outgoing();
        } else {
            self.relayout_all(width, tz, lang);
        }
    }

    /// Lay every message out again at `width`.
    pub fn relayout_all(&mut self, width: usize, tz: &jiff::tz::TimeZone, lang: Lang) {
        self.width = width;
        self.lines.clear();
        self.counts.clear();
        for m in std::mem::take(&mut self.messages) {
            self.push_message(m, width, tz, lang);
        }
        self.push_outgoing();
    }

    /// `counts` has one entry per message and they add up to the lines
    /// before the outgoing ones.
    fn in_step(&self) -> bool {
        self.counts.len() == self.messages.len()
            && self.counts.iter().sum::<usize>() <= self.lines.len()
    }

    fn push_message(&mut self, m: Message, width: usize, tz: &jiff::tz::TimeZone, lang: Lang) {
        let before = self.lines.len();
        layout_message(&m, width, tz, lang, &mut self.lines);
        self.counts.push(self.lines.len() - before);
        self.messages.push(m);
    }

    /// The replies sent from here and not yet confirmed, after the messages.
    fn push_outgoing(&mut self) {
        let width = self.width;
        for o in &self.outgoing {
            let status = o.failed.as_deref().unwrap_or("sending…");
            let kind = if o.failed.is_some() {
                LineKind::Note
            } else {
                LineKind::Header { from_page: true }
            };
            self.lines.push(ThreadLine {
                kind,
                text: format!("→ you  {status}"),
            });
            for l in wrap(&o.text, width.max(8).saturating_sub(2)) {
                self.lines.push(ThreadLine {
                    kind: LineKind::Body { from_page: true },
                    text: format!("  {l}"),
                });
            }
            self.lines.push(ThreadLine {
                kind: LineKind::Blank,
                text: String::new(),
            });
        }
    }

    /// Messages loaded so far (the next `current_count`).
    pub fn loaded(&self) -> usize {
        self.messages.len()
    }

    /// Largest useful scroll for `rows` visible lines: the oldest line at the
    /// top with one row above it for the "older messages" / "beginning of
    /// the conversation" line (without it, a thread longer than the pane
    /// never showed that line, not even while older messages were loading).
    pub fn max_scroll(&self, rows: usize) -> usize {
        self.lines.len().saturating_sub(rows.saturating_sub(1))
    }
}

/// Lay messages out as lines of at most `width` columns.
pub fn layout(
    messages: &[Message],
    width: usize,
    tz: &jiff::tz::TimeZone,
    lang: Lang,
) -> Vec<ThreadLine> {
    let mut out = Vec::new();
    for m in messages {
        layout_message(m, width, tz, lang, &mut out);
    }
    out
}

/// One message's lines: header, body or note, attachments, a blank line.
fn layout_message(
    m: &Message,
    width: usize,
    tz: &jiff::tz::TimeZone,
    lang: Lang,
    out: &mut Vec<ThreadLine>,
) {
    let width = width.max(8);
    // `2027-01-15 14:58`, `15/01/2027 14:58`.
    let when = m
        .inserted_at
        .map(|t| crate::app::times::stamp(t, tz, lang))
        .unwrap_or_default();
    let who = match (&m.admin_name, m.from_page) {
        (Some(admin), true) => format!("{} ({admin})", m.from_name),
        _ => m.from_name.clone(),
    };
    let header = if m.from_page {
        format!("→ {who}  {when}")
    } else {
        format!("{who}  {when}")
    };
    for l in wrap(&header, width) {
        out.push(ThreadLine {
            kind: LineKind::Header {
                from_page: m.from_page,
            },
            text: l,
        });
    }
    if m.is_removed {
        out.push(ThreadLine {
            kind: LineKind::Note,
            text: "[message removed]".into(),
        });
    } else {
        if m.is_hidden {
            out.push(ThreadLine {
                kind: LineKind::Note,
                text: "[hidden on Facebook]".into(),
            });
        }
        if let Some(q) = &m.quote {
            let text = match &q.from_name {
                Some(who) => format!("  │ {who}: {}", q.text),
                None => format!("  │ {}", q.text),
            };
            // One line: a long quote is cut, the reply itself is what matters.
            out.push(ThreadLine {
                kind: LineKind::Quote,
                text: crate::text::truncate(&text, width).into_owned(),
            });
        }
        if !m.text.is_empty() {
            for l in wrap(&m.text, width.saturating_sub(2)) {
                out.push(ThreadLine {
                    kind: LineKind::Body {
                        from_page: m.from_page,
                    },
                    text: format!("  {l}"),
                });
            }
        }
        for a in &m.attachments {
            let (kind, text) = attachment_line(a, lang);
            for l in wrap(&text, width) {
                out.push(ThreadLine {
                    kind: kind.clone(),
                    text: l,
                });
            }
        }
    }
    out.push(ThreadLine {
        kind: LineKind::Blank,
        text: String::new(),
    });
}

/// How one attachment reads in the thread: a file with its name or link; a
/// sticker, a like or a reaction as what it is (no link to open); a system
/// message as a note.
fn attachment_line(a: &Attachment, lang: Lang) -> (LineKind, String) {
    use crate::api::models::AttachmentShape;
    match a.shape() {
        AttachmentShape::File => {
            let name = a.name.as_deref().or(a.url.as_deref()).unwrap_or("");
            (LineKind::Attachment, format!("  [{}] {name}", a.kind))
        }
        AttachmentShape::Expression => {
            let text = match (a.kind.as_str(), a.name.as_deref()) {
                ("like", _) => format!("  ({})", crate::i18n::tr(lang, "thread-like")),
                ("reaction", Some(emoji)) => format!(
                    "  ({})",
                    crate::i18n::tr_with(lang, "thread-reacted-with", &[("emoji", emoji.into())])
                ),
                ("reaction", None) => format!("  ({})", crate::i18n::tr(lang, "thread-reacted")),
                (kind, _) => format!("  ({kind})"),
            };
            (LineKind::Attachment, text)
        }
        AttachmentShape::System => (
            LineKind::Note,
            format!(
                "[{}]",
                a.name
                    .clone()
                    .unwrap_or_else(|| crate::i18n::tr(lang, "thread-system-message"))
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_quote_stands_above_the_reply_and_stickers_are_not_files() {
        use crate::api::models::{Attachment, Quote};
        let a = |kind: &str, name: Option<&str>, url: Option<&str>| Attachment {
            kind: kind.into(),
            name: name.map(Into::into),
            url: url.map(Into::into),
            mime_type: None,
        };
        let mut m = message(1, 100, "Dạ còn ạ");
        m.quote = Some(Box::new(Quote {
            from_name: Some("Phương".into()),
            text: "Shop ơi còn size M không ạ? ".repeat(10),
        }));
        m.attachments = vec![
            a("photo", None, Some("https://content.example/1.jpg")),
            a("sticker", None, Some("https://content.example/s.png")),
            a("like", None, None),
            a("reaction", Some("❤️"), None),
            a("system_message", Some("Khách hàng đã đổi tên"), None),
        ];
        let lines = layout(&[m], 40, &jiff::tz::TimeZone::UTC, Lang::En);
        let text: Vec<(&LineKind, &str)> =
            lines.iter().map(|l| (&l.kind, l.text.as_str())).collect();
        let quote = text
            .iter()
            .position(|(k, _)| **k == LineKind::Quote)
            .unwrap();
        let body = text
            .iter()
            .position(|(_, t)| t.contains("Dạ còn ạ"))
            .unwrap();
        assert!(quote < body, "{text:?}");
        assert!(text[quote].1.starts_with("  │ Phương: Shop ơi"));
        assert!(
            crate::text::display_width(text[quote].1) <= 40,
            "one line, cut"
        );
        let rest: Vec<&str> = text[body + 1..].iter().map(|(_, t)| *t).collect();
        assert_eq!(
            rest,
            [
                "  [photo] https://content.example/1.jpg",
                "  (sticker)",
                "  (like)",
                "  (reacted ❤️)",
                "[Khách hàng đã đổi tên]",
                ""
            ]
        );
    }

    fn message(id: u8, at: i64, text: &str) -> Message {
        Message {
            id: if id == 0 {
                String::new()
            } else {
                format!("m{id}")
            },
            from_id: None,
            from_name: format!("Customer {id}"),
            admin_name: None,
            from_page: id.is_multiple_of(3),
            text: text.to_owned(),
            quote: None,
            attachments: Vec::new(),
            inserted_at: (at >= 0).then_some(UnixSeconds(at)),
            kind: None,
            is_hidden: id.is_multiple_of(7),
            is_removed: id.is_multiple_of(11),
        }
    }

    /// The plain merge the incremental one must agree with: replace by id
    /// or push, sort by time (stable), lay out everything.
    fn reference(messages: &mut Vec<Message>, incoming: &[Message]) {
        for m in incoming {
            match messages
                .iter_mut()
                .find(|x| x.id == m.id && !m.id.is_empty())
            {
                Some(x) => *x = m.clone(),
                None => messages.push(m.clone()),
            }
        }
        messages.sort_by_key(|m| m.inserted_at);
    }

    fn batch() -> impl Strategy<Value = Vec<Message>> {
        // Few ids and times so that batches overlap, repeat and tie.
        prop::collection::vec((0u8..40, -1i64..30, "[a-z ]{0,30}|[ỹà😀 ]{0,12}"), 0..12)
            .prop_map(|v| v.iter().map(|(id, at, t)| message(*id, *at, t)).collect())
    }

    proptest! {
        // Failing cases are kept beside this file (the project's top level
        // holds only the crate's own dirs).
        #![proptest_config(ProptestConfig {
            cases: 300,
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::WithSource("regressions"),
            )),
            ..ProptestConfig::default()
        })]

        /// Merging older pages, polls and edits piece by piece lays the
        /// thread out exactly as laying it all out at once.

    #[test]
        fn merging_piece_by_piece_equals_laying_out_whole(
            batches in prop::collection::vec((batch(), prop::sample::select(vec![20usize, 20, 20, 33])), 1..8),
            outgoing in prop::collection::vec("[a-z ]{0,40}", 0..3),
        ) {
            let tz = jiff::tz::TimeZone::UTC;
            let mut t = Thread::new("c".into(), None);
            t.outgoing = outgoing
                .iter()
                .enumerate()
                .map(|(i, text)| Outgoing {
                    action: i as u64,
                    text: text.clone(),
                    failed: None,
                })
                .collect();
            let mut expected = Vec::new();
            for (incoming, width) in batches {
                let added_before = expected.len();
                reference(&mut expected, &incoming);
                let added = t.merge(incoming, width, &tz, Lang::En);
                prop_assert_eq!(added, expected.len() - added_before);
                prop_assert_eq!(&t.messages, &expected);
                let mut whole = Thread::new("c".into(), None);
                whole.outgoing = t.outgoing.clone();
                whole.messages = expected.clone();
                whole.relayout_all(width, &tz, Lang::En);
                prop_assert_eq!(&t.lines, &whole.lines);
            }
        }
    }

    #[test]
    fn an_action_refreshes_the_outgoing_lines_without_laying_out_the_messages() {
        let tz = jiff::tz::TimeZone::UTC;
        let mut t = Thread::new("c".into(), None);
        t.merge(vec![message(1, 1, "hello")], 40, &tz, Lang::En);
        let marker = ThreadLine {
            kind: LineKind::Note,
            text: "laid out before".into(),
        };
        t.lines[0] = marker.clone();
        t.outgoing.push(Outgoing {
            action: 1,
            text: "on its way".into(),
            failed: None,
        });
        t.relayout(40, &tz, Lang::En);
        assert_eq!(t.lines[0], marker, "the message lines were kept");
        assert!(t.lines.iter().any(|l| l.text.contains("on its way")));
        t.outgoing.clear();
        t.relayout(40, &tz, Lang::En);
        assert!(!t.lines.iter().any(|l| l.text.contains("on its way")));
        // A new width lays everything out again.
        t.relayout(30, &tz, Lang::En);
        assert_ne!(t.lines[0], marker);
    }
}
