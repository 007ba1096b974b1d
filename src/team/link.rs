//! One inbox's link to its team for one page, on the Redis of
//! `rate_budget`: who reads the page for everyone (a lease), the news the
//! others published (`XREAD BLOCK` on a connection of its own), and what
//! this inbox publishes (`XADD`, capped length).
//!
//! - **The reader.** Every inbox of the page tries the lease
//!   `pancake-tui:reader:{page}` each second ([`LEASE_EVERY`]); its holder
//!   renews it, and it expires [`LEASE`] after the holder stops (killed,
//!   cut off): another inbox holds it within a second or two of that. The
//!   reader polls the page for news as a lone inbox would and publishes
//!   what it found; after each list read it refreshes
//!   `pancake-tui:polled:{page}`, so the others know the news still flow.
//! - **The followers** poll only to reconcile, now and then, while the
//!   reader's mark is fresh or a webhook relay says it serves the page
//!   (`pancake-tui:relay:{page}`). A reader that stopped polling for
//!   [`UNFED_AFTER`] leaves them [`Role::Unfed`]: they poll as if alone.
//! - **Redis gone**: [`Role::Down`] within a second or two; every inbox
//!   polls alone and says so, and rejoins when Redis answers again.
//!
//! Publishing never waits: events go through a bounded queue, and while
//! Redis is down they are dropped (the reconcile poll brings what a
//! follower missed). What comes back is read as untrusted
//! ([`super::event::decode_entry`]): a malformed entry is skipped and logged.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use redis::Value;
use redis::aio::MultiplexedConnection;
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::api::PageId;

use super::event::{STREAM_MAXLEN, TeamEvent, encode_entry, stream_key};

/// The prefix of every key of the team.
pub const PREFIX: &str = "pancake-tui";
/// The reader's lease: it expires this long after its holder stops.
pub const LEASE: Duration = Duration::from_secs(3);
/// How often every inbox looks at the lease (and renews it when it holds it).
pub const LEASE_EVERY: Duration = Duration::from_secs(1);
/// The life of the reader's "polled" mark, refreshed at each list read.
const POLLED_LIFE: Duration = Duration::from_secs(10);
/// A reader that has not read the list for this long leaves the followers
/// polling for themselves.
pub const UNFED_AFTER: Duration = Duration::from_secs(12);
/// The longest a Redis command may take before Redis counts as gone.
pub(super) const ANSWER_WITHIN: Duration = Duration::from_millis(800);
/// Events waiting to be published (more are dropped, and counted).
const OUT_QUEUE: usize = 1_000;

/// The Redis client of the team `budget` names (`rate_budget =
/// "redis://…"`); none without one, or when it cannot be made (the rate
/// budget says why on the status bar).
pub fn client(budget: &crate::api::budget::BudgetConfig) -> Option<redis::Client> {
    let crate::api::budget::BudgetConfig::Redis { url, ca_file, .. } = budget else {
        return None;
    };
    match crate::api::budget::tls::client(url, ca_file.as_deref()) {
        Ok(c) => Some(c),
        Err(e) => {
            tracing::warn!("team: no Redis client: {e}");
            None
        }
    }
}

/// Starts `page`'s link and hands its news to `deliver` (a task per page).
pub fn join<F>(client: redis::Client, page: PageId, deliver: F) -> Arc<TeamLink>
where
    F: Fn(PageId, News) -> bool + Send + 'static,
{
    let (tx, mut rx) = mpsc::unbounded_channel();
    let link = TeamLink::start(client, page.clone(), tx);
    tokio::spawn(async move {
        while let Some(news) = rx.recv().await {
            if !deliver(page.clone(), news) {
                return;
            }
        }
    });
    link
}

use super::status::{News, Role, Status};

/// The keys of one page's team.
pub(super) struct Keys {
    pub(super) stream: String,
    lease: String,
    polled: String,
    relay: String,
    pub(super) read: String,
    pub(super) claim: String,
}

impl Keys {
    fn new(page: &PageId) -> Keys {
        let p = page.as_str();
        Keys {
            stream: stream_key(PREFIX, page),
            lease: format!("{PREFIX}:reader:{p}"),
            polled: format!("{PREFIX}:polled:{p}"),
            relay: format!("{PREFIX}:relay:{p}"),
            read: format!("{PREFIX}:read:{p}:"),
            claim: format!("{PREFIX}:claim:{p}:"),
        }
    }
}

/// Takes or renews the lease, and says what the page's team looks like:
/// `{mine, holder, relay present, polled mark present}`. A key of another
/// type (planted) is removed rather than trusted.
const LOOK: &str = r"
for _, k in ipairs(KEYS) do
  local t = redis.call('TYPE', k)['ok']
  if t ~= 'none' and t ~= 'string' then redis.call('DEL', k) end
