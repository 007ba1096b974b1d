//! A page's token, renewed from the user token when Pancake rejects it.

use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;

use super::UserApi;
use crate::api::error::ApiError;
use crate::api::ids::PageId;

/// A page's token, and how to get a new one when Pancake rejects it.
pub(super) struct PageToken {
    /// The token in use and its generation (bumped at each renewal).
    current: std::sync::RwLock<(u64, Arc<SecretString>)>,
    /// The user token's calls, when the page token came from it.
    renew: Option<UserApi>,
    /// One renewal at a time: calls rejected together renew once. Holds
    /// when the last renewal was tried and its error, if it failed.
    renewing: tokio::sync::Mutex<Option<(std::time::Instant, Option<ApiError>)>>,
}

/// A page token is generated anew at most this often: a token rejected
/// again right after (two apps sharing one user token could revoke each
/// other's) is an error to show, not a loop.
const RENEW_COOLDOWN: Duration = Duration::from_secs(60);

impl PageToken {
    pub(super) fn new(token: SecretString, renew: Option<UserApi>) -> Self {
        PageToken {
            current: std::sync::RwLock::new((0, Arc::new(token))),
            renew,
            renewing: tokio::sync::Mutex::new(None),
        }
    }

    pub(super) fn get(&self) -> (u64, Arc<SecretString>) {
        let g = self.current.read().unwrap_or_else(|e| e.into_inner());
        (g.0, g.1.clone())
    }

    /// A new token from the user token, unless another call already got one
    /// since generation `seen`. `Ok(false)`: no user token to renew with.
    pub(super) async fn renew(&self, page: &PageId, seen: u64) -> Result<bool, ApiError> {
        let Some(user) = &self.renew else {
            return Ok(false);
        };
        let mut last = self.renewing.lock().await;
        if self.get().0 != seen {
            return Ok(true);
        }
        if let Some((at, failed)) = last.as_ref()
            && at.elapsed() < RENEW_COOLDOWN
        {
            return match failed {
                Some(e) => Err(e.clone()),
                None => Ok(false),
            };
        }
        match user.generate_page_token(page).await {
            Ok(token) => {
                tracing::info!(page = %page, "Pancake rejected the page token: generated a new one");
                *last = Some((std::time::Instant::now(), None));
                let mut g = self.current.write().unwrap_or_else(|e| e.into_inner());
                *g = (seen + 1, Arc::new(token));
                Ok(true)
            }
            Err(e) => {
                *last = Some((std::time::Instant::now(), Some(e.clone())));
                Err(e)
            }
        }
    }
}
