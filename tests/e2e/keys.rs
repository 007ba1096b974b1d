//! End to end: keys rebound in `config.toml` drive the real binary, the help
//! and hints show them, and a bad `[keys]` stops the start with a message.

use crate::common::tmux::wait_for;
use crate::common::world::{BIN, World};

fn config_dir(name: &str, body: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pancake-keys-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.toml");
    std::fs::write(&path, body).unwrap();
    path
}

#[test]
fn rebound_keys_drive_the_inbox_and_the_help_shows_them() {
    let world = World::new(60);
    let config = config_dir(
        "ok",
        "[keys]\ntag_picker = \"T\"\nhelp = \"H\"\ntoggle_read = []\n",
    );
    let tmux = world.inbox_with(
        100,
        30,
        &[("PANCAKE_TUI_CONFIG", config.display().to_string())],
    );
    tmux.wait_screen("the list with the new help key", |s| {
        s.contains("60 conversations") && s.contains("H help")
    });
    // The old keys do nothing now: `u` is free and `t` is no picker.
    tmux.keys(&["u", "t", "?"]);
    tmux.keys(&["H"]);
    // The whole help frame, not one caught while it was being drawn.
    let help = tmux.wait_screen("the help", |s| {
        s.contains("Keys") && s.contains("tag picker") && s.contains("toggle read")
    });
    let row = |what: &str| {
        help.lines()
            .find(|l| l.contains(what))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(row("tag picker").contains("T "), "{help}");
    assert!(row("toggle read").contains("(no key)"), "{help}");
    tmux.keys(&["H"]);
    tmux.wait_screen("help closed", |s| !s.contains("Keys"));
    tmux.keys(&["T"]);
    tmux.wait_screen("the tag picker", |s| s.contains("Tags for"));
    tmux.keys(&["Enter"]);
    wait_for("the tag request", || !world.posts("/tags").is_empty());
    tmux.keys(&["Escape"]);
    tmux.wait_screen("the picker closed", |s| !s.contains("Tags for"));
    tmux.quit();
    assert_eq!(world.posts("/tags").len(), 1);
    assert!(
        world.posts("/read").is_empty() && world.posts("/unread").is_empty(),
        "u and t sent nothing"
    );
}

#[test]
fn a_bad_key_in_the_config_stops_the_start_and_says_what_to_write() {
    let config = config_dir("bad", "[keys]\ntag_picker = \"Hyper-t\"\n");
    let out = std::process::Command::new(BIN)
        .env("PANCAKE_TUI_CONFIG", &config)
        .env("PANCAKE_PAGE_ID", "1")
        .env("PANCAKE_PAGE_ACCESS_TOKEN", "x")
        .env("PANCAKE_API_URL", "http://127.0.0.1:9")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[keys] in config: tag_picker: unknown key \"Hyper-t\""),
        "{err}"
    );
    assert!(err.contains("C-x for Ctrl"), "{err}");
}
