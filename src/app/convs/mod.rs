//! The conversations the app holds: a slab in arrival order, an index by
//! id, the list order, and the counts a frame shows (unread, per page),
//! kept up to date as conversations change so that no frame walks them all.
//!
//! Every change goes through [`Conversations::insert`],
//! [`Conversations::replace`] or the guard [`Conversations::get_mut`]
//! returns: that is what keeps the counts true. Changed slab indices are
//! noted too (with the copy they replaced), so the view counts are brought
//! up to date from what changed rather than recounted
//! (`update::list::recount_views`).

use std::borrow::Borrow;
use std::collections::BTreeSet;
use std::hash::{BuildHasher, RandomState};
use std::ops::{Deref, DerefMut};

use crate::api::{Conversation, PageId};

mod block;
mod fields;
mod packed;
pub mod rest;

use block::Block;

pub use fields::Fields;
pub use packed::{Packed, Row, Tables};
pub use rest::Rest;

/// A change to a conversation since the view counts were last brought up
/// to date: its slab index and what it was before (none: it is new).
#[derive(Clone, Debug)]
pub struct Touched {
    pub index: usize,
    pub before: Option<Packed>,
}

/// Conversations per block of the slab: the slab grows by blocks, so a
/// conversation never moves once held (a page of a million grows without
/// copying what it holds, and without a pause for it).
const BLOCK: usize = 4_096;

/// Most changes remembered for the view counts; past it they are
/// recounted whole (a backfill or a reload, not a poll or an action).
const MAX_TOUCHED: usize = 65_536;

/// Conversations known to the app, in list order (newest activity first).
///
/// Each is held packed ([`packed`]): a walk reads it in place as a
/// [`Row`]; [`Conversations::at`] and [`Conversations::get`] decode a
/// whole [`Conversation`], and [`Conversations::get_mut`] packs it again
/// when the change is done.
#[derive(Clone, Debug, Default)]
pub struct Conversations {
    /// Slab of conversations in blocks of `BLOCK`; indices are stable for
    /// the session.
    blocks: Vec<Block>,
    len: usize,
    /// The pages, tags and staff the packed conversations name by number.
    tables: Tables,
    /// By id: (a hash of the id, slab index), sorted. A B-tree grows a
    /// node at a time (a hash map of a million would stop the UI for a
    /// quarter of a second to grow), and holds no copy of the ids.
    index: BTreeSet<(u64, u32)>,
    /// The hash of the index, with this process's own keys.
    hasher: RandomState,
    /// Slab indices, sorted by `updated_at` descending (by
    /// `update::list::resort`).
    pub order: Vec<usize>,
    /// Unread conversations, in all and per page (by its number in
    /// `tables.pages`).
    unread: usize,
    unread_by_page: Vec<usize>,
    /// Changes since the view counts were brought up to date; `None` once
    /// there were too many to remember (recount everything).
    touched: Option<Vec<Touched>>,
    /// Changed since the visible rows were last built (an action's change
    /// in place, a poll's): a poll patches them in with what it brings.
    /// `None`: too many, or never built (rebuild).
    unlisted: Option<Vec<usize>>,
    /// The customer's record and tag history of the few conversations
    /// that need them now (not packed: [`rest`]).
    rests: rest::Rests,
}

impl Conversations {
    /// The conversation with this id, decoded.
    pub fn get(&self, id: &(impl Borrow<str> + ?Sized)) -> Option<Conversation> {
        self.position(id).map(|i| self.at(i))
    }

