//! Background sync of the list: backfill with the cursor, then polls with
//! `since` = the newest `updated_at` seen; errors back off and retry.

use crate::api::{
    ApiError, Conversation, ConversationId, ConversationQuery, PAGE_SIZE, UnixSeconds,
};
use crate::app::msg::{Cmd, LoadMode};
use crate::app::state::State;
use crate::i18n::Said;

use super::{list, thread};

/// Seconds subtracted from the last sync when polling, so that changes
/// stamped in the same second are not missed (duplicates merge away).
const POLL_OVERLAP_SECS: i64 = 2;
/// Longest wait between retries of a failing sync.
const MAX_BACKOFF_SECS: i64 = 60;

/// Reload the list from the top.
pub fn start_backfill(state: &mut State, p: usize) -> Vec<Cmd> {
    let sync = &mut state.pages[p].sync;
    sync.generation += 1;
    sync.complete = false;
    request(state, p, LoadMode::Backfill, None)
}

/// `R` on one page: sync now. A walk that failed part-way and waits to
/// resume at its cursor (the backfill, or a poll over several pages) resumes
/// now: a fresh poll from the newest change would skip the pages it had not
/// reached.
fn refresh_now(state: &mut State, p: usize) -> Vec<Cmd> {
    if state.pages[p].sync.loading {
        return vec![];
    }
    match state.pages[p].sync.resume.take() {
        Some((mode, cursor)) => request(state, p, mode, cursor),
        None => start_poll(state, p),
    }
}

/// Ask for what changed since the last sync.
pub fn start_poll(state: &mut State, p: usize) -> Vec<Cmd> {
    if state.pages[p].sync.loading {
        return vec![];
    }
    request(state, p, LoadMode::Poll, None)
}

/// `R`: every page syncs now.
pub fn refresh_all(state: &mut State) -> Vec<Cmd> {
    (0..state.pages.len())
        .flat_map(|p| refresh_now(state, p))
        .collect()
}

fn request(
    state: &mut State,
    p: usize,
    mode: LoadMode,
    cursor: Option<ConversationId>,
) -> Vec<Cmd> {
    let page = &mut state.pages[p];
    let sync = &mut page.sync;
    if mode == LoadMode::Poll && cursor.is_none() {
        // Fixed for every page of this poll, so the cursor stays meaningful.
        sync.poll_since = sync.last_sync.map(|t| UnixSeconds(t.0 - POLL_OVERLAP_SECS));
    }
    let query = match mode {
        LoadMode::Filter => unreachable!("filtered fetches start in start_filter_fetch"),
        LoadMode::Backfill => ConversationQuery::default(),
        LoadMode::Poll => ConversationQuery {
            // `to_pairs` pairs `since` with `order_by=updated_at`.
            since: sync.poll_since,
            ..ConversationQuery::default()
        },
    };
    sync.loading = true;
    sync.polling = mode == LoadMode::Poll;
    sync.next_poll = None;
    sync.resume = None;
    let cmd = Cmd::LoadConversations {
        page: page.id.clone(),
        generation: sync.generation,
        mode,
        query,
        cursor,
    };
    vec![cmd]
}

