//! Publishing, off the requests: a bounded queue of events, one task that
//! writes them into the pages' streams (each event once, whichever relay
//! writes it first), one that keeps the pages' presence keys alive, and
//! the connection to Redis they share, said up or down in the log and the
//! health line.

use std::collections::VecDeque;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use redis::aio::MultiplexedConnection;
use tokio::sync::{Notify, watch};

use super::webhook::News;
use super::{DEDUPE_TTL, PREFIX, PRESENCE_EVERY, PRESENCE_TTL, Stats, dedupe_key, presence_key};
use crate::api::PageId;
use crate::team::event::{STREAM_MAXLEN, stream_key};

/// Longest wait for Redis (to connect, or to answer a command).
const ANSWER_WITHIN: Duration = Duration::from_secs(2);
/// First and longest pause before trying an unreachable Redis again.
const BACKOFF_MIN: Duration = Duration::from_millis(100);
const BACKOFF_MAX: Duration = Duration::from_secs(1);
/// Tries of an event that Redis refuses (an error of Redis's, not of the
/// network: out of memory, a read-only replica) before it is dropped.
const REFUSED_TRIES: u32 = 20;

/// One event, written once: the mark and the `XADD`s in one script (atomic
/// on the server), so a relay that dies in between leaves nothing half
/// done, and a second relay with the same event writes nothing. A stream
/// key of another type (not written by a relay or an inbox) is replaced.
/// KEYS: the mark, the stream. ARGV: the mark's life (ms), the stream's
/// cap, the number of entries, then 8 values (4 fields) per entry.
const PUBLISH: &str = r#"
local t = redis.call('TYPE', KEYS[2])['ok']
if t ~= 'none' and t ~= 'stream' then redis.call('DEL', KEYS[2]) end
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
local n = tonumber(ARGV[3])
for i = 0, n - 1 do
  local s = 4 + i * 8
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', unpack(ARGV, s, s + 7))
end
return 1
"#;

/// A presence key is removed only by the relay whose id it holds.
const RELEASE: &str = r#"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"#;

/// The connection to Redis, shared by the publisher and the presence task;
/// made again when lost.
pub(super) struct Link {
    client: redis::Client,
    conn: Mutex<Option<MultiplexedConnection>>,
    connecting: tokio::sync::Mutex<()>,
    stats: Arc<Stats>,
}

impl Link {
    pub(super) fn new(client: redis::Client, stats: Arc<Stats>) -> Link {
        Link {
            client,
            conn: Mutex::new(None),
            connecting: tokio::sync::Mutex::new(()),
            stats,
        }
    }

    fn held(&self) -> Option<MultiplexedConnection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The connection, made if there is none; `None` when Redis cannot be
    /// reached now (said once in the log).
    async fn get(&self) -> Option<MultiplexedConnection> {
        if let Some(c) = self.held() {
            return Some(c);
        }
        let _one = self.connecting.lock().await;
        if let Some(c) = self.held() {
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
                self.down(&format!(
                    "cannot connect: {}",
                    crate::text::redact(&e.to_string())
                ));
                None
            }
            Err(_) => {
                self.down("cannot connect within 2 s");
                None
            }
        }
    }

    /// Redis answered.
    fn up(&self) {
        match self.stats.redis.swap(1, Ordering::Relaxed) {
            2 => tracing::info!(
                "relay: Redis reachable again; publishing the {} event(s) kept meanwhile",
                self.stats.queued.load(Ordering::Relaxed)
            ),
            0 => tracing::info!("relay: Redis reachable"),
            _ => {}
        }
    }

    /// Redis did not answer: the connection is dropped (made again at the
    /// next use).
    fn down(&self, why: &str) {
        *self.conn.lock().unwrap_or_else(|e| e.into_inner()) = None;
        if self.stats.redis.swap(2, Ordering::Relaxed) != 2 {
            tracing::warn!(
                "relay: Redis unreachable ({why}); webhooks are still answered 200, their events kept (bounded) and published when Redis answers"
            );
        }
    }
}

