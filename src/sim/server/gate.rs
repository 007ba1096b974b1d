//! Who may ask: the user token's gate, and the page's (page, token,
//! subscription, rate limit) before any page route.

use serde_json::json;

use super::answer::{Answer, body_error, err, ok, wire};
use super::query::Params;
use super::shared::Shared;
use crate::sim::Faults;
use crate::sim::world::World;

/// The user token: wrong = 200 without the expected keys (pancake-api.md § Errors in 200),
/// expired = 200 + `error_code` 103.
pub(super) fn user_gate(w: &World, q: &Params) -> Option<Answer> {
    if q.one("access_token") != Some(w.user_token.as_str()) {
        return Some(ok(json!({"success": false})));
    }
    w.user_token_expired
        .then(|| body_error(wire::USER_TOKEN_EXPIRED))
}

/// Page exists, token right (a revoked one answers 105, another wrong one
/// 102 in the body or HTTP 401), subscription alive (else 122), within the
/// rate limit.
pub(super) fn gate(sh: &Shared, f: &Faults, pid: &str, q: &Params) -> Option<Answer> {
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
