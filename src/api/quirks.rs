//! What a page's Pancake accepts where the reference and production differ,
//! learned once from its answers and remembered in the page's cache.
//!
//! - The list's `type[]` filter: the reference says arrays work; one
//!   production client reports HTTP 500 to `type[]=INBOX` (pancake-api.md
//!   § List). A filtered request that failed with a server error through
//!   all its retries is asked again at once without its types: if that
//!   answers, the types were refused (not a passing fault of Pancake's, not
//!   another filter), and they are filtered here from then on, on what
//!   was fetched; if it fails too, nothing is learned.
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
    /// A filtered request failed with server errors: being asked again
    /// without it (never kept in the cache).
    Doubted,
    /// It refused it (5xx) while the same request without it answered.
    Refused,
}

/// What an answer taught.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Learned {
    Nothing,
    /// Ask the same request again without the types, now.
    AskWithout,
    /// The types are refused: said once, kept in the cache.
    Refused,
    /// The request failed without the types too: not the filter's fault.
    Cleared,
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
    /// refuses them (they are then applied to what comes back) or while
    /// that is being found out.
    pub fn query_for(&self, query: &ConversationQuery) -> ConversationQuery {
        let mut q = query.clone();
        if matches!(self.type_filter, Support::Doubted | Support::Refused) {
            q.types.clear();
        }
        q
    }

    /// What the page's cache keeps: a doubt is not knowledge.
    pub fn kept(&self) -> PageQuirks {
        let mut q = *self;
        if q.type_filter == Support::Doubted {
            q.type_filter = Support::Unknown;
        }
        q
    }

    /// Learn from the answer to `sent` (the query as it went, from
    /// [`Self::query_for`]).
    pub fn learn(&mut self, sent: &ConversationQuery, result: Result<(), &ApiError>) -> Learned {
        match self.type_filter {
            Support::Refused => Learned::Nothing,
            // The same request without its types.
            Support::Doubted => {
                if result.is_ok() {
                    self.type_filter = Support::Refused;
                    Learned::Refused
                } else {
                    self.type_filter = Support::Unknown;
                    Learned::Cleared
                }
            }
            Support::Unknown | Support::Works if sent.types.is_empty() => Learned::Nothing,
            Support::Unknown | Support::Works => match result {
                Ok(()) => {
                    self.type_filter = Support::Works;
                    Learned::Nothing
                }
                // Three server errors in a row: the call and its retries.
                Err(ApiError::Server { attempts, .. }) if *attempts >= 3 => {
                    self.type_filter = Support::Doubted;
                    Learned::AskWithout
                }
                Err(_) => Learned::Nothing,
            },
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
    fn a_type_filter_failing_where_the_same_request_without_it_answers_is_dropped() {
        let mut q = PageQuirks::default();
        assert_eq!(q.query_for(&typed()), typed(), "asked of Pancake at first");
        let rate = ApiError::RateLimited { attempts: 4 };
        assert_eq!(
            q.learn(&typed(), Err(&rate)),
            Learned::Nothing,
            "not a refusal"
        );
        let once = server_error(1);
        assert_eq!(
            q.learn(&typed(), Err(&once)),
            Learned::Nothing,
            "a passing fault"
        );
        let e = server_error(4);
        assert_eq!(q.learn(&typed(), Err(&e)), Learned::AskWithout);
        let without = q.query_for(&typed());
        assert!(without.types.is_empty(), "asked again without the types");
        assert_eq!(without.tags, typed().tags, "the rest still goes");
        assert_eq!(
            q.kept().type_filter,
            Support::Unknown,
            "a doubt is not kept"
        );
        assert_eq!(q.learn(&without, Ok(())), Learned::Refused);
        assert_eq!(q.type_filter, Support::Refused);
        assert!(q.query_for(&typed()).types.is_empty(), "from then on");
        assert_eq!(q.learn(&typed(), Err(&e)), Learned::Nothing, "said once");
    }

    #[test]
    fn a_failure_without_the_types_too_teaches_nothing() {
        let mut q = PageQuirks::default();
        let e = server_error(4);
        assert_eq!(q.learn(&typed(), Err(&e)), Learned::AskWithout);
        let without = q.query_for(&typed());
        assert_eq!(q.learn(&without, Err(&e)), Learned::Cleared);
        assert_eq!(q.type_filter, Support::Unknown);
        assert_eq!(q.query_for(&typed()), typed(), "asked with the types again");
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
        q.learn(&ConversationQuery::default(), Ok(()));
        assert_eq!(q.type_filter, Support::Unknown);
        q.learn(&typed(), Ok(()));
        assert_eq!(q.type_filter, Support::Works);
        // Remembered as written before (no field: unknown).
        let old: PageQuirks = serde_json::from_str("{}").unwrap();
        assert_eq!(old.type_filter, Support::Unknown);
    }
}
