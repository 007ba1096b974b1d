//! The simulator's HTTP handling: every request is logged (the tests'
//! oracle), its query decoded as Phoenix does, checked for page, token and
//! subscription, rate limited per page, put through the configured faults,
//! then answered. Errors come as the real service sends them: mostly HTTP
//! 200 with `{"success": false, "message": ..., "error_code": N}`.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;
use serde_json::{Value, json};

use super::data::{Attachment, Conv, LinkKey, Msg, REPLY_WINDOW, Sender};
use super::day;
use super::rng::Rng;
use super::world::{ListQuery, World, conv_json, now, private_reply_refusal};
use super::{Faults, LoggedRequest, MessagesWant};

/// The wire forms of the real service's errors (pancake-api.md § Errors in 200), in one place.
pub mod wire {
    pub const RATE_LIMITED: (i64, &str) = (429, "Too many requests");
    pub const SERVER_ERROR: (i64, &str) = (500, "Internal server error");
    pub const INVALID_TOKEN: (i64, &str) = (102, "Invalid access_token");
    pub const USER_TOKEN_EXPIRED: (i64, &str) = (103, "access_token has expired");
    pub const REVOKED_TOKEN: (i64, &str) = (105, "access_token has been revoked");
    pub const SUBSCRIPTION_EXPIRED: (i64, &str) = (122, "Page subscription expired");
    pub const CUSTOMER_NOT_FOUND: &str = "Không tìm thấy khách hàng (customer not found)";
    pub const GHOST_PRIVATE_REPLY: &str =
        "Gửi tin nhắn riêng thất bại (the private reply could not be sent)";
    /// Facebook's 24-hour window (`e_code`, `e_subcode`).
    pub const OUTSIDE_WINDOW: (i64, i64) = (10, 2_018_278);
}

pub struct Shared {
    pub world: Mutex<World>,
    pub log: Mutex<Vec<LoggedRequest>>,
    pub faults: Mutex<Faults>,
    pub limit: AtomicU32,
    /// Sends waiting under `Faults::park_file_sends`.
    pub parked: AtomicU32,
    /// Answers are kept in the log (`SimHandle::log_answers`).
    pub log_answers: AtomicBool,
    /// Bytes sent of endless answers (`Faults::endless_answers`).
    pub streamed: Arc<AtomicU64>,
    windows: Mutex<HashMap<String, VecDeque<Instant>>>,
    rng: Mutex<Rng>,
    pub start: Instant,
}

impl Shared {
    pub fn new(world: World, faults: Faults, limit: u32, seed: u64) -> Self {
        Shared {
            world: Mutex::new(world),
            log: Mutex::new(Vec::new()),
            faults: Mutex::new(faults),
            limit: AtomicU32::new(limit),
            parked: AtomicU32::new(0),
            log_answers: AtomicBool::new(false),
            streamed: Arc::new(AtomicU64::new(0)),
            windows: Mutex::new(HashMap::new()),
            rng: Mutex::new(Rng::new(seed ^ 0xFA17)),
            start: Instant::now(),
        }
    }

