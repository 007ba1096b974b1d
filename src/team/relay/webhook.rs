//! A webhook's body read: which event, which page, and for a `messaging`
//! event of a page of the relay, the entries to publish (checked as the
//! inboxes will read them: what they would skip is refused here).
//!
//! The body is untrusted like any API text: read as JSON at most once, the
//! conversation and message through the API's lenient decoders (which
//! sanitize every text), ids checked, nothing of it ever echoed, and the
//! reasons given for a refusal are this module's own words.

use std::collections::HashSet;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::api::models::{RawConversation, RawMessage};
use crate::api::{Conversation, ConversationId, Message, PageId};
use crate::team::event::{TeamEvent, decode_entry, encode_entry};
use crate::text::sanitize_line;

/// Longest message text published (the inboxes keep as much).
const TEXT_MAX_CHARS: usize = 20_000;
/// Longest snippet made from a message, as the list decoder keeps it.
const SNIPPET_MAX_CHARS: usize = 400;
/// Longest id of another page or event kind shown in the log.
const SHOWN_MAX_CHARS: usize = 60;

/// What a webhook's body is.
#[derive(Debug)]
pub enum Hook {
    /// A `messaging` event of one of the relay's pages.
    News(News),
    /// Read, answered 200 and left aside.
    Ignored(Ignored),
}

/// The entries of one event, ready to `XADD`.
#[derive(Debug)]
pub struct News {
    pub page: PageId,
    /// Names the event among others of the page: the message id and its
    /// digest (or the conversation's, without a message).
    pub event: String,
    pub entries: Vec<[(&'static str, String); 4]>,
}

impl News {
    /// Bytes it holds (for the queue's bound).
    pub fn size(&self) -> usize {
        self.event.len()
            + self
                .entries
                .iter()
                .flat_map(|e| e.iter())
                .map(|(k, v)| k.len() + v.len())
                .sum::<usize>()
    }
}

/// Why an event was left aside.
#[derive(Debug, PartialEq, Eq)]
pub enum Ignored {
    /// Billing news (no page).
    Subscription,
    /// A post created or edited.
    Post,
    /// A page the relay is not for (its id sanitized and cut, for the log).
    OtherPage(String),
    /// Another kind of event (sanitized and cut).
    Kind(String),
}

impl std::fmt::Display for Ignored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Ignored::Subscription => f.write_str("a subscription event"),
            Ignored::Post => f.write_str("a post event"),
            Ignored::OtherPage(p) => write!(f, "an event of page {p}, not one of the relay's"),
            Ignored::Kind(k) => write!(f, "an event of unknown type {k:?}"),
        }
    }
}

/// Why a body is not a webhook: this module's words, never the body's.
#[derive(Debug, PartialEq, Eq)]
pub struct Malformed(pub String);

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn bad(why: &str) -> Malformed {
    Malformed(why.to_owned())
}

fn shown(s: &str) -> String {
    sanitize_line(s).chars().take(SHOWN_MAX_CHARS).collect()
}

/// A string or a number, as Pancake writes ids.
fn id_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The body of one webhook POST, read for the relay of `pages`, its
/// entries written by `origin`.
pub fn read_hook(body: &[u8], pages: &HashSet<PageId>, origin: &str) -> Result<Hook, Malformed> {
    let v: Value = serde_json::from_slice(body).map_err(|e| {
        Malformed(format!(
            "not JSON ({:?} error at line {} column {})",
            e.classify(),
            e.line(),
            e.column()
        ))
    })?;
    let obj = v.as_object().ok_or_else(|| bad("not a JSON object"))?;
    let kind = match obj.get("event_type") {
        Some(Value::String(k)) => k.as_str(),
        _ => return Err(bad("no event_type")),
    };
    match kind {
        "messaging" => {}
        "subscription" => return Ok(Hook::Ignored(Ignored::Subscription)),
        "post" => return Ok(Hook::Ignored(Ignored::Post)),
        other => return Ok(Hook::Ignored(Ignored::Kind(shown(other)))),
    }
    let page = id_of(obj.get("page_id")).ok_or_else(|| bad("a messaging event without page_id"))?;
    let page = PageId::new(page);
    if !pages.contains(&page) {
        return Ok(Hook::Ignored(Ignored::OtherPage(shown(page.as_str()))));
    }
    let data = obj
        .get("data")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("a messaging event without data"))?;
    let conversation = data.get("conversation").filter(|c| c.is_object());
    let message = data.get("message").filter(|m| m.is_object());
    let (conversation, message) = decode(&page, conversation, message)?;
    let mut events = Vec::new();
    let event = match (&conversation, &message) {
        (_, Some((cid, m))) => {
            let ev = TeamEvent::Messages {
                conversation: cid.clone(),
                messages: vec![(**m).clone()],
            };
            let body = serde_json::to_string(&ev).unwrap_or_default();
            events.push(ev);
            format!("{}:{}", m.id, short_digest(&body))
        }
        (Some(c), None) => {
            let body = serde_json::to_string(c).unwrap_or_default();
            format!("c:{}:{}", c.id.as_str(), short_digest(&body))
        }
        (None, None) => return Err(bad("a messaging event without conversation or message")),
    };
    if let Some(c) = conversation {
        // The conversation first: an inbox learns of the row, then of its
        // new message.
        events.insert(
            0,
            TeamEvent::Conversations {
                conversations: vec![c],
                partial: true,
            },
        );
    }
    let mut entries = Vec::new();
    for ev in &events {
        let fields =
            encode_entry(&page, origin, ev).ok_or_else(|| bad("too large for one entry"))?;
        // What the inboxes would skip is refused here, where it is seen.
        let read: Vec<(String, Vec<u8>)> = fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone().into_bytes()))
            .collect();
        decode_entry(&page, &read).map_err(|skip| Malformed(format!("unusable: {skip}")))?;
        entries.push(fields);
    }
    Ok(Hook::News(News {
        page,
        event,
        entries,
    }))
}

