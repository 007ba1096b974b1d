//! The rest of a conversation: the customer's record and the tag history,
//! for the few conversations that need them now.
//!
//! A real page embeds the customer's record (ids, phones, notes, orders) in
//! every conversation: held for a page of a million, it would cost more
//! than everything the list needs. The local store keeps it; here are only
//! those of the conversations that arrived or changed lately and those an
//! agent opened (read back from the store, `Cmd::LoadRecord`), at most
//! [`KEPT`], the oldest let go first; every one when there is no store to
//! read them back from.

use std::collections::{HashMap, VecDeque};

use crate::api::Conversation;
use crate::api::customer_record::{PageCustomer, TagChange};

/// Most conversations whose rest is held.
pub const KEPT: usize = 512;

/// A conversation's customer record and tag history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rest {
    pub page_customer: Option<Box<PageCustomer>>,
    pub tag_history: Vec<TagChange>,
}

impl Rest {
    /// What `c` carries of it, taken out of `c`.
    pub fn take(c: &mut Conversation) -> Rest {
        Rest {
            page_customer: c.page_customer.take(),
            tag_history: std::mem::take(&mut c.tag_history),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.page_customer.is_none() && self.tag_history.is_empty()
    }

    /// Put back into `c`.
    pub fn give(&self, c: &mut Conversation) {
        c.page_customer.clone_from(&self.page_customer);
        c.tag_history.clone_from(&self.tag_history);
    }
}

/// The rests held, by slab index, at most [`KEPT`].
#[derive(Clone, Debug, Default)]
pub struct Rests {
    by_index: HashMap<usize, Rest>,
    /// Slab indices, the longest held first (each once).
    age: VecDeque<usize>,
    /// The conversation opened last: never the one let go.
    pinned: Option<usize>,
    /// Hold every one: there is no store to read them back from.
    every: bool,
}

impl Rests {
    pub fn get(&self, i: usize) -> Option<&Rest> {
        self.by_index.get(&i)
    }

    /// What a newer copy of conversation `i` brought. An empty rest
    /// (a copy that came without the record, as a teammate's news does)
    /// leaves what is held: a record is never taken back by Pancake, and a
    /// tag history only grows.
    pub fn keep(&mut self, i: usize, rest: Rest) {
        if rest.is_empty() {
            return;
        }
        let held = self.by_index.get(&i);
        let rest = Rest {
            page_customer: rest
                .page_customer
                .or_else(|| held.and_then(|h| h.page_customer.clone())),
            tag_history: if rest.tag_history.is_empty() {
                held.map(|h| h.tag_history.clone()).unwrap_or_default()
            } else {
                rest.tag_history
            },
        };
        if self.by_index.insert(i, rest).is_some() {
            self.age.retain(|&k| k != i);
        }
        self.age.push_back(i);
        while !self.every && self.age.len() > KEPT {
            let Some(old) = self.age.pop_front() else {
                break;
            };
            if Some(old) == self.pinned {
                self.age.push_back(old);
            } else {
                self.by_index.remove(&old);
            }
        }
    }

    /// Hold every rest from now on: a page without a local store (the
    /// demo, a cache that could not be opened) could not read one back.
    pub fn hold_every(&mut self) {
        self.every = true;
    }

    /// Conversation `i`'s rest (the one opened last) is not let go for
    /// others'.
    pub fn pin(&mut self, i: Option<usize>) {
        self.pinned = i;
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.by_index.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixtures::synthetic_conversations;

    fn rest_of(i: usize) -> Rest {
        let mut c = synthetic_conversations(i + 1).remove(i);
        Rest::take(&mut c)
    }

    #[test]
    fn at_most_kept_and_the_oldest_go_first() {
        let mut r = Rests::default();
        for i in 0..KEPT + 10 {
            r.keep(i, rest_of(0));
        }
        assert_eq!(r.len(), KEPT);
        assert!(r.get(9).is_none(), "the first ten let go");
        assert!(r.get(10).is_some());
        // Kept again: young again.
        r.keep(10, rest_of(0));
        r.keep(KEPT + 10, rest_of(0));
        assert!(r.get(10).is_some());
        assert!(r.get(11).is_none());
    }

    #[test]
    fn without_a_store_every_one_is_held() {
        let mut r = Rests::default();
        r.hold_every();
        for i in 0..KEPT + 10 {
            r.keep(i, rest_of(0));
        }
        assert_eq!(r.len(), KEPT + 10);
    }

    #[test]
    fn the_open_conversations_is_never_let_go() {
        let mut r = Rests::default();
        r.keep(0, rest_of(0));
        r.pin(Some(0));
        for i in 1..3 * KEPT {
            r.keep(i, rest_of(0));
        }
        assert!(r.get(0).is_some());
        assert_eq!(r.len(), KEPT);
        r.pin(None);
        r.keep(3 * KEPT, rest_of(0));
        assert!(r.get(0).is_none(), "let go once another is opened");
    }

    #[test]
    fn a_copy_without_the_record_keeps_the_one_held() {
        let mut r = Rests::default();
        let full = rest_of(0);
        assert!(full.page_customer.is_some() && !full.tag_history.is_empty());
        r.keep(3, full.clone());
        r.keep(3, Rest::default());
        assert_eq!(r.get(3), Some(&full));
        // A newer record with no history: the record replaced, the history kept.
        let mut newer = rest_of(1);
        newer.tag_history.clear();
        r.keep(3, newer.clone());
        assert_eq!(r.get(3).unwrap().page_customer, newer.page_customer);
        assert_eq!(r.get(3).unwrap().tag_history, full.tag_history);
    }
}
