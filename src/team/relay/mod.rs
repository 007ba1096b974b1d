//! The webhook relay (`pancake-tui relay`): Pancake's webhook POSTs in,
//! the team's news out, into each page's stream on Redis, in the wire
//! format of [`super::event`].
//!
//! A `messaging` event (a new or updated message of a page, the page's own
//! replies included) becomes two entries of the page's stream, written by
//! `relay:<id>`: [`TeamEvent::Conversations`] with its one conversation and
//! [`TeamEvent::Messages`] with its one message. `subscription` and `post`
//! events are answered 200 and left aside.
//!
//! Pancake's webhooks are unsigned (pancake-api.md § Webhooks), so whoever
//! reaches the relay can post. It listens on loopback unless told
//! otherwise; it takes POSTs only on `/hook/<secret>` (the secret from the
//! environment or the config file, never argv, never logged) and/or from
//! the configured addresses; a wrong path answers 404, a refused address
//! 403, and both are counted. A body over the cap answers 413 before more
//! than the cap is read. No answer ever carries the body back.
//!
//! Each POST is answered at once: decoding a body of at most the cap takes
//! well under a millisecond, and publishing happens after the answer, off
//! the request, from a bounded queue ([`publish`]). While Redis is
//! unreachable the relay keeps answering 200 and keeps the events (the
//! oldest dropped past the bound, counted), and publishes them when Redis
//! answers again.
//!
//! Several relays may receive the same events (two behind one proxy, or
//! Pancake retrying): an event is published once, whoever gets it first
//! (`SET pancake-tui:hooked:{page}:{message id}:{digest} NX PX 600000` and
//! the `XADD`s in one script). The digest is the message's own: an updated
//! message (edited, hidden) is news again, the same message twice is not.
//!
//! While running, the relay keeps `pancake-tui:relay:{page}` = its id alive
//! (15 s, refreshed every 5 s) for each of its pages: inboxes of the page
//! stop polling for news while that key exists ([`presence_key`]).
//!
//! What a webhook carries is partial: a conversation has no `customers`,
//! `updated_at`, `message_count`, `inserted_at`, `page_customer` (pancake-api.md
//! § Webhooks). The relay fills `page_id` (the event's), `updated_at` (the
//! message's time), `last_customer_message_at` and the customer's page
//! customer id and PSID (from a customer's message); what stays `None` is
//! unknown, not empty: an inbox merges it into what it has.

mod hook;
mod net;
mod publish;
mod webhook;

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::time::Duration;

use secrecy::SecretString;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::api::PageId;

pub use net::AllowedNet;
pub use webhook::{Hook, Ignored, Malformed, News, read_hook};

#[cfg(doc)]
use super::TeamEvent;

/// The team's key prefix (the streams are `pancake-tui:news:{page}`).
pub const PREFIX: &str = "pancake-tui";
/// The default address: loopback only (a reverse proxy forwards to it).
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8787";
/// The default cap of a webhook's body. Pancake's events are a few KB (a
/// conversation, a message, maybe a post).
pub const DEFAULT_MAX_BODY: usize = 512 * 1024;
/// How long an event's id is remembered for deduplication.
pub const DEDUPE_TTL: Duration = Duration::from_secs(600);
/// The life of a page's presence key, and how often it is renewed.
pub const PRESENCE_TTL: Duration = Duration::from_secs(15);
pub const PRESENCE_EVERY: Duration = Duration::from_secs(5);
/// Events kept while Redis is unreachable (the oldest dropped past it).
pub const DEFAULT_QUEUE_EVENTS: usize = 10_000;
/// Bytes of events kept while Redis is unreachable.
pub const DEFAULT_QUEUE_BYTES: usize = 64 << 20;
/// Requests handled at once; more are answered 503.
pub const MAX_IN_FLIGHT: usize = 256;
/// Longest wait for a request's body.
pub const BODY_WITHIN: Duration = Duration::from_secs(10);

/// The key that says a relay publishes `page`'s news: its value is the
/// relay's id, its life [`PRESENCE_TTL`], renewed every
/// [`PRESENCE_EVERY`]. While it exists, the page's inboxes stop polling for
/// news (they keep the reconcile poll).
pub fn presence_key(page: &PageId) -> String {
    format!("{PREFIX}:relay:{}", page.as_str())
}

/// The key that marks an event published (`SET … NX PX`).
pub fn dedupe_key(page: &PageId, event: &str) -> String {
    format!("{PREFIX}:hooked:{}:{event}", page.as_str())
}

