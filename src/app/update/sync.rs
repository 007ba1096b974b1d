//! Background sync of the list: backfill with the cursor, then polls with
//! `since` = the newest `updated_at` seen; errors back off and retry.

use crate::api::{ApiError, Conversation, ConversationId, ConversationQuery, UnixSeconds};
use crate::app::msg::{Cmd, LoadMode};
use crate::app::state::State;

use super::{list, thread};

/// Seconds subtracted from the last sync when polling, so that changes
/// stamped in the same second are not missed (duplicates merge away).
const POLL_OVERLAP_SECS: i64 = 2;
/// Longest wait between retries of a failing sync.
const MAX_BACKOFF_SECS: i64 = 60;

/// Reload the list from the top.
pub fn start_backfill(state: &mut State) -> Vec<Cmd> {
    state.sync.generation += 1;
    state.sync.complete = false;
    request(state, LoadMode::Backfill, None)
}

/// `R`: sync now. A walk that failed part-way and waits to resume at its
/// cursor (the backfill, or a poll over several pages) resumes now: a fresh
/// poll from the newest change would skip the pages it had not reached.
pub fn refresh_now(state: &mut State) -> Vec<Cmd> {
    if state.sync.loading {
        return vec![];
    }
    match state.sync.resume.take() {
        Some((mode, cursor)) => request(state, mode, cursor),
        None => start_poll(state),
    }
}

/// Ask for what changed since the last sync.
pub fn start_poll(state: &mut State) -> Vec<Cmd> {
    if state.sync.loading {
        return vec![];
    }
    request(state, LoadMode::Poll, None)
}

fn request(state: &mut State, mode: LoadMode, cursor: Option<ConversationId>) -> Vec<Cmd> {
    if mode == LoadMode::Poll && cursor.is_none() {
        // Fixed for every page of this poll, so the cursor stays meaningful.
        state.sync.poll_since = state
            .sync
            .last_sync
            .map(|t| UnixSeconds(t.0 - POLL_OVERLAP_SECS));
    }
    let query = match mode {
        LoadMode::Filter => unreachable!("filtered fetches start in start_filter_fetch"),
        LoadMode::Backfill => ConversationQuery::default(),
        LoadMode::Poll => ConversationQuery {
            since: state.sync.poll_since,
            ..ConversationQuery::default()
        },
    };
    state.sync.loading = true;
    state.sync.polling = mode == LoadMode::Poll;
    state.sync.next_poll = None;
    state.sync.resume = None;
    state.dirty = true;
    vec![Cmd::LoadConversations {
        generation: state.sync.generation,
        mode,
        query,
        cursor,
    }]
}

pub fn on_conversations(
    state: &mut State,
    generation: u64,
    mode: LoadMode,
    cursor: Option<ConversationId>,
    result: Result<Vec<Conversation>, ApiError>,
) -> Vec<Cmd> {
    if mode == LoadMode::Filter {
        return on_filter_page(state, generation, result);
    }
    if generation != state.sync.generation {
        return vec![];
    }
    state.sync.loading = false;
    state.dirty = true;
    match result {
        Ok(batch) => {
            // Back in touch: what failed while Pancake was away goes again.
            let mut cmds = super::act::retry_transient(state);
            state.sync.error = None;
            state.sync.failures = 0;
            state.sync.offline = false;
            state.sync.last_ok = Some(state.now);
            let newest = batch.iter().filter_map(|c| c.updated_at).max();
            if newest > state.sync.last_sync {
                state.sync.last_sync = newest;
            }
            let next_cursor = batch.last().map(|c| c.id.clone());
            let open_changed = state.thread.as_ref().and_then(|t| {
                batch
                    .iter()
                    .find(|c| c.id == t.conv)
                    .map(|c| (c.id.clone(), c.message_count))
            });
            if !batch.is_empty() {
                cmds.push(Cmd::SaveConversations(batch.clone()));
            }
            list::ingest(state, batch);
            state.sync.cached = false;
            if let Some((conv, count)) = open_changed {
                cmds.extend(thread::refresh_if_grown(state, &conv, count));
            }
            match next_cursor {
                // Seed 003: loop until an empty page.
                Some(c) => cmds.extend(request(state, mode, Some(c))),
                None => {
                    if mode == LoadMode::Backfill {
                        state.sync.complete = true;
                    }
                    schedule(
                        state,
                        mode_after_end(),
                        None,
                        state.settings.poll_secs as i64,
                    );
                    cmds.push(Cmd::SaveMeta(meta(state)));
                }
            }
            cmds
        }
        Err(e) => {
            state.sync.failures += 1;
            state.sync.offline = e.is_offline();
            state.sync.error = Some(e.to_string());
            let wait = if e.is_transient() {
                (1i64 << state.sync.failures.min(6)).min(MAX_BACKOFF_SECS)
            } else {
                // A rejected token or a missing page will not fix itself soon.
                MAX_BACKOFF_SECS
            };
            schedule(state, mode, cursor, wait);
            vec![]
        }
    }
}

