//! The open thread: opening, scrolling, loading older messages, polling.

use crate::api::{ApiError, ConversationId, Message, UnixSeconds};
use crate::app::msg::Cmd;
use crate::app::state::{Focus, State};
use crate::app::thread::Thread;

use super::act;

/// Open the selected conversation's thread (and mark it read, like the web app).
pub fn open_selected(state: &mut State) -> Vec<Cmd> {
    let Some(conv) = state.selected_conversation() else {
        return vec![];
    };
    state.focus = Focus::Thread;
    let mut cmds = Vec::new();
    if state.thread.as_ref().is_none_or(|t| t.conv != conv.id) {
        // Named the way this page's Pancake was found to take it.
        let asked = state
            .page_index(&conv.page_id)
            .map(|p| state.pages[p].quirks.thread)
            .unwrap_or_default();
        let ids = (
            conv.customer.page_customer_id.clone(),
            conv.customer.global_id.clone(),
        );
        let mut t = Thread::new(
            conv.id.clone(),
            asked.id_for(ids.0.as_deref(), ids.1.as_deref()),
        );
        t.customer_ids = ids;
        t.asked = asked;
        t.width = state.viewport.thread_text_width(state.customer_panel);
        t.page = conv.page_id.clone();
        t.seen_updated = conv.updated_at;
        if let Some(key) = conv.customer.key() {
            t.others = state.convs.of_customer(&conv.page_id, key);
        }
        state.thread = Some(t);
        // The customer's record and tag history: the store's (not in the
        // list, `app::convs::rest`).
        let at = state.convs.position(&conv.id);
        state.convs.pin_rest(at);
        if at.is_some_and(|i| !state.convs.has_rest(i)) {
            cmds.push(Cmd::LoadRecord {
                page: conv.page_id.clone(),
                conv: conv.id.clone(),
            });
        }
        // Replies made here earlier and not confirmed show again.
        super::act::relayout_thread(state);
        let customer_id = state.thread.as_ref().and_then(|t| t.customer_id.clone());
        cmds.push(Cmd::LoadMessages {
            page: conv.page_id.clone(),
            conv: conv.id.clone(),
            customer_id,
            current_count: None,
            as_of: conv.updated_at,
        });
    }
    if state.settings.mark_read_on_open && !conv.seen {
        cmds.extend(act::mark_read(state, &conv.id, true));
    }
    cmds.extend(super::customer::ensure(state));
    cmds.extend(super::post::ensure(state));
    cmds
}

pub fn on_messages(
    state: &mut State,
    conv: ConversationId,
    older: bool,
    result: Result<Vec<Message>, ApiError>,
) -> Vec<Cmd> {
    let width = state.viewport.thread_text_width(state.customer_panel);
    let now = state.now;
    let poll = state.settings.thread_poll_secs as i64;
    let tz = state.settings.tz.clone();
    let lang = state.settings.lang;
    // Answers for a thread no longer open are dropped (latest wins).
    let Some(t) = state.thread.as_mut().filter(|t| t.conv == conv) else {
        return vec![];
    };
    if let Err(e) = &result
        && let Some(again) = ask_another_way(t, e, older)
    {
        return vec![again];
    }
    let mut cmds = Vec::new();
    if result.is_ok() {
        cmds.extend(learn_the_way(state));
    }
    let Some(t) = state.thread.as_mut() else {
        return cmds;
    };
    if older {
        t.loading_older = false;
    } else {
        t.loading = false;
        t.next_poll = Some(UnixSeconds(now.0 + poll));
    }
    match result {
        Ok(msgs) => {
            t.error = None;
            let before_lines = t.lines.len();
            // An older page that brings nothing is the beginning. (A short
            // page would be too, pancake-api.md § Messages, but what is
            // counted here is after the decoder skipped odd messages.)
            let was_empty = msgs.is_empty();
            let added = t.merge(msgs, width, &tz, lang);
            if older && (was_empty || added == 0) {
                t.exhausted = true;
            }
            // Scroll counts lines from the bottom: older messages land above
            // and change nothing; newer ones while scrolled up push the view.
            if !older && t.scroll > 0 {
                t.scroll += t.lines.len().saturating_sub(before_lines);
            }
            let count = state.convs.get(&conv).and_then(|c| c.message_count);
            let t = state.thread.as_mut().expect("checked above");
            if count.is_some_and(|n| t.loaded() >= n as usize) {
                t.exhausted = true;
            }
        }
        Err(e) => t.error = Some(e.to_string()),
    }
    cmds
}

