//! A simulated conversation: its customer, notes, tag history, looks, and
//! its thread generated on demand.

use super::msg::Msg;
use super::time::DAY;

/// A note on a page customer (pancake-api.md § Notes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimNote {
    pub id: String,
    pub message: String,
    pub order_id: Option<String>,
    /// Unix seconds (served in milliseconds, as Pancake does).
    pub created_at: i64,
    pub removed_at: Option<i64>,
}

/// A tag added or removed, by whom (`tag_histories`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimTagChange {
    pub tag: i64,
    pub added: bool,
    /// (id, name) of who did it.
    pub editor: (String, String),
    pub at: i64,
}

#[derive(Clone, Debug)]
pub struct Conv {
    pub id: String,
    pub kind: &'static str,
    /// The **global** customer id (top-level `customer_id`,
    /// `page_customer.customer_id`).
    pub customer_id: String,
    /// The page customer's id (`customers[0].id`, `page_customer.id`):
    /// what notes and customer updates take. Another value than the
    /// global id and the PSID (pancake-api.md § Three customer ids).
    pub page_customer_id: String,
    pub psid: String,
    /// `male`, `female`, `unknown` or not said.
    pub gender: Option<String>,
    /// `YYYY-MM-DD` or not said.
    pub birthday: Option<String>,
    /// The record's phone numbers once fixed (`PUT page_customers`);
    /// before that, `phone`.
    pub phone_numbers: Option<Vec<String>>,
    /// The page customer's notes, oldest first (removed ones kept).
    pub notes: Vec<SimNote>,
    pub tag_history: Vec<SimTagChange>,
    pub name: String,
    pub phone: Option<String>,
    pub snippet: String,
    pub seen: bool,
    pub tags: Vec<i64>,
    pub assignees: Vec<String>,
    pub post_id: Option<String>,
    pub inserted_at: i64,
    pub updated_at: i64,
    pub last_customer_at: i64,
    /// Who wrote the newest message (`last_sent_by`).
    pub last_sender: Sender,
    /// Drives everything generated about it (its thread, its JSON's looks).
    pub seed: u64,
    /// Its thread as generated on demand from `seed` (a `sim/rng.rs` number).
    pub generated: Generated,
    /// Messages after the generated ones (sent, or added by a test).
    pub extra: Vec<Msg>,
    /// Comments that had their one private reply.
    pub private_replied: Vec<String>,
    /// How this conversation's JSON looks (fixed by its PRNG number).
    pub looks: Looks,
    /// Every send on it is refused with these Facebook codes
    /// (`e_code`, `e_subcode`; subcode 0 = none), until cleared.
    pub refuse: Option<(i64, i64)>,
}

/// Who wrote a conversation's newest message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sender {
    Customer,
    /// The page, through a staff member (`(id, name)`) or not.
    Page(Option<(String, String)>),
}

/// The real service's shapes, chosen per conversation (pancake-api.md § Shapes).
#[derive(Clone, Debug, Default)]
pub struct Looks {
    /// A `null` at this position of `tags` as served.
    pub null_tag: Option<usize>,
    /// No `customers` key at all: `from` and `customer_id` tell who it is.
    pub no_customers: bool,
    /// `recent_phone_numbers` items as plain strings, not objects.
    pub plain_phone: bool,
    /// When the phone number was captured.
    pub phone_captured: i64,
    /// Two bits per time field pick its format (`TimeFormat::pick`).
    pub times: u64,
    pub thread_id: Option<String>,
}

/// The share of conversations (and at least this many) whose customer wrote
/// within the last 20 hours, so the top of the list can be answered.
pub const FRESH: usize = 20;
/// Facebook's messaging window after the customer's last message.
pub const REPLY_WINDOW: i64 = DAY;

impl Conv {
    pub fn message_count(&self) -> usize {
        self.generated.count as usize + self.extra.len()
    }
}

/// A conversation's generated thread: messages made on demand from the
/// conversation's PRNG number (`seed`), never stored.
#[derive(Clone, Copy, Debug)]
pub struct Generated {
    pub count: u32,
    /// The time of its last message: changes move the conversation's
    /// `updated_at`, never the generated thread.
    pub end: i64,
    /// It ends with the page's message (not the customer's).
    pub ends_with_page: bool,
}

impl Generated {
    /// Message `k` (0 = oldest) is its newest.
    pub(super) fn is_last(&self, k: u32) -> bool {
        k + 1 == self.count
    }
}
