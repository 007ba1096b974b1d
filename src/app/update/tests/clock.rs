//! Views that move with the clock (`24h`, `until 1h`): each new minute,
//! what crossed a bound leaves the rows or joins them and the counts
//! follow, looking at what crossed alone; always equal to a rebuild and a
//! count over every conversation at that time.

use super::*;
use crate::app::filter::{Filter, TimeBound, View};
use crate::app::update::list::{rebuild_visible, recount_views};
use proptest::prelude::*;

fn view(name: &str, filter: Filter) -> View {
    View {
        name: name.into(),
        filter,
    }
}

/// `24h`, `until 1h`, `2h unread`: the views after the five defaults
/// (keys 6, 7, 8).
fn clock_views() -> Vec<View> {
    vec![
        view(
            "24h",
            Filter {
                since: Some(TimeBound::Ago(86_400)),
                ..Filter::default()
            },
        ),
        view(
            "old",
            Filter {
                until: Some(TimeBound::Ago(3_600)),
                ..Filter::default()
            },
        ),
        view(
            "2h unread",
            Filter {
                since: Some(TimeBound::Ago(7_200)),
                unread_only: true,
                ..Filter::default()
            },
        ),
    ]
}

/// The counts as a count over every conversation at the time `s`'s
/// were counted at.
fn full_counts(s: &State) -> Vec<usize> {
    let mut fresh = s.clone();
    fresh.now = s.tabs.counted_at;
    fresh.tabs.counted = None;
    recount_views(&mut fresh);
    assert_eq!(fresh.tabs.looked_at, s.convs.len(), "a full count");
    fresh.tabs.counts
}

/// The rows as a rebuild at `s`'s time would list them.
fn rebuilt_rows(s: &State) -> Vec<usize> {
    let mut fresh = s.clone();
    rebuild_visible(&mut fresh);
    finish_scan(&mut fresh);
    fresh.visible
}

/// Conversations whose time lies in `[lo, hi]`, counted over all of them.
fn between(s: &State, lo: i64, hi: i64) -> usize {
    s.convs
        .iter()
        .filter(|c| c.updated_at().is_some_and(|u| lo <= u.0 && u.0 <= hi))
        .count()
}

#[test]
fn a_minute_with_a_hundred_thousand_looks_at_what_crossed_alone() {
    use crate::app::search::SCAN_STEP;
    // One conversation a minute, newest now (`synthetic_state`).
    let n = 100_000;
    let mut s = synthetic_state(n);
    s.viewport = Viewport {
        list_rows: 20,
        ..Viewport::default()
    };
    assert!(
        n > SCAN_STEP * 4,
        "a page the 24h view is filtered over in steps"
    );
    s.tabs.views.extend(clock_views());
    press(&mut s, "6");
    finish_scan(&mut s);
    let in_view = s.visible.len();
    assert!((1_430..=1_450).contains(&in_view), "{in_view}");
    assert_eq!(s.visible, rebuilt_rows(&s));
    // The cursor on a row that stays: it stays on it.
    press_all(&mut s, "j j j");
    let on = s.visible[s.selected];
    let start = s.now.0 / 60 * 60 + 60;
    let mut at = s.now.0;
    for minute in 0..5 {
        let next = start + minute * 60 + 7;
        // Three views move with the clock: each bound's crossing
        // conversations, looked at once however many views they are in.
        let crossed = between(&s, at - 86_400, next - 86_400)
            + between(&s, at - 3_600, next - 3_600)
            + between(&s, at - 7_200, next - 7_200);
        s.dirty = false;
        tick(&mut s, next);
        at = next;
        assert!(s.dirty, "the new minute drawn");
        assert_eq!(s.tabs.counted_at, UnixSeconds(next));
        assert_eq!(s.listed_at, UnixSeconds(next));
        assert_eq!(s.tabs.looked_at, crossed, "minute {minute}");
        assert!((2..20).contains(&crossed), "{crossed}");
        assert_eq!(s.tabs.counts, full_counts(&s), "minute {minute}");
        assert_eq!(s.visible, rebuilt_rows(&s), "minute {minute}");
        assert_eq!(s.tabs.counts[5], s.visible.len());
        assert_eq!(s.visible[s.selected], on, "the cursor kept its row");
    }
    assert!(
        s.visible.len() < in_view,
        "the oldest left the view: {} then {}",
        in_view,
        s.visible.len()
    );
    // A tick inside the minute changes nothing; a count then moves the
    // clock of the counts by the seconds gone, again by what crossed.
    let rows = s.visible.clone();
    tick(&mut s, at + 30);
    assert_eq!(s.visible, rows);
    assert_eq!(s.listed_at, UnixSeconds(at));
    recount_views(&mut s);
    assert!(s.tabs.looked_at < 10, "{}", s.tabs.looked_at);
    assert_eq!(s.tabs.counts, full_counts(&s));
}

