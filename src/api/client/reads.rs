//! The page's reads, decoded: conversations, messages, tags, staff.

use super::decode::{decode_conversations, decode_messages, decode_staff, decode_tags, kept};
use super::{Endpoint, PageApi};
use crate::api::RequestKind;
use crate::api::error::ApiError;
use crate::api::ids::ConversationId;
use crate::api::models::{Conversation, Message, Staff, Tag};
use crate::api::query::ConversationQuery;

impl PageApi {
    /// One call of the v2 list: up to 60 conversations after `cursor`.
    /// Conversations that cannot be read are skipped (and logged).
    pub async fn conversations(
        &self,
        query: &ConversationQuery,
        cursor: Option<&ConversationId>,
    ) -> Result<Vec<Conversation>, ApiError> {
        let endpoint = Endpoint::Conversations { query, cursor };
        let bytes = self.fetch(&endpoint).await?;
        let list = decode_conversations(&bytes, &self.page)?;
        Ok(kept(endpoint.what(), &self.page, list))
    }

    /// Messages of a conversation: the newest 30 (pancake-api.md
    /// § Messages) without `current_count`, older ones from position `current_count` (counted
    /// from the newest). Sorted
    /// oldest first. `customer_id` is the customer's Pancake id
    /// (`customers[0].id` or `customer_id`), never the PSID.
    pub async fn messages(
        &self,
        conv: &ConversationId,
        customer_id: Option<&str>,
        current_count: Option<usize>,
    ) -> Result<Vec<Message>, ApiError> {
        let endpoint = Endpoint::Messages {
            conv,
            customer_id,
            current_count,
        };
        let bytes = self.fetch(&endpoint).await?;
        let list = decode_messages(&bytes, &self.page)?;
        Ok(kept(endpoint.what(), &self.page, list))
    }

    pub async fn tags(&self) -> Result<Vec<Tag>, ApiError> {
        let bytes = self.fetch(&Endpoint::Tags).await?;
        Ok(kept(RequestKind::Tags, &self.page, decode_tags(&bytes)?))
    }

    pub async fn staff(&self) -> Result<Staff, ApiError> {
        let bytes = self.fetch(&Endpoint::Users).await?;
        let users = decode_staff(&bytes)?;
        for list in [&users.users, &users.disabled_users] {
            for s in &list.skipped {
                tracing::warn!(id = s.id.as_deref().unwrap_or("-"), reason = %s.reason,
                    "skipped a staff member Pancake sent that could not be read");
            }
        }
        Ok(Staff::from(users))
    }
}
