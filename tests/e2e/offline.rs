//! End to end: Pancake goes away mid-session and comes back. The app stays
//! usable, says it is offline, keeps the agent's action, and delivers it
//! exactly once when the simulator is back on the same port.

use crate::common::tmux::{Tmux, wait_for};
use crate::common::world::BIN;
use pancake_tui::sim::{SimConfig, Simulator};

#[test]
fn an_action_taken_while_pancake_is_down_arrives_once_when_it_is_back() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let start = |port: u16| {
        rt.block_on(Simulator::start(SimConfig {
            conversations: 120,
            port,
            ..SimConfig::default()
        }))
        .unwrap()
    };
    let first = start(0);
    let port = first.addr().port();
    let main = first.main_page();
    let tmux = Tmux::start(
        BIN,
        &[],
        &[
            ("PANCAKE_API_URL", first.base_url()),
            ("PANCAKE_PAGE_ID", main.id.clone()),
            ("PANCAKE_PAGE_ACCESS_TOKEN", main.token.clone()),
        ],
        110,
        30,
    );
    tmux.wait_screen("the list", |s| s.contains("120 conversations"));
    rt.block_on(first.shutdown());

    // Offline: refresh says so, and the agent keeps working.
    tmux.keys(&["R"]);
    tmux.wait_screen("offline in the status bar", |s| s.contains("offline"));
    tmux.keys(&["j", "u"]);
    tmux.wait_screen("the action waiting for Pancake", |s| {
        s.contains("1 waiting for Pancake")
    });

    // Back on the same port: the next sync resends it, once.
    let second = start(port);
    tmux.keys(&["R"]);
    wait_for("the action delivered", || {
        second.requests().iter().any(|r| {
            r.method == "POST"
                && (r.path.ends_with("/unread") || r.path.ends_with("/read"))
                && r.ok()
        })
    });
    tmux.wait_screen("nothing left waiting", |s| {
        !s.contains("failed") && !s.contains("waiting for Pancake")
    });
    let sent: Vec<_> = second
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect();
    assert_eq!(sent.len(), 1, "exactly once: {sent:?}");
    tmux.quit();
}

/// A killed session (SSH dropped, the box rebooted) while Pancake is down:
/// the next start paints the list from the cache, says it is offline, shows
/// the action still in the outbox, and delivers it exactly once when
/// Pancake is back.
#[test]
fn after_a_crash_while_offline_the_next_start_shows_the_cache_and_sends_the_outbox_once() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let start = |port: u16| {
        rt.block_on(Simulator::start(SimConfig {
            conversations: 90,
            port,
            ..SimConfig::default()
        }))
        .unwrap()
    };
    let first = start(0);
    let port = first.addr().port();
    let main = first.main_page();
    // Both runs share the cache and state dirs, as two starts on one box do.
    let shared = std::env::temp_dir().join(format!("pancake-crash-{}", std::process::id()));
    let env = vec![
        ("PANCAKE_API_URL", first.base_url()),
        ("PANCAKE_PAGE_ID", main.id.clone()),
        ("PANCAKE_PAGE_ACCESS_TOKEN", main.token.clone()),
        ("XDG_CACHE_HOME", shared.join("cache").display().to_string()),
        ("XDG_STATE_HOME", shared.join("state").display().to_string()),
    ];
    let before = Tmux::start(BIN, &[], &env, 110, 30);
    before.wait_screen("the whole list", |s| s.contains("90 conversations"));
    let top = before.screen();
    rt.block_on(first.shutdown());
    before.keys(&["R"]);
    before.wait_screen("offline", |s| s.contains("offline"));
    before.keys(&["u"]);
    before.wait_screen("the action waiting", |s| {
        s.contains("1 waiting for Pancake")
    });
    // The session dies without a chance to clean up.
    before.kill_hard();

    // Next start, Pancake still down: the cached list, offline, the action.
    let after = Tmux::start(BIN, &[], &env, 110, 30);
    let screen = after.wait_screen("the cached list, offline", |s| {
        s.contains("offline") && s.contains("1 All 90 ")
    });
    // The customer's name on the first row (after the border and markers).
    let first_row = |s: &str| -> String {
        let row = s.lines().nth(3).unwrap_or_default();
        row.chars().skip(4).take(15).collect()
    };
    assert_eq!(
        first_row(&screen),
        first_row(&top),
        "the same list as before the crash\n{screen}"
    );
    after.wait_screen("the action still listed", |s| {
        s.contains("1 waiting for Pancake")
    });
    after.keys(&["o"]);
    after.wait_screen("it in the outbox", |s| {
        s.contains("Outbox: 1 not confirmed")
    });
    after.keys(&["Escape"]);
    // Seen alone before the next key (sent together, ESC R reads as Alt-R).
    after.wait_screen("the outbox closed", |s| {
        !s.contains("Outbox: 1 not confirmed")
    });

    // Pancake is back on the same port: sent once, and nothing else.
    let second = start(port);
    after.keys(&["R"]);
    wait_for("the action delivered", || {
        second
            .requests()
            .iter()
            .any(|r| r.method == "POST" && r.ok())
    });
    wait_for("tags and staff fetched again", || {
        let r = second.requests();
        r.iter().any(|r| r.path.ends_with("/tags")) && r.iter().any(|r| r.path.ends_with("/users"))
    });
    after.wait_screen("nothing left to send", |s| {
        !s.contains("failed") && !s.contains("pending") && !s.contains("waiting for Pancake")
    });
    let posts: Vec<_> = second
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect();
    assert_eq!(posts.len(), 1, "exactly once: {posts:?}");
    assert!(
        posts[0].path.ends_with("/unread") || posts[0].path.ends_with("/read"),
        "{posts:?}"
    );
    let list_calls: Vec<_> = second
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/conversations"))
        .collect();
    assert!(
        list_calls
            .iter()
            .all(|r| r.query.iter().any(|(k, _)| k == "since")),
        "a delta poll from the cache, not a full reload: {list_calls:?}"
    );
    after.quit();
    let _ = std::fs::remove_dir_all(&shared);
}
