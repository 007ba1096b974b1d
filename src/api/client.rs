//! The HTTP client: one shared connection pool and throttle, typed calls per page.
//!
//! Every call goes through [`Client::execute`]: throttle permit, request with a
//! timeout, classification of the answer, retries for 429/5xx/transport errors,
//! and error messages with no URL and no token in them.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use reqwest::{Method, StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;

use super::actions::{AssigneeChange, Reply, TagAction};
use super::error::{ApiError, Credential, describe_transport, message_from_body};
use super::ids::{ConversationId, PageId, TagId, UserId};
use super::models::{
    Conversation, Message, Page, RawConversationList, RawMessage, RawMessageList, RawPageList,
    RawTagList, RawUsers, Staff, Tag,
};
use super::query::ConversationQuery;
use super::retry::{RetryPolicy, is_retryable, retry_after};
use super::throttle::{DEFAULT_MARGIN, Headroom, Priority, Throttle};

/// The real service.
pub const DEFAULT_API_URL: &str = "https://pages.fm/api";

#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Root of the API; `/public_api/v1/...` and `/public_api/v2/...` go under it.
    pub base_url: String,
    /// Requests per page per second (seed 003: 5).
    pub rate_limit: u32,
    /// Added to the one-second throttle window against network jitter.
    pub throttle_margin: Duration,
    /// Per-request timeout.
    pub timeout: Duration,
    pub retry: RetryPolicy,
    /// Each page's budget shared with other processes (default: this one only).
    pub budget: super::budget::BudgetConfig,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: DEFAULT_API_URL.to_owned(),
            rate_limit: 5,
            throttle_margin: DEFAULT_MARGIN,
            timeout: Duration::from_secs(15),
            retry: RetryPolicy::default(),
            budget: Default::default(),
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
}

/// One request, described.
struct Call<'a> {
    what: &'static str,
    method: Method,
    path: String,
    query: Vec<(&'static str, String)>,
    body: Option<serde_json::Value>,
    credential: Credential,
    token: &'a SecretString,
    /// Throttle key: the page id, or "user" for user-token calls.
    key: &'a str,
    priority: Priority,
    /// Safe to repeat after an ambiguous failure (5xx, timeout, dropped reply).
    idempotent: bool,
}

