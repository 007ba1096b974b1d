//! `/api/__sim/...`: the simulator observed and steered over HTTP.

use std::time::Duration;

use axum::http::Method;
use axum::response::Response;
use serde_json::{Value, json};

use super::answer::{err, ok, respond};
use super::shared::Shared;
use crate::sim::{Faults, MessagesWant};

/// `/api/__sim/...`: observe and steer a running simulator (not logged, not limited).
pub(super) fn admin(sh: &Shared, method: &Method, rest: &str, body: &[u8]) -> Response {
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
