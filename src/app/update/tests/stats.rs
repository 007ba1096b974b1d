//! `S`: the stats screen, its periods, its cache per (page, period), its
//! errors and `r`.

use super::*;
use crate::app::stats::{PeriodKind, StatsScreen};

fn loads(cmds: &[Cmd]) -> Vec<&Cmd> {
    cmds.iter()
        .filter(|c| matches!(c, Cmd::LoadStats { .. }))
        .collect()
}

fn screen(s: &State) -> &StatsScreen {
    match &s.overlay {
        Some(Overlay::Stats(screen)) => screen,
        other => panic!("the stats screen is not open: {other:?}"),
    }
}

fn shown(s: &State) -> &crate::app::stats::StatsEntry {
    let sc = screen(s);
    s.stats.get(&sc.page, sc.period).expect("an entry")
}

#[test]
fn s_opens_the_screen_on_7_days_and_asks_once_for_that_period() {
    let mut s = loaded();
    let cmds = press(&mut s, "S");
    let l = loads(&cmds);
    assert_eq!(l.len(), 1, "{cmds:?}");
    let Cmd::LoadStats {
        page,
        period,
        range,
        ..
    } = l[0]
    else {
        unreachable!()
    };
    assert_eq!((page.as_str(), *period), ("p", PeriodKind::Week));
    assert_eq!((range.since.0, range.until.0), (NOW - 7 * 86_400, NOW));
    assert_eq!(range.tz, s.settings.tz, "the app's zone, as the CLI");
    assert!(shown(&s).loading);
    // Its keys are its own now: `r` is not the composer, `j` scrolls.
    assert!(press(&mut s, "r").is_empty(), "already asking");
    assert!(s.composer.is_none());
    press(&mut s, "Esc");
    assert!(s.overlay.is_none());
    // Open again while the answer is on its way: not asked twice.
    assert!(loads(&press(&mut s, "S")).is_empty());
    // The thread's S opens it too.
    press_all(&mut s, "q Enter");
    if s.focus != Focus::Thread {
        press(&mut s, "Tab");
    }
    assert_eq!(s.focus, Focus::Thread);
    press(&mut s, "S");
    assert!(matches!(s.overlay, Some(Overlay::Stats(_))));
}

#[test]
fn brackets_move_the_period_and_each_is_asked_for_once() {
    let mut s = loaded();
    s.settings.tz = jiff::tz::TimeZone::UTC;
    let first = press(&mut s, "S").remove(0);
    answer_stats(&mut s, &first, Ok(page_stats()));
    assert!(shown(&s).stats.is_some() && !shown(&s).loading);
    let cmds = press(&mut s, "]");
    assert!(
        matches!(&loads(&cmds)[..], [Cmd::LoadStats { period: PeriodKind::Month, range, .. }]
            if range.since.0 == NOW - 30 * 86_400),
        "{cmds:?}"
    );
    let today = press(&mut s, "]");
    // NOW is 08:00 UTC: today is since midnight, in the app's zone.
    let Some(Cmd::LoadStats { period, range, .. }) = loads(&today).first().copied() else {
        panic!("{today:?}")
    };
    assert_eq!(*period, PeriodKind::Today);
    assert_eq!(range.until.0, NOW);
    assert_eq!(range.since.0, NOW - 8 * 3600);
    // Back to 7 d: cached, nothing asked; the screen shows its figures.
    assert!(loads(&press(&mut s, "]")).is_empty());
    assert_eq!(screen(&s).period, PeriodKind::Week);
    assert_eq!(shown(&s).stats.as_ref().unwrap().by_tag[0].name, "Orders");
    assert!(loads(&press(&mut s, "[")).is_empty(), "today is on its way");
    // Closed and opened again: on the period shown last, nothing asked.
    press(&mut s, "Esc");
    assert!(loads(&press(&mut s, "S")).is_empty());
    assert_eq!(screen(&s).period, PeriodKind::Today);
}

#[test]
fn an_answer_for_another_period_is_kept_but_does_not_replace_what_is_shown() {
    let mut s = loaded();
    let week = press(&mut s, "S").remove(0);
    let month = press(&mut s, "]").remove(0);
    // The week's answer comes while 30 d is shown.
    answer_stats(&mut s, &week, Ok(page_stats()));
    assert_eq!(screen(&s).period, PeriodKind::Month);
    assert!(shown(&s).stats.is_none() && shown(&s).loading);
    let page = PageId::new("p");
    assert!(
        s.stats
            .get(&page, PeriodKind::Week)
            .unwrap()
            .stats
            .is_some()
    );
    // An answer to a request `r` superseded is dropped.
    answer_stats(&mut s, &month, Err(server_error()));
    assert!(shown(&s).error.is_some());
    let again = press(&mut s, "r").remove(0);
    let mut old = page_stats();
    old.by_tag.clear();
    answer_stats(&mut s, &month, Ok(old));
    assert!(shown(&s).loading, "the old answer is not this one's");
    assert!(shown(&s).stats.is_none());
    answer_stats(&mut s, &again, Ok(page_stats()));
    assert!(!shown(&s).loading && shown(&s).stats.is_some());
    assert_eq!(shown(&s).error, None);
}

