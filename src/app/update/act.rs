//! Agent actions: optimistic apply, confirmation, rollback, retry.

use crate::api::Op;
use crate::api::{ApiError, AssigneeChange, ConversationId, Reply, TagAction, TagId, UserId};
use crate::app::actions::{ActionId, ActionStatus, Before, Failure, Restored, Truth};
use crate::app::keys::Command;
use crate::app::msg::{Cmd, Outcome};
use crate::app::state::State;
use crate::app::thread::Outgoing;

use super::describe::{describe, shown};
use super::{notify, notify_error};
use crate::i18n::{Lang, Said};

/// Start an action: apply it at once, log it as pending, ask to send it.
pub fn start(state: &mut State, conv_id: &ConversationId, op: Op) -> Vec<Cmd> {
    start_with(state, conv_id, op, Origin::Agent)
}

/// Start one action of a bulk action (queued behind the agent's own).
pub fn start_bulk(state: &mut State, conv_id: &ConversationId, op: Op) -> Vec<Cmd> {
    start_with(state, conv_id, op, Origin::Bulk)
}

/// Undo entries kept (z walks back through them).
const UNDO_DEPTH: usize = 50;

/// Who started an action: the agent's own go on the undo stack, a bulk
/// action's and an undo's do not.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Agent,
    Bulk,
    Undo,
}

fn start_with(state: &mut State, conv_id: &ConversationId, op: Op, origin: Origin) -> Vec<Cmd> {
    let bulk = origin == Origin::Bulk;
    let Some(conv) = state.convs.get(conv_id) else {
        return vec![];
    };
    let label = describe(state, &conv, &op);
    let page = conv.page_id.clone();
    let now = state.now;
    let Some(mut conv) = state.convs.get_mut(conv_id) else {
        return vec![];
    };
    let (id, moot) = state
        .actions
        .begin(&mut conv, op.clone(), label.clone(), now);
    drop(conv);
    if origin == Origin::Agent {
        // Replies stay on the stack too, so that z can say it skips them.
        let before = state.actions.get(id).map(|a| a.before.clone());
        state.undo.push((
            conv_id.clone(),
            op.clone(),
            before.unwrap_or(Before::Nothing),
        ));
        if state.undo.len() > UNDO_DEPTH {
            state.undo.remove(0);
        }
    }
    let moot: Vec<(crate::api::PageId, i64)> = moot
        .iter()
        .filter_map(|a| a.outbox.map(|o| (a.page.clone(), o)))
        .collect();
    if matches!(op, Op::Reply(_))
        && let Some(t) = state.thread.as_mut().filter(|t| &t.conv == conv_id)
    {
        t.scroll = 0;
    }
    relayout_thread(state);
    state.tabs.stale = true;
    let mut cmds = vec![Cmd::Perform {
        page: page.clone(),
        id,
        conv: conv_id.clone(),
        op,
        bulk,
        outbox: None,
        label,
    }];
    if !moot.is_empty() {
        cmds.push(Cmd::ForgetOutbox(moot));
    }
    cmds
}

/// The open thread shows the replies made on it that Pancake has not
/// confirmed, from the actions themselves: after a failure, a retry, a
/// restart or reopening the thread alike.
pub(super) fn relayout_thread(state: &mut State) {
    let width = state.viewport.thread_text_width(state.customer_panel);
    let tz = state.settings.tz.clone();
    let lang = state.settings.lang;
    if let Some(t) = state.thread.as_mut() {
        t.outgoing = outgoing(&state.actions, &t.conv, lang);
        t.relayout(width, &tz, lang);
    }
}

fn outgoing(
    actions: &crate::app::actions::ActionLog,
    conv: &ConversationId,
    lang: Lang,
) -> Vec<Outgoing> {
    actions
        .for_conversation(conv)
        .filter_map(|a| {
            let Op::Reply(r) = &a.op else { return None };
            let failed = match &a.status {
                ActionStatus::Pending => None,
                ActionStatus::Failed(why) => {
                    let id = if a.transient {
                        "outgoing-waiting"
                    } else if a.uncertain {
                        "outgoing-maybe-sent"
                    } else {
                        "outgoing-failed"
                    };
                    Some(Said::new(id).arg("why", why.clone()).words(lang))
                }
            };
            Some(Outgoing {
                action: a.id,
                text: shown(r, lang),
                failed,
            })
        })
        .collect()
}

pub fn mark_read(state: &mut State, conv: &ConversationId, read: bool) -> Vec<Cmd> {
    start(state, conv, if read { Op::Read } else { Op::Unread })
}

