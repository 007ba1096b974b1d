//! `update(state, msg) -> commands`: every state change of the app, no I/O.

mod act;
mod bulk;
mod input;
mod list;
mod sync;
mod thread;

use super::msg::{Cmd, Msg};
use super::state::{Notice, State};

/// The commands to run when the app starts.
pub fn init(state: &mut State) -> Vec<Cmd> {
    let mut cmds = vec![Cmd::LoadTags, Cmd::LoadStaff];
    cmds.extend(sync::start_backfill(state));
    cmds
}

/// Apply one message to the state; return the work it asks for.
pub fn update(state: &mut State, msg: Msg) -> Vec<Cmd> {
    match msg {
        Msg::Key(k) => input::on_key(state, k),
        Msg::Paste(text) => input::on_paste(state, &text),
        Msg::Resize(v) => {
            state.viewport = v;
            thread::relayout(state);
            list::scroll_into_view(state);
            state.dirty = true;
            vec![]
        }
        Msg::Tick(now) => sync::on_tick(state, now),
        Msg::Terminate => {
            state.exit = true;
            vec![]
        }
        Msg::Conversations {
            generation,
            mode,
            cursor,
            result,
        } => sync::on_conversations(state, generation, mode, cursor, result),
        Msg::Messages {
            conv,
            older,
            result,
        } => thread::on_messages(state, conv, older, result),
        Msg::Tags(result) => {
            match result {
                Ok(tags) => {
                    state.tag_index = tags
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (t.id.clone(), i))
                        .collect();
                    state.tags = tags;
                    resolve_views(state);
                }
                Err(e) => notify_error(state, format!("tags not loaded: {e}")),
            }
            state.dirty = true;
            vec![]
        }
        Msg::Staff(result) => {
            match result {
                Ok(staff) => {
                    state.staff = staff;
                    resolve_views(state);
                }
                Err(e) => notify_error(state, format!("staff not loaded: {e}")),
            }
            state.dirty = true;
            vec![]
        }
        Msg::ActionDone { id, result } => act::on_done(state, id, result),
        Msg::Remembered => vec![],
        Msg::Edited { conv, result } => {
            state.dirty = true;
            match result {
                Ok(text) => {
                    let text = crate::text::sanitize_input(text.trim_end_matches('\n'));
                    match state.composer.as_mut().filter(|c| c.conv == conv) {
                        Some(c) => c.set_text(text),
                        None => {
                            state.drafts.insert(conv, text);
                        }
                    }
                }
                Err(e) => notify_error(state, format!("editor: {e}")),
            }
            vec![]
        }
        Msg::Headroom(h) => {
            if state.headroom != h {
                state.headroom = h;
                state.dirty = true;
            }
            vec![]
        }
    }
}

/// Turn configured views into filters once tags and staff are known.
fn resolve_views(state: &mut State) {
    if state.view_configs.is_empty() || state.tags.is_empty() || state.staff.users.is_empty() {
        list::rebuild_visible(state);
        return;
    }
    let mut views = Vec::new();
    for cfg in &state.view_configs {
        match cfg.resolve(&state.tags, &state.staff) {
            Ok(v) => views.push(v),
            Err(e) => state.notice = Some(Notice::Error(format!("config: {e}"))),
        }
    }
    if !views.is_empty() {
        state.views = views;
        state.view = state.view.min(state.views.len() - 1);
    }
    list::rebuild_visible(state);
}

fn notify(state: &mut State, text: impl Into<String>) {
    state.notice = Some(Notice::Info(text.into()));
    state.dirty = true;
}

fn notify_error(state: &mut State, text: impl Into<String>) {
    state.notice = Some(Notice::Error(text.into()));
    state.dirty = true;
}

#[cfg(test)]
mod tests;
