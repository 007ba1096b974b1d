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

use serde::{Deserialize, Serialize};

use super::client::{PageApi, decode};
use super::error::ApiError;
use super::ids::ConversationId;
use super::lenient::{Lenient, lenient_opt, loose_string, loose_u64};
use super::models::{Conversation, Customer, RawPhone, clean_phones};
use super::query::{ConversationQuery, OrderBy};
use super::time::{UnixSeconds, de_opt_time};
use crate::text::{sanitize_block, sanitize_line};

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

/// A note on a customer (an order note when it names an order).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerNote {
    /// What `PUT`/`DELETE .../notes` take as `note_id` (verbatim; a cache
    /// written before ids were kept has none).
    #[serde(default)]
    pub id: Option<String>,
    /// Sanitized, several lines allowed.
    pub message: String,
    pub order_id: Option<String>,
    pub created_at: Option<UnixSeconds>,
    pub removed: bool,
}

/// One of the customer's recent orders, as far as it can be read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentOrder {
    /// Verbatim; sanitize to show.
    pub id: Option<String>,
    /// Sanitized: status and total when given.
    pub summary: String,
    pub at: Option<UnixSeconds>,
}

/// A customer of the page, clean.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageCustomer {
    /// Who: the page customer's id (`id`), the global id (`customer_id`),
    /// the PSID (`psid`), the name (sanitized).
    pub customer: Customer,
    /// Sanitized, duplicates dropped.
    pub phones: Vec<String>,
    /// First contact with the page (`inserted_at`).
    pub first_contact: Option<UnixSeconds>,
    /// Oldest first; removed ones kept, marked.
    pub notes: Vec<CustomerNote>,
    /// `male`, `female`, `unknown` as given (sanitized); none: not said.
    #[serde(default)]
    pub gender: Option<String>,
    /// As given (sanitized), normally `YYYY-MM-DD`.
    #[serde(default)]
    pub birthday: Option<String>,
    #[serde(default)]
    pub recent_orders: Vec<RecentOrder>,
}

impl PageCustomer {
    /// The newest note that names an order and was not removed.
    pub fn last_order_note(&self) -> Option<&CustomerNote> {
        self.notes
            .iter()
            .filter(|n| !n.removed && n.order_id.is_some())
            .max_by_key(|n| n.created_at)
    }
}

/// One answer of `page_customers`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerPage {
    pub total: Option<u64>,
    pub customers: Vec<PageCustomer>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawNote {
    #[serde(default, deserialize_with = "loose_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    message: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    order_id: Option<String>,
    #[serde(default, deserialize_with = "de_opt_time")]
    created_at: Option<UnixSeconds>,
    #[serde(default, deserialize_with = "de_opt_time")]
    removed_at: Option<UnixSeconds>,
}

impl RawNote {
    fn into_model(self) -> CustomerNote {
        CustomerNote {
            id: self.id.filter(|i| !i.is_empty()),
            message: sanitize_block(self.message.as_deref().unwrap_or_default()),
            order_id: self.order_id.filter(|o| !o.is_empty()),
            created_at: self.created_at,
            removed: self.removed_at.is_some(),
        }
    }
}

/// Notes as a list, oldest first (element by element: an odd one is
/// skipped).
pub(crate) fn clean_notes(raw: Lenient<RawNote>) -> Vec<CustomerNote> {
    let mut notes: Vec<CustomerNote> = raw.into_iter().map(RawNote::into_model).collect();
    notes.sort_by_key(|n| n.created_at);
    notes
}

#[derive(Debug, Deserialize)]
struct RawOrder {
    #[serde(default, deserialize_with = "loose_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    status_name: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    status: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    total_price: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    total: Option<String>,
    #[serde(default, deserialize_with = "de_opt_time")]
    inserted_at: Option<UnixSeconds>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawCustomer {
    #[serde(default, deserialize_with = "loose_string")]
    customer_id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    psid: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    fb_id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
    #[serde(default)]
    phone_numbers: Lenient<RawPhone>,
    #[serde(default, deserialize_with = "de_opt_time")]
    inserted_at: Option<UnixSeconds>,
    #[serde(default)]
    notes: Lenient<RawNote>,
    #[serde(default, deserialize_with = "loose_string")]
    gender: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    birthday: Option<String>,
    #[serde(default)]
    recent_orders: Lenient<RawOrder>,
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

impl RawCustomer {
    pub(crate) fn into_model(self) -> PageCustomer {
        let phones = clean_phones(self.phone_numbers.into_iter().filter_map(RawPhone::number));
        let nonempty = |s: Option<String>| s.filter(|i| !i.is_empty());
        let recent_orders = self
            .recent_orders
            .into_iter()
            .map(|o| {
                let status = o.status_name.or(o.status).unwrap_or_default();
                let total = o.total_price.or(o.total).unwrap_or_default();
                let summary = [status, total]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" · ");
                RecentOrder {
                    id: nonempty(o.id),
                    summary: sanitize_line(&summary),
                    at: o.inserted_at,
                }
            })
            .collect();
        PageCustomer {
            customer: Customer {
                page_customer_id: nonempty(self.id),
                global_id: nonempty(self.customer_id),
                psid: nonempty(self.psid.or(self.fb_id)),
                name: sanitize_line(self.name.as_deref().unwrap_or_default()),
            },
            phones,
            first_contact: self.inserted_at,
            notes: clean_notes(self.notes),
            gender: nonempty(self.gender.map(|g| sanitize_line(&g))),
            birthday: nonempty(self.birthday.map(|b| sanitize_line(&b))),
            recent_orders,
        }
    }
}

/// A tag added to or removed from the conversation, and by whom
/// (`tag_histories`; pancake-api.md § Customers gives the shape read).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagChange {
    /// Verbatim; the page's tag list names it.
    pub tag_id: Option<String>,
    /// Sanitized tag name when the entry carries it.
    pub tag_name: Option<String>,
    /// Added (`add`) or removed.
    pub added: bool,
    /// Sanitized name of who did it.
    pub editor: Option<String>,
    pub at: Option<UnixSeconds>,
}

