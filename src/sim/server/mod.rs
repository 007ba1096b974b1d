//! The simulator's HTTP handling: every request is logged (the tests'
//! oracle), its query decoded as Phoenix does, checked for page, token and
//! subscription, rate limited per page, put through the configured faults,
//! then answered. Errors come as the real service sends them: mostly HTTP
//! 200 with `{"success": false, "message": ..., "error_code": N}`.

mod account;
mod actions;
mod admin;
mod answer;
mod conversations;
mod customers;
mod faults;
mod gate;
mod posts;
mod query;
mod shared;
mod statistics;
mod uploads;
mod users;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{Method, Uri, header};
use axum::response::Response;
use serde_json::{Value, json};

use super::{Faults, LoggedRequest};
use account::{generate_token, user_pages, user_stats_pages};
use actions::change;
use admin::admin;
use answer::{Answer, err, ok, outcome, respond};
use customers::{customer_change, note_change};
use faults::{MALFORMED, faults, is_file_send, park};
use gate::gate;
use posts::posts;
use query::Params;

pub use conversations::conversation_value;
pub use shared::Shared;
pub use users::users_json;

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
        ("GET", "v2", ["conversations"]) => conversations::list(world, page, q),
        ("GET", "v1", ["conversations"]) => {
            err(404, "public_api/v1 conversations is deprecated: use v2")
        }
        ("GET", "v1", ["tags"]) => ok(json!({"tags": page.tags.iter().map(|t| json!({
            "id": t.id, "text": t.text, "color": t.color, "lighten_color": t.lighten
        })).collect::<Vec<_>>()})),
        ("GET", "v1", ["users"]) => ok(users_json(page)),
        ("GET", "v1", ["statistics", which]) => statistics::statistics(world, page, which, q),
        ("GET", "v1", ["page_customers"]) if q.one("group_by").is_some() => {
            statistics::new_customers(world, page, q)
        }
        ("GET", "v1", ["page_customers"]) => statistics::page_customers(page, q),
        ("POST", "v1", ["upload_contents"]) => uploads::upload(world, pid, content_type, body),
        ("GET", "v1", ["conversations", cid, "messages"]) => {
            conversations::messages(world, f, page, cid, q)
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
