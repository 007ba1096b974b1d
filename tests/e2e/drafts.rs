//! End to end: a draft is never lost. Typed (with a file), not sent, then
//! the app is told to go (SIGHUP as from a dropped SSH session, SIGTERM,
//! the tmux window closed) or killed after the debounce: the next start on
//! the same home shows it again in that conversation's composer, and the
//! simulator's record shows it was never sent. Two windows on one page
//! keep each other's drafts.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::tmux::{PATIENCE, Tmux, wait_for};
use crate::common::world::{World, first_word};
use pancake_tui::api::{ConversationId, PageId};
use pancake_tui::store::{Draft, Store, page_path};

/// A small PNG: the signature, then an IHDR chunk's start.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

/// Cache and state dirs shared by every start of one test, as two starts
/// (or two windows) on one box share them; removed on drop.
struct Shared(PathBuf);

impl Shared {
    fn new(name: &str) -> Shared {
        let dir = std::env::temp_dir().join(format!("pancake-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Shared(dir)
    }

    fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("XDG_CACHE_HOME", self.0.join("cache").display().to_string()),
            ("XDG_STATE_HOME", self.0.join("state").display().to_string()),
        ]
    }

    /// The draft of `conv` as the page's store holds it (read through a
    /// handle of its own, as another window would).
    fn stored(&self, page: &str, conv: &str) -> Option<Draft> {
        let dir = self.0.join("cache").join("pancake-tui");
        let path = page_path(&dir, &PageId::new(page));
        if !path.exists() {
            return None;
        }
        let (store, _) = Store::open(&path).ok()?;
        store.draft(&ConversationId::new(conv)).ok().flatten()
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn signal(pid: u32, sig: &str) {
    let sent = Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success(), "kill {sig} {pid}");
}

/// Wait until process `pid` is gone.
fn gone(pid: u32) {
    wait_for("the program gone", || {
        // A zombie has ended too (its parent may be gone with the window).
        std::fs::read_to_string(format!("/proc/{pid}/stat")).map_or(true, |s| {
            s.rsplit_once(')')
                .is_some_and(|(_, r)| r.trim_start().starts_with('Z'))
        })
    });
}

/// Open the selected conversation's composer.
fn compose(tmux: &Tmux) {
    tmux.keys(&["r"]);
    tmux.wait_screen("the composer", |s| s.contains(" Reply · "));
}

/// Start on `world` with the shared dirs; wait for the list to show `name`.
fn start(world: &World, shared: &Shared, name: &str) -> Tmux {
    let tmux = world.inbox_with(120, 36, &shared.env());
    tmux.wait_screen("the list", |s| s.contains(&first_word(name)));
    tmux
}

/// Restart on the same home, open the same conversation's composer: the
/// draft is there, and nothing was ever sent.
fn comes_back(world: &World, shared: &Shared, name: &str, text: &str) -> Tmux {
    let after = start(world, shared, name);
    compose(&after);
    after.wait_screen("the draft back in the composer", |s| s.contains(text));
    assert!(
        world.posts("/messages").is_empty(),
        "the draft was never sent: {:?}",
        world.posts("/messages")
    );
    after
}

/// Esc (the draft kept), then q: a clean exit.
fn leave(tmux: &Tmux) {
    tmux.keys(&["Escape"]);
    tmux.wait_screen("the composer closed", |s| !s.contains(" Reply · "));
    tmux.quit();
}

#[test]
fn a_draft_typed_then_sighup_comes_back_at_the_next_start_unsent() {
    let world = World::new(60);
    let shared = Shared::new("draft-hup");
    let (top, name) = world.plain_inbox_on_top("Cho mình hỏi giá");
    let before = start(&world, &shared, &name);
    compose(&before);
    let text = "Dạ chị đợi em xíu 🙏";
    before.type_text(text);
    before.wait_screen("the text typed", |s| s.contains(text));
    // At once, before the debounce: the hang-up itself saves it.
    let pid = before.program_pid().expect("the program's pid");
    signal(pid, "-HUP");
    assert_eq!(before.wait_exit(), 0, "a clean exit after SIGHUP");
    // A terminal still there is given back, after the save.
    assert_eq!(before.format("#{alternate_on}"), "0", "restored");
    let row = shared.stored(&world.page, &top).expect("the draft's row");
    assert_eq!(row.text, text);
    let after = comes_back(&world, &shared, &name, text);
    leave(&after);
}

#[test]
fn a_draft_with_a_file_survives_sigterm_and_comes_back_with_its_file() {
    let world = World::new(60);
    let shared = Shared::new("draft-term");
    let photo = shared.0.join("banh-kem.png");
    std::fs::write(&photo, PNG).unwrap();
    let (top, name) = world.plain_inbox_on_top("Cho em xem ảnh");
    let before = start(&world, &shared, &name);
    compose(&before);
    before.keys(&["C-o"]);
    before.wait_screen("the path prompt", |s| s.contains("Attach a photo or file"));
    before.type_text(&photo.display().to_string());
    before.keys(&["Enter"]);
    before.wait_screen("the file in the composer", |s| {
        s.contains("+ banh-kem.png · 29 B · photo")
    });
    before.type_text("Ảnh đây ạ");
    before.wait_screen("the text typed", |s| s.contains("Ảnh đây ạ"));
    signal(before.program_pid().expect("the program's pid"), "-TERM");
    assert_eq!(before.wait_exit(), 0, "a clean exit after SIGTERM");
    // The terminal is there: it is given back as it was.
    assert_eq!(before.format("#{alternate_on}"), "0", "restored");
    let row = shared.stored(&world.page, &top).expect("the draft's row");
    assert_eq!(row.text, "Ảnh đây ạ");
    assert_eq!(row.files, [photo.display().to_string()]);
    let after = comes_back(&world, &shared, &name, "Ảnh đây ạ");
    after.wait_screen("its file checked and attached again", |s| {
        s.contains("+ banh-kem.png · 29 B · photo")
    });
    leave(&after);
}

#[test]
fn a_draft_survives_its_tmux_window_closing() {
    let world = World::new(60);
    let shared = Shared::new("draft-window");
    let (_top, name) = world.plain_inbox_on_top("Shop ơi");
    let before = start(&world, &shared, &name);
    compose(&before);
    let text = "Dạ shop đây";
    before.type_text(text);
    before.wait_screen("the text typed", |s| s.contains(text));
    let pid = before.program_pid().expect("the program's pid");
    // The window goes, and the terminal with it: tmux hangs up on it.
    before.run(&["kill-window", "-t", "e2e"]);
    gone(pid);
    let after = comes_back(&world, &shared, &name, text);
    leave(&after);
}

#[test]
fn a_draft_is_on_disk_a_debounce_after_typing_even_if_the_app_is_then_killed() {
    let world = World::new(60);
    let shared = Shared::new("draft-kill");
    let (top, name) = world.plain_inbox_on_top("Alo");
    let before = start(&world, &shared, &name);
    compose(&before);
    before.type_text("Dạ");
    let started = std::time::Instant::now();
    wait_for("the draft's row", || {
        shared
            .stored(&world.page, &top)
            .is_some_and(|d| d.text == "Dạ")
    });
    let took = started.elapsed();
    assert!(took < PATIENCE, "{took:?}");
    eprintln!(
        "draft on disk {} ms after the keys were sent",
        took.as_millis()
    );
    // Killed without a chance to save: the debounced save was enough.
    before.kill_hard();
    let after = comes_back(&world, &shared, &name, "Dạ");
    // Emptied and the debounce run out: the row goes.
    after.keys(&["BSpace", "BSpace"]);
    after.wait_screen("the text deleted", |s| s.contains(" Reply · 0 chars"));
    wait_for("the row deleted", || {
        shared.stored(&world.page, &top).is_none()
    });
    leave(&after);
}

#[test]
fn two_windows_on_one_page_keep_each_others_drafts() {
    let world = World::new(60);
    let shared = Shared::new("draft-two");
    let (top, name) = world.plain_inbox_on_top("Một");
    let one = start(&world, &shared, &name);
    let two = start(&world, &shared, &name);
    // Window one drafts to the top conversation, window two to the next.
    compose(&one);
    one.type_text("từ cửa sổ một");
    two.keys(&["j"]);
    compose(&two);
    two.type_text("từ cửa sổ hai");
    let second = wait_row(&shared, &world.page, "từ cửa sổ hai");
    wait_for("window one's row", || {
        shared
            .stored(&world.page, &top)
            .is_some_and(|d| d.text == "từ cửa sổ một")
    });
    // Window one opens window two's conversation: its draft, read anew.
    one.keys(&["Escape"]);
    one.wait_screen("one's composer closed", |s| !s.contains(" Reply · "));
    one.keys(&["h", "j"]);
    compose(&one);
    one.wait_screen("two's draft in window one", |s| s.contains("từ cửa sổ hai"));
    // Esc seen alone before `q` (sent at once, the two read as Alt-q).
    leave(&one);
    signal(two.program_pid().expect("window two's pid"), "-HUP");
    assert_eq!(two.wait_exit(), 0);
    // Both come back at the next start.
    let after = comes_back(&world, &shared, &name, "từ cửa sổ một");
    after.keys(&["Escape"]);
    after.wait_screen("the composer closed", |s| !s.contains(" Reply · "));
    after.keys(&["h", "j"]);
    compose(&after);
    after.wait_screen("two's draft back", |s| s.contains("từ cửa sổ hai"));
    assert_eq!(
        shared.stored(&world.page, &second).map(|d| d.text),
        Some("từ cửa sổ hai".to_string())
    );
    leave(&after);
}

/// Wait for a row with `text` in the page's store: its conversation.
fn wait_row(shared: &Shared, page: &str, text: &str) -> String {
    let mut found = None;
    wait_for("the row", || {
        found = all_rows(&shared.0, page)
            .into_iter()
            .find(|d| d.text == text)
            .map(|d| d.conv.as_str().to_owned());
        found.is_some()
    });
    found.unwrap()
}

fn all_rows(dir: &Path, page: &str) -> Vec<Draft> {
    let path = page_path(&dir.join("cache").join("pancake-tui"), &PageId::new(page));
    if !path.exists() {
        return vec![];
    }
    Store::open(&path)
        .ok()
        .and_then(|(s, _)| s.drafts().ok())
        .unwrap_or_default()
}
