//! End to end: the shared `budget_dir` made hostile by another member of
//! its group. A symlink to a victim file or a FIFO planted at the page's
//! book, a poisoned book, or the book's lock held for ever: the inbox starts, an action still reaches
//! the simulator (its request log is the oracle), the victim is unchanged.

use std::path::{Path, PathBuf};

use crate::common::tmux::{Tmux, wait_for};
use crate::common::world::World;
use pancake_tui::api::budget::page_key;

const VICTIM: &[u8] = b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIvictim lan@jumpbox\n";

/// A shared dir (0770, as an admin makes `budget_dir`), a config naming
/// it, and a victim file outside it.
struct Place {
    root: PathBuf,
    dir: PathBuf,
    config: PathBuf,
    victim: PathBuf,
}

impl Place {
    fn new(name: &str) -> Place {
        use std::os::unix::fs::PermissionsExt;
        let root = std::env::temp_dir().join(format!(
            "pancake-e2e-budget-{name}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        let dir = root.join("budget");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o770)).unwrap();
        std::fs::create_dir_all(root.join("victim/.ssh")).unwrap();
        let victim = root.join("victim/.ssh/authorized_keys");
        std::fs::write(&victim, VICTIM).unwrap();
        let config = root.join("config.toml");
        std::fs::write(
            &config,
            format!("budget_dir = {:?}\n", dir.display().to_string()),
        )
        .unwrap();
        Place {
            root,
            dir,
            config,
            victim,
        }
    }

    /// The page's book: where the inbox keeps the shared budget.
    fn book(&self, world: &World) -> PathBuf {
        let key = page_key(&world.sim.base_url(), &world.page);
        self.dir.join(format!("{key}.budget"))
    }

    fn inbox(&self, world: &World) -> Tmux {
        world.inbox_with(
            120,
            36,
            &[("PANCAKE_TUI_CONFIG", self.config.display().to_string())],
        )
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Press `u` (read/unread) and wait until the simulator has the POST.
fn an_action_reaches_the_simulator(world: &World, t: &Tmux) {
    t.wait_screen("a list to act on", |s| s.contains(" conversations"));
    let before = world.requests("POST", |_| true).len();
    t.keys(&["u"]);
    wait_for("the action at the simulator", || {
        world.requests("POST", |_| true).len() > before
    });
}

fn regular_of_one_link(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file() && m.nlink() == 1)
}

#[test]
fn a_symlink_planted_at_the_shared_book_is_not_written_through() {
    let world = World::new(40);
    let place = Place::new("symlink");
    let book = place.book(&world);
    std::os::unix::fs::symlink(&place.victim, &book).unwrap();
    let t = place.inbox(&world);
    an_action_reaches_the_simulator(&world, &t);
    let s = t.screen();
    assert!(!s.contains("budget: own"), "{s}");
    t.quit();
    assert_eq!(std::fs::read(&place.victim).unwrap(), VICTIM, "the victim");
    // The symlink was replaced by a book of the inbox's own.
    assert!(regular_of_one_link(&book), "{}", book.display());
}

#[test]
fn a_shared_book_locked_for_ever_says_own_budget_and_actions_go_on() {
    let world = World::new(40);
    let place = Place::new("locked");
    let book = place.book(&world);
    std::fs::write(&book, b"").unwrap();
    let holder = std::fs::File::open(&book).unwrap();
    holder.lock().unwrap();
    let t = place.inbox(&world);
    t.wait_screen("the fallback said", |s| {
        s.contains("budget: own (shared file busy)")
    });
    an_action_reaches_the_simulator(&world, &t);
    drop(holder);
    // Shared again once the lock is free (the inbox polls the list).
    t.wait_screen("back on the shared budget", |s| !s.contains("budget: own"));
    t.quit();
    assert!(regular_of_one_link(&book));
}

#[test]
fn a_fifo_planted_at_the_shared_book_neither_hangs_the_inbox_nor_is_written() {
    use std::os::unix::fs::OpenOptionsExt;
    let world = World::new(40);
    let place = Place::new("fifo");
    let book = place.book(&world);
    let c = std::ffi::CString::new(book.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string; mkfifo only makes a node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o666) }, 0, "mkfifo");
    // Its read end held by the test: anything written would wait in it.
    let reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&book)
        .unwrap();
    let t = place.inbox(&world);
    an_action_reaches_the_simulator(&world, &t);
    t.quit();
    let mut buf = [0u8; 64];
    let n = std::io::Read::read(&mut &reader, &mut buf).unwrap_or(0);
    assert_eq!(n, 0, "written into the FIFO: {:?}", &buf[..n]);
    assert!(regular_of_one_link(&book), "{}", book.display());
}

#[test]
fn a_poisoned_shared_book_stalls_nobody_past_a_lease() {
    let world = World::new(40);
    let place = Place::new("poisoned");
    let book = place.book(&world);
    // Written by a member of the group: more slots than any limit, held
    // "for ever" by a live process (this test's), agents and waiters seen
    // in the future, counts no process could have.
    let me = std::process::id();
    let slots: Vec<String> = (0..60)
        .map(|i| {
            format!(
                r#"{{"pid":{me},"user":{i},"id":{i},"until":{},"done":{}}}"#,
                u64::MAX,
                i % 2 == 0
            )
        })
        .collect();
    let waiters: Vec<String> = (0..300)
        .map(|i| {
            format!(
                r#"{{"pid":{me},"user":{i},"n":[4294967295,4294967295,4294967295],"seen":{}}}"#,
                u64::MAX
            )
        })
        .collect();
    let present: Vec<String> = (0..300)
        .map(|i| format!(r#"{{"pid":{me},"user":{i},"seen":{}}}"#, u64::MAX))
        .collect();
    let poison = format!(
        r#"{{"slots":[{}],"waiters":[{}],"present":[{}]}}"#,
        slots.join(","),
        waiters.join(","),
        present.join(",")
    );
    // Under the read cap: believed (clamped), not thrown away as junk.
    assert!(poison.len() < 200 * 1024, "{}", poison.len());
    std::fs::write(&book, poison).unwrap();
    let t = place.inbox(&world);
    // The inbox's own list call and the agent's action both get through:
    // what was planted is believed for one lease at most.
    an_action_reaches_the_simulator(&world, &t);
    let s = t.screen();
    assert!(!s.contains("budget: own"), "still sharing: {s}");
    t.quit();
    assert!(regular_of_one_link(&book));
    let text = std::fs::read_to_string(&book).unwrap();
    assert!(
        text.matches("\"pid\"").count() < 100,
        "the poison is gone from the book: {} bytes",
        text.len()
    );
}