    pub fn world(&self) -> std::sync::MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn faults_now(&self) -> Faults {
        self.faults
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// A rate limit answer: in the body (HTTP 200) a `body_errors` share of
    /// the time, else HTTP 429 with `Retry-After: 1`.
    fn rate_limited(&self, f: &Faults) -> Answer {
        if self.chance(f.body_errors) {
            body_error(wire::RATE_LIMITED)
        } else {
            Answer::RateLimited
        }
    }

    /// The page gets a new token; the old one answers 105 from now on.
    pub fn revoke_page_token(&self, pid: &str) -> Option<String> {
        let token = {
            let mut r = self.rng.lock().unwrap_or_else(|e| e.into_inner());
            format!("sim-{:016x}{:016x}", r.next(), r.next())
        };
        let mut w = self.world();
        let page = w.page_mut(pid)?;
        let old = std::mem::replace(&mut page.token, token.clone());
        page.revoked_tokens.push(old);
        Some(token)
    }

    pub fn expire_subscription(&self, pid: &str, expired: bool) -> bool {
        let mut w = self.world();
        let Some(page) = w.page_mut(pid) else {
            return false;
        };
        page.subscription_expired = expired;
        true
    }

    pub fn expire_user_token(&self, expired: bool) {
        self.world().user_token_expired = expired;
    }

    pub fn refuse_sends(&self, pid: &str, cid: &str, codes: Option<(i64, i64)>) -> bool {
        let mut w = self.world();
        let Some(page) = w.page_mut(pid) else {
            return false;
        };
        let Some(&i) = page.index.get(cid) else {
            return false;
        };
        page.convs[i].refuse = codes;
        true
    }

    /// Wait out the arrival jitter of the current faults, if any.
    async fn arrive_late(&self) {
        let jitter = self
            .faults
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .arrival_jitter;
        if jitter.is_zero() {
            return;
        }
        let ms = self
            .rng
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .below(jitter.as_millis() as u64);
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }

    fn chance(&self, p: f64) -> bool {
        p > 0.0 && self.rng.lock().unwrap_or_else(|e| e.into_inner()).chance(p)
    }

    /// Admit a request for `page` unless `limit` were admitted in the last second.
    fn admit(&self, page: &str) -> bool {
        let limit = self.limit.load(Ordering::Relaxed) as usize;
        if limit == 0 {
            return true;
        }
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let w = windows.entry(page.to_owned()).or_default();
        let now = Instant::now();
        while w
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
        {
            w.pop_front();
        }
        if w.len() >= limit {
            return false;
        }
        w.push_back(now);
        true
    }
}

/// What a route answers: a status and a JSON body, or a dropped connection.
enum Answer {
    Json(u16, Value),
    RateLimited,
    Drop,
    Raw(u16, &'static str),
    /// 200 and a body that never ends (each byte counted in the counter).
    Endless(Arc<AtomicU64>),
}

fn err(status: u16, message: &str) -> Answer {
    Answer::Json(status, json!({"success": false, "message": message}))
}

/// Processed but refused: HTTP 200, `success: false` and why.
fn refused(message: &str) -> Answer {
    err(200, message)
}

/// An error inside an HTTP 200, with Pancake's `error_code`.
fn body_error((code, message): (i64, &str)) -> Answer {
    Answer::Json(
        200,
        json!({"success": false, "message": message, "error_code": code}),
    )
}

/// A send Facebook refused, as Pancake relays it (HTTP 200, `e_code`,
/// `e_subcode`; a subcode of 0 is left out).
pub fn facebook_refusal(e_code: i64, e_subcode: i64) -> Value {
    let message = match (e_code, e_subcode) {
        (10, _) | (_, 2_018_278) => {
            "(#10) This message is sent outside of allowed window.".to_owned()
        }
        (551, _) => "(#551) This person isn't available right now.".to_owned(),
        (_, 3_252_001) => format!(
            "(#{e_code}) You are sending messages too fast: Facebook limited this page for now."
        ),
        _ => format!("(#{e_code}) Facebook refused to deliver the message."),
    };
    let mut v = json!({"success": false, "message": message, "e_code": e_code});
    if e_subcode != 0 {
        v["e_subcode"] = json!(e_subcode);
    }
    v
}

/// What the log keeps of an answer: the body's `success`, and its
/// `error_code` (or Facebook's `e_code`) when an error came in a 200.
fn outcome(answer: &Answer) -> (Option<bool>, Option<i64>) {
    match answer {
        Answer::Json(status, v) => {
            let success = v.get("success").and_then(Value::as_bool);
            let code = (*status == 200 && success == Some(false))
                .then(|| {
                    v.get("error_code")
                        .and_then(Value::as_i64)
                        .or_else(|| v.get("e_code").and_then(Value::as_i64))
                })
                .flatten();
            (success, code)
        }
        Answer::RateLimited => (Some(false), None),
        Answer::Raw(..) | Answer::Drop | Answer::Endless(_) => (None, None),
    }
}

fn ok(v: Value) -> Answer {
    Answer::Json(200, v)
}

/// The one handler behind every path.
pub async fn handle(
    axum::extract::State(sh): axum::extract::State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let path = uri.path().to_owned();
    if !path.starts_with("/api/__sim/") {
        sh.arrive_late().await;
    }
    let at = sh.start.elapsed();
    let query: Vec<(String, String)> = form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    let params = Params::parse(&query);
    if let Some(rest) = path.strip_prefix("/api/__sim/") {
        return admin(&sh, &method, rest, &body);
    }
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    let page_id = match segs.as_slice() {
        ["api", "public_api", _, "pages", p, ..] | ["api", "v1", "pages", p, ..] => {
            Some(p.to_string())
        }
        _ => None,
    };
    let answer = route(&sh, &method, &segs, &params, &body, &content_type).await;
    let status = match &answer {
        Answer::Json(s, _) | Answer::Raw(s, _) => *s,
        Answer::RateLimited => 429,
        Answer::Drop => 0,
        Answer::Endless(_) => 200,
    };
    let (success, error_code) = outcome(&answer);
    let logged_answer = match &answer {
        Answer::Json(_, v) if sh.log_answers.load(Ordering::SeqCst) => Some(v.clone()),
        _ => None,
    };
    sh.log
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(LoggedRequest {
            method: method.to_string(),
            path,
            query: query
                .into_iter()
                .filter(|(k, _)| k != "page_access_token" && k != "access_token")
                .collect(),
            // An upload is logged by its size, not its bytes.
            body: if content_type.starts_with("multipart/") {
                format!("{content_type}, {} bytes", body.len())
            } else {
                String::from_utf8_lossy(&body).into_owned()
            },
            status,
            at,
            page_id,
            error_code,
            success,
            answer: logged_answer,
        });
    respond(answer)
}

fn respond(answer: Answer) -> Response {
    let json_response = |status: u16, body: String| {
        Response::builder()
            .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap_or_default()
    };
    match answer {
        Answer::Json(status, v) => json_response(status, v.to_string()),
        Answer::Raw(status, text) => json_response(status, text.to_owned()),
        Answer::RateLimited => {
            let mut r = json_response(
                429,
                json!({"success": false, "message": "Too many requests"}).to_string(),
            );
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            r
        }
        Answer::Endless(counter) => {
            // `{"success": true, "tags": [` and then spaces for ever.
            let start = futures_util::stream::once(async {
                Ok::<Bytes, std::io::Error>(Bytes::from_static(b"{\"success\": true, \"tags\": ["))
            });
            let chunk = Bytes::from(vec![b' '; 64 * 1024]);
            let rest = futures_util::stream::repeat_with(move || {
                counter.fetch_add(chunk.len() as u64, Ordering::Relaxed);
                Ok::<Bytes, std::io::Error>(chunk.clone())
            });
            use futures_util::StreamExt;
            Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from_stream(start.chain(rest)))
                .unwrap_or_default()
        }
        Answer::Drop => {
            // Headers go out, then the body fails: the client sees the
            // connection drop mid-reply.
            let broken = futures_util::stream::once(async {
                Err::<Bytes, std::io::Error>(std::io::Error::other(
                    "connection dropped by the simulator",
                ))
            });
            Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from_stream(broken))
                .unwrap_or_default()
        }
    }
}

/// One decoded query value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryValue {
    One(String),
    List(Vec<String>),
}

/// A query decoded as Plug (Elixir/Phoenix, the real service's stack) does:
/// a repeated plain key keeps only its LAST value (`type=INBOX&type=COMMENT`
/// is `COMMENT`); only `key[]` makes a list (`type[]=INBOX&type[]=COMMENT`).
/// Whichever form of a key comes last decides: a plain `key` after `key[]`
/// replaces the list, a `key[]` after a plain `key` starts a new list.
#[derive(Debug, Default)]
pub struct Params(HashMap<String, QueryValue>);

