//! The conversation list: merging what Pancake sends, ordering, selection.

use std::cmp::Reverse;

use crate::api::{Conversation, UnixSeconds};
use crate::app::convs::Fields;
use crate::app::filter::{Filter, TimeBound};
use crate::app::search;
use crate::app::state::State;

/// Merge conversations into the store. A copy older than the one held is
/// ignored (pancake-api.md § List: `updated_at` is the version). Returns how many changed.
///
/// The cost is in what arrives, not in what is held: the conversations
/// that moved leave `order` and go back in at their place (one pass over
/// `order`), never a sort of the whole list.
pub fn ingest(state: &mut State, incoming: Vec<Conversation>) -> usize {
    let mut changed = 0;
    // Slab indices whose place in the order may have changed.
    let mut moved: Vec<usize> = Vec::new();
    // New conversations that went last, in order (a backfill's page, a
    // chunk of the cache): the visible rows only grow by them.
    let mut appended: Vec<usize> = Vec::new();
    let mut replaced = false;
    // What arrived (new or changed), for the visible rows and the open
    // thread's customer panel.
    let mut arrived: Vec<usize> = Vec::new();
    // The last conversation of `order` that is in its place.
    let mut tail = state.convs.order.last().copied();
    // How far a scan under way went, before anything moves.
    let reach = Reach::of(state);
    for mut c in incoming {
        match state.convs.position(&c.id) {
            Some(i) => {
                if state.convs.row(i).updated_at() > c.updated_at {
                    continue;
                }
                state.actions.reapply_pending(&mut c);
                let held = state.convs.at(i);
                if held != c {
                    if held.updated_at != c.updated_at {
                        moved.push(i);
                    }
                    state.convs.replace(i, c);
                    arrived.push(i);
                    replaced = true;
                    changed += 1;
                }
            }
            None => {
                if !state.actions.items.is_empty() {
                    // An action left in the outbox shows on its row.
                    state.actions.reapply_pending(&mut c);
                }
                // `insert` puts it last in `order`: it stays there when it
                // sorts after the last one in place (a backfill's pages come
                // newest first).
                let i = state.convs.insert(c);
                arrived.push(i);
                match tail {
                    Some(t) if sort_key(state, t) > sort_key(state, i) => moved.push(i),
                    _ => {
                        tail = Some(i);
                        appended.push(i);
                    }
                }
                changed += 1;
            }
        }
    }
    follow_customer(state, &arrived);
    if changed > 0 && !replaced && moved.is_empty() {
        extend_visible(state, &appended);
    } else if changed > 0 {
        reorder(state, moved);
        // Changed in place since the rows were built (an action) count as
        // arrived: a rebuild would take them out of a view too.
        match state.convs.take_unlisted() {
            Some(mut unlisted) if patchable(state, arrived.len() + unlisted.len()) => {
                unlisted.extend(arrived);
                patch_visible(state, unlisted, &reach);
            }
            _ => rebuild_visible(state),
        }
    }
    changed
}

/// Whether the visible rows can follow the conversations that arrived
/// without being rebuilt: they are the list order filtered, or a search's
/// ranks each in list order (not a snoozed view sorted by when they come
/// back), and few arrived.
fn patchable(state: &State, arrived: usize) -> bool {
    !state.filter().snoozed
        && (!state.search.is_active()
            || state.search.scan.is_some()
            || state.search.ranks.is_some())
        && arrived <= state.convs.len() / 8
}

/// Where a list order sorts ([`sort_key`]), held.
type Key = (Reverse<Option<crate::api::UnixSeconds>>, String);

/// How far down the list order the visible rows were built: all of it,
/// or, while a scan goes in steps, up to the last conversation it ranked
/// (as it sorted then: it may be one that arrives and moves).
enum Reach {
    All,
    /// Up to and with this key; `None`: nothing ranked yet.
    Upto(Option<Key>),
}

impl Reach {
    fn of(state: &State) -> Reach {
        let Some(scan) = &state.search.scan else {
            return Reach::All;
        };
        let last = scan.next.checked_sub(1);
        Reach::Upto(last.and_then(|k| state.convs.order.get(k)).map(|&i| {
            let (at, id) = sort_key(state, i);
            (at, id.to_owned())
        }))
    }

