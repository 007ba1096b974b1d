//! The rate budget of a page shared with other processes: every pancake-tui
//! of this host (a file, [`host`]) or of every machine (Redis, [`redis`])
//! that opens the same page.
//!
//! The policy stays in [`super::throttle`]: this is only the shared book of
//! slots. A slot is taken per request (its *lease* runs while it is in
//! flight and is renewed by its holder), and when the answer is in it stays
//! taken for one window. Each process also writes down how many of its
//! requests wait, per [`Priority`]; a request defers to another process's
//! more urgent waiters, and while several share a page one slot is kept for
//! the agents' actions ([`cap`]). A process that dies holds nothing for long: on this
//! host its in-flight slots are seen dead at once (`kill(pid, 0)`) and kept
//! for one window from then; elsewhere they end with their lease.
//!
//! Nothing secret goes into the shared place: the page is named by a hash
//! of its id, and no token is ever written.

mod book;
pub mod host;
pub mod redis;
pub(crate) mod shared_file;
#[cfg(test)]
pub(crate) mod test_server;
pub mod tls;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

/// Who is waiting, most urgent first (the order of the gate's lanes): the
/// agent, background sync, the requests of a bulk action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Priority {
    #[default]
    Interactive,
    Background,
    Bulk,
}

/// Where the budget of a page lives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum BudgetConfig {
    /// This process only (tests, benchmarks, the demo).
    #[default]
    Process,
    /// Every process of this host using `dir` (default: the per-user
    /// runtime dir).
    Host { dir: Option<PathBuf> },
    /// Every process using the Redis at `url` (`redis://host:6379/0`, or
    /// `rediss://` over TLS, trusting the system's roots and the CA in
    /// `ca_file`); while it is unreachable, the host budget in `dir`.
    Redis {
        url: String,
        dir: Option<PathBuf>,
        ca_file: Option<PathBuf>,
    },
}

/// Which budget a page uses right now, for the status bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sharing {
    /// This process only.
    #[default]
    Process,
    /// Every process of this host.
    Host,
    /// Every process using the Redis.
    Redis,
    /// Redis is configured but cannot be used: the host budget meanwhile.
    RedisDown(RedisDown),
    /// The shared file cannot be used now: this process's own budget
    /// meanwhile (its throttle still holds), the shared one again as soon
    /// as it works.
    Own(Unshared),
}

/// Why Redis cannot be used, for the status bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RedisDown {
    /// No connection, or no answer in time.
    #[default]
    Unreachable,
    /// TLS: its certificate is not signed by a CA trusted here (the
    /// system's roots and `redis_ca_file`), or not for its name.
    Untrusted,
    /// TLS could not be agreed (no protocol version or cipher in common).
    /// A port without TLS does not answer the handshake at all: that is
    /// `Unreachable`.
    Tls,
}

impl RedisDown {
    /// What the status bar says after "budget: host".
    pub fn words(self) -> &'static str {
        match self {
            RedisDown::Unreachable => "Redis unreachable",
            RedisDown::Untrusted => "Redis certificate not trusted: check redis_ca_file",
            RedisDown::Tls => "Redis TLS handshake failed: see the log",
        }
    }
}

/// Why the shared file is not used now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unshared {
    /// Its lock was held past the deadline.
    Busy,
    /// It could not be opened, read, written or replaced (the log says why).
    Unusable,
    /// The per-user dir in the temp dir (`/tmp/pancake-tui-<uid>`, used
    /// when there is no runtime dir) is not this user's private dir:
    /// refused as it is ([`crate::private::own_dir`]).
    NotPrivate(crate::private::NotOwn),
}

impl Unshared {
    /// For the status bar: `budget: own (shared file busy)`, or what to do
    /// about the per-user dir (`/tmp/pancake-tui-1000 is open to others:
    /// chmod 700 it`).
    pub fn why(self) -> String {
        match self {
            Unshared::Busy => "shared file busy".into(),
            Unshared::Unusable => "shared file unusable".into(),
            Unshared::NotPrivate(n) => n.words(&host::uid_dir()),
        }
    }

    /// Why the host budget could not be opened.
    fn of_open_error(e: &std::io::Error) -> Unshared {
        crate::private::refusal(e).map_or(Unshared::Unusable, Unshared::NotPrivate)
    }
}

