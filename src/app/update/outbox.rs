//! The outbox shared by the windows of one agent (`store/owner.rs`): an
//! action that could not be written down is not sent; another window's
//! actions are shown pending here and never sent from here; what a window
//! that closed or died left is taken over.

use crate::api::PageId;
use crate::app::actions::{ActionId, ActionStatus, Failure, Restored};
use crate::app::keys::Command;
use crate::app::msg::Cmd;
use crate::app::state::State;
use crate::i18n::Said;
use crate::store::OutboxEntry;

use super::act::{relayout_thread, restore_outbox};
use super::{notify, notify_error};

/// The action could not be written to the outbox (or marked as leaving
/// there): it was not sent. It stays listed, failed with the reason, and
/// `x` tries again; nothing the agent did is lost.
pub fn not_kept(state: &mut State, id: ActionId, why: Said) -> Vec<Cmd> {
    let Some(label) = state.actions.get(id).map(|a| a.label.clone()) else {
        return vec![];
    };
    let conv = state.actions.get(id).map(|a| a.conv.clone());
    let failure = Failure {
        why: Said::new("notice-not-written-down").arg("why", why.clone()),
        transient: false,
        uncertain: false,
    };
    let mut c = conv.and_then(|c| state.convs.get_mut(&c));
    state.actions.fail(id, c.as_deref_mut(), failure);
    drop(c);
    relayout_thread(state);
    let retry = state
        .settings
        .keymap
        .hint(Command::RetryFailed)
        .map_or_else(
            || Said::verbatim(""),
            |k| Said::new("notice-tries-again").arg("key", k),
        );
    notify_error(
        state,
        Said::new("notice-not-sent-outbox")
            .arg("action", label)
            .arg("why", why)
            .arg("retry", retry),
    );
    vec![]
}

/// The action's outbox entry is another window's (it sends it), or gone
/// (that window finished or cancelled it).
pub fn not_ours(state: &mut State, id: ActionId, gone: bool) -> Vec<Cmd> {
    if gone {
        state.actions.remove(id);
    } else if let Some(a) = state.actions.get_mut(id) {
        a.elsewhere = true;
        a.status = ActionStatus::Pending;
        a.transient = false;
        a.uncertain = false;
    }
    relayout_thread(state);
    if state.quitting.is_some() && state.actions.pending() == 0 {
        return vec![Cmd::Exit];
    }
    vec![]
}

/// What the outbox watcher found on `page`: another window's entries are
/// listed pending (new ones added, finished ones dropped); those taken
/// over from a window that is gone are sent from here, as after a restart.
pub fn seen(
    state: &mut State,
    page: &PageId,
    claimed: Vec<(i64, OutboxEntry)>,
    theirs: Vec<(i64, OutboxEntry)>,
) -> Vec<Cmd> {
    if state.page_index(page).is_none() {
        return vec![];
    }
    let before = state.actions.items.len();
    let on_page = |a: &crate::app::actions::Action| &a.page == page;
    // Finished elsewhere, or taken over here (restored again below).
    let still_theirs = |o: Option<i64>| o.is_some_and(|o| theirs.iter().any(|(t, _)| *t == o));
    let gone: Vec<ActionId> = state
        .actions
        .items
        .iter()
        .filter(|a| on_page(a) && a.elsewhere && !still_theirs(a.outbox))
        .map(|a| a.id)
        .collect();
    for id in &gone {
        state.actions.remove(*id);
    }
    for (outbox, e) in theirs {
        let known = state
            .actions
            .items
            .iter()
            .any(|a| on_page(a) && a.outbox == Some(outbox));
        if known {
            continue;
        }
        let entry = Restored {
            page: page.clone(),
            conv: e.conv.clone(),
            op: e.op,
            label: e.label,
            created_at: e.created_at,
            outbox,
        };
        let id = state
            .actions
            .restore(state.convs.get_mut(&e.conv).as_deref_mut(), entry, None);
        if let Some(a) = state.actions.get_mut(id) {
            a.elsewhere = true;
        }
    }
    let taken = claimed.len();
    let cmds = restore_outbox(state, page, claimed);
    if taken > 0 {
        notify(state, Said::new("notice-taken-over").arg("count", taken));
    }
    if !gone.is_empty() || state.actions.items.len() != before || taken > 0 {
        state.tabs.stale = true;
        relayout_thread(state);
    }
    cmds
}