/// What a relay needs.
#[derive(Clone)]
pub struct RelayConfig {
    /// Its id among relays (`relay:<id>` is the origin of its entries).
    pub id: String,
    /// The pages it accepts; any other page's event is answered 200 and
    /// left aside.
    pub pages: Vec<PageId>,
    /// POSTs are taken on `/hook/<secret>` only. `None`: on `/hook`, and
    /// `allow` must then name who may post.
    pub secret: Option<SecretString>,
    /// Addresses allowed to post (empty: any, the secret path deciding).
    pub allow: Vec<AllowedNet>,
    /// `redis://…` or `rediss://…`, as `rate_budget`.
    pub redis_url: String,
    /// A private CA for `rediss://` (`redis_ca_file`).
    pub redis_ca_file: Option<PathBuf>,
    /// The cap of a body: over it, 413.
    pub max_body: usize,
    pub queue_events: usize,
    pub queue_bytes: usize,
}

impl std::fmt::Debug for RelayConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RelayConfig")
            .field("id", &self.id)
            .field("pages", &self.pages)
            .field("secret", &self.secret.as_ref().map(|_| "[REDACTED]"))
            .field("allow", &self.allow)
            .field("max_body", &self.max_body)
            .finish_non_exhaustive()
    }
}

impl RelayConfig {
    /// A relay of `pages` publishing into the Redis at `redis_url`, the
    /// defaults for the rest (no secret, no addresses: set one of them).
    pub fn new(redis_url: &str, pages: Vec<PageId>) -> RelayConfig {
        RelayConfig {
            id: default_id(),
            pages,
            secret: None,
            allow: Vec::new(),
            redis_url: redis_url.to_owned(),
            redis_ca_file: None,
            max_body: DEFAULT_MAX_BODY,
            queue_events: DEFAULT_QUEUE_EVENTS,
            queue_bytes: DEFAULT_QUEUE_BYTES,
        }
    }

    /// The origin written in its entries.
    pub fn origin(&self) -> String {
        format!("relay:{}", self.id)
    }
}

/// A relay id: this host's name, the process id and a few random bits
/// (two relays on one host differ), kept to `[A-Za-z0-9._-]`.
pub fn default_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .unwrap_or_default();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let host = clean_id(host.trim());
    let host = if host.is_empty() {
        "relay".into()
    } else {
        host
    };
    format!("{host}.{}.{:04x}", std::process::id(), nanos & 0xffff)
}

/// An id as given, kept to `[A-Za-z0-9._-]` and 64 characters.
pub fn clean_id(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .take(64)
        .collect()
}

/// Whether Redis answers, as last seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RedisState {
    /// Not tried yet.
    Connecting,
    Up,
    Down,
}

/// What a relay has done since it started (the health line).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Health {
    pub relay: String,
    pub redis: RedisState,
    /// Events of the relay's pages taken (answered 200 and queued).
    pub received: u64,
    /// Events written into a stream.
    pub published: u64,
    /// Events another relay (or an earlier delivery) had published.
    pub duplicates: u64,
    /// Events waiting for Redis.
    pub queued: u64,
    /// Events dropped from a full queue (Redis away too long).
    pub dropped: u64,
    /// Events of a page not configured (answered 200, left aside).
    pub ignored_page: u64,
    /// `subscription`, `post` and unknown events (answered 200, left aside).
    pub ignored_event: u64,
    /// Requests on a wrong path (404).
    pub refused_path: u64,
    /// Requests from an address not allowed (403).
    pub refused_addr: u64,
    /// Bodies over the cap (413).
    pub too_big: u64,
    /// Bodies that are not a webhook (400).
    pub malformed: u64,
}

/// The counters behind [`Health`], shared by the tasks.
#[derive(Default)]
pub(crate) struct Stats {
    redis: AtomicU8,
    received: AtomicU64,
    published: AtomicU64,
    duplicates: AtomicU64,
    queued: AtomicU64,
    dropped: AtomicU64,
    ignored_page: AtomicU64,
    ignored_event: AtomicU64,
    refused_path: AtomicU64,
    refused_addr: AtomicU64,
    too_big: AtomicU64,
    malformed: AtomicU64,
}

fn bump(counter: &AtomicU64) -> u64 {
    counter.fetch_add(1, Ordering::Relaxed) + 1
}

impl Stats {
    fn health(&self, relay: &str) -> Health {
        let n = |c: &AtomicU64| c.load(Ordering::Relaxed);
        Health {
            relay: relay.to_owned(),
            redis: match self.redis.load(Ordering::Relaxed) {
                1 => RedisState::Up,
                2 => RedisState::Down,
                _ => RedisState::Connecting,
            },
            received: n(&self.received),
            published: n(&self.published),
            duplicates: n(&self.duplicates),
            queued: n(&self.queued),
            dropped: n(&self.dropped),
            ignored_page: n(&self.ignored_page),
            ignored_event: n(&self.ignored_event),
            refused_path: n(&self.refused_path),
            refused_addr: n(&self.refused_addr),
            too_big: n(&self.too_big),
            malformed: n(&self.malformed),
        }
    }
}

