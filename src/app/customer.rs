//! The customer panel (`c`): what is known of the open thread's customer,
//! loaded in the background once per customer and kept for the session.

use crate::api::customers::PageCustomer;
use crate::api::{Conversation, PageId};

/// A customer, by page and Pancake customer id.
pub type CustomerKey = (PageId, String);

/// What the panel shows of one customer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerCard {
    pub loading: bool,
    /// Why the last load failed, in words.
    pub error: Option<String>,
    /// Pancake's record (`page_customers`): `None` before it came, or when
    /// it was not found within the calls allowed.
    pub customer: Option<PageCustomer>,
    /// The record was looked for (found or not).
    pub searched: bool,
    /// The page's conversations with the customer from the server (the
    /// loaded list adds its own at render).
    pub others: Vec<Conversation>,
}

/// Days before the conversation's start the customer's first contact is
/// looked for (`page_customers` filters by first contact).
pub const LOOK_BACK_DAYS: i64 = 365;
