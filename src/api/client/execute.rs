//! Every call's way out and back (`Client::execute`): the throttle, the
//! request, the answer read with a cap and classified (errors in a 200
//! included), and the retries.

use std::sync::atomic::Ordering;
use std::time::Duration;

use reqwest::{StatusCode, Url};
use secrecy::ExposeSecret;

use super::Client;
use super::request::{Call, CallBody};
use crate::api::error::{ApiError, Credential, body_error, describe_transport, message_from_body};
use crate::api::retry::{is_retryable, retry_after};
use crate::api::throttle::Priority;

enum Outcome {
    Done(bytes::Bytes),
    Retry {
        error: ApiError,
        after: Option<Duration>,
    },
    Fail(ApiError),
}

impl Client {
    pub(super) async fn execute(&self, call: Call<'_>) -> Result<bytes::Bytes, ApiError> {
        let inner = &self.inner;
        let mut url = Url::parse(&format!("{}{}", inner.base, call.req.path))
            .map_err(|e| ApiError::Config(format!("bad request path ({e})")))?;
        {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in &call.req.query {
                pairs.append_pair(k, v);
            }
            let token_param = match call.credential {
                Credential::PageToken => "page_access_token",
                Credential::UserToken => "access_token",
            };
            pairs.append_pair(token_param, call.token.expose_secret());
        }
        let mut retries = 0usize;
        loop {
            // Held until the whole answer is in: the slot's window starts then.
            let permit = inner.throttle.acquire(call.key, call.priority).await;
            inner.stats.requests.fetch_add(1, Ordering::Relaxed);
            let mut req = inner.http.request(call.req.method.clone(), url.clone());
            match &call.req.body {
                CallBody::None => {}
                CallBody::Json(body) => req = req.json(body),
                CallBody::File { name, mime, bytes } => {
                    let part = reqwest::multipart::Part::stream_with_length(
                        reqwest::Body::from(bytes.clone()),
                        bytes.len() as u64,
                    )
                    .file_name(name.clone())
                    .mime_str(mime)
                    .map_err(|e| {
                        ApiError::Config(format!("upload type ({})", describe_transport(e)))
                    })?;
                    req = req.multipart(reqwest::multipart::Form::new().part("file", part));
                }
            }
            let outcome = match req.send().await {
                Ok(resp) => self.classify(&call, resp, retries).await,
                Err(e) => self.transport_outcome(&call, e),
            };
            if matches!(
                outcome,
                Outcome::Retry {
                    error: ApiError::RateLimited { .. },
                    ..
                }
            ) {
                // Other inboxes on the page unseen: slow down (when unshared).
                permit.rate_limited();
            }
            drop(permit);
            match outcome {
                Outcome::Done(bytes) => return Ok(bytes),
                Outcome::Fail(e) => return Err(e),
                Outcome::Retry { error, after } => match inner.retry.delay(retries, after) {
                    Some(delay) => {
                        tracing::debug!(what = call.req.what.english(), %error, ?delay, "retrying");
                        inner.stats.retries.fetch_add(1, Ordering::Relaxed);
                        tokio::time::sleep(delay).await;
                        retries += 1;
                    }
                    None => return Err(error),
                },
            }
        }
    }

