//! What a page's Pancake accepts where the reference and production differ,
//! learned once from its answers and remembered in the page's cache.
//!
//! - The list's `type[]` filter: the reference says arrays work; one
//!   production client reports HTTP 500 to `type[]=INBOX` (pancake-api.md
//!   § List). A filtered request that failed with a server error through
//!   all its retries while the page's unfiltered list answers is taken as
//!   refused: the type is then filtered here, on what was fetched.
//! - How the messages call names the customer: the reference lists no
//!   `customer_id`, older documents require one, and the conversation
//!   carries two ids (pancake-api.md § Messages, § Three customer ids). The
//!   page-customer id is tried first, then the global id, then none; the
//!   first Pancake answers is kept for the page.

use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::query::ConversationQuery;

/// Whether Pancake applies a filter for this page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Support {
    /// Not learned yet: asked of Pancake.
    #[default]
    Unknown,
    /// It answered a filtered request.
    Works,
    /// It refused it (5xx) while the unfiltered list answered.
    Refused,
}

/// How the messages call names the customer (`customer_id`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThreadAsk {
    /// The page customer's id (`customers[0].id`).
    #[default]
    PageCustomerId,
    /// The global customer id (the top-level `customer_id`).
    GlobalId,
    /// No `customer_id` at all (the official reference's form).
    Without,
}

impl ThreadAsk {
    /// The id to send for a customer with these ids (`None`: none sent).
    pub fn id_for(self, page_customer: Option<&str>, global: Option<&str>) -> Option<String> {
        match self {
            ThreadAsk::PageCustomerId => page_customer.or(global),
            ThreadAsk::GlobalId => global,
            ThreadAsk::Without => None,
        }
        .map(str::to_owned)
    }

    /// The next way to try after Pancake refused this one for a customer
    /// with these ids (a way that would send the same as this one is
    /// skipped); `None` when none is left.
    pub fn after(self, page_customer: Option<&str>, global: Option<&str>) -> Option<ThreadAsk> {
        let sent = self.id_for(page_customer, global);
        let order = [
            ThreadAsk::PageCustomerId,
            ThreadAsk::GlobalId,
            ThreadAsk::Without,
        ];
        order
            .into_iter()
            .skip_while(|w| *w != self)
            .skip(1)
            .find(|w| w.id_for(page_customer, global) != sent)
    }

    /// In words, for `doctor`.
    pub fn words(self) -> &'static str {
        match self {
            ThreadAsk::PageCustomerId => "with the page customer's id",
            ThreadAsk::GlobalId => "with the global customer id",
            ThreadAsk::Without => "without a customer id",
        }
    }
}

/// Whether Pancake refused a messages call for the customer it named (a
/// refusal inside a 200, or a 4xx other than a missing conversation), so
/// that another way of naming them may work.
pub fn refused_customer(e: &ApiError) -> bool {
    matches!(e, ApiError::Failed { .. } | ApiError::Rejected { .. })
}

/// What was learned of one page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageQuirks {
    #[serde(default)]
    pub type_filter: Support,
    /// How this page's messages call takes the customer.
    #[serde(default)]
    pub thread: ThreadAsk,
}

impl PageQuirks {
    /// The query as this page takes it: without the types when Pancake
    /// refuses them (they are then applied to what comes back).
    pub fn query_for(&self, query: &ConversationQuery) -> ConversationQuery {
        let mut q = query.clone();
        if self.type_filter == Support::Refused {
            q.types.clear();
        }
        q
    }

    /// Learn from the answer to `sent` (the query as it went). Returns true
    /// when the type filter is found refused now (said once to the agent).
    /// `list_answers`: the page's unfiltered list answered since its last
    /// failure, so a server error of the filtered one is not a passing
    /// fault of Pancake's.
    pub fn learn(
        &mut self,
        sent: &ConversationQuery,
        result: Result<(), &ApiError>,
        list_answers: bool,
    ) -> bool {
        if sent.types.is_empty() || self.type_filter == Support::Refused {
            return false;
        }
        match result {
            Ok(()) => {
                self.type_filter = Support::Works;
                false
            }
            // Three server errors in a row: the call and its retries.
            Err(ApiError::Server { attempts, .. }) if list_answers && *attempts >= 3 => {
                self.type_filter = Support::Refused;
                true
            }
            Err(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ConversationType;

    fn typed() -> ConversationQuery {
        ConversationQuery {
            types: vec![ConversationType::Inbox],
            tags: vec!["3".into()],
            ..ConversationQuery::default()
        }
    }

    fn server_error(attempts: u32) -> ApiError {
        ApiError::Server {
            status: 500,
            attempts,
        }
    }

    #[test]
    fn a_type_filter_refused_while_the_list_answers_is_dropped_from_then_on() {
        let mut q = PageQuirks::default();
        assert_eq!(q.query_for(&typed()), typed(), "asked of Pancake at first");
        let e = server_error(4);
        assert!(
            !q.learn(&typed(), Err(&e), false),
            "Pancake itself is failing"
        );
        assert_eq!(q.type_filter, Support::Unknown);
        let rate = ApiError::RateLimited { attempts: 4 };
        assert!(!q.learn(&typed(), Err(&rate), true), "not a refusal");
        let once = server_error(1);
        assert!(!q.learn(&typed(), Err(&once), true), "a passing fault");
        assert!(q.learn(&typed(), Err(&e), true));
        assert_eq!(q.type_filter, Support::Refused);
        let sent = q.query_for(&typed());
        assert!(sent.types.is_empty(), "the types are filtered here");
        assert_eq!(sent.tags, typed().tags, "the rest still goes");
        assert!(!q.learn(&typed(), Err(&e), true), "said once");
    }

    #[test]
    fn the_messages_call_tries_the_page_customer_id_then_the_global_one_then_none() {
        let (pc, g) = (Some("pc1"), Some("g1"));
        let first = ThreadAsk::default();
        assert_eq!(first.id_for(pc, g).as_deref(), Some("pc1"));
        let second = first.after(pc, g).unwrap();
        assert_eq!(second.id_for(pc, g).as_deref(), Some("g1"));
        let third = second.after(pc, g).unwrap();
        assert_eq!(third, ThreadAsk::Without);
        assert_eq!(third.id_for(pc, g), None);
        assert_eq!(third.after(pc, g), None, "nothing left");
        // Without a page customer id the first way sends the global one:
        // the second would send the same and is skipped.
        assert_eq!(first.id_for(None, g).as_deref(), Some("g1"));
        assert_eq!(first.after(None, g), Some(ThreadAsk::Without));
        // No id at all: only one way.
        assert_eq!(first.after(None, None), None);
        let old: PageQuirks = serde_json::from_str(r#"{"type_filter": "Works"}"#).unwrap();
        assert_eq!(
            old.thread,
            ThreadAsk::PageCustomerId,
            "a cache written before"
        );
    }

    #[test]
    fn an_answer_to_a_typed_query_teaches_that_it_works_and_an_untyped_one_nothing() {
        let mut q = PageQuirks::default();
        q.learn(&ConversationQuery::default(), Ok(()), true);
        assert_eq!(q.type_filter, Support::Unknown);
        q.learn(&typed(), Ok(()), true);
        assert_eq!(q.type_filter, Support::Works);
        // Remembered as written before (no field: unknown).
        let old: PageQuirks = serde_json::from_str("{}").unwrap();
        assert_eq!(old.type_filter, Support::Unknown);
    }
}
