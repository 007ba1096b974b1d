//! The simulator's shared state behind every request: the world, the
//! request log, the faults, the per-page rate limit windows, and the
//! steering `SimHandle` and `/api/__sim/` use.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::answer::{Answer, body_error, wire};
use crate::sim::rng::Rng;
use crate::sim::world::World;
use crate::sim::{Faults, LoggedRequest};

pub struct Shared {
    pub world: Mutex<World>,
    pub log: Mutex<Vec<LoggedRequest>>,
    pub faults: Mutex<Faults>,
    pub limit: AtomicU32,
    /// Sends waiting under `Faults::park_file_sends`.
    pub parked: AtomicU32,
    /// Answers are kept in the log (`SimHandle::log_answers`).
    pub log_answers: AtomicBool,
    /// Bytes sent of endless answers (`Faults::endless_answers`).
    pub streamed: Arc<AtomicU64>,
    windows: Mutex<HashMap<String, VecDeque<Instant>>>,
    rng: Mutex<Rng>,
    pub start: Instant,
}

impl Shared {
    pub fn new(world: World, faults: Faults, limit: u32, seed: u64) -> Self {
        Shared {
            world: Mutex::new(world),
            log: Mutex::new(Vec::new()),
            faults: Mutex::new(faults),
            limit: AtomicU32::new(limit),
            parked: AtomicU32::new(0),
            log_answers: AtomicBool::new(false),
            streamed: Arc::new(AtomicU64::new(0)),
            windows: Mutex::new(HashMap::new()),
            rng: Mutex::new(Rng::new(seed ^ 0xFA17)),
            start: Instant::now(),
        }
    }

    pub fn world(&self) -> std::sync::MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn faults_now(&self) -> Faults {
        self.faults
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// A rate limit answer: in the body (HTTP 200) a `body_errors` share of
    /// the time, else HTTP 429 with `Retry-After: 1`.
    pub(super) fn rate_limited(&self, f: &Faults) -> Answer {
        if self.chance(f.body_errors) {
            body_error(wire::RATE_LIMITED)
        } else {
            Answer::RateLimited
        }
    }

    /// The page gets a new token; the old one answers 105 from now on.
    pub fn revoke_page_token(&self, pid: &str) -> Option<String> {
        let token = {
            let mut r = self.rng.lock().unwrap_or_else(|e| e.into_inner());
            format!("sim-{:016x}{:016x}", r.next(), r.next())
        };
        let mut w = self.world();
        let page = w.page_mut(pid)?;
        let old = std::mem::replace(&mut page.token, token.clone());
        page.revoked_tokens.push(old);
        Some(token)
    }

    pub fn expire_subscription(&self, pid: &str, expired: bool) -> bool {
        let mut w = self.world();
        let Some(page) = w.page_mut(pid) else {
            return false;
        };
        page.subscription_expired = expired;
        true
    }

    pub fn expire_user_token(&self, expired: bool) {
        self.world().user_token_expired = expired;
    }

    pub fn refuse_sends(&self, pid: &str, cid: &str, codes: Option<(i64, i64)>) -> bool {
        let mut w = self.world();
        let Some(page) = w.page_mut(pid) else {
            return false;
        };
        let Some(&i) = page.index.get(cid) else {
            return false;
        };
        page.convs[i].refuse = codes;
        true
    }

    /// Wait out the arrival jitter of the current faults, if any.
    pub(super) async fn arrive_late(&self) {
        let jitter = self
            .faults
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .arrival_jitter;
        if jitter.is_zero() {
            return;
        }
        let ms = self
            .rng
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .below(jitter.as_millis() as u64);
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }

    pub(super) fn chance(&self, p: f64) -> bool {
        p > 0.0 && self.rng.lock().unwrap_or_else(|e| e.into_inner()).chance(p)
    }

    /// Admit a request for `page` unless `limit` were admitted in the last second.
    pub(super) fn admit(&self, page: &str) -> bool {
        let limit = self.limit.load(Ordering::Relaxed) as usize;
        if limit == 0 {
            return true;
        }
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let w = windows.entry(page.to_owned()).or_default();
        let now = Instant::now();
        while w
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
        {
            w.pop_front();
        }
        if w.len() >= limit {
            return false;
        }
        w.push_back(now);
        true
    }
}
