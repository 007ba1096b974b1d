//! Fresh news end to end: the real binary in tmux against the simulator. A
//! customer writes while the agent looks at another conversation: the list
//! shows it within a few seconds (polls every 2 s, one request each), the
//! terminal title counts the unread, and the open thread follows its
//! conversation without a timer of its own.

use crate::common::tmux::wait_for;
use crate::common::world::{World, first_word};

#[test]
fn a_new_customer_message_reaches_the_list_the_title_and_the_open_thread() {
    let world = World::new(300);
    let (top, name) = world.plain_inbox_on_top("Shop ơi, còn hàng không?");
    let tmux = world.inbox(120, 40);
    tmux.wait_screen("the top conversation", |s| s.contains(&first_word(&name)));
    wait_for("the title counting unread", || {
        tmux.format("#{pane_title}").contains("pancake-tui")
    });

    // Open the top thread; another customer writes meanwhile.
    tmux.keys(&["Enter"]);
    tmux.wait_screen("the thread", |s| s.contains("Shop ơi, còn hàng không?"));
    let other = world
        .sim
        .conversation_ids(&world.page)
        .into_iter()
        .find(|id| {
            *id != top
                && world.conv(id)["type"] == "INBOX"
                && world.conv(id)["seen"] == true
                && world.conv(id)["customers"][0]["name"]
                    .as_str()
                    .is_some_and(|n| n.chars().all(|c| c.is_alphabetic() || c == ' '))
        })
        .unwrap();
    let unread_before = title_count(&tmux.format("#{pane_title}"));
    world.sim.clear_requests();
    world
        .sim
        .inject_customer_message(&world.page, &other, "Đặt thêm ạ");
    tmux.wait_screen("the new message in the list", |s| s.contains("Đặt thêm ạ"));
    wait_for("the title counting it", || {
        title_count(&tmux.format("#{pane_title}")) > unread_before
    });

    // The open thread: a customer message there shows without pressing a key.
    world
        .sim
        .inject_customer_message(&world.page, &top, "Shop ơi trả lời");
    tmux.wait_screen("the new message in the open thread", |s| {
        s.contains("Shop ơi trả lời")
    });
    // Each poll was one list request: never two in a row without news between.
    let lists: Vec<_> = world
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/conversations") && r.query.iter().any(|(k, _)| k == "since"))
        .collect();
    assert!(!lists.is_empty());
    assert!(
        lists
            .iter()
            .all(|r| r.query.iter().all(|(k, _)| k != "last_conversation_id")),
        "a poll's short page is its last: no cursor request"
    );
    assert!(
        lists.iter().all(|r| r
            .query
            .iter()
            .any(|(k, v)| k == "order_by" && v == "updated_at")),
        "since with order_by=updated_at"
    );
    tmux.keys(&["q"]);
    tmux.wait_exit();
}

/// The unread count in a title like `(3) Page · pancake-tui`, 0 without one.
fn title_count(title: &str) -> usize {
    title
        .strip_prefix('(')
        .and_then(|t| t.split(')').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}
