//! What a walk over every conversation reads (filters, views, search,
//! sorting), answered alike by a row held packed and by a whole
//! conversation (one just arrived, one a test builds).

use crate::api::{Conversation, ConversationType, PageId, TagId, UnixSeconds, UserId};

use super::packed::Row;

pub trait Fields {
    fn id(&self) -> &str;
    fn page_id(&self) -> &PageId;
    fn kind(&self) -> ConversationType;
    fn seen(&self) -> bool;
    fn has_tag(&self, tag: &TagId) -> bool;
    fn post_id(&self) -> Option<&str>;
    fn updated_at(&self) -> Option<UnixSeconds>;
    fn unassigned(&self) -> bool;
    fn assigned_to(&self, user: &UserId) -> bool;
    /// The customer's name.
    fn name(&self) -> &str;
    fn snippet(&self) -> &str;
    fn phones(&self) -> Vec<&str>;
}

impl Fields for Conversation {
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn page_id(&self) -> &PageId {
        &self.page_id
    }
    fn kind(&self) -> ConversationType {
        self.kind.clone()
    }
    fn seen(&self) -> bool {
        self.seen
    }
    fn has_tag(&self, tag: &TagId) -> bool {
        self.tags.contains(tag)
    }
    fn post_id(&self) -> Option<&str> {
        self.post_id.as_deref()
    }
    fn updated_at(&self) -> Option<UnixSeconds> {
        self.updated_at
    }
    fn unassigned(&self) -> bool {
        self.assignee_ids.is_empty()
    }
    fn assigned_to(&self, user: &UserId) -> bool {
        self.assignee_ids.contains(user)
    }
    fn name(&self) -> &str {
        &self.customer.name
    }
    fn snippet(&self) -> &str {
        &self.snippet
    }
    fn phones(&self) -> Vec<&str> {
        self.phones.iter().map(String::as_str).collect()
    }
}

impl Fields for Row<'_> {
    fn id(&self) -> &str {
        Row::id(self)
    }
    fn page_id(&self) -> &PageId {
        Row::page_id(self)
    }
    fn kind(&self) -> ConversationType {
        Row::kind(self)
    }
    fn seen(&self) -> bool {
        Row::seen(self)
    }
    fn has_tag(&self, tag: &TagId) -> bool {
        self.tags().any(|t| t == tag)
    }
    fn post_id(&self) -> Option<&str> {
        Row::post_id(self)
    }
    fn updated_at(&self) -> Option<UnixSeconds> {
        Row::updated_at(self)
    }
    fn unassigned(&self) -> bool {
        self.assignees().next().is_none()
    }
    fn assigned_to(&self, user: &UserId) -> bool {
        self.assignees().any(|u| u == user)
    }
    fn name(&self) -> &str {
        Row::name(self)
    }
    fn snippet(&self) -> &str {
        Row::snippet(self)
    }
    fn phones(&self) -> Vec<&str> {
        Row::phones(self)
    }
}
