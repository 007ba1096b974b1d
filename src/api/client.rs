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
use super::error::{ApiError, Credential, body_error, describe_transport, message_from_body};
use super::ids::{ConversationId, PageId, TagId, UserId};
use super::lenient::{Lenient, redact_reason};
use super::models::{
    Conversation, Message, Page, RawConversationList, RawMessage, RawMessageList, RawPageList,
    RawTagList, RawUsers, Staff, Tag,
};
use super::query::ConversationQuery;
use super::retry::{RetryPolicy, is_retryable, retry_after};
use super::throttle::{DEFAULT_MARGIN, Headroom, Priority, Throttle};
use super::time::UnixSeconds;

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
    pub budget: super::budget::BudgetConfig,
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

/// One request to Pancake: what it is (named in errors), where it goes and
/// what it carries.
#[derive(Clone, Debug)]
pub(super) struct Request {
    pub what: &'static str,
    pub method: Method,
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub body: CallBody,
    /// Safe to repeat after an ambiguous failure (5xx, timeout, dropped reply).
    pub idempotent: bool,
}

impl Request {
    /// A request with no query and no body, safe to repeat.
    pub fn new(what: &'static str, method: Method, path: String) -> Self {
        Request {
            what,
            method,
            path,
            query: Vec::new(),
            body: CallBody::None,
            idempotent: true,
        }
    }

    pub fn get(what: &'static str, path: String) -> Self {
        Request::new(what, Method::GET, path)
    }

    pub fn query(self, query: Vec<(&'static str, String)>) -> Self {
        Request { query, ..self }
    }

    pub fn body(self, body: impl Into<CallBody>) -> Self {
        Request {
            body: body.into(),
            ..self
        }
    }

    pub fn idempotent(self, idempotent: bool) -> Self {
        Request { idempotent, ..self }
    }
}

/// A request with the credential it is sent with.
struct Call<'a> {
    req: &'a Request,
    credential: Credential,
    token: &'a SecretString,
    /// Throttle key: the page id, or "user" for user-token calls.
    key: &'a str,
    priority: Priority,
}

/// What a request carries.
#[derive(Clone, Debug)]
pub(super) enum CallBody {
    None,
    Json(serde_json::Value),
    /// One file as multipart field `file` (`upload_contents`); the form is
    /// built anew for each attempt from these shared bytes.
    File {
        name: String,
        mime: &'static str,
        bytes: bytes::Bytes,
    },
}

impl From<Option<serde_json::Value>> for CallBody {
    fn from(v: Option<serde_json::Value>) -> Self {
        v.map_or(CallBody::None, CallBody::Json)
    }
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

