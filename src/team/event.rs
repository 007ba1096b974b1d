//! One entry of a page's news stream: `XADD <stream_key> MAXLEN ~ N * v 1
//! page <id> origin <who> body <json>`. Whoever wrote it (another inbox, a
//! relay, or anyone with the Redis password) is not trusted: an entry is
//! read back only if it is this format's version, names the page whose
//! stream it is in, fits in [`MAX_ENTRY_BYTES`], and parses; then its
//! lists are cut to the caps below and every text is sanitized again, as
//! the API's decoders do. An entry that fails is skipped ([`Skip`]), never
//! fatal.

use serde::{Deserialize, Serialize};

use crate::api::models::Staff;
use crate::api::{Conversation, ConversationId, Message, PageId, Tag, TagId, UserId};
use crate::text::{sanitize_block, sanitize_line};

/// The format written in each entry's `v` field.
pub const FORMAT: &str = "1";
/// The largest `body` read or written.
pub const MAX_ENTRY_BYTES: usize = 256 * 1024;
/// The largest answer shared for the team's reads (a list page of 60
/// conversations with long names and snippets: a few hundred KB at most).
pub const MAX_READ_BYTES: usize = 2 * 1024 * 1024;
/// Entries a page's stream keeps (`XADD … MAXLEN ~`).
pub const STREAM_MAXLEN: usize = 10_000;
/// Most conversations in one entry (a list page is 60 at most).
pub const MAX_CONVERSATIONS: usize = 200;
/// Most messages in one entry (a thread page is 30).
pub const MAX_MESSAGES: usize = 100;
/// Most tags, staff members, or ids in any one list of an entry.
pub const MAX_LIST: usize = 1_000;
/// Longest id kept (page, conversation, message, tag, user, origin).
pub const MAX_ID_CHARS: usize = 200;

/// The stream of a page's news, under the team's key prefix.
pub fn stream_key(prefix: &str, page: &PageId) -> String {
    format!("{prefix}:news:{}", page.as_str())
}

/// What one entry says happened on the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TeamEvent {
    /// Conversations as Pancake answered a list or delta poll, or as a
    /// webhook carried one: upserts, newest state wins (`updated_at`).
    Conversations {
        conversations: Vec<Conversation>,
        /// What a webhook carries (no tags, assignees, counts): merged
        /// into what an inbox has, never taken for all of it.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        partial: bool,
    },
    /// Messages of one conversation (a thread page as fetched, or one new
    /// message from a webhook): merged by message id.
    Messages {
        conversation: ConversationId,
        messages: Vec<Message>,
    },
    /// The page's tags as Pancake listed them.
    Tags { tags: Vec<Tag> },
    /// The page's staff as Pancake listed them.
    Staff { staff: Staff },
    /// An agent's change, confirmed by Pancake: the conversation's tags now.
    Tagged {
        conversation: ConversationId,
        tags: Vec<TagId>,
    },
    /// An agent's change, confirmed by Pancake: the assignees now.
    Assigned {
        conversation: ConversationId,
        assignees: Vec<UserId>,
    },
    /// An agent marked the conversation read (`true`) or unread.
    Seen {
        conversation: ConversationId,
        seen: bool,
    },
}

/// An entry read back: who wrote it (an inbox's or relay's own id, to skip
/// one's own news) and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub origin: String,
    pub event: TeamEvent,
}

/// Why an entry was skipped (for the log; never shown raw).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Another format's version, or no `v`.
    Version,
    /// It names another page than the stream's, or none.
    OtherPage,
    /// Its body is over [`MAX_ENTRY_BYTES`].
    TooBig(usize),
    /// A field is missing, or the body is not this format's JSON.
    Malformed(String),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Version => f.write_str("another format version"),
            Skip::OtherPage => f.write_str("entry names another page"),
            Skip::TooBig(n) => write!(f, "entry of {n} bytes, over the cap"),
            Skip::Malformed(why) => write!(f, "malformed entry: {why}"),
        }
    }
}

