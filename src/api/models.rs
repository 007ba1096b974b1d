//! What the Pancake API sends, decoded tolerantly, and the clean models the app uses.
//!
//! Every `Raw*` struct accepts what the real API may send (missing or null fields,
//! unknown fields, ids as numbers or strings, `null` inside id lists, phones as
//! strings or objects, the older documented shapes and the reference's; see
//! pancake-api.md § Shapes). Every list is decoded element by element ([`Lenient`]): one
//! element that cannot be read is skipped and counted, never the whole page.
//! Only a conversation's or a tag's `id` is required.
//!
//! Converting a raw value into a model is the **one boundary** where
//! untrusted text is sanitized: names, snippets, tag names and message
//! texts in the models are safe to put on screen. Ids are kept verbatim for
//! round trips and must be sanitized if ever displayed.

pub use super::customer_record::Customer;
use super::customer_record::{RawPhone, clean_phones};
use serde::{Deserialize, Serialize};

use super::ids::{ConversationId, PageId, TagId, UserId};
use super::lenient::{Lenient, id_list, lenient_opt, loose_bool, loose_string, loose_u32};
use super::time::{UnixSeconds, de_opt_time};
use crate::text::{sanitize_block, sanitize_line};

// ---------------------------------------------------------------- conversations

/// Conversation type as Pancake names it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ConversationType {
    #[default]
    Inbox,
    Comment,
    Livestream,
    Other(String),
}

