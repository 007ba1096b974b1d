//! The host budget's book (what a page's file holds), and the clamping of
//! what was read from it: the file sits in a dir other users may write, so
//! every value is bounded by what this version could have written before
//! it is believed. A poisoned book stalls the page for one lease (a slot
//! that claims to be in flight) or one window (an answered one) at most.

use serde::{Deserialize, Serialize};

use super::{MAX_AGENTS, MAX_SLOTS};

/// The most requests one process says it has waiting in one priority.
pub(crate) const MAX_WAITING: u32 = 100_000;
/// A budget user that sent nothing for this long has left (polls come at
/// least every few seconds).
pub(crate) const PRESENT_MS: u64 = 30_000;

/// What the file holds.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Book {
    pub slots: Vec<Slot>,
    pub waiters: Vec<Waiters>,
    /// Who used the budget lately: how many agents share the page (their
    /// polls space out by it).
    #[serde(default)]
    pub present: Vec<Presence>,
    /// When an agent's action was last granted a slot (CLOCK_MONOTONIC ms,
    /// 0: none): the last slot is kept for actions a while after
    /// (`super::ACTED_RECENTLY`). Older versions ignore it.
    #[serde(default)]
    pub acted: u64,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Presence {
    pub pid: u32,
    pub user: u64,
    pub seen: u64,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Slot {
    pub pid: u32,
    pub user: u64,
    pub id: u64,
    /// In flight: the end of its lease; answered: the end of its window
    /// (CLOCK_MONOTONIC ms).
    pub until: u64,
    pub done: bool,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Waiters {
    pub pid: u32,
    pub user: u64,
    /// Waiting requests per priority (interactive, background, bulk).
    pub n: [u32; 3],
    pub seen: u64,
}

/// The bounds of a book read at `now` (CLOCK_MONOTONIC ms).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Bounds {
    pub now: u64,
    pub lease_ms: u64,
    pub window_ms: u64,
}

impl Book {
    /// The book in `bytes`, or `None` when they are not one (a torn write,
    /// or junk): the caller starts a new book and replaces the file.
    pub fn parse(bytes: &[u8]) -> Option<Book> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Some(Book::default()); // new, empty
        }
        serde_json::from_slice(bytes).ok()
    }

    /// Bound every value by what this version could have written at
    /// `b.now`: a lease ends within one lease, a window within one window,
    /// nothing was seen in the future, counts and lists are bounded.
    pub fn clamp(&mut self, b: Bounds) {
        for s in &mut self.slots {
            let most = if s.done { b.window_ms } else { b.lease_ms };
            s.until = s.until.min(b.now.saturating_add(most));
        }
        // Too many: the ones that end first stay (a longer list is poison;
        // which part of it is kept does not matter beyond the bound).
        if self.slots.len() > MAX_SLOTS {
            self.slots.sort_by_key(|s| s.until);
            self.slots.truncate(MAX_SLOTS);
        }
        self.waiters.retain(|w| w.seen <= b.now);
        self.waiters.truncate(MAX_AGENTS);
        for w in &mut self.waiters {
            for n in &mut w.n {
                *n = (*n).min(MAX_WAITING);
            }
        }
        self.present.retain(|p| p.seen <= b.now);
        self.present.truncate(MAX_AGENTS);
        if self.acted > b.now {
            self.acted = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: Bounds = Bounds {
        now: 1_000_000,
        lease_ms: 5_000,
        window_ms: 1_025,
    };

    #[test]
    fn empty_bytes_are_a_new_book_and_junk_is_none() {
        assert!(Book::parse(b"").unwrap().slots.is_empty());
        assert!(Book::parse(b" \n").is_some());
        assert!(Book::parse(b"{\"slots\":[{\"pid\"").is_none());
        assert!(Book::parse(b"\x00\xff junk").is_none());
        assert!(Book::parse(&[b'['; 100_000]).is_none(), "deep nesting");
    }

    #[test]
    fn poison_is_clamped_to_what_this_version_could_have_written() {
        let mut book = Book::default();
        for i in 0..1_000u64 {
            book.slots.push(Slot {
                pid: 1,
                user: i,
                id: i,
                until: u64::MAX,
                done: i % 2 == 0,
            });
        }
        for i in 0..10_000u64 {
            book.waiters.push(Waiters {
                pid: 1,
                user: i,
                n: [u32::MAX; 3],
                seen: if i == 0 { B.now } else { u64::MAX },
            });
            book.present.push(Presence {
                pid: 1,
                user: i,
                seen: if i < 2_000 { B.now - 1 } else { B.now + 1 },
            });
        }
        book.acted = u64::MAX;
        book.clamp(B);
        assert_eq!(book.acted, 0, "no action from the future");
        assert_eq!(book.slots.len(), MAX_SLOTS);
        for s in &book.slots {
            let most = if s.done { B.window_ms } else { B.lease_ms };
            assert!(s.until <= B.now + most, "{s:?}");
        }
        assert_eq!(book.waiters.len(), 1, "only the one seen by now");
        assert_eq!(book.waiters[0].n, [MAX_WAITING; 3]);
        assert_eq!(book.present.len(), MAX_AGENTS);
    }
}
