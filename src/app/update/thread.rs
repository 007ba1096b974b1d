//! The open thread: opening, scrolling, loading older messages, polling.

use crate::api::{ApiError, ConversationId, Message, UnixSeconds};
use crate::app::msg::Cmd;
use crate::app::state::{Focus, State};
use crate::app::thread::Thread;

use super::act;

/// Open the selected conversation's thread (and mark it read, like the web app).
pub fn open_selected(state: &mut State) -> Vec<Cmd> {
    let Some(conv) = state.selected_conversation().cloned() else {
        return vec![];
    };
    state.focus = Focus::Thread;
    state.dirty = true;
    let mut cmds = Vec::new();
    if state.thread.as_ref().is_none_or(|t| t.conv != conv.id) {
        let mut t = Thread::new(
            conv.id.clone(),
            conv.customer.messages_id().map(str::to_owned),
        );
        t.width = state.viewport.thread_text_width(state.customer_panel);
        t.page = conv.page_id.clone();
        t.seen_updated = conv.updated_at;
        state.thread = Some(t);
        // Replies made here earlier and not confirmed show again.
        super::act::relayout_thread(state);
        cmds.push(Cmd::LoadMessages {
            page: conv.page_id.clone(),
            conv: conv.id.clone(),
            customer_id: conv.customer.messages_id().map(str::to_owned),
            current_count: None,
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
    // Answers for a thread no longer open are dropped (latest wins).
    let Some(t) = state.thread.as_mut().filter(|t| t.conv == conv) else {
        return vec![];
    };
    state.dirty = true;
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
            // A short page is the last (pancake-api.md § Messages).
            let short = msgs.len() < crate::api::MESSAGES_PAGE;
            let added = t.merge(msgs, width, &tz);
            if short || (older && added == 0) {
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
    vec![]
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
    state.dirty = true;
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
        state.dirty = true;
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
    if let Some(t) = state.thread.as_mut()
        && t.width != width
    {
        t.relayout(width, &tz);
    }
}