end
local v = redis.call('GET', KEYS[1])
local mine = 0
if v == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2]); mine = 1
elseif not v then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]); mine = 1; v = ARGV[1]
end
return {mine, v, redis.call('EXISTS', KEYS[2]), redis.call('EXISTS', KEYS[3])}
";

/// Gives the lease back if this inbox still holds it.
const RELEASE: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
";

/// One page's link to the team. Dropping the last handle stops its tasks
/// and gives the lease back.
pub struct TeamLink {
    pub(super) page: PageId,
    /// Names this inbox in what it publishes, so it skips its own news.
    pub(super) me: String,
    pub(super) keys: Keys,
    pub(super) client: redis::Client,
    conn: Mutex<Option<MultiplexedConnection>>,
    status: Mutex<Seen>,
    pub(super) news: mpsc::UnboundedSender<News>,
    out: mpsc::Sender<TeamEvent>,
    /// Events not published (queue full, Redis down, too big).
    pub dropped: AtomicU64,
    /// Entries read back and skipped as malformed.
    pub skipped: Arc<AtomicU64>,
    /// Held while the link lives: its stream reader stops after it.
    alive: Arc<()>,
    /// Its stream is being read.
    reading: Arc<std::sync::atomic::AtomicBool>,
    look: redis::Script,
}

/// What the lease loop saw last.
struct Seen {
    status: Status,
    /// The reader seen, and since when it has not marked a list read.
    holder: Option<(String, Instant)>,
}

impl TeamLink {
    /// The link of `page` in the Redis of `client` (made by
    /// [`crate::api::budget::tls::client`]); its news come on `news`.
    /// Must be called inside a tokio runtime.
    pub fn start(
        client: redis::Client,
        page: PageId,
        news: mpsc::UnboundedSender<News>,
    ) -> Arc<TeamLink> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let (out, rx) = mpsc::channel(OUT_QUEUE);
        let link = Arc::new(TeamLink {
            keys: Keys::new(&page),
            page,
            me: format!("inbox:{:x}.{:x}", nanos, std::process::id()),
            client,
            conn: Mutex::new(None),
            status: Mutex::new(Seen {
                status: Status {
                    role: Role::Joining,
                    relay: false,
                },
                holder: None,
            }),
            news,
            out,
            dropped: AtomicU64::new(0),
            skipped: Arc::new(AtomicU64::new(0)),
            alive: Arc::new(()),
            reading: Arc::default(),
            look: redis::Script::new(LOOK),
        });
        tokio::spawn(lease_loop(Arc::downgrade(&link)));
        tokio::spawn(super::stream::stream_loop(super::stream::Reader {
            client: link.client.clone(),
            page: link.page.clone(),
            me: link.me.clone(),
            key: link.keys.stream.clone(),
            news: link.news.clone(),
            skipped: link.skipped.clone(),
            alive: Arc::downgrade(&link.alive),
            reading: link.reading.clone(),
        }));
        tokio::spawn(publish_loop(Arc::downgrade(&link), rx));
        link
    }

    pub fn page(&self) -> &PageId {
        &self.page
    }

    pub fn status(&self) -> Status {
        self.seen().status
    }

    fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.status.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Publish `event` for the page's other inboxes (never waits).
    pub fn publish(&self, event: TeamEvent) {
        if self.status().role == Role::Down || self.out.try_send(event).is_err() {
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// This inbox read the page's list from Pancake just now.
    pub fn polled(self: &Arc<Self>) {
        let this = self.clone();
        tokio::spawn(async move {
            if let Some(mut c) = this.conn().await {
                let mut set = redis::cmd("SET");
                set.arg(&this.keys.polled)
                    .arg(&this.me)
                    .arg("PX")
                    .arg(POLLED_LIFE.as_millis() as u64);
                if !matches!(ask(&mut c, &set).await, Some(Ok(_))) {
                    this.lost();
                }
            }
        });
    }

    /// A connection for commands, or none while Redis is unreachable.
    pub(super) async fn conn(&self) -> Option<MultiplexedConnection> {
        if let Some(c) = self.conn.lock().unwrap_or_else(|e| e.into_inner()).clone() {
            return Some(c);
        }
        let made = tokio::time::timeout(
            ANSWER_WITHIN,
            self.client.get_multiplexed_async_connection(),
        )
        .await;
        match made {
            Ok(Ok(c)) => {
                *self.conn.lock().unwrap_or_else(|e| e.into_inner()) = Some(c.clone());
                Some(c)
            }
            Ok(Err(e)) => {
                tracing::debug!(
                    "team: cannot connect to Redis: {}",
                    crate::text::redact(&e.to_string())
                );
                None
            }
            Err(_) => None,
        }
    }

    /// A command failed: the connection is dropped (made anew next time).
    pub(super) fn lost(&self) {
        *self.conn.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    fn set_status(&self, status: Status) {
        let changed = {
            let mut seen = self.seen();
            let changed = seen.status != status;
            seen.status = status;
            changed
        };
        if changed {
            match status.role {
                Role::Down => tracing::warn!(
                    "team of page {}: Redis unreachable, polling alone",
                    self.page
                ),
                r => tracing::info!("team of page {}: {r:?}, relay {}", self.page, status.relay),
            }
            let _ = self.news.send(News::Status(status));
        }
    }

    /// One look at the lease: this inbox's role now.
    async fn look_once(&self) -> Status {
        let was = self.status();
        let Some(mut c) = self.conn().await else {
            return Status {
                role: Role::Down,
                relay: was.relay,
            };
        };
        let mut inv = self.look.prepare_invoke();
        inv.key(&self.keys.lease)
            .key(&self.keys.relay)
            .key(&self.keys.polled)
            .arg(&self.me)
            .arg(LEASE.as_millis() as u64);
        let answer = tokio::time::timeout(ANSWER_WITHIN, inv.invoke_async::<Value>(&mut c)).await;
        let Ok(Ok(Value::Array(v))) = answer else {
            self.lost();
            return Status {
                role: Role::Down,
                relay: was.relay,
            };
        };
        let int = |i: usize| matches!(v.get(i), Some(Value::Int(1)));
        let holder = match v.get(1) {
            Some(Value::BulkString(b)) => String::from_utf8_lossy(b).into_owned(),
            _ => String::new(),
        };
        let (mine, relay, polled) = (int(0), int(2), int(3));
        let now = Instant::now();
        let role = {
            let mut seen = self.seen();
            // Since when this holder has been seen without a fresh mark.
            let quiet_since = match &seen.holder {
                Some((h, since)) if *h == holder && !polled => *since,
                _ => now,
            };
            seen.holder = Some((holder, quiet_since));
            if mine {
                Role::Reader
            } else if !self.reading.load(Ordering::Relaxed) {
                // Not fed before its stream is read: it polls meanwhile.
                Role::Joining
            } else if polled || relay || now.duration_since(quiet_since) < UNFED_AFTER {
                Role::Follower
            } else {
                Role::Unfed
            }
        };
        Status { role, relay }
    }
}

impl Drop for TeamLink {
    fn drop(&mut self) {
        // Give the lease back so another inbox reads at once (best effort:
        // it expires by itself otherwise).
        let Some(mut c) = self.conn.lock().unwrap_or_else(|e| e.into_inner()).take() else {
            return;
        };
        if self.seen().status.role != Role::Reader {
            return;
        }
        let (lease, me) = (self.keys.lease.clone(), self.me.clone());
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                let release = redis::Script::new(RELEASE);
                let mut inv = release.prepare_invoke();
                inv.key(lease).arg(me);
                let _ =
                    tokio::time::timeout(ANSWER_WITHIN, inv.invoke_async::<Value>(&mut c)).await;
            });
        }
    }
}

