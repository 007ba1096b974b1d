//! The page's customers: `GET /public_api/v1/pages/{page_id}/page_customers`
//! (pancake-api.md § Customers: `since`, `until`, `page_number` from 1, `page_size` at most
//! 100), and a customer's other conversations on the page.
//!
//! The answer is not documented beyond an OpenAPI transcription (pancake-api.md § Customers,
//! medium): `{"total": N, "customers": [{name, phone_numbers[], psid,
//! inserted_at, notes[] ...}]}`. Fields relied on, each optional and read
//! loosely: the page customer's id as `id`, the global id as `customer_id`; `psid` (or
//! `fb_id`); `name`; phones as `phone_numbers` (strings or
//! `{phone_number}` objects); first contact as `inserted_at`; `notes[]`
//! with `message`, `order_id`, `created_at` (unix seconds or
//! milliseconds, or ISO) and `removed_at`. `total` is optional.

use crate::api::RequestKind;
use crate::api::decode_problem::DecodeProblem;
use serde::Deserialize;

use super::client::{PageApi, decode};
pub use super::customer_record::{CustomerNote, PageCustomer, RecentOrder, TagChange};
use super::customer_record::{RawCustomer, RawNote, clean_notes};
use super::error::ApiError;
use super::ids::ConversationId;
use super::lenient::{Lenient, loose_u64};
use super::models::Conversation;
use super::query::{ConversationQuery, OrderBy};
use super::time::UnixSeconds;

/// The most customers one call may ask for (pancake-api.md § Customers).
pub const MAX_PAGE_SIZE: u32 = 100;

/// One call of `page_customers`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerQuery {
    pub since: UnixSeconds,
    pub until: UnixSeconds,
    /// From 1.
    pub page_number: u32,
    /// Clamped to 1..=100 on the wire.
    pub page_size: u32,
}

impl CustomerQuery {
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("since", self.since.0.to_string()),
            ("until", self.until.0.to_string()),
            ("page_number", self.page_number.max(1).to_string()),
            (
                "page_size",
                self.page_size.clamp(1, MAX_PAGE_SIZE).to_string(),
            ),
        ]
    }
}

/// One answer of `page_customers`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerPage {
    pub total: Option<u64>,
    pub customers: Vec<PageCustomer>,
}

#[derive(Debug, Deserialize)]
struct RawCustomerList {
    #[serde(default, deserialize_with = "loose_u64")]
    total: Option<u64>,
    #[serde(default)]
    customers: Option<Lenient<RawCustomer>>,
    #[serde(default)]
    data: Option<Lenient<RawCustomer>>,
}

/// The customers of one `page_customers` answer (`customers`, or `data`);
/// an answer with neither is an error, never "no customers".
pub fn decode_customers(bytes: &[u8]) -> Result<CustomerPage, ApiError> {
    const WHAT: RequestKind = RequestKind::Customers;
    let raw: RawCustomerList = decode(WHAT, bytes)?;
    let list = raw.customers.or(raw.data).ok_or(ApiError::Decode {
        what: WHAT,
        detail: DecodeProblem::Missing("customers").into(),
    })?;
    if let Some(found) = list.not_a_list {
        return Err(ApiError::Decode {
            what: WHAT,
            detail: DecodeProblem::NotAList {
                key: "customers",
                found,
            }
            .into(),
        });
    }
    list.log_skipped("customers", "page_customers");
    Ok(CustomerPage {
        total: raw.total,
        customers: list
            .items
            .into_iter()
            .map(RawCustomer::into_model)
            .collect(),
    })
}

/// The conversations of `customer_id` among `convs` (by the conversation's
/// customer id, never by name), newest activity first, `except` left out.
pub fn conversations_of<'a>(
    convs: impl IntoIterator<Item = &'a Conversation>,
    customer_id: &str,
    except: Option<&ConversationId>,
) -> Vec<&'a Conversation> {
    let mut out: Vec<&Conversation> = convs
        .into_iter()
        .filter(|c| c.customer.is(customer_id))
        .filter(|c| except != Some(&c.id))
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.updated_at));
    out
}