/// The first 8 bytes of SHA-256, in hex.
fn short_digest(s: &str) -> String {
    Sha256::digest(s.as_bytes())[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

type Decoded = (Option<Conversation>, Option<(ConversationId, Box<Message>)>);

/// The conversation and the message of a `messaging` event, decoded by
/// the API's decoders, checked against each other and the page, and the
/// conversation completed from the message (what a webhook leaves out).
fn decode(
    page: &PageId,
    conversation: Option<&Value>,
    message: Option<&Value>,
) -> Result<Decoded, Malformed> {
    let mut conv = match conversation {
        None => None,
        Some(c) => {
            let raw: RawConversation = serde_json::from_value(c.clone())
                .map_err(|_| bad("its conversation cannot be read (no id?)"))?;
            let conv = raw.into_model(page);
            if &conv.page_id != page {
                return Err(bad("its conversation names another page"));
            }
            Some(conv)
        }
    };
    let Some(m) = message else {
        return Ok((conv, None));
    };
    let raw: RawMessage =
        serde_json::from_value(m.clone()).map_err(|_| bad("its message cannot be read"))?;
    let mut msg = raw.into_model(page);
    if msg.id.is_empty() {
        return Err(bad("its message has no id"));
    }
    if let Some(p) = id_of(m.get("page_id"))
        && p != page.as_str()
    {
        return Err(bad("its message names another page"));
    }
    let cid = match (id_of(m.get("conversation_id")), &conv) {
        (Some(said), Some(c)) if said != c.id.as_str() => {
            return Err(bad("its message is of another conversation"));
        }
        (_, Some(c)) => c.id.clone(),
        (Some(said), None) => ConversationId::new(said),
        (None, None) => return Err(bad("its message names no conversation")),
    };
    if msg.text.chars().count() > TEXT_MAX_CHARS {
        msg.text = msg.text.chars().take(TEXT_MAX_CHARS).collect();
    }
    if let (Some(c), Some(raw_conv)) = (&mut conv, conversation) {
        complete(c, &msg, raw_conv, m);
    }
    Ok((conv, Some((cid, Box::new(msg)))))
}

/// What a webhook's conversation lacks, from its message: when it moved,
/// when the customer last wrote, the customer's name, page customer id and
/// PSID, whether it is unread; and its snippet is the message's text.
fn complete(c: &mut Conversation, msg: &Message, raw_conv: &Value, raw_msg: &Value) {
    if let Some(at) = msg.inserted_at {
        c.updated_at = Some(c.updated_at.map_or(at, |u| u.max(at)));
        if !msg.from_page {
            c.last_customer_message_at = Some(c.last_customer_message_at.map_or(at, |u| u.max(at)));
        }
    }
    if !msg.from_page {
        if c.customer.page_customer_id.is_none() {
            c.customer.page_customer_id = id_of(raw_msg.pointer("/from/page_customer_id"));
        }
        if c.customer.psid.is_none() {
            c.customer.psid = msg.from_id.clone();
        }
        if raw_conv.get("from").is_none()
            && raw_conv.get("customers").is_none()
            && !msg.from_name.is_empty()
            && msg.from_name != "?"
        {
            c.customer.name = msg.from_name.chars().take(SNIPPET_MAX_CHARS).collect();
        }
        // A customer's message is news for the page, unless the payload
        // says the conversation was read.
        if raw_conv.get("seen").is_none() {
            c.seen = false;
        }
    }
    let line = msg.text.lines().find(|l| !l.trim().is_empty());
    if let Some(line) = line {
        c.snippet = sanitize_line(line)
            .chars()
            .take(SNIPPET_MAX_CHARS)
            .collect();
    }
}
