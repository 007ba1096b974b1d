//! One action sent to Pancake, and whether an earlier attempt of a note
//! already landed.

use crate::api::Op;
use crate::api::{ApiError, ConversationId, PageApi, UnixSeconds};
use crate::app::Outcome;

/// Send one action. Pancake answering 200 with a body that cannot be read
/// did the thing: marking it failed would invite a second send (a duplicate
/// message to the customer); the next sync brings the conversation's true
/// state.
pub(super) async fn perform(
    api: &PageApi,
    conv: &ConversationId,
    op: Op,
) -> Result<Outcome, ApiError> {
    let reply = matches!(op, Op::Reply(_));
    match send(api, conv, op).await {
        Err(ApiError::Decode { what, detail }) => {
            tracing::warn!(what = what.english(), %detail, "action done, answer unreadable");
            Ok(if reply {
                Outcome::Sent(None)
            } else {
                Outcome::Done
            })
        }
        other => other,
    }
}

async fn send(api: &PageApi, conv: &ConversationId, op: Op) -> Result<Outcome, ApiError> {
    Ok(match op {
        Op::Tag(action, tag) => Outcome::Tags(api.tag(conv, action, &tag).await?),
        Op::Assign(list) => Outcome::Assignees(api.set_assignees(conv, &list).await?),
        Op::Read => {
            api.mark_read(conv).await?;
            Outcome::Done
        }
        Op::Unread => {
            api.mark_unread(conv).await?;
            Outcome::Done
        }
        Op::Reply(reply) => Outcome::Sent(api.send(conv, &reply).await?),
        Op::Note { customer, note } => {
            api.note(&customer, &note).await?;
            Outcome::Done
        }
        Op::Customer { customer, changes } => {
            api.update_customer(&customer, &changes).await?;
            Outcome::Done
        }
    })
}

/// Whether the page customer already has a live note `message` written
/// since `at` (ten minutes of clock difference allowed): an earlier
/// attempt added it. A note of that text without a time is not taken for
/// it (it may be an older one).
pub(super) async fn note_already_there(
    api: &PageApi,
    conv: &ConversationId,
    customer: &str,
    message: &str,
    at: UnixSeconds,
) -> Result<bool, ApiError> {
    let notes = api.customer_notes(conv, customer).await?;
    let wanted = crate::text::sanitize_block(message);
    Ok(notes.iter().any(|n| {
        !n.removed
            && n.message.trim() == wanted.trim()
            && n.created_at.is_some_and(|t| t.0 >= at.0 - 600)
    }))
}
