//! The budget shared by the processes of one host: one small file per page,
//! read and rewritten under its exclusive lock at each try, answer and
//! renewal. The file is opened anew at each use as a hostile one
//! ([`super::shared_file`]: no symlink followed, regular files only, read to
//! a cap, junk replaced by rename, the lock tried until [`LOCK_WITHIN`]),
//! and what it holds is clamped before it counts ([`super::book`]). When it
//! cannot be used, this process keeps to its own budget and says so
//! ([`HostBudget::unshared`]) until it can.
//!
//! The file sits in the per-user runtime dir (`$XDG_RUNTIME_DIR/pancake-tui`,
//! else `budget/` in the cache dir, 0700) or in a `budget_dir` shared by a
//! group of users (files there are made group-writable, 0660). It holds
//! process ids, slot numbers, CLOCK_MONOTONIC times and waiter counts:
//! nothing about the page but a hash of its id, no token.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::Priority;
use super::book::{Book, Bounds, PRESENT_MS, Presence, Slot, Waiters};
use super::shared_file::{self, Locked};
use super::{FRESH, LEASE, SlotId, Try, Unshared, monotonic_ms, wait_for};

/// Slot numbers and handle numbers, unique in the process.
static NEXT: AtomicU64 = AtomicU64::new(1);

/// How long a try waits for the file's lock (held for microseconds by a
/// process of this version) before this process uses its own budget.
pub const LOCK_WITHIN: Duration = Duration::from_millis(100);
/// How long this process keeps to its own budget after the shared file
/// failed, before trying the file again.
const RETRY_EVERY: Duration = Duration::from_secs(1);

/// The budget file of one page.
pub struct HostBudget {
    path: PathBuf,
    /// The file's mode when this process makes it.
    mode: u32,
    pid: u32,
    /// This handle among the process's (two clients of one process are two
    /// budget users, as in the benchmark).
    user: u64,
    limit: usize,
    window_ms: u64,
    lease_ms: u64,
    /// How long after an action the last slot is kept for the next
    /// ([`super::ACTED_RECENTLY`]).
    acted_ms: u64,
    /// Budget users present at the last look, this one included.
    agents: std::sync::atomic::AtomicUsize,
    /// The file failed at the last try: why, and when to try it again.
    own: Mutex<Option<(Unshared, Instant)>>,
}

/// The default dir: the per-user runtime dir, else under the cache dir.
pub fn default_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("vn", "pancake", "pancake-tui")?;
    Some(match dirs.runtime_dir() {
        Some(d) => d.to_path_buf(),
        None => uid_dir(),
    })
}

/// Without a runtime dir: one dir per Unix user in the temp dir, so every
/// inbox of the user shares the budget whatever its `HOME` (one made with
/// another `HOME` still meets the others). Checked as hostile there
/// ([`crate::private::own_dir`]).
pub(crate) fn uid_dir() -> PathBuf {
    // SAFETY: getuid has no arguments and cannot fail.
    let uid = unsafe { libc::getuid() };
    std::env::temp_dir().join(format!("pancake-tui-{uid}"))
}

impl HostBudget {
    /// The budget of the page whose [`super::page_key`] is `key`, in `dir`
    /// (a shared dir, group-writable files), or in the per-user default dir
    /// (private).
    pub fn open(
        dir: Option<&Path>,
        key: &str,
        limit: usize,
        window: Duration,
    ) -> io::Result<HostBudget> {
        let (dir, shared) = match dir {
            Some(d) => (d.to_path_buf(), true),
            None => {
                let d = default_dir().ok_or_else(|| io::Error::other("no runtime dir"))?;
                if d == uid_dir() {
                    crate::private::own_dir(&d)?;
                }
                (d, false)
            }
        };
        Self::open_in(&dir, shared, key, limit, window, LEASE)
    }

