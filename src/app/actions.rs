//! The agent's actions: applied optimistically, tracked until Pancake confirms
//! them, rolled back and kept visible (with the reason) when it does not.

use crate::api::actions::apply_tag;
use crate::api::{Conversation, ConversationId, Op, PageId, TagId, UnixSeconds, UserId};
use crate::i18n::Said;

pub type ActionId = u64;

/// The value an action replaced, to roll back to on failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Before {
    Tags(Vec<TagId>),
    Assignees(Vec<UserId>),
    Seen(bool),
    Nothing,
}

impl Before {
    /// What `op` replaces on `conv`.
    fn of(conv: &Conversation, op: &Op) -> Before {
        match op {
            Op::Tag(..) => Before::Tags(conv.tags.clone()),
            Op::Assign(_) => Before::Assignees(conv.assignee_ids.clone()),
            Op::Read | Op::Unread => Before::Seen(conv.seen),
            Op::Reply(_) | Op::Note { .. } | Op::Customer { .. } => Before::Nothing,
        }
    }
}

/// An op's effect on a conversation (the optimistic view).
pub fn apply(conv: &mut Conversation, op: &Op) {
    match op {
        Op::Tag(action, tag) => conv.tags = apply_tag(&conv.tags, *action, tag),
        Op::Assign(list) => conv.assignee_ids = list.clone(),
        Op::Read => conv.seen = true,
        Op::Unread => conv.seen = false,
        // Shown from the action itself until confirmed (the customer panel).
        Op::Reply(_) | Op::Note { .. } | Op::Customer { .. } => {}
    }
}

/// Undo an op's effect, as far as nothing else changed the same thing since.
fn rollback(conv: &mut Conversation, op: &Op, before: &Before) {
    match (op, before) {
        // Reverse just this tag, so other tag changes stay as they are.
        (Op::Tag(action, tag), _) => conv.tags = apply_tag(&conv.tags, action.reverse(), tag),
        (Op::Assign(list), Before::Assignees(prev)) if &conv.assignee_ids == list => {
            conv.assignee_ids = prev.clone();
        }
        (Op::Read, Before::Seen(prev)) if conv.seen => conv.seen = *prev,
        (Op::Unread, Before::Seen(prev)) if !conv.seen => conv.seen = *prev,
        _ => {}
    }
}

/// What Pancake answered a confirmed action with: the truth about one
/// field of the conversation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Truth {
    Tags(Vec<TagId>),
    Assignees(Vec<UserId>),
}

/// Why an action failed, as far as its life goes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// Put into words where it is shown (in that window's language).
    pub why: Said,
    /// Resent by itself once Pancake answers again.
    pub transient: bool,
    /// It may have been done all the same.
    pub uncertain: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionStatus {
    Pending,
    /// Why, put into words where it is shown.
    Failed(Said),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub id: ActionId,
    /// The page the conversation is on (whose token, budget and outbox).
    pub page: PageId,
    pub conv: ConversationId,
    pub op: Op,
    pub before: Before,
    /// Short human description: `tag "Orders" on Nguyễn Thị Phương`, put
    /// into words where it is shown.
    pub label: Said,
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
    /// Another window of the inbox owns its outbox entry and sends it: shown
    /// as pending here, never sent from here (`store/owner.rs`).
    pub elsewhere: bool,
}

