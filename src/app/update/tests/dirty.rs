//! Whether a frame is drawn: decided once per message in `update`.

use super::*;
use crate::store::Reminder;

/// `loaded()` with its backfill done: idle until the poll at `NOW + 2`.
fn idle() -> State {
    let mut s = loaded();
    feed(&mut s, LoadMode::Backfill, Some("p_4"), Ok(vec![]));
    assert!(!s.pages[0].sync.loading);
    s.dirty = false;
    s
}

#[test]
fn a_key_draws_an_idle_tick_does_not_a_tick_that_starts_a_poll_does() {
    let mut s = idle();
    press(&mut s, "j");
    assert!(s.dirty, "a key draws");
    s.dirty = false;
    tick(&mut s, NOW);
    assert!(!s.dirty, "an idle tick draws nothing");
    let cmds = tick(&mut s, NOW + 2);
    assert!(
        matches!(
            &cmds[..],
            [Cmd::LoadConversations {
                mode: LoadMode::Poll,
                ..
            }]
        ),
        "{cmds:?}"
    );
    assert!(s.dirty, "the poll starting shows");
}

#[test]
fn a_tick_that_wakes_a_snooze_draws() {
    let mut s = idle();
    let conv: ConversationId = "p_4".into();
    s.snoozes.insert(
        conv.clone(),
        Reminder {
            page_id: PageId::new("p"),
            conv,
            due: UnixSeconds(NOW),
            created: UnixSeconds(NOW - 10),
        },
    );
    tick(&mut s, NOW);
    assert!(s.snoozes.is_empty(), "woken");
    assert!(s.dirty);
}
