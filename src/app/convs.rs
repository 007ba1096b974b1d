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

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};

use crate::api::{Conversation, ConversationId, PageId};

/// A change to a conversation since the view counts were last brought up
/// to date: its slab index and what it was before (none: it is new).
#[derive(Clone, Debug)]
pub struct Touched {
    pub index: usize,
    pub before: Option<Conversation>,
}

/// Most changes remembered for the view counts; past it they are
/// recounted whole (a backfill or a reload, not a poll or an action).
const MAX_TOUCHED: usize = 4_096;

/// Conversations known to the app, in list order (newest activity first).
#[derive(Clone, Debug, Default)]
pub struct Conversations {
    /// Slab of conversations; indices are stable for the session.
    items: Vec<Conversation>,
    index: HashMap<ConversationId, usize>,
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
        self.index.get(id).map(|&i| &self.items[i])
    }

    /// A conversation to change in place; the counts follow when the guard
    /// is dropped.
    pub fn get_mut(&mut self, id: &ConversationId) -> Option<ConvMut<'_>> {
        let i = *self.index.get(id)?;
        Some(self.guard(i))
    }

    /// The slab index of a conversation.
    pub fn position(&self, id: &ConversationId) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The conversation at a slab index (from `order` or `State::visible`).
    pub fn at(&self, i: usize) -> &Conversation {
        &self.items[i]
    }

    /// Every conversation, in slab order.
    pub fn items(&self) -> &[Conversation] {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
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
        debug_assert!(!self.index.contains_key(&c.id));
        let i = self.items.len();
        self.count(&c, 1);
        self.index.insert(c.id.clone(), i);
        self.items.push(c);
        self.order.push(i);
        self.touch(i, None);
        i
    }

    /// Puts `c` in place of the conversation at slab index `i` (same id).
    pub fn replace(&mut self, i: usize, c: Conversation) {
        debug_assert_eq!(self.items[i].id, c.id);
        self.count(&c, 1);
        let before = std::mem::replace(&mut self.items[i], c);
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
        let before = self.items[i].clone();
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

impl Deref for ConvMut<'_> {
    type Target = Conversation;
    fn deref(&self) -> &Conversation {
        &self.convs.items[self.i]
    }
}

impl DerefMut for ConvMut<'_> {
    fn deref_mut(&mut self) -> &mut Conversation {
        &mut self.convs.items[self.i]
    }
}

impl Drop for ConvMut<'_> {
    fn drop(&mut self) {
        let Some(before) = self.before.take() else {
            return;
        };
        if before == self.convs.items[self.i] {
            return;
        }
        let after = self.convs.items[self.i].clone();
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
        c.items()
            .iter()
            .filter(|x| !x.seen && &x.page_id == page)
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
