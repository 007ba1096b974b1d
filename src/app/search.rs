//! Type-to-filter over the loaded conversations.

use crate::api::Conversation;
use crate::text::{fold, fuzzy_match};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    /// What the agent typed.
    pub query: String,
    /// The search line has the keyboard.
    pub editing: bool,
}

impl Search {
    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }

    /// The folded query (accent-insensitive, lower case).
    pub fn folded(&self) -> String {
        fold(&self.query)
    }
}

/// Whether a conversation matches a folded query: customer name, snippet or phone.
pub fn matches(folded_query: &str, c: &Conversation) -> bool {
    folded_query.is_empty()
        || fuzzy_match(folded_query, &c.customer.name).is_some()
        || fuzzy_match(folded_query, &c.snippet).is_some()
        || c.phones.iter().any(|p| p.contains(folded_query))
}
