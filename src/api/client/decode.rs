//! Answers decoded: a success body into its type, and each list endpoint's
//! answer into models, the elements that cannot be read set aside.

use serde::de::DeserializeOwned;

use crate::api::RequestKind;
use crate::api::decode_problem::DecodeProblem;
use crate::api::error::{ApiError, Credential};
use crate::api::ids::PageId;
use crate::api::lenient::{Lenient, redact_reason};
use crate::api::models::{
    Conversation, Message, Page, RawConversationList, RawMessage, RawMessageList, RawPageList,
    RawTagList, RawUsers, Tag,
};
use crate::api::time::UnixSeconds;

/// Decode a success body (`success: false` was turned into an error when
/// the answer came in, see `classify`).
pub fn decode<T: DeserializeOwned>(what: RequestKind, bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| ApiError::Decode {
        what,
        detail: DecodeProblem::NotJson(redact_reason(&e.to_string())).into(),
    })?;
    serde_json::from_value(value).map_err(|e| ApiError::Decode {
        what,
        detail: redact_reason(&e.to_string()).into(),
    })
}

/// Log the elements of a list that could not be read (their ids, never
/// their content), and keep the rest.
pub(super) fn kept<T>(what: RequestKind, page: &PageId, list: Lenient<T>) -> Vec<T> {
    for s in &list.skipped {
        tracing::warn!(
            what = what.english(),
            page = %page,
            id = s.id.as_deref().unwrap_or("-"),
            reason = %s.reason,
            "skipped an element Pancake sent that could not be read"
        );
    }
    list.items
}

/// An answer without the key its list comes under: not what was asked for
/// (an error the service did not mark, a page of HTML): never an empty inbox.
fn missing(what: RequestKind, key: &'static str) -> ApiError {
    ApiError::Decode {
        what,
        detail: DecodeProblem::Missing(key).into(),
    }
}

/// The list an endpoint answers with must be a list; its elements may be odd.
fn a_list<T>(
    what: RequestKind,
    key: &'static str,
    list: Lenient<T>,
) -> Result<Lenient<T>, ApiError> {
    match list.not_a_list {
        Some(found) => Err(ApiError::Decode {
            what,
            detail: DecodeProblem::NotAList { key, found }.into(),
        }),
        None => Ok(list),
    }
}

/// The conversations of one list answer; those that cannot be read are in
/// `skipped`.
pub fn decode_conversations(
    bytes: &[u8],
    page: &PageId,
) -> Result<Lenient<Conversation>, ApiError> {
    const WHAT: RequestKind = RequestKind::Conversations;
    let list: RawConversationList = decode(WHAT, bytes)?;
    let list = list
        .conversations
        .ok_or_else(|| missing(WHAT, "conversations"))?;
    Ok(a_list(WHAT, "conversations", list)?.map(|c| c.into_model(page)))
}

/// The messages of one answer, oldest first.
pub fn decode_messages(bytes: &[u8], page: &PageId) -> Result<Lenient<Message>, ApiError> {
    const WHAT: RequestKind = RequestKind::Messages;
    let list: RawMessageList = decode(WHAT, bytes)?;
    let list = list.messages.ok_or_else(|| missing(WHAT, "messages"))?;
    let mut msgs = a_list(WHAT, "messages", list)?.map(|m| m.into_model(page));
    msgs.items.sort_by_key(|m| m.inserted_at);
    Ok(msgs)
}

pub fn decode_tags(bytes: &[u8]) -> Result<Lenient<Tag>, ApiError> {
    const WHAT: RequestKind = RequestKind::Tags;
    let list: RawTagList = decode(WHAT, bytes)?;
    Ok(a_list(WHAT, "tags", list.tags)?.map(Tag::from))
}

/// `GET /v1/pages`: the body groups them (`categorized.activated`); the
/// OpenAPI's `pages` is read too. Neither: the user token was rejected (the
/// real service answers 200 then).
pub fn decode_pages(bytes: &[u8]) -> Result<Lenient<Page>, ApiError> {
    const WHAT: RequestKind = RequestKind::Pages;
    let list: RawPageList = decode(WHAT, bytes)?;
    let raw = match (list.categorized, list.pages) {
        (Some(c), _) => c.activated,
        (None, Some(p)) => p,
        (None, None) => {
            return Err(ApiError::Unauthorized {
                status: 200,
                credential: Credential::UserToken,
            });
        }
    };
    Ok(a_list(WHAT, "pages", raw)?.map(Page::from))
}

/// The message a send created. Pancake answers `{"success", "id",
/// "message": "<text>"}` (pancake-api.md § Send): the page's message with
/// that id and text, at the time it was answered. A message object under
/// `data` or `message` is read too. `None` without an id.
pub fn decode_sent(answer: &serde_json::Value, page: &PageId) -> Option<Message> {
    if let Some(m) = ["data", "message"]
        .iter()
        .filter_map(|k| answer.get(*k))
        .find(|m| m.is_object())
    {
        return serde_json::from_value::<RawMessage>(m.clone())
            .ok()
            .map(|m| m.into_model(page));
    }
    let raw = serde_json::from_value::<RawMessage>(answer.clone()).ok()?;
    let mut m = raw.into_model(page);
    if m.id.is_empty() {
        return None;
    }
    m.from_page = true;
    m.from_id = Some(page.as_str().to_owned());
    m.inserted_at = m.inserted_at.or_else(|| Some(UnixSeconds::now()));
    Some(m)
}

pub fn decode_staff(bytes: &[u8]) -> Result<RawUsers, ApiError> {
    const WHAT: RequestKind = RequestKind::Staff;
    let mut users: RawUsers = decode(WHAT, bytes)?;
    users.users = a_list(WHAT, "users", users.users)?;
    Ok(users)
}
