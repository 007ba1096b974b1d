//! Follow up later: snooze a conversation (or the marked ones) until a
//! time, kept in the page's local store; when due it is marked unread on
//! Pancake (marking unread is how a follow-up is kept, pancake-api.md § Paths), comes back to the top of the list
//! and the bell rings. A customer message before then brings it back early.

use crate::api::{ConversationId, UnixSeconds};
use crate::app::msg::Cmd;
use crate::app::snooze::{SnoozeEdit, due_label};
use crate::app::state::{Overlay, State};
use crate::i18n::{Said, tr_with};
use crate::store::Reminder;

use super::{act, list, notify};

/// `s`: the dialog for the marked conversations, else the selected one.
pub fn open(state: &mut State) {
    let (targets, name) = if state.marks.is_empty() {
        let Some(c) = state.selected_conversation() else {
            notify(state, Said::new("snooze-nothing"));
            return;
        };
        (
            vec![c.id.clone()],
            crate::text::sanitize_line(&c.customer.name),
        )
    } else {
        let mut t: Vec<ConversationId> = state.marks.iter().cloned().collect();
        t.sort();
        let n = t.len();
        let lang = state.settings.lang;
        (t, tr_with(lang, "snooze-marked", &[("count", n.into())]))
    };
    let current = match targets.as_slice() {
        [one] => state.snoozes.get(one).map(|r| r.due),
        _ => None,
    };
    state.overlay = Some(Overlay::Snooze(SnoozeEdit::new(targets, name, current)));
}

/// Snooze `targets` until `due` (a snoozed one gets the new time).
pub fn set(state: &mut State, targets: &[ConversationId], due: UnixSeconds) -> Vec<Cmd> {
    let mut cmds = Vec::new();
    let mut moved = Vec::new();
    for id in targets {
        let Some(c) = state.convs.get(id) else {
            continue;
        };
        let r = Reminder {
            page_id: c.page_id.clone(),
            conv: id.clone(),
            due,
            created: state.now,
        };
        state.snoozes.insert(id.clone(), r.clone());
        if state.surfaced.remove(id).is_some() {
            // It sorted by when it came back: back at its own time.
            moved.extend(state.convs.position(id));
        }
        cmds.push(Cmd::SaveReminder(r));
    }
    list::reorder(state, moved);
    let lang = state.settings.lang;
    let what = match targets {
        [one] => state
            .convs
            .get(one)
            .map_or_else(|| one.to_string(), |c| c.customer.name.clone()),
        many => tr_with(
            lang,
            "snooze-conversations",
            &[("count", many.len().into())],
        ),
    };
    state.marks.retain(|m| !targets.contains(m));
    list::rebuild_visible(state);
    let when = due_label(due, &state.settings.tz, lang);
    let done = Said::new("snooze-done")
        .arg("what", crate::text::sanitize_line(&what))
        .arg("due", when);
    notify(state, done);
    cmds
}

/// Wake `targets` now, without marking them unread.
pub fn cancel(state: &mut State, targets: &[ConversationId]) -> Vec<Cmd> {
    let mut cmds = Vec::new();
    for id in targets {
        if let Some(r) = state.snoozes.remove(id) {
            cmds.push(Cmd::CancelReminder(r.page_id, r.conv));
        }
    }
    list::rebuild_visible(state);
    notify(
        state,
        Said::new("snooze-cancelled").arg("count", cmds.len()),
    );
    cmds
}

/// Why a snoozed conversation came back.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wake {
    Due,
    CustomerWrote,
}

/// On each tick: snoozes that are due, or whose customer wrote since.
/// A conversation not loaded yet waits (its page's cache or list brings it).
pub fn on_tick(state: &mut State) -> Vec<Cmd> {
    if state.snoozes.is_empty() {
        return vec![];
    }
    let now = state.now;
    let mut woken: Vec<(Reminder, Wake)> = state
        .snoozes
        .values()
        .filter_map(|r| {
            let c = state.convs.get(&r.conv)?;
            if customer_wrote_since(&c, r.created) {
                Some((r.clone(), Wake::CustomerWrote))
            } else if r.due <= now {
                Some((r.clone(), Wake::Due))
            } else {
                None
            }
        })
        .collect();
    if woken.is_empty() {
        return vec![];
    }
    woken.sort_by(|a, b| (a.0.due, &a.0.conv).cmp(&(b.0.due, &b.0.conv)));
    // The bell rings once for them all.
    let mut cmds = vec![Cmd::Ring];
    let mut names = Vec::new();
    let mut early = Vec::new();
    for (r, why) in &woken {
        state.snoozes.remove(&r.conv);
        state.surfaced.insert(r.conv.clone(), now);
        cmds.push(Cmd::CancelReminder(r.page_id.clone(), r.conv.clone()));
        let name = state
            .convs
            .get(&r.conv)
            .map_or_else(|| r.conv.to_string(), |c| c.customer.name.clone());
        match why {
            Wake::Due => {
                // The follow-up idiom: unread on Pancake, for every agent.
                cmds.extend(act::mark_read(state, &r.conv, false));
                names.push(name);
            }
            Wake::CustomerWrote => early.push(name),
        }
    }
    list::resort(state);
    list::rebuild_visible(state);
    let lang = state.settings.lang;
    let mut parts = Vec::new();
    for (id, who) in [("snooze-follow-up", names), ("snooze-wrote-early", early)] {
        if !who.is_empty() {
            parts.push(tr_with(lang, id, &[("names", who.join(", ").into())]));
        }
    }
    notify(
        state,
        Said::verbatim(crate::text::sanitize_line(&parts.join(" · "))),
    );
    cmds
}

/// A customer message after `since`: its time when the API gives it, else
/// newer activity that left the conversation unread.
fn customer_wrote_since(c: &crate::api::Conversation, since: UnixSeconds) -> bool {
    match c.last_customer_message_at {
        Some(t) => t > since,
        None => !c.seen && c.updated_at.is_some_and(|u| u > since),
    }
}