/// Pancake refused the messages call for the customer it named: ask again
/// naming them the next way (the global id, then none), if one is left.
fn ask_another_way(t: &mut Thread, e: &ApiError, older: bool) -> Option<Cmd> {
    if !crate::api::quirks::refused_customer(e) {
        return None;
    }
    let (pc, global) = (t.customer_ids.0.as_deref(), t.customer_ids.1.as_deref());
    let next = t.asked.after(pc, global)?;
    t.asked = next;
    t.customer_id = next.id_for(pc, global);
    tracing::info!(
        way = next.words(),
        "messages refused for the customer: asking again"
    );
    Some(Cmd::LoadMessages {
        page: t.page.clone(),
        conv: t.conv.clone(),
        customer_id: t.customer_id.clone(),
        current_count: older.then(|| t.loaded()),
        as_of: t.seen_updated,
    })
}

/// The open thread was answered: the way it named the customer is the
/// page's from now on (kept in the page's cache when it changed).
fn learn_the_way(state: &mut State) -> Vec<Cmd> {
    let Some(t) = state.thread.as_ref() else {
        return vec![];
    };
    let asked = t.asked;
    let Some(p) = state.page_index(&t.page) else {
        return vec![];
    };
    if state.pages[p].quirks.thread == asked {
        return vec![];
    }
    state.pages[p].quirks.thread = asked;
    let page = &state.pages[p];
    vec![Cmd::SaveMeta(page.id.clone(), page.meta())]
}

/// Scroll the thread by `delta` lines (positive = up, towards older).
/// Reaching the top asks for older messages.
pub fn scroll(state: &mut State, delta: isize) -> Vec<Cmd> {
    let rows = state.viewport.thread_rows.max(1);
    let Some(t) = state.thread.as_mut() else {
        return vec![];
    };
    let max = t.max_scroll(rows);
    t.scroll = (t.scroll as isize + delta).clamp(0, max as isize) as usize;
    if delta > 0 && t.scroll >= max {
        return load_older(state);
    }
    vec![]
}

pub fn scroll_to_top(state: &mut State) -> Vec<Cmd> {
    scroll(state, isize::MAX / 2)
}

pub fn scroll_to_bottom(state: &mut State) {
    if let Some(t) = state.thread.as_mut() {
        t.scroll = 0;
    }
}

fn load_older(state: &mut State) -> Vec<Cmd> {
    let Some(t) = state.thread.as_mut() else {
        return vec![];
    };
    if t.exhausted || t.loading || t.loading_older {
        return vec![];
    }
    t.loading_older = true;
    vec![Cmd::LoadMessages {
        page: t.page.clone(),
        conv: t.conv.clone(),
        customer_id: t.customer_id.clone(),
        current_count: Some(t.loaded()),
        as_of: None,
    }]
}

/// Poll the open thread when due.
pub fn poll_due(state: &mut State) -> Vec<Cmd> {
    let now = state.now;
    let Some(t) = state.thread.as_mut() else {
        return vec![];
    };
    if t.loading || t.next_poll.is_none_or(|p| now < p) {
        return vec![];
    }
    t.loading = true;
    t.next_poll = None;
    vec![Cmd::LoadMessages {
        page: t.page.clone(),
        conv: t.conv.clone(),
        customer_id: t.customer_id.clone(),
        current_count: None,
        as_of: t.seen_updated,
    }]
}

/// The list says the open conversation changed (its `updated_at` moved
/// past what the thread has seen): fetch the newest messages now.
pub fn refresh_if_moved(
    state: &mut State,
    conv: &ConversationId,
    updated: Option<UnixSeconds>,
) -> Vec<Cmd> {
    let Some(t) = state.thread.as_mut().filter(|t| &t.conv == conv) else {
        return vec![];
    };
    let moved = match (t.seen_updated, updated) {
        (Some(seen), Some(now)) => now > seen,
        _ => true,
    };
    if updated.is_some() {
        t.seen_updated = updated;
    }
    if !moved || t.loading {
        return vec![];
    }
    t.next_poll = Some(UnixSeconds(0));
    poll_due(state)
}

/// Lay the thread out again after a resize.
pub fn relayout(state: &mut State) {
    let width = state.viewport.thread_text_width(state.customer_panel);
    let tz = state.settings.tz.clone();
    let lang = state.settings.lang;
    if let Some(t) = state.thread.as_mut()
        && t.width != width
    {
        t.relayout(width, &tz, lang);
    }
}
