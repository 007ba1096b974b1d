//! The v2 conversation list query: filters the server applies, and the cursor.

use serde::{Deserialize, Serialize};

use super::ids::{ConversationId, TagId};
use super::models::ConversationType;
use super::time::UnixSeconds;

/// `order_by` of the conversation list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum OrderBy {
    #[default]
    UpdatedAt,
    InsertedAt,
}

impl OrderBy {
    pub fn as_wire(self) -> &'static str {
        match self {
            OrderBy::UpdatedAt => "updated_at",
            OrderBy::InsertedAt => "inserted_at",
        }
    }
}

/// Server-side filters of `GET /public_api/v2/pages/{id}/conversations`.
/// Times are [`UnixSeconds`], so milliseconds cannot be sent by mistake.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationQuery {
    pub types: Vec<ConversationType>,
    /// Any of these tags.
    pub tags: Vec<TagId>,
    pub post_ids: Vec<String>,
    pub since: Option<UnixSeconds>,
    pub until: Option<UnixSeconds>,
    pub unread_first: bool,
    pub order_by: Option<OrderBy>,
}

/// The most conversations one call returns (pancake-api.md § List).
pub const PAGE_SIZE: usize = 60;

impl ConversationQuery {
    /// Query pairs for one call, with the cursor when paging.
    ///
    /// The one place the wire encoding lives. Lists go as `key[]=a&key[]=b`:
    /// the service's query parser (Phoenix) keeps only the last of a
    /// repeated plain key and makes a list only of `key[]`, so the older
    /// `type=INBOX&type=COMMENT` would filter on COMMENT alone. `tags` is a
    /// comma-separated string (pancake-api.md § List). `since` always goes with an
    /// `order_by` (default `updated_at`): the reference's default order,
    /// `inserted_at`, would miss new messages in old conversations.
    pub fn to_pairs(&self, cursor: Option<&ConversationId>) -> Vec<(&'static str, String)> {
        let mut q: Vec<(&'static str, String)> = Vec::new();
        for t in &self.types {
            q.push(("type[]", t.as_wire().to_owned()));
        }
        if !self.tags.is_empty() {
            let tags: Vec<&str> = self.tags.iter().map(TagId::as_str).collect();
            q.push(("tags", tags.join(",")));
        }
        for p in &self.post_ids {
            q.push(("post_ids[]", p.clone()));
        }
        if let Some(s) = self.since {
            q.push(("since", s.0.to_string()));
        }
        if let Some(u) = self.until {
            q.push(("until", u.0.to_string()));
        }
        if self.unread_first {
            q.push(("unread_first", "true".into()));
        }
        let order_by = match (self.order_by, self.since) {
            (Some(o), _) => Some(o),
            (None, Some(_)) => Some(OrderBy::UpdatedAt),
            (None, None) => None,
        };
        if let Some(o) = order_by {
            q.push(("order_by", o.as_wire().into()));
        }
        if let Some(c) = cursor {
            q.push(("last_conversation_id", c.as_str().to_owned()));
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_filter_reaches_the_wire() {
        let q = ConversationQuery {
            types: vec![ConversationType::Inbox, ConversationType::Comment],
            tags: vec!["1".into(), "4".into()],
            post_ids: vec!["p1".into(), "p2".into()],
            since: Some(UnixSeconds(1_748_390_400)),
            until: Some(UnixSeconds(1_748_476_800)),
            unread_first: true,
            order_by: Some(OrderBy::InsertedAt),
        };
        let pairs = q.to_pairs(Some(&"c9".into()));
        let s: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(
            s,
            [
                "type[]=INBOX",
                "type[]=COMMENT",
                "tags=1,4",
                "post_ids[]=p1",
                "post_ids[]=p2",
                "since=1748390400",
                "until=1748476800",
                "unread_first=true",
                "order_by=inserted_at",
                "last_conversation_id=c9"
            ]
        );
        assert!(ConversationQuery::default().to_pairs(None).is_empty());
    }

    #[test]
    fn a_delta_poll_orders_by_updated_at() {
        let poll = ConversationQuery {
            since: Some(UnixSeconds(1_748_390_400)),
            ..ConversationQuery::default()
        };
        assert_eq!(
            poll.to_pairs(None),
            [
                ("since", "1748390400".to_owned()),
                ("order_by", "updated_at".to_owned())
            ]
        );
    }
}
