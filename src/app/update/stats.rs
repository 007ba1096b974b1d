//! The stats screen's loads: one request set per (page, period), made when
//! the screen first shows it or the agent asks again (`r`), answered into
//! the session's cache whatever is shown by then.

use crate::api::stats::PageStats;
use crate::api::{ApiError, PageId};
use crate::app::msg::Cmd;
use crate::app::state::{Overlay, State};
use crate::app::stats::{PeriodKind, StatsScreen};
use crate::i18n::Said;

use super::notify;

/// `S`: the screen on the page in front, on the period shown last; its
/// figures are asked for unless they are here or on their way (a failed
/// load is tried again).
pub fn open(state: &mut State) -> Vec<Cmd> {
    let screen = StatsScreen {
        page: state.page().id.clone(),
        period: state.stats.last_period,
        scroll: 0,
    };
    let cmds = ensure(state, &screen, true);
    state.overlay = Some(Overlay::Stats(screen));
    cmds
}

/// `[` / `]`: the period before or after; its figures are asked for the
/// first time it is shown (after that, only `r` asks again).
pub fn move_period(state: &mut State, screen: &mut StatsScreen, forward: bool) -> Vec<Cmd> {
    screen.period = if forward {
        screen.period.next()
    } else {
        screen.period.prev()
    };
    screen.scroll = 0;
    state.stats.last_period = screen.period;
    ensure(state, screen, false)
}

/// `r`: ask Pancake again for what is shown (the figures there stay until
/// the new ones come).
pub fn reload(state: &mut State, screen: &StatsScreen) -> Vec<Cmd> {
    if state
        .stats
        .get(&screen.page, screen.period)
        .is_some_and(|e| e.loading)
    {
        notify(state, Said::new("notice-stats-already-asking"));
        return vec![];
    }
    vec![load(state, &screen.page, screen.period)]
}

/// The load the shown (page, period) needs: none while one is out or the
/// figures are here; after a failure only when `retry`.
fn ensure(state: &mut State, screen: &StatsScreen, retry: bool) -> Vec<Cmd> {
    match state.stats.get(&screen.page, screen.period) {
        Some(e) if e.loading || e.stats.is_some() => vec![],
        Some(_) if !retry => vec![],
        _ => vec![load(state, &screen.page, screen.period)],
    }
}

fn load(state: &mut State, page: &PageId, period: PeriodKind) -> Cmd {
    let seq = state.stats.start(page, period);
    Cmd::LoadStats {
        page: page.clone(),
        period,
        range: period.period(state.now, &state.settings.tz),
        seq,
    }
}

/// The figures came (or why not): kept for their page and period, shown
/// if that is what the screen shows. An answer to a request made before
/// the last one for the same page and period is dropped.
pub fn on_stats(
    state: &mut State,
    page: PageId,
    period: PeriodKind,
    seq: u64,
    result: Result<Box<PageStats>, ApiError>,
) -> Vec<Cmd> {
    let Some(e) = state.stats.entries.get_mut(&(page, period)) else {
        return vec![];
    };
    if e.seq != seq {
        return vec![];
    }
    e.loading = false;
    match result {
        Ok(stats) => {
            e.stats = Some(stats);
            e.error = None;
        }
        Err(err) => e.error = Some(err.to_string()),
    }
    vec![]
}