/// The fields of an entry to `XADD`, or `None` when the event's body would
/// be over [`MAX_ENTRY_BYTES`] (the writer then splits it or leaves it out).
pub fn encode_entry(
    page: &PageId,
    origin: &str,
    event: &TeamEvent,
) -> Option<[(&'static str, String); 4]> {
    let body = serde_json::to_string(event).ok()?;
    if body.len() > MAX_ENTRY_BYTES {
        return None;
    }
    Some([
        ("v", FORMAT.to_owned()),
        ("page", page.as_str().to_owned()),
        ("origin", origin.to_owned()),
        ("body", body),
    ])
}

/// An entry of `page`'s stream as `XREAD` returns its fields, checked,
/// clamped and sanitized; or why it is skipped.
pub fn decode_entry(page: &PageId, fields: &[(String, Vec<u8>)]) -> Result<Entry, Skip> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_slice())
    };
    if field("v") != Some(FORMAT.as_bytes()) {
        return Err(Skip::Version);
    }
    if field("page") != Some(page.as_str().as_bytes()) {
        return Err(Skip::OtherPage);
    }
    let origin = field("origin").ok_or_else(|| Skip::Malformed("no origin".into()))?;
    let origin = sanitize_line(&String::from_utf8_lossy(origin));
    let body = field("body").ok_or_else(|| Skip::Malformed("no body".into()))?;
    let event = decode_body(page, body, MAX_ENTRY_BYTES)?;
    Ok(Entry {
        origin: cut(&origin, MAX_ID_CHARS),
        event,
    })
}

/// An event's JSON body (of a stream entry, or of a read shared by the
/// team), of at most `max` bytes, checked against `page`, clamped and sanitized.
pub fn decode_body(page: &PageId, body: &[u8], max: usize) -> Result<TeamEvent, Skip> {
    if body.len() > max {
        return Err(Skip::TooBig(body.len()));
    }
    let event: TeamEvent =
        serde_json::from_slice(body).map_err(|e| Skip::Malformed(e.to_string()))?;
    clean(page, event)
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

fn id_ok(s: &str) -> bool {
    !s.is_empty() && s.chars().count() <= MAX_ID_CHARS && !s.chars().any(char::is_control)
}

fn ids_ok<'a>(mut ids: impl Iterator<Item = &'a str>) -> bool {
    ids.all(id_ok)
}

/// The event as the API's decoders would have made it: lists cut to the
/// caps, every display text sanitized again (sanitizing is idempotent),
/// ids checked. A conversation of another page fails the whole entry.
fn clean(page: &PageId, event: TeamEvent) -> Result<TeamEvent, Skip> {
    let bad_id = || Skip::Malformed("bad id".into());
    Ok(match event {
        TeamEvent::Conversations {
            mut conversations,
            partial,
        } => {
            conversations.truncate(MAX_CONVERSATIONS);
            for c in &conversations {
                if &c.page_id != page {
                    return Err(Skip::OtherPage);
                }
            }
            TeamEvent::Conversations {
                conversations: conversations
                    .into_iter()
                    .map(clean_conversation)
                    .collect::<Option<_>>()
                    .ok_or_else(bad_id)?,
                partial,
            }
        }
        TeamEvent::Messages {
            conversation,
            mut messages,
        } => {
            if !id_ok(conversation.as_str()) {
                return Err(bad_id());
            }
            messages.truncate(MAX_MESSAGES);
            TeamEvent::Messages {
                conversation,
                messages: messages
                    .into_iter()
                    .map(clean_message)
                    .collect::<Option<_>>()
                    .ok_or_else(bad_id)?,
            }
        }
        TeamEvent::Tags { mut tags } => {
            tags.truncate(MAX_LIST);
            if !ids_ok(tags.iter().map(|t| t.id.as_str())) {
                return Err(bad_id());
            }
            for t in &mut tags {
                t.name = sanitize_line(&t.name);
            }
            TeamEvent::Tags { tags }
        }
        TeamEvent::Staff { mut staff } => {
            staff.users.truncate(MAX_LIST);
            staff.disabled.truncate(MAX_LIST);
            staff.round_robin.inbox.truncate(MAX_LIST);
            staff.round_robin.comment.truncate(MAX_LIST);
            for u in staff.users.iter_mut().chain(staff.disabled.iter_mut()) {
                if !id_ok(u.id.as_str()) {
                    return Err(bad_id());
                }
                u.name = sanitize_line(&u.name);
                u.fb_id = u.fb_id.take().filter(|f| id_ok(f));
            }
            let rr = &staff.round_robin;
            if !ids_ok(rr.inbox.iter().chain(&rr.comment).map(|u| u.as_str())) {
                return Err(bad_id());
            }
            TeamEvent::Staff { staff }
        }
        TeamEvent::Tagged {
            conversation,
            mut tags,
        } => {
            tags.truncate(MAX_LIST);
            if !id_ok(conversation.as_str()) || !ids_ok(tags.iter().map(|t| t.as_str())) {
                return Err(bad_id());
            }
            TeamEvent::Tagged { conversation, tags }
        }
        TeamEvent::Assigned {
            conversation,
            mut assignees,
        } => {
            assignees.truncate(MAX_LIST);
            if !id_ok(conversation.as_str()) || !ids_ok(assignees.iter().map(|u| u.as_str())) {
                return Err(bad_id());
            }
            TeamEvent::Assigned {
                conversation,
                assignees,
            }
        }
        TeamEvent::Seen { conversation, seen } => {
            if !id_ok(conversation.as_str()) {
                return Err(bad_id());
            }
            TeamEvent::Seen { conversation, seen }
        }
    })
}