/// An event waiting to be published.
struct Job {
    news: News,
    size: usize,
    refused: u32,
}

struct Jobs {
    jobs: VecDeque<Job>,
    bytes: usize,
    /// When a drop was last logged (one line a second at most).
    drop_logged: Option<Instant>,
}

/// The events waiting, oldest first: at most `max_events` and `max_bytes`,
/// the oldest dropped (counted, logged) past either.
pub(super) struct Queue {
    jobs: Mutex<Jobs>,
    notify: Notify,
    max_events: usize,
    max_bytes: usize,
    stats: Arc<Stats>,
}

impl Queue {
    pub(super) fn new(max_events: usize, max_bytes: usize, stats: Arc<Stats>) -> Queue {
        Queue {
            jobs: Mutex::new(Jobs {
                jobs: VecDeque::new(),
                bytes: 0,
                drop_logged: None,
            }),
            notify: Notify::new(),
            max_events,
            max_bytes,
            stats,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Jobs> {
        self.jobs.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queue an event (the request is answered right after).
    pub(super) fn push(&self, news: News) {
        let size = news.size();
        let job = Job {
            news,
            size,
            refused: 0,
        };
        {
            let mut q = self.lock();
            q.bytes += job.size;
            q.jobs.push_back(job);
            self.bound(&mut q);
        }
        self.notify.notify_one();
    }

    /// Put back an event that could not be published (first in line again).
    fn unpop(&self, job: Job) {
        let mut q = self.lock();
        q.bytes += job.size;
        q.jobs.push_front(job);
        self.bound(&mut q);
    }

    fn pop(&self) -> Option<Job> {
        let mut q = self.lock();
        let job = q.jobs.pop_front()?;
        q.bytes -= job.size;
        self.stats
            .queued
            .store(q.jobs.len() as u64, Ordering::Relaxed);
        Some(job)
    }

    fn bound(&self, q: &mut Jobs) {
        let mut dropped = 0u64;
        while q.jobs.len() > self.max_events || (q.bytes > self.max_bytes && q.jobs.len() > 1) {
            if let Some(old) = q.jobs.pop_front() {
                q.bytes -= old.size;
                dropped += 1;
            }
        }
        // Counted while the lock is held: `queued` + `published` +
        // `duplicates` + `dropped` adds up (but for the one event being
        // written).
        self.stats
            .queued
            .store(q.jobs.len() as u64, Ordering::Relaxed);
        if dropped > 0 {
            let total = self.stats.dropped.fetch_add(dropped, Ordering::Relaxed) + dropped;
            if q.drop_logged
                .is_none_or(|t| t.elapsed() >= Duration::from_secs(1))
            {
                q.drop_logged = Some(Instant::now());
                tracing::warn!(
                    "relay: the queue is full ({} events, {} KB): the oldest dropped, {total} so far",
                    q.jobs.len(),
                    q.bytes / 1024
                );
            }
        }
    }

    fn len(&self) -> usize {
        self.lock().jobs.len()
    }
}

/// Until `stop` says so (or its sender is gone).
pub(super) async fn stopped(mut stop: watch::Receiver<bool>) {
    while !*stop.borrow_and_update() {
        if stop.changed().await.is_err() {
            return;
        }
    }
}

/// Publish the queue's events, oldest first, until stopped (then what is
/// left, while Redis answers).
pub(super) async fn run(queue: Arc<Queue>, link: Arc<Link>, stop: watch::Receiver<bool>) {
    let script = redis::Script::new(PUBLISH);
    let mut backoff = BACKOFF_MIN;
    loop {
        let stopping = *stop.borrow();
        let Some(mut job) = queue.pop() else {
            if stopping {
                return;
            }
            let notified = queue.notify.notified();
            if queue.len() == 0 {
                tokio::select! {
                    _ = notified => {}
                    _ = stopped(stop.clone()) => {}
                }
            }
            continue;
        };
        let failed = match link.get().await {
            None => true,
            Some(mut conn) => {
                let news = &job.news;
                let mut inv = script.prepare_invoke();
                inv.key(dedupe_key(&news.page, &news.event))
                    .key(stream_key(PREFIX, &news.page))
                    .arg(DEDUPE_TTL.as_millis() as u64)
                    .arg(STREAM_MAXLEN)
                    .arg(news.entries.len());
                for entry in &news.entries {
                    for (k, v) in entry {
                        inv.arg(*k).arg(v.as_str());
                    }
                }
                match tokio::time::timeout(ANSWER_WITHIN, inv.invoke_async::<i64>(&mut conn)).await
                {
                    Ok(Ok(wrote)) => {
                        link.up();
                        let counter = if wrote == 1 {
                            &link.stats.published
                        } else {
                            &link.stats.duplicates
                        };
                        counter.fetch_add(1, Ordering::Relaxed);
                        backoff = BACKOFF_MIN;
                        false
                    }
                    Ok(Err(e)) if is_network(&e) => {
                        link.down(&crate::text::redact(&e.to_string()));
                        true
                    }
                    Ok(Err(e)) => {
                        // Redis answered, and refused: kept a while, then
                        // given up (it would block every event behind it).
                        link.up();
                        job.refused += 1;
                        if job.refused >= REFUSED_TRIES {
                            link.stats.dropped.fetch_add(1, Ordering::Relaxed);
                            tracing::warn!(
                                "relay: Redis refused an event {REFUSED_TRIES} times ({}); dropped",
                                crate::text::redact(&e.to_string())
                            );
                            continue;
                        }
                        true
                    }
                    Err(_) => {
                        link.down("no answer within 2 s");
                        true
                    }
                }
            }
        };
        if failed {
            queue.unpop(job);
            if stopping {
                return;
            }
            tokio::select! {
                _ = tokio::time::sleep(backoff) => {}
                _ = stopped(stop.clone()) => {}
            }
            backoff = (backoff * 2).min(BACKOFF_MAX);
        }
    }
}

fn is_network(e: &redis::RedisError) -> bool {
    e.is_io_error()
        || e.is_timeout()
        || e.is_connection_dropped()
        || e.is_connection_refusal()
        || e.is_unrecoverable_error()
}

/// Keep each page's presence key = `id` alive while running (renewed every
/// [`PRESENCE_EVERY`], living [`PRESENCE_TTL`]); this is also what finds
/// Redis back when no webhook comes. Removed (when still this relay's) on
/// stop.
pub(super) async fn presence(
    link: Arc<Link>,
    id: String,
    pages: Vec<PageId>,
    stop: watch::Receiver<bool>,
) {
    let mut tick = tokio::time::interval(PRESENCE_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stopped(stop.clone()) => break,
        }
        let Some(mut conn) = link.get().await else {
            continue;
        };
        let mut pipe = redis::pipe();
        for p in &pages {
            pipe.cmd("SET")
                .arg(presence_key(p))
                .arg(&id)
                .arg("PX")
                .arg(PRESENCE_TTL.as_millis() as u64)
                .ignore();
        }
        match tokio::time::timeout(ANSWER_WITHIN, pipe.query_async::<()>(&mut conn)).await {
            Ok(Ok(())) => link.up(),
            Ok(Err(e)) => link.down(&crate::text::redact(&e.to_string())),
            Err(_) => link.down("no answer within 2 s"),
        }
    }
    let Some(mut conn) = link.held() else {
        return;
    };
    let release = redis::Script::new(RELEASE);
    for p in &pages {
        let mut inv = release.prepare_invoke();
        inv.key(presence_key(p)).arg(&id);
        let _ = tokio::time::timeout(ANSWER_WITHIN, inv.invoke_async::<i64>(&mut conn)).await;
    }
}
