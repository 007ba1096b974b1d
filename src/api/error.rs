//! API errors, written for people: what happened and what to do.
//!
//! No variant holds a URL or a token. Text taken from a server reply is
//! sanitized and clipped; text taken from a transport error is built from the
//! error chain *without* its URL (reqwest puts the tokened URL in `Display`).

use std::fmt;
use std::time::Duration;

use crate::text::{sanitize_line, strip_token_params};

/// Which credential a request used, to say which one to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Credential {
    /// `PANCAKE_PAGE_ACCESS_TOKEN`
    PageToken,
    /// `PANCAKE_ACCESS_TOKEN`
    UserToken,
}

impl Credential {
    pub fn env_var(self) -> &'static str {
        match self {
            Credential::PageToken => "PANCAKE_PAGE_ACCESS_TOKEN",
            Credential::UserToken => "PANCAKE_ACCESS_TOKEN",
        }
    }
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error("token rejected by Pancake ({status}): check {}", credential.env_var())]
    Unauthorized { status: u16, credential: Credential },

    #[error(
        "Pancake refused access (403): the page may be disabled or its API not enabled (Pancake → Settings → Tools){}",
        detail_suffix(detail)
    )]
    Forbidden { detail: String },

    #[error(
        "{what} not found (404): check PANCAKE_PAGE_ID and that the page is connected to Pancake{}",
        detail_suffix(detail)
    )]
    NotFound { what: &'static str, detail: String },

    #[error("Pancake rejected the request to {what} ({status}): {message}")]
    Rejected {
        what: &'static str,
        status: u16,
        message: String,
    },

    #[error("Pancake answered {what} with an error: {message}")]
    Failed { what: &'static str, message: String },

    #[error(
        "rate limited by Pancake (429) {attempts} times in a row: wait a few seconds and retry"
    )]
    RateLimited { attempts: u32 },

    #[error("Pancake server error ({status}) {attempts} times in a row: try again later")]
    Server { status: u16, attempts: u32 },

    /// The request went out, but the answer never came whole (a dropped
    /// connection): it may or may not have been processed.
    #[error("cannot reach Pancake ({detail}): check PANCAKE_API_URL and the network")]
    Network { detail: String },

    /// No connection could be made: the request never left this machine.
    #[error("cannot reach Pancake ({detail}): check PANCAKE_API_URL and the network")]
    Unreachable { detail: String },

    #[error("Pancake did not answer within {}s: the service or the network is slow", timeout.as_secs())]
    Timeout { timeout: Duration },

    #[error("unexpected reply from Pancake for {what}: {detail}")]
    Decode { what: &'static str, detail: String },

    #[error("configuration: {0}")]
    Config(String),
}

fn detail_suffix(d: &str) -> String {
    if d.is_empty() {
        String::new()
    } else {
        format!(" ({d})")
    }
}

impl ApiError {
    /// Worth trying again later (an outbox keeps such an action pending).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::RateLimited { .. }
                | ApiError::Server { .. }
                | ApiError::Network { .. }
                | ApiError::Unreachable { .. }
                | ApiError::Timeout { .. }
        )
    }

    /// Pancake certainly did not act on the request: it never left (no
    /// connection), or was turned away before processing (429). Anything
    /// else (a timeout, a dropped answer, a 5xx) may have been done.
    pub fn never_arrived(&self) -> bool {
        matches!(
            self,
            ApiError::Unreachable { .. } | ApiError::RateLimited { .. }
        )
    }

    /// The service could not be reached at all (offline rather than failing).
    pub fn is_offline(&self) -> bool {
        matches!(
            self,
            ApiError::Network { .. } | ApiError::Unreachable { .. } | ApiError::Timeout { .. }
        )
    }

    /// The HTTP status behind the error, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Unauthorized { status, .. }
            | ApiError::Rejected { status, .. }
            | ApiError::Server { status, .. } => Some(*status),
            ApiError::Forbidden { .. } => Some(403),
            ApiError::NotFound { .. } => Some(404),
            ApiError::RateLimited { .. } => Some(429),
            _ => None,
        }
    }
}

/// Longest piece of a server's own message we repeat.
const SERVER_MESSAGE_MAX: usize = 160;

/// A server-sent message made safe to show: sanitized, clipped, token-free.
pub fn server_message(raw: &str) -> String {
    let clean = strip_token_params(&sanitize_line(raw));
    match clean.char_indices().nth(SERVER_MESSAGE_MAX) {
        Some((i, _)) => format!("{}…", &clean[..i]),
        None => clean,
    }
}

/// Pull `message` (or `error`) out of a JSON error body, else the body's text.
pub fn message_from_body(body: &[u8]) -> String {
    let from_json = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            ["message", "error", "msg"]
                .iter()
                .find_map(|k| v.get(k).and_then(|m| m.as_str()).map(str::to_owned))
        });
    match from_json {
        Some(m) => server_message(&m),
        None => server_message(&String::from_utf8_lossy(&body[..body.len().min(512)])),
    }
}

/// Describe a transport error without its URL: the kind, then the causes.
pub fn describe_transport(err: reqwest::Error) -> String {
    let kind = if err.is_connect() {
        "connection failed"
    } else if err.is_timeout() {
        "timed out"
    } else if err.is_body() || err.is_decode() {
        "connection dropped while reading the reply"
    } else if err.is_request() {
        "request failed"
    } else {
        "transport error"
    };
    let err = err.without_url();
    let mut parts: Vec<String> = vec![kind.to_owned()];
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    // Belt and braces: nothing below reqwest should carry the URL, but if it does,
    // no token leaves this function.
    server_message(&parts.join(": "))
}

/// A redacting wrapper for showing any error chain (for anyhow contexts).
pub struct Redacted<'a>(pub &'a dyn std::error::Error);

impl fmt::Display for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&strip_token_params(&self.0.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_to_do() {
        let e = ApiError::Unauthorized {
            status: 401,
            credential: Credential::PageToken,
        };
        assert_eq!(
            e.to_string(),
            "token rejected by Pancake (401): check PANCAKE_PAGE_ACCESS_TOKEN"
        );
        assert!(!e.is_transient());
        assert!(
            ApiError::Server {
                status: 503,
                attempts: 4
            }
            .is_transient()
        );
    }

    #[test]
    fn server_messages_are_clean_and_short() {
        let m = message_from_body(
            br#"{"success":false,"message":"bad \u001b[31mtoken page_access_token=abc123"}"#,
        );
        assert!(!m.contains('\u{1b}'));
        assert!(!m.contains("abc123"), "{m}");
        let long = "x".repeat(1000);
        assert!(message_from_body(long.as_bytes()).chars().count() <= SERVER_MESSAGE_MAX + 1);
    }
}
