//! What a route answers (`Answer`) and how it goes out: JSON, an error in
//! a 200 as the real service sends it, a rate limit, a dropped or endless
//! body; and what the request log keeps of it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::{Value, json};

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

/// What a route answers: a status and a JSON body, or a dropped connection.
pub(super) enum Answer {
    Json(u16, Value),
    RateLimited,
    Drop,
    Raw(u16, &'static str),
    /// 200 and a body that never ends (each byte counted in the counter).
    Endless(Arc<AtomicU64>),
}

pub(super) fn err(status: u16, message: &str) -> Answer {
    Answer::Json(status, json!({"success": false, "message": message}))
}

/// Processed but refused: HTTP 200, `success: false` and why.
pub(super) fn refused(message: &str) -> Answer {
    err(200, message)
}

/// An error inside an HTTP 200, with Pancake's `error_code`.
pub(super) fn body_error((code, message): (i64, &str)) -> Answer {
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
pub(super) fn outcome(answer: &Answer) -> (Option<bool>, Option<i64>) {
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

pub(super) fn ok(v: Value) -> Answer {
    Answer::Json(200, v)
}

pub(super) fn respond(answer: Answer) -> Response {
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

#[cfg(test)]
mod tests {
    use super::*;

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