enum Outcome {
    Done(bytes::Bytes),
    Retry {
        error: ApiError,
        after: Option<Duration>,
    },
    Fail(ApiError),
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
        let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
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
            }),
        })
    }

    /// Calls for one page with its page access token.
    pub fn page(&self, page: PageId, token: SecretString) -> PageApi {
        PageApi {
            client: self.clone(),
            page,
            token: Arc::new(token),
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

    async fn execute(&self, call: Call<'_>) -> Result<bytes::Bytes, ApiError> {
        let inner = &self.inner;
        let mut url = Url::parse(&format!("{}{}", inner.base, call.path))
            .map_err(|e| ApiError::Config(format!("bad request path ({e})")))?;
        {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in &call.query {
                pairs.append_pair(k, v);
            }
            let token_param = match call.credential {
                Credential::PageToken => "page_access_token",
                Credential::UserToken => "access_token",
            };
            pairs.append_pair(token_param, call.token.expose_secret());
        }
        let mut retries = 0usize;
        loop {
            // Held until the whole answer is in: the slot's window starts then.
            let permit = inner.throttle.acquire(call.key, call.priority).await;
            inner.stats.requests.fetch_add(1, Ordering::Relaxed);
            let mut req = inner.http.request(call.method.clone(), url.clone());
            if let Some(body) = &call.body {
                req = req.json(body);
            }
            let outcome = match req.send().await {
                Ok(resp) => self.classify(&call, resp, retries).await,
                Err(e) => self.transport_outcome(&call, e),
            };
            drop(permit);
            match outcome {
                Outcome::Done(bytes) => return Ok(bytes),
                Outcome::Fail(e) => return Err(e),
                Outcome::Retry { error, after } => match inner.retry.delay(retries, after) {
                    Some(delay) => {
                        tracing::debug!(what = call.what, %error, ?delay, "retrying");
                        inner.stats.retries.fetch_add(1, Ordering::Relaxed);
                        tokio::time::sleep(delay).await;
                        retries += 1;
                    }
                    None => return Err(error),
                },
            }
        }
    }

    async fn classify(&self, call: &Call<'_>, resp: reqwest::Response, retries: usize) -> Outcome {
        let status = resp.status();
        let attempts = retries as u32 + 1;
        if status.is_success() {
            return match resp.bytes().await {
                Ok(b) => Outcome::Done(b),
                Err(e) => self.transport_outcome(call, e),
            };
        }
        let after = retry_after(resp.headers());
        if status == StatusCode::TOO_MANY_REQUESTS {
            self.inner
                .stats
                .rate_limited
                .fetch_add(1, Ordering::Relaxed);
        }
        // Rejected before processing: always safe to retry.
        let retryable =
            status == StatusCode::TOO_MANY_REQUESTS || (is_retryable(status) && call.idempotent);
        let body = resp.bytes().await.unwrap_or_default();
        let error = match status.as_u16() {
            401 => ApiError::Unauthorized {
                status: 401,
                credential: call.credential,
            },
            403 => ApiError::Forbidden {
                detail: message_from_body(&body),
            },
            404 => ApiError::NotFound {
                what: call.what,
                detail: message_from_body(&body),
            },
            429 => ApiError::RateLimited { attempts },
            s if status.is_server_error() => ApiError::Server {
                status: s,
                attempts,
            },
            s => ApiError::Rejected {
                what: call.what,
                status: s,
                message: message_from_body(&body),
            },
        };
        if retryable {
            Outcome::Retry { error, after }
        } else {
            Outcome::Fail(error)
        }
    }

    fn transport_outcome(&self, call: &Call<'_>, e: reqwest::Error) -> Outcome {
        // A connect error never reached the server: safe to repeat anything.
        let safe = e.is_connect() || call.idempotent;
        // A connect error (even a connect timeout) never sent the request.
        let error = if e.is_connect() {
            ApiError::Unreachable {
                detail: describe_transport(e),
            }
        } else if e.is_timeout() {
            ApiError::Timeout {
                timeout: self.inner.timeout,
            }
        } else {
            ApiError::Network {
                detail: describe_transport(e),
            }
        };
        if safe {
            Outcome::Retry { error, after: None }
        } else {
            Outcome::Fail(error)
        }
    }
}

/// Decode a success body, turning `{"success": false}` into an error.
fn decode<T: DeserializeOwned>(what: &'static str, bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| ApiError::Decode {
        what,
        detail: format!("not JSON ({e})"),
    })?;
    if value.get("success").and_then(|s| s.as_bool()) == Some(false) {
        return Err(ApiError::Failed {
            what,
            message: message_from_body(bytes),
        });
    }
    serde_json::from_value(value).map_err(|e| ApiError::Decode {
        what,
        detail: e.to_string(),
    })
}

/// Calls scoped to one page.
#[derive(Clone)]
pub struct PageApi {
    client: Client,
    page: PageId,
    token: Arc<SecretString>,
    priority: Priority,
}

impl PageApi {
    /// The same page, queued behind agent actions (for background sync).
    pub fn background(&self) -> Self {
        PageApi {
            priority: Priority::Background,
            ..self.clone()
        }
    }

    /// The same page, queued behind everything else (for the requests of a
    /// bulk action: the list the agent is looking at never waits for them).
    pub fn bulk(&self) -> Self {
        PageApi {
            priority: Priority::Bulk,
            ..self.clone()
        }
    }