pub fn toggle_read(state: &mut State) -> Vec<Cmd> {
    let Some(c) = state.selected_conversation() else {
        return vec![];
    };
    let (id, seen) = (c.id.clone(), c.seen);
    mark_read(state, &id, !seen)
}

pub fn toggle_tag(state: &mut State, conv: &ConversationId, tag: TagId, has: bool) -> Vec<Cmd> {
    let action = if has {
        TagAction::Remove
    } else {
        TagAction::Add
    };
    start(state, conv, Op::Tag(action, tag))
}

/// Set the assignees to `list` if that changes anything.
pub fn assign(state: &mut State, conv: &ConversationId, list: Vec<UserId>) -> Vec<Cmd> {
    let Some(c) = state.convs.get(conv) else {
        return vec![];
    };
    let list = AssigneeChange::Set(list).apply(&[]);
    if c.assignee_ids == list {
        notify(state, Said::new("notice-assignees-unchanged"));
        return vec![];
    }
    start(state, conv, Op::Assign(list))
}

pub fn reply(state: &mut State, conv: &ConversationId, reply: Reply) -> Vec<Cmd> {
    start(state, conv, Op::Reply(reply))
}

pub fn on_done(state: &mut State, id: ActionId, result: Result<Outcome, ApiError>) -> Vec<Cmd> {
    state.tabs.stale = true;
    let mut cmds = Vec::new();
    let Some(action) = state.actions.get(id).cloned() else {
        return vec![];
    };
    match result {
        Ok(outcome) => {
            let truth = match &outcome {
                Outcome::Tags(tags) => Some(Truth::Tags(tags.clone())),
                Outcome::Assignees(list) => Some(Truth::Assignees(list.clone())),
                Outcome::Done | Outcome::Sent(_) => None,
            };
            state
                .actions
                .confirm_with(id, state.convs.get_mut(&action.conv).as_deref_mut(), truth);
            if let Outcome::Sent(msg) = outcome {
                reply_confirmed(state, &action.conv, msg);
            }
            cmds.extend(super::confirmed::confirmed(
                state,
                &action.page,
                &action.conv,
                &action.op,
            ));
            bulk_counted(state, id, &action.conv, true);
            if let Some(c) = state.convs.get(&action.conv) {
                cmds.push(Cmd::SaveConversations(action.page.clone(), vec![c.clone()]));
            }
        }
        Err(_) if state.actions.superseded(id) => {
            // A newer action on the same thing was queued behind this one
            // and decides it: no rollback over it, nothing to resend.
            state.actions.remove(id);
            bulk_counted(state, id, &action.conv, false);
            if let Some(outbox) = action.outbox {
                cmds.push(Cmd::ForgetOutbox(vec![(action.page.clone(), outbox)]));
            }
        }
        Err(e) => {
            // A reply that may have arrived is never resent without the
            // agent; one that certainly did not goes when Pancake is back.
            let failure = Failure {
                why: e.said(),
                transient: e.is_transient() && (!action.op.may_have_posted() || e.never_arrived()),
                uncertain: matches!(e, ApiError::MaybeSent { .. }),
            };
            state.actions.fail(
                id,
                state.convs.get_mut(&action.conv).as_deref_mut(),
                failure,
            );
            relayout_thread(state);
            let retry = match state.settings.keymap.hint(Command::RetryFailed) {
                Some(key) => Said::new("notice-retry-hint").arg("key", key),
                None => Said::verbatim(""),
            };
            notify_error(
                state,
                Said::new("notice-action-failed")
                    .arg("action", action.label.clone())
                    .arg("why", e.said())
                    .arg("retry", retry),
            );
            bulk_counted(state, id, &action.conv, false);
        }
    }
    if state.quitting.is_some() && state.actions.pending() == 0 {
        cmds.push(Cmd::Exit);
    }
    cmds
}

/// A reply Pancake confirmed: the message joins the open thread.
fn reply_confirmed(state: &mut State, conv_id: &ConversationId, msg: Option<crate::api::Message>) {
    let width = state.viewport.thread_text_width(state.customer_panel);
    let tz = state.settings.tz.clone();
    let lang = state.settings.lang;
    if let Some(mut c) = state.convs.get_mut(conv_id) {
        // Pancake marks a conversation read when the page replies.
        c.seen = true;
    }
    if let Some(t) = state.thread.as_mut().filter(|t| &t.conv == conv_id) {
        t.merge(msg.into_iter().collect(), width, &tz, lang);
    }
    // The "sending…" line goes even when the answer had no message.
    relayout_thread(state);
    notify(state, Said::new("notice-reply-sent"));
}