    async fn classify(&self, call: &Call<'_>, resp: reqwest::Response, retries: usize) -> Outcome {
        let status = resp.status();
        let attempts = retries as u32 + 1;
        if status.is_success() {
            let bytes = match read_capped(resp, MAX_ANSWER_BYTES).await {
                Ok(Some(b)) => b,
                // Made (for a change) but unreadable: never repeated.
                Ok(None) => {
                    return Outcome::Fail(ApiError::Decode {
                        what: call.req.what,
                        detail: crate::api::decode_problem::DecodeProblem::TooLarge {
                            mb: (MAX_ANSWER_BYTES / 1_000_000) as u64,
                        }
                        .into(),
                    });
                }
                Err(e) => return self.transport_outcome(call, e),
            };
            // The real service answers most errors as 200 + `success: false`.
            return match body_error(call.req.what, call.credential, &bytes) {
                None => Outcome::Done(bytes),
                Some(ApiError::RateLimited { .. }) => {
                    self.inner
                        .stats
                        .rate_limited
                        .fetch_add(1, Ordering::Relaxed);
                    Outcome::Retry {
                        error: ApiError::RateLimited { attempts },
                        after: None,
                    }
                }
                Some(ApiError::Server { status, .. }) => {
                    let error = ApiError::Server { status, attempts };
                    if call.req.idempotent {
                        Outcome::Retry { error, after: None }
                    } else {
                        Outcome::Fail(error)
                    }
                }
                Some(e) => Outcome::Fail(e),
            };
        }
        let after = retry_after(resp.headers());
        if status == StatusCode::TOO_MANY_REQUESTS {
            self.inner
                .stats
                .rate_limited
                .fetch_add(1, Ordering::Relaxed);
        }
        // Rejected before processing: always safe to retry.
        let retryable = status == StatusCode::TOO_MANY_REQUESTS
            || (is_retryable(status) && call.req.idempotent);
        // An error's body is read for its message only.
        let body = read_capped(resp, MAX_ERROR_BYTES)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        let error = match status.as_u16() {
            401 => ApiError::Unauthorized {
                status: 401,
                credential: call.credential,
            },
            403 => ApiError::Forbidden {
                detail: message_from_body(&body),
            },
            404 => ApiError::NotFound {
                what: call.req.what,
                detail: message_from_body(&body),
            },
            429 => ApiError::RateLimited { attempts },
            s if status.is_server_error() => ApiError::Server {
                status: s,
                attempts,
            },
            s => ApiError::Rejected {
                what: call.req.what,
                status: s,
                message: message_from_body(&body),
            },
        };
        if retryable {
            Outcome::Retry { error, after }
        } else {
            Outcome::Fail(error)
        }
    }

    fn transport_outcome(&self, call: &Call<'_>, e: reqwest::Error) -> Outcome {
        // A connect error never reached the server: safe to repeat anything.
        let safe = e.is_connect() || call.req.idempotent;
        // A connect error (even a connect timeout) never sent the request.
        let error = if e.is_connect() {
            ApiError::Unreachable {
                detail: describe_transport(e),
            }
        } else if e.is_timeout() {
            ApiError::Timeout {
                timeout: self.inner.timeout,
            }
        } else {
            ApiError::Network {
                detail: describe_transport(e),
            }
        };
        // Background sync has its own back-off (and says "offline" at once
        // when told at once): a refused connection is not retried here.
        let sync_offline =
            matches!(error, ApiError::Unreachable { .. }) && call.priority == Priority::Background;
        if safe && !sync_offline {
            Outcome::Retry { error, after: None }
        } else {
            Outcome::Fail(error)
        }
    }
}

/// The most of one answer read (the largest, a month of hourly staff
/// statistics, is about 2 MB): past it the answer is dropped, so one huge
/// or endless body never exhausts memory.
pub const MAX_ANSWER_BYTES: usize = 8_000_000;
/// The most of an error's body read (for its message).
pub const MAX_ERROR_BYTES: usize = 64_000;

/// The body of `resp`, or `None` once it is past `cap` bytes (read chunk
/// by chunk: nothing past the cap is kept).
async fn read_capped(
    mut resp: reqwest::Response,
    cap: usize,
) -> Result<Option<bytes::Bytes>, reqwest::Error> {
    if resp.content_length().is_some_and(|n| n > cap as u64) {
        return Ok(None);
    }
    let mut out = bytes::BytesMut::new();
    while let Some(chunk) = resp.chunk().await? {
        if out.len() + chunk.len() > cap {
            return Ok(None);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(Some(out.freeze()))
}