pub fn on_conversations(
    state: &mut State,
    p: usize,
    generation: u64,
    mode: LoadMode,
    cursor: Option<ConversationId>,
    result: Result<Vec<Conversation>, ApiError>,
) -> Vec<Cmd> {
    if mode == LoadMode::Filter {
        return on_filter_page(state, p, generation, result);
    }
    let now = state.now;
    let page_id = state.pages[p].id.clone();
    let sync = &mut state.pages[p].sync;
    if generation != sync.generation {
        return vec![];
    }
    sync.loading = false;
    match result {
        Ok(batch) => {
            let sync = &mut state.pages[p].sync;
            sync.error = None;
            sync.failures = 0;
            sync.offline = false;
            sync.last_ok = Some(now);
            let newest = batch.iter().filter_map(|c| c.updated_at).max();
            if newest > sync.last_sync {
                sync.last_sync = newest;
            }
            // Back in touch: what failed while Pancake was away goes again.
            let mut cmds = super::act::retry_transient(state, &page_id);
            if std::mem::take(&mut state.pages[p].meta_stale) {
                cmds.push(Cmd::LoadTags(page_id.clone()));
                cmds.push(Cmd::LoadStaff(page_id.clone()));
            }
            // A poll's short page is its last: no second request to learn
            // the next is empty (news costs one request, not two). The
            // backfill walks to an empty page as pancake-api.md § List says.
            let next_cursor = batch
                .last()
                .filter(|_| mode != LoadMode::Poll || batch.len() >= PAGE_SIZE)
                .map(|c| c.id.clone());
            if mode == LoadMode::Poll {
                cmds.extend(apply_news(state, p, batch));
            } else {
                cmds.extend(apply(state, p, batch));
            }
            state.pages[p].sync.cached = false;
            match next_cursor {
                // pancake-api.md § List: loop until an empty page.
                Some(c) => cmds.extend(request(state, p, mode, Some(c))),
                None => {
                    if mode == LoadMode::Backfill {
                        state.pages[p].sync.complete = true;
                    }
                    let wait = news_interval(&state.settings, &state.pages[p]);
                    schedule(state, p, LoadMode::Poll, None, wait);
                    cmds.push(Cmd::SaveMeta(page_id, state.pages[p].meta()));
                }
            }
            cmds
        }
        Err(e) => {
            let sync = &mut state.pages[p].sync;
            sync.failures += 1;
            sync.offline = e.is_offline();
            sync.error = Some(e.to_string());
            let wait = if e.is_transient() {
                (1i64 << sync.failures.min(6)).min(MAX_BACKOFF_SECS)
            } else {
                // A rejected token or a missing page will not fix itself soon.
                MAX_BACKOFF_SECS
            };
            schedule(state, p, mode, cursor, wait);
            vec![]
        }
    }
}

/// Re-filter what is loaded at once, and fetch the rest from Pancake.
pub fn filter_changed(state: &mut State) -> Vec<Cmd> {
    state.selected = 0;
    state.offset = 0;
    list::rebuild_visible(state);
    start_filter_fetch(state)
}

/// Ask Pancake for the active filter's conversations (server-side parts) on
/// every page shown, so the filtered list is complete even where the
/// backfill has not reached.
pub fn start_filter_fetch(state: &mut State) -> Vec<Cmd> {
    state.filter_generation += 1;
    for page in &mut state.pages {
        page.sync.filtering = false;
    }
    if !state.filter().has_server_part() {
        return vec![];
    }
    let pages: Vec<usize> = state.scoped_pages().collect();
    pages
        .into_iter()
        .flat_map(|p| filter_page(state, p, None))
        .collect()
}

/// The filter's query as page `p` takes it (`None`: nothing to ask there:
/// the page lacks the filter's tags, or all that is left of it once the
/// page's refused parts are dropped is the whole list, which the backfill
/// reads anyway; but that is asked while a doubted type filter is being
/// found out).
fn filter_query(state: &State, p: usize) -> Option<crate::api::ConversationQuery> {
    let page = &state.pages[p];
    let query = state.filter().server_query(state.now, &page.tags)?;
    let sent = page.quirks.query_for(&query);
    let probing = page.quirks.type_filter == crate::api::quirks::Support::Doubted;
    (probing || sent != crate::api::ConversationQuery::default()).then_some(sent)
}

fn filter_page(state: &mut State, p: usize, cursor: Option<ConversationId>) -> Vec<Cmd> {
    let Some(query) = filter_query(state, p) else {
        return vec![];
    };
    let page = &mut state.pages[p];
    page.sync.filtering = true;
    vec![Cmd::LoadConversations {
        page: page.id.clone(),
        generation: state.filter_generation,
        mode: LoadMode::Filter,
        query,
        cursor,
    }]
}

fn on_filter_page(
    state: &mut State,
    p: usize,
    generation: u64,
    result: Result<Vec<Conversation>, ApiError>,
) -> Vec<Cmd> {
    if generation != state.filter_generation {
        return vec![];
    }
    if let Some(cmds) = learn_from_filter(state, p, &result) {
        return cmds;
    }
    on_filter_answer(state, p, result)
}