    pub(crate) fn open_in(
        dir: &Path,
        shared: bool,
        key: &str,
        limit: usize,
        window: Duration,
        lease: Duration,
    ) -> io::Result<HostBudget> {
        let mode = if shared {
            if !dir.is_dir() {
                // Made for the group; the README says how to set it up.
                create_dir_mode(dir, 0o770)?;
            }
            0o660
        } else {
            crate::private::create_dir(dir)?;
            crate::private::FILE_MODE
        };
        let path = dir.join(format!("{key}.budget"));
        Ok(HostBudget {
            path,
            mode,
            pid: std::process::id(),
            user: NEXT.fetch_add(1, Ordering::Relaxed),
            limit,
            window_ms: window.as_millis() as u64,
            lease_ms: lease.as_millis() as u64,
            acted_ms: super::ACTED_RECENTLY.as_millis() as u64,
            agents: std::sync::atomic::AtomicUsize::new(1),
            own: Mutex::new(None),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Try to take a slot in the shared file; when the file cannot be used
    /// (its lock held past [`LOCK_WITHIN`], or it cannot be opened or
    /// replaced), this process's own budget: granted here, its own throttle
    /// still holds. Said by [`HostBudget::unshared`] until a try works
    /// again (the file is tried again after [`RETRY_EVERY`]). Blocks for
    /// up to [`LOCK_WITHIN`]: call it off the async workers.
    pub fn try_or_own(&self, priority: Priority, waiting: [u32; 3]) -> Try {
        if let Some((_, retry_at)) = *self.own()
            && Instant::now() < retry_at
        {
            return Try::Granted(SlotId::Host(0));
        }
        match self.try_acquire(priority, waiting) {
            Ok(t) => {
                if self.own().take().is_some() {
                    tracing::info!("rate budget: the shared file works again; shared again");
                }
                t
            }
            Err(e) => {
                let why = match e {
                    shared_file::Error::Busy => Unshared::Busy,
                    shared_file::Error::Io(_) => Unshared::Unusable,
                };
                if self.own().map(|o| o.0) != Some(why) {
                    tracing::warn!(
                        "rate budget shared by this host: {}: {e}; this inbox keeps to its own budget until the file works again",
                        self.path.display()
                    );
                }
                self.mark_own(why);
                Try::Granted(SlotId::Host(0))
            }
        }
    }

    /// The shared file failed (`why`): this process's own budget for now.
    pub(crate) fn mark_own(&self, why: Unshared) {
        *self.own() = Some((why, Instant::now() + RETRY_EVERY));
    }

    /// Why this process keeps to its own budget now, if it does.
    pub fn unshared(&self) -> Option<Unshared> {
        self.own().map(|o| o.0)
    }

    fn own(&self) -> std::sync::MutexGuard<'_, Option<(Unshared, Instant)>> {
        self.own.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// One try at the shared file (a slot, or how long to wait).
    pub(crate) fn try_acquire(
        &self,
        priority: Priority,
        waiting: [u32; 3],
    ) -> Result<Try, shared_file::Error> {
        let me = (self.pid, self.user);
        let p = priority as usize;
        self.with_book(|book, now| {
            book.present.retain(|a| (a.pid, a.user) != me);
            book.present.push(Presence {
                pid: me.0,
                user: me.1,
                seen: now,
            });
            self.agents.store(book.present.len(), Ordering::Relaxed);
            let used = book.slots.len();
            let deferred = book
                .waiters
                .iter()
                .any(|w| (w.pid, w.user) != me && w.n[..p].iter().any(|n| *n > 0));
            let others = book.slots.iter().any(|s| (s.pid, s.user) != me)
                || book.waiters.iter().any(|w| (w.pid, w.user) != me);
            let acted = book.acted != 0 && now - book.acted < self.acted_ms;
            let cap = super::cap(self.limit, priority, others || acted);
            let granted = used < cap && !deferred;
            let mut n = waiting;
            if granted {
                n[p] = n[p].saturating_sub(1);
            }
            book.waiters.retain(|w| (w.pid, w.user) != me);
            if n.iter().any(|c| *c > 0) {
                book.waiters.push(Waiters {
                    pid: me.0,
                    user: me.1,
                    n,
                    seen: now,
                });
            }
            if granted {
                if priority == Priority::Interactive {
                    book.acted = now;
                }
                let id = NEXT.fetch_add(1, Ordering::Relaxed);
                book.slots.push(Slot {
                    pid: me.0,
                    user: me.1,
                    id,
                    until: now + self.lease_ms,
                    done: false,
                });
                return Try::Granted(SlotId::Host(id));
            }
            if used < cap {
                // Only deferring: look again soon.
                return Try::Wait(super::POLL);
            }
            let next = book
                .slots
                .iter()
                .map(|s| {
                    if s.done {
                        s.until
                    } else {
                        s.until.min(now + self.window_ms)
                    }
                })
                .min()
                .map(|t| t.saturating_sub(now));
            Try::Wait(wait_for(next))
        })
    }

    /// The answer is in (the slot is kept one window), or the slot was never
    /// used (`cancel`: freed now).
    pub fn release(&self, slot: &SlotId, cancel: bool) {
        let SlotId::Host(id) = slot else { return };
        if *id == 0 {
            return; // granted by this process's own budget
        }
        let (me, id) = (self.pid, *id);
        let r = self.with_book(|book, now| {
            if cancel {
                book.slots.retain(|s| !(s.pid == me && s.id == id));
            } else if let Some(s) = book.slots.iter_mut().find(|s| s.pid == me && s.id == id) {
                s.done = true;
                s.until = now + self.window_ms;
            }
        });
        if let Err(e) = r {
            tracing::warn!("host rate budget: {e}");
        }
    }

    /// Our requests in `held` are still in flight: extend their leases.
    pub fn renew(&self, held: &[SlotId]) {
        let me = self.pid;
        let r = self.with_book(|book, now| {
            for s in book.slots.iter_mut() {
                if s.pid == me && !s.done && held.contains(&SlotId::Host(s.id)) {
                    s.until = now + self.lease_ms;
                }
            }
        });
        if let Err(e) = r {
            tracing::warn!("host rate budget: {e}");
        }
    }

    /// Budget users seen on the page lately, this one included.
    pub fn agents(&self) -> usize {
        self.agents.load(Ordering::Relaxed).max(1)
    }

    /// Slots taken now (for tests).
    #[cfg(test)]
    pub(crate) fn used(&self) -> Result<usize, shared_file::Error> {
        self.with_book(|book, _| book.slots.len())
    }

    /// Read the book under the lock (waited for until [`LOCK_WITHIN`]),
    /// clamp what was read, forget what is over, change it, write it.
    fn with_book<T>(&self, f: impl FnOnce(&mut Book, u64) -> T) -> Result<T, shared_file::Error> {
        let mut file: Locked =
            shared_file::lock(&self.path, self.mode, Instant::now() + LOCK_WITHIN)?;
        // Empty (new) is a new book; over the size cap, torn by a process
        // killed mid-write, or junk: a new book, written beside the old
        // file and renamed over it.
        let read = file.bytes().and_then(Book::parse);
        let sound = read.is_some();
        let mut book = read.unwrap_or_default();
        let now = monotonic_ms();
        book.clamp(Bounds {
            now,
            lease_ms: self.lease_ms,
            window_ms: self.window_ms,
        });
        self.prune(&mut book, now);
        let out = f(&mut book, now);
        let bytes = serde_json::to_vec(&book).map_err(io::Error::other)?;
        if sound {
            file.write(&bytes)?;
        } else {
            tracing::warn!(
                "rate budget: {} did not hold a budget (torn or junk); replaced",
                self.path.display()
            );
            file.replace(&bytes)?;
        }
        Ok(out)
    }

    fn prune(&self, book: &mut Book, now: u64) {
        let me = self.pid;
        let mut dead = std::collections::HashMap::new();
        let mut is_dead = |pid: u32| *dead.entry(pid).or_insert_with(|| !alive(pid));
        for s in book.slots.iter_mut() {
            // A dead holder's request may have just left: it keeps its slot
            // for one window from now, not for the rest of its lease.
            if !s.done && s.pid != me && is_dead(s.pid) {
                s.done = true;
                s.until = s.until.min(now + self.window_ms);
            }
        }
        book.slots.retain(|s| s.until > now);
        let fresh = FRESH.as_millis() as u64;
        book.waiters
            .retain(|w| now.saturating_sub(w.seen) < fresh && (w.pid == me || !is_dead(w.pid)));
        book.present.retain(|a| {
            now.saturating_sub(a.seen) < PRESENT_MS && (a.pid == me || !is_dead(a.pid))
        });
    }
}

/// Whether a process of this host is alive (one of another user counts).
fn alive(pid: u32) -> bool {
    // 0 would ask about our own process group: not a process.
    let Ok(pid) = i32::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

fn create_dir_mode(dir: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(mode)
        .create(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode))
}

#[cfg(test)]
#[path = "tests_hostile.rs"]
mod hostile;

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("pancake-budget-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    const W: Duration = Duration::from_millis(300);

    fn open(dir: &Path, lease: Duration) -> HostBudget {
        HostBudget::open_in(
            dir,
            false,
            &super::super::page_key("api", "105384912345678"),
            2,
            W,
            lease,
        )
        .unwrap()
    }

    #[test]
    fn the_book_counts_the_agents_present_on_the_page() {
        let dir = tmp("agents");
        let (a, b, c) = (open(&dir, LEASE), open(&dir, LEASE), open(&dir, LEASE));
        assert_eq!(a.agents(), 1, "alone until it looked");
        let _ = a.try_acquire(Priority::Background, [0, 1, 0]).unwrap();
        let _ = b.try_acquire(Priority::Background, [0, 1, 0]).unwrap();
        assert_eq!((a.agents(), b.agents()), (1, 2), "b saw a");
        let _ = c.try_acquire(Priority::Interactive, [1, 0, 0]).unwrap();
        let _ = a.try_acquire(Priority::Background, [0, 1, 0]).unwrap();
        assert_eq!(a.agents(), 3);
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn granted(t: Try) -> SlotId {
        match t {
            Try::Granted(s) => s,
            Try::Wait(d) => panic!("waits {d:?}"),
        }
    }

    /// Ask for an interactive slot until it is granted, waiting as long as
    /// the budget says each time: how long that took.
    fn wait_granted(a: &HostBudget) -> Duration {
        let start = std::time::Instant::now();
        loop {
            match a.try_acquire(Priority::Interactive, [1, 0, 0]).unwrap() {
                Try::Granted(_) => return start.elapsed(),
                Try::Wait(d) => std::thread::sleep(d),
            }
            assert!(start.elapsed() < Duration::from_secs(10), "never granted");
        }
    }

    #[test]
    fn two_handles_share_one_book_and_an_answer_holds_its_slot_a_window() {
        let dir = tmp("share");
        let (a, b) = (open(&dir, LEASE), open(&dir, LEASE));
        assert_eq!(a.path(), b.path());
        assert_eq!(a.used().unwrap(), 0, "made at the first use");
        let name = a.path().file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.contains("105384912345678"), "{name}");
        assert_eq!(crate::private::mode(a.path()).unwrap(), 0o600);
        let s1 = granted(a.try_acquire(Priority::Background, [0, 1, 0]).unwrap());
        // Shared with another user now: the last slot is kept for actions.
        assert!(matches!(
            b.try_acquire(Priority::Background, [0, 1, 0]).unwrap(),
            Try::Wait(_)
        ));
        let _s2 = granted(b.try_acquire(Priority::Interactive, [1, 1, 0]).unwrap());
        // Full: a third waits, at most until the first slot can free.
        let Try::Wait(d) = a.try_acquire(Priority::Interactive, [1, 0, 0]).unwrap() else {
            panic!("a third slot");
        };
        assert!(d <= W, "{d:?}");
        a.release(&s1, false);
        assert_eq!(b.used().unwrap(), 2, "answered: still taken for a window");
        // Wait on the event (the window ending), with a generous bound.
        let waited = wait_granted(&a);
        assert!(waited >= W - Duration::from_millis(50), "{waited:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_action_lately_keeps_the_last_slot_from_another_s_backfill() {
        let dir = tmp("acted");
        let minute = Duration::from_secs(60);
        let (agent, backfill) = (open(&dir, minute), open(&dir, minute));
        // The agent acts; its request is never sent (freed at once): the
        // book holds nothing of the agent's but the time of its action.
        let s = granted(agent.try_acquire(Priority::Interactive, [1, 0, 0]).unwrap());
        agent.release(&s, true);
        assert_eq!(agent.used().unwrap(), 0);
        // A backfill at full speed leaves the last slot for the next action.
        granted(
            backfill
                .try_acquire(Priority::Background, [0, 1, 0])
                .unwrap(),
        );
        assert!(matches!(
            backfill
                .try_acquire(Priority::Background, [0, 1, 0])
                .unwrap(),
            Try::Wait(_)
        ));
        granted(agent.try_acquire(Priority::Interactive, [1, 0, 0]).unwrap());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_cancelled_slot_frees_at_once() {
        let dir = tmp("cancel");
        let a = open(&dir, LEASE);
        let s = granted(a.try_acquire(Priority::Bulk, [0, 0, 1]).unwrap());
        assert_eq!(a.used().unwrap(), 1);
        a.release(&s, true);
        assert_eq!(a.used().unwrap(), 0);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn background_defers_to_another_process_s_interactive_waiters() {
        let dir = tmp("prio");
        let (a, b) = (open(&dir, LEASE), open(&dir, LEASE));
        // The two handles are one process here; make `b` look like another.
        let b = HostBudget {
            pid: b.pid + 1_000_000,
            ..b
        };
        // `b` waits with an agent action (full budget) and says so.
        let _x = granted(a.try_acquire(Priority::Background, [0, 1, 0]).unwrap());
        let _y = granted(a.try_acquire(Priority::Background, [0, 1, 0]).unwrap());
        assert!(matches!(
            b.try_acquire(Priority::Interactive, [1, 0, 0]).unwrap(),
            Try::Wait(_)
        ));
        // A fake pid is not alive: its record is dropped as dead. Use our
        // own pid's parent (alive) instead.
        let parent = std::os::unix::process::parent_id();
        let b = HostBudget { pid: parent, ..b };
        assert!(matches!(
            b.try_acquire(Priority::Interactive, [1, 0, 0]).unwrap(),
            Try::Wait(_)
        ));
        // The slots free; `a`'s background defers while `b`'s agent waits.
        let a2 = open(&dir, LEASE);
        a2.with_book(|book, _| book.slots.clear()).unwrap();
        assert!(matches!(
            a.try_acquire(Priority::Background, [0, 1, 0]).unwrap(),
            Try::Wait(_)
        ));
        assert!(matches!(
            a.try_acquire(Priority::Bulk, [0, 0, 1]).unwrap(),
            Try::Wait(_)
        ));
        // `a`'s own agent action does not defer (same priority).
        granted(a.try_acquire(Priority::Interactive, [1, 0, 0]).unwrap());
        // `b` takes its slot and has no one left waiting: `a` goes on.
        granted(b.try_acquire(Priority::Interactive, [1, 0, 0]).unwrap());
        a2.with_book(|book, _| book.slots.clear()).unwrap();
        granted(a.try_acquire(Priority::Background, [0, 1, 0]).unwrap());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_dead_holder_keeps_its_slots_one_window_and_a_silent_one_its_lease() {
        let dir = tmp("dead");
        let a = open(&dir, Duration::from_millis(400));
        // A child that is gone by now took both slots.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let ghost = HostBudget {
            pid: dead,
            ..open(&dir, Duration::from_secs(3600))
        };
        granted(ghost.try_acquire(Priority::Bulk, [0, 0, 1]).unwrap());
        granted(ghost.try_acquire(Priority::Bulk, [0, 0, 1]).unwrap());
        let waited = wait_granted(&a);
        // Freed a window after it was seen dead, not after its hour of lease.
        assert!(waited < Duration::from_secs(5), "{waited:?}");
        // An alive holder that stopped renewing (frozen) loses its slot at
        // the end of its lease.
        let parent = std::os::unix::process::parent_id();
        let frozen = HostBudget {
            pid: parent,
            ..open(&dir, Duration::from_millis(400))
        };
        // (a's action just now would keep the last slot from bulk.)
        a.with_book(|book, _| {
            book.slots.clear();
            book.acted = 0;
        })
        .unwrap();
        granted(frozen.try_acquire(Priority::Bulk, [0, 0, 1]).unwrap());
        granted(frozen.try_acquire(Priority::Bulk, [0, 0, 1]).unwrap());
        let waited = wait_granted(&a);
        assert!(waited >= Duration::from_millis(300), "{waited:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_torn_file_starts_over_and_a_shared_dir_gets_group_files() {
        crate::private::tests::umask_022();
        let dir = tmp("torn");
        let a = HostBudget::open_in(&dir, true, "p", 2, W, LEASE).unwrap();
        assert_eq!(a.used().unwrap(), 0, "made at the first use");
        assert_eq!(crate::private::mode(a.path()).unwrap(), 0o660);
        assert_eq!(crate::private::mode(&dir).unwrap(), 0o770);
        std::fs::write(a.path(), "{\"slots\":[{\"pid\"").unwrap();
        granted(a.try_acquire(Priority::Interactive, [1, 0, 0]).unwrap());
        assert_eq!(a.used().unwrap(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