/// Count an action's result towards the bulk action under way, and say
/// when that is finished.
fn bulk_counted(state: &mut State, id: ActionId, conv: &ConversationId, ok: bool) {
    let Some(b) = state.bulk.as_mut() else {
        return;
    };
    if !b.record(id, conv, ok) {
        return;
    }
    let retry = match state.settings.keymap.hint(Command::RetryFailed) {
        Some(key) if b.failed > 0 => Said::new("notice-retry-hint").arg("key", key),
        _ => Said::verbatim(""),
    };
    let text = Said::new("notice-bulk-done")
        .arg("summary", b.summary.clone())
        .arg("done", b.done)
        .arg("failed", b.failed)
        .arg("retry", retry);
    notify(state, text);
}

/// `z`: send the reverse of the agent's last action not yet undone (remove
/// the tag added, restore the previous assignees, flip read back); pressed
/// again, the one before. A reply cannot be taken back: it is skipped, and
/// said so.
pub fn undo(state: &mut State) -> Vec<Cmd> {
    let mut skipped = 0;
    let mut found = None;
    while let Some((conv, op, before)) = state.undo.pop() {
        let reverse = match (&op, before) {
            (Op::Tag(action, tag), _) => Op::Tag(action.reverse(), tag.clone()),
            (Op::Assign(_), Before::Assignees(prev)) => Op::Assign(prev),
            (Op::Read, _) => Op::Unread,
            (Op::Unread, _) => Op::Read,
            _ => {
                skipped += 1;
                continue;
            }
        };
        found = Some((conv, reverse));
        break;
    }
    let skip_note = match skipped {
        0 => Said::verbatim(""),
        n => Said::new("notice-undo-skipped").arg("count", n),
    };
    let Some((conv, reverse)) = found else {
        notify(
            state,
            Said::new("notice-nothing-to-undo").arg("skipped", skip_note),
        );
        return vec![];
    };
    let cmds = start_with(state, &conv, reverse, Origin::Undo);
    if let Some(label) = state.actions.items.last().map(|a| a.label.clone()) {
        let text = Said::new("notice-undo")
            .arg("action", label)
            .arg("left", state.undo.len())
            .arg("skipped", skip_note);
        notify(state, text);
    }
    cmds
}

/// Send every failed action again.
pub fn retry_failed(state: &mut State) -> Vec<Cmd> {
    if state.actions.failed().next().is_none() {
        notify(state, Said::new("notice-no-failed"));
        return vec![];
    }
    retry_where(state, |_| true)
}

/// Pancake answers a page again: resend what failed there for a passing
/// reason.
pub fn retry_transient(state: &mut State, page: &crate::api::PageId) -> Vec<Cmd> {
    let here = |a: &crate::app::actions::Action| a.transient && &a.page == page;
    if !state.actions.failed().any(here) {
        return vec![];
    }
    retry_where(state, here)
}

fn retry_where(state: &mut State, pick: impl Fn(&crate::app::actions::Action) -> bool) -> Vec<Cmd> {
    let failed: Vec<crate::app::actions::Action> = state
        .actions
        .failed()
        .filter(|a| pick(a))
        .cloned()
        .collect();
    let mut cmds = Vec::new();
    for a in failed {
        let (id, conv, op) = (a.id, a.conv, a.op);
        state
            .actions
            .resume(id, state.convs.get_mut(&conv).as_deref_mut());
        if let Some(b) = state.bulk.as_mut() {
            b.retried(id);
        }
        cmds.push(Cmd::Perform {
            page: a.page,
            id,
            conv,
            op,
            bulk: false,
            outbox: a.outbox,
            label: a.label,
        });
    }
    relayout_thread(state);
    notify(state, Said::new("notice-retrying").arg("count", cmds.len()));
    cmds
}