fn on_filter_answer(
    state: &mut State,
    p: usize,
    result: Result<Vec<Conversation>, ApiError>,
) -> Vec<Cmd> {
    match result {
        Ok(batch) => {
            let next = batch.last().map(|c| c.id.clone());
            let save = Cmd::SaveConversations(state.pages[p].id.clone(), batch.clone());
            list::ingest(state, batch);
            match next {
                Some(c) => {
                    let mut cmds = filter_page(state, p, Some(c));
                    cmds.push(save);
                    cmds
                }
                None => {
                    state.pages[p].sync.filtering = false;
                    vec![]
                }
            }
        }
        Err(e) => {
            state.pages[p].sync.filtering = false;
            let text = Said::new("notice-filter-not-fetched").arg("why", e.said());
            super::notify_error(state, super::in_page(state, p, text));
            vec![]
        }
    }
}

/// Learn from a filtered list answer what the page's Pancake refuses. A
/// typed request failing with server errors is asked again at once without
/// its types; if that answers, the types are refused: said once, kept in
/// the cache, applied here from then on (the answer is the filter's first
/// page). The commands for that, or `None` to go on with the answer.
fn learn_from_filter(
    state: &mut State,
    p: usize,
    result: &Result<Vec<Conversation>, ApiError>,
) -> Option<Vec<Cmd>> {
    use crate::api::quirks::Learned;
    let sent = filter_query(state, p)?;
    let before = state.pages[p].quirks;
    let learned = state.pages[p]
        .quirks
        .learn(&sent, result.as_ref().map(|_| ()));
    let save = |state: &State| Cmd::SaveMeta(state.pages[p].id.clone(), state.pages[p].meta());
    match learned {
        Learned::AskWithout => Some(filter_page(state, p, None)),
        Learned::Refused => {
            let text = Said::new("notice-type-filter-refused");
            super::notify_error(state, super::in_page(state, p, text));
            let mut cmds = on_filter_answer(state, p, result.clone());
            cmds.push(save(state));
            Some(cmds)
        }
        // Learned that it works: go on with the answer, and keep that.
        Learned::Nothing if state.pages[p].quirks != before => {
            let mut cmds = on_filter_answer(state, p, result.clone());
            cmds.push(save(state));
            Some(cmds)
        }
        // Failed without the types too: the error shows as any would.
        Learned::Nothing | Learned::Cleared => None,
    }
}

/// News of the page (a poll's, or the team's): a new unread conversation
/// rings, then as any list page.
pub fn apply_news(state: &mut State, p: usize, batch: Vec<Conversation>) -> Vec<Cmd> {
    let ring = new_unread(state, &batch);
    let mut cmds = apply(state, p, batch);
    if ring {
        cmds.push(Cmd::Ring);
    }
    cmds
}

/// Conversations as Pancake answered: into the list and the cache; the
/// open thread fetched again if it moved.
fn apply(state: &mut State, p: usize, batch: Vec<Conversation>) -> Vec<Cmd> {
    let page_id = state.pages[p].id.clone();
    let mut cmds = Vec::new();
    let open_changed = state.thread.as_ref().and_then(|t| {
        batch
            .iter()
            .find(|c| c.id == t.conv)
            .map(|c| (c.id.clone(), c.updated_at))
    });
    if !batch.is_empty() {
        cmds.push(Cmd::SaveConversations(page_id, batch.clone()));
    }
    list::ingest(state, batch);
    if let Some((conv, updated)) = open_changed {
        cmds.extend(thread::refresh_if_moved(state, &conv, updated));
    }
    cmds
}

/// Seconds until the page's next poll: as [`poll_interval`] while this
/// inbox polls for news (as the team's reader, for one agent: the others
/// do not poll); only a reconcile now and then while the team's news come
/// to it ([`reconcile_interval`]).
pub fn news_interval(settings: &crate::app::Settings, page: &crate::app::PageCtx) -> i64 {
    if !page.team.polls_news() {
        return reconcile_interval(page.agents);
    }
    let agents = if page.team.reads_for_team() {
        1
    } else {
        page.agents
    };
    poll_interval(settings, agents)
}

