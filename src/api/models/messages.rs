//! Messages: the raw shapes of a thread's messages and attachments, and
//! the clean models (message, attachment, quote).

use serde::{Deserialize, Serialize};

use super::plain::{clip_chars, strip_html};
use crate::api::ids::PageId;
use crate::api::lenient::{Lenient, lenient_opt, loose_bool, loose_string};
use crate::api::time::{UnixSeconds, de_opt_time};
use crate::text::{sanitize_block, sanitize_line};

#[derive(Debug, Default, Deserialize)]
struct RawFrom {
    #[serde(default, deserialize_with = "loose_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    admin_id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    admin_name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct RawLink {
    #[serde(default, deserialize_with = "loose_string")]
    url: Option<String>,
}

/// An attachment in any of the shapes production clients meet: the link
/// under `url`, `file_url`, `src`, `payload.url`, `image_data.url` or
/// `preview_url`; a `replied_message` carries the quoted message itself.
#[derive(Debug, Deserialize)]
struct RawAttachment {
    #[serde(default, deserialize_with = "loose_string", rename = "type")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    url: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    file_url: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    preview_url: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    src: Option<String>,
    #[serde(default, deserialize_with = "lenient_opt")]
    payload: Option<RawLink>,
    #[serde(default, deserialize_with = "lenient_opt")]
    image_data: Option<RawLink>,
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    title: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    mime_type: Option<String>,
    /// A reaction's emoji (the key varies).
    #[serde(default, deserialize_with = "loose_string")]
    emoji: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    reaction: Option<String>,
    /// A quote's or a system message's text.
    #[serde(default, deserialize_with = "loose_string")]
    message: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    original_message: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    text: Option<String>,
    #[serde(default, deserialize_with = "lenient_opt")]
    from: Option<RawFrom>,
    #[serde(default)]
    attachments: Lenient<RawAttachment>,
}

/// Where an attachment's link may stand, in the order [`RawAttachment`]
/// looks (pancake-api.md § Shapes); the doctor's survey counts which one each came under.
pub const ATTACHMENT_LINK_KEYS: [&str; 6] = [
    "url",
    "file_url",
    "src",
    "payload.url",
    "image_data.url",
    "preview_url",
];

impl RawAttachment {
    /// The first of [`ATTACHMENT_LINK_KEYS`] that holds a link.
    fn link(&mut self) -> Option<String> {
        [
            self.url.take(),
            self.file_url.take(),
            self.src.take(),
            self.payload.take().and_then(|p| p.url),
            self.image_data.take().and_then(|p| p.url),
            self.preview_url.take(),
        ]
        .into_iter()
        .flatten()
        .find(|u| !u.trim().is_empty())
    }

    fn text(&mut self) -> Option<String> {
        self.original_message
            .take()
            .filter(|t| !t.is_empty())
            .or_else(|| self.message.take().map(|m| strip_html(&m)))
            .or_else(|| self.text.take())
    }

    fn into_model(mut self) -> Attachment {
        let kind = sanitize_line(self.kind.as_deref().unwrap_or("file")).to_lowercase();
        let label = match kind.as_str() {
            "reaction" => self.emoji.take().or(self.reaction.take()),
            "system_message" => self.text(),
            _ => None,
        };
        let name = label.or(self.name.take()).or(self.title.take());
        Attachment {
            url: self.link().map(|u| sanitize_line(&u)),
            name: name.map(|n| sanitize_line(clip_chars(&n, QUOTE_MAX_CHARS))),
            mime_type: self.mime_type.take().map(|m| sanitize_line(&m)),
            kind,
        }
    }

    /// A `replied_message` attachment as the quote it is.
    fn into_quote(mut self) -> Quote {
        let from = self.from.take().unwrap_or_default();
        let mut text = self.text().unwrap_or_default();
        if text.trim().is_empty() {
            // A quoted photo or sticker: say what it was.
            text = std::mem::take(&mut self.attachments.items)
                .into_iter()
                .map(|a| format!("[{}]", a.into_model().kind))
                .collect::<Vec<_>>()
                .join(" ");
        }
        Quote {
            from_name: from.name.map(|n| sanitize_line(&n)),
            text: sanitize_line(clip_chars(&text, QUOTE_MAX_CHARS)),
        }
    }
}

