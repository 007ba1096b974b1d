//! Acting on many conversations at once: what will be sent, what it costs at
//! the page's rate, and how far it has got.

use std::collections::HashSet;

use crate::api::{ConversationId, TagAction, TagId, UserId};

use super::actions::ActionId;
use crate::api::Op;

/// What the agent asked to do to the marked conversations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkKind {
    Tag(TagAction, TagId),
    /// Replace the assignees with exactly this list (re-assign).
    SetAssignees(Vec<UserId>),
    /// Add or remove one person, keeping everyone else (assign to me / remove me).
    AddAssignee(UserId),
    RemoveAssignee(UserId),
    Read,
    Unread,
}

/// A prepared bulk action, shown for confirmation before anything is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkPlan {
    /// `tag 140 conversations "Orders"`.
    pub summary: String,
    pub ops: Vec<(ConversationId, Op)>,
    /// Conversations marked but already in the wanted state (nothing to send).
    pub skipped: usize,
    /// Most requests going to one page: pages have separate budgets, so this
    /// sets the time (0: all on one page).
    pub busiest: usize,
    /// Marked conversations the list does not show now (a filter or search
    /// changed since they were marked): acted on too, and said so.
    pub hidden: usize,
}

impl BulkPlan {
    pub fn requests(&self) -> usize {
        self.ops.len()
    }

    /// Seconds it takes at `per_sec` requests per second (at least 1).
    pub fn seconds_at(&self, per_sec: usize) -> usize {
        if per_sec == 0 {
            return 1;
        }
        let most = if self.busiest == 0 {
            self.ops.len()
        } else {
            self.busiest
        };
        most.div_ceil(per_sec).max(1)
    }

    /// `tag 140 conversations "Orders": 140 requests, about 28 s`.
    pub fn preview(&self, per_sec: usize) -> String {
        let mut s = format!(
            "{}: {} request{}, about {} s",
            self.summary,
            self.requests(),
            if self.requests() == 1 { "" } else { "s" },
            self.seconds_at(per_sec)
        );
        if self.skipped > 0 {
            s.push_str(&format!(" ({} already done, skipped)", self.skipped));
        }
        if self.hidden > 0 {
            s.push_str(&format!(
                "; {} of the marked are not shown in this list",
                self.hidden
            ));
        }
        s
    }
}

/// A bulk action under way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BulkProgress {
    pub summary: String,
    pub actions: HashSet<ActionId>,
    pub total: usize,
    pub done: usize,
    pub failed: usize,
    /// Conversations confirmed by Pancake (their rows show ✓).
    pub confirmed: HashSet<ConversationId>,
}

impl BulkProgress {
    pub fn finished(&self) -> bool {
        self.done + self.failed >= self.total
    }

    /// Count an action's result, if it belongs to this bulk action; true
    /// when it did and the bulk action is now finished.
    pub fn record(&mut self, id: ActionId, conv: &ConversationId, ok: bool) -> bool {
        if !self.actions.contains(&id) {
            return false;
        }
        if ok {
            self.done += 1;
            self.confirmed.insert(conv.clone());
        } else {
            self.failed += 1;
        }
        self.finished()
    }

    /// A failed action of this bulk action is on its way again: no longer
    /// counted failed.
    pub fn retried(&mut self, id: ActionId) {
        if self.actions.contains(&id) {
            self.failed = self.failed.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_says_what_and_how_long() {
        let plan = BulkPlan {
            summary: "tag 140 conversations \"Orders\"".into(),
            ops: (0..140)
                .map(|i| (ConversationId::new(format!("c{i}")), Op::Read))
                .collect(),
            skipped: 0,
            busiest: 0,
            hidden: 0,
        };
        assert_eq!(
            plan.preview(5),
            "tag 140 conversations \"Orders\": 140 requests, about 28 s"
        );
    }
}