/// The `notes` of a messages answer (pancake-api.md § Messages: the answer
/// carries the page customer's notes).
pub fn decode_notes(bytes: &[u8]) -> Result<Vec<CustomerNote>, ApiError> {
    const WHAT: RequestKind = RequestKind::CustomerNotes;
    let v: serde_json::Value = decode(WHAT, bytes)?;
    // An answer without the key says nothing of the notes: never "none"
    // (a note would then be added again). `null` is none.
    match v.get("notes") {
        None => Err(ApiError::Decode {
            what: WHAT,
            detail: DecodeProblem::Missing("notes").into(),
        }),
        Some(serde_json::Value::Null) => Ok(Vec::new()),
        Some(list) => {
            let raw: Lenient<RawNote> =
                serde_json::from_value(list.clone()).map_err(|e| ApiError::Decode {
                    what: WHAT,
                    detail: crate::api::lenient::redact_reason(&e.to_string()).into(),
                })?;
            Ok(clean_notes(raw))
        }
    }
}

impl PageApi {
    fn customer_path(&self, customer: &str, rest: &str) -> String {
        self.v1(&format!(
            "/page_customers/{}{rest}",
            super::client::enc(customer)
        ))
    }

    /// A note change on a page customer (pancake-api.md § Notes). An add is
    /// not repeated after an ambiguous failure (no idempotency key).
    pub async fn note(&self, customer: &str, op: &crate::api::NoteOp) -> Result<(), ApiError> {
        use crate::api::NoteOp;
        let (what, method, idempotent) = match op {
            NoteOp::Add { .. } => (RequestKind::NoteAdd, reqwest::Method::POST, false),
            NoteOp::Edit { .. } => (RequestKind::NoteEdit, reqwest::Method::PUT, true),
            NoteOp::Delete { .. } => (RequestKind::NoteRemoval, reqwest::Method::DELETE, true),
        };
        let path = self.customer_path(customer, "/notes");
        let _: serde_json::Value = self
            .call_with(what, method, path, Some(op.to_body()), idempotent)
            .await?;
        Ok(())
    }

    /// `PUT page_customers/{id}` with `{"changes": ...}`.
    pub async fn update_customer(
        &self,
        customer: &str,
        changes: &crate::api::CustomerChanges,
    ) -> Result<(), ApiError> {
        let path = self.customer_path(customer, "");
        let _: serde_json::Value = self
            .call_with(
                RequestKind::CustomerUpdate,
                reqwest::Method::PUT,
                path,
                Some(changes.to_body()),
                true,
            )
            .await?;
        Ok(())
    }

    /// The page customer's notes as Pancake has them now, read from the
    /// conversation's messages answer (asked with the page customer's id).
    pub async fn customer_notes(
        &self,
        conv: &ConversationId,
        customer: &str,
    ) -> Result<Vec<CustomerNote>, ApiError> {
        let ask = |customer_id| super::client::Endpoint::Messages {
            conv,
            customer_id,
            current_count: None,
        };
        // Named by the page customer's id; a page that refuses it is asked
        // without (the reference's form, pancake-api.md § Messages).
        let bytes = match self.fetch(&ask(Some(customer))).await {
            Err(e) if super::quirks::refused_customer(&e) => self.fetch(&ask(None)).await?,
            other => other?,
        };
        decode_notes(&bytes)
    }

    /// One call of `page_customers`.
    pub async fn page_customers(&self, q: &CustomerQuery) -> Result<CustomerPage, ApiError> {
        let bytes = self
            .read(RequestKind::Customers, "/page_customers", q.to_pairs())
            .await?;
        decode_customers(&bytes)
    }