/// Longest quote or attachment label kept (a quote is shown on one line).
const QUOTE_MAX_CHARS: usize = 300;

#[derive(Debug, Deserialize)]
pub struct RawMessage {
    #[serde(default, deserialize_with = "loose_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "lenient_opt")]
    from: Option<RawFrom>,
    #[serde(default, deserialize_with = "loose_string")]
    admin_id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    admin_name: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    message: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    original_message: Option<String>,
    #[serde(default)]
    attachments: Lenient<RawAttachment>,
    #[serde(default, deserialize_with = "de_opt_time")]
    inserted_at: Option<UnixSeconds>,
    #[serde(default, deserialize_with = "loose_string", rename = "type")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "loose_bool")]
    is_hidden: Option<bool>,
    #[serde(default, deserialize_with = "loose_bool")]
    is_removed: Option<bool>,
}

/// An attachment, described (never fetched, never rendered as a link escape).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// `photo`, `video`, `file`, `audio`, `sticker`, `like`, `reaction`,
    /// `template`, `system_message`, ... (sanitized, lower case).
    pub kind: String,
    /// The file name, a template's title, a reaction's emoji or a system
    /// message's text (sanitized).
    pub name: Option<String>,
    pub url: Option<String>,
    pub mime_type: Option<String>,
}

/// How an attachment is shown in a thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttachmentShape {
    /// Something with a link to open: a photo, a video, a file, audio.
    File,
    /// A sticker, a like, a reaction: shown as what it is, no link.
    Expression,
    /// Text from Facebook or Pancake about the conversation.
    System,
}

impl Attachment {
    pub fn shape(&self) -> AttachmentShape {
        match self.kind.as_str() {
            "sticker" | "like" | "reaction" => AttachmentShape::Expression,
            "system_message" => AttachmentShape::System,
            _ => AttachmentShape::File,
        }
    }
}

/// The message a reply quotes (`replied_message`), shown above it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Sanitized name of who wrote the quoted message, when given.
    pub from_name: Option<String>,
    /// Sanitized one-line text (or what was quoted: `[photo]`).
    pub text: String,
}

/// One message of a thread, clean.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    pub from_id: Option<String>,
    /// Sanitized sender name.
    pub from_name: String,
    /// The staff member who sent it for the page, when known (sanitized).
    pub admin_name: Option<String>,
    /// True when the page sent it (from.id == page id).
    pub from_page: bool,
    /// Sanitized multi-line text (`original_message` preferred, HTML stripped otherwise).
    pub text: String,
    /// What this message answers, when it quotes one.
    #[serde(default)]
    pub quote: Option<Box<Quote>>,
    pub attachments: Vec<Attachment>,
    pub inserted_at: Option<UnixSeconds>,
    pub kind: Option<String>,
    pub is_hidden: bool,
    pub is_removed: bool,
}

impl RawMessage {
    pub fn into_model(self, page: &PageId) -> Message {
        let from = self.from.unwrap_or_default();
        let text = match self.original_message.filter(|m| !m.is_empty()) {
            Some(plain) => plain,
            None => strip_html(self.message.as_deref().unwrap_or_default()),
        };
        let admin_name = self.admin_name.or(from.admin_name);
        let admin_id = self.admin_id.or(from.admin_id);
        let from_page = from.id.as_deref() == Some(page.as_str()) || admin_id.is_some();
        if let Some(id) = &self.id {
            self.attachments.log_skipped("attachments", id);
        }
        let mut quote = None;
        let mut attachments = Vec::new();
        for a in self.attachments {
            if a.kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case("replied_message"))
            {
                quote.get_or_insert_with(|| Box::new(a.into_quote()));
            } else {
                attachments.push(a.into_model());
            }
        }
        Message {
            id: self.id.unwrap_or_default(),
            from_name: sanitize_line(from.name.as_deref().unwrap_or("?")),
            from_id: from.id,
            admin_name: admin_name.map(|n| sanitize_line(&n)),
            from_page,
            text: sanitize_block(&text),
            quote,
            attachments,
            inserted_at: self.inserted_at,
            kind: self.kind.map(|k| sanitize_line(&k)),
            is_hidden: self.is_hidden.unwrap_or(false),
            is_removed: self.is_removed.unwrap_or(false),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RawMessageList {
    #[serde(default)]
    pub messages: Option<Lenient<RawMessage>>,
}