impl ConversationType {
    pub fn parse(s: &str) -> Self {
        match s.to_ascii_uppercase().as_str() {
            "INBOX" => Self::Inbox,
            "COMMENT" => Self::Comment,
            "LIVESTREAM" => Self::Livestream,
            other => Self::Other(sanitize_line(other)),
        }
    }
    /// The wire form (`INBOX`, `COMMENT`, `LIVESTREAM`).
    pub fn as_wire(&self) -> &str {
        match self {
            Self::Inbox => "INBOX",
            Self::Comment => "COMMENT",
            Self::Livestream => "LIVESTREAM",
            Self::Other(s) => s,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct RawPerson {
    #[serde(default, deserialize_with = "loose_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    fb_id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    phone: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct RawLastMessage {
    #[serde(default, deserialize_with = "loose_string")]
    text: Option<String>,
}

/// A conversation as the real service, the reference or older documents
/// shape it. Only `id` is required; every other field that cannot be read
/// is taken as missing.
#[derive(Debug, Deserialize)]
pub struct RawConversation {
    id: ConversationId,
    #[serde(default, deserialize_with = "loose_string", rename = "type")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    page_id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    page_uid: Option<String>,
    /// The **global** customer id (= `page_customer.customer_id`), not the
    /// page customer's (pancake-api.md § Three customer ids).
    #[serde(default, deserialize_with = "loose_string")]
    customer_id: Option<String>,
    #[serde(default)]
    customers: Lenient<RawPerson>,
    #[serde(default)]
    participants: Lenient<RawPerson>,
    /// The customer as Facebook knows them: `id` is the **PSID**, never the
    /// customer id.
    #[serde(default, deserialize_with = "lenient_opt")]
    from: Option<RawPerson>,
    #[serde(default, deserialize_with = "loose_string")]
    snippet: Option<String>,
    #[serde(default, deserialize_with = "lenient_opt")]
    last_message: Option<RawLastMessage>,
    #[serde(default, deserialize_with = "loose_bool")]
    seen: Option<bool>,
    #[serde(default, deserialize_with = "id_list")]
    tags: Vec<TagId>,
    #[serde(default, deserialize_with = "id_list")]
    assignee_ids: Vec<UserId>,
    #[serde(default, deserialize_with = "loose_string")]
    post_id: Option<String>,
    #[serde(default, deserialize_with = "loose_u32")]
    message_count: Option<u32>,
    #[serde(default, deserialize_with = "de_opt_time")]
    inserted_at: Option<UnixSeconds>,
    #[serde(default, deserialize_with = "de_opt_time")]
    updated_at: Option<UnixSeconds>,
    #[serde(default, deserialize_with = "de_opt_time")]
    last_customer_message_at: Option<UnixSeconds>,
    #[serde(default)]
    recent_phone_numbers: Lenient<RawPhone>,
    /// The page customer's record, embedded (pancake-api.md § Customers).
    #[serde(default, deserialize_with = "lenient_opt")]
    page_customer: Option<super::customer_record::RawCustomer>,
    /// Who tagged what, when (pancake-api.md § Customers).
    #[serde(default)]
    tag_histories: Lenient<super::customer_record::RawTagHistory>,
}

/// A conversation, clean: display strings sanitized, ids verbatim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    pub id: ConversationId,
    pub page_id: PageId,
    pub kind: ConversationType,
    pub customer: Customer,
    /// Sanitized one-line snippet of the last message.
    pub snippet: String,
    pub seen: bool,
    pub tags: Vec<TagId>,
    pub assignee_ids: Vec<UserId>,
    pub post_id: Option<String>,
    pub message_count: Option<u32>,
    pub inserted_at: Option<UnixSeconds>,
    pub updated_at: Option<UnixSeconds>,
    pub last_customer_message_at: Option<UnixSeconds>,
    /// Sanitized phone numbers seen in the conversation.
    pub phones: Vec<String>,
    /// The page customer's record as the conversation embeds it.
    #[serde(default)]
    pub page_customer: Option<super::customer_record::PageCustomer>,
    /// Who tagged what, when (oldest first).
    #[serde(default)]
    pub tag_history: Vec<super::customer_record::TagChange>,
}

/// Longest snippet kept for a list row; the rest would never be shown.
const SNIPPET_MAX_CHARS: usize = 400;

fn clip_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

impl RawConversation {
    /// Clean the raw value. `page` fills in a missing page id.
    pub fn into_model(self, page: &PageId) -> Conversation {
        let RawConversation {
            id,
            kind,
            page_id,
            page_uid,
            customer_id,
            customers,
            participants,
            from,
            snippet,
            last_message,
            seen,
            tags,
            assignee_ids,
            post_id,
            message_count,
            inserted_at,
            updated_at,
            last_customer_message_at,
            recent_phone_numbers,
            page_customer,
            tag_histories,
        } = self;
        customers.log_skipped("customers", id.as_str());
        participants.log_skipped("participants", id.as_str());
        recent_phone_numbers.log_skipped("recent_phone_numbers", id.as_str());
        let listed = customers
            .into_iter()
            .next()
            .or_else(|| participants.into_iter().next());
        let from = from.unwrap_or_default();
        let record = page_customer.map(super::customer_record::RawCustomer::into_model);
        let embedded = record.as_ref().map(|r| &r.customer);
        // Three ids (pancake-api.md § Three customer ids): the page
        // customer's from `customers[0].id` or `page_customer.id`; the
        // global one from the top-level `customer_id` or
        // `page_customer.customer_id`; the PSID from `fb_id`, `psid` or
        // `from.id`. None stands in for another.
        let (page_customer_id, fb_id, name, phone) = match listed {
            Some(p) => (
                p.id,
                p.fb_id.or(from.id),
                p.name.or(from.name),
                p.phone.or(from.phone),
            ),
            None => (None, from.id, from.name, from.phone),
        };
        let page_customer_id = page_customer_id
            .filter(|c| !c.is_empty())
            .or_else(|| embedded.and_then(|e| e.page_customer_id.clone()));
        let global_id = customer_id
            .filter(|c| !c.is_empty())
            .or_else(|| embedded.and_then(|e| e.global_id.clone()));
        let psid = fb_id
            .filter(|c| !c.is_empty())
            .or_else(|| embedded.and_then(|e| e.psid.clone()));
        tag_histories.log_skipped("tag_histories", id.as_str());
        let mut tag_history: Vec<super::customer_record::TagChange> = tag_histories
            .into_iter()
            .filter_map(super::customer_record::RawTagHistory::into_model)
            .collect();
        tag_history.sort_by_key(|t| t.at);
        let phones = clean_phones(
            recent_phone_numbers
                .into_iter()
                .filter_map(RawPhone::number)
                .chain(phone),
        );
        let snippet = snippet
            .or_else(|| last_message.and_then(|m| m.text))
            .unwrap_or_default();
        // Snippets may hold HTML (`<br>`, `&amp;`) as message bodies do.
        let snippet = if snippet.contains(['<', '&']) {
            strip_html(clip_chars(&snippet, SNIPPET_MAX_CHARS * 2))
        } else {
            snippet
        };
        let name = name
            .as_deref()
            .map(|n| sanitize_line(clip_chars(n, SNIPPET_MAX_CHARS)))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "(unknown customer)".into());
        Conversation {
            id,
            page_id: page_id
                .or(page_uid)
                .map(PageId)
                .unwrap_or_else(|| page.clone()),
            kind: kind
                .as_deref()
                .map(ConversationType::parse)
                .unwrap_or_default(),
            customer: Customer {
                page_customer_id,
                legacy_id: None,
                global_id,
                psid,
                name,
            },
            snippet: sanitize_line(clip_chars(&snippet, SNIPPET_MAX_CHARS)),
            // A payload that does not say is taken as read: never invent unread work.
            seen: seen.unwrap_or(true),
            tags,
            assignee_ids,
            post_id: post_id.filter(|p| !p.is_empty()),
            message_count,
            inserted_at,
            updated_at,
            last_customer_message_at,
            phones,
            page_customer: record,
            tag_history,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RawConversationList {
    /// Missing: not a list answer at all (an error without `success: false`).
    #[serde(default)]
    pub conversations: Option<Lenient<RawConversation>>,
}

// ---------------------------------------------------------------- messages

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

/// Plain text from the HTML Pancake puts in `message`: tags dropped, `<br>` and
/// block ends as newlines, the common entities decoded. Not an HTML parser: the
/// result is sanitized afterwards like any other text.
pub fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let tag = after[1..gt].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or("");
        if matches!(name, "br" | "p" | "div" | "li") && (name == "br" || tag.starts_with('/')) {
            out.push('\n');
        }
        rest = &after[gt + 1..];
    }
    out.push_str(rest);
    decode_entities(out.trim_end_matches('\n'))
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let ent = &after[1..i];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ => ent
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, i))
        });
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[derive(Debug, Deserialize)]
pub struct RawMessageList {
    #[serde(default)]
    pub messages: Option<Lenient<RawMessage>>,
}

