//! API errors, written for people: what happened and what to do.
//!
//! No variant holds a URL or a token. Text taken from a server reply is
//! sanitized and clipped; text taken from a transport error is built from the
//! error chain *without* its URL (reqwest puts the tokened URL in `Display`).

use std::fmt;
use std::time::Duration;

use crate::api::RequestKind;
use crate::i18n::{Arg, Lang, Said};
use crate::text::{sanitize_line, strip_token_params};

/// The message of a reply Pancake said failed but that may have gone:
/// a held reason with it leaves the agent to check the thread.
pub const MAYBE_SENT: &str = "error-maybe-sent";

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

/// Each variant is put into words by [`ApiError::said`] (the catalogs'
/// `error-*` messages); `Display` is its English, for logs and the CLI.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// HTTP 401, or HTTP 200 with `error_code` 100/102/105 (`status` is then
    /// that code), or a user-token call answered without its data.
    Unauthorized {
        status: u16,
        credential: Credential,
    },

    /// `error_code` 103.
    UserTokenExpired,

    /// `error_code` 122.
    SubscriptionExpired {
        message: String,
    },

    /// Facebook's 24-hour window (`e_code` 10 / `e_subcode` 2018278).
    OutsideWindow {
        message: String,
    },

    /// `e_code` 551.
    CustomerUnavailable {
        message: String,
    },

    /// `e_subcode` 3252001: Facebook's own limit on the page's messages.
    FacebookRateLimited {
        message: String,
    },

    /// A private reply answered `success:false`: such replies have been
    /// seen delivered anyway.
    MaybeSent {
        message: String,
    },

    Forbidden {
        detail: String,
    },

    NotFound {
        what: RequestKind,
        detail: String,
    },

    Rejected {
        what: RequestKind,
        status: u16,
        message: String,
    },

    /// HTTP 200 with `success: false` and no code we know.
    Failed {
        what: RequestKind,
        code: Option<i64>,
        message: String,
    },

    RateLimited {
        attempts: u32,
    },

    Server {
        status: u16,
        attempts: u32,
    },

    /// The request went out, but the answer never came whole (a dropped
    /// connection): it may or may not have been processed.
    Network {
        detail: String,
    },

    /// No connection could be made: the request never left this machine.
    Unreachable {
        detail: String,
    },

    Timeout {
        timeout: Duration,
    },

    Decode {
        what: RequestKind,
        detail: super::decode_problem::DecodeDetail,
    },

    Config(String),

    /// A file to upload could not be read or checked on this machine
    /// (moved, changed since it was attached): nothing left.
    LocalFile(String),

    /// A step of a reply could not be written to the outbox first: the
    /// rest was not sent (after a crash it could not be told what went).
    NotKept(Said),
}

impl std::error::Error for ApiError {}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.said().words(Lang::En))
    }
}

/// A detail in brackets after a message, or nothing.
fn detail_suffix(d: &str) -> String {
    if d.is_empty() {
        String::new()
    } else {
        format!(" ({d})")
    }
}

impl ApiError {
    /// What happened and what to do, as a message of the catalogs: put into
    /// words in the agent's language where it is shown, kept as it is on
    /// disk (a held reply's reason).
    pub fn said(&self) -> Said {
        match self {
            ApiError::Unauthorized { status, credential } => {
                let origin = match status {
                    401 | 403 => Said::new("error-origin-status").arg("status", *status),
                    200 => Said::new("error-origin-no-data"),
                    code => Said::new("error-origin-code").arg("code", code.to_string()),
                };
                Said::new("error-unauthorized")
                    .arg("origin", origin)
                    .arg("variable", credential.env_var())
            }
            ApiError::UserTokenExpired => Said::new("error-user-token-expired"),
            ApiError::SubscriptionExpired { message } => {
                Said::new("error-subscription-expired").arg("detail", detail_suffix(message))
            }
            ApiError::OutsideWindow { message } => {
                Said::new("error-outside-window").arg("detail", detail_suffix(message))
            }
            ApiError::CustomerUnavailable { message } => {
                Said::new("error-customer-unavailable").arg("detail", detail_suffix(message))
            }
            ApiError::FacebookRateLimited { message } => {
                Said::new("error-facebook-rate-limited").arg("detail", detail_suffix(message))
            }
            ApiError::MaybeSent { message } => {
                Said::new(MAYBE_SENT).arg("detail", detail_suffix(message))
            }
            ApiError::Forbidden { detail } => {
                Said::new("error-forbidden").arg("detail", detail_suffix(detail))
            }
            ApiError::NotFound { what, detail } => Said::new("error-not-found")
                .arg("what", what.said())
                .arg("detail", detail_suffix(detail)),
            ApiError::Rejected {
                what,
                status,
                message,
            } => Said::new("error-rejected")
                .arg("what", what.said())
                .arg("status", *status)
                .arg("message", message.as_str()),
            ApiError::Failed {
                what,
                code,
                message,
            } => Said::new("error-failed")
                .arg("what", what.said())
                .arg(
                    "code",
                    code.map_or(Arg::Text(String::new()), |c| {
                        Said::new("error-code").arg("code", c.to_string()).into()
                    }),
                )
                .arg("message", message.as_str()),
            ApiError::RateLimited { attempts } => {
                Said::new("error-rate-limited").arg("attempts", *attempts)
            }
            ApiError::Server { status, attempts } => Said::new("error-server")
                .arg("status", *status)
                .arg("attempts", *attempts),
            ApiError::Network { detail } | ApiError::Unreachable { detail } => {
                Said::new("error-unreachable").arg("detail", detail.as_str())
            }
            ApiError::Timeout { timeout } => {
                Said::new("error-timeout").arg("seconds", timeout.as_secs())
            }
            ApiError::Decode { what, detail } => Said::new("error-decode")
                .arg("what", what.said())
                .arg("detail", detail.said()),
            ApiError::Config(detail) => Said::new("error-config").arg("detail", detail.as_str()),
            ApiError::LocalFile(detail) => {
                Said::new("error-local-file").arg("detail", detail.as_str())
            }
            ApiError::NotKept(detail) => Said::new("error-not-kept").arg("detail", detail.clone()),
        }
    }

