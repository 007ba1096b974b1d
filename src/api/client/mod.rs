//! The HTTP client: one shared connection pool and throttle, typed calls per page.
//!
//! Every call goes through [`Client::execute`]: throttle permit, request with a
//! timeout, classification of the answer, retries for 429/5xx/transport errors,
//! and error messages with no URL and no token in them.

mod changes;
mod decode;
mod endpoint;
mod execute;
mod page;
mod page_token;
mod reads;
mod request;
mod user;

use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use reqwest::Url;
use secrecy::SecretString;

use super::error::{ApiError, describe_transport};
use super::ids::PageId;
use super::retry::RetryPolicy;
use super::throttle::{DEFAULT_MARGIN, Headroom, Priority, Throttle};
use page_token::PageToken;

pub use decode::{
    decode, decode_conversations, decode_messages, decode_pages, decode_sent, decode_staff,
    decode_tags,
};
pub use endpoint::Endpoint;
pub use execute::{MAX_ANSWER_BYTES, MAX_ERROR_BYTES};
pub use page::PageApi;
pub(super) use request::{CallBody, Request, enc};
pub use user::UserApi;

/// The real service.
pub const DEFAULT_API_URL: &str = "https://pages.fm/api";

#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Root of the API; `/public_api/v1/...` and `/public_api/v2/...` go under it.
    pub base_url: String,
    /// Requests per page per second (pancake-api.md § Rate limit: 5).
    pub rate_limit: u32,
    /// Added to the one-second throttle window against network jitter.
    pub throttle_margin: Duration,
    /// Per-request timeout.
    pub timeout: Duration,
    pub retry: RetryPolicy,
    /// Told every token the client learns (a page token generated from the
    /// user token), so that it is redacted wherever text leaves the app.
    pub on_secret: Option<fn(&str)>,
    /// Each page's budget shared with other processes (default: this one only).
    pub budget: crate::api::budget::BudgetConfig,
    /// `http://` to a host other than this machine (the token would travel
    /// in clear): refused unless set (`allow_plain_http` in config.toml).
    pub allow_plain_http: bool,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: DEFAULT_API_URL.to_owned(),
            rate_limit: 5,
            throttle_margin: DEFAULT_MARGIN,
            timeout: Duration::from_secs(15),
            retry: RetryPolicy::default(),
            on_secret: None,
            budget: Default::default(),
            allow_plain_http: false,
        }
    }
}

/// Counters for the status bar and the benchmark.
#[derive(Debug, Default)]
pub struct Stats {
    /// Requests sent (retries included).
    pub requests: AtomicU64,
    /// 429 answers seen.
    pub rate_limited: AtomicU64,
    /// Retries made.
    pub retries: AtomicU64,
}

/// A shared, cheap-to-clone client.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base: String,
    throttle: Throttle,
    retry: RetryPolicy,
    timeout: Duration,
    stats: Stats,
    on_secret: Option<fn(&str)>,
}

impl Client {
    pub fn new(cfg: ClientConfig) -> Result<Self, ApiError> {
        let base = cfg.base_url.trim_end_matches('/').to_owned();
        let url = Url::parse(&base)
            .map_err(|e| ApiError::Config(format!("PANCAKE_API_URL is not a URL ({e})")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(ApiError::Config(
                "PANCAKE_API_URL must start with https:// (or http:// for a local simulator)"
                    .into(),
            ));
        }
        let loopback = url.host_str().is_some_and(|h| {
            let h = h.trim_start_matches('[').trim_end_matches(']');
            h.eq_ignore_ascii_case("localhost")
                || h.parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        });
        if url.scheme() == "http" && !loopback && !cfg.allow_plain_http {
            return Err(ApiError::Config(
                "PANCAKE_API_URL is http:// to another machine: the page token would travel in \
                 clear. Use https://, or set allow_plain_http = true in config.toml for a host \
                 you trust"
                    .into(),
            ));
        }
        let mut builder = reqwest::Client::builder()
            .timeout(cfg.timeout)
            .connect_timeout(cfg.timeout.min(Duration::from_secs(5)))
            // A redirect would carry the tokened URL to another host.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("pancake-tui/", env!("CARGO_PKG_VERSION")));
        if loopback {
            builder = builder.no_proxy();
        }
        let http = builder
            .build()
            .map_err(|e| ApiError::Config(format!("HTTP client: {}", describe_transport(e))))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                throttle: Throttle::with_budget(
                    cfg.rate_limit,
                    cfg.throttle_margin,
                    cfg.budget,
                    &cfg.base_url,
                ),
                retry: cfg.retry,
                timeout: cfg.timeout,
                stats: Stats::default(),
                on_secret: cfg.on_secret,
            }),
        })
    }

    /// Calls for one page with its page access token.
    pub fn page(&self, page: PageId, token: SecretString) -> PageApi {
        PageApi {
            client: self.clone(),
            page,
            token: Arc::new(PageToken::new(token, None)),
            priority: Priority::Interactive,
        }
    }

    /// Calls for one page whose token came from the user token: a token
    /// Pancake rejects (revoked, regenerated elsewhere) is generated anew
    /// once and the call made again.
    pub fn page_renewable(&self, page: PageId, token: SecretString, user: UserApi) -> PageApi {
        PageApi {
            client: self.clone(),
            page,
            token: Arc::new(PageToken::new(token, Some(user))),
            priority: Priority::Interactive,
        }
    }

    /// Calls with the user's access token (list pages, generate page tokens).
    pub fn user(&self, token: SecretString) -> UserApi {
        UserApi {
            client: self.clone(),
            token: Arc::new(token),
        }
    }

    pub fn stats(&self) -> &Stats {
        &self.inner.stats
    }

    pub fn headroom(&self, page: &PageId) -> Headroom {
        self.inner.throttle.headroom(page.as_str())
    }

    pub fn base_url(&self) -> &str {
        &self.inner.base
    }
}

#[cfg(test)]
mod tests;
