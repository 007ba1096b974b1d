//! End to end: three inboxes of one Unix user, each with its own `HOME`
//! and no runtime dir (as agents in separate SSH sessions of one account
//! may be), backfill one page at once. Without configuration they share
//! the host budget through the per-user dir in the temp dir: the
//! simulator's record (the oracle) holds no 429 and every request answered,
//! and each inbox says on its status bar that it shares the budget.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::common::tmux::Tmux;
use crate::common::world::World;
use pancake_tui::i18n::{Lang, number};

/// A page of a few thousand conversations.
const CONVERSATIONS: usize = 2_000;
/// A backfill of three inboxes within the page's 5 requests a second.
const BACKFILL_WITHIN: Duration = Duration::from_secs(240);

/// A temp dir of the test's own, for `TMPDIR`: the per-user dir is made in
/// it, not in the machine's `/tmp`.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Wait until the screen satisfies `pred`, up to `within`.
fn wait_long(t: &Tmux, what: &str, within: Duration, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let s = t.screen();
        if pred(&s) {
            return s;
        }
        assert!(
            start.elapsed() < within,
            "timed out waiting for {what}; screen:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn three_inboxes_of_one_user_with_separate_homes_share_the_budget_without_a_429() {
    let world = World::new(CONVERSATIONS);
    let tmp = TempDir(std::env::temp_dir().join(format!(
        "pancake-e2e-one-user-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )));
    std::fs::create_dir_all(&tmp.0).unwrap();
    let env = [
        ("TMPDIR", tmp.0.display().to_string()),
        // No runtime dir (an empty value is none).
        ("XDG_RUNTIME_DIR", String::new()),
    ];
    // Each its own HOME (and XDG dirs under it): see `Tmux::start`.
    let inboxes: Vec<Tmux> = (0..3).map(|_| world.inbox_with(120, 30, &env)).collect();
    let homes: Vec<_> = inboxes.iter().map(|t| t.home.clone()).collect();
    assert!(homes[0] != homes[1] && homes[1] != homes[2]);

    // While they backfill, each sees the others on the host budget.
    for t in &inboxes {
        wait_long(t, "the host budget shared by three", BACKFILL_WITHIN, |s| {
            s.contains("budget: host, 3 agents")
        });
    }
    let all = format!("{} conversations", number(Lang::En, CONVERSATIONS as u64));
    for t in &inboxes {
        let s = wait_long(t, "the whole page backfilled", BACKFILL_WITHIN, |s| {
            s.contains(&all)
        });
        assert!(!s.contains("budget: own"), "{s}");
    }
    // The per-user dir was made in the test's temp dir, private.
    // SAFETY: getuid has no arguments and cannot fail.
    let uid = unsafe { libc::getuid() };
    let dir = tmp.0.join(format!("pancake-tui-{uid}"));
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::symlink_metadata(&dir)
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode, 0o700, "{}", dir.display());

    // The oracle: nothing answered 429, every request answered, and each
    // list page of the walk asked by each of the three.
    let log = world.sim.requests();
    let limited = log.iter().filter(|r| r.rate_limited()).count();
    assert_eq!(
        limited,
        0,
        "{limited} of {} requests answered 429",
        log.len()
    );
    let failed: Vec<_> = log
        .iter()
        .filter(|r| r.status != 200 || r.success == Some(false))
        .collect();
    assert!(failed.is_empty(), "not answered: {failed:?}");
    let mut pages: HashMap<&str, usize> = HashMap::new();
    for r in &log {
        if r.method == "GET" && r.path.ends_with("/conversations") {
            for (k, v) in &r.query {
                if k == "last_conversation_id" {
                    *pages.entry(v.as_str()).or_default() += 1;
                }
            }
        }
    }
    let walk = CONVERSATIONS.div_ceil(60) - 1; // pages after the first
    assert!(pages.len() >= walk, "{} of {walk} list pages", pages.len());
    assert!(pages.values().all(|n| *n >= 3), "{pages:?}");
    for t in &inboxes {
        t.quit();
    }
}
