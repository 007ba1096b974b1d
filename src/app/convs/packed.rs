//! One conversation in one allocation: what a page of a million holds.
//!
//! A [`Conversation`] held as it is costs about 700 bytes: its fields in
//! place (~400) and an allocation for each string and list. Packed, it is
//! one allocation of its bytes, about 150 for a usual conversation:
//!
//! - a fixed head: the three times, the page, the message count, the flags
//!   (seen, type, which options are there), how many tags and assignees;
//! - the tags and assignees, four bytes each: numbers into [`Tables`], where
//!   each page, tag and staff id is held once;
//! - the strings, each as its length and bytes: the id, the customer's name,
//!   the snippet, the post, the customer's three ids and PSID, an unknown
//!   type's name, then the phones.
//!
//! The page customer's record and the tag history, which a real page
//! embeds in every conversation (a few hundred bytes more each), are not
//! packed: the local store holds them, [`super::rest`] keeps those of the
//! conversations opened or arrived lately.
//!
//! A walk over every conversation (filters, views, search, sorting) reads
//! the fields it needs in place through a [`Row`], with no allocation; a
//! whole [`Conversation`] is decoded for the one being shown or changed.

use std::collections::HashMap;
use std::hash::Hash;

use crate::api::customer_record::Customer;
use crate::api::{
    Conversation, ConversationId, ConversationType, PageId, TagId, UnixSeconds, UserId,
};

/// Each distinct id once, named by its number (its place in the table).
#[derive(Clone, Debug)]
pub struct Table<T> {
    items: Vec<T>,
    index: HashMap<T, u32>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            items: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<T: Clone + Eq + Hash> Table<T> {
    /// The number of `t`, given one if it is new.
    pub fn intern(&mut self, t: &T) -> u32 {
        if let Some(&n) = self.index.get(t) {
            return n;
        }
        let n = u32::try_from(self.items.len()).expect("fewer than 4 billion distinct ids");
        self.items.push(t.clone());
        self.index.insert(t.clone(), n);
        n
    }

    /// The number of `t`, if it has one.
    pub fn find(&self, t: &T) -> Option<u32> {
        self.index.get(t).copied()
    }

    pub fn get(&self, n: u32) -> &T {
        &self.items[n as usize]
    }
}

/// The pages, tags and staff the packed conversations name by number.
/// Numbers are never taken back: a row packed earlier stays readable.
#[derive(Clone, Debug, Default)]
pub struct Tables {
    pub pages: Table<PageId>,
    pub tags: Table<TagId>,
    pub users: Table<UserId>,
}

/// A conversation packed (see the module's documentation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packed(Box<[u8]>);

// The head: where each fixed field starts.
const UPDATED: usize = 0;
const INSERTED: usize = 8;
const LAST_CUSTOMER: usize = 16;
const PAGE: usize = 24;
const COUNT: usize = 28;
const FLAGS: usize = 32;
const N_TAGS: usize = 33;
const N_USERS: usize = 37;
const HEAD: usize = 41;

// Flags.
const SEEN: u8 = 1;
const HAS_COUNT: u8 = 1 << 1;
const HAS_UPDATED: u8 = 1 << 2;
const HAS_INSERTED: u8 = 1 << 3;
const HAS_LAST_CUSTOMER: u8 = 1 << 4;
/// The type in the top two bits: inbox, comment, livestream, other (its
/// name among the strings).
const KIND_SHIFT: u8 = 6;

// The strings, in order.
const ID: usize = 0;
const NAME: usize = 1;
const SNIPPET: usize = 2;
const POST: usize = 3;
const PAGE_CUSTOMER_ID: usize = 4;
const GLOBAL_ID: usize = 5;
const LEGACY_ID: usize = 6;
const PSID: usize = 7;
const KIND_NAME: usize = 8;
const STRINGS: usize = 9;

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A number at `at`, and where the next field starts.
fn varint(bytes: &[u8], mut at: usize) -> (u64, usize) {
    let (mut n, mut shift) = (0u64, 0);
    loop {
        let b = bytes[at];
        at += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return (n, at);
        }
        shift += 7;
    }
}

/// An optional string: its length plus one, then its bytes; none is 0.
fn put_opt(out: &mut Vec<u8>, s: Option<&[u8]>) {
    match s {
        None => out.push(0),
        Some(s) => {
            put_varint(out, s.len() as u64 + 1);
            out.extend_from_slice(s);
        }
    }
}

