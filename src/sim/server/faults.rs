//! Troubles on demand before a page route answers (`Faults`): latency,
//! 429 storms, server errors, dropped connections, malformed bodies, and
//! file sends held then dropped.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use axum::http::Method;
use serde_json::{Value, json};

use super::answer::{Answer, body_error, err, ok, wire};
use super::shared::Shared;
use crate::sim::Faults;

/// A 200 whose fields have the wrong types.
pub(super) static MALFORMED: std::sync::LazyLock<Value> = std::sync::LazyLock::new(
    || json!({"success": true, "tags": "not a list", "users": 5, "messages": {"a": 1}, "data": "not a list"}),
);

pub(super) async fn faults(
    sh: &Shared,
    f: &Faults,
    method: &Method,
    rest: &[&str],
) -> Option<Answer> {
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

/// A send of files: `POST .../conversations/{id}/messages` with `content_ids`.
pub(super) fn is_file_send(method: &Method, rest: &[&str], body: &[u8]) -> bool {
    method == Method::POST
        && matches!(rest, ["conversations", _, "messages"])
        && serde_json::from_slice::<Value>(body)
            .is_ok_and(|v| v.get("content_ids").is_some_and(|c| !c.is_null()))
}

/// Hold a request while `Faults::park_file_sends` is on, then drop its
/// connection without acting on it. Counted while it waits, also when the
/// client goes away first (the server then drops the request's future).
pub(super) async fn park(sh: &Shared) -> Answer {
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
