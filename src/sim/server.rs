//! The simulator's HTTP handling: every request is logged (the tests'
//! oracle), checked for page and token, rate limited per page, put through
//! the configured faults, then answered.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;
use serde_json::{Value, json};

use super::data::{Conv, Msg};
use super::rng::Rng;
use super::world::{ListQuery, World, conv_json, msg_json, now, private_reply_refusal};
use super::{Faults, LoggedRequest};

pub struct Shared {
    pub world: Mutex<World>,
    pub log: Mutex<Vec<LoggedRequest>>,
    pub faults: Mutex<Faults>,
    pub limit: AtomicU32,
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
            windows: Mutex::new(HashMap::new()),
            rng: Mutex::new(Rng::new(seed ^ 0xFA17)),
            start: Instant::now(),
        }
    }

    pub fn world(&self) -> std::sync::MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
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
}

fn err(status: u16, message: &str) -> Answer {
    Answer::Json(status, json!({"success": false, "message": message}))
}

fn ok(v: Value) -> Answer {
    Answer::Json(200, v)
}

/// The one handler behind every path.
pub async fn handle(
    axum::extract::State(sh): axum::extract::State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    let path = uri.path().to_owned();
    if !path.starts_with("/api/__sim/") {
        sh.arrive_late().await;
    }
    let at = sh.start.elapsed();
    let query: Vec<(String, String)> = form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .into_owned()
        .collect();
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
    let answer = route(&sh, &method, &segs, &query, &body).await;
    let status = match &answer {
        Answer::Json(s, _) | Answer::Raw(s, _) => *s,
        Answer::RateLimited => 429,
        Answer::Drop => 0,
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
            body: String::from_utf8_lossy(&body).into_owned(),
            status,
            at,
            page_id,
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

fn param<'a>(q: &'a [(String, String)], key: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn list_of(q: &[(String, String)], key: &str) -> Vec<String> {
    let alt = format!("{key}[]");
    q.iter()
        .filter(|(k, _)| k == key || *k == alt)
        .flat_map(|(_, v)| v.split(','))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn route(
    sh: &Shared,
    method: &Method,
    segs: &[&str],
    q: &[(String, String)],
    body: &[u8],
) -> Answer {
    match segs {
        ["api", "v1", "pages"] if method == Method::GET => user_pages(sh, q),
        ["api", "v1", "pages", pid, "generate_page_access_token"] if method == Method::POST => {
            generate_token(sh, pid, q)
        }
        ["api", "public_api", version, "pages", pid, rest @ ..] => {
            if let Some(problem) = gate(sh, pid, q) {
                return problem;
            }
            if let Some(faulted) = faults(sh, method, rest).await {
                return faulted;
            }
            let answer = page_route(sh, method, version, pid, rest, q, body);
            // A change is made, then its answer comes back unreadable.
            let malformed = sh
                .faults
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .malformed;
            match answer {
                Answer::Json(200, _) if malformed => ok(MALFORMED.clone()),
                other => other,
            }
        }
        _ => err(404, "no such endpoint"),
    }
}

fn user_pages(sh: &Shared, q: &[(String, String)]) -> Answer {
    let w = sh.world();
    if param(q, "access_token") != Some(w.user_token.as_str()) {
        // The real service answers 200 without the expected keys (API-NOTES).
        return ok(json!({"success": false}));
    }
    let pages: Vec<Value> = w
        .pages
        .iter()
        .map(|p| json!({"id": p.id, "name": p.name}))
        .collect();
    ok(json!({"success": true, "categorized": {"activated": pages, "inactivated": []}}))
}

fn generate_token(sh: &Shared, pid: &str, q: &[(String, String)]) -> Answer {
    let w = sh.world();
    if param(q, "access_token") != Some(w.user_token.as_str()) {
        return ok(json!({"success": false}));
    }
    match w.page(pid) {
        Some(p) => ok(json!({"success": true, "page_access_token": p.token})),
        None => err(404, "page not found"),
    }
}

/// Page exists, token right, within the rate limit.
fn gate(sh: &Shared, pid: &str, q: &[(String, String)]) -> Option<Answer> {
    {
        let w = sh.world();
        let page = match w.page(pid) {
            Some(p) => p,
            None => return Some(err(404, "page not found")),
        };
        if param(q, "page_access_token") != Some(page.token.as_str()) {
            return Some(err(401, "invalid page_access_token"));
        }
    }
    (!sh.admit(pid)).then_some(Answer::RateLimited)
}

/// A 200 whose fields have the wrong types.
static MALFORMED: std::sync::LazyLock<Value> = std::sync::LazyLock::new(
    || json!({"success": true, "tags": "not a list", "users": 5, "messages": {"a": 1}, "data": "not a list"}),
);

async fn faults(sh: &Shared, method: &Method, rest: &[&str]) -> Option<Answer> {
    let f = sh.faults.lock().unwrap_or_else(|e| e.into_inner()).clone();
    if !f.latency.is_zero() {
        tokio::time::sleep(f.latency).await;
    }
    if f.storm_429 {
        return Some(Answer::RateLimited);
    }
    if sh.chance(f.error_rate) {
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
    method: &Method,
    version: &str,
    pid: &str,
    rest: &[&str],
    q: &[(String, String)],
    body: &[u8],
) -> Answer {
    let mut w = sh.world();
    let world = &mut *w;
    let page = world.page(pid).expect("gate checked the page");
    match (method.as_str(), version, rest) {
        ("GET", "v2", ["conversations"]) => {
            let lq = ListQuery {
                types: list_of(q, "type")
                    .into_iter()
                    .map(|t| t.to_uppercase())
                    .collect(),
                tags: list_of(q, "tags")
                    .iter()
                    .filter_map(|t| t.parse().ok())
                    .collect(),
                post_ids: list_of(q, "post_ids"),
                since: param(q, "since").and_then(|s| s.parse().ok()),
                until: param(q, "until").and_then(|s| s.parse().ok()),
                unread_first: param(q, "unread_first") == Some("true"),
                by_inserted: param(q, "order_by") == Some("inserted_at"),
                cursor: param(q, "last_conversation_id").map(str::to_owned),
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
        ("GET", "v1", ["conversations", cid, "messages"]) => {
            let Some(c) = page.index.get(*cid).map(|&i| &page.convs[i]) else {
                return err(404, "conversation not found");
            };
            if param(q, "customer_id").is_none_or(str::is_empty) {
                return err(400, "customer_id is required");
            }
            let current = param(q, "current_count").and_then(|n| n.parse().ok());
            let msgs = world.messages(page, c, current);
            ok(
                json!({"success": true, "messages": msgs, "conv_from": {"id": c.psid, "name": c.name}}),
            )
        }
        ("POST", "v1", ["conversations", cid, action]) => {
            let body: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            change(world, pid, cid, action, &body)
        }
        _ => err(404, "no such endpoint"),
    }
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

/// POST on a conversation: tags, assign, read, unread, messages.
fn change(world: &mut World, pid: &str, cid: &str, action: &str, body: &Value) -> Answer {
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
                return err(400, "unknown tag_id");
            };
            match body["action"].as_str() {
                Some("add") => {
                    if !c.tags.contains(&tag) {
                        c.tags.push(tag);
                    }
                }
                Some("remove") => c.tags.retain(|t| *t != tag),
                _ => return err(400, "action must be add or remove"),
            }
            c.updated_at = now;
            ok(json!({"success": true, "data": c.tags, "timestamp": now}))
        }
        "assign" => {
            let Some(ids) = body["assignee_ids"].as_array() else {
                return err(400, "assignee_ids must be an array");
            };
            let ids: Vec<String> = ids
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            if let Some(bad) = ids.iter().find(|id| !users.contains(id)) {
                return err(400, &format!("{bad} is not an active user of this page"));
            }
            // Replaces the whole list (seed 000).
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
            let Some(text) = body["message"].as_str().filter(|t| !t.trim().is_empty()) else {
                return err(400, "message is required");
            };
            let thread = gen_thread.unwrap_or_default();
            let comment = |id: &Value| -> Option<Msg> {
                let id = id.as_str()?;
                thread
                    .iter()
                    .find(|m| m.id == id && m.from_id != pid)
                    .cloned()
            };
            match body["action"].as_str() {
                Some("reply_inbox") if c.kind == "INBOX" => {}
                Some("reply_inbox") => return err(400, "reply_inbox is for INBOX conversations"),
                Some("reply_comment") if c.kind == "INBOX" => {
                    return err(400, "reply_comment is for comment conversations");
                }
                Some("reply_comment") => {
                    if comment(&body["message_id"]).is_none() {
                        return err(400, "message_id is not a comment of this conversation");
                    }
                }
                Some("private_replies") => {
                    let m = comment(&body["message_id"]);
                    if let Some(why) = private_reply_refusal(c, m.as_ref(), now) {
                        return err(400, why);
                    }
                    c.private_replied.push(m.map(|m| m.id).unwrap_or_default());
                }
                _ => return err(400, "unknown action"),
            }
            let msg = Msg {
                id: new_id.unwrap_or_default(),
                from_id: pid.to_owned(),
                from_name: page_name,
                admin: sender,
                text: text.to_owned(),
                attachments: vec![],
                at: now.max(c.updated_at),
                hidden: false,
                removed: false,
            };
            c.extra.push(msg.clone());
            c.snippet = text.to_owned();
            c.updated_at = now;
            // A page reply marks the conversation read.
            c.seen = true;
            let page = world.page(pid).expect("checked");
            let c = &page.convs[page.index[cid]];
            ok(json!({"success": true, "data": msg_json(page, c, &msg)}))
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
            let f = Faults {
                latency: Duration::from_millis(v["latency_ms"].as_u64().unwrap_or(0)),
                arrival_jitter: Duration::from_millis(v["arrival_jitter_ms"].as_u64().unwrap_or(0)),
                error_rate: v["error_rate"].as_f64().unwrap_or(0.0),
                storm_429: v["storm_429"].as_bool().unwrap_or(false),
                drop_rate: v["drop_rate"].as_f64().unwrap_or(0.0),
                malformed: v["malformed"].as_bool().unwrap_or(false),
            };
            *sh.faults.lock().unwrap_or_else(|e| e.into_inner()) = f;
            ok(json!({"success": true}))
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
