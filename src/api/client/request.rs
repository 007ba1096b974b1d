//! One request to Pancake (`Request`), what it carries (`CallBody`), the
//! credential it is sent with (`Call`), and its path segments encoded.

use reqwest::Method;
use secrecy::SecretString;

use crate::api::RequestKind;
use crate::api::error::Credential;
use crate::api::throttle::Priority;

/// One request to Pancake: what it is (named in errors), where it goes and
/// what it carries.
#[derive(Clone, Debug)]
pub(in crate::api) struct Request {
    pub what: RequestKind,
    pub method: Method,
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub body: CallBody,
    /// Safe to repeat after an ambiguous failure (5xx, timeout, dropped reply).
    pub idempotent: bool,
}

impl Request {
    /// A request with no query and no body, safe to repeat.
    pub fn new(what: RequestKind, method: Method, path: String) -> Self {
        Request {
            what,
            method,
            path,
            query: Vec::new(),
            body: CallBody::None,
            idempotent: true,
        }
    }

    pub fn get(what: RequestKind, path: String) -> Self {
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
pub(super) struct Call<'a> {
    pub(super) req: &'a Request,
    pub(super) credential: Credential,
    pub(super) token: &'a SecretString,
    /// Throttle key: the page id, or "user" for user-token calls.
    pub(super) key: &'a str,
    pub(super) priority: Priority,
}

/// What a request carries.
#[derive(Clone, Debug)]
pub(in crate::api) enum CallBody {
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

/// Percent-encode one path segment (ids are untrusted too).
pub(in crate::api) fn enc(segment: &str) -> String {
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
