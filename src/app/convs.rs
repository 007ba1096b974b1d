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

use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasher, RandomState};
use std::ops::{Deref, DerefMut};

use crate::api::{Conversation, ConversationId, PageId};

/// A change to a conversation since the view counts were last brought up
/// to date: its slab index and what it was before (none: it is new).
#[derive(Clone, Debug)]
pub struct Touched {
    pub index: usize,
    pub before: Option<Conversation>,
}

/// Conversations per block of the slab: the slab grows by blocks, so a
/// conversation never moves once held (a page of a million grows without
/// copying what it holds, and without a pause for it).
const BLOCK: usize = 4_096;

/// Most changes remembered for the view counts; past it they are
/// recounted whole (a backfill or a reload, not a poll or an action).
const MAX_TOUCHED: usize = 65_536;

/// Conversations known to the app, in list order (newest activity first).
#[derive(Clone, Debug, Default)]
pub struct Conversations {
    /// Slab of conversations in blocks of `BLOCK`; indices are stable for
    /// the session.
    blocks: Vec<Vec<Conversation>>,
    len: usize,
    /// By id: (a hash of the id, slab index), sorted. A B-tree grows a
    /// node at a time (a hash map of a million would stop the UI for a
    /// quarter of a second to grow), and holds no copy of the ids.
    index: BTreeSet<(u64, u32)>,
    /// The hash of the index, with this process's own keys.
    hasher: RandomState,
    /// Slab indices, sorted by `updated_at` descending (by
    /// `update::list::resort`).
    pub order: Vec<usize>,
    /// Unread conversations, in all and per page.
    unread: usize,
    unread_by_page: HashMap<PageId, usize>,
    /// Changes since the view counts were brought up to date; `None` once
    /// there were too many to remember (recount everything).
    touched: Option<Vec<Touched>>,
}

impl Conversations {
    pub fn get(&self, id: &ConversationId) -> Option<&Conversation> {
        self.position(id).map(|i| self.at(i))
    }

    /// A conversation to change in place; the counts follow when the guard
    /// is dropped.
    pub fn get_mut(&mut self, id: &ConversationId) -> Option<ConvMut<'_>> {
        let i = self.position(id)?;
        Some(self.guard(i))
    }

    /// The slab index of a conversation.
    pub fn position(&self, id: &ConversationId) -> Option<usize> {
        let h = self.hasher.hash_one(id);
        self.index
            .range((h, 0)..=(h, u32::MAX))
            .map(|&(_, i)| i as usize)
            .find(|&i| &self.at(i).id == id)
    }

    /// The conversation at a slab index (from `order` or `State::visible`).
    pub fn at(&self, i: usize) -> &Conversation {
        &self.blocks[i / BLOCK][i % BLOCK]
    }

    fn at_mut(&mut self, i: usize) -> &mut Conversation {
        &mut self.blocks[i / BLOCK][i % BLOCK]
    }

    /// Every conversation, in slab order.
    pub fn iter(&self) -> impl Iterator<Item = &Conversation> {
        self.blocks.iter().flatten()
    }

    pub fn len(&self) -> usize {
        self.len
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
        self.unread_by_page.get(page).copied().unwrap_or(0)
    }

    /// A conversation not held yet, at the end of the slab (and of
    /// `order`: the caller sorts if it is not the oldest). Returns its
    /// slab index.
    pub fn insert(&mut self, c: Conversation) -> usize {
        debug_assert!(self.position(&c.id).is_none());
        let i = self.len;
        self.count(&c, 1);
        let slab = u32::try_from(i).expect("fewer than 4 billion conversations");
        self.index.insert((self.hasher.hash_one(&c.id), slab));
        if i.is_multiple_of(BLOCK) {
            self.blocks.push(Vec::with_capacity(BLOCK));
        }
        self.blocks[i / BLOCK].push(c);
        self.len += 1;
        self.order.push(i);
        self.touch(i, None);
        i
    }

    /// Puts `c` in place of the conversation at slab index `i` (same id).
    pub fn replace(&mut self, i: usize, c: Conversation) {
        debug_assert_eq!(self.at(i).id, c.id);
        self.count(&c, 1);
        let before = std::mem::replace(self.at_mut(i), c);
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
        let before = self.at(i).clone();
        ConvMut {
            convs: self,
            i,
            before: Some(before),
        }
    }

    fn count(&mut self, c: &Conversation, sign: isize) {
        if c.seen {
            return;
        }
        let add = |n: &mut usize| *n = n.saturating_add_signed(sign);
        add(&mut self.unread);
        match self.unread_by_page.get_mut(&c.page_id) {
            Some(n) => add(n),
            None if sign > 0 => {
                self.unread_by_page.insert(c.page_id.clone(), 1);
            }
            None => {}
        }
    }

    fn touch(&mut self, i: usize, before: Option<Conversation>) {
        if let Some(t) = &mut self.touched {
            if t.len() >= MAX_TOUCHED {
                self.touched = None;
            } else {
                t.push(Touched { index: i, before });
            }
        }
    }
}

/// A conversation being changed in place (`Conversations::get_mut`): the
/// counts are brought up to date when it is dropped.
pub struct ConvMut<'a> {
    convs: &'a mut Conversations,
    i: usize,
    before: Option<Conversation>,
}

impl std::ops::Index<usize> for Conversations {
    type Output = Conversation;
    fn index(&self, i: usize) -> &Conversation {
        self.at(i)
    }
}

impl Deref for ConvMut<'_> {
    type Target = Conversation;
    fn deref(&self) -> &Conversation {
        self.convs.at(self.i)
    }
}

impl DerefMut for ConvMut<'_> {
    fn deref_mut(&mut self) -> &mut Conversation {
        self.convs.at_mut(self.i)
    }
}

impl Drop for ConvMut<'_> {
    fn drop(&mut self) {
        let Some(before) = self.before.take() else {
            return;
        };
        if before == *self.convs.at(self.i) {
            return;
        }
        let after = self.convs.at(self.i).clone();
        self.convs.count(&before, -1);
        self.convs.count(&after, 1);
        self.convs.touch(self.i, Some(before));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixtures::conv;

    fn unread_by_walking(c: &Conversations, page: &PageId) -> usize {
        c.iter().filter(|x| !x.seen && &x.page_id == page).count()
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
        let mut again = convs.at(i).clone();
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
        assert_eq!(t[0].before.as_ref().unwrap().snippet, "hello 2");
    }
}