    async fn execute(&self, call: Call<'_>) -> Result<bytes::Bytes, ApiError> {
        let inner = &self.inner;
        let mut url = Url::parse(&format!("{}{}", inner.base, call.req.path))
            .map_err(|e| ApiError::Config(format!("bad request path ({e})")))?;
        {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in &call.req.query {
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
            let mut req = inner.http.request(call.req.method.clone(), url.clone());
            match &call.req.body {
                CallBody::None => {}
                CallBody::Json(body) => req = req.json(body),
                CallBody::File { name, mime, bytes } => {
                    let part = reqwest::multipart::Part::stream_with_length(
                        reqwest::Body::from(bytes.clone()),
                        bytes.len() as u64,
                    )
                    .file_name(name.clone())
                    .mime_str(mime)
                    .map_err(|e| {
                        ApiError::Config(format!("upload type ({})", describe_transport(e)))
                    })?;
                    req = req.multipart(reqwest::multipart::Form::new().part("file", part));
                }
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
                        tracing::debug!(what = call.req.what, %error, ?delay, "retrying");
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
            let bytes = match read_capped(resp, MAX_ANSWER_BYTES).await {
                Ok(Some(b)) => b,
                // Made (for a change) but unreadable: never repeated.
                Ok(None) => {
                    return Outcome::Fail(ApiError::Decode {
                        what: call.req.what,
                        detail: format!(
                            "the answer is over {} MB: not read further",
                            MAX_ANSWER_BYTES / 1_000_000
                        ),
                    });
                }
                Err(e) => return self.transport_outcome(call, e),
            };
            // The real service answers most errors as 200 + `success: false`.
            return match body_error(call.req.what, call.credential, &bytes) {
                None => Outcome::Done(bytes),
                Some(ApiError::RateLimited { .. }) => {
                    self.inner
                        .stats
                        .rate_limited
                        .fetch_add(1, Ordering::Relaxed);
                    Outcome::Retry {
                        error: ApiError::RateLimited { attempts },
                        after: None,
                    }
                }
                Some(ApiError::Server { status, .. }) => {
                    let error = ApiError::Server { status, attempts };
                    if call.req.idempotent {
                        Outcome::Retry { error, after: None }
                    } else {
                        Outcome::Fail(error)
                    }
                }
                Some(e) => Outcome::Fail(e),
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
        let retryable = status == StatusCode::TOO_MANY_REQUESTS
            || (is_retryable(status) && call.req.idempotent);
        // An error's body is read for its message only.
        let body = read_capped(resp, MAX_ERROR_BYTES)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        let error = match status.as_u16() {
            401 => ApiError::Unauthorized {
                status: 401,
                credential: call.credential,
            },
            403 => ApiError::Forbidden {
                detail: message_from_body(&body),
            },
            404 => ApiError::NotFound {
                what: call.req.what,
                detail: message_from_body(&body),
            },
            429 => ApiError::RateLimited { attempts },
            s if status.is_server_error() => ApiError::Server {
                status: s,
                attempts,
            },
            s => ApiError::Rejected {
                what: call.req.what,
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
        let safe = e.is_connect() || call.req.idempotent;
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
        // Background sync has its own back-off (and says "offline" at once
        // when told at once): a refused connection is not retried here.
        let sync_offline =
            matches!(error, ApiError::Unreachable { .. }) && call.priority == Priority::Background;
        if safe && !sync_offline {
            Outcome::Retry { error, after: None }
        } else {
            Outcome::Fail(error)
        }
    }
}

/// Decode a success body (`success: false` was turned into an error when
/// the answer came in, see `classify`).
pub fn decode<T: DeserializeOwned>(what: &'static str, bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| ApiError::Decode {
        what,
        detail: format!("not JSON ({})", redact_reason(&e.to_string())),
    })?;
    serde_json::from_value(value).map_err(|e| ApiError::Decode {
        what,
        detail: redact_reason(&e.to_string()),
    })
}

/// Log the elements of a list that could not be read (their ids, never
/// their content), and keep the rest.
fn kept<T>(what: &'static str, page: &PageId, list: Lenient<T>) -> Vec<T> {
    for s in &list.skipped {
        tracing::warn!(
            what,
            page = %page,
            id = s.id.as_deref().unwrap_or("-"),
            reason = %s.reason,
            "skipped an element Pancake sent that could not be read"
        );
    }
    list.items
}

/// A page's token, and how to get a new one when Pancake rejects it.
struct PageToken {
    /// The token in use and its generation (bumped at each renewal).
    current: std::sync::RwLock<(u64, Arc<SecretString>)>,
    /// The user token's calls, when the page token came from it.
    renew: Option<UserApi>,
    /// One renewal at a time: calls rejected together renew once. Holds
    /// when the last renewal was tried and its error, if it failed.
    renewing: tokio::sync::Mutex<Option<(std::time::Instant, Option<ApiError>)>>,
}

/// A page token is generated anew at most this often: a token rejected
/// again right after (two apps sharing one user token could revoke each
/// other's) is an error to show, not a loop.
const RENEW_COOLDOWN: Duration = Duration::from_secs(60);

impl PageToken {
    fn new(token: SecretString, renew: Option<UserApi>) -> Self {
        PageToken {
            current: std::sync::RwLock::new((0, Arc::new(token))),
            renew,
            renewing: tokio::sync::Mutex::new(None),
        }
    }

    fn get(&self) -> (u64, Arc<SecretString>) {
        let g = self.current.read().unwrap_or_else(|e| e.into_inner());
        (g.0, g.1.clone())
    }

    /// A new token from the user token, unless another call already got one
    /// since generation `seen`. `Ok(false)`: no user token to renew with.
    async fn renew(&self, page: &PageId, seen: u64) -> Result<bool, ApiError> {
        let Some(user) = &self.renew else {
            return Ok(false);
        };
        let mut last = self.renewing.lock().await;
        if self.get().0 != seen {
            return Ok(true);
        }
        if let Some((at, failed)) = last.as_ref()
            && at.elapsed() < RENEW_COOLDOWN
        {
            return match failed {
                Some(e) => Err(e.clone()),
                None => Ok(false),
            };
        }
        match user.generate_page_token(page).await {
            Ok(token) => {
                tracing::info!(page = %page, "Pancake rejected the page token: generated a new one");
                *last = Some((std::time::Instant::now(), None));
                let mut g = self.current.write().unwrap_or_else(|e| e.into_inner());
                *g = (seen + 1, Arc::new(token));
                Ok(true)
            }
            Err(e) => {
                *last = Some((std::time::Instant::now(), Some(e.clone())));
                Err(e)
            }
        }
    }
}

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

/// Calls scoped to one page.
#[derive(Clone)]
pub struct PageApi {
    client: Client,
    page: PageId,
    token: Arc<PageToken>,
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

    pub(super) fn v1(&self, rest: &str) -> String {
        format!("/public_api/v1/pages/{}{rest}", enc(self.page.as_str()))
    }

    fn conv_path(&self, conv: &ConversationId, rest: &str) -> String {
        self.v1(&format!("/conversations/{}{rest}", enc(conv.as_str())))
    }

    /// Send one request; a rejected page token is renewed once from the user
    /// token (when there is one) and the request sent again: a rejected
    /// request was not acted on, so even a send is safe to repeat.
    pub(super) async fn request(&self, req: Request) -> Result<bytes::Bytes, ApiError> {
        let mut renewed = false;
        loop {
            let (generation, token) = self.token.get();
            let result = self
                .client
                .execute(Call {
                    req: &req,
                    credential: Credential::PageToken,
                    token: &token,
                    key: self.page.as_str(),
                    priority: self.priority,
                })
                .await;
            match result {
                Err(e) if e.is_page_token_rejected() && !renewed => {
                    if !self.token.renew(&self.page, generation).await? {
                        return Err(e);
                    }
                    renewed = true;
                }
                other => return other,
            }
        }
    }

    /// POST to one of a conversation's endpoints (`rest`: "/tags").
    async fn post<T: DeserializeOwned>(
        &self,
        conv: &ConversationId,
        what: &'static str,
        rest: &str,
        body: Option<serde_json::Value>,
        idempotent: bool,
    ) -> Result<T, ApiError> {
        let path = self.conv_path(conv, rest);
        self.call_with(what, Method::POST, path, body, idempotent)
            .await
    }

    pub(super) async fn call_with<T: DeserializeOwned>(
        &self,
        what: &'static str,
        method: Method,
        path: String,
        body: Option<serde_json::Value>,
        idempotent: bool,
    ) -> Result<T, ApiError> {
        let req = Request::new(what, method, path)
            .body(body)
            .idempotent(idempotent);
        decode(what, &self.request(req).await?)
    }

    /// The answer to a read, as Pancake sent it (no decoding).
    pub async fn fetch(&self, endpoint: &Endpoint<'_>) -> Result<bytes::Bytes, ApiError> {
        let (path, query) = match endpoint {
            Endpoint::Conversations { query, cursor } => (
                format!(
                    "/public_api/v2/pages/{}/conversations",
                    enc(self.page.as_str())
                ),
                query.to_pairs(*cursor),
            ),
            Endpoint::Messages {
                conv,
                customer_id,
                current_count,
            } => {
                let mut q = Vec::new();
                // The customer's Pancake id, never the PSID; none: not sent.
                if let Some(c) = customer_id.filter(|c| !c.is_empty()) {
                    q.push(("customer_id", c.to_owned()));
                }
                if let Some(n) = current_count {
                    q.push(("current_count", n.to_string()));
                }
                (self.conv_path(conv, "/messages"), q)
            }
            Endpoint::Tags => (self.v1("/tags"), vec![]),
            Endpoint::Users => (self.v1("/users"), vec![]),
            Endpoint::PageRead { rest, query, .. } => (self.v1(rest), query.clone()),
        };
        self.request(Request::get(endpoint.what(), path).query(query))
            .await
    }

    /// [`Endpoint::PageRead`]: GET `rest` under the page with `query`.
    pub(super) async fn read(
        &self,
        what: &'static str,
        rest: &'static str,
        query: Vec<(&'static str, String)>,
    ) -> Result<bytes::Bytes, ApiError> {
        self.fetch(&Endpoint::PageRead { what, rest, query }).await
    }

    /// One call of the v2 list: up to 60 conversations after `cursor`.
    /// Conversations that cannot be read are skipped (and logged).
    pub async fn conversations(
        &self,
        query: &ConversationQuery,
        cursor: Option<&ConversationId>,
    ) -> Result<Vec<Conversation>, ApiError> {
        let endpoint = Endpoint::Conversations { query, cursor };
        let bytes = self.fetch(&endpoint).await?;
        let list = decode_conversations(&bytes, &self.page)?;
        Ok(kept(endpoint.what(), &self.page, list))
    }

    /// Messages of a conversation: the newest 30 (pancake-api.md
    /// § Messages) without `current_count`, older ones from position `current_count` (counted
    /// from the newest). Sorted
    /// oldest first. `customer_id` is the customer's Pancake id
    /// (`customers[0].id` or `customer_id`), never the PSID.
    pub async fn messages(
        &self,
        conv: &ConversationId,
        customer_id: Option<&str>,
        current_count: Option<usize>,
    ) -> Result<Vec<Message>, ApiError> {
        let endpoint = Endpoint::Messages {
            conv,
            customer_id,
            current_count,
        };
        let bytes = self.fetch(&endpoint).await?;
        let list = decode_messages(&bytes, &self.page)?;
        Ok(kept(endpoint.what(), &self.page, list))
    }

    pub async fn tags(&self) -> Result<Vec<Tag>, ApiError> {
        let bytes = self.fetch(&Endpoint::Tags).await?;
        Ok(kept("the tag list", &self.page, decode_tags(&bytes)?))
    }

    pub async fn staff(&self) -> Result<Staff, ApiError> {
        let bytes = self.fetch(&Endpoint::Users).await?;
        let users = decode_staff(&bytes)?;
        for list in [&users.users, &users.disabled_users] {
            for s in &list.skipped {
                tracing::warn!(id = s.id.as_deref().unwrap_or("-"), reason = %s.reason,
                    "skipped a staff member Pancake sent that could not be read");
            }
        }
        Ok(Staff::from(users))
    }

    /// Add or remove one tag; returns the conversation's tags after the change
    /// as the server reports them (`data` is the truth, pancake-api.md § Tags).
    pub async fn tag(
        &self,
        conv: &ConversationId,
        action: TagAction,
        tag: &TagId,
    ) -> Result<Vec<TagId>, ApiError> {
        #[derive(serde::Deserialize)]
        struct Reply {
            #[serde(default)]
            data: Option<serde_json::Value>,
        }
        let body = serde_json::json!({ "action": action.as_wire(), "tag_id": tag.as_str() });
        let r: Reply = self.post(conv, "tag", "/tags", Some(body), true).await?;
        match r.data {
            // Element by element: a `null` in the list is dropped.
            Some(list @ serde_json::Value::Array(_)) => {
                Ok(serde_json::from_value::<Lenient<TagId>>(list)
                    .map(|l| l.items)
                    .unwrap_or_default())
            }
            _ => Err(ApiError::Decode {
                what: "tag",
                detail: "the reply has no `data` list of tags".into(),
            }),
        }
    }

    /// Replace the assignee list with exactly `ids`.
    pub async fn set_assignees(
        &self,
        conv: &ConversationId,
        ids: &[UserId],
    ) -> Result<Vec<UserId>, ApiError> {
        #[derive(serde::Deserialize)]
        struct Data {
            #[serde(default, deserialize_with = "super::lenient::lenient_opt")]
            assignee_ids: Option<Lenient<UserId>>,
        }
        #[derive(serde::Deserialize)]
        struct Reply {
            #[serde(default, deserialize_with = "super::lenient::lenient_opt")]
            data: Option<Data>,
        }
        let body = serde_json::json!({ "assignee_ids": ids });
        let r: Reply = self
            .post(conv, "assign", "/assign", Some(body), true)
            .await?;
        Ok(r.data
            .and_then(|d| d.assignee_ids)
            .map(|l| l.items)
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
        let _: serde_json::Value = self.post(conv, what, rest, None, true).await?;
        Ok(())
    }

    /// Send a reply. Returns the created message when the server includes it.
    /// Not retried after an ambiguous failure (it could be sent twice). A
    /// private reply Pancake calls failed may have been delivered all the
    /// same (pancake-api.md § Send): it comes back as [`ApiError::MaybeSent`].
    pub async fn send(
        &self,
        conv: &ConversationId,
        reply: &Reply,
    ) -> Result<Option<Message>, ApiError> {
        let result: Result<serde_json::Value, ApiError> = self
            .post(
                conv,
                "send a message",
                "/messages",
                Some(reply.to_body()),
                false,
            )
            .await;
        let v = match result {
            Ok(v) => v,
            Err(e) if matches!(reply, Reply::Private { .. }) => return Err(private_reply_error(e)),
            Err(e) => return Err(e),
        };
        Ok(decode_sent(&v, &self.page))
    }
}

/// A private reply's failure: what Pancake refused before acting (a token,
/// a rate limit, the subscription) stays as it is; a refusal that came back
/// from sending may hide a delivered reply.
fn private_reply_error(e: ApiError) -> ApiError {
    match e {
        ApiError::Failed { message, .. }
        | ApiError::OutsideWindow { message }
        | ApiError::CustomerUnavailable { message }
        | ApiError::FacebookRateLimited { message } => ApiError::MaybeSent { message },
        other => other,
    }
}

/// An answer without the key its list comes under: not what was asked for
/// (an error the service did not mark, a page of HTML): never an empty inbox.
fn missing(what: &'static str, key: &str) -> ApiError {
    ApiError::Decode {
        what,
        detail: format!("no `{key}` in the answer"),
    }
}

/// The list an endpoint answers with must be a list; its elements may be odd.
fn a_list<T>(what: &'static str, key: &str, list: Lenient<T>) -> Result<Lenient<T>, ApiError> {
    match list.not_a_list {
        Some(found) => Err(ApiError::Decode {
            what,
            detail: format!("`{key}` is {found}, not a list"),
        }),
        None => Ok(list),
    }
}

/// The conversations of one list answer; those that cannot be read are in
/// `skipped`.
pub fn decode_conversations(
    bytes: &[u8],
    page: &PageId,
) -> Result<Lenient<Conversation>, ApiError> {
    const WHAT: &str = "the conversation list";
    let list: RawConversationList = decode(WHAT, bytes)?;
    let list = list
        .conversations
        .ok_or_else(|| missing(WHAT, "conversations"))?;
    Ok(a_list(WHAT, "conversations", list)?.map(|c| c.into_model(page)))
}

/// The messages of one answer, oldest first.
pub fn decode_messages(bytes: &[u8], page: &PageId) -> Result<Lenient<Message>, ApiError> {
    const WHAT: &str = "the messages";
    let list: RawMessageList = decode(WHAT, bytes)?;
    let list = list.messages.ok_or_else(|| missing(WHAT, "messages"))?;
    let mut msgs = a_list(WHAT, "messages", list)?.map(|m| m.into_model(page));
    msgs.items.sort_by_key(|m| m.inserted_at);
    Ok(msgs)
}

pub fn decode_tags(bytes: &[u8]) -> Result<Lenient<Tag>, ApiError> {
    const WHAT: &str = "the tag list";
    let list: RawTagList = decode(WHAT, bytes)?;
    Ok(a_list(WHAT, "tags", list.tags)?.map(Tag::from))
}

/// `GET /v1/pages`: the body groups them (`categorized.activated`); the
/// OpenAPI's `pages` is read too. Neither: the user token was rejected (the
/// real service answers 200 then).
pub fn decode_pages(bytes: &[u8]) -> Result<Lenient<Page>, ApiError> {
    const WHAT: &str = "the page list";
    let list: RawPageList = decode(WHAT, bytes)?;
    let raw = match (list.categorized, list.pages) {
        (Some(c), _) => c.activated,
        (None, Some(p)) => p,
        (None, None) => {
            return Err(ApiError::Unauthorized {
                status: 200,
                credential: Credential::UserToken,
            });
        }
    };
    Ok(a_list(WHAT, "pages", raw)?.map(Page::from))
}

/// The most of one answer read (the largest, a month of hourly staff
/// statistics, is about 2 MB): past it the answer is dropped, so one huge
/// or endless body never exhausts memory.
pub const MAX_ANSWER_BYTES: usize = 8_000_000;
/// The most of an error's body read (for its message).
pub const MAX_ERROR_BYTES: usize = 64_000;

/// The body of `resp`, or `None` once it is past `cap` bytes (read chunk
/// by chunk: nothing past the cap is kept).
async fn read_capped(
    mut resp: reqwest::Response,
    cap: usize,
) -> Result<Option<bytes::Bytes>, reqwest::Error> {
    if resp.content_length().is_some_and(|n| n > cap as u64) {
        return Ok(None);
    }
    let mut out = bytes::BytesMut::new();
    while let Some(chunk) = resp.chunk().await? {
        if out.len() + chunk.len() > cap {
            return Ok(None);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(Some(out.freeze()))
}

/// The message a send created. Pancake answers `{"success", "id",
/// "message": "<text>"}` (pancake-api.md § Send): the page's message with
/// that id and text, at the time it was answered. A message object under
/// `data` or `message` is read too. `None` without an id.
pub fn decode_sent(answer: &serde_json::Value, page: &PageId) -> Option<Message> {
    if let Some(m) = ["data", "message"]
        .iter()
        .filter_map(|k| answer.get(*k))
        .find(|m| m.is_object())
    {
        return serde_json::from_value::<RawMessage>(m.clone())
            .ok()
            .map(|m| m.into_model(page));
    }
    let raw = serde_json::from_value::<RawMessage>(answer.clone()).ok()?;
    let mut m = raw.into_model(page);
    if m.id.is_empty() {
        return None;
    }
    m.from_page = true;
    m.from_id = Some(page.as_str().to_owned());
    m.inserted_at = m.inserted_at.or_else(|| Some(UnixSeconds::now()));
    Some(m)
}

pub fn decode_staff(bytes: &[u8]) -> Result<RawUsers, ApiError> {
    const WHAT: &str = "the staff list";
    let mut users: RawUsers = decode(WHAT, bytes)?;
    users.users = a_list(WHAT, "users", users.users)?;
    Ok(users)
}

/// Calls with the user access token.
#[derive(Clone)]
pub struct UserApi {
    client: Client,
    token: Arc<SecretString>,
}

impl UserApi {
    pub(super) async fn request(&self, req: Request) -> Result<bytes::Bytes, ApiError> {
        self.client
            .execute(Call {
                req: &req,
                credential: Credential::UserToken,
                token: &self.token,
                key: "user",
                priority: Priority::Interactive,
            })
            .await
    }

    /// The user's pages. A body without the expected keys means the token was
    /// rejected (the real service answers 200 then, pancake-api.md § Errors in 200).
    pub async fn pages(&self) -> Result<Vec<Page>, ApiError> {
        let bytes = self
            .request(Request::get("the page list", "/v1/pages".into()))
            .await?;
        let raw = decode_pages(&bytes)?;
        for s in &raw.skipped {
            tracing::warn!(id = s.id.as_deref().unwrap_or("-"), reason = %s.reason,
                "skipped a page Pancake listed that could not be read");
        }
        Ok(raw.items)
    }

    /// Generate (or refresh) a page access token. Held in memory only.
    pub async fn generate_page_token(&self, page: &PageId) -> Result<SecretString, ApiError> {
        let path = format!(
            "/v1/pages/{}/generate_page_access_token",
            enc(page.as_str())
        );
        const WHAT: &str = "generate a page token";
        let query = vec![("page_id", page.as_str().to_owned())];
        let req = Request::new(WHAT, Method::POST, path).query(query);
        let bytes = self.request(req).await?;
        let v: serde_json::Value = decode(WHAT, &bytes)?;
        match v.get("page_access_token").and_then(|t| t.as_str()) {
            Some(t) => {
                if let Some(hook) = self.client.inner.on_secret {
                    hook(t);
                }
                Ok(SecretString::from(t.to_owned()))
            }
            None => Err(ApiError::Decode {
                what: WHAT,
                detail: "no page_access_token in the reply".into(),
            }),
        }
    }
}

/// Percent-encode one path segment (ids are untrusted too).
pub(super) fn enc(segment: &str) -> String {
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

    /// The token travels in clear over http://: only to this machine,
    /// unless the config says so for a host it trusts.
    #[test]
    fn plain_http_goes_only_to_this_machine_unless_allowed() {
        let client = |url: &str, allow: bool| {
            Client::new(ClientConfig {
                base_url: url.into(),
                allow_plain_http: allow,
                ..ClientConfig::default()
            })
        };
        for local in [
            "http://127.0.0.1:8080/api",
            "http://127.0.0.2/api",
            "http://localhost:1/api",
            "http://[::1]:9/api",
        ] {
            assert!(client(local, false).is_ok(), "{local}");
        }
        let e = client("http://pages.example/api", false)
            .err()
            .expect("refused");
        assert!(e.to_string().contains("https://"), "{e}");
        assert!(client("http://pages.example/api", true).is_ok());
        assert!(client("https://pages.example/api", false).is_ok());
    }

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(enc("105_77"), "105_77");
        assert_eq!(enc("a/../b?x"), "a%2F..%2Fb%3Fx");
    }

    #[test]
    fn success_false_is_an_error_with_the_server_message() {
        let e = body_error(
            "tag",
            Credential::PageToken,
            br#"{"success":false,"message":"no such tag"}"#,
        )
        .unwrap();
        assert_eq!(e.to_string(), "Pancake refused tag: no such tag");
        let e = decode::<RawTagList>("the tag list", br#""nope""#).unwrap_err();
        assert!(matches!(e, ApiError::Decode { .. }), "{e}");
        let odd = decode::<RawTagList>("the tag list", br#"{"tags":"nope"}"#).unwrap();
        assert!(odd.tags.items.is_empty() && odd.tags.skipped.len() == 1);
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