/// The optional bytes at `at`, and where the next field starts.
fn opt(bytes: &[u8], at: usize) -> (Option<&[u8]>, usize) {
    let (n, at) = varint(bytes, at);
    match n {
        0 => (None, at),
        n => {
            let end = at + (n - 1) as usize;
            (Some(&bytes[at..end]), end)
        }
    }
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes"))
}

fn i64_at(bytes: &[u8], at: usize) -> i64 {
    i64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

/// Text this module wrote from a `&str`.
fn text(b: &[u8]) -> &str {
    std::str::from_utf8(b).expect("packed from a string")
}

impl Packed {
    /// `c` packed; its page, tags and assignees get a number in `tables`.
    pub fn new(c: &Conversation, tables: &mut Tables) -> Packed {
        let mut out = Vec::with_capacity(
            HEAD + 4 * (c.tags.len() + c.assignee_ids.len())
                + c.id.as_str().len()
                + c.customer.name.len()
                + c.snippet.len()
                + 40,
        );
        let time = |t: Option<UnixSeconds>| t.map_or(0, |t| t.0);
        out.extend_from_slice(&time(c.updated_at).to_le_bytes());
        out.extend_from_slice(&time(c.inserted_at).to_le_bytes());
        out.extend_from_slice(&time(c.last_customer_message_at).to_le_bytes());
        out.extend_from_slice(&tables.pages.intern(&c.page_id).to_le_bytes());
        out.extend_from_slice(&c.message_count.unwrap_or(0).to_le_bytes());
        let kind = match c.kind {
            ConversationType::Inbox => 0,
            ConversationType::Comment => 1,
            ConversationType::Livestream => 2,
            ConversationType::Other(_) => 3,
        };
        let flags = [
            (c.seen, SEEN),
            (c.message_count.is_some(), HAS_COUNT),
            (c.updated_at.is_some(), HAS_UPDATED),
            (c.inserted_at.is_some(), HAS_INSERTED),
            (c.last_customer_message_at.is_some(), HAS_LAST_CUSTOMER),
        ]
        .iter()
        .filter(|f| f.0)
        .fold(kind << KIND_SHIFT, |acc, f| acc | f.1);
        out.push(flags);
        let count = |n: usize| u32::try_from(n).expect("fewer than 4 billion");
        out.extend_from_slice(&count(c.tags.len()).to_le_bytes());
        out.extend_from_slice(&count(c.assignee_ids.len()).to_le_bytes());
        for t in &c.tags {
            out.extend_from_slice(&tables.tags.intern(t).to_le_bytes());
        }
        for u in &c.assignee_ids {
            out.extend_from_slice(&tables.users.intern(u).to_le_bytes());
        }
        let cu = &c.customer;
        let kind_name = match &c.kind {
            ConversationType::Other(name) => Some(name.as_str()),
            _ => None,
        };
        let strings: [Option<&str>; STRINGS] = [
            Some(c.id.as_str()),
            Some(&cu.name),
            Some(&c.snippet),
            c.post_id.as_deref(),
            cu.page_customer_id.as_deref(),
            cu.global_id.as_deref(),
            cu.legacy_id.as_deref(),
            cu.psid.as_deref(),
            kind_name,
        ];
        for s in strings {
            put_opt(&mut out, s.map(str::as_bytes));
        }
        put_varint(&mut out, c.phones.len() as u64);
        for p in &c.phones {
            put_opt(&mut out, Some(p.as_bytes()));
        }
        Packed(out.into_boxed_slice())
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// A packed conversation read in place.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    bytes: &'a [u8],
    tables: &'a Tables,
}

impl From<&[u8]> for Packed {
    fn from(bytes: &[u8]) -> Packed {
        Packed(bytes.into())
    }
}

impl<'a> Row<'a> {
    /// Bytes [`Packed::new`] wrote, with the tables it wrote them with.
    pub fn new(bytes: &'a [u8], tables: &'a Tables) -> Row<'a> {
        Row { bytes, tables }
    }

    fn flags(&self) -> u8 {
        self.bytes[FLAGS]
    }

    fn time(&self, at: usize, flag: u8) -> Option<UnixSeconds> {
        (self.flags() & flag != 0).then(|| UnixSeconds(i64_at(self.bytes, at)))
    }

    fn n_tags(&self) -> usize {
        u32_at(self.bytes, N_TAGS) as usize
    }

    fn n_users(&self) -> usize {
        u32_at(self.bytes, N_USERS) as usize
    }

    /// Where the strings start.
    fn strings_at(&self) -> usize {
        HEAD + 4 * (self.n_tags() + self.n_users())
    }

    /// The `k`th string (`ID`, `NAME`…).
    fn string(&self, k: usize) -> Option<&'a str> {
        let mut at = self.strings_at();
        for _ in 0..k {
            at = opt(self.bytes, at).1;
        }
        opt(self.bytes, at).0.map(text)
    }

    /// Every string and the phones after them, in one pass.
    fn all_strings(&self) -> ([Option<&'a str>; STRINGS], Vec<&'a str>) {
        let mut at = self.strings_at();
        let mut strings = [None; STRINGS];
        for s in &mut strings {
            let (b, next) = opt(self.bytes, at);
            *s = b.map(text);
            at = next;
        }
        let (n, mut at) = varint(self.bytes, at);
        let mut phones = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let (b, next) = opt(self.bytes, at);
            phones.extend(b.map(text));
            at = next;
        }
        (strings, phones)
    }

    pub fn id(&self) -> &'a str {
        self.string(ID).unwrap_or_default()
    }

    pub fn page_id(&self) -> &'a PageId {
        self.tables.pages.get(u32_at(self.bytes, PAGE))
    }

    /// The page's number in [`Tables::pages`].
    pub fn page_number(&self) -> u32 {
        u32_at(self.bytes, PAGE)
    }

    pub fn seen(&self) -> bool {
        self.flags() & SEEN != 0
    }

    pub fn updated_at(&self) -> Option<UnixSeconds> {
        self.time(UPDATED, HAS_UPDATED)
    }

    pub fn kind(&self) -> ConversationType {
        match self.flags() >> KIND_SHIFT {
            0 => ConversationType::Inbox,
            1 => ConversationType::Comment,
            2 => ConversationType::Livestream,
            _ => ConversationType::Other(self.string(KIND_NAME).unwrap_or_default().into()),
        }
    }

    pub fn tags(&self) -> impl Iterator<Item = &'a TagId> + 'a {
        let (bytes, tables) = (self.bytes, self.tables);
        (0..self.n_tags()).map(move |k| tables.tags.get(u32_at(bytes, HEAD + 4 * k)))
    }

    pub fn assignees(&self) -> impl Iterator<Item = &'a UserId> + 'a {
        let (bytes, tables) = (self.bytes, self.tables);
        let from = HEAD + 4 * self.n_tags();
        (0..self.n_users()).map(move |k| tables.users.get(u32_at(bytes, from + 4 * k)))
    }

    pub fn name(&self) -> &'a str {
        self.string(NAME).unwrap_or_default()
    }

    pub fn snippet(&self) -> &'a str {
        self.string(SNIPPET).unwrap_or_default()
    }

    pub fn post_id(&self) -> Option<&'a str> {
        self.string(POST)
    }

    /// Whether `id` is one of the customer's Pancake ids (as
    /// `Customer::is`).
    pub fn customer_is(&self, id: &str) -> bool {
        [PAGE_CUSTOMER_ID, GLOBAL_ID, LEGACY_ID]
            .iter()
            .any(|&k| self.string(k) == Some(id))
    }

    pub fn phones(&self) -> Vec<&'a str> {
        self.all_strings().1
    }

    /// The whole conversation, decoded, without the customer's record and
    /// the tag history (not packed: see the module's documentation).
    pub fn conversation(&self) -> Conversation {
        let (s, phones) = self.all_strings();
        let owned = |k: usize| s[k].map(str::to_owned);
        Conversation {
            id: ConversationId::new(self.id()),
            page_id: self.page_id().clone(),
            kind: self.kind(),
            customer: Customer {
                page_customer_id: owned(PAGE_CUSTOMER_ID),
                legacy_id: owned(LEGACY_ID),
                global_id: owned(GLOBAL_ID),
                psid: owned(PSID),
                name: s[NAME].unwrap_or_default().to_owned(),
            },
            snippet: s[SNIPPET].unwrap_or_default().to_owned(),
            seen: self.seen(),
            tags: self.tags().cloned().collect(),
            assignee_ids: self.assignees().cloned().collect(),
            post_id: owned(POST),
            message_count: (self.flags() & HAS_COUNT != 0).then(|| u32_at(self.bytes, COUNT)),
            inserted_at: self.time(INSERTED, HAS_INSERTED),
            updated_at: self.updated_at(),
            last_customer_message_at: self.time(LAST_CUSTOMER, HAS_LAST_CUSTOMER),
            phones: phones.into_iter().map(str::to_owned).collect(),
            page_customer: None,
            tag_history: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixtures::conv;
    use proptest::prelude::*;

    fn unpack(c: &Conversation) -> Conversation {
        let mut tables = Tables::default();
        let p = Packed::new(c, &mut tables);
        Row::new(p.as_bytes(), &tables).conversation()
    }

    proptest! {
        /// Whatever a conversation holds, packing keeps it whole, and a
        /// row reads the same fields in place.
        #[test]
        fn a_conversation_packed_is_the_same_conversation(
            name in "\\PC{0,30}",
            snippet in "\\PC{0,80}",
            post in proptest::option::of("[0-9_]{0,20}"),
            ids in proptest::collection::vec(proptest::option::of("[a-z0-9]{0,12}"), 4),
            tags in proptest::collection::vec("[0-9]{1,3}", 0..5),
            staff in proptest::collection::vec("[a-z0-9-]{1,36}", 0..3),
            phones in proptest::collection::vec("[0-9 +]{1,15}", 0..3),
            times in proptest::collection::vec(proptest::option::of(any::<i64>()), 3),
            count in proptest::option::of(any::<u32>()),
            seen in any::<bool>(),
            kind in 0..4u8,
        ) {
            let mut c = conv(7, 0, seen);
            c.customer.name = name;
            c.snippet = snippet;
            c.post_id = post;
            c.customer.page_customer_id = ids[0].clone();
            c.customer.global_id = ids[1].clone();
            c.customer.legacy_id = ids[2].clone();
            c.customer.psid = ids[3].clone();
            c.tags = tags.iter().map(TagId::new).collect();
            c.assignee_ids = staff.iter().map(UserId::new).collect();
            c.phones = phones;
            c.updated_at = times[0].map(UnixSeconds);
            c.inserted_at = times[1].map(UnixSeconds);
            c.last_customer_message_at = times[2].map(UnixSeconds);
            c.message_count = count;
            c.kind = match kind {
                0 => ConversationType::Inbox,
                1 => ConversationType::Comment,
                2 => ConversationType::Livestream,
                _ => ConversationType::Other("REEL".into()),
            };
            prop_assert_eq!(unpack(&c), c.clone());
            let mut tables = Tables::default();
            let p = Packed::new(&c, &mut tables);
            let row = Row::new(p.as_bytes(), &tables);
            prop_assert_eq!(row.id(), c.id.as_str());
            prop_assert_eq!(row.name(), c.customer.name.as_str());
            prop_assert_eq!(row.snippet(), c.snippet.as_str());
            prop_assert_eq!(row.post_id(), c.post_id.as_deref());
            prop_assert_eq!(row.updated_at(), c.updated_at);
            prop_assert_eq!(row.seen(), c.seen);
            prop_assert_eq!(row.kind(), c.kind.clone());
            prop_assert_eq!(row.tags().cloned().collect::<Vec<_>>(), c.tags.clone());
            prop_assert_eq!(row.assignees().cloned().collect::<Vec<_>>(), c.assignee_ids.clone());
            prop_assert_eq!(row.phones(), c.phones.iter().map(String::as_str).collect::<Vec<_>>());
            for id in ids.iter().take(3).flatten() {
                prop_assert!(row.customer_is(id));
            }
            prop_assert!(!row.customer_is("not-an-id-of-theirs"));
        }
    }

    /// The customer's record and the tag history are left out: they are
    /// the store's and [`super::super::rest`]'s to hold.
    #[test]
    fn the_record_is_not_packed() {
        let c = crate::app::fixtures::synthetic_conversations(1).remove(0);
        assert!(c.page_customer.is_some() && !c.tag_history.is_empty());
        let back = unpack(&c);
        assert_eq!(back.page_customer, None);
        assert!(back.tag_history.is_empty());
        let lean = Conversation {
            page_customer: None,
            tag_history: Vec::new(),
            ..c
        };
        assert_eq!(back, lean, "all the rest comes back");
    }

    /// A usual conversation of a large page fits in a fifth of what it
    /// took unpacked.
    #[test]
    fn a_usual_conversation_packs_small() {
        let mut c = conv(123_456, 1_800_000_000, false);
        c.customer.name = "Nguyễn Thị Phương".into();
        c.snippet = "Shop ơi còn size M không ạ? đơn số 123456 😍".into();
        c.tags = vec![TagId::new("1")];
        c.assignee_ids = vec![UserId::new("u1")];
        let mut tables = Tables::default();
        let p = Packed::new(&c, &mut tables);
        assert!(p.as_bytes().len() < 160, "{} bytes", p.as_bytes().len());
    }
}