    fn reached(&self, key: (Reverse<Option<crate::api::UnixSeconds>>, &str)) -> bool {
        match self {
            Reach::All => true,
            Reach::Upto(None) => false,
            Reach::Upto(Some((at, id))) => key <= (*at, id.as_str()),
        }
    }
}

/// The visible rows follow the conversations that arrived (new or
/// changed): they leave, and those the list shows go back in at their
/// place, in their rank when a search is on. The cost is one copy of the
/// rows and a binary search per arrival, not a filter over the whole page
/// (a poll on a page of a million with a view or a search on).
///
/// While a scan goes in steps, only the part of the list it went through
/// is patched: a conversation that arrived further down is reached by the
/// scan, whose next step starts where its last ranked conversation is now.
fn patch_visible(state: &mut State, mut arrived: Vec<usize>, reach: &Reach) {
    arrived.sort_unstable();
    arrived.dedup();
    let selected_slab = state.visible.get(state.selected).copied();
    let mut visible = std::mem::take(&mut state.visible);
    let held = match state.search.scan.as_mut() {
        Some(scan) => Some(std::mem::take(&mut scan.ranks)),
        None => state.search.ranks.take(),
    };
    // The best rank's rows are the top of the visible list, the others'
    // follow them (each held in its rank): built again below.
    let mut ranks = match held {
        Some(ranks) => {
            visible.truncate(ranks.exact);
            ranks
        }
        None => search::Ranks::default(),
    };
    let left = |i: &usize| arrived.binary_search(i).is_err();
    visible.retain(left);
    for rank in &mut ranks.ranked {
        rank.retain(left);
    }
    let query = state
        .search
        .is_active()
        .then(|| search::Query::new(state.search.folded()));
    let (now, me) = (state.now, state.me_per_page());
    let shown = Shown::new(state);
    let filter = state.filter().matcher(&state.pages, now, &me);
    let snoozed = state.filter().snoozed;
    let mut add: [Vec<usize>; 5] = Default::default();
    for &i in &arrived {
        if !reach.reached(sort_key(state, i)) {
            continue;
        }
        let c = state.convs.row(i);
        if !(shown.shows(&c, snoozed) && filter.matches(&c)) {
            continue;
        }
        let rank = match &query {
            Some(q) => search::rank(q, &c),
            None => Some(search::Rank::Exact),
        };
        if let Some(rank) = rank {
            add[rank as usize].push(i);
        }
    }
    drop(shown);
    let [best, rest @ ..] = add;
    visible = merge_in(state, visible, best);
    for (rank, add) in ranks.ranked.iter_mut().zip(rest) {
        *rank = merge_in(state, std::mem::take(rank), add);
    }
    ranks.exact = visible.len();
    for rank in &ranks.ranked {
        visible.extend_from_slice(rank);
    }
    state.visible = visible;
    let order = &state.convs.order;
    let next = match reach {
        Reach::All => order.len(),
        Reach::Upto(_) => order.partition_point(|&i| reach.reached(sort_key(state, i))),
    };
    let (total, searching) = (order.len(), state.search.is_active());
    match state.search.scan.as_mut() {
        Some(scan) => {
            scan.ranks = ranks;
            scan.next = next;
            scan.total = total;
        }
        None if searching => state.search.ranks = Some(ranks),
        None => {}
    }
    recount_views(state);
    reselect(state, selected_slab);
    if let Some(scan) = state.search.scan.as_mut() {
        // Not the agent's move: the scan keeps its cursor logic.
        scan.placed = state.selected;
    }
}

/// `add` put into `base` (both slab indices, `base` in list order) at
/// their places: a binary search each, the rows between copied whole.
fn merge_in(state: &State, base: Vec<usize>, mut add: Vec<usize>) -> Vec<usize> {
    add.sort_by(|&a, &b| sort_key(state, a).cmp(&sort_key(state, b)));
    let mut merged = Vec::with_capacity(base.len() + add.len());
    let mut from = 0;
    for m in add {
        let key = sort_key(state, m);
        let at = from + base[from..].partition_point(|&i| sort_key(state, i) < key);
        merged.extend_from_slice(&base[from..at]);
        merged.push(m);
        from = at;
    }
    merged.extend_from_slice(&base[from..]);
    merged
}

