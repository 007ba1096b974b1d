//! Calls with the user access token (`UserApi`): the user's pages, a
//! page's token generated.

use crate::api::RequestKind;
use std::sync::Arc;

use reqwest::Method;
use secrecy::SecretString;

use super::Client;
use super::decode::{decode, decode_pages};
use super::request::{Call, Request, enc};
use crate::api::error::{ApiError, Credential};
use crate::api::ids::PageId;
use crate::api::models::Page;
use crate::api::throttle::Priority;

/// Calls with the user access token.
#[derive(Clone)]
pub struct UserApi {
    pub(super) client: Client,
    pub(super) token: Arc<SecretString>,
}

impl UserApi {
    pub(in crate::api) async fn request(&self, req: Request) -> Result<bytes::Bytes, ApiError> {
        self.client
            .execute(Call {
                req: &req,
                credential: Credential::UserToken,
                token: &self.token,
                key: "user",
                priority: Priority::Interactive,
            })
            .await
    }

    /// The user's pages. A body without the expected keys means the token was
    /// rejected (the real service answers 200 then, pancake-api.md § Errors in 200).
    pub async fn pages(&self) -> Result<Vec<Page>, ApiError> {
        let bytes = self
            .request(Request::get(RequestKind::Pages, "/v1/pages".into()))
            .await?;
        let raw = decode_pages(&bytes)?;
        for s in &raw.skipped {
            tracing::warn!(id = s.id.as_deref().unwrap_or("-"), reason = %s.reason,
                "skipped a page Pancake listed that could not be read");
        }
        Ok(raw.items)
    }

    /// Generate (or refresh) a page access token. Held in memory only.
    pub async fn generate_page_token(&self, page: &PageId) -> Result<SecretString, ApiError> {
        let path = format!(
            "/v1/pages/{}/generate_page_access_token",
            enc(page.as_str())
        );
        const WHAT: RequestKind = RequestKind::PageToken;
        let query = vec![("page_id", page.as_str().to_owned())];
        let req = Request::new(WHAT, Method::POST, path).query(query);
        let bytes = self.request(req).await?;
        let v: serde_json::Value = decode(WHAT, &bytes)?;
        match v.get("page_access_token").and_then(|t| t.as_str()) {
            Some(t) => {
                if let Some(hook) = self.client.inner.on_secret {
                    hook(t);
                }
                Ok(SecretString::from(t.to_owned()))
            }
            None => Err(ApiError::Decode {
                what: WHAT,
                detail: crate::api::decode_problem::DecodeProblem::NoPageToken.into(),
            }),
        }
    }
}
