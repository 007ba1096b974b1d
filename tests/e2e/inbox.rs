//! End to end: the real binary in tmux against the simulator. Keys go in
//! through the terminal; the simulator's request log and state are the oracle,
//! plus the screen.

use crate::common::tmux::{Tmux, wait_for};
use crate::common::world::{BIN, World, first_word};

#[test]
fn triage_in_tmux_tag_assign_unread_open_reply_quit() {
    let world = World::new(300);
    let (top, name) = world.plain_inbox_on_top("Shop ơi, còn hàng không?");
    let tmux = world.inbox(120, 40);
    tmux.wait_screen("the top conversation", |s| s.contains(&first_word(&name)));

    // Tag: the picker toggles the first tag at once.
    let tags_before = world.conv(&top)["tags"].as_array().unwrap().len();
    tmux.keys(&["t"]);
    tmux.wait_screen("the tag picker", |s| s.contains("Tags for"));
    tmux.keys(&["Space", "Escape"]);
    wait_for("the tag request", || !world.posts("/tags").is_empty());
    let body = &world.posts("/tags")[0];
    assert!(
        body["tag_id"].is_string(),
        "tag id sent as a string: {body}"
    );
    wait_for("the server to hold the change", || {
        world.conv(&top)["tags"].as_array().unwrap().len() != tags_before
    });

    // Assign: keep whoever is assigned, add the first person not yet assigned.
    let before: Vec<String> =
        serde_json::from_value(world.conv(&top)["assignee_ids"].clone()).unwrap();
    let users = world.sim.users_json(&world.page)["users"]
        .as_array()
        .unwrap()
        .clone();
    let idx = users
        .iter()
        .position(|u| !before.contains(&u["id"].as_str().unwrap().to_string()))
        .unwrap();
    tmux.keys(&["a"]);
    tmux.wait_screen("the staff picker", |s| s.contains("Assign"));
    for _ in 0..idx {
        tmux.keys(&["Down"]);
    }
    tmux.keys(&["Space", "Enter"]);
    wait_for("the assign request", || !world.posts("/assign").is_empty());
    let sent: Vec<String> =
        serde_json::from_value(world.posts("/assign")[0]["assignee_ids"].clone()).unwrap();
    for b in &before {
        assert!(sent.contains(b), "existing assignee {b} kept: {sent:?}");
    }
    assert!(sent.contains(&users[idx]["id"].as_str().unwrap().to_string()));
    assert_eq!(sent.len(), before.len() + 1);

    // Mark unread (the injected message made it unread: u flips it read, u again unread).
    let seen0 = world.conv(&top)["seen"].as_bool().unwrap();
    tmux.keys(&["u"]);
    wait_for("read state flipped", || {
        world.conv(&top)["seen"].as_bool() == Some(!seen0)
    });
    if !seen0 {
        tmux.keys(&["u"]);
        wait_for("marked unread", || world.conv(&top)["seen"] == false);
    }

    // Open the thread: it loads and is marked read.
    tmux.keys(&["Enter"]);
    wait_for("the messages request", || {
        world
            .sim
            .requests()
            .iter()
            .any(|r| r.path.ends_with("/messages") && r.method == "GET")
    });
    tmux.wait_screen("the newest message", |s| s.contains("còn hàng không"));
    wait_for("marked read on open", || world.conv(&top)["seen"] == true);

    // Reply.
    tmux.keys(&["r"]);
    tmux.type_text("Dạ còn ạ");
    tmux.keys(&["Enter"]);
    wait_for("the reply", || !world.posts("/messages").is_empty());
    assert_eq!(world.posts("/messages")[0]["message"], "Dạ còn ạ");
    assert_eq!(world.posts("/messages")[0]["action"], "reply_inbox");
    tmux.wait_screen("the reply in the thread", |s| s.contains("Dạ còn ạ"));

    // Quit: the program ends cleanly.
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0, "screen:\n{}", tmux.screen());
    // No request ever carried the token in its logged query.
    for r in world.sim.requests() {
        assert!(r.query.iter().all(|(k, _)| !k.contains("token")));
    }
}

#[test]
fn a_wrong_token_is_explained_in_the_status_bar() {
    let world = World::new(50);
    let tmux = Tmux::start(
        BIN,
        &[],
        &[
            ("PANCAKE_API_URL", world.sim.base_url()),
            ("PANCAKE_PAGE_ID", world.page.clone()),
            (
                "PANCAKE_PAGE_ACCESS_TOKEN",
                "wrong-token-123456".to_string(),
            ),
        ],
        100,
        30,
    );
    let screen = tmux.wait_screen("the 401 explained", |s| {
        s.contains("PANCAKE_PAGE_ACCESS_TOKEN")
    });
    assert!(!screen.contains("wrong-token-123456"));
    tmux.quit();
}

#[test]
fn without_a_page_the_cli_says_what_to_set_and_fails() {
    let out = std::process::Command::new(BIN)
        .env_remove("PANCAKE_PAGE_ID")
        .env_remove("PANCAKE_PAGE_ACCESS_TOKEN")
        .env("HOME", std::env::temp_dir())
        .env("XDG_CONFIG_HOME", std::env::temp_dir().join("pancake-none"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("PANCAKE_PAGE_ID") && err.contains("pancake-tui demo"),
        "{err}"
    );
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    let world = World::new(50);
    for signal in ["-TERM", "-HUP"] {
        let tmux = world.inbox(100, 30);
        tmux.wait_screen("the list", |s| {
            s.contains("50 conversations") || s.contains("loaded")
        });
        assert_eq!(
            tmux.format("#{alternate_on}"),
            "1",
            "the TUI is on the alternate screen"
        );
        let pid = tmux.program_pid().expect("the program's pid");
        let status = std::process::Command::new("kill")
            .args([signal, &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(tmux.wait_exit(), 0, "{signal}: a clean exit");
        assert_eq!(
            tmux.format("#{alternate_on}"),
            "0",
            "{signal}: alternate screen left"
        );
        assert_eq!(
            tmux.format("#{cursor_flag}"),
            "1",
            "{signal}: cursor shown again"
        );
    }
}