/// Ask Pancake for the active filter's conversations (server-side parts),
/// so the filtered list is complete even where the backfill has not reached.
pub fn start_filter_fetch(state: &mut State) -> Vec<Cmd> {
    state.filter_generation += 1;
    state.sync.filtering = false;
    if !state.filter().has_server_part() {
        return vec![];
    }
    filter_page(state, None)
}

fn filter_page(state: &mut State, cursor: Option<ConversationId>) -> Vec<Cmd> {
    state.sync.filtering = true;
    vec![Cmd::LoadConversations {
        generation: state.filter_generation,
        mode: LoadMode::Filter,
        query: state.filter().server_query(state.now),
        cursor,
    }]
}

fn on_filter_page(
    state: &mut State,
    generation: u64,
    result: Result<Vec<Conversation>, ApiError>,
) -> Vec<Cmd> {
    if generation != state.filter_generation {
        return vec![];
    }
    state.dirty = true;
    match result {
        Ok(batch) => {
            let next = batch.last().map(|c| c.id.clone());
            let save = Cmd::SaveConversations(batch.clone());
            list::ingest(state, batch);
            match next {
                Some(c) => {
                    let mut cmds = filter_page(state, Some(c));
                    cmds.push(save);
                    cmds
                }
                None => {
                    state.sync.filtering = false;
                    vec![]
                }
            }
        }
        Err(e) => {
            state.sync.filtering = false;
            super::notify_error(state, format!("filter not fetched from Pancake: {e}"));
            vec![]
        }
    }
}

/// What the cache keeps about the sync.
pub fn meta(state: &State) -> crate::app::msg::Meta {
    crate::app::msg::Meta {
        last_sync: state.sync.last_sync,
        complete: state.sync.complete,
        tags: (!state.tags.is_empty()).then(|| state.tags.clone()),
        staff: (!state.staff.users.is_empty()).then(|| state.staff.clone()),
    }
}

fn mode_after_end() -> LoadMode {
    LoadMode::Poll
}

fn schedule(state: &mut State, mode: LoadMode, cursor: Option<ConversationId>, in_secs: i64) {
    state.sync.resume = Some((mode, cursor));
    state.sync.next_poll = Some(UnixSeconds(state.now.0 + in_secs));
}

pub fn on_tick(state: &mut State, now: UnixSeconds) -> Vec<Cmd> {
    let minute_changed = now.0 / 60 != state.now.0 / 60;
    let second_changed = now != state.now;
    state.now = now;
    let mut cmds = Vec::new();
    if state.sync.loading
        || state
            .thread
            .as_ref()
            .is_some_and(|t| t.loading || t.loading_older)
    {
        state.spinner = state.spinner.wrapping_add(1);
        state.dirty = true;
    }
    if minute_changed || (second_changed && state.sync.error.is_some()) {
        state.dirty = true;
    }
    if !state.sync.loading
        && state.sync.next_poll.is_some_and(|t| now >= t)
        && let Some((mode, cursor)) = state.sync.resume.take()
    {
        cmds.extend(request(state, mode, cursor));
    }
    cmds.extend(thread::poll_due(state));
    if let Some(deadline) = state.quitting
        && now >= deadline
    {
        state.exit = true;
    }
    cmds
}