    pub fn page_id(&self) -> &PageId {
        &self.page
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    fn v1(&self, rest: &str) -> String {
        format!("/public_api/v1/pages/{}{rest}", enc(self.page.as_str()))
    }

    fn conv_path(&self, conv: &ConversationId, rest: &str) -> String {
        self.v1(&format!("/conversations/{}{rest}", enc(conv.as_str())))
    }

    async fn call<T: DeserializeOwned>(
        &self,
        what: &'static str,
        method: Method,
        path: String,
        query: Vec<(&'static str, String)>,
        body: Option<serde_json::Value>,
    ) -> Result<T, ApiError> {
        self.call_with(what, method, path, query, body, true).await
    }

    async fn call_with<T: DeserializeOwned>(
        &self,
        what: &'static str,
        method: Method,
        path: String,
        query: Vec<(&'static str, String)>,
        body: Option<serde_json::Value>,
        idempotent: bool,
    ) -> Result<T, ApiError> {
        let bytes = self
            .client
            .execute(Call {
                what,
                method,
                path,
                query,
                body,
                credential: Credential::PageToken,
                token: &self.token,
                key: self.page.as_str(),
                priority: self.priority,
                idempotent,
            })
            .await?;
        decode(what, &bytes)
    }

    /// One call of the v2 list: up to 60 conversations after `cursor`.
    pub async fn conversations(
        &self,
        query: &ConversationQuery,
        cursor: Option<&ConversationId>,
    ) -> Result<Vec<Conversation>, ApiError> {
        let path = format!(
            "/public_api/v2/pages/{}/conversations",
            enc(self.page.as_str())
        );
        let list: RawConversationList = self
            .call(
                "the conversation list",
                Method::GET,
                path,
                query.to_pairs(cursor),
                None,
            )
            .await?;
        Ok(list
            .conversations
            .into_iter()
            .map(|c| c.into_model(&self.page))
            .collect())
    }

    /// Messages of a conversation: the newest without `current_count`, older
    /// ones from position `current_count` (counted from the newest). Sorted
    /// oldest first.
    pub async fn messages(
        &self,
        conv: &ConversationId,
        customer_id: Option<&str>,
        current_count: Option<usize>,
    ) -> Result<Vec<Message>, ApiError> {
        let mut q = Vec::new();
        if let Some(c) = customer_id {
            q.push(("customer_id", c.to_owned()));
        }
        if let Some(n) = current_count {
            q.push(("current_count", n.to_string()));
        }
        let list: RawMessageList = self
            .call(
                "the messages",
                Method::GET,
                self.conv_path(conv, "/messages"),
                q,
                None,
            )
            .await?;
        let mut msgs: Vec<Message> = list
            .messages
            .into_iter()
            .map(|m| m.into_model(&self.page))
            .collect();
        msgs.sort_by_key(|m| m.inserted_at);
        Ok(msgs)
    }

    pub async fn tags(&self) -> Result<Vec<Tag>, ApiError> {
        let list: RawTagList = self
            .call("the tag list", Method::GET, self.v1("/tags"), vec![], None)
            .await?;
        Ok(list.tags.into_iter().map(Tag::from).collect())
    }

    pub async fn staff(&self) -> Result<Staff, ApiError> {
        let users: RawUsers = self
            .call(
                "the staff list",
                Method::GET,
                self.v1("/users"),
                vec![],
                None,
            )
            .await?;
        Ok(Staff::from(users))
    }

    /// Add or remove one tag; returns the conversation's tags after the change
    /// as the server reports them (`data` is the truth, seed 000).
    pub async fn tag(
        &self,
        conv: &ConversationId,
        action: TagAction,
        tag: &TagId,
    ) -> Result<Vec<TagId>, ApiError> {
        #[derive(serde::Deserialize)]
        struct Reply {
            data: Option<Vec<TagId>>,
        }
        let body = serde_json::json!({ "action": action.as_wire(), "tag_id": tag.as_str() });
        let r: Reply = self
            .call(
                "tag",
                Method::POST,
                self.conv_path(conv, "/tags"),
                vec![],
                Some(body),
            )
            .await?;
        r.data.ok_or(ApiError::Decode {
            what: "tag",
            detail: "the reply has no `data` list of tags".into(),
        })
    }

    /// Replace the assignee list with exactly `ids`.
    pub async fn set_assignees(
        &self,
        conv: &ConversationId,
        ids: &[UserId],
    ) -> Result<Vec<UserId>, ApiError> {
        #[derive(serde::Deserialize)]
        struct Data {
            assignee_ids: Option<Vec<UserId>>,
        }
        #[derive(serde::Deserialize)]
        struct Reply {
            data: Option<Data>,
        }
        let body = serde_json::json!({ "assignee_ids": ids });
        let r: Reply = self
            .call(
                "assign",
                Method::POST,
                self.conv_path(conv, "/assign"),
                vec![],
                Some(body),
            )
            .await?;
        Ok(r.data
            .and_then(|d| d.assignee_ids)
            .unwrap_or_else(|| ids.to_vec()))
    }

    /// Apply a change to the current assignees and send the full list, so
    /// nobody is unassigned by accident.
    pub async fn change_assignees(
        &self,
        conv: &ConversationId,
        current: &[UserId],
        change: &AssigneeChange,
    ) -> Result<Vec<UserId>, ApiError> {
        self.set_assignees(conv, &change.apply(current)).await
    }

    pub async fn mark_read(&self, conv: &ConversationId) -> Result<(), ApiError> {
        self.mark(conv, "/read", "mark read").await
    }

    pub async fn mark_unread(&self, conv: &ConversationId) -> Result<(), ApiError> {
        self.mark(conv, "/unread", "mark unread").await
    }

    async fn mark(
        &self,
        conv: &ConversationId,
        rest: &str,
        what: &'static str,
    ) -> Result<(), ApiError> {
        let _: serde_json::Value = self
            .call(what, Method::POST, self.conv_path(conv, rest), vec![], None)
            .await?;
        Ok(())
    }

    /// Send a reply. Returns the created message when the server includes it.
    /// Not retried after an ambiguous failure (it could be sent twice).
    pub async fn send(
        &self,
        conv: &ConversationId,
        reply: &Reply,
    ) -> Result<Option<Message>, ApiError> {
        let v: serde_json::Value = self
            .call_with(
                "send a message",
                Method::POST,
                self.conv_path(conv, "/messages"),
                vec![],
                Some(reply.to_body()),
                false,
            )
            .await?;
        let created = ["data", "message"]
            .iter()
            .filter_map(|k| v.get(*k))
            .find(|m| m.is_object())
            .and_then(|m| serde_json::from_value::<RawMessage>(m.clone()).ok())
            .map(|m| m.into_model(&self.page));
        Ok(created)
    }
}

/// Calls with the user access token.
#[derive(Clone)]
pub struct UserApi {
    client: Client,
    token: Arc<SecretString>,
}

impl UserApi {
    async fn call(
        &self,
        what: &'static str,
        method: Method,
        path: String,
        query: Vec<(&'static str, String)>,
    ) -> Result<serde_json::Value, ApiError> {
        let bytes = self
            .client
            .execute(Call {
                what,
                method,
                path,
                query,
                body: None,
                credential: Credential::UserToken,
                token: &self.token,
                key: "user",
                priority: Priority::Interactive,
                idempotent: true,
            })
            .await?;
        serde_json::from_slice(&bytes).map_err(|e| ApiError::Decode {
            what,
            detail: format!("not JSON ({e})"),
        })
    }

    fn rejected() -> ApiError {
        ApiError::Unauthorized {
            status: 200,
            credential: Credential::UserToken,
        }
    }

    /// The user's pages. A body without the expected keys means the token was
    /// rejected (the real service answers 200 then, API-NOTES).
    pub async fn pages(&self) -> Result<Vec<Page>, ApiError> {
        let v = self
            .call("the page list", Method::GET, "/v1/pages".into(), vec![])
            .await?;
        let list: RawPageList = serde_json::from_value(v).map_err(|e| ApiError::Decode {
            what: "the page list",
            detail: e.to_string(),
        })?;
        let raw = match (list.categorized, list.pages) {
            (Some(c), _) => c.activated,
            (None, Some(p)) => p,
            (None, None) => return Err(Self::rejected()),
        };
        Ok(raw.into_iter().map(Page::from).collect())
    }

    /// Generate (or refresh) a page access token. Held in memory only.
    pub async fn generate_page_token(&self, page: &PageId) -> Result<SecretString, ApiError> {
        let path = format!(
            "/v1/pages/{}/generate_page_access_token",
            enc(page.as_str())
        );
        let v = self
            .call(
                "generate a page token",
                Method::POST,
                path,
                vec![("page_id", page.as_str().to_owned())],
            )
            .await?;
        match v.get("page_access_token").and_then(|t| t.as_str()) {
            Some(t) => Ok(SecretString::from(t.to_owned())),
            None if v.get("success").and_then(|s| s.as_bool()) == Some(false) => {
                Err(Self::rejected())
            }
            None => Err(ApiError::Decode {
                what: "generate a page token",
                detail: "no page_access_token in the reply".into(),
            }),
        }
    }
}

/// Percent-encode one path segment (ids are untrusted too).
fn enc(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(enc("105_77"), "105_77");
        assert_eq!(enc("a/../b?x"), "a%2F..%2Fb%3Fx");
    }

    #[test]
    fn success_false_is_an_error_with_the_server_message() {
        let e = decode::<serde_json::Value>("tag", br#"{"success":false,"message":"no such tag"}"#)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "Pancake answered tag with an error: no such tag"
        );
        let e = decode::<RawTagList>("the tag list", br#"{"tags":"nope"}"#).unwrap_err();
        assert!(matches!(e, ApiError::Decode { .. }), "{e}");
        let e = decode::<RawTagList>("the tag list", b"<html>").unwrap_err();
        assert!(e.to_string().contains("not JSON"), "{e}");
    }

    #[test]
    fn bad_base_urls_are_config_errors() {
        let cfg = |u: &str| ClientConfig {
            base_url: u.into(),
            ..Default::default()
        };
        assert!(matches!(
            Client::new(cfg("ftp://x")),
            Err(ApiError::Config(_))
        ));
        assert!(matches!(
            Client::new(cfg("not a url")),
            Err(ApiError::Config(_))
        ));
    }
}