/// Longest snippet kept, as the list decoder keeps it.
const SNIPPET_MAX_CHARS: usize = 400;
/// Longest message text kept from the team (a Messenger text is far less).
const TEXT_MAX_CHARS: usize = 20_000;

fn clean_conversation(mut c: Conversation) -> Option<Conversation> {
    if !id_ok(c.id.as_str()) || !ids_ok(c.tags.iter().map(|t| t.as_str())) {
        return None;
    }
    if !ids_ok(c.assignee_ids.iter().map(|u| u.as_str())) {
        return None;
    }
    c.tags.truncate(MAX_LIST);
    c.assignee_ids.truncate(MAX_LIST);
    c.customer.name = sanitize_line(&c.customer.name);
    for id in [
        &mut c.customer.page_customer_id,
        &mut c.customer.global_id,
        &mut c.customer.psid,
        &mut c.post_id,
    ] {
        *id = id.take().filter(|s| id_ok(s));
    }
    c.customer.legacy_id = None;
    c.snippet = cut(&sanitize_line(&c.snippet), SNIPPET_MAX_CHARS);
    c.phones.truncate(20);
    for p in &mut c.phones {
        *p = cut(&sanitize_line(p), 40);
    }
    // The customer's record and tag history are read from Pancake when the
    // conversation is opened; the team's copy is not taken.
    c.page_customer = None;
    c.tag_history.clear();
    Some(c)
}

fn clean_message(mut m: Message) -> Option<Message> {
    if !id_ok(&m.id) {
        return None;
    }
    m.from_id = m.from_id.take().filter(|s| id_ok(s));
    m.from_name = sanitize_line(&m.from_name);
    m.admin_name = m.admin_name.map(|n| sanitize_line(&n));
    m.text = cut(&sanitize_block(&m.text), TEXT_MAX_CHARS);
    m.kind = m.kind.map(|k| cut(&sanitize_line(&k), 40));
    if let Some(q) = &mut m.quote {
        q.from_name = q.from_name.take().map(|n| sanitize_line(&n));
        q.text = cut(&sanitize_line(&q.text), SNIPPET_MAX_CHARS);
    }
    m.attachments.truncate(50);
    for a in &mut m.attachments {
        a.kind = cut(&sanitize_line(&a.kind).to_lowercase(), 40);
        a.name = a.name.take().map(|n| cut(&sanitize_line(&n), 400));
        a.url = a
            .url
            .take()
            .map(|u| sanitize_line(&u))
            .filter(|u| u.len() <= 4_000);
        a.mime_type = a.mime_type.take().map(|t| cut(&sanitize_line(&t), 100));
    }
    Some(m)
}