/// The most slots a shared book holds (more is poison): no process of this
/// version takes one while `limit` are taken, and `rate_limit` is at most
/// 20 (`config::RATE_LIMIT_RANGE`).
pub(crate) const MAX_SLOTS: usize = 20;
/// The most agents (and processes with waiters) a page's budget counts: a
/// longer list or a bigger count read from the shared place is clamped.
pub const MAX_AGENTS: usize = 1_000;

/// How long an in-flight slot is held without a word from its holder.
pub const LEASE: Duration = Duration::from_secs(5);
/// How often a holder renews the leases of its requests in flight.
const RENEW_EVERY: Duration = Duration::from_millis(1500);
/// A process's count of waiters is believed this long after it was written
/// (a waiting process writes it at every try, every [`POLL`] at least).
const FRESH: Duration = Duration::from_secs(1);
/// How often a process that defers to another's waiters looks again.
const POLL: Duration = Duration::from_millis(20);
/// Longest wait before trying again (something may free a slot early: a
/// request given up before it was sent).
const MAX_WAIT: Duration = Duration::from_millis(200);

/// A slot taken in a shared budget.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SlotId {
    Host(u64),
    Redis(String),
}

/// The answer to a try.
#[derive(Debug, PartialEq, Eq)]
pub enum Try {
    Granted(SlotId),
    /// Full, or another process has more urgent waiters: try again after.
    Wait(Duration),
}

