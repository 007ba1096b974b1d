//! `update(state, msg) -> commands`: every state change of the app, no I/O.

mod act;
mod bulk;
mod input;
mod list;
mod sync;
mod thread;

use super::msg::{Cmd, Msg};
use super::state::{Notice, State};

/// The commands to run when the app starts (after `Msg::Cached`, if any).
/// A complete cache is refreshed with a delta poll (seed 003's `since`
/// pattern); otherwise the list is walked from the top.
pub fn init(state: &mut State) -> Vec<Cmd> {
    let mut cmds = vec![Cmd::LoadTags, Cmd::LoadStaff];
    if state.sync.complete && state.sync.last_sync.is_some() {
        state.sync.generation += 1;
        cmds.extend(sync::start_poll(state));
    } else {
        cmds.extend(sync::start_backfill(state));
    }
    cmds
}

/// Paint from the cache before any network call returns.
fn on_cached(state: &mut State, cached: super::msg::Cached) -> Vec<Cmd> {
    let super::msg::Cached {
        conversations,
        meta,
        outbox,
        drafts,
        notice,
    } = cached;
    state.drafts.extend(drafts);
    state.sync.cached = !conversations.is_empty();
    list::ingest(state, conversations);
    state.sync.last_sync = meta.last_sync;
    state.sync.complete = meta.complete;
    if let Some(tags) = meta.tags {
        set_tags(state, tags);
    }
    if let Some(staff) = meta.staff {
        state.staff = staff;
    }
    resolve_views(state);
    if let Some(n) = notice {
        notify(state, n);
    }
    state.dirty = true;
    act::restore_outbox(state, outbox)
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
        } => {
            let save = result
                .as_ref()
                .ok()
                .filter(|m| !m.is_empty())
                .map(|m| Cmd::SaveMessages {
                    conv: conv.clone(),
                    messages: m.clone(),
                });
            let mut cmds = thread::on_messages(state, conv, older, result);
            cmds.extend(save);
            cmds
        }
        Msg::Tags(result) => {
            match result {
                Ok(tags) => {
                    set_tags(state, tags);
                    resolve_views(state);
                    state.dirty = true;
                    return vec![Cmd::SaveMeta(sync::meta(state))];
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
                    state.dirty = true;
                    return vec![Cmd::SaveMeta(sync::meta(state))];
                }
                Err(e) => notify_error(state, format!("staff not loaded: {e}")),
            }
            state.dirty = true;
            vec![]
        }
        Msg::ActionDone { id, result } => act::on_done(state, id, result),
        Msg::Remembered => vec![],
        Msg::Cached(cached) => on_cached(state, *cached),
        Msg::Queued { id, outbox } => {
            if let Some(a) = state.actions.get_mut(id) {
                a.outbox = Some(outbox);
            }
            vec![]
        }
        Msg::Edited { conv, result } => {
            state.dirty = true;
            match result {
                Ok(text) => {
                    let text = crate::text::sanitize_input(text.trim_end_matches('\n'));
                    match state.composer.as_mut().filter(|c| c.conv == conv) {
                        Some(c) => c.set_text(text),
                        None => {
                            state.drafts.insert(conv, text);
                            return vec![save_drafts(state)];
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

fn set_tags(state: &mut State, tags: Vec<crate::api::Tag>) {
    state.tag_index = tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.clone(), i))
        .collect();
    state.tags = tags;
}

/// The drafts as they are now, for the cache.
fn save_drafts(state: &State) -> Cmd {
    let mut drafts: Vec<_> = state
        .drafts
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    drafts.sort();
    Cmd::SaveDrafts(drafts)
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
