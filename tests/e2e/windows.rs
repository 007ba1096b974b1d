//! End to end: one agent with the inbox open twice (same home and cache,
//! two tmux windows) on one page. A reply queued behind a 429 storm is
//! sent by the window that owns it and by no other: the second window shows
//! it pending, and sends nothing of it, even restarted; when the owner is
//! killed (kill -9), the second window takes the next reply over and sends
//! it. The simulator's record is the oracle: exactly one accepted send of
//! each reply.

use crate::common::tmux::{Tmux, wait_for};
use crate::common::world::{World, first_word};
use pancake_tui::sim::Faults;

const W: u16 = 180;
const H: u16 = 40;

fn status_line(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// Accepted sends of `text` (answered 200, no error inside).
fn accepted(world: &World, text: &str) -> usize {
    world
        .requests("POST", |p| p.ends_with("/messages"))
        .iter()
        .filter(|r| r.ok())
        .filter(|r| {
            serde_json::from_str::<serde_json::Value>(&r.body).is_ok_and(|b| b["message"] == text)
        })
        .count()
}

fn storm(world: &World, on: bool) {
    world.sim.set_faults(Faults {
        storm_429: on,
        ..Faults::default()
    });
}

/// Type a reply to the conversation on top and send it.
fn reply(tmux: &Tmux, text: &str) {
    tmux.keys(&["r"]);
    tmux.wait_screen("the composer", |s| s.contains("Reply ·"));
    tmux.type_text(text);
    tmux.keys(&["Enter"]);
    tmux.wait_screen("the reply in the thread", |s| s.contains(text));
}

#[test]
fn two_windows_of_one_agent_send_each_queued_reply_exactly_once() {
    let world = World::new(60);
    let (_top, name) = world.plain_inbox_on_top("Cho mình hỏi giá ạ");
    let shared = std::env::temp_dir().join(format!("pancake-windows-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&shared);
    let env = [
        ("XDG_CACHE_HOME", shared.join("cache").display().to_string()),
        ("XDG_STATE_HOME", shared.join("state").display().to_string()),
        (
            "XDG_CONFIG_HOME",
            shared.join("config").display().to_string(),
        ),
    ];
    let open = || {
        let t = world.inbox_with(W, H, &env);
        t.wait_screen("the list", |s| s.contains(&first_word(&name)));
        t
    };
    let a = open();
    let b = open();
    a.keys(&["Enter"]);
    a.wait_screen("the thread", |s| s.contains("hỏi giá"));
    // Opening it marked it read: done before the storm, so the reply is
    // the only action the windows share.
    wait_for("the thread marked read", || {
        world
            .requests("POST", |p| p.ends_with("/read"))
            .iter()
            .any(|r| r.ok())
    });
    a.wait_screen("A: nothing pending", |s| {
        !status_line(s).contains("pending")
    });

    // A reply meets the storm in A: written down (owned by A), refused.
    storm(&world, true);
    let first = "Dạ giá 250.000đ ạ";
    reply(&a, first);
    a.wait_screen("A waiting for Pancake", |s| {
        status_line(s).contains("1 waiting for Pancake")
    });
    b.wait_screen("B shows it pending in A", |s| {
        status_line(s).contains("1 pending in another window")
    });
    // B restarts during the storm: it shows the reply, it does not send it.
    b.quit();
    drop(b);
    let b = open();
    b.wait_screen("B, restarted, shows it pending in A", |s| {
        status_line(s).contains("1 pending in another window")
    });
    // The storm ends; A goes again (R: its sync was backing off).
    storm(&world, false);
    a.keys(&["R"]);
    wait_for("the first reply accepted", || accepted(&world, first) >= 1);
    b.wait_screen("B: nothing pending any more", |s| {
        !status_line(s).contains("pending")
    });
    a.wait_screen("A: nothing waiting", |s| {
        let st = status_line(s);
        !st.contains("waiting for Pancake") && !st.contains("pending")
    });

    // A second reply meets the storm in A, and A is killed: B takes it
    // over and sends it once the storm ends.
    storm(&world, true);
    let second = "Dạ shop giao trong ngày ạ";
    reply(&a, second);
    a.wait_screen("A waiting for Pancake again", |s| {
        status_line(s).contains("1 waiting for Pancake")
    });
    b.wait_screen("B shows the second pending in A", |s| {
        status_line(s).contains("1 pending in another window")
    });
    a.kill_hard();
    b.wait_screen("B took it over", |s| {
        let st = status_line(s);
        !st.contains("in another window")
            && (st.contains("1 pending") || st.contains("1 waiting for Pancake"))
    });
    storm(&world, false);
    b.keys(&["R"]);
    wait_for("the second reply accepted", || {
        accepted(&world, second) >= 1
    });
    b.wait_screen("B: nothing pending or waiting", |s| {
        let st = status_line(s);
        !st.contains("waiting for Pancake") && !st.contains("pending")
    });

    assert_eq!(accepted(&world, first), 1, "the first reply, exactly once");
    assert_eq!(
        accepted(&world, second),
        1,
        "the second reply, exactly once"
    );
    let screen = b.screen();
    assert!(!screen.contains("MAY HAVE BEEN SENT"), "{screen}");
    b.quit();
    // What A left behind was all sent: nothing stays in the outbox.
    let again = open();
    again.wait_screen("a clean start", |s| {
        !status_line(s).contains("pending") && !status_line(s).contains("waiting")
    });
    again.quit();
    let _ = std::fs::remove_dir_all(&shared);
}
