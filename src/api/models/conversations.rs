//! Conversations: their type, the raw shapes Pancake sends, and the clean
//! model of the list.

use crate::api::customer_record::{Customer, RawPhone, clean_phones};
use serde::{Deserialize, Serialize};

use super::plain::{clip_chars, strip_html};
use crate::api::ids::{ConversationId, PageId, TagId, UserId};
use crate::api::lenient::{Lenient, id_list, lenient_opt, loose_bool, loose_string, loose_u32};
use crate::api::time::{UnixSeconds, de_opt_time};
use crate::text::sanitize_line;

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
    page_customer: Option<crate::api::customer_record::RawCustomer>,
    /// Who tagged what, when (pancake-api.md § Customers).
    #[serde(default)]
    tag_histories: Lenient<crate::api::customer_record::RawTagHistory>,
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
    // The lists default to empty: the cache leaves empty ones out
    // (`store::rows`).
    #[serde(default)]
    pub tags: Vec<TagId>,
    #[serde(default)]
    pub assignee_ids: Vec<UserId>,
    pub post_id: Option<String>,
    pub message_count: Option<u32>,
    pub inserted_at: Option<UnixSeconds>,
    pub updated_at: Option<UnixSeconds>,
    pub last_customer_message_at: Option<UnixSeconds>,
    /// Sanitized phone numbers seen in the conversation.
    #[serde(default)]
    pub phones: Vec<String>,
    /// The page customer's record as the conversation embeds it (a real
    /// page embeds it in every conversation). Boxed: a conversation is
    /// the size of its largest field. Not held in the list for every
    /// conversation (`app::convs::rest`).
    #[serde(default)]
    pub page_customer: Option<Box<crate::api::customer_record::PageCustomer>>,
    /// Who tagged what, when (oldest first).
    #[serde(default)]
    pub tag_history: Vec<crate::api::customer_record::TagChange>,
}

/// Longest snippet kept for a list row; the rest would never be shown.
const SNIPPET_MAX_CHARS: usize = 400;

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
        let record = page_customer.map(crate::api::customer_record::RawCustomer::into_model);
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
        let mut tag_history: Vec<crate::api::customer_record::TagChange> = tag_histories
            .into_iter()
            .filter_map(crate::api::customer_record::RawTagHistory::into_model)
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
                .map(PageId::new)
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
            page_customer: record.map(Box::new),
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
