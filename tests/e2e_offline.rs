//! End to end: Pancake goes away mid-session and comes back. The app stays
//! usable, says it is offline, keeps the agent's action, and delivers it
//! exactly once when the simulator is back on the same port.

mod common;

use common::tmux::{Tmux, wait_for};
use common::world::BIN;
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
    tmux.wait_screen("the action failed for now", |s| s.contains("failed"));

    // Back on the same port: the next sync resends it, once.
    let second = start(port);
    tmux.keys(&["R"]);
    wait_for("the action delivered", || {
        second.requests().iter().any(|r| {
            r.method == "POST"
                && (r.path.ends_with("/unread") || r.path.ends_with("/read"))
                && r.status == 200
        })
    });
    tmux.wait_screen("no failure left", |s| !s.contains("failed"));
    let sent: Vec<_> = second
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect();
    assert_eq!(sent.len(), 1, "exactly once: {sent:?}");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0);
}
