//! The conversation list: merging what Pancake sends, ordering, selection.

use std::cmp::Reverse;

use crate::api::Conversation;
use crate::app::search;
use crate::app::state::State;

/// Merge conversations into the store. A copy older than the one held is
/// ignored (pancake-api.md § List: `updated_at` is the version). Returns how many changed.
pub fn ingest(state: &mut State, incoming: Vec<Conversation>) -> usize {
    let mut changed = 0;
    let mut appended_in_order = true;
    for mut c in incoming {
        match state.convs.index.get(&c.id).copied() {
            Some(i) => {
                let held = &state.convs.items[i];
                if held.updated_at > c.updated_at {
                    continue;
                }
                state.actions.reapply_pending(&mut c);
                if state.convs.items[i] != c {
                    state.convs.items[i] = c;
                    changed += 1;
                    appended_in_order = false;
                }
            }
            None => {
                if !state.actions.items.is_empty() {
                    // An action left in the outbox shows on its row.
                    state.actions.reapply_pending(&mut c);
                }
                let i = state.convs.items.len();
                let last = state
                    .convs
                    .order
                    .last()
                    .map(|&j| state.convs.items[j].updated_at);
                if last.is_some_and(|l| l < c.updated_at) {
                    appended_in_order = false;
                }
                state.convs.index.insert(c.id.clone(), i);
                state.convs.items.push(c);
                state.convs.order.push(i);
                changed += 1;
            }
        }
    }
    if changed > 0 {
        if !appended_in_order || !state.surfaced.is_empty() {
            resort(state);
        }
        rebuild_visible(state);
    }
    changed
}

/// Newest activity first (a conversation back from a snooze counts as
/// active when it came back); ties by id so the order is stable.
pub fn resort(state: &mut State) {
    let items = &state.convs.items;
    let surfaced = &state.surfaced;
    state.convs.order.sort_by_cached_key(|&i| {
        let c = &items[i];
        let active = c.updated_at.max(surfaced.get(&c.id).copied());
        (Reverse(active), c.id.clone())
    });
}

/// Recompute the visible rows (pages shown, filter, search) and the view
/// counts, and keep the selection on the same conversation.
pub fn rebuild_visible(state: &mut State) {
    let selected_id = state.selected_conversation().map(|c| c.id.clone());
    let q = state.search.folded();
    let (now, me) = (state.now, state.me_per_page());
    // Pages left out of the list (none in the All view).
    let hidden: Vec<&crate::api::PageId> = (0..state.pages.len())
        .filter(|&p| !state.in_scope(p))
        .map(|p| &state.pages[p].id)
        .collect();
    // Snoozed conversations show in the Snoozed view only.
    let snoozed = state.filter().snoozed;
    let snoozes = &state.snoozes;
    let shown = |c: &crate::api::Conversation| {
        (hidden.is_empty() || !hidden.contains(&&c.page_id))
            && snoozes.contains_key(&c.id) == snoozed
    };
    let filter = state.filter().matcher(&state.pages, now, &me);
    let items = &state.convs.items;
    let visible: Vec<usize> =
        if q.is_empty() && state.filter().is_empty() && hidden.is_empty() && snoozes.is_empty() {
            state.convs.order.clone()
        } else if q.is_empty() {
            state
                .convs
                .order
                .iter()
                .copied()
                .filter(|&i| shown(&items[i]) && filter.matches(&items[i]))
                .collect()
        } else {
            // Searching: the best matches first, each rank in list order.
            let query = search::Query::new(q.clone());
            let mut ranked: Vec<(search::Rank, usize)> = state
                .convs
                .order
                .iter()
                .copied()
                .filter(|&i| shown(&items[i]) && filter.matches(&items[i]))
                .filter_map(|i| search::rank(&query, &items[i]).map(|r| (r, i)))
                .collect();
            ranked.sort_by_key(|(r, _)| *r);
            ranked.into_iter().map(|(_, i)| i).collect()
        };
    let mut visible = visible;
    if snoozed && q.is_empty() {
        // Soonest back first.
        visible.sort_by_key(|&i| snoozes.get(&items[i].id).map(|r| r.due));
    }
    state.visible = visible;
    recount_views(state);
    if let Some(id) = selected_id
        && let Some(pos) = state
            .visible
            .iter()
            .position(|&i| state.convs.items[i].id == id)
    {
        state.selected = pos;
    }
    state.selected = state.selected.min(state.visible.len().saturating_sub(1));
    scroll_into_view(state);
}

/// Count the loaded conversations of each view (the tabs), on the pages
/// shown. The list itself is left as it is: a row the agent just marked read
/// stays under the cursor in the Unread view until the list is rebuilt.
pub fn recount_views(state: &mut State) {
    let (now, me) = (state.now, state.me_per_page());
    let hidden: Vec<&crate::api::PageId> = (0..state.pages.len())
        .filter(|&p| !state.in_scope(p))
        .map(|p| &state.pages[p].id)
        .collect();
    let shown = |c: &crate::api::Conversation| hidden.is_empty() || !hidden.contains(&&c.page_id);
    let items = &state.convs.items;
    let snoozes = &state.snoozes;
    let counts = state
        .tabs
        .views
        .iter()
        .map(|v| {
            if v.filter.is_empty() && hidden.is_empty() && snoozes.is_empty() {
                return items.len();
            }
            let m = v.filter.matcher(&state.pages, now, &me);
            let snoozed = v.filter.snoozed;
            items
                .iter()
                .filter(|c| shown(c) && snoozes.contains_key(&c.id) == snoozed && m.matches(c))
                .count()
        })
        .collect();
    state.tabs.counts = counts;
    state.tabs.stale = false;
}

/// Move the selection by `delta` rows (clamped).
pub fn move_selection(state: &mut State, delta: isize) {
    if state.visible.is_empty() {
        return;
    }
    let last = state.visible.len() as isize - 1;
    state.selected = (state.selected as isize + delta).clamp(0, last) as usize;
    scroll_into_view(state);
}

pub fn select_last(state: &mut State) {
    state.selected = state.visible.len().saturating_sub(1);
    scroll_into_view(state);
}

/// Keep the selected row inside the list viewport. Stepping past an edge
/// scrolls half a page at once: the pane is repainted once per half page
/// rather than on every key (every byte counts over SSH), and the next rows
/// are in sight.
pub fn scroll_into_view(state: &mut State) {
    let rows = state.viewport.list_rows.max(1);
    let jump = (rows / 2).max(1);
    if state.selected < state.offset {
        let target = state.selected.saturating_sub(jump - 1);
        state.offset = if state.offset - state.selected == 1 {
            target
        } else {
            state.selected
        };
    } else if state.selected >= state.offset + rows {
        let minimal = state.selected + 1 - rows;
        state.offset = if state.selected - (state.offset + rows) == 0 {
            minimal + jump - 1
        } else {
            minimal
        };
    }
    let max_offset = state.visible.len().saturating_sub(rows);
    state.offset = state.offset.min(max_offset);
}
