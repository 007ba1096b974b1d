//! The page's changes to a conversation: tags, assignees, read state, and
//! sends.

use super::PageApi;
use super::decode::decode_sent;
use crate::api::RequestKind;
use crate::api::actions::{AssigneeChange, Reply, TagAction};
use crate::api::error::ApiError;
use crate::api::ids::{ConversationId, TagId, UserId};
use crate::api::lenient::Lenient;
use crate::api::models::Message;

impl PageApi {
    /// Add or remove one tag; returns the conversation's tags after the change
    /// as the server reports them (`data` is the truth, pancake-api.md § Tags).
    pub async fn tag(
        &self,
        conv: &ConversationId,
        action: TagAction,
        tag: &TagId,
    ) -> Result<Vec<TagId>, ApiError> {
        #[derive(serde::Deserialize)]
        struct Reply {
            #[serde(default)]
            data: Option<serde_json::Value>,
        }
        let body = serde_json::json!({ "action": action.as_wire(), "tag_id": tag.as_str() });
        let r: Reply = self
            .post(conv, RequestKind::Tag, "/tags", Some(body), true)
            .await?;
        match r.data {
            // Element by element: a `null` in the list is dropped.
            Some(list @ serde_json::Value::Array(_)) => {
                Ok(serde_json::from_value::<Lenient<TagId>>(list)
                    .map(|l| l.items)
                    .unwrap_or_default())
            }
            _ => Err(ApiError::Decode {
                what: RequestKind::Tag,
                detail: crate::api::decode_problem::DecodeProblem::NoTagList.into(),
            }),
        }
    }

    /// Replace the assignee list with exactly `ids`.
    pub async fn set_assignees(
        &self,
        conv: &ConversationId,
        ids: &[UserId],
    ) -> Result<Vec<UserId>, ApiError> {
        #[derive(serde::Deserialize)]
        struct Data {
            #[serde(default, deserialize_with = "crate::api::lenient::lenient_opt")]
            assignee_ids: Option<Lenient<UserId>>,
        }
        #[derive(serde::Deserialize)]
        struct Reply {
            #[serde(default, deserialize_with = "crate::api::lenient::lenient_opt")]
            data: Option<Data>,
        }
        let body = serde_json::json!({ "assignee_ids": ids });
        let r: Reply = self
            .post(conv, RequestKind::Assign, "/assign", Some(body), true)
            .await?;
        Ok(r.data
            .and_then(|d| d.assignee_ids)
            .map(|l| l.items)
            .unwrap_or_else(|| ids.to_vec()))
    }

    /// Apply a change to the current assignees and send the full list, so
    /// nobody is unassigned by accident.
    pub async fn change_assignees(
        &self,
        conv: &ConversationId,
        current: &[UserId],
        change: &AssigneeChange,
    ) -> Result<Vec<UserId>, ApiError> {
        self.set_assignees(conv, &change.apply(current)).await
    }

    pub async fn mark_read(&self, conv: &ConversationId) -> Result<(), ApiError> {
        self.mark(conv, "/read", RequestKind::MarkRead).await
    }

    pub async fn mark_unread(&self, conv: &ConversationId) -> Result<(), ApiError> {
        self.mark(conv, "/unread", RequestKind::MarkUnread).await
    }

    async fn mark(
        &self,
        conv: &ConversationId,
        rest: &str,
        what: RequestKind,
    ) -> Result<(), ApiError> {
        let _: serde_json::Value = self.post(conv, what, rest, None, true).await?;
        Ok(())
    }

    /// Send a reply. Returns the created message when the server includes it.
    /// Not retried after an ambiguous failure (it could be sent twice). A
    /// private reply Pancake calls failed may have been delivered all the
    /// same (pancake-api.md § Send): it comes back as [`ApiError::MaybeSent`].
    pub async fn send(
        &self,
        conv: &ConversationId,
        reply: &Reply,
    ) -> Result<Option<Message>, ApiError> {
        let result: Result<serde_json::Value, ApiError> = self
            .post(
                conv,
                RequestKind::Send,
                "/messages",
                Some(reply.to_body()),
                false,
            )
            .await;
        let v = match result {
            Ok(v) => v,
            Err(e) if matches!(reply, Reply::Private { .. }) => return Err(private_reply_error(e)),
            Err(e) => return Err(e),
        };
        Ok(decode_sent(&v, &self.page))
    }
}

/// A private reply's failure: what Pancake refused before acting (a token,
/// a rate limit, the subscription) stays as it is; a refusal that came back
/// from sending may hide a delivered reply.
fn private_reply_error(e: ApiError) -> ApiError {
    match e {
        ApiError::Failed { message, .. }
        | ApiError::OutsideWindow { message }
        | ApiError::CustomerUnavailable { message }
        | ApiError::FacebookRateLimited { message } => ApiError::MaybeSent { message },
        other => other,
    }
}
