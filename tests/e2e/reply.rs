//! End to end: replying from the terminal, exactly as typed, and a failed
//! send that stays visible and goes through on retry.

use crate::common::tmux::wait_for;
use crate::common::world::{World, first_word};
use pancake_tui::sim::Faults;

#[test]
fn multiline_vietnamese_reply_with_emoji_arrives_exactly() {
    let world = World::new(200);
    let (top, name) = world.plain_inbox_on_top("Cho mình hỏi giá ạ");
    let tmux = world.inbox(120, 40);
    tmux.wait_screen("the list", |s| s.contains(&first_word(&name)));
    tmux.keys(&["r"]);
    tmux.wait_screen("the thread under the composer", |s| s.contains("hỏi giá"));
    tmux.type_text("Dạ chào chị 👩‍🍳");
    tmux.keys(&["M-Enter"]);
    tmux.type_text("Giá 250.000đ ạ 😍");
    tmux.keys(&["C-j"]);
    tmux.type_text("Cảm ơn chị!");
    tmux.keys(&["Enter"]);
    let expected = "Dạ chào chị 👩‍🍳\nGiá 250.000đ ạ 😍\nCảm ơn chị!";
    wait_for("the reply", || !world.posts("/messages").is_empty());
    let sent = world.posts("/messages");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["message"], expected);
    let thread = world.sim.messages_json(&world.page, &top);
    assert!(
        thread
            .iter()
            .any(|m| m["original_message"] == expected || m["message"] == expected)
    );
    tmux.quit();
}

#[test]
fn a_failed_send_stays_visible_and_succeeds_on_retry() {
    let world = World::new(200);
    let (top, name) = world.plain_inbox_on_top("Alo shop");
    let tmux = world.inbox(120, 40);
    tmux.wait_screen("the list", |s| s.contains(&first_word(&name)));
    tmux.keys(&["Enter"]);
    tmux.wait_screen("the thread", |s| s.contains("Alo shop"));
    world.sim.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    tmux.keys(&["r"]);
    tmux.type_text("Dạ shop nghe ạ");
    tmux.keys(&["Enter"]);
    tmux.wait_screen("the failure in the thread", |s| s.contains("FAILED"));
    assert!(
        tmux.screen().contains("Dạ shop nghe ạ"),
        "the text is not lost"
    );
    world.sim.set_faults(Faults::default());
    tmux.keys(&["x"]);
    wait_for("the retried reply stored", || {
        world
            .sim
            .messages_json(&world.page, &top)
            .iter()
            .any(|m| m["original_message"] == "Dạ shop nghe ạ" || m["message"] == "Dạ shop nghe ạ")
    });
    tmux.wait_screen("the failure gone", |s| !s.contains("FAILED"));
    let attempts: Vec<bool> = world
        .sim
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/messages"))
        .map(|r| r.ok())
        .collect();
    assert_eq!(attempts.last(), Some(&true));
    assert_eq!(
        attempts.iter().filter(|ok| **ok).count(),
        1,
        "sent exactly once"
    );
    tmux.quit();
}

#[test]
fn the_draft_goes_through_the_external_editor_and_comes_back() {
    let world = World::new(100);
    let (_top, name) = world.plain_inbox_on_top("Cho mình hỏi");
    // A stand-in editor that appends a line to the file it is given.
    let dir = std::env::temp_dir().join(format!("pancake-editor-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let editor = dir.join("fake-editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf '\\nViết trong editor ✍️' >> \"$1\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let main = world.sim.main_page();
    let tmux = crate::common::tmux::Tmux::start(
        crate::common::world::BIN,
        &[],
        &[
            ("PANCAKE_API_URL", world.sim.base_url()),
            ("PANCAKE_PAGE_ID", main.id.clone()),
            ("PANCAKE_PAGE_ACCESS_TOKEN", main.token.clone()),
            ("VISUAL", editor.display().to_string()),
        ],
        110,
        32,
    );
    tmux.wait_screen("the list", |s| s.contains(&first_word(&name)));
    tmux.keys(&["r"]);
    tmux.type_text("Dạ");
    tmux.keys(&["C-e"]);
    tmux.wait_screen("the edited draft back in the composer", |s| {
        s.contains("Viết trong editor")
    });
    tmux.keys(&["Enter"]);
    wait_for("the reply", || !world.posts("/messages").is_empty());
    assert_eq!(
        world.posts("/messages")[0]["message"],
        "Dạ\nViết trong editor ✍️"
    );
    tmux.quit();
    let _ = std::fs::remove_dir_all(&dir);
}
