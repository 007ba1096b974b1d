//! End to end: `s` snoozes a conversation in the real binary, the reminder
//! is on disk in the page's store; its due time is moved into the past
//! there (time passing, without a sleep), and the next start marks it
//! unread on the simulator and says so. The oracle is the simulator's log.

use crate::common::tmux::{Tmux, wait_for};
use crate::common::world::{World, first_word};
use pancake_tui::api::{PageId, UnixSeconds};
use pancake_tui::store::{Store, page_path};

fn start(world: &World, cache: &std::path::Path) -> Tmux {
    // Both runs share one cache and state (later entries win over the
    // home's).
    world.inbox_with(
        120,
        30,
        &[
            ("XDG_CACHE_HOME", cache.display().to_string()),
            ("XDG_STATE_HOME", cache.join("state").display().to_string()),
        ],
    )
}

fn unread_posts(world: &World, conv: &str) -> usize {
    let unread = world.requests("POST", |p| p.ends_with("/unread") && p.contains(conv));
    unread.len()
}

#[test]
fn a_snooze_kept_on_disk_falls_due_while_closed_and_fires_at_the_next_start() {
    let world = World::new(30);
    let (top, name) = world.plain_inbox_on_top("Mai em gọi lại nhé");
    let cache = std::env::temp_dir().join(format!("pancake-snooze-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);

    let tmux = start(&world, &cache);
    let who = first_word(&name);
    tmux.wait_screen("the top conversation", |s| s.contains(&who));
    tmux.keys(&["s"]);
    tmux.wait_screen("the snooze dialog", |s| s.contains("Follow up later"));
    tmux.keys(&["Enter"]);
    tmux.wait_screen("snoozed", |s| {
        s.contains("snoozed") && s.contains("Snoozed 1")
    });
    tmux.quit();
    assert_eq!(unread_posts(&world, &top), 0, "nothing sent when snoozing");

    // Time passes: the reminder is moved into the past in the store on disk.
    let path = page_path(&cache.join("pancake-tui"), &PageId::new(world.page.clone()));
    {
        let (store, _) = Store::open(&path).unwrap();
        let all = store.reminders().unwrap();
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(all[0].conv.as_str(), top);
        let mut r = all[0].clone();
        r.due = UnixSeconds(UnixSeconds::now().0 - 60);
        store.reminder_set(&r).unwrap();
    }

    let tmux = start(&world, &cache);
    wait_for("the unread action for the snoozed conversation", || {
        unread_posts(&world, &top) == 1
    });
    tmux.wait_screen("the follow-up notice", |s| s.contains("follow up:"));
    tmux.quit();
    assert_eq!(world.conv(&top)["seen"], false, "unread on Pancake");
    let (store, _) = Store::open(&path).unwrap();
    assert!(store.reminders().unwrap().is_empty(), "fired once, gone");
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn the_palette_runs_a_command_found_by_name() {
    let world = World::new(30);
    let (top, name) = world.plain_inbox_on_top("Còn hàng không?");
    let cache = std::env::temp_dir().join(format!("pancake-palette-{}", std::process::id()));
    let tmux = start(&world, &cache);
    tmux.wait_screen("the top conversation", |s| s.contains(&first_word(&name)));
    tmux.keys(&[":"]);
    tmux.wait_screen("the palette", |s| s.contains("Commands"));
    tmux.type_text("toggle read");
    tmux.wait_screen("filtered", |s| {
        s.contains("toggle read: toggle read / unread") && !s.contains("move down")
    });
    tmux.keys(&["Enter"]);
    // The injected message left it unread: toggling marks it read.
    wait_for("the read request", || {
        world
            .sim
            .requests()
            .iter()
            .any(|r| r.method == "POST" && r.path.ends_with("/read") && r.path.contains(&top))
    });
    tmux.quit();
    // The next start offers it first, marked recent.
    let tmux = start(&world, &cache);
    tmux.wait_screen("the list again", |s| s.contains(&first_word(&name)));
    tmux.keys(&[":"]);
    let shown = tmux.wait_screen("the palette, recent first", |s| s.contains("Commands"));
    let first_row = shown
        .lines()
        .find(|l| l.contains(": ") && l.contains("• "))
        .unwrap_or_default();
    assert!(first_row.contains("toggle read"), "{shown}");
    tmux.keys(&["Escape"]);
    tmux.wait_screen("the palette closed", |s| !s.contains("Commands"));
    tmux.quit();
    let _ = std::fs::remove_dir_all(&cache);
}
