//! The customer as Pancake knows them, as models: the three ids of a
//! conversation's customer, the page-customer record (phones, gender,
//! birthday, first contact, notes, recent orders) and the tag history
//! (pancake-api.md § Three customer ids, § Customers, § Notes). Decoded
//! loosely, element by element; every text sanitized. No calls here: the
//! list and the conversation read these (`models`), the calls live in
//! `customers`.

use serde::{Deserialize, Serialize};

use super::lenient::{Lenient, lenient_opt, loose_string};
use super::time::{UnixSeconds, de_opt_time};
use crate::text::{sanitize_block, sanitize_line};

/// The customer side of a conversation: three ids, three different values
/// (pancake-api.md § Three customer ids).
///
/// A cache written when one `id` stood for the customer (and `fb_id` for
/// the PSID) still loads. That `id` was `customers[0].id` (the page
/// customer's) when the list had one, else the top-level (global) id: it is
/// kept apart, good for asking the thread, never for notes or record fixes
/// (they need the page customer's id, which the next fetch of the
/// conversation brings).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// `customers[0].id` = `page_customer.id`: what notes and customer
    /// updates take (`page_customers/{page_customer_id}`), and what the
    /// messages call is sent as `customer_id`.
    #[serde(default)]
    pub page_customer_id: Option<String>,
    /// The one `id` of a cache written before (page customer's or global:
    /// not known which). Read, never written.
    #[serde(default, rename = "id", skip_serializing)]
    pub legacy_id: Option<String>,
    /// The top-level `customer_id` = `page_customer.customer_id`.
    #[serde(default)]
    pub global_id: Option<String>,
    /// `from.id` = `customers[0].fb_id` = `page_customer.psid`: Facebook's
    /// page-scoped id, never sent as a customer id.
    #[serde(default, alias = "fb_id")]
    pub psid: Option<String>,
    /// Sanitized display name.
    #[serde(default)]
    pub name: String,
}

impl Customer {
    /// The `customer_id` of the messages call: the page customer's id,
    /// else the global one (both accepted; never the PSID).
    pub fn messages_id(&self) -> Option<&str> {
        self.page_customer_id
            .as_deref()
            .or(self.global_id.as_deref())
            .or(self.legacy_id.as_deref())
    }

    /// Who the customer panel and its cache are keyed by: the page
    /// customer's id, else the global one.
    pub fn key(&self) -> Option<&str> {
        self.messages_id()
    }

    /// Whether `id` is one of this customer's Pancake ids.
    pub fn is(&self, id: &str) -> bool {
        [&self.page_customer_id, &self.global_id, &self.legacy_id]
            .iter()
            .any(|known| known.as_deref() == Some(id))
    }
}

/// `recent_phone_numbers` items: `{phone_number, captured}` or a plain string.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawPhone {
    Plain(String),
    Object {
        #[serde(default, deserialize_with = "loose_string")]
        phone_number: Option<String>,
    },
}

impl RawPhone {
    pub(crate) fn number(self) -> Option<String> {
        match self {
            RawPhone::Plain(s) => Some(s),
            RawPhone::Object { phone_number } => phone_number,
        }
    }
}

/// Phone numbers as shown: sanitized, none empty, each once, in order.
pub(crate) fn clean_phones(numbers: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    numbers
        .map(|p| sanitize_line(&p))
        .filter(|p| !p.is_empty() && seen.insert(p.clone()))
        .collect()
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
    #[serde(default)]
    pub phones: Vec<String>,
    /// First contact with the page (`inserted_at`).
    pub first_contact: Option<UnixSeconds>,
    /// Oldest first; removed ones kept, marked.
    #[serde(default)]
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
                legacy_id: None,
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