/// The open thread's customer panel follows what arrived: a conversation
/// of the same customer joins the others, one no longer theirs leaves.
fn follow_customer(state: &mut State, arrived: &[usize]) {
    let Some(t) = state.thread.as_ref() else {
        return;
    };
    if arrived.is_empty() {
        return;
    }
    let Some(open) = state.convs.get(&t.conv) else {
        return;
    };
    let Some(key) = open.customer.key() else {
        return;
    };
    // The open conversation itself changed: its customer's ids may have
    // (news filling in the page customer's id): found again.
    if let Some(i) = state.convs.position(&open.id)
        && arrived.contains(&i)
    {
        let others = state.convs.of_customer(&open.page_id, key);
        if let Some(t) = state.thread.as_mut() {
            t.others = others;
        }
        return;
    }
    let others: Vec<(usize, bool)> = arrived
        .iter()
        .map(|&i| (i, state.convs.is_of(i, &open.page_id, key)))
        .collect();
    let Some(t) = state.thread.as_mut() else {
        return;
    };
    for (i, theirs) in others {
        match (t.others.contains(&i), theirs) {
            (false, true) => t.others.push(i),
            (true, false) => t.others.retain(|&o| o != i),
            _ => {}
        }
    }
}

/// Whether a conversation is on the list shown, the filter aside: its page
/// is in scope (every page in the All view), and it is snoozed exactly when
/// the view is the Snoozed one.
struct Shown<'a> {
    /// Pages left out of the list.
    hidden: Vec<&'a crate::api::PageId>,
    snoozes: &'a std::collections::HashMap<crate::api::ConversationId, crate::store::Reminder>,
}

impl<'a> Shown<'a> {
    fn new(state: &'a State) -> Self {
        Shown {
            hidden: (0..state.pages.len())
                .filter(|&p| !state.in_scope(p))
                .map(|p| &state.pages[p].id)
                .collect(),
            snoozes: &state.snoozes,
        }
    }

    /// Every conversation of every page, none snoozed: nothing to check.
    fn all(&self) -> bool {
        self.hidden.is_empty() && self.snoozes.is_empty()
    }

    fn shows(&self, c: &impl Fields, snoozed: bool) -> bool {
        (self.hidden.is_empty() || !self.hidden.contains(&c.page_id()))
            && if self.snoozes.is_empty() {
                !snoozed
            } else {
                self.snoozes.contains_key(c.id()) == snoozed
            }
    }
}

/// New conversations went last in `order`: those the list shows go last
/// in it too, and the counts take them in; nothing else moves (a chunk of a
/// large cache costs its own size, not the page's).
fn extend_visible(state: &mut State, appended: &[usize]) {
    if state.search.scan.is_some() {
        // A search or a filter going through the list in steps reaches
        // them: they are last in the order.
        recount_views(state);
        return;
    }
    if state.filter().snoozed || (state.search.is_active() && state.search.ranks.is_none()) {
        // Sorted by when they come back, or ranked by a search whose
        // ranks are not held.
        rebuild_visible(state);
        return;
    }
    if state.search.is_active() {
        // Each goes last in its rank.
        patch_visible(state, appended.to_vec(), &Reach::All);
        return;
    }
    let (now, me) = (state.now, state.me_per_page());
    let filter = state.filter().matcher(&state.pages, now, &me);
    let shown = Shown::new(state);
    let new: Vec<usize> = appended
        .iter()
        .copied()
        .filter(|&i| {
            let c = state.convs.row(i);
            shown.shows(&c, false) && filter.matches(&c)
        })
        .collect();
    state.visible.extend(new);
    recount_views(state);
    scroll_into_view(state);
}

/// Where a conversation sorts: newest activity first (a conversation back
/// from a snooze counts as active when it came back), ties by id so the
/// order is stable.
fn sort_key(state: &State, i: usize) -> (Reverse<Option<crate::api::UnixSeconds>>, &str) {
    let c = state.convs.row(i);
    let surfaced = match state.surfaced.is_empty() {
        true => None,
        false => state.surfaced.get(c.id()).copied(),
    };
    let active = c.updated_at().max(surfaced);
    (Reverse(active), c.id())
}