async fn lease_loop(link: Weak<TeamLink>) {
    loop {
        let Some(l) = link.upgrade() else { return };
        let status = l.look_once().await;
        l.set_status(status);
        drop(l);
        tokio::time::sleep(LEASE_EVERY).await;
    }
}

/// Publishes the queued events, in order.
async fn publish_loop(link: Weak<TeamLink>, mut rx: mpsc::Receiver<TeamEvent>) {
    while let Some(event) = rx.recv().await {
        let Some(l) = link.upgrade() else { return };
        let Some(fields) = encode_entry(&l.page, &l.me, &event) else {
            tracing::warn!("team: an event over the entry cap was not published");
            l.dropped.fetch_add(1, Ordering::Relaxed);
            continue;
        };
        let Some(mut c) = l.conn().await else {
            l.dropped.fetch_add(1, Ordering::Relaxed);
            continue;
        };
        let mut cmd = redis::cmd("XADD");
        cmd.arg(&l.keys.stream)
            .arg("MAXLEN")
            .arg("~")
            .arg(STREAM_MAXLEN)
            .arg("*");
        for (k, v) in &fields {
            cmd.arg(*k).arg(v);
        }
        match tokio::time::timeout(ANSWER_WITHIN, cmd.query_async::<Value>(&mut c)).await {
            Ok(Ok(_)) => {}
            _ => {
                l.dropped.fetch_add(1, Ordering::Relaxed);
                l.lost();
            }
        }
    }
}

/// `cmd` on `c`, given [`ANSWER_WITHIN`] (`None`: no answer in time).
pub(super) async fn ask(
    c: &mut MultiplexedConnection,
    cmd: &redis::Cmd,
) -> Option<redis::RedisResult<Value>> {
    tokio::time::timeout(ANSWER_WITHIN, cmd.query_async::<Value>(c))
        .await
        .ok()
}
