//! What a simulator is started with ([`SimConfig`]) and the faults and
//! troubles it can be given ([`Faults`]).

use std::time::Duration;

#[derive(Clone, Debug)]
pub struct SimConfig {
    pub seed: u64,
    /// Conversations on the main page.
    pub conversations: usize,
    /// New customer messages keep arriving.
    pub live: bool,
    pub live_interval: Duration,
    /// Requests per page per second; 0 = unlimited.
    pub rate_limit: u32,
    pub faults: Faults,
    /// 0 = any free port.
    pub port: u16,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 42,
            conversations: 3000,
            live: false,
            live_interval: Duration::from_secs(3),
            rate_limit: 5,
            faults: Faults::default(),
            port: 0,
        }
    }
}

/// The default share of error answers sent in the body (HTTP 200).
pub const DEFAULT_BODY_ERRORS: f64 = 0.5;

/// Trouble on demand. `Faults::default()` is no trouble, but errors that do
/// happen come half of the time as the real service mostly sends them: HTTP
/// 200 + `{"success": false, "error_code": N}` (`body_errors` = 0.5).
#[derive(Clone, Debug)]
pub struct Faults {
    /// Added to every page response.
    pub latency: Duration,
    /// Each page request reaches the server (and its rate limit) a random
    /// 0..`arrival_jitter` after it was sent: a slow network, a busy machine.
    pub arrival_jitter: Duration,
    /// Share (0..=1) of page requests answered 500/502/503.
    pub error_rate: f64,
    /// Every page request answered 429 with `Retry-After: 1`.
    pub storm_429: bool,
    /// Share of page requests whose connection drops mid-reply.
    pub drop_rate: f64,
    /// 200 with malformed JSON or wrong types (a change is made first).
    pub malformed: bool,
    /// Share (0..=1) of error answers (rate limit, `error_rate`'s server
    /// errors, a wrong page token) that come as HTTP 200 + a JSON body with
    /// `error_code` (429, 500, 102) instead of an HTTP status.
    pub body_errors: f64,
    /// A private reply is delivered (stored in the thread) but answered
    /// 200 + `{"success": false, "message": ...}`.
    pub ghost_private_replies: bool,
    /// The multi-page users statistics (`/v1/statistics/user`, not
    /// confirmed: pancake-api.md § Statistics) answer 404.
    pub no_multi_page_users: bool,
    /// A send with `content_ids` waits while this is on, then its
    /// connection is dropped without the send being made (a client killed
    /// while its files were on their way; `SimHandle::parked_sends`).
    pub park_file_sends: bool,
    /// The conversation list answers HTTP 500 to a `type` filter (one
    /// production client reports it; pancake-api.md § List).
    pub refuse_type_filter: bool,
    /// Which `customer_id` the messages call takes (pancake-api.md
    /// § Messages: a page may differ from the simulator's default).
    pub messages_want: MessagesWant,
    /// Every read answers 200 with a body that never ends
    /// (`SimHandle::streamed_bytes` counts what went out).
    pub endless_answers: bool,
    /// A change (a POST, PUT or DELETE) is made, then its answer never
    /// comes: the request hangs until the client gives up or dies (an app
    /// killed after Pancake acted, before it heard back).
    pub hang_after_change: bool,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            latency: Duration::ZERO,
            arrival_jitter: Duration::ZERO,
            error_rate: 0.0,
            storm_429: false,
            drop_rate: 0.0,
            malformed: false,
            body_errors: DEFAULT_BODY_ERRORS,
            ghost_private_replies: false,
            no_multi_page_users: false,
            park_file_sends: false,
            refuse_type_filter: false,
            messages_want: MessagesWant::Either,
            endless_answers: false,
            hang_after_change: false,
        }
    }
}

/// Which `customer_id` the messages call accepts; a PSID is refused always.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MessagesWant {
    /// None, the page customer's id or the global id.
    #[default]
    Either,
    /// None or the global id (the page customer's id is refused).
    GlobalOnly,
    /// None: any `customer_id` is refused.
    Without,
}