/// Puts the slab indices `moved` back in `order` at their place: one pass
/// over `order` and a sort of `moved` alone.
pub fn reorder(state: &mut State, mut moved: Vec<usize>) {
    if moved.is_empty() {
        return;
    }
    if moved.len() > state.convs.len() / 8 {
        resort(state);
        return;
    }
    moved.sort_unstable();
    moved.dedup();
    let mut order = std::mem::take(&mut state.convs.order);
    order.retain(|i| moved.binary_search(i).is_err());
    state.convs.order = merge_in(state, order, moved);
}

/// Newest activity first (a conversation back from a snooze counts as
/// active when it came back); ties by id so the order is stable.
pub fn resort(state: &mut State) {
    let mut order = std::mem::take(&mut state.convs.order);
    order.sort_by(|&a, &b| sort_key(state, a).cmp(&sort_key(state, b)));
    state.convs.order = order;
}

/// Recompute the visible rows (pages shown, filter, search) and the view
/// counts, and keep the selection on the same conversation. A search, and
/// a filter over a list longer than [`search::SCAN_STEP`], go through the
/// first [`search::SCAN_STEP`] rows now and the rest in steps
/// ([`search_step`]): the first rows are on screen at once, the list line
/// says how far it went, and a key typed meanwhile is read between steps.
pub fn rebuild_visible(state: &mut State) {
    let stepped_filter = state.convs.order.len() > search::SCAN_STEP
        && !state.filter().snoozed
        && !(state.filter().is_empty() && Shown::new(state).all());
    state.convs.take_unlisted();
    state.search.ranks = None;
    state.listed_at = state.now;
    if state.search.is_active() || stepped_filter {
        state.search.generation += 1;
        state.search.scan = Some(search::Scan {
            generation: state.search.generation,
            total: state.convs.order.len(),
            keep: state.visible.get(state.selected).copied(),
            placed: state.selected,
            ..search::Scan::default()
        });
        search_step(state);
        recount_views(state);
        return;
    }
    state.search.scan = None;
    // Slab indices are stable: the selected row is found again by its own.
    let selected_slab = state.visible.get(state.selected).copied();
    let (now, me) = (state.now, state.me_per_page());
    // Snoozed conversations show in the Snoozed view only.
    let snoozed = state.filter().snoozed;
    let shown = Shown::new(state);
    let filter = state.filter().matcher(&state.pages, now, &me);
    let items = &state.convs;
    let mut visible: Vec<usize> = if state.filter().is_empty() && shown.all() {
        state.convs.order.clone()
    } else {
        state
            .convs
            .order
            .iter()
            .copied()
            .filter(|&i| {
                let c = items.row(i);
                shown.shows(&c, snoozed) && filter.matches(&c)
            })
            .collect()
    };
    if snoozed {
        // Soonest back first.
        visible.sort_by_key(|&i| state.snoozes.get(items.row(i).id()).map(|r| r.due));
    }
    state.visible = visible;
    recount_views(state);
    reselect(state, selected_slab);
}

/// The selection back on the conversation at slab index `slab` when it is
/// still listed, else on the same row (clamped).
fn reselect(state: &mut State, slab: Option<usize>) {
    if let Some(slab) = slab
        && let Some(pos) = state.visible.iter().position(|&i| i == slab)
    {
        state.selected = pos;
    }
    state.selected = state.selected.min(state.visible.len().saturating_sub(1));
    scroll_into_view(state);
}