#[test]
fn a_search_and_the_snoozed_view_follow_the_clock_too() {
    let convs = (0..40)
        .map(|i| conv(i, NOW - 86_400 + 30 * i as i64 - 300, i % 2 == 0))
        .collect();
    let mut s = state_of(Vec::new());
    tick(&mut s, NOW);
    backfill(&mut s, "p", convs);
    s.tabs.views.extend(clock_views());
    press(&mut s, "6");
    // A search within the 24h view: its rows leave as they cross.
    press(&mut s, "/");
    type_text(&mut s, "customer 2");
    press(&mut s, "Enter");
    let before = s.visible.len();
    assert!(before > 0);
    for m in 1..=8 {
        tick(&mut s, NOW + 60 * m);
        assert_eq!(s.visible, rebuilt_rows(&s), "minute {m}");
        assert_eq!(s.tabs.counts, full_counts(&s));
    }
    assert!(s.visible.len() < before, "{before}");
    press(&mut s, "Esc");
    // Snoozed conversations in a `24h` filter of the snoozed ones.
    s.tabs.views.push(view(
        "snoozed 24h",
        Filter {
            snoozed: true,
            since: Some(TimeBound::Ago(86_400)),
            ..Filter::default()
        },
    ));
    let ids: Vec<_> = (20..30)
        .map(|i| ConversationId::new(format!("p_{i}")))
        .collect();
    crate::app::update::snooze::set(&mut s, &ids, UnixSeconds(NOW + 86_400));
    press(&mut s, "9");
    let before = s.visible.len();
    assert!(before > 0);
    for m in 9..=14 {
        tick(&mut s, NOW + 60 * m);
        assert_eq!(s.visible, rebuilt_rows(&s), "minute {m}");
        assert_eq!(s.tabs.counts, full_counts(&s));
    }
    assert!(s.visible.len() < before);
}

/// A conversation back from a snooze sorts by when it came back, not by
/// its own time: it still leaves a `24h` view when its own time crosses.
#[test]
fn one_back_from_a_snooze_leaves_the_view_when_its_own_time_crosses() {
    let convs = (0..10)
        .map(|i| conv(i, NOW - 86_400 + 100 + 10 * i as i64, true))
        .collect();
    let mut s = state_of(Vec::new());
    tick(&mut s, NOW);
    backfill(&mut s, "p", convs);
    s.tabs.views.extend(clock_views());
    press(&mut s, "6");
    assert_eq!(s.visible.len(), 10);
    let back = ConversationId::new("p_0");
    crate::app::update::snooze::set(&mut s, std::slice::from_ref(&back), UnixSeconds(NOW + 30));
    tick(&mut s, NOW + 30);
    assert!(s.surfaced.contains_key(&back), "woken");
    assert_eq!(s.convs.row(s.visible[0]).id(), "p_0", "on top of the view");
    // p_0 and p_1 cross (their times are 100 and 110 s past the bound).
    tick(&mut s, NOW + 120);
    assert_eq!(s.visible, rebuilt_rows(&s));
    assert_eq!(s.tabs.counts, full_counts(&s));
    assert_eq!(s.visible.len(), 8);
    assert!(s.visible.iter().all(|&i| s.convs.row(i).id() != "p_0"));
}

#[derive(Clone, Debug)]
enum Step {
    /// The clock moves by these seconds (backwards too: a clock set back).
    Tick(i64),
    /// Conversation `k` changes (a poll): newer, read flipped.
    Poll(usize),
    /// The counts are brought up to date between two minutes.
    Count,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (1i64..400).prop_map(Step::Tick),
        1 => (-300i64..0).prop_map(Step::Tick),
        2 => (0usize..60).prop_map(Step::Poll),
        1 => Just(Step::Count),
    ]
}

proptest! {
    // Failing cases are kept beside this file (the project's top level
    // holds only the crate's own dirs).
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("regressions"),
        )),
        ..ProptestConfig::default()
    })]

    /// At any time, after any changes, the counts the clock moved equal a
    /// count over everything, and after each new minute the rows equal a
    /// rebuild (a plain view, a search in it).
    #[test]
    fn counts_and_rows_following_the_clock_equal_a_full_recount(
        ages in prop::collection::vec(prop_oneof![0i64..8_000, 80_000i64..90_000], 60),
        active in 6usize..=8,
        search in any::<bool>(),
        steps in prop::collection::vec(step(), 1..24),
    ) {
        let convs = ages
            .iter()
            .enumerate()
            .map(|(i, age)| conv(i, NOW - age, i % 3 == 0))
            .collect();
        let mut s = state_of(Vec::new());
        tick(&mut s, NOW);
        backfill(&mut s, "p", convs);
        s.tabs.views.extend(clock_views());
        press(&mut s, &active.to_string());
        if search {
            press(&mut s, "/");
            type_text(&mut s, "customer 1");
            press(&mut s, "Enter");
        }
        let mut now = NOW;
        for st in steps {
            match st {
                Step::Tick(d) => {
                    let minute = (now + d) / 60 != now / 60;
                    now += d;
                    tick(&mut s, now);
                    if minute {
                        prop_assert_eq!(&s.visible, &rebuilt_rows(&s));
                    }
                }
                Step::Poll(k) => {
                    let mut c = s.convs.get(&format!("p_{k}")).unwrap();
                    c.updated_at = Some(UnixSeconds(now.max(c.updated_at.unwrap().0 + 1)));
                    c.seen = !c.seen;
                    feed(&mut s, LoadMode::Poll, None, Ok(vec![c]));
                }
                Step::Count => recount_views(&mut s),
            }
            prop_assert_eq!(&s.tabs.counts, &full_counts(&s));
        }
    }
}