/// The file name (and Redis key) of a page of the API at `api` (the real
/// Pancake, or one simulator: each its own budget): a stable hash of both,
/// never the id itself (FNV-1a, 64 bits: stable across builds and versions).
pub fn page_key(api: &str, page: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let input = b"pancake-tui budget v1\0"
        .iter()
        .chain(api.trim_end_matches('/').as_bytes())
        .chain(b"\0")
        .chain(page.as_bytes());
    for b in input {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The shared budget of one page, as the throttle's gate uses it.
pub struct SharedBudget {
    backend: Backend,
    /// Our slots in flight, whose leases are renewed.
    held: Mutex<HashSet<SlotId>>,
    /// Why the host budget (Redis's fallback) could not be opened.
    fallback_refused: Option<Unshared>,
}

enum Backend {
    Host(Arc<host::HostBudget>),
    /// The host budget could not be opened (its dir refused or unusable):
    /// this process's own budget, and why.
    Own(Unshared),
    Redis(Box<redis::RedisBudget>),
}

impl SharedBudget {
    /// The shared budget of `page` for `cfg`, `None` for this process only.
    /// When the host budget cannot be opened (its dir refused or unusable:
    /// the log says why) this process keeps to its own budget, says why
    /// ([`SharedBudget::sharing`]) until it is started again.
    /// Must be called inside a tokio runtime (the leases are renewed by a task).
    pub fn open(
        cfg: &BudgetConfig,
        api: &str,
        page: &str,
        limit: usize,
        window: Duration,
    ) -> Option<Arc<SharedBudget>> {
        let key = page_key(api, page);
        let page = key.as_str();
        let mut fallback_refused = None;
        let backend = match cfg {
            BudgetConfig::Process => return None,
            BudgetConfig::Host { dir } => {
                match host::HostBudget::open(dir.as_deref(), page, limit, window) {
                    Ok(h) => Backend::Host(Arc::new(h)),
                    Err(e) => {
                        tracing::warn!(
                            "rate budget shared by this host unavailable: {e}; this inbox keeps to its own budget"
                        );
                        Backend::Own(Unshared::of_open_error(&e))
                    }
                }
            }
            BudgetConfig::Redis { url, dir, ca_file } => {
                let fallback = match host::HostBudget::open(dir.as_deref(), page, limit, window) {
                    Ok(h) => Some(Arc::new(h)),
                    Err(e) => {
                        tracing::warn!("host rate budget (Redis fallback) unavailable: {e}");
                        fallback_refused = Some(Unshared::of_open_error(&e));
                        None
                    }
                };
                let client = tls::client(url, ca_file.as_deref());
                match client.and_then(|c| redis::RedisBudget::new(c, page, limit, window, fallback))
                {
                    Ok(r) => Backend::Redis(Box::new(r)),
                    Err(e) => {
                        tracing::warn!("rate budget in Redis unavailable: {e}");
                        return None;
                    }
                }
            }
        };
        let budget = Arc::new(SharedBudget {
            backend,
            held: Mutex::new(HashSet::new()),
            fallback_refused,
        });
        tokio::spawn(renew_leases(Arc::downgrade(&budget)));
        Some(budget)
    }

    /// Try to take a slot for a request of `priority`; `waiting` counts this
    /// process's waiters per priority, this one included.
    pub async fn try_acquire(&self, priority: Priority, waiting: [u32; 3]) -> Try {
        let t = match &self.backend {
            Backend::Host(h) => host_try(h, priority, waiting).await,
            Backend::Own(_) => return Try::Granted(SlotId::Host(0)),
            Backend::Redis(r) => r.try_acquire(priority, waiting).await,
        };
        if let Try::Granted(slot) = &t {
            self.held().insert(slot.clone());
        }
        t
    }

    /// The answer is in: the slot stays taken for one window from now.
    pub fn release(&self, slot: SlotId) {
        self.held().remove(&slot);
        match &self.backend {
            Backend::Host(h) => host_release(h, slot, false),
            Backend::Own(_) => {}
            Backend::Redis(r) => r.release(slot, false),
        }
    }

    /// The slot was never used (its waiter gave up): free it now.
    pub fn cancel(&self, slot: SlotId) {
        self.held().remove(&slot);
        match &self.backend {
            Backend::Host(h) => host_release(h, slot, true),
            Backend::Own(_) => {}
            Backend::Redis(r) => r.release(slot, true),
        }
    }

    /// Agents sharing the page: on this host, or on every machine using the
    /// Redis budget.
    pub fn agents(&self) -> usize {
        match &self.backend {
            Backend::Host(h) => h.agents(),
            Backend::Own(_) => 1,
            Backend::Redis(r) => r.agents(),
        }
    }

    pub fn sharing(&self) -> Sharing {
        match &self.backend {
            Backend::Host(h) => h.unshared().map_or(Sharing::Host, Sharing::Own),
            Backend::Own(why) => Sharing::Own(*why),
            Backend::Redis(r) => match (r.sharing(), self.fallback_refused) {
                // Redis down and no host budget to fall back on.
                (Sharing::RedisDown(_), Some(why)) => Sharing::Own(why),
                (s, _) => s,
            },
        }
    }

    fn held(&self) -> std::sync::MutexGuard<'_, HashSet<SlotId>> {
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }
}

async fn renew_leases(budget: Weak<SharedBudget>) {
    let mut every = tokio::time::interval(RENEW_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let Some(b) = budget.upgrade() else { return };
        if let Backend::Redis(r) = &b.backend {
            r.probe().await;
        }
        let held: Vec<SlotId> = b.held().iter().cloned().collect();
        if held.is_empty() {
            continue;
        }
        match &b.backend {
            Backend::Host(h) => host_renew(h, held).await,
            Backend::Own(_) => {}
            Backend::Redis(r) => r.renew(&held).await,
        }
    }
}

/// A try at the host file, off the async workers: the file's lock is tried
/// until [`host::LOCK_WITHIN`] in a blocking thread. A blocking thread that
/// does not answer in ten times that (none free, a stuck file system) is
/// not waited for: this process's own budget meanwhile.
async fn host_try(h: &Arc<host::HostBudget>, priority: Priority, waiting: [u32; 3]) -> Try {
    let job = {
        let h = h.clone();
        tokio::task::spawn_blocking(move || h.try_or_own(priority, waiting))
    };
    match tokio::time::timeout(host::LOCK_WITHIN * 10, job).await {
        Ok(Ok(t)) => t,
        _ => {
            h.mark_own(Unshared::Busy);
            Try::Granted(SlotId::Host(0))
        }
    }
}

/// Give a slot back to the host file, off the async workers when called on
/// one (a permit is dropped anywhere).
fn host_release(h: &Arc<host::HostBudget>, slot: SlotId, cancel: bool) {
    if slot == SlotId::Host(0) {
        return; // granted by this process's own budget
    }
    match tokio::runtime::Handle::try_current() {
        Ok(rt) => {
            let h = h.clone();
            rt.spawn_blocking(move || h.release(&slot, cancel));
        }
        Err(_) => h.release(&slot, cancel),
    }
}

async fn host_renew(h: &Arc<host::HostBudget>, mut held: Vec<SlotId>) {
    held.retain(|s| *s != SlotId::Host(0)); // this process's own budget
    if held.is_empty() {
        return;
    }
    let h = h.clone();
    let _ = tokio::task::spawn_blocking(move || h.renew(&held)).await;
}

/// Milliseconds of CLOCK_MONOTONIC: one clock for every process of the host
/// (an `Instant` means nothing to another process).
pub(crate) fn monotonic_ms() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the timespec it is given.
    unsafe {
        libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts);
    }
    ts.tv_sec as u64 * 1000 + ts.tv_nsec as u64 / 1_000_000
}