#[derive(Debug, Default, Deserialize)]
struct RawHistoryTag {
    #[serde(default, deserialize_with = "loose_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    text: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct RawEditor {
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawTagHistory {
    #[serde(default, deserialize_with = "lenient_opt")]
    tag: Option<RawHistoryTag>,
    #[serde(default, deserialize_with = "loose_string")]
    tag_id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    action: Option<String>,
    #[serde(default, deserialize_with = "lenient_opt")]
    editor: Option<RawEditor>,
    #[serde(default, deserialize_with = "loose_string")]
    editor_name: Option<String>,
    #[serde(default, deserialize_with = "de_opt_time")]
    inserted_at: Option<UnixSeconds>,
}

impl RawTagHistory {
    pub(crate) fn into_model(self) -> Option<TagChange> {
        let tag = self.tag.unwrap_or_default();
        let tag_id = tag.id.or(self.tag_id).filter(|t| !t.is_empty());
        let tag_name = tag
            .text
            .map(|t| sanitize_line(&t))
            .filter(|t| !t.is_empty());
        if tag_id.is_none() && tag_name.is_none() {
            return None;
        }
        let editor = self
            .editor
            .and_then(|e| e.name)
            .or(self.editor_name)
            .map(|n| sanitize_line(&n))
            .filter(|n| !n.is_empty());
        Some(TagChange {
            tag_id,
            tag_name,
            added: !matches!(
                self.action.as_deref(),
                Some("remove" | "removed" | "delete")
            ),
            editor,
            at: self.inserted_at,
        })
    }
}

/// The customers of one `page_customers` answer (`customers`, or `data`);
/// an answer with neither is an error, never "no customers".
pub fn decode_customers(bytes: &[u8]) -> Result<CustomerPage, ApiError> {
    const WHAT: &str = "the page customers";
    let raw: RawCustomerList = decode(WHAT, bytes)?;
    let list = raw.customers.or(raw.data).ok_or(ApiError::Decode {
        what: WHAT,
        detail: "no `customers` in the answer".into(),
    })?;
    if let Some(found) = list.not_a_list {
        return Err(ApiError::Decode {
            what: WHAT,
            detail: format!("`customers` is {found}, not a list"),
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
    convs: &'a [Conversation],
    customer_id: &str,
    except: Option<&ConversationId>,
) -> Vec<&'a Conversation> {
    let mut out: Vec<&Conversation> = convs
        .iter()
        .filter(|c| c.customer.is(customer_id))
        .filter(|c| except != Some(&c.id))
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.updated_at));
    out
}

/// The `notes` of a messages answer (pancake-api.md § Messages: the answer
/// carries the page customer's notes).
pub fn decode_notes(bytes: &[u8]) -> Result<Vec<CustomerNote>, ApiError> {
    #[derive(Deserialize)]
    struct Answer {
        #[serde(default)]
        notes: Option<Lenient<RawNote>>,
    }
    let a: Answer = decode("the customer's notes", bytes)?;
    Ok(a.notes.map(clean_notes).unwrap_or_default())
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
            NoteOp::Add { .. } => ("note", reqwest::Method::POST, false),
            NoteOp::Edit { .. } => ("note edit", reqwest::Method::PUT, true),
            NoteOp::Delete { .. } => ("note removal", reqwest::Method::DELETE, true),
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
                "customer update",
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
        let bytes = self
            .fetch(&super::client::Endpoint::Messages {
                conv,
                customer_id: Some(customer),
                current_count: None,
            })
            .await?;
        decode_notes(&bytes)
    }

    /// One call of `page_customers`.
    pub async fn page_customers(&self, q: &CustomerQuery) -> Result<CustomerPage, ApiError> {
        let bytes = self
            .read("the page customers", "/page_customers", q.to_pairs())
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
