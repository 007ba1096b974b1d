//! The agent's actions: applied optimistically, tracked until Pancake confirms
//! them, rolled back and kept visible (with the reason) when it does not.

use crate::api::{ConversationId, Op, PageId, TagId, UnixSeconds, UserId};

pub type ActionId = u64;

/// The value an action replaced, to roll back to on failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Before {
    Tags(Vec<TagId>),
    Assignees(Vec<UserId>),
    Seen(bool),
    Nothing,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionStatus {
    Pending,
    Failed(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub id: ActionId,
    /// The page the conversation is on (whose token, budget and outbox).
    pub page: PageId,
    pub conv: ConversationId,
    pub op: Op,
    pub before: Before,
    /// Short human description: `tag "Orders" on Nguyễn Thị Phương`.
    pub label: String,
    pub status: ActionStatus,
    pub started: UnixSeconds,
    /// Its entry in the durable outbox, once written.
    pub outbox: Option<i64>,
    /// It failed for a passing reason (offline, 5xx, 429): resent by itself
    /// once Pancake answers again.
    pub transient: bool,
    /// Pancake said it failed, but it may have been done (a private reply
    /// answered `success: false`): the agent checks before sending again.
    pub uncertain: bool,
}

/// Actions not yet confirmed: pending ones and failed ones (until retried or
/// dismissed). Confirmed actions leave the log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActionLog {
    next_id: ActionId,
    pub items: Vec<Action>,
    /// Confirmed since start (for the status bar).
    pub confirmed: u64,
}

impl ActionLog {
    pub fn push(
        &mut self,
        page: PageId,
        conv: ConversationId,
        op: Op,
        before: Before,
        label: String,
        now: UnixSeconds,
    ) -> ActionId {
        self.next_id += 1;
        let id = self.next_id;
        self.items.push(Action {
            id,
            page,
            conv,
            op,
            before,
            label,
            status: ActionStatus::Pending,
            started: now,
            outbox: None,
            transient: false,
            uncertain: false,
        });
        id
    }

    pub fn get(&self, id: ActionId) -> Option<&Action> {
        self.items.iter().find(|a| a.id == id)
    }

    pub fn get_mut(&mut self, id: ActionId) -> Option<&mut Action> {
        self.items.iter_mut().find(|a| a.id == id)
    }

    /// Remove a confirmed action.
    pub fn confirm(&mut self, id: ActionId) -> Option<Action> {
        let pos = self.items.iter().position(|a| a.id == id)?;
        self.confirmed += 1;
        Some(self.items.remove(pos))
    }

    pub fn pending(&self) -> usize {
        self.items
            .iter()
            .filter(|a| a.status == ActionStatus::Pending)
            .count()
    }

    pub fn failed(&self) -> impl Iterator<Item = &Action> {
        self.items
            .iter()
            .filter(|a| matches!(a.status, ActionStatus::Failed(_)))
    }

    /// Pending or failed actions on a conversation (for its row marker).
    pub fn for_conversation<'a>(
        &'a self,
        conv: &'a ConversationId,
    ) -> impl Iterator<Item = &'a Action> {
        self.items.iter().filter(move |a| &a.conv == conv)
    }

    /// Whether a newer action than `id` sets the same thing on the same
    /// conversation (resending `id` would undo what the agent did since).
    pub fn superseded(&self, id: ActionId) -> bool {
        let Some(a) = self.get(id) else {
            return false;
        };
        self.items
            .iter()
            .any(|b| b.id > a.id && b.conv == a.conv && b.op.same_target(&a.op))
    }

    /// Remove an action that will not be sent again; returns it.
    pub fn remove(&mut self, id: ActionId) -> Option<Action> {
        let pos = self.items.iter().position(|a| a.id == id)?;
        Some(self.items.remove(pos))
    }

    /// Remove the failed actions on `conv` that `op` makes moot (it sets the
    /// same thing, later); returns them.
    pub fn take_superseded_failures(&mut self, conv: &ConversationId, op: &Op) -> Vec<Action> {
        let (gone, keep) = std::mem::take(&mut self.items).into_iter().partition(|a| {
            matches!(a.status, ActionStatus::Failed(_)) && &a.conv == conv && a.op.same_target(op)
        });
        self.items = keep;
        gone
    }

    /// Drop failed actions the agent chose not to retry; returns them.
    pub fn dismiss_failed(&mut self) -> Vec<Action> {
        let (keep, gone) = std::mem::take(&mut self.items)
            .into_iter()
            .partition(|a| a.status == ActionStatus::Pending);
        self.items = keep;
        gone
    }
}