/// An outbox entry read back after a restart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    pub page: PageId,
    pub conv: ConversationId,
    pub op: Op,
    pub label: Said,
    pub created_at: UnixSeconds,
    pub outbox: i64,
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
    /// Begin an action on `conv`: remember what it replaces, apply it at
    /// once, drop the older failures it makes moot (returned: resending one
    /// would undo this), and log it pending.
    pub fn begin(
        &mut self,
        conv: &mut Conversation,
        op: Op,
        label: Said,
        now: UnixSeconds,
    ) -> (ActionId, Vec<Action>) {
        let before = Before::of(conv, &op);
        apply(conv, &op);
        let moot = self.take_superseded_failures(&conv.id, &op);
        let id = self.push(
            conv.page_id.clone(),
            conv.id.clone(),
            op,
            before,
            label,
            now,
        );
        (id, moot)
    }

    /// Log an action from the durable outbox after a restart: applied and
    /// pending, or failed with `held` (waiting for the agent), not applied.
    pub fn restore(
        &mut self,
        conv: Option<&mut Conversation>,
        entry: Restored,
        held: Option<Failure>,
    ) -> ActionId {
        if let Some(c) = conv
            && held.is_none()
        {
            apply(c, &entry.op);
        }
        let id = self.push(
            entry.page,
            entry.conv,
            entry.op,
            Before::Nothing,
            entry.label,
            entry.created_at,
        );
        if let Some(a) = self.get_mut(id) {
            a.outbox = Some(entry.outbox);
            if let Some(f) = held {
                a.status = ActionStatus::Failed(f.why);
                a.uncertain = f.uncertain;
            }
        }
        id
    }

    /// The pending actions on `conv` applied over a fresher copy from
    /// Pancake, so a poll that predates them does not flicker them away.
    pub fn reapply_pending(&self, conv: &mut Conversation) {
        let id = conv.id.clone();
        for a in self.items.iter().filter(|a| a.conv == id) {
            if a.status == ActionStatus::Pending {
                apply(conv, &a.op);
            }
        }
    }

    /// Pancake confirmed `id`: it leaves the log; what Pancake answered is
    /// the truth, with the actions still in flight on the same field over it.
    pub fn confirm_with(
        &mut self,
        id: ActionId,
        conv: Option<&mut Conversation>,
        truth: Option<Truth>,
    ) -> Option<Action> {
        let done = self.confirm(id)?;
        if let (Some(c), Some(truth)) = (conv, truth) {
            let kind: fn(&Op) -> bool = match truth {
                Truth::Tags(tags) => {
                    c.tags = tags;
                    |op| matches!(op, Op::Tag(..))
                }
                Truth::Assignees(list) => {
                    c.assignee_ids = list;
                    |op| matches!(op, Op::Assign(_))
                }
            };
            let id = c.id.clone();
            let pending = self
                .items
                .iter()
                .filter(|a| a.conv == id && a.status == ActionStatus::Pending);
            for a in pending.filter(|a| kind(&a.op)) {
                apply(c, &a.op);
            }
        }
        Some(done)
    }

    /// Pancake refused `id`: rolled back on `conv`, kept listed with the reason.
    pub fn fail(&mut self, id: ActionId, conv: Option<&mut Conversation>, failure: Failure) {
        let Some(a) = self.get_mut(id) else {
            return;
        };
        if let Some(c) = conv {
            rollback(c, &a.op, &a.before);
        }
        a.status = ActionStatus::Failed(failure.why);
        a.transient = failure.transient;
        a.uncertain = failure.uncertain;
    }

    /// A failed action goes again: applied again, pending.
    pub fn resume(&mut self, id: ActionId, conv: Option<&mut Conversation>) {
        let Some(a) = self.get_mut(id) else {
            return;
        };
        if let Some(c) = conv {
            apply(c, &a.op);
        }
        a.status = ActionStatus::Pending;
        a.transient = false;
        a.uncertain = false;
    }

    fn push(
        &mut self,
        page: PageId,
        conv: ConversationId,
        op: Op,
        before: Before,
        label: Said,
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
            elsewhere: false,
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
    fn confirm(&mut self, id: ActionId) -> Option<Action> {
        let pos = self.items.iter().position(|a| a.id == id)?;
        self.confirmed += 1;
        Some(self.items.remove(pos))
    }

    /// Pending actions this window sends (not another window's).
    pub fn pending(&self) -> usize {
        self.items
            .iter()
            .filter(|a| a.status == ActionStatus::Pending && !a.elsewhere)
            .count()
    }

    /// Actions another window of the inbox sends.
    pub fn elsewhere(&self) -> usize {
        self.items.iter().filter(|a| a.elsewhere).count()
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
            // Another window's actions are ordered by that window.
            .any(|b| b.id > a.id && !b.elsewhere && b.conv == a.conv && b.op.same_target(&a.op))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::TagAction;

    fn conv() -> Conversation {
        let mut c = crate::app::fixtures::conv(1, 0, false);
        c.tags = vec![TagId::new("1")];
        c
    }

    fn failure(why: &str) -> Failure {
        Failure {
            why: why.into(),
            transient: false,
            uncertain: false,
        }
    }

    #[test]
    fn an_action_lives_applied_rolled_back_resumed_and_confirmed_in_one_place() {
        let mut log = ActionLog::default();
        let mut c = conv();
        let add = Op::Tag(TagAction::Add, TagId::new("2"));
        let (id, moot) = log.begin(&mut c, add.clone(), "tag".into(), UnixSeconds(0));
        assert!(moot.is_empty());
        assert_eq!(
            c.tags,
            vec![TagId::new("1"), TagId::new("2")],
            "applied at once"
        );
        // A fresher copy from Pancake that predates it keeps it.
        let mut fresh = conv();
        log.reapply_pending(&mut fresh);
        assert_eq!(fresh.tags, c.tags);
        log.fail(id, Some(&mut c), failure("500"));
        assert_eq!(c.tags, vec![TagId::new("1")], "rolled back");
        assert_eq!(log.failed().count(), 1);
        log.resume(id, Some(&mut c));
        assert_eq!(c.tags.len(), 2, "applied again");
        assert_eq!(log.pending(), 1);
        // Confirmed: Pancake's list is the truth, with a pending read over it.
        let (read, _) = log.begin(&mut c, Op::Read, "read".into(), UnixSeconds(0));
        let (other, _) = log.begin(
            &mut c,
            Op::Tag(TagAction::Add, TagId::new("3")),
            "tag".into(),
            UnixSeconds(0),
        );
        let truth = Truth::Tags(vec![TagId::new("2")]);
        assert!(log.confirm_with(id, Some(&mut c), Some(truth)).is_some());
        assert_eq!(c.tags, vec![TagId::new("2"), TagId::new("3")]);
        assert!(c.seen);
        assert_eq!(log.items.len(), 2);
        assert_eq!(log.confirmed, 1);
        // A later action on the same thing makes an older failure moot.
        log.fail(read, Some(&mut c), failure("offline"));
        assert!(!c.seen);
        let (_, moot) = log.begin(&mut c, Op::Unread, "unread".into(), UnixSeconds(0));
        assert_eq!(moot.iter().map(|a| a.id).collect::<Vec<_>>(), vec![read]);
        assert!(log.get(other).is_some());
    }

    #[test]
    fn a_restored_action_held_for_the_agent_is_not_applied() {
        let mut log = ActionLog::default();
        let mut c = conv();
        let entry = |op| Restored {
            page: PageId::new("p"),
            conv: ConversationId::new("p_1"),
            op,
            label: "x".into(),
            created_at: UnixSeconds(5),
            outbox: 7,
        };
        let held = Failure {
            uncertain: true,
            ..failure("may have been sent")
        };
        let id = log.restore(Some(&mut c), entry(Op::Read), Some(held));
        assert!(!c.seen);
        let a = log.get(id).unwrap();
        assert!(a.uncertain && a.outbox == Some(7));
        let id = log.restore(Some(&mut c), entry(Op::Read), None);
        assert!(c.seen);
        assert_eq!(log.get(id).unwrap().status, ActionStatus::Pending);
    }
}