// ---------------------------------------------------------------- tags, staff, pages

#[derive(Debug, Deserialize)]
pub struct RawTag {
    id: TagId,
    #[serde(default, deserialize_with = "loose_string")]
    text: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    color: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    lighten_color: Option<String>,
}

/// An RGB colour from `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn parse(s: &str) -> Option<Rgb> {
        let h = s.trim().strip_prefix('#')?;
        if h.len() != 6 || !h.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    pub id: TagId,
    /// Sanitized tag name.
    pub name: String,
    pub color: Option<Rgb>,
    pub lighten_color: Option<Rgb>,
}

impl From<RawTag> for Tag {
    fn from(r: RawTag) -> Tag {
        let name = r.text.or(r.name).unwrap_or_else(|| format!("#{}", r.id));
        Tag {
            name: sanitize_line(&name),
            id: r.id,
            color: r.color.as_deref().and_then(Rgb::parse),
            lighten_color: r.lighten_color.as_deref().and_then(Rgb::parse),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RawTagList {
    #[serde(default)]
    pub tags: Lenient<RawTag>,
}

/// What a staff member says about their availability.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum StaffStatus {
    Available,
    Busy,
    Offline,
    #[default]
    Unknown,
}

impl StaffStatus {
    fn parse(s: Option<&str>) -> Self {
        match s.map(str::to_ascii_lowercase).as_deref() {
            Some("available") => Self::Available,
            Some("busy") => Self::Busy,
            Some("offline") => Self::Offline,
            _ => Self::Unknown,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Available => "available",
            Self::Busy => "busy",
            Self::Offline => "offline",
            Self::Unknown => "?",
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RawUser {
    id: UserId,
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    fb_id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    status: Option<String>,
    #[serde(default, deserialize_with = "loose_bool")]
    is_online: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    /// Sanitized name.
    pub name: String,
    pub fb_id: Option<String>,
    pub status: StaffStatus,
    pub is_online: bool,
}

impl From<RawUser> for User {
    fn from(r: RawUser) -> User {
        User {
            name: sanitize_line(r.name.as_deref().unwrap_or("(no name)")),
            id: r.id,
            fb_id: r.fb_id,
            status: StaffStatus::parse(r.status.as_deref()),
            is_online: r.is_online.unwrap_or(false),
        }
    }
}

/// Who new conversations go to in turn (`round_robin_users`), inbox and
/// comments apart.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoundRobin {
    #[serde(default, deserialize_with = "id_list")]
    pub inbox: Vec<UserId>,
    #[serde(default, deserialize_with = "id_list")]
    pub comment: Vec<UserId>,
}

#[derive(Debug, Deserialize)]
pub struct RawUsers {
    #[serde(default)]
    pub users: Lenient<RawUser>,
    #[serde(default)]
    pub disabled_users: Lenient<RawUser>,
    #[serde(default, deserialize_with = "lenient_opt")]
    round_robin_users: Option<RoundRobin>,
}

/// The page's staff: who can be assigned, who left, who is in the rotation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Staff {
    pub users: Vec<User>,
    /// Never offered for assignment; kept to name them in history.
    pub disabled: Vec<User>,
    /// (`default`: a cache written before it was kept loads as none.)
    #[serde(default)]
    pub round_robin: RoundRobin,
}

impl From<RawUsers> for Staff {
    fn from(r: RawUsers) -> Staff {
        Staff {
            users: r.users.into_iter().map(User::from).collect(),
            disabled: r.disabled_users.into_iter().map(User::from).collect(),
            round_robin: r.round_robin_users.unwrap_or_default(),
        }
    }
}

impl Staff {
    /// Everyone, active then disabled.
    pub fn everyone(&self) -> impl Iterator<Item = &User> {
        self.users.iter().chain(&self.disabled)
    }

    /// Anyone known by id, active or disabled (for showing names).
    pub fn find(&self, id: &UserId) -> Option<&User> {
        self.everyone().find(|u| &u.id == id)
    }

    /// Anyone by name, accents and case aside.
    pub fn find_by_name(&self, name: &str) -> Option<&User> {
        let wanted = crate::text::fold(name);
        self.everyone()
            .find(|u| crate::text::fold(&u.name) == wanted)
    }
}

#[derive(Debug, Deserialize)]
pub struct RawPage {
    id: PageId,
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub id: PageId,
    /// Sanitized page name.
    pub name: String,
}

impl From<RawPage> for Page {
    fn from(r: RawPage) -> Page {
        Page {
            name: sanitize_line(r.name.as_deref().unwrap_or(r.id.as_str())),
            id: r.id,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RawCategorized {
    #[serde(default)]
    pub activated: Lenient<RawPage>,
}

/// `GET /v1/pages`. A rejected user token has been seen to answer 200 without
/// `categorized`; the client treats a missing key as a rejected token.
#[derive(Debug, Deserialize)]
pub struct RawPageList {
    #[serde(default, deserialize_with = "lenient_opt")]
    pub categorized: Option<RawCategorized>,
    #[serde(default)]
    pub pages: Option<Lenient<RawPage>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> PageId {
        PageId::new("105")
    }

    #[test]
    fn reference_shape_decodes() {
        let raw: RawConversation = serde_json::from_str(
            r#"{"id":"105_77","type":"COMMENT","page_id":105,
                "customers":[{"id":"c1","fb_id":77,"name":"Nguyễn Thị Phương"}],
                "from":{"id":"77","name":"ignored"},"snippet":"Còn size M không?",
                "seen":false,"tags":[0,1],"assignee_ids":["u1"],"post_id":"105_9",
                "message_count":"12","inserted_at":"2026-05-20T03:11:05",
                "updated_at":"2026-05-28T08:14:22Z","extra":{"nested":[1,2]},
                "recent_phone_numbers":[{"phone_number":"0901234567"}]}"#,
        )
        .unwrap();
        let c = raw.into_model(&page());
        assert_eq!(c.page_id, PageId::new("105"));
        assert_eq!(c.kind, ConversationType::Comment);
        assert_eq!(c.customer.page_customer_id.as_deref(), Some("c1"));
        assert_eq!(c.customer.psid.as_deref(), Some("77"));
        assert_eq!(c.customer.name, "Nguyễn Thị Phương");
        assert!(!c.seen);
        assert_eq!(c.tags, vec![TagId::new("0"), TagId::new("1")]);
        assert_eq!(c.message_count, Some(12));
        assert_eq!(c.updated_at, UnixSeconds::parse("2026-05-28T08:14:22"));
        assert_eq!(c.phones, vec!["0901234567".to_string()]);
    }

    #[test]
    fn seed_article_shape_decodes() {
        let raw: RawConversation = serde_json::from_str(
            r#"{"id":"conv_abc123","type":"INBOX","page_uid":"123456789",
                "updated_at":"2026-05-28T08:14:22Z","inserted_at":"2026-05-20T03:11:05Z",
                "tags":["tag_id_1","tag_id_2"],
                "last_message":{"text":"Hi, do you still have size M in stock?","sender":"customer","created_at":"2026-05-28T08:14:22Z"},
                "participants":[{"name":"John Doe","email":null,"phone":"+1234567890"}]}"#,
        )
        .unwrap();
        let c = raw.into_model(&page());
        assert_eq!(c.page_id, PageId::new("123456789"));
        assert_eq!(c.customer.name, "John Doe");
        assert_eq!(c.snippet, "Hi, do you still have size M in stock?");
        assert_eq!(c.tags[0], TagId::new("tag_id_1"));
        assert!(c.seen, "no seen field: not invented as unread");
        assert_eq!(c.phones, vec!["+1234567890".to_string()]);
    }

    #[test]
    fn nulls_and_missing_fields_are_tolerated() {
        let raw: RawConversation = serde_json::from_str(
            r#"{"id":5,"type":null,"customers":null,"tags":null,"assignee_ids":null,
                "seen":null,"updated_at":null,"snippet":null}"#,
        )
        .unwrap();
        let c = raw.into_model(&page());
        assert_eq!(c.id, ConversationId::new("5"));
        assert_eq!(c.page_id, page());
        assert_eq!(c.customer.name, "(unknown customer)");
        assert!(c.tags.is_empty() && c.assignee_ids.is_empty());
    }

    #[test]
    fn hostile_text_is_sanitized_at_the_boundary() {
        let raw: RawConversation = serde_json::from_str(
            r#"{"id":"1","customers":[{"name":"\u001b]0;pwned\u0007Eve\r\nX"}],
                "snippet":"\u001b[2Jhi\tthere"}"#,
        )
        .unwrap();
        let c = raw.into_model(&page());
        assert!(
            !c.customer.name.chars().any(char::is_control),
            "{:?}",
            c.customer.name
        );
        assert!(!c.snippet.chars().any(char::is_control), "{:?}", c.snippet);
    }

    #[test]
    fn message_prefers_original_and_strips_html_otherwise() {
        let m: RawMessage = serde_json::from_str(
            r#"{"id":"m1","from":{"id":"105","name":"Shop"},"message":"<b>x</b>","original_message":"plain",
                "attachments":[{"type":"PHOTO","url":"https://x/y.jpg"}],"is_removed":1}"#,
        )
        .unwrap();
        let m = m.into_model(&page());
        assert_eq!(m.text, "plain");
        assert!(m.from_page);
        assert!(m.is_removed);
        assert_eq!(m.attachments[0].kind, "photo");
        assert_eq!(
            strip_html("<div>Hello &amp; welcome<br/>to <i>Pancake</i></div><p>ok &#x1F600;</p>"),
            "Hello & welcome\nto Pancake\nok 😀"
        );
    }

    #[test]
    fn tags_staff_and_pages_decode() {
        let tags: RawTagList = serde_json::from_str(
            r##"{"tags":[{"id":1,"text":"Orders","color":"#2ecc71","lighten_color":"#a3e4be"},{"id":"2","name":"X","color":"bad"}]}"##,
        )
        .unwrap();
        let tags: Vec<Tag> = tags.tags.into_iter().map(Tag::from).collect();
        assert_eq!(tags[0].color, Some(Rgb(0x2e, 0xcc, 0x71)));
        assert_eq!(tags[1].name, "X");
        assert_eq!(tags[1].color, None);

        let staff: RawUsers = serde_json::from_str(
            r#"{"success":true,"users":[{"id":"u1","name":"Anh","status":"busy","is_online":true}],
                "disabled_users":[{"id":"u9","name":"Gone"}],
                "round_robin_users":{"inbox":["u1"]}}"#,
        )
        .unwrap();
        let staff = Staff::from(staff);
        assert_eq!(staff.users[0].status, StaffStatus::Busy);
        assert_eq!(staff.find(&UserId::new("u9")).unwrap().name, "Gone");
        assert_eq!(staff.round_robin.inbox, vec![UserId::new("u1")]);
        // The cache of a version that kept the rotation as two lists.
        let cached: Staff = serde_json::from_str(
            r#"{"users": [], "disabled": [], "round_robin_inbox": ["u1"], "round_robin_comment": []}"#,
        )
        .expect("an older cache still loads");
        assert_eq!(cached.round_robin, RoundRobin::default());
    }
}