/// The relay's settings as its tasks read them.
pub(crate) struct Settings {
    pub id: String,
    pub origin: String,
    pub pages: HashSet<PageId>,
    /// SHA-256 of `/hook/<secret>` (compared in constant time), or `None`.
    pub secret_path: Option<[u8; 32]>,
    pub allow: Vec<AllowedNet>,
    pub max_body: usize,
}

/// A running relay.
pub struct RelayHandle {
    addr: SocketAddr,
    id: String,
    stats: Arc<Stats>,
    stop: watch::Sender<bool>,
    server: JoinHandle<()>,
    publisher: JoinHandle<()>,
    presence: JoinHandle<()>,
}

impl RelayHandle {
    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// What it has done so far.
    pub fn health(&self) -> Health {
        self.stats.health(&self.id)
    }

    /// Stop taking requests, publish what is queued (for up to `drain`, if
    /// Redis answers), remove the presence keys it holds, and stop; what
    /// it did, said.
    pub async fn shutdown(mut self, drain: Duration) -> Health {
        let _ = self.stop.send(true);
        let waits = [Duration::from_millis(500), drain, Duration::from_secs(2)];
        for (task, within) in [&mut self.server, &mut self.publisher, &mut self.presence]
            .into_iter()
            .zip(waits)
        {
            if tokio::time::timeout(within, &mut *task).await.is_err() {
                task.abort();
            }
        }
        self.health()
    }
}

impl Drop for RelayHandle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// Why a relay cannot start.
#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    #[error(
        "no way to tell Pancake from anyone else: set PANCAKE_RELAY_SECRET (or [relay] secret in config) and/or allowed addresses ([relay] allow, --allow)"
    )]
    Unprotected,
    #[error("no page to relay: name them ([relay] pages in config, or --pages)")]
    NoPages,
    #[error(
        "the relay secret must be at least 16 characters of A-Z a-z 0-9 . _ ~ - (it is a path segment)"
    )]
    WeakSecret,
    #[error("Redis: {0}")]
    Redis(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Whether `secret` can be the hook's path segment: 16 characters at least,
/// unreserved URL characters only (no escaping, no `/`).
pub fn secret_ok(secret: &str) -> bool {
    secret.len() >= 16
        && secret
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '~' | '-'))
}

/// Start a relay on `listener` (the in-process entry: tests and the
/// benchmark start one without a subprocess). Redis need not answer yet:
/// events are queued until it does.
pub async fn serve(listener: TcpListener, cfg: RelayConfig) -> Result<RelayHandle, RelayError> {
    if cfg.pages.is_empty() {
        return Err(RelayError::NoPages);
    }
    let secret_path = match &cfg.secret {
        Some(s) => {
            use secrecy::ExposeSecret;
            if !secret_ok(s.expose_secret()) {
                return Err(RelayError::WeakSecret);
            }
            crate::text::register_secret(s.expose_secret());
            Some(net::digest(
                format!("/hook/{}", s.expose_secret()).as_bytes(),
            ))
        }
        None if cfg.allow.is_empty() => return Err(RelayError::Unprotected),
        None => None,
    };
    let client = crate::api::budget::tls::client(&cfg.redis_url, cfg.redis_ca_file.as_deref())
        .map_err(RelayError::Redis)?;
    let addr = listener.local_addr()?;
    let id = clean_id(&cfg.id);
    let id = if id.is_empty() { default_id() } else { id };
    let settings = Arc::new(Settings {
        id: id.clone(),
        origin: format!("relay:{id}"),
        pages: cfg.pages.iter().cloned().collect(),
        secret_path,
        allow: cfg.allow.clone(),
        max_body: cfg.max_body.max(1024),
    });
    let stats = Arc::new(Stats::default());
    let (stop, stopped) = watch::channel(false);
    let link = Arc::new(publish::Link::new(client, stats.clone()));
    let queue = Arc::new(publish::Queue::new(
        cfg.queue_events.max(1),
        cfg.queue_bytes.max(1),
        stats.clone(),
    ));
    let publisher = tokio::spawn(publish::run(queue.clone(), link.clone(), stopped.clone()));
    let presence = tokio::spawn(publish::presence(
        link.clone(),
        id.clone(),
        cfg.pages.clone(),
        stopped.clone(),
    ));
    let server = tokio::spawn(hook::serve(
        listener,
        settings,
        stats.clone(),
        queue,
        stopped,
    ));
    tracing::debug!(
        "relay {id}: listening on {addr} for {} page(s); POSTs on {}{}",
        cfg.pages.len(),
        if cfg.secret.is_some() {
            "/hook/<secret>"
        } else {
            "/hook"
        },
        if cfg.allow.is_empty() {
            String::new()
        } else {
            format!(" from {} allowed network(s)", cfg.allow.len())
        }
    );
    Ok(RelayHandle {
        addr,
        id,
        stats,
        stop,
        server,
        publisher,
        presence,
    })
}

#[cfg(test)]
mod tests_webhook;