#[test]
fn a_failure_is_shown_and_r_asks_again_keeping_the_old_figures_meanwhile() {
    let mut s = loaded();
    let first = press(&mut s, "S").remove(0);
    answer_stats(&mut s, &first, Err(server_error()));
    let e = shown(&s);
    assert!(!e.loading && e.stats.is_none());
    assert!(e.error.as_deref().is_some_and(|m| !m.is_empty()));
    // Moving away and back does not retry by itself; r does.
    press(&mut s, "]");
    assert!(loads(&press(&mut s, "[")).is_empty());
    let again = press(&mut s, "r");
    assert_eq!(loads(&again).len(), 1);
    assert!(shown(&s).loading);
    answer_stats(&mut s, &again[0], Ok(page_stats()));
    assert!(shown(&s).stats.is_some() && shown(&s).error.is_none());
    // Reloading: the figures stay while the new ones come, and a failure
    // keeps them, saying so.
    let third = press(&mut s, "r").remove(0);
    assert!(shown(&s).stats.is_some() && shown(&s).loading);
    answer_stats(&mut s, &third, Err(unreachable()));
    assert!(shown(&s).stats.is_some() && shown(&s).error.is_some());
    // A failed period is tried again when the screen is opened again.
    let mut s = loaded();
    let first = press(&mut s, "S").remove(0);
    answer_stats(&mut s, &first, Err(server_error()));
    press(&mut s, "q");
    assert_eq!(loads(&press(&mut s, "S")).len(), 1);
}

#[test]
fn j_and_k_scroll_within_the_figures_on_a_small_terminal() {
    let mut s = loaded();
    assert_eq!((s.viewport.width, s.viewport.height), (80, 24));
    let first = press(&mut s, "S").remove(0);
    press(&mut s, "j");
    assert_eq!(screen(&s).scroll, 0, "nothing to scroll before the figures");
    answer_stats(&mut s, &first, Ok(page_stats()));
    let max = crate::app::stats::max_scroll(&page_stats(), 80, 24);
    assert!(max > 0, "taller than 80x24");
    press_all(&mut s, "j j");
    assert_eq!(screen(&s).scroll, 2);
    press(&mut s, "k");
    assert_eq!(screen(&s).scroll, 1);
    for _ in 0..100 {
        press(&mut s, "j");
    }
    assert_eq!(screen(&s).scroll, max, "not past the end");
    press(&mut s, "k");
    assert_eq!(screen(&s).scroll, max - 1);
    press(&mut s, "g");
    assert_eq!(screen(&s).scroll, 0);
    // A new period starts at the top.
    press_all(&mut s, "j ]");
    assert_eq!(screen(&s).scroll, 0);
}

#[test]
fn the_palette_offers_the_stats_screen() {
    let mut s = loaded();
    let cmds = run_command(&mut s, "stats");
    assert_eq!(loads(&cmds).len(), 1, "{cmds:?}");
    assert!(matches!(s.overlay, Some(Overlay::Stats(_))));
}

#[test]
fn each_page_has_its_own_figures_and_a_late_answer_for_another_page_is_only_kept() {
    let mut s = two_pages();
    let a = press(&mut s, "S").remove(0);
    assert!(matches!(&a, Cmd::LoadStats { page, .. } if page.as_str() == "a"));
    press_all(&mut s, "Esc P");
    let b = press(&mut s, "S").remove(0);
    assert!(matches!(&b, Cmd::LoadStats { page, .. } if page.as_str() == "b"));
    assert!(s.overlay.is_some());
    // Page a's figures come while b's screen is open.
    answer_stats(&mut s, &a, Ok(page_stats()));
    assert_eq!(screen(&s).page.as_str(), "b");
    assert!(shown(&s).loading && shown(&s).stats.is_none());
    // Back on page a (P: all pages, then a): from the cache.
    press_all(&mut s, "Esc P P");
    assert_eq!(s.page().id.as_str(), "a");
    assert!(loads(&press(&mut s, "S")).is_empty());
    assert!(shown(&s).stats.is_some());
}