    /// A conversation to change in place; it is packed again and the
    /// counts follow when the guard is dropped.
    pub fn get_mut(&mut self, id: &(impl Borrow<str> + ?Sized)) -> Option<ConvMut<'_>> {
        let i = self.position(id)?;
        Some(self.guard(i))
    }

    /// The slab index of the conversation with this id.
    pub fn position(&self, id: &(impl Borrow<str> + ?Sized)) -> Option<usize> {
        let id: &str = id.borrow();
        let h = self.hasher.hash_one(id);
        self.index
            .range((h, 0)..=(h, u32::MAX))
            .map(|&(_, i)| i as usize)
            .find(|&i| self.row(i).id() == id)
    }

    /// The conversation at a slab index (from `order` or `State::visible`),
    /// decoded, with its record and tag history if they are held
    /// ([`rest`]).
    pub fn at(&self, i: usize) -> Conversation {
        let mut c = self.row(i).conversation();
        if let Some(rest) = self.rests.get(i) {
            rest.give(&mut c);
        }
        c
    }

    /// The record and tag history of conversation `id`, read back from the
    /// store: held while it is among the latest opened or changed. One
    /// held already is newer (a poll or an action's, since the read was
    /// asked) and stays.
    pub fn keep_rest(&mut self, id: &(impl Borrow<str> + ?Sized), rest: Rest) {
        if let Some(i) = self.position(id)
            && !self.has_rest(i)
        {
            self.rests.keep(i, rest);
        }
    }

    /// Hold every conversation's record and tag history: some page has no
    /// local store to read them back from.
    pub fn hold_every_rest(&mut self) {
        self.rests.hold_every();
    }

    /// Whether the record or tag history of the conversation at `i` is held.
    pub fn has_rest(&self, i: usize) -> bool {
        self.rests.get(i).is_some()
    }

    /// The conversation opened last (at slab index `i`): its record and
    /// tag history, once held, are not let go for others.
    pub fn pin_rest(&mut self, i: Option<usize>) {
        self.rests.pin(i);
    }

    /// The conversation at a slab index, read in place.
    pub fn row(&self, i: usize) -> Row<'_> {
        Row::new(self.blocks[i / BLOCK].get(i % BLOCK), &self.tables)
    }

    /// A conversation as it was before a change ([`Touched::before`]),
    /// read in place.
    pub fn row_of<'a>(&'a self, p: &'a Packed) -> Row<'a> {
        Row::new(p.as_bytes(), &self.tables)
    }

    /// Every conversation, in slab order, read in place.
    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        self.blocks
            .iter()
            .flat_map(Block::iter)
            .map(|p| Row::new(p, &self.tables))
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the conversation at slab index `i` is of the customer with
    /// this Pancake id (page customer's or global) on `page`.
    pub fn is_of(&self, i: usize, page: &PageId, customer: &str) -> bool {
        let r = self.row(i);
        r.page_id() == page && r.customer_is(customer)
    }

    /// The conversations of the customer with this Pancake id on `page`
    /// (slab indices). The bytes of every block are searched for the id
    /// (at memory speed: a million conversations in tens of
    /// milliseconds), and only those holding it are read.
    pub fn of_customer(&self, page: &PageId, customer: &str) -> Vec<usize> {
        if customer.is_empty() {
            return Vec::new();
        }
        let finder = memchr::memmem::Finder::new(customer.as_bytes());
        self.blocks
            .iter()
            .enumerate()
            .flat_map(|(b, block)| {
                block
                    .holding(&finder)
                    .into_iter()
                    .map(move |k| b * BLOCK + k)
            })
            .filter(|&i| self.is_of(i, page, customer))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Unread conversations among those loaded.
    pub fn unread(&self) -> usize {
        self.unread
    }

    /// Unread conversations of one page among those loaded.
    pub fn unread_of(&self, page: &PageId) -> usize {
        self.tables
            .pages
            .find(page)
            .and_then(|n| self.unread_by_page.get(n as usize))
            .copied()
            .unwrap_or(0)
    }

    /// A conversation not held yet, at the end of the slab (and of
    /// `order`: the caller sorts if it is not the oldest). Returns its
    /// slab index.
    pub fn insert(&mut self, mut c: Conversation) -> usize {
        debug_assert!(self.position(&c.id).is_none());
        let i = self.len;
        self.rests.keep(i, Rest::take(&mut c));
        let p = Packed::new(&c, &mut self.tables);
        self.count(&p, 1);
        let slab = u32::try_from(i).expect("fewer than 4 billion conversations");
        self.index
            .insert((self.hasher.hash_one(c.id.as_str()), slab));
        if i.is_multiple_of(BLOCK) {
            if let Some(full) = self.blocks.last_mut() {
                full.shrink();
            }
            self.blocks.push(Block::with_capacity(BLOCK));
        }
        self.blocks[i / BLOCK].push(p.as_bytes());
        self.len += 1;
        self.order.push(i);
        self.touch(i, None);
        i
    }

    /// Puts `c` in place of the conversation at slab index `i` (same id).
    pub fn replace(&mut self, i: usize, mut c: Conversation) {
        debug_assert_eq!(self.row(i).id(), c.id.as_str());
        self.rests.keep(i, Rest::take(&mut c));
        let p = Packed::new(&c, &mut self.tables);
        self.put(i, p);
    }

    /// `p` in place of what slab index `i` holds, the counts and the record
    /// of changes following.
    fn put(&mut self, i: usize, p: Packed) {
        self.count(&p, 1);
        let block = &mut self.blocks[i / BLOCK];
        let before = Packed::from(block.get(i % BLOCK));
        block.set(i % BLOCK, p.as_bytes());
        self.count(&before, -1);
        self.touch(i, Some(before));
    }

    /// Changes since the view counts were brought up to date (`None`: too
    /// many, recount everything); the record starts again empty.
    pub fn take_touched(&mut self) -> Option<Vec<Touched>> {
        self.touched.replace(Vec::new())
    }

    /// Whether anything changed since the view counts were brought up to
    /// date.
    pub fn any_touched(&self) -> bool {
        self.touched.as_ref().is_none_or(|t| !t.is_empty())
    }

    fn guard(&mut self, i: usize) -> ConvMut<'_> {
        let conv = self.at(i);
        ConvMut {
            convs: self,
            i,
            conv,
        }
    }

    fn count(&mut self, p: &Packed, sign: isize) {
        let row = Row::new(p.as_bytes(), &self.tables);
        if row.seen() {
            return;
        }
        let page = row.page_number() as usize;
        let add = |n: &mut usize| *n = n.saturating_add_signed(sign);
        add(&mut self.unread);
        if self.unread_by_page.len() <= page {
            self.unread_by_page.resize(page + 1, 0);
        }
        add(&mut self.unread_by_page[page]);
    }

    /// Changes since the visible rows were built (`None`: too many, or
    /// never built: rebuild them); the record starts again empty.
    pub fn take_unlisted(&mut self) -> Option<Vec<usize>> {
        self.unlisted.replace(Vec::new())
    }

    fn touch(&mut self, i: usize, before: Option<Packed>) {
        if let Some(u) = &mut self.unlisted {
            if u.len() >= MAX_TOUCHED {
                self.unlisted = None;
            } else {
                u.push(i);
            }
        }
        if let Some(t) = &mut self.touched {
            if t.len() >= MAX_TOUCHED {
                self.touched = None;
            } else {
                t.push(Touched { index: i, before });
            }
        }
    }
}