    /// The customer `customer_id` (or, failing an id match, `psid`) among
    /// those whose first contact is in `since`..`until`, reading at most
    /// `max_calls` pages of 100. `None`: not found within those calls. The
    /// endpoint has no filter by customer: this pages and compares here.
    pub async fn find_customer(
        &self,
        customer_id: Option<&str>,
        psid: Option<&str>,
        since: UnixSeconds,
        until: UnixSeconds,
        max_calls: u32,
    ) -> Result<Option<PageCustomer>, ApiError> {
        for page_number in 1..=max_calls.max(1) {
            let page = self
                .page_customers(&CustomerQuery {
                    since,
                    until,
                    page_number,
                    page_size: MAX_PAGE_SIZE,
                })
                .await?;
            let n = page.customers.len();
            let hit = page.customers.into_iter().find(|c| {
                customer_id.is_some_and(|id| c.customer.is(id))
                    || (psid.is_some() && c.customer.psid.as_deref() == psid)
            });
            if hit.is_some() {
                return Ok(hit);
            }
            if n < MAX_PAGE_SIZE as usize {
                break;
            }
        }
        Ok(None)
    }

    /// The page's other conversations with a customer (by customer id).
    ///
    /// pancake-api.md § Customers: no customer filter is known of the v2
    /// list (only type, tags, post ids, since/until): the list is read here,
    /// newest activity first, from `since` (the customer's first contact is
    /// a good start), at most `max_calls` calls of 60, and **filtered on this
    /// side** by `customer_id`. An app with the page cached should prefer
    /// [`conversations_of`] over what it already holds.
    pub async fn customer_conversations(
        &self,
        customer_id: &str,
        except: Option<&ConversationId>,
        since: Option<UnixSeconds>,
        max_calls: u32,
    ) -> Result<Vec<Conversation>, ApiError> {
        let query = ConversationQuery {
            since,
            order_by: Some(OrderBy::UpdatedAt),
            ..ConversationQuery::default()
        };
        let mut all: Vec<Conversation> = Vec::new();
        let mut cursor: Option<ConversationId> = None;
        for _ in 0..max_calls.max(1) {
            let batch = self.conversations(&query, cursor.as_ref()).await?;
            let n = batch.len();
            cursor = batch.last().map(|c| c.id.clone());
            all.extend(batch);
            if n < super::query::PAGE_SIZE {
                break;
            }
        }
        Ok(conversations_of(&all, customer_id, except)
            .into_iter()
            .cloned()
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customers_decode_with_odd_phones_notes_and_times() {
        let page = decode_customers(
            r#"{"success":true,"total":"2","customers":[
              {"id":"c1","psid":"77","name":"Chị \u001b[31mLan","phone_numbers":["0901",{"phone_number":"0902"},null,"0901"],
               "inserted_at":"2026-05-28T08:14:22",
               "notes":[{"message":"Đơn #1","order_id":"1","created_at":1779956062000},
                        {"message":"gọi lại","created_at":1779956000},
                        {"message":"Đơn #2","order_id":2,"created_at":1779956100,"removed_at":1779956200}]},
              {"customer_id":"c2","notes":"nope"},
              7]}"#
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(page.total, Some(2));
        assert_eq!(page.customers.len(), 2);
        let c = &page.customers[0];
        assert_eq!(c.customer.name, "Chị Lan", "sanitized");
        assert_eq!(c.phones, ["0901", "0902"]);
        assert_eq!(c.first_contact, Some(UnixSeconds(1_779_956_062)));
        let note = c.last_order_note().unwrap();
        assert_eq!(
            note.order_id.as_deref(),
            Some("1"),
            "the removed one is not it"
        );
        assert_eq!(page.customers[1].customer.global_id.as_deref(), Some("c2"));
        assert_eq!(
            page.customers[0].customer.page_customer_id.as_deref(),
            Some("c1")
        );
        assert!(page.customers[1].notes.is_empty());
        assert!(decode_customers(br#"{"success":true}"#).is_err());
        assert!(decode_customers(br#"{"customers":"x"}"#).is_err());
    }

    #[test]
    fn the_page_size_never_exceeds_100() {
        let q = CustomerQuery {
            since: UnixSeconds(1),
            until: UnixSeconds(2),
            page_number: 0,
            page_size: 500,
        };
        let pairs = q.to_pairs();
        assert!(pairs.contains(&("page_size", "100".into())));
        assert!(pairs.contains(&("page_number", "1".into())));
    }
}