/// One step of the search under way: the next [`search::SCAN_STEP`] rows
/// of the list ranked, the matches so far shown (the best ranks first,
/// each in list order). The scan ends when every row was ranked.
pub fn search_step(state: &mut State) {
    let Some(mut scan) = state.search.scan.take() else {
        return;
    };
    let selected_slab = state.visible.get(state.selected).copied();
    let query = search::Query::new(state.search.folded());
    let (now, me) = (state.now, state.me_per_page());
    let snoozed = state.filter().snoozed;
    let shown = Shown::new(state);
    let filter = state.filter().matcher(&state.pages, now, &me);
    let order = &state.convs.order;
    // Conversations that came meanwhile went last: the scan reaches them.
    scan.total = order.len();
    let end = (scan.next + search::SCAN_STEP).min(order.len());
    let mut exact = Vec::new();
    for &i in &order[scan.next.min(end)..end] {
        let c = state.convs.row(i);
        if shown.shows(&c, snoozed)
            && filter.matches(&c)
            && let Some(rank) = search::rank(&query, &c)
        {
            match rank {
                search::Rank::Exact => exact.push(i),
                other => scan.ranks.ranked[other as usize - 1].push(i),
            }
        }
    }
    scan.next = end;
    state.visible.truncate(scan.ranks.exact);
    state.visible.extend(exact);
    scan.ranks.exact = state.visible.len();
    for rank in &scan.ranks.ranked {
        state.visible.extend_from_slice(rank);
    }
    // The cursor goes back to the conversation it was on when the scan
    // began once a step finds it, unless the agent moved it meanwhile.
    if state.selected != scan.placed {
        scan.keep = None;
    }
    let more = end < order.len();
    reselect(state, scan.keep.or(selected_slab));
    if scan
        .keep
        .is_some_and(|k| state.visible.get(state.selected) == Some(&k))
    {
        scan.keep = None;
    }
    scan.placed = state.selected;
    if more {
        scan.requested = false;
        state.search.scan = Some(scan);
    } else if state.search.is_active() {
        // Held for the polls to come (`patch_visible`).
        state.search.ranks = Some(scan.ranks);
    }
}

/// Count the loaded conversations of each view (the tabs), on the pages
/// shown. The list itself is left as it is: a row the agent just marked read
/// stays under the cursor in the Unread view until the list is rebuilt.
///
/// While what the counts were counted over holds (see [`count_basis`]),
/// only the conversations changed since are looked at, and, for a view
/// that moves with the clock (`24h`), those whose time crossed its bound
/// since the last count ([`crossed`]): a poll, an action or a minute going
/// by costs what it changed, not the size of the page.
pub fn recount_views(state: &mut State) {
    let basis = count_basis(state);
    let touched = state.convs.take_touched();
    let held = std::mem::take(&mut state.tabs.counts);
    let (now, then, me) = (state.now, state.tabs.counted_at, state.me_per_page());
    let shown = Shown::new(state);
    let views = &state.tabs.views;
    let matchers_at = |at| -> Vec<_> {
        views
            .iter()
            .map(|v| (v.filter.matcher(&state.pages, at, &me), v.filter.snoozed))
            .collect()
    };
    let matchers = matchers_at(now);
    let holds = state.tabs.counted == Some(basis) && held.len() == matchers.len();
    let moved = views.iter().any(|v| v.filter.relative()) && then != now;
    let crossed = match holds && moved {
        true => crossed(state, views.iter().map(|v| &v.filter), then, now),
        false => Vec::new(),
    };
    let few = few_crossed(state, crossed.len());
    let (counts, looked_at) = match touched {
        Some(mut touched) if holds && few => {
            // The changes first, at the clock the counts were counted at;
            // then the clock moves for the conversations that crossed.
            let before = moved.then(|| matchers_at(then));
            let at_then = before.as_ref().unwrap_or(&matchers);
            // A conversation changed twice counts from what it was first
            // to what it is now.
            touched.sort_by_key(|t| t.index);
            touched.dedup_by_key(|t| t.index);
            let mut counts = held;
            for t in &touched {
                let after = state.convs.row(t.index);
                let before = t.before.as_ref().map(|b| state.convs.row_of(b));
                for ((m, snoozed), n) in at_then.iter().zip(counts.iter_mut()) {
                    let was = before
                        .as_ref()
                        .is_some_and(|b| shown.shows(b, *snoozed) && m.matches(b));
                    let is = shown.shows(&after, *snoozed) && m.matches(&after);
                    *n = (*n + usize::from(is)).saturating_sub(usize::from(was));
                }
            }
            for &i in &crossed {
                let c = state.convs.row(i);
                let views = at_then.iter().zip(&matchers).zip(counts.iter_mut());
                for (((was_m, snoozed), (is_m, _)), n) in views {
                    if !shown.shows(&c, *snoozed) {
                        continue;
                    }
                    let (was, is) = (was_m.matches(&c), is_m.matches(&c));
                    *n = (*n + usize::from(is)).saturating_sub(usize::from(was));
                }
            }
            (counts, touched.len() + crossed.len())
        }
        _ => {
            let items = &state.convs;
            let counts = views
                .iter()
                .zip(&matchers)
                .map(|(v, (m, snoozed))| {
                    if v.filter.is_empty() && shown.all() {
                        return items.len();
                    }
                    items
                        .iter()
                        .filter(|c| shown.shows(c, *snoozed) && m.matches(c))
                        .count()
                })
                .collect();
            (counts, items.len())
        }
    };
    state.tabs.counts = counts;
    state.tabs.counted = Some(basis);
    state.tabs.counted_at = now;
    state.tabs.looked_at = looked_at;
    state.tabs.stale = false;
}

