//! The open conversation's messages, and their layout into screen lines.

use crate::api::{ConversationId, Message, UnixSeconds};
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
    pub customer_id: Option<String>,
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
    pub next_poll: Option<UnixSeconds>,
    /// Replies sent from here and not yet confirmed (shown after the messages).
    pub outgoing: Vec<Outgoing>,
}

/// A reply on its way: "sending", or "failed" with the reason (never dropped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub action: crate::app::actions::ActionId,
    pub text: String,
    pub failed: Option<String>,
}

impl Thread {
    pub fn new(conv: ConversationId, customer_id: Option<String>) -> Self {
        Thread {
            page: crate::api::PageId::default(),
            conv,
            customer_id,
            messages: Vec::new(),
            loading: true,
            loading_older: false,
            exhausted: false,
            error: None,
            scroll: 0,
            lines: Vec::new(),
            width: 0,
            next_poll: None,
            outgoing: Vec::new(),
        }
    }

    /// Merge messages by id (newer copies win), keep them oldest first, and
    /// lay the thread out again. Returns how many were new.
    pub fn merge(
        &mut self,
        incoming: Vec<Message>,
        width: usize,
        tz: &jiff::tz::TimeZone,
    ) -> usize {
        let mut added = 0;
        let mut changed = false;
        for m in incoming {
            match self
                .messages
                .iter_mut()
                .find(|x| x.id == m.id && !m.id.is_empty())
            {
                Some(existing) if *existing == m => {}
                Some(existing) => {
                    *existing = m;
                    changed = true;
                }
                None => {
                    self.messages.push(m);
                    added += 1;
                    changed = true;
                }
            }
        }
        // A poll that brings nothing new costs nothing: laying out a long
        // thread again is the expensive part.
        if changed || self.width != width {
            self.messages.sort_by_key(|m| m.inserted_at);
            self.relayout(width, tz);
        }
        added
    }

    pub fn relayout(&mut self, width: usize, tz: &jiff::tz::TimeZone) {
        self.width = width;
        self.lines = layout(&self.messages, width, tz);
        for o in &self.outgoing {
            let status = match &o.failed {
                None => "sending…".to_owned(),
                Some(why) => format!("FAILED: {why} (x to retry)"),
            };
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
pub fn layout(messages: &[Message], width: usize, tz: &jiff::tz::TimeZone) -> Vec<ThreadLine> {
    let width = width.max(8);
    let mut out = Vec::new();
    for m in messages {
        let when = m.inserted_at.map(|t| t.format_in(tz)).unwrap_or_default();
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
                let name = a.name.as_deref().or(a.url.as_deref()).unwrap_or("");
                let text = format!("  [{}] {name}", a.kind);
                for l in wrap(&text, width) {
                    out.push(ThreadLine {
                        kind: LineKind::Attachment,
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
    out
}