/// Seconds between reconcile polls of an inbox fed by its team: two
/// minutes, and longer as the team grows, so that all its reconciles
/// together stay under a quarter of a request per second.
pub fn reconcile_interval(agents: usize) -> i64 {
    (agents as i64 * 4).max(120)
}

/// Seconds between list polls on a page: all the agents on it together
/// poll with at most a quarter of its rate limit (the rest is for actions
/// and backfill), and never more often than `poll_secs`. One agent on a
/// 5/s page: every 2 s; five: every 4 s.
pub fn poll_interval(settings: &crate::app::Settings, agents: usize) -> i64 {
    let share = f64::from(settings.rate_limit.max(1)) / 4.0;
    let interval = (agents.max(1) as f64 / share).ceil() as i64;
    interval.max(settings.poll_secs as i64).max(1)
}

/// A poll brought conversations that became unread while the agent looks
/// elsewhere: ring once (whether to), and the title counts them (see
/// `runtime/notify.rs`).
fn new_unread(state: &State, batch: &[Conversation]) -> bool {
    if !state.settings.notify {
        return false;
    }
    let open = state.thread.as_ref().map(|t| &t.conv);
    // The customer wrote: their last message moved (an agent's own `u`
    // also makes a conversation unread, and must not ring).
    let customer_wrote = |c: &Conversation| match state.convs.get(&c.id) {
        None => true,
        Some(old) => match (old.last_customer_message_at, c.last_customer_message_at) {
            (Some(before), Some(now)) => before < now,
            (None, Some(_)) => true,
            _ => old.seen && old.updated_at < c.updated_at,
        },
    };
    batch
        .iter()
        .any(|c| !c.seen && Some(&c.id) != open && customer_wrote(c))
}

fn schedule(
    state: &mut State,
    p: usize,
    mode: LoadMode,
    cursor: Option<ConversationId>,
    in_secs: i64,
) {
    let now = state.now;
    let sync = &mut state.pages[p].sync;
    sync.resume = Some((mode, cursor));
    sync.next_poll = Some(UnixSeconds(now.0 + in_secs));
}

/// The clock for the list: the spinner, polls and retries when due, the
/// quit deadline; whether something visible changed (the spinner while
/// loading, the minute, an error's seconds, a poll starting, the tabs'
/// counts, the thread's poll starting, the deadline). Each new minute, a
/// filter or view that moves with the clock (`24h`) follows it.
pub fn on_tick(state: &mut State, now: UnixSeconds) -> (Vec<Cmd>, bool) {
    let minute_changed = now.0 / 60 != state.now.0 / 60;
    let second_changed = now != state.now;
    state.now = now;
    let mut cmds = Vec::new();
    let mut visible = false;
    if state.pages.iter().any(|p| p.sync.loading)
        || state
            .thread
            .as_ref()
            .is_some_and(|t| t.loading || t.loading_older)
    {
        state.spinner = state.spinner.wrapping_add(1);
        visible = true;
    }
    if minute_changed || (second_changed && state.pages.iter().any(|p| p.sync.error.is_some())) {
        visible = true;
    }
    for p in 0..state.pages.len() {
        let sync = &mut state.pages[p].sync;
        if !sync.loading
            && sync.next_poll.is_some_and(|t| now >= t)
            && let Some((mode, cursor)) = sync.resume.take()
        {
            cmds.extend(request(state, p, mode, cursor));
            visible = true;
        }
    }
    if minute_changed
        && (state.filter().relative() || state.tabs.views.iter().any(|v| v.filter.relative()))
    {
        // A view like `24h` moves with the clock: what crossed its bound
        // leaves it (or joins it), the counts follow.
        list::follow_clock(state);
    }
    if state.tabs.stale {
        list::recount_views(state);
        visible = true;
    }
    let thread_polls = thread::poll_due(state);
    visible |= !thread_polls.is_empty();
    cmds.extend(thread_polls);
    if let Some(deadline) = state.quitting
        && now >= deadline
    {
        cmds.push(Cmd::Exit);
        visible = true;
    }
    (cmds, visible)
}