/// An agent's action granted on the page less than this ago (by any
/// process, this one too) keeps the last slot for the next one ([`cap`]):
/// agents act again within seconds, and another process busy with a
/// backfill may see nobody else in the book between two actions.
const ACTED_RECENTLY: Duration = Duration::from_secs(10);

/// Slots a request of `priority` may fill. While other processes share the
/// page, or an agent acted on it lately ([`ACTED_RECENTLY`]), one slot is
/// kept for the agents' own actions (`keep`): backfill and bulk of all of
/// them fill at most `limit - 1`, so an action never waits behind a window
/// of them (it reaches Pancake at once, not up to a second later).
/// Otherwise a process uses the whole budget (its own gate puts its agent
/// first).
fn cap(limit: usize, priority: Priority, keep: bool) -> usize {
    if keep && priority != Priority::Interactive && limit > 1 {
        limit - 1
    } else {
        limit
    }
}

/// When to look again: when the first slot can free (an answered one at
/// the end of its window; one in flight a window after its answer, at the
/// soonest, or when its lease ends), within [1 ms, [`MAX_WAIT`]].
fn wait_for(next_free_in_ms: Option<u64>) -> Duration {
    Duration::from_millis(next_free_in_ms.unwrap_or(MAX_WAIT.as_millis() as u64))
        .clamp(Duration::from_millis(1), MAX_WAIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXED: &str = "bf9caec3c87e2a91";

    #[test]
    fn the_key_is_a_stable_hash_not_the_page_id() {
        let api = "https://pages.fm/api";
        let k = page_key(api, "105384912345678");
        assert_eq!(k.len(), 16);
        assert!(!k.contains("105384912345678"));
        assert_eq!(k, page_key(api, "105384912345678"), "stable");
        assert_eq!(k, page_key("https://pages.fm/api/", "105384912345678"));
        assert_ne!(k, page_key(api, "105384912345679"));
        assert_ne!(k, page_key("http://127.0.0.1:8080", "105384912345678"));
        // Fixed forever: processes of two versions must meet in one file.
        assert_eq!(page_key("", ""), FIXED);
    }

    /// The per-user dir refused: this process keeps to its own budget
    /// (every try granted here) and says what to do about the dir.
    #[tokio::test]
    async fn a_refused_dir_leaves_an_own_budget_that_says_why() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("pancake-refused-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        let e = crate::private::own_dir(&dir).unwrap_err();
        let why = Unshared::of_open_error(&e);
        assert_eq!(
            why,
            Unshared::NotPrivate(crate::private::NotOwn::OpenToOthers(0o777))
        );
        let words = why.why();
        assert!(
            words.ends_with("is open to others: chmod 700 it"),
            "{words}"
        );
        assert!(
            words.contains(&*host::uid_dir().to_string_lossy()),
            "{words}"
        );
        let other = std::io::Error::other("disk full");
        assert_eq!(Unshared::of_open_error(&other), Unshared::Unusable);

        let budget = SharedBudget {
            backend: Backend::Own(why),
            held: Mutex::new(HashSet::new()),
            fallback_refused: None,
        };
        for _ in 0..10 {
            let t = budget.try_acquire(Priority::Background, [0, 1, 0]).await;
            assert_eq!(t, Try::Granted(SlotId::Host(0)));
            budget.release(SlotId::Host(0));
        }
        assert_eq!(budget.sharing(), Sharing::Own(why));
        assert_eq!(budget.agents(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_clock_is_monotonic() {
        let a = monotonic_ms();
        let b = monotonic_ms();
        assert!(b >= a);
    }
}
