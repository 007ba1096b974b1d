//! Drafts on disk: the composer's draft is saved a debounce after its last
//! change and at once when the app is told to quit; a conversation's row is
//! read again when its composer opens (another window may have written it);
//! a draft emptied deletes its row. One row per conversation, so windows on
//! one page never overwrite each other's drafts of other conversations.

use std::time::Duration;

use crate::api::{ConversationId, PageId};
use crate::app::composer::Composer;
use crate::app::msg::Cmd;
use crate::app::state::State;
use crate::i18n::Said;
use crate::store::Draft;

use super::{attach, notify_error};

/// How long after the last change the composer's draft is saved.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(400);

/// The composer's draft before a message: what [`after`] compares with.
pub(super) struct Before {
    composer: Option<(ConversationId, Kept)>,
}

/// What of the composer is kept: its text and its files' paths in any
/// order (a file's check answered moves it, and changes no draft).
type Kept = (String, Vec<String>);

fn kept(c: &Composer) -> Kept {
    let attached = c.files.attached.iter().map(|f| f.path.clone());
    let mut files: Vec<String> = attached.chain(c.files.checking.iter().cloned()).collect();
    files.sort();
    (c.input.text.clone(), files)
}

pub(super) fn before(state: &State) -> Before {
    Before {
        composer: state.composer.as_ref().map(|c| (c.conv.clone(), kept(c))),
    }
}

/// After a message: a changed draft arms the debounce (the composer is
/// the agent's own from then on); quitting (`exiting`: the message's
/// commands end the app) saves it now.
pub(super) fn after(state: &mut State, before: Before, exiting: bool) -> Vec<Cmd> {
    let now = state.now;
    let Some(c) = state.composer.as_mut() else {
        return vec![];
    };
    let changed = before
        .composer
        .is_some_and(|(conv, was)| conv == c.conv && was != kept(c));
    if changed {
        c.edited = true;
    }
    let conv = c.conv.clone();
    if exiting {
        // Told to quit: no timer will fire any more.
        if !c.edited {
            return vec![];
        }
        let draft = c.to_draft(now);
        return vec![save(state, draft)];
    }
    if !changed {
        return vec![];
    }
    state.draft_seq += 1;
    vec![Cmd::DraftTimer {
        conv,
        seq: state.draft_seq,
        after: DEBOUNCE,
    }]
}

/// The page a conversation's draft belongs to (the first page if the
/// conversation is not known).
fn page_of(state: &State, conv: &ConversationId) -> PageId {
    state
        .convs
        .get(conv)
        .map_or_else(|| state.pages[0].id.clone(), |c| c.page_id.clone())
}

pub(super) fn save(state: &State, draft: Draft) -> Cmd {
    Cmd::SaveDraft(page_of(state, &draft.conv), draft)
}

/// Keep `conv`'s draft as `state.drafts` holds it (none: its row goes).
pub(super) fn save_kept(state: &State, conv: &ConversationId) -> Cmd {
    let text = state.drafts.get(conv).map_or("", String::as_str);
    save(state, Draft::from_text(conv.clone(), text, state.now))
}

/// The composer's draft as it is now, for the store (an empty one deletes
/// the row).
pub(super) fn save_composer(state: &State) -> Vec<Cmd> {
    state
        .composer
        .as_ref()
        .map(|c| save(state, c.to_draft(state.now)))
        .into_iter()
        .collect()
}

/// The composer opened on `conv`: its row is read again.
pub(super) fn load(state: &State, conv: &ConversationId) -> Cmd {
    Cmd::LoadDraft(page_of(state, conv), conv.clone())
}

/// The debounce of the change `seq` ran out: saved, unless a newer change
/// is pending or the composer closed (closing saved it already).
pub(super) fn on_due(state: &mut State, conv: ConversationId, seq: u64) -> Vec<Cmd> {
    let open = state.composer.as_ref().is_some_and(|c| c.conv == conv);
    if seq != state.draft_seq || !open {
        return vec![];
    }
    save_composer(state)
}

/// The store's copy of a draft, read when its composer opened: it replaces
/// what the composer shows unless the agent has typed since (theirs wins)
/// or this window's own save of it failed (then this is the only copy).
pub(super) fn on_loaded(
    state: &mut State,
    conv: ConversationId,
    result: Result<Option<Draft>, String>,
) -> Vec<Cmd> {
    let stored = match result {
        Ok(d) => d,
        Err(e) => {
            let why = Said::new("notice-draft-not-read").arg("why", e.to_string());
            notify_error(state, why);
            return vec![];
        }
    };
    if stored.is_none() && state.drafts_unsaved.contains(&conv) {
        return vec![];
    }
    let Some(c) = state
        .composer
        .as_mut()
        .filter(|c| c.conv == conv && !c.edited)
    else {
        return vec![];
    };
    let text = stored.map(|d| d.to_text()).unwrap_or_default();
    if text == c.draft() {
        return vec![];
    }
    attach::set_text_and_files(c, &text)
}

/// A save answered: a failure is said on the status bar, and remembered.
pub(super) fn on_saved(state: &mut State, conv: ConversationId, result: Result<(), String>) {
    match result {
        Ok(()) => {
            state.drafts_unsaved.remove(&conv);
        }
        Err(e) => {
            let name = state
                .convs
                .get(&conv)
                .map(|c| crate::text::sanitize_line(&c.customer.name));
            let said = match name {
                Some(n) => Said::new("notice-draft-to-not-saved").arg("who", n),
                None => Said::new("notice-draft-not-saved"),
            };
            notify_error(state, said.arg("why", e.to_string()));
            state.drafts_unsaved.insert(conv);
        }
    }
}