/// Cancel one action from the outbox. One that failed (or waits for
/// Pancake to answer again) is dropped with its outbox entry, a reply's text
/// going back to the draft; one on its way cannot be called back.
pub fn cancel(state: &mut State, id: ActionId) -> Vec<Cmd> {
    let Some(a) = state.actions.get(id) else {
        return vec![];
    };
    if a.elsewhere {
        let text = Said::new("notice-cancel-elsewhere").arg("action", a.label.clone());
        notify(state, text);
        return vec![];
    }
    if a.status == ActionStatus::Pending {
        let undo = match state.settings.keymap.hint(Command::Undo) {
            Some(key) => Said::verbatim(key),
            None => Said::new("notice-undo-command"),
        };
        let text = Said::new("notice-cancel-on-its-way")
            .arg("action", a.label.clone())
            .arg("undo", undo);
        notify(state, text);
        return vec![];
    }
    let Some(a) = state.actions.remove(id) else {
        return vec![];
    };
    back_to_draft(state, &a);
    relayout_thread(state);
    notify(
        state,
        Said::new("notice-cancelled").arg("action", a.label.clone()),
    );
    let mut cmds = if matches!(a.op, Op::Reply(_)) {
        vec![super::drafts::save_kept(state, &a.conv)]
    } else {
        vec![]
    };
    if let Some(o) = a.outbox {
        cmds.push(Cmd::ForgetOutbox(vec![(a.page, o)]));
    }
    cmds
}

/// A reply that will not be sent goes back to its conversation's draft,
/// after whatever the agent has typed there since: a message is never lost.
fn back_to_draft(state: &mut State, a: &crate::app::actions::Action) {
    if let Op::Reply(r) = &a.op {
        // A reply with files leaves its files as `attach: PATH` lines
        // (those not sent yet).
        let text = match r {
            Reply::Files(f) => f.draft_text(),
            r => r.text().to_owned(),
        };
        let draft = state.drafts.entry(a.conv.clone()).or_default();
        if !draft.is_empty() {
            draft.push('\n');
        }
        draft.push_str(&text);
    }
}

/// Send one failed action again.
pub fn retry_one(state: &mut State, id: ActionId) -> Vec<Cmd> {
    if !state
        .actions
        .get(id)
        .is_some_and(|a| matches!(a.status, ActionStatus::Failed(_)))
    {
        notify(state, Said::new("notice-only-failed-again"));
        return vec![];
    }
    retry_where(state, |a| a.id == id)
}

/// Drop failed actions (and their outbox entries). A dismissed reply's text
/// goes back to the conversation's draft: a message is never lost.
pub fn dismiss_failed(state: &mut State) -> Vec<Cmd> {
    let gone = state.actions.dismiss_failed();
    for a in &gone {
        back_to_draft(state, a);
    }
    relayout_thread(state);
    notify(
        state,
        Said::new("notice-dismissed").arg("count", gone.len()),
    );
    let ids: Vec<(crate::api::PageId, i64)> = gone
        .iter()
        .filter_map(|a| a.outbox.map(|o| (a.page.clone(), o)))
        .collect();
    let mut convs: Vec<&ConversationId> = gone
        .iter()
        .filter(|a| matches!(a.op, Op::Reply(_)))
        .map(|a| &a.conv)
        .collect();
    convs.sort();
    convs.dedup();
    let mut cmds: Vec<Cmd> = convs
        .into_iter()
        .map(|c| super::drafts::save_kept(state, c))
        .collect();
    if !ids.is_empty() {
        cmds.push(Cmd::ForgetOutbox(ids));
    }
    cmds
}

/// Restore the outbox after a restart: pending actions are shown and sent
/// again; a reply that was leaving when the app stopped may have reached
/// Pancake, so it waits for the agent (x sends it, X drops it).
pub fn restore_outbox(
    state: &mut State,
    page: &crate::api::PageId,
    entries: Vec<(i64, crate::store::OutboxEntry)>,
) -> Vec<Cmd> {
    let mut cmds = Vec::new();
    for (outbox, e) in entries {
        // A reply with files still uploading had posted nothing.
        let uncertain = e.sending && e.op.may_have_posted();
        let held = e
            .held
            .clone()
            .or_else(|| uncertain.then(|| Said::new("notice-stopped-while-sending")));
        let failure = held.clone().map(|why| Failure {
            // An older version kept the words, not the id.
            uncertain: uncertain
                || why.id == crate::api::error::MAYBE_SENT
                || why.words(Lang::En).contains("may have been sent"),
            why,
            transient: false,
        });
        let entry = Restored {
            page: page.clone(),
            conv: e.conv.clone(),
            op: e.op.clone(),
            label: e.label.clone(),
            created_at: e.created_at,
            outbox,
        };
        let id = state
            .actions
            .restore(state.convs.get_mut(&e.conv).as_deref_mut(), entry, failure);
        if held.is_none() {
            cmds.push(Cmd::Perform {
                page: page.clone(),
                id,
                conv: e.conv,
                op: e.op,
                bulk: false,
                outbox: Some(outbox),
                label: e.label,
            });
        }
    }
    if !cmds.is_empty() {
        notify(
            state,
            Said::new("notice-sending-left").arg("count", cmds.len()),
        );
    }
    cmds
}
