//! When to try a request again, and how long to wait first.
//!
//! pancake-api.md § Rate limit: 429 and 5xx (and dropped connections) are retried three times
//! after 1 s, 2 s and 4 s; other 4xx fail at once. A `Retry-After` header,
//! when present, replaces the scheduled delay (capped, so a hostile value
//! cannot park a request forever).

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

/// The longest `Retry-After` honoured.
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(30);

#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Delay before retry 1, 2, 3, ...; its length is the number of retries.
    pub delays: Vec<Duration>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            delays: [1, 2, 4].map(Duration::from_secs).to_vec(),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy { delays: Vec::new() }
    }

    /// The delay before retry number `retry` (0-based), or `None` when spent.
    pub fn delay(&self, retry: usize, retry_after: Option<Duration>) -> Option<Duration> {
        let scheduled = *self.delays.get(retry)?;
        Some(retry_after.map_or(scheduled, |d| d.min(RETRY_AFTER_CAP)))
    }

    /// Total attempts allowed (first try included).
    pub fn attempts(&self) -> u32 {
        self.delays.len() as u32 + 1
    }
}

/// Whether a status is worth retrying.
pub fn is_retryable(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
}

/// `Retry-After` in seconds (the HTTP-date form is ignored: the schedule applies).
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let secs: f64 = v.parse().ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(3600.0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn schedule_is_one_two_four_then_stop() {
        let p = RetryPolicy::default();
        let secs: Vec<_> = (0..4).map(|i| p.delay(i, None)).collect();
        assert_eq!(
            secs,
            vec![
                Some(Duration::from_secs(1)),
                Some(Duration::from_secs(2)),
                Some(Duration::from_secs(4)),
                None
            ]
        );
        assert_eq!(p.attempts(), 4);
    }

    #[test]
    fn retry_after_wins_but_is_capped() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(3))),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(999))),
            Some(RETRY_AFTER_CAP)
        );
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn which_statuses_retry() {
        assert!(is_retryable(StatusCode::TOO_MANY_REQUESTS));
        assert!(is_retryable(StatusCode::BAD_GATEWAY));
        for s in [400, 401, 403, 404, 422] {
            assert!(!is_retryable(StatusCode::from_u16(s).unwrap()));
        }
    }
}
