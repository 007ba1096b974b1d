//! Calls scoped to one page (`PageApi`): its paths, its token (renewed
//! when rejected), its priority, and the raw answer to a read.

use crate::api::RequestKind;
use std::sync::Arc;

use reqwest::Method;
use serde::de::DeserializeOwned;

use super::decode::decode;
use super::page_token::PageToken;
use super::request::{Call, Request, enc};
use super::{Client, Endpoint};
use crate::api::error::{ApiError, Credential};
use crate::api::ids::{ConversationId, PageId};
use crate::api::throttle::Priority;

/// Calls scoped to one page.
#[derive(Clone)]
pub struct PageApi {
    pub(super) client: Client,
    pub(super) page: PageId,
    pub(super) token: Arc<PageToken>,
    pub(super) priority: Priority,
}

impl PageApi {
    /// The same page, queued behind agent actions (for background sync).
    pub fn background(&self) -> Self {
        PageApi {
            priority: Priority::Background,
            ..self.clone()
        }
    }

    /// The same page, queued behind everything else (for the requests of a
    /// bulk action: the list the agent is looking at never waits for them).
    pub fn bulk(&self) -> Self {
        PageApi {
            priority: Priority::Bulk,
            ..self.clone()
        }
    }

    pub fn page_id(&self) -> &PageId {
        &self.page
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub(in crate::api) fn v1(&self, rest: &str) -> String {
        format!("/public_api/v1/pages/{}{rest}", enc(self.page.as_str()))
    }

    fn conv_path(&self, conv: &ConversationId, rest: &str) -> String {
        self.v1(&format!("/conversations/{}{rest}", enc(conv.as_str())))
    }

    /// Send one request; a rejected page token is renewed once from the user
    /// token (when there is one) and the request sent again: a rejected
    /// request was not acted on, so even a send is safe to repeat.
    pub(in crate::api) async fn request(&self, req: Request) -> Result<bytes::Bytes, ApiError> {
        let mut renewed = false;
        loop {
            let (generation, token) = self.token.get();
            let result = self
                .client
                .execute(Call {
                    req: &req,
                    credential: Credential::PageToken,
                    token: &token,
                    key: self.page.as_str(),
                    priority: self.priority,
                })
                .await;
            match result {
                Err(e) if e.is_page_token_rejected() && !renewed => {
                    if !self.token.renew(&self.page, generation).await? {
                        return Err(e);
                    }
                    renewed = true;
                }
                other => return other,
            }
        }
    }

    /// POST to one of a conversation's endpoints (`rest`: "/tags").
    pub(super) async fn post<T: DeserializeOwned>(
        &self,
        conv: &ConversationId,
        what: RequestKind,
        rest: &str,
        body: Option<serde_json::Value>,
        idempotent: bool,
    ) -> Result<T, ApiError> {
        let path = self.conv_path(conv, rest);
        self.call_with(what, Method::POST, path, body, idempotent)
            .await
    }

    pub(in crate::api) async fn call_with<T: DeserializeOwned>(
        &self,
        what: RequestKind,
        method: Method,
        path: String,
        body: Option<serde_json::Value>,
        idempotent: bool,
    ) -> Result<T, ApiError> {
        let req = Request::new(what, method, path)
            .body(body)
            .idempotent(idempotent);
        decode(what, &self.request(req).await?)
    }

    /// The answer to a read, as Pancake sent it (no decoding).
    pub async fn fetch(&self, endpoint: &Endpoint<'_>) -> Result<bytes::Bytes, ApiError> {
        let (path, query) = match endpoint {
            Endpoint::Conversations { query, cursor } => (
                format!(
                    "/public_api/v2/pages/{}/conversations",
                    enc(self.page.as_str())
                ),
                query.to_pairs(*cursor),
            ),
            Endpoint::Messages {
                conv,
                customer_id,
                current_count,
            } => {
                let mut q = Vec::new();
                // The customer's Pancake id, never the PSID; none: not sent.
                if let Some(c) = customer_id.filter(|c| !c.is_empty()) {
                    q.push(("customer_id", c.to_owned()));
                }
                if let Some(n) = current_count {
                    q.push(("current_count", n.to_string()));
                }
                (self.conv_path(conv, "/messages"), q)
            }
            Endpoint::Tags => (self.v1("/tags"), vec![]),
            Endpoint::Users => (self.v1("/users"), vec![]),
            Endpoint::PageRead { rest, query, .. } => (self.v1(rest), query.clone()),
        };
        self.request(Request::get(endpoint.what(), path).query(query))
            .await
    }

    /// [`Endpoint::PageRead`]: GET `rest` under the page with `query`.
    pub(in crate::api) async fn read(
        &self,
        what: RequestKind,
        rest: &'static str,
        query: Vec<(&'static str, String)>,
    ) -> Result<bytes::Bytes, ApiError> {
        self.fetch(&Endpoint::PageRead { what, rest, query }).await
    }
}