impl Params {
    pub fn parse(pairs: &[(String, String)]) -> Params {
        let mut map: HashMap<String, QueryValue> = HashMap::new();
        for (k, v) in pairs {
            match k.strip_suffix("[]") {
                Some(key) => match map.get_mut(key) {
                    Some(QueryValue::List(items)) => items.push(v.clone()),
                    _ => {
                        map.insert(key.to_owned(), QueryValue::List(vec![v.clone()]));
                    }
                },
                None => {
                    map.insert(k.clone(), QueryValue::One(v.clone()));
                }
            }
        }
        Params(map)
    }

    /// A plain value (a list where one value is expected is no value).
    pub fn one(&self, key: &str) -> Option<&str> {
        match self.0.get(key)? {
            QueryValue::One(v) => Some(v),
            QueryValue::List(_) => None,
        }
    }

    /// The items of `key[]`; a plain `key` is one item, or split at commas
    /// when `commas` (pancake-api.md § List writes comma-joined `post_ids` and `tags`).
    pub fn list(&self, key: &str, commas: bool) -> Vec<String> {
        let items: Vec<&str> = match self.0.get(key) {
            None => vec![],
            Some(QueryValue::List(items)) => items.iter().map(String::as_str).collect(),
            Some(QueryValue::One(v)) if commas => v.split(',').collect(),
            Some(QueryValue::One(v)) => vec![v.as_str()],
        };
        items
            .into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

async fn route(
    sh: &Shared,
    method: &Method,
    segs: &[&str],
    q: &Params,
    body: &[u8],
    content_type: &str,
) -> Answer {
    match segs {
        ["api", "v1", "pages"] if method == Method::GET => user_pages(sh, q),
        ["api", "v1", "statistics", "user"] if method == Method::GET => user_stats_pages(sh, q),
        ["api", "v1", "pages", pid, "generate_page_access_token"] if method == Method::POST => {
            generate_token(sh, pid, q)
        }
        ["api", "public_api", version, "pages", pid, rest @ ..] => {
            let f = sh.faults_now();
            if let Some(problem) = gate(sh, &f, pid, q) {
                return problem;
            }
            if let Some(faulted) = faults(sh, &f, method, rest).await {
                return faulted;
            }
            if f.endless_answers && *method == Method::GET {
                return Answer::Endless(sh.streamed.clone());
            }
            if f.park_file_sends && is_file_send(method, rest, body) {
                return park(sh).await;
            }
            if f.refuse_type_filter
                && method == Method::GET
                && rest == ["conversations"]
                && !q.list("type", false).is_empty()
            {
                return err(500, "Internal server error");
            }
            let answer = page_route(sh, &f, method, version, pid, rest, q, body, content_type);
            if f.hang_after_change && method != Method::GET {
                // Made; the answer never comes (the client leaves first).
                tokio::time::sleep(Duration::from_secs(300)).await;
                return Answer::Drop;
            }
            // A change is made, then its answer comes back unreadable.
            let malformed = sh.faults_now().malformed;
            match answer {
                Answer::Json(200, v) if malformed && v.get("success") != Some(&json!(false)) => {
                    ok(MALFORMED.clone())
                }
                other => other,
            }
        }
        _ => err(404, "no such endpoint"),
    }
}

/// A send of files: `POST .../conversations/{id}/messages` with `content_ids`.
fn is_file_send(method: &Method, rest: &[&str], body: &[u8]) -> bool {
    method == Method::POST
        && matches!(rest, ["conversations", _, "messages"])
        && serde_json::from_slice::<Value>(body)
            .is_ok_and(|v| v.get("content_ids").is_some_and(|c| !c.is_null()))
}

/// Hold a request while `Faults::park_file_sends` is on, then drop its
/// connection without acting on it. Counted while it waits, also when the
/// client goes away first (the server then drops the request's future).
async fn park(sh: &Shared) -> Answer {
    struct Waiting<'a>(&'a AtomicU32);
    impl Drop for Waiting<'_> {
        fn drop(&mut self) {
            self.0.fetch_sub(1, Ordering::SeqCst);
        }
    }
    sh.parked.fetch_add(1, Ordering::SeqCst);
    let _waiting = Waiting(&sh.parked);
    while sh.faults_now().park_file_sends {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Answer::Drop
}

/// The user token: wrong = 200 without the expected keys (pancake-api.md § Errors in 200),
/// expired = 200 + `error_code` 103.
fn user_gate(w: &World, q: &Params) -> Option<Answer> {
    if q.one("access_token") != Some(w.user_token.as_str()) {
        return Some(ok(json!({"success": false})));
    }
    w.user_token_expired
        .then(|| body_error(wire::USER_TOKEN_EXPIRED))
}

fn user_pages(sh: &Shared, q: &Params) -> Answer {
    let w = sh.world();
    if let Some(problem) = user_gate(&w, q) {
        return problem;
    }
    let pages: Vec<Value> = w
        .pages
        .iter()
        .map(|p| json!({"id": p.id, "name": p.name}))
        .collect();
    ok(json!({"success": true, "categorized": {"activated": pages, "inactivated": []}}))
}

/// Users statistics of several pages with the user token (`page_ids`
/// comma-joined, `date_range`): each page's `data` keyed by page id (the
/// shape is not confirmed, pancake-api.md § Statistics).
fn user_stats_pages(sh: &Shared, q: &Params) -> Answer {
    if sh.faults_now().no_multi_page_users {
        return err(404, "no such endpoint");
    }
    let w = sh.world();
    if let Some(problem) = user_gate(&w, q) {
        return problem;
    }
    let Some(r) = q.one("date_range").and_then(day::Range::from_date_range) else {
        return refused("date_range is required (dd/mm/YYYY HH:MM:SS - dd/mm/YYYY HH:MM:SS)");
    };
    let ids = q.list("page_ids", true);
    if ids.is_empty() {
        return refused("page_ids is required");
    }
    let mut data = serde_json::Map::new();
    for id in ids {
        let Some(page) = w.page(&id) else {
            return refused(&format!("page {id} is not one of your pages"));
        };
        data.insert(id, day::user_data(&w.generator, page, r));
    }
    ok(json!({"success": true, "data": data}))
}

fn generate_token(sh: &Shared, pid: &str, q: &Params) -> Answer {
    let w = sh.world();
    if let Some(problem) = user_gate(&w, q) {
        return problem;
    }
    match w.page(pid) {
        Some(p) => ok(json!({"success": true, "page_access_token": p.token})),
        None => err(404, "page not found"),
    }
}

/// Page exists, token right (a revoked one answers 105, another wrong one
/// 102 in the body or HTTP 401), subscription alive (else 122), within the
/// rate limit.
fn gate(sh: &Shared, f: &Faults, pid: &str, q: &Params) -> Option<Answer> {
    {
        let w = sh.world();
        let page = match w.page(pid) {
            Some(p) => p,
            None => return Some(err(404, "page not found")),
        };
        let token = q.one("page_access_token");
        if token != Some(page.token.as_str()) {
            if token.is_some_and(|t| page.revoked_tokens.iter().any(|r| r == t)) {
                return Some(body_error(wire::REVOKED_TOKEN));
            }
            return Some(if sh.chance(f.body_errors) {
                body_error(wire::INVALID_TOKEN)
            } else {
                err(401, "invalid page_access_token")
            });
        }
        if page.subscription_expired {
            return Some(body_error(wire::SUBSCRIPTION_EXPIRED));
        }
    }
    (!sh.admit(pid)).then(|| sh.rate_limited(f))
}

/// A 200 whose fields have the wrong types.
static MALFORMED: std::sync::LazyLock<Value> = std::sync::LazyLock::new(
    || json!({"success": true, "tags": "not a list", "users": 5, "messages": {"a": 1}, "data": "not a list"}),
);

async fn faults(sh: &Shared, f: &Faults, method: &Method, rest: &[&str]) -> Option<Answer> {
    if !f.latency.is_zero() {
        tokio::time::sleep(f.latency).await;
    }
    if f.storm_429 {
        return Some(sh.rate_limited(f));
    }
    if sh.chance(f.error_rate) {
        if sh.chance(f.body_errors) {
            return Some(body_error(wire::SERVER_ERROR));
        }
        let status = *[500u16, 502, 503]
            .get((sh.start.elapsed().as_micros() % 3) as usize)
            .unwrap_or(&500);
        return Some(err(status, "simulated server error"));
    }
    if sh.chance(f.drop_rate) {
        return Some(Answer::Drop);
    }
    // Reads answer garbage at once; changes are made first (see `route`).
    if f.malformed && method == Method::GET {
        let truncated = matches!(rest.last(), Some(&"conversations") | Some(&"users"));
        return Some(if truncated {
            Answer::Raw(
                200,
                r#"{"success":true,"conversations":[{"id":"1","type":"INB"#,
            )
        } else {
            ok(MALFORMED.clone())
        });
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn page_route(
    sh: &Shared,
    f: &Faults,
    method: &Method,
    version: &str,
    pid: &str,
    rest: &[&str],
    q: &Params,
    body: &[u8],
    content_type: &str,
) -> Answer {
    let mut w = sh.world();
    let world = &mut *w;
    let page = world.page(pid).expect("gate checked the page");
    match (method.as_str(), version, rest) {
        ("GET", "v2", ["conversations"]) => {
            let lq = ListQuery {
                types: q
                    .list("type", false)
                    .into_iter()
                    .map(|t| t.to_uppercase())
                    .collect(),
                tags: q
                    .list("tags", true)
                    .iter()
                    .filter_map(|t| t.parse().ok())
                    .collect(),
                post_ids: q.list("post_ids", true),
                since: q.one("since").and_then(|s| s.parse().ok()),
                until: q.one("until").and_then(|s| s.parse().ok()),
                unread_first: q.one("unread_first") == Some("true"),
                by_inserted: q.one("order_by") == Some("inserted_at"),
                cursor: q.one("last_conversation_id").map(str::to_owned),
            };
            ok(json!({"success": true, "conversations": world.list(page, &lq)}))
        }
        ("GET", "v1", ["conversations"]) => {
            err(404, "public_api/v1 conversations is deprecated: use v2")
        }
        ("GET", "v1", ["tags"]) => ok(json!({"tags": page.tags.iter().map(|t| json!({
            "id": t.id, "text": t.text, "color": t.color, "lighten_color": t.lighten
        })).collect::<Vec<_>>()})),
        ("GET", "v1", ["users"]) => ok(users_json(page)),
        ("GET", "v1", ["statistics", which]) => {
            let range = match *which {
                "pages" | "tags" => match (
                    q.one("since").and_then(|s| s.parse().ok()),
                    q.one("until").and_then(|s| s.parse().ok()),
                ) {
                    (Some(since), Some(until)) => Some(day::Range { since, until }),
                    _ => return refused("since and until are required (unix seconds)"),
                },
                _ => q.one("date_range").and_then(day::Range::from_date_range),
            };
            let Some(r) = range else {
                return refused(
                    "date_range is required (dd/mm/YYYY HH:MM:SS - dd/mm/YYYY HH:MM:SS)",
                );
            };
            let g = &world.generator;
            match *which {
                "pages" => ok(day::page_stats_json(g, page, r)),
                "tags" => ok(day::tag_stats_json(page, r)),
                "users" => ok(day::user_stats_json(g, page, r)),
                "customer_engagements" => {
                    let users = q.list("user_ids", true);
                    ok(day::engagement_json(g, page, r, &users))
                }
                // There is no `statistics/page_customers`: new customers are
                // `page_customers` with `group_by`.
                _ => err(404, "no such endpoint"),
            }
        }
        ("GET", "v1", ["page_customers"]) if q.one("group_by").is_some() => {
            let Some(r) = q.one("date_range").and_then(day::Range::from_date_range) else {
                return refused("date_range is required (dd/mm/YYYY - dd/mm/YYYY)");
            };
            match q.one("group_by") {
                Some(g @ ("day" | "hour" | "page_id")) => {
                    ok(day::new_customers_json(&world.generator, page, r, g))
                }
                _ => refused("group_by must be day, hour or page_id"),
            }
        }
        ("GET", "v1", ["page_customers"]) => {
            let (Some(since), Some(until)) = (
                q.one("since").and_then(|s| s.parse().ok()),
                q.one("until").and_then(|s| s.parse().ok()),
            ) else {
                return refused("since and until are required (unix seconds)");
            };
            let Some(number) = q
                .one("page_number")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| *n >= 1)
            else {
                return refused("page_number is required (from 1)");
            };
            let size = match q.one("page_size").map(|n| n.parse::<usize>()) {
                None => None,
                Some(Ok(n)) if (1..=100).contains(&n) => Some(n),
                Some(_) => return refused("page_size must be between 1 and 100"),
            };
            ok(day::page_customers_json(
                page,
                day::Range { since, until },
                number,
                size,
            ))
        }
        ("POST", "v1", ["upload_contents"]) => {
            let Some((name, mime, bytes)) = day::multipart_file(content_type, body) else {
                return refused("file is required (multipart/form-data, field file)");
            };
            if bytes.is_empty() {
                return refused("the file is empty");
            }
            if bytes.len() > day::MAX_UPLOAD {
                return refused("the file is larger than 25 MB");
            }
            let id = format!("sim_content_{}", world.new_message_id());
            let kind = day::attachment_type_of(&mime);
            let page = world.page_mut(pid).expect("checked");
            page.uploads.insert(
                id.clone(),
                day::SimUpload {
                    name,
                    mime,
                    attachment_type: kind,
                    bytes,
                },
            );
            ok(json!({"success": true, "id": id, "attachment_type": kind}))
        }
        ("GET", "v1", ["conversations", cid, "messages"]) => {
            let Some(c) = page.index.get(*cid).map(|&i| &page.convs[i]) else {
                return err(404, "conversation not found");
            };
            // Optional; when sent it must be the page customer's id or the
            // global one, never the PSID (pancake-api.md § Messages); a page
            // may take fewer (`Faults::messages_want`).
            let taken = |id: &str| match f.messages_want {
                MessagesWant::Either => id == c.customer_id || id == c.page_customer_id,
                MessagesWant::GlobalOnly => id == c.customer_id,
                MessagesWant::Without => false,
            };
            if q.one("customer_id")
                .is_some_and(|id| !id.is_empty() && !taken(id))
            {
                return refused(wire::CUSTOMER_NOT_FOUND);
            }
            let current = q.one("current_count").and_then(|n| n.parse().ok());
            let msgs = world.messages(page, c, current);
            ok(json!({
                "success": true, "messages": msgs, "conv_from": {"id": c.psid, "name": c.name},
                "customers": [{"id": c.page_customer_id, "fb_id": c.psid, "name": c.name}],
                "global_id": c.customer_id,
                "notes": super::world::notes_json(c),
            }))
        }
        ("GET", "v1", ["posts"]) => posts(page, q),
        (m @ ("POST" | "PUT" | "DELETE"), "v1", ["page_customers", pcid, "notes"]) => {
            let body: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            let note_id = world.new_message_id().replace("m_new_", "note_new_");
            let page = world.page_mut(pid).expect("checked");
            note_change(page, m, pcid, &body, note_id)
        }
        ("PUT", "v1", ["page_customers", pcid]) => {
            let body: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            let page = world.page_mut(pid).expect("checked");
            customer_change(page, pcid, &body)
        }
        ("POST", "v1", ["conversations", cid, action]) => {
            let body: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            change(world, f, pid, cid, action, &body)
        }
        _ => err(404, "no such endpoint"),
    }
}

/// Posts served per page when `page_size` is not given.
const POSTS_PAGE_SIZE: usize = 30;

/// `GET posts`: the page's posts, newest first, `page_number` from 1 and
/// `page_size` 1..=100 (our reading, pancake-api.md § Posts).
fn posts(page: &super::data::Page, q: &Params) -> Answer {
    // All four required (pancake-api.md § Posts).
    let seconds = |k| q.one(k).and_then(|s| s.parse::<i64>().ok());
    if seconds("since").is_none() || seconds("until").is_none() {
        return refused("since and until are required (unix seconds)");
    }
    let number = match q.one("page_number").map(str::parse::<usize>) {
        Some(Ok(n)) if n >= 1 => n,
        _ => return refused("page_number is required (from 1)"),
    };
    let size = match q.one("page_size").map(str::parse::<usize>) {
        Some(Ok(n)) if (1..=POSTS_PAGE_SIZE).contains(&n) => n,
        _ => return refused("page_size is required (1 to 30)"),
    };
    let rows: Vec<Value> = page
        .posts
        .iter()
        .enumerate()
        .skip((number - 1) * size)
        .take(size)
        .map(|(i, id)| super::world::post_json(page, i, id))
        .collect();
    ok(json!({"success": true, "total": page.posts.len(), "posts": rows}))
}

/// `POST`/`PUT`/`DELETE page_customers/{id}/notes` (pancake-api.md § Notes):
/// `{message}`, `{note_id, message}`, `{note_id}`; answered `{success}`.
/// The change is made on every conversation of that page customer.
fn note_change(
    page: &mut super::data::Page,
    method: &str,
    pcid: &str,
    body: &Value,
    new_id: String,
) -> Answer {
    let convs: Vec<usize> = (0..page.convs.len())
        .filter(|&i| page.convs[i].page_customer_id == pcid)
        .collect();
    let Some(&first) = convs.first() else {
        return err(404, "page customer not found");
    };
    let message = body["message"].as_str().map(str::trim);
    let note_id = body["note_id"].as_str();
    let now = now();
    let known = |id: &str| {
        page.convs[first]
            .notes
            .iter()
            .any(|n| n.id == id && n.removed_at.is_none())
    };
    match method {
        "POST" => {
            let Some(message) = message.filter(|m| !m.is_empty()) else {
                return refused("message is required");
            };
            for &i in &convs {
                page.convs[i].notes.push(super::data::SimNote {
                    id: new_id.clone(),
                    message: message.to_owned(),
                    order_id: None,
                    created_at: now,
                    removed_at: None,
                });
            }
        }
        "PUT" => {
            let Some(message) = message.filter(|m| !m.is_empty()) else {
                return refused("message is required");
            };
            let Some(id) = note_id.filter(|id| known(id)) else {
                return refused("note_id not found");
            };
            for &i in &convs {
                for n in page.convs[i].notes.iter_mut().filter(|n| n.id == id) {
                    n.message = message.to_owned();
                }
            }
        }
        _ => {
            let Some(id) = note_id.filter(|id| known(id)) else {
                return refused("note_id not found");
            };
            for &i in &convs {
                for n in page.convs[i].notes.iter_mut().filter(|n| n.id == id) {
                    n.removed_at = Some(now);
                }
            }
        }
    }
    ok(json!({"success": true}))
}

/// `PUT page_customers/{id}` `{"changes": {name, gender, birthday,
/// phone_numbers}}` (pancake-api.md § Customers): a wrong gender or date is
/// refused, nothing changed.
fn customer_change(page: &mut super::data::Page, pcid: &str, body: &Value) -> Answer {
    let convs: Vec<usize> = (0..page.convs.len())
        .filter(|&i| page.convs[i].page_customer_id == pcid)
        .collect();
    if convs.is_empty() {
        return err(404, "page customer not found");
    }
    let Some(changes) = body["changes"].as_object() else {
        return refused("changes is required");
    };
    let name = match changes.get("name") {
        None => None,
        Some(Value::String(n)) if !n.trim().is_empty() => Some(n.trim().to_owned()),
        Some(_) => return refused("name must be a non-empty string"),
    };
    let gender = match changes.get("gender") {
        None => None,
        Some(Value::String(g)) if matches!(g.as_str(), "male" | "female" | "unknown") => {
            Some(g.clone())
        }
        Some(_) => return refused("gender must be male, female or unknown"),
    };
    let birthday = match changes.get("birthday") {
        None => None,
        Some(Value::String(b))
            if jiff::civil::Date::strptime("%Y-%m-%d", b).is_ok() && b.len() == 10 =>
        {
            Some(b.clone())
        }
        Some(_) => return refused("birthday must be YYYY-MM-DD"),
    };
    let phones = match changes.get("phone_numbers") {
        None => None,
        Some(Value::Array(list)) => {
            let phones: Option<Vec<String>> =
                list.iter().map(|p| p.as_str().map(str::to_owned)).collect();
            match phones {
                Some(p) => Some(p),
                None => return refused("phone_numbers must be strings"),
            }
        }
        Some(_) => return refused("phone_numbers must be a list"),
    };
    for i in convs {
        let c = &mut page.convs[i];
        if let Some(n) = &name {
            c.name = n.clone();
        }
        if let Some(g) = &gender {
            c.gender = Some(g.clone());
        }
        if let Some(b) = &birthday {
            c.birthday = Some(b.clone());
        }
        if let Some(p) = &phones {
            c.phone_numbers = Some(p.clone());
        }
    }
    ok(json!({"success": true}))
}

pub fn users_json(page: &super::data::Page) -> Value {
    let user = |u: &super::data::UserDef, active: bool| {
        let mut v = json!({"id": u.id, "name": u.name, "fb_id": u.fb_id});
        if active {
            v["status"] = json!(u.status);
            v["is_online"] = json!(u.status != "offline");
            v["status_in_page"] = json!("active");
            v["page_permissions"] = json!({"permissions": [100, 71, 81]});
        }
        v
    };
    json!({
        "success": true,
        "users": page.users.iter().map(|u| user(u, true)).collect::<Vec<_>>(),
        "disabled_users": page.disabled.iter().map(|u| user(u, false)).collect::<Vec<_>>(),
        "round_robin_users": {
            "inbox": page.users.iter().take(3).map(|u| u.id.clone()).collect::<Vec<_>>(),
            "comment": page.users.iter().skip(3).take(2).map(|u| u.id.clone()).collect::<Vec<_>>(),
        }
    })
}

/// POST on a conversation: tags, assign, read, unread, messages. What is
/// processed but refused answers HTTP 200 + `success: false`, as the real
/// service does.
fn change(
    world: &mut World,
    f: &Faults,
    pid: &str,
    cid: &str,
    action: &str,
    body: &Value,
) -> Answer {
    let now = now();
    let new_id = (action == "messages").then(|| world.new_message_id());
    let gen_thread = {
        let page = world.page(pid).expect("checked");
        let Some(c) = page.index.get(cid).map(|&i| &page.convs[i]) else {
            return err(404, "conversation not found");
        };
        (action == "messages").then(|| world.generator.thread(page, c))
    };
    let page = world.page_mut(pid).expect("checked");
    let (users, tag_ids): (Vec<String>, Vec<i64>) = (
        page.users.iter().map(|u| u.id.clone()).collect(),
        page.tags.iter().map(|t| t.id).collect(),
    );
    let page_name = page.name.clone();
    // What a reply's `content_ids` may name (without the bytes).
    let uploads: HashMap<String, day::SimUpload> = if action == "messages" {
        page.uploads
            .iter()
            .map(|(id, u)| {
                let meta = day::SimUpload {
                    name: u.name.clone(),
                    mime: u.mime.clone(),
                    attachment_type: u.attachment_type,
                    bytes: Vec::new(),
                };
                (id.clone(), meta)
            })
            .collect()
    } else {
        HashMap::new()
    };
    let admin = |id: Option<&str>| {
        id.and_then(|id| page.users.iter().find(|u| u.id == id))
            .map(|u| (u.id.clone(), u.name.clone()))
    };
    let sender = admin(body["sender_id"].as_str());
    let c: &mut Conv = {
        let i = page.index[cid];
        &mut page.convs[i]
    };
    match action {
        "tags" => {
            let tag = match &body["tag_id"] {
                Value::String(s) => s.parse::<i64>().ok(),
                Value::Number(n) => n.as_i64(),
                _ => None,
            };
            let Some(tag) = tag.filter(|t| tag_ids.contains(t)) else {
                return refused("unknown tag_id");
            };
            match body["action"].as_str() {
                Some("add") => {
                    if !c.tags.contains(&tag) {
                        c.tags.push(tag);
                    }
                }
                Some("remove") => c.tags.retain(|t| *t != tag),
                _ => return refused("action must be add or remove"),
            }
            c.tag_history.push(super::data::SimTagChange {
                tag,
                added: body["action"] == "add",
                editor: (String::new(), "Pancake API".into()),
                at: now,
            });
            c.updated_at = now;
            ok(json!({"success": true, "data": c.tags, "timestamp": now}))
        }
        "assign" => {
            let Some(ids) = body["assignee_ids"].as_array() else {
                return refused("assignee_ids must be an array");
            };
            let ids: Vec<String> = ids
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            if let Some(bad) = ids.iter().find(|id| !users.contains(id)) {
                return refused(&format!("{bad} is not an active user of this page"));
            }
            // Replaces the whole list (pancake-api.md § Assign).
            c.assignees = ids;
            c.updated_at = now;
            ok(json!({"success": true, "data": {"assignee_ids": c.assignees}}))
        }
        "read" | "unread" => {
            c.seen = action == "read";
            c.updated_at = now;
            ok(json!({"success": true}))
        }
        "messages" => {
            // `message` and `content_ids` are mutually exclusive: both in
            // one request answer HTTP 500 (pancake-api.md § Send).
            // (`reply_comment` takes both.)
            let given = |k: &str| body.get(k).is_some_and(|v| !v.is_null());
            if body["action"] == "reply_inbox" && given("message") && given("content_ids") {
                return err(500, "Internal server error");
            }
            // Uploaded files (`content_ids` from `upload_contents`).
            let mut attachments = Vec::new();
            if let Some(ids) = body.get("content_ids").filter(|v| !v.is_null()) {
                let Some(ids) = ids.as_array() else {
                    return refused("content_ids must be an array");
                };
                for id in ids {
                    let Some(u) = id.as_str().and_then(|id| uploads.get(id)) else {
                        return refused("content_id not found: upload the file first");
                    };
                    attachments.push(Attachment::Media {
                        kind: day::message_kind(u.attachment_type),
                        link: format!(
                            "https://content.sim.example/{pid}/{}/{}",
                            id.as_str().unwrap_or_default(),
                            u.name
                        ),
                        key: LinkKey::Url,
                        name: u.name.clone(),
                        mime: day::static_mime(&u.mime),
                    });
                }
            }
            let text = body["message"].as_str().unwrap_or_default();
            if text.trim().is_empty() && attachments.is_empty() {
                return refused("message is required");
            }
            if let Some((code, sub)) = c.refuse {
                return Answer::Json(200, facebook_refusal(code, sub));
            }
            let thread = gen_thread.unwrap_or_default();
            let comment = |id: &Value| -> Option<Msg> {
                let id = id.as_str()?;
                thread
                    .iter()
                    .find(|m| m.id == id && m.from_id != pid)
                    .cloned()
            };
            match body["action"].as_str() {
                Some("reply_inbox") if c.kind == "INBOX" => {
                    // Facebook's 24-hour window after the customer's last message.
                    if now - c.last_customer_at > REPLY_WINDOW {
                        let (code, sub) = wire::OUTSIDE_WINDOW;
                        return Answer::Json(200, facebook_refusal(code, sub));
                    }
                }
                Some("reply_inbox") => return refused("reply_inbox is for INBOX conversations"),
                Some("reply_comment") if c.kind == "INBOX" => {
                    return refused("reply_comment is for comment conversations");
                }
                Some("reply_comment") => {
                    if comment(&body["message_id"]).is_none() {
                        return refused("message_id is not a comment of this conversation");
                    }
                }
                Some("private_replies") => {
                    let m = comment(&body["message_id"]);
                    if let Some(why) = private_reply_refusal(c, m.as_ref(), now) {
                        return refused(why);
                    }
                    c.private_replied.push(m.map(|m| m.id).unwrap_or_default());
                }
                _ => return refused("unknown action"),
            }
            let ghost = f.ghost_private_replies && body["action"] == "private_replies";
            let msg = Msg {
                id: new_id.unwrap_or_default(),
                from_id: pid.to_owned(),
                from_name: page_name,
                admin: sender,
                text: text.to_owned(),
                attachments,
                at: now.max(c.updated_at),
                hidden: false,
                removed: false,
            };
            c.last_sender = Sender::Page(msg.admin.clone());
            c.extra.push(msg.clone());
            c.snippet = match msg.attachments.first() {
                Some(Attachment::Media { kind, .. }) if text.trim().is_empty() => {
                    format!("[{kind}]")
                }
                _ => text.to_owned(),
            };
            c.updated_at = now;
            // A page reply marks the conversation read.
            c.seen = true;
            if ghost {
                // Delivered and stored, yet reported as failed.
                return refused(wire::GHOST_PRIVATE_REPLY);
            }
            // The reference's answer: the id and the text as a string.
            ok(json!({"success": true, "id": msg.id, "message": msg.text}))
        }
        _ => err(404, "no such endpoint"),
    }
}

/// `/api/__sim/...`: observe and steer a running simulator (not logged, not limited).
fn admin(sh: &Shared, method: &Method, rest: &str, body: &[u8]) -> Response {
    let answer = match (method.as_str(), rest) {
        ("GET", "requests") => {
            let log = sh.log.lock().unwrap_or_else(|e| e.into_inner());
            ok(serde_json::to_value(&*log).unwrap_or(Value::Null))
        }
        ("POST", "faults") => {
            let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            let d = Faults::default();
            let f = Faults {
                latency: Duration::from_millis(v["latency_ms"].as_u64().unwrap_or(0)),
                arrival_jitter: Duration::from_millis(v["arrival_jitter_ms"].as_u64().unwrap_or(0)),
                error_rate: v["error_rate"].as_f64().unwrap_or(d.error_rate),
                storm_429: v["storm_429"].as_bool().unwrap_or(d.storm_429),
                drop_rate: v["drop_rate"].as_f64().unwrap_or(d.drop_rate),
                malformed: v["malformed"].as_bool().unwrap_or(d.malformed),
                body_errors: v["body_errors"]
                    .as_f64()
                    .map_or(d.body_errors, |b| b.clamp(0.0, 1.0)),
                ghost_private_replies: v["ghost_private_replies"]
                    .as_bool()
                    .unwrap_or(d.ghost_private_replies),
                no_multi_page_users: v["no_multi_page_users"]
                    .as_bool()
                    .unwrap_or(d.no_multi_page_users),
                park_file_sends: v["park_file_sends"].as_bool().unwrap_or(d.park_file_sends),
                refuse_type_filter: v["refuse_type_filter"]
                    .as_bool()
                    .unwrap_or(d.refuse_type_filter),
                endless_answers: v["endless_answers"].as_bool().unwrap_or(d.endless_answers),
                messages_want: match v["messages_want"].as_str() {
                    Some("global") => MessagesWant::GlobalOnly,
                    Some("without") => MessagesWant::Without,
                    _ => d.messages_want,
                },
                hang_after_change: v["hang_after_change"]
                    .as_bool()
                    .unwrap_or(d.hang_after_change),
            };
            *sh.faults.lock().unwrap_or_else(|e| e.into_inner()) = f;
            ok(json!({"success": true}))
        }
        ("POST", "revoke_page_token") => {
            let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            match sh.revoke_page_token(v["page_id"].as_str().unwrap_or("")) {
                Some(token) => ok(json!({"success": true, "page_access_token": token})),
                None => err(404, "page not found"),
            }
        }
        ("POST", "expire_subscription") => {
            let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            let pid = v["page_id"].as_str().unwrap_or("");
            if sh.expire_subscription(pid, v["expired"].as_bool().unwrap_or(true)) {
                ok(json!({"success": true}))
            } else {
                err(404, "page not found")
            }
        }
        ("POST", "expire_user_token") => {
            let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            sh.expire_user_token(v["expired"].as_bool().unwrap_or(true));
            ok(json!({"success": true}))
        }
        ("POST", "refuse_sends") => {
            let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            let codes = v["e_code"]
                .as_i64()
                .map(|c| (c, v["e_subcode"].as_i64().unwrap_or(0)));
            let (pid, cid) = (
                v["page_id"].as_str().unwrap_or(""),
                v["conversation_id"].as_str().unwrap_or(""),
            );
            if sh.refuse_sends(pid, cid, codes) {
                ok(json!({"success": true}))
            } else {
                err(404, "conversation not found")
            }
        }
        _ => err(404, "no such admin endpoint"),
    };
    respond(answer)
}

/// What the list would show for a conversation now (for tests).
pub fn conversation_value(sh: &Shared, pid: &str, cid: &str) -> Option<Value> {
    let w = sh.world();
    let page = w.page(pid)?;
    let c = page.convs.get(*page.index.get(cid)?)?;
    Some(conv_json(page, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Params {
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(q.as_bytes()).into_owned().collect();
        Params::parse(&pairs)
    }

    #[test]
    fn phoenix_query_keeps_the_last_plain_value_and_lists_only_brackets() {
        let p = parse("type=INBOX&type=COMMENT&since=1&since=2");
        assert_eq!(
            p.list("type", false),
            ["COMMENT"],
            "the last plain value wins"
        );
        assert_eq!(p.one("since"), Some("2"));
        let p = parse("type[]=INBOX&type[]=COMMENT");
        assert_eq!(p.list("type", false), ["INBOX", "COMMENT"]);
        assert_eq!(p.one("type"), None, "a list is not a plain value");
        let p = parse("type%5B%5D=INBOX&type%5B%5D=LIVESTREAM");
        assert_eq!(
            p.list("type", false),
            ["INBOX", "LIVESTREAM"],
            "brackets percent-encoded"
        );
        // Whichever form comes last decides.
        assert_eq!(
            parse("type[]=INBOX&type=COMMENT").list("type", false),
            ["COMMENT"]
        );
        assert_eq!(
            parse("type=INBOX&type[]=COMMENT&type[]=LIVESTREAM").list("type", false),
            ["COMMENT", "LIVESTREAM"]
        );
        // pancake-api.md § List: the comma-joined values where the simulator allows them.
        let p = parse("tags=1,4&post_ids=a,b&type=INBOX,COMMENT");
        assert_eq!(p.list("tags", true), ["1", "4"]);
        assert_eq!(p.list("post_ids", true), ["a", "b"]);
        assert_eq!(p.list("type", false), ["INBOX,COMMENT"]);
        let p = parse("tags[]=1&tags[]=4&post_ids[]=a&post_ids[]=b&post_ids=c");
        assert_eq!(p.list("tags", true), ["1", "4"]);
        assert_eq!(p.list("post_ids", true), ["c"]);
        assert!(parse("").list("type", false).is_empty());
        assert_eq!(parse("tags=").list("tags", true), Vec::<String>::new());
    }

    #[test]
    fn the_log_reads_errors_inside_a_200() {
        let (success, code) = outcome(&body_error(wire::RATE_LIMITED));
        assert_eq!((success, code), (Some(false), Some(429)));
        let (success, code) = outcome(&Answer::Json(200, facebook_refusal(551, 0)));
        assert_eq!((success, code), (Some(false), Some(551)));
        assert!(facebook_refusal(551, 0).get("e_subcode").is_none());
        assert_eq!(facebook_refusal(10, 2_018_278)["e_subcode"], 2_018_278);
        assert_eq!(outcome(&refused("unknown tag_id")), (Some(false), None));
        assert_eq!(outcome(&ok(json!({"tags": []}))), (None, None));
        assert_eq!(outcome(&err(401, "x")), (Some(false), None), "not a 200");
        assert_eq!(outcome(&Answer::RateLimited), (Some(false), None));
    }
}
