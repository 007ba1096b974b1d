//! What a page's Pancake accepts where the reference and production differ,
//! learned once from its answers and remembered in the page's cache.
//!
//! - The list's `type[]` filter: the reference says arrays work; one
//!   production client reports HTTP 500 to `type[]=INBOX` (pancake-api.md
//!   § List). A filtered request that failed with a server error through
//!   all its retries while the page's unfiltered list answers is taken as
//!   refused: the type is then filtered here, on what was fetched.

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

/// What was learned of one page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageQuirks {
    #[serde(default)]
    pub type_filter: Support,
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
