//! The page API's reads, each described once (`Endpoint`).

use crate::api::RequestKind;
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
        what: RequestKind,
        rest: &'static str,
        query: Vec<(&'static str, String)>,
    },
}

impl Endpoint<'_> {
    /// What the request is about, for error messages.
    pub fn what(&self) -> RequestKind {
        match self {
            Endpoint::Conversations { .. } => RequestKind::Conversations,
            Endpoint::Messages { .. } => RequestKind::Messages,
            Endpoint::Tags => RequestKind::Tags,
            Endpoint::Users => RequestKind::Staff,
            Endpoint::PageRead { what, .. } => *what,
        }
    }
}