/// The conversations whose place in a view of `filters` may have changed
/// as the clock went from `from` to `to`: those whose time lies between
/// where a relative bound of the view (`24h`, `until 7d`) stood then and
/// where it stands now. The list order is newest activity first, so each
/// bound's are a range of it found by binary search; a conversation back
/// from a snooze sorts by when it came back rather than by its time, so
/// those few are looked at one by one. The work is what crossed, whatever
/// the size of the page. Slab indices, sorted.
pub fn crossed<'f>(
    state: &State,
    filters: impl IntoIterator<Item = &'f Filter>,
    from: UnixSeconds,
    to: UnixSeconds,
) -> Vec<usize> {
    let mut spans: Vec<(UnixSeconds, UnixSeconds)> = Vec::new();
    for f in filters {
        for bound in [f.since, f.until].into_iter().flatten() {
            if let TimeBound::Ago(_) = bound {
                let (a, b) = (bound.resolve(from), bound.resolve(to));
                if a != b {
                    spans.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    if spans.is_empty() {
        return Vec::new();
    }
    let within = |u: Option<UnixSeconds>| {
        u.is_some_and(|u| spans.iter().any(|&(lo, hi)| lo <= u && u <= hi))
    };
    let order = &state.convs.order;
    let active = |i: usize| sort_key(state, i).0.0;
    let mut found = Vec::new();
    for &(lo, hi) in &spans {
        let start = order.partition_point(|&i| active(i) > Some(hi));
        let end = order.partition_point(|&i| active(i) >= Some(lo));
        let range = &order[start..end.max(start)];
        found.extend(
            range
                .iter()
                .copied()
                .filter(|&i| within(state.convs.row(i).updated_at())),
        );
    }
    for id in state.surfaced.keys() {
        if let Some(i) = state.convs.position(id)
            && within(state.convs.row(i).updated_at())
        {
            found.push(i);
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// Whether `n` conversations that crossed a bound are few enough to follow
/// one by one rather than to go through every conversation: an eighth of
/// the page, or any number a small page holds.
fn few_crossed(state: &State, n: usize) -> bool {
    n <= (state.convs.len() / 8).max(4_096)
}

/// A new minute, with the filter in force or a view moving with the clock
/// (`24h`): the conversations whose time crossed the filter's bound since
/// the rows were last brought to the clock leave them or join them, and
/// the views' counts follow ([`recount_views`]). The work is what crossed
/// ([`crossed`]), not the page: a plain filter's rows are rebuilt only
/// between the first and the last of those (they are in list order); a
/// search's go through [`patch_visible`], the snoozed view's (a few) are
/// looked at whole.
pub fn follow_clock(state: &mut State) {
    let (from, now) = (state.listed_at, state.now);
    state.listed_at = now;
    if state.filter().relative() && from != now {
        let filter = state.filter().clone();
        let crossed = crossed(state, [&filter], from, now);
        if !few_crossed(state, crossed.len()) {
            // The clock jumped (a machine woken up): as much as a rebuild.
            rebuild_visible(state);
            return;
        }
        if !crossed.is_empty() {
            if filter.snoozed {
                follow_snoozed(state, &crossed);
            } else if state.search.is_active() || state.search.scan.is_some() {
                if !patchable(state, crossed.len()) {
                    rebuild_visible(state);
                    return;
                }
                let reach = Reach::of(state);
                // It counts the views too.
                patch_visible(state, crossed, &reach);
                return;
            } else {
                follow_in_order(state, crossed);
            }
        }
    }
    recount_views(state);
}

/// The visible rows, the list order filtered, after the clock moved:
/// `crossed` (slab indices) leave them or join them as the filter says
/// now. Only the rows from the first of `crossed` to the last, by list
/// order, are built again (binary searches find them); the selection stays
/// on its conversation.
fn follow_in_order(state: &mut State, mut crossed: Vec<usize>) {
    crossed.sort_by(|&a, &b| sort_key(state, a).cmp(&sort_key(state, b)));
    let (Some(&first), Some(&last)) = (crossed.first(), crossed.last()) else {
        return;
    };
    let (now, me) = (state.now, state.me_per_page());
    let shown = Shown::new(state);
    let filter = state.filter().matcher(&state.pages, now, &me);
    let visible = &state.visible;
    let (first, last) = (sort_key(state, first), sort_key(state, last));
    let from = visible.partition_point(|&v| sort_key(state, v) < first);
    let to = visible.partition_point(|&v| sort_key(state, v) <= last);
    let mut by_slab = crossed.clone();
    by_slab.sort_unstable();
    let stay = visible[from..to]
        .iter()
        .copied()
        .filter(|i| by_slab.binary_search(i).is_err());
    let join = crossed.iter().copied().filter(|&i| {
        let c = state.convs.row(i);
        shown.shows(&c, false) && filter.matches(&c)
    });
    // Both in list order: merged.
    let (mut stay, mut join) = (stay.peekable(), join.peekable());
    let mut rows = Vec::with_capacity(to - from);
    loop {
        let next = match (stay.peek(), join.peek()) {
            (Some(&a), Some(&b)) if sort_key(state, a) < sort_key(state, b) => stay.next(),
            (Some(_), Some(_)) | (None, Some(_)) => join.next(),
            (Some(_), None) => stay.next(),
            (None, None) => break,
        };
        rows.extend(next);
    }
    drop(shown);
    if rows[..] == state.visible[from..to] {
        return;
    }
    let (selected, before) = (state.selected, to - from);
    let selected_slab = state.visible.get(selected).copied();
    if selected >= to {
        state.selected = selected - before + rows.len();
    } else if selected >= from
        && let Some(at) = rows.iter().position(|&i| Some(i) == selected_slab)
    {
        state.selected = from + at;
    }
    state.visible.splice(from..to, rows);
    state.selected = state.selected.min(state.visible.len().saturating_sub(1));
    scroll_into_view(state);
}

/// The snoozed view's rows (soonest back first) after the clock moved:
/// `crossed` leave them or join them as the filter says now. The view
/// holds the snoozed conversations alone: a few.
fn follow_snoozed(state: &mut State, crossed: &[usize]) {
    let (now, me) = (state.now, state.me_per_page());
    let shown = Shown::new(state);
    let filter = state.filter().matcher(&state.pages, now, &me);
    let join: Vec<usize> = crossed
        .iter()
        .copied()
        .filter(|&i| {
            let c = state.convs.row(i);
            shown.shows(&c, true) && filter.matches(&c)
        })
        .collect();
    drop(shown);
    let selected_slab = state.visible.get(state.selected).copied();
    let mut rows = std::mem::take(&mut state.visible);
    rows.retain(|i| crossed.binary_search(i).is_err());
    rows.extend(join);
    let due = |i: usize| state.snoozes.get(state.convs.row(i).id()).map(|r| r.due);
    rows.sort_by(|&a, &b| (due(a), sort_key(state, a)).cmp(&(due(b), sort_key(state, b))));
    state.visible = rows;
    reselect(state, selected_slab);
}

/// A fingerprint of what the view counts depend on besides the
/// conversations and the clock: the pages shown, the views, who the agent
/// is, each page's tags and staff, the snoozes. A change to any of them
/// recounts every conversation.
fn count_basis(state: &State) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    state.scope.hash(&mut h);
    for v in &state.tabs.views {
        v.filter.hash(&mut h);
    }
    state.me_per_page().hash(&mut h);
    for p in &state.pages {
        p.id.hash(&mut h);
        for t in &p.tags {
            (&t.id, &t.name).hash(&mut h);
        }
        for u in p.staff.everyone() {
            (&u.id, &u.name).hash(&mut h);
        }
    }
    // Order-free: the map's order is not the snoozes'.
    let snoozes = state.snoozes.keys().fold(0u64, |acc, id| {
        let mut k = std::collections::hash_map::DefaultHasher::new();
        id.hash(&mut k);
        acc.wrapping_add(k.finish())
    });
    (state.snoozes.len(), snoozes).hash(&mut h);
    h.finish()
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