/// A conversation being changed (`Conversations::get_mut`), decoded: it is
/// packed again, and the counts brought up to date, when the guard is
/// dropped.
pub struct ConvMut<'a> {
    convs: &'a mut Conversations,
    i: usize,
    conv: Conversation,
}

impl Deref for ConvMut<'_> {
    type Target = Conversation;
    fn deref(&self) -> &Conversation {
        &self.conv
    }
}

impl DerefMut for ConvMut<'_> {
    fn deref_mut(&mut self) -> &mut Conversation {
        &mut self.conv
    }
}

impl Drop for ConvMut<'_> {
    fn drop(&mut self) {
        let convs = &mut *self.convs;
        convs.rests.keep(self.i, Rest::take(&mut self.conv));
        let p = Packed::new(&self.conv, &mut convs.tables);
        if p.as_bytes() == convs.blocks[self.i / BLOCK].get(self.i % BLOCK) {
            return;
        }
        convs.put(self.i, p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ConversationId;
    use crate::app::fixtures::conv;

    fn unread_by_walking(c: &Conversations, page: &PageId) -> usize {
        c.iter()
            .filter(|x| !x.seen() && x.page_id() == page)
            .count()
    }

    /// The counts kept as conversations come, change and are replaced are
    /// the counts a walk over them all gives.
    #[test]
    fn counts_follow_every_change() {
        let mut convs = Conversations::default();
        let p = PageId::new("p");
        let mut other = conv(9, 900, false);
        other.page_id = PageId::new("q");
        other.id = ConversationId::new("q_9");
        for c in (0..6)
            .map(|i| conv(i, 1000 - i as i64, i % 2 == 0))
            .chain([other])
        {
            convs.insert(c);
        }
        assert_eq!(convs.unread(), 4);
        assert_eq!(convs.unread_of(&p), 3);
        assert_eq!(convs.unread_of(&PageId::new("q")), 1);
        // Read in place, through the guard.
        convs.get_mut(&ConversationId::new("p_1")).unwrap().seen = true;
        assert_eq!(convs.unread_of(&p), 2);
        // Replaced by a newer copy, unread again.
        let i = convs.position(&ConversationId::new("p_0")).unwrap();
        let mut again = convs.at(i);
        again.seen = false;
        convs.replace(i, again);
        assert_eq!(convs.unread_of(&p), 3);
        assert_eq!(convs.unread_of(&p), unread_by_walking(&convs, &p));
        assert_eq!(convs.unread(), 4);
        // A guard that changes nothing notes nothing.
        convs.take_touched();
        drop(convs.get_mut(&ConversationId::new("p_2")));
        assert!(!convs.any_touched());
        convs.get_mut(&ConversationId::new("p_2")).unwrap().snippet = "x".into();
        let t = convs.take_touched().unwrap();
        assert_eq!(t.len(), 1);
        let before = t[0].before.as_ref().unwrap();
        assert_eq!(convs.row_of(before).snippet(), "hello 2");
    }

    /// A customer's conversations are found by their ids, across blocks:
    /// not where the id is only written in a snippet, not in an old copy
    /// of a conversation that is someone else's now, not on another page.
    #[test]
    fn a_customers_conversations_are_found_by_their_ids_only() {
        let mut convs = Conversations::default();
        let p = PageId::new("p");
        for i in 0..(BLOCK + 10) {
            let mut c = conv(i, 1_000_000 - i as i64, true);
            if i % 1000 == 7 {
                c.customer.page_customer_id = Some("ck".into());
            }
            if i == 8 {
                c.snippet = "my friend ck says hi".into();
            }
            if i == 9 {
                c.customer.global_id = Some("ck".into());
                c.page_id = PageId::new("q");
            }
            convs.insert(c);
        }
        let found = convs.of_customer(&p, "ck");
        assert_eq!(found, vec![7, 1007, 2007, 3007, 4007]);
        // 1007 turns out to be someone else's: its old bytes stay in the
        // block until it is written anew, and are not found.
        let i = convs.position("p_1007").unwrap();
        let mut c = convs.at(i);
        c.customer.page_customer_id = Some("c1007".into());
        convs.replace(i, c);
        assert_eq!(convs.of_customer(&p, "ck"), vec![7, 2007, 3007, 4007]);
        assert_eq!(convs.of_customer(&PageId::new("q"), "ck"), vec![9]);
        assert!(convs.of_customer(&p, "").is_empty());
    }
}
