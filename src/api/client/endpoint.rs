//! The page API's reads, each described once (`Endpoint`).

use crate::api::ids::ConversationId;
use crate::api::query::ConversationQuery;

/// A request of the page API, described once: the normal calls decode its
/// answer, `pancake-tui doctor` also looks at it raw.
#[derive(Clone, Debug)]
pub enum Endpoint<'a> {
    /// One call of the v2 list: up to 60 conversations after the cursor.
    Conversations {
        query: &'a ConversationQuery,
        cursor: Option<&'a ConversationId>,
    },
    /// Messages of a conversation: the newest without `current_count`.
    Messages {
        conv: &'a ConversationId,
        customer_id: Option<&'a str>,
        current_count: Option<usize>,
    },
    Tags,
    Users,
    /// Another read under `/public_api/v1/pages/{page}`, described by the
    /// module that decodes it (statistics, customers): `rest` is the path
    /// after the page, `query` its parameters.
    PageRead {
        what: &'static str,
        rest: &'static str,
        query: Vec<(&'static str, String)>,
    },
}

impl Endpoint<'_> {
    /// What the request is about, for error messages.
    pub fn what(&self) -> &'static str {
        match self {
            Endpoint::Conversations { .. } => "the conversation list",
            Endpoint::Messages { .. } => "the messages",
            Endpoint::Tags => "the tag list",
            Endpoint::Users => "the staff list",
            Endpoint::PageRead { what, .. } => what,
        }
    }
}