    /// Worth trying again later (an outbox keeps such an action pending).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::RateLimited { .. }
                | ApiError::Server { .. }
                | ApiError::Network { .. }
                | ApiError::Unreachable { .. }
                | ApiError::Timeout { .. }
                | ApiError::FacebookRateLimited { .. }
        )
    }

    /// The page token was refused (a user token may generate a new one).
    pub fn is_page_token_rejected(&self) -> bool {
        matches!(
            self,
            ApiError::Unauthorized {
                credential: Credential::PageToken,
                ..
            }
        )
    }

    /// Pancake certainly did not act on the request: it never left (no
    /// connection), or was turned away before processing (429). Anything
    /// else (a timeout, a dropped answer, a 5xx) may have been done.
    pub fn never_arrived(&self) -> bool {
        matches!(
            self,
            ApiError::Unreachable { .. } | ApiError::RateLimited { .. } | ApiError::NotKept(_)
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
    // A token echoed in any form, not only as `access_token=`.
    let clean = crate::text::redact(&strip_token_params(&sanitize_line(raw)));
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

/// The parts of an error body the classification reads. The real service
/// answers most errors as HTTP 200 with `{"success": false, "message": ..,
/// "error_code": N}`; sends add Facebook's `e_code` / `e_subcode`.
#[derive(Debug, Default, serde::Deserialize)]
struct ErrorBody {
    success: Option<serde_json::Value>,
    error_code: Option<serde_json::Value>,
    e_code: Option<serde_json::Value>,
    e_subcode: Option<serde_json::Value>,
    error_subcode: Option<serde_json::Value>,
    /// Facebook's own shape, `{"error": {"code", "error_subcode", "message"}}`.
    error: Option<serde_json::Value>,
}

fn number(v: Option<&serde_json::Value>) -> Option<i64> {
    match v? {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// What an HTTP 200 answer says went wrong, if anything: `None` unless the
/// body is a JSON object with `"success": false`.
pub fn body_error(what: RequestKind, credential: Credential, body: &[u8]) -> Option<ApiError> {
    // Cheap test first: a list of 60 conversations is not parsed twice.
    let head = &body[..body.len().min(64 * 1024)];
    let has = |word: &[u8]| head.windows(word.len()).any(|w| w == word);
    if !has(b"success") && !has(b"error_code") {
        return None;
    }
    let b: ErrorBody = serde_json::from_slice(body).ok()?;
    let failed = match &b.success {
        Some(serde_json::Value::Bool(ok)) => !ok,
        Some(serde_json::Value::String(s)) => s == "false",
        // An error code without a word on success is an error all the same.
        None => b.error_code.is_some(),
        _ => false,
    };
    if !failed {
        return None;
    }
    let nested = b.error.as_ref();
    let code = number(b.error_code.as_ref());
    let e_code = number(b.e_code.as_ref()).or_else(|| number(nested.and_then(|e| e.get("code"))));
    let e_subcode = number(b.e_subcode.as_ref())
        .or_else(|| number(b.error_subcode.as_ref()))
        .or_else(|| number(nested.and_then(|e| e.get("error_subcode"))));
    let message = message_from_body(body);
    Some(match (code, e_code, e_subcode) {
        (Some(100 | 102 | 105), ..) => ApiError::Unauthorized {
            status: code.unwrap_or(0) as u16,
            credential,
        },
        (Some(103), ..) => ApiError::UserTokenExpired,
        (Some(122), ..) => ApiError::SubscriptionExpired { message },
        (Some(429), ..) => ApiError::RateLimited { attempts: 1 },
        (Some(c @ 500..=599), ..) => ApiError::Server {
            status: c as u16,
            attempts: 1,
        },
        (_, _, Some(2_018_278)) | (_, Some(10), _) => ApiError::OutsideWindow { message },
        (_, Some(551), _) => ApiError::CustomerUnavailable { message },
        (_, _, Some(3_252_001)) => ApiError::FacebookRateLimited { message },
        // A user-token call refused without a word: the token (pancake-api.md § Errors in 200).
        (None, None, None) if credential == Credential::UserToken => ApiError::Unauthorized {
            status: 200,
            credential,
        },
        _ => ApiError::Failed {
            what,
            code: code.or(e_code),
            message,
        },
    })
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
    fn errors_inside_http_200_are_classified_by_their_codes() {
        let page = |b: &str| {
            body_error(
                RequestKind::Conversations,
                Credential::PageToken,
                b.as_bytes(),
            )
        };
        assert_eq!(page(r#"{"success":true,"conversations":[]}"#), None);
        assert_eq!(page(r#"{"conversations":[]}"#), None);
        assert!(
            page(r#"{"error_code":105,"message":"revoked"}"#)
                .unwrap()
                .is_page_token_rejected()
        );
        for code in [100, 102, 105] {
            let e = page(&format!(
                r#"{{"success":false,"message":"Invalid","error_code":{code}}}"#
            ))
            .unwrap();
            assert!(e.is_page_token_rejected(), "{e}");
            assert_eq!(
                e.to_string(),
                format!(
                    "token rejected by Pancake (error {code}): check PANCAKE_PAGE_ACCESS_TOKEN"
                )
            );
        }
        assert_eq!(
            page(r#"{"success":false,"error_code":"103"}"#),
            Some(ApiError::UserTokenExpired)
        );
        let e = page(r#"{"success":false,"error_code":122,"message":"Trang hết hạn"}"#).unwrap();
        assert!(e.to_string().contains("subscription has expired"), "{e}");
        assert!(e.to_string().ends_with("(Trang hết hạn)"), "{e}");
        let e =
            page(r#"{"message":"Too many requests","success":false,"error_code":429}"#).unwrap();
        assert!(matches!(e, ApiError::RateLimited { .. }) && e.is_transient() && e.never_arrived());
        let e = page(r#"{"success":false,"error_code":502}"#).unwrap();
        assert!(matches!(e, ApiError::Server { status: 502, .. }));
        let e = page(
            r#"{"success":false,"message":"(#10) outside window","e_code":10,"e_subcode":2018278}"#,
        )
        .unwrap();
        assert!(
            matches!(e, ApiError::OutsideWindow { .. }) && !e.is_transient(),
            "{e}"
        );
        assert!(
            e.to_string()
                .starts_with("Facebook allows replies only within 24 h"),
            "{e}"
        );
        let e = page(r#"{"success":false,"error":{"code":10,"message":"x"}}"#).unwrap();
        assert!(matches!(e, ApiError::OutsideWindow { .. }), "{e}");
        let e = page(r#"{"success":false,"e_code":551}"#).unwrap();
        assert!(matches!(e, ApiError::CustomerUnavailable { .. }) && !e.is_transient());
        let e = page(r#"{"success":false,"e_code":613,"e_subcode":3252001}"#).unwrap();
        assert!(
            matches!(e, ApiError::FacebookRateLimited { .. })
                && e.is_transient()
                // Not sent, but resending at every poll would only press
                // Facebook's limit: a reply waits for the agent.
                && !e.never_arrived()
        );
        let e = page(r#"{"success":false,"message":"\u001b[31mkhông tìm thấy","error_code":404}"#)
            .unwrap();
        assert_eq!(
            e.to_string(),
            "Pancake refused the conversation list (error 404): không tìm thấy"
        );
        // The user API's refusal without a word is the token.
        let e = body_error(
            RequestKind::Pages,
            Credential::UserToken,
            br#"{"success":false}"#,
        )
        .unwrap();
        assert_eq!(
            e,
            ApiError::Unauthorized {
                status: 200,
                credential: Credential::UserToken
            }
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

    /// A server that echoes a token without `access_token=` (in its own
    /// words) has it redacted where the message is made: the screen and
    /// the outbox's reason never carry it.
    #[test]
    fn a_token_echoed_in_any_form_is_redacted() {
        crate::text::register_secret("tok-ECHOED-77");
        let m = message_from_body(
            br#"{"success":false,"message":"token tok-ECHOED-77 is not valid for this page"}"#,
        );
        assert!(!m.contains("tok-ECHOED-77"), "{m}");
        assert!(m.contains("is not valid"), "{m}");
    }
}
