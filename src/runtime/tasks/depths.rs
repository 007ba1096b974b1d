//! How deep in the backfill's walk each cursor is: only the newest pages
//! of the list are read once for the team (see `team.rs`).

use std::collections::HashMap;
use std::sync::Mutex;

use crate::api::{Conversation, ConversationId};

/// List pages shared, from the top (60 conversations each): the newest
/// 3,000 conversations; deeper pages each inbox reads itself, so a page of
/// a million does not move into Redis.
pub(super) const SHARED_LIST_PAGES: u32 = 50;

/// How deep in the backfill each cursor is, to share only the newest pages.
#[derive(Default)]
pub(super) struct Depths(Mutex<HashMap<ConversationId, u32>>);

impl Depths {
    pub(super) fn of(&self, cursor: Option<&ConversationId>) -> Option<u32> {
        match cursor {
            None => Some(0),
            Some(c) => self
                .0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(c)
                .copied(),
        }
    }

    pub(super) fn next(&self, depth: u32, batch: &[Conversation]) {
        if let Some(last) = batch.last() {
            let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
            if depth == 0 {
                map.clear();
            }
            map.insert(last.id.clone(), depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(id: &str) -> Conversation {
        let mut c = crate::app::fixtures::conv(0, 0, true);
        c.id = ConversationId::new(id);
        c
    }

    #[test]
    fn only_the_newest_pages_of_the_backfill_are_shared() {
        let d = Depths::default();
        assert_eq!(d.of(None), Some(0));
        let mut cursor = None;
        for depth in 0..3 {
            assert_eq!(d.of(cursor.as_ref()), Some(depth));
            let batch = [conv(&format!("p_{depth}"))];
            d.next(depth, &batch);
            cursor = Some(batch[0].id.clone());
        }
        assert_eq!(d.of(Some(&ConversationId::new("p_unknown"))), None);
        // A new walk from the top forgets the old one.
        d.next(0, &[conv("p_x")]);
        assert_eq!(d.of(cursor.as_ref()), None);
    }
}
