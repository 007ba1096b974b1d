//! One request budget per page, shared by every task in the process.
//!
//! Pancake allows 5 requests per page per second (pancake-api.md § Rate limit) and answers 429
//! beyond it, counting requests as they *arrive*. A permit is held while its
//! request is in flight ([`Permit`]), and its slot stays taken until one
//! window (a second plus a small margin) after the answer came back. The
//! server saw the request before it answered, and the next request is sent
//! after that, so however late a request reaches the server (a loaded
//! machine, a slow network) no `limit + 1` requests ever arrive within one
//! second. The price is the latency: with 200 ms round trips a page gets
//! 5 requests per 1.2 s instead of per second.
//!
//! Each page has its own gate task; waiting agent actions
//! ([`Priority::Interactive`]) are always granted before waiting background
//! sync ([`Priority::Background`]), and both before the requests of a bulk
//! action ([`Priority::Bulk`]), so a bulk of 300 never holds up the list.
//!
//! Other processes on the same page (agents in their own SSH sessions, or on
//! other machines) spend the same 5 per second: with a shared budget
//! ([`super::budget`], a file per page on this host or Redis) each grant of
//! this gate also takes a slot there, held and released the same way, and a
//! request defers to the more urgent waiters of other processes. This gate
//! stays in front, so a process never asks the shared book for more than its
//! own share of the window.
//!
//! A page whose budget is not shared right now cannot see the other
//! inboxes' requests: a 429 slows it down and it speeds up again slowly
//! ([`pace`]), so unconfigured inboxes on one page settle under the limit.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Notify, mpsc, oneshot};
use tokio::time::Instant;

pub use super::budget::Priority;
use super::budget::{BudgetConfig, SharedBudget, Sharing, SlotId, Try};
use pace::Pace;

pub mod pace;

/// Default margin added to the one-second window.
pub const DEFAULT_MARGIN: Duration = Duration::from_millis(25);

#[derive(Clone)]
pub struct Throttle {
    shared: Arc<Shared>,
}

struct Shared {
    limit: usize,
    window: Duration,
    budget: BudgetConfig,
    /// The API root: another server's page is another budget.
    api: String,
    gates: Mutex<HashMap<String, Gate>>,
}

/// Someone waiting for a permit.
type Waiter = oneshot::Sender<Permit>;

#[derive(Clone)]
struct Gate {
    /// One queue per [`Priority`], most urgent first.
    lanes: [mpsc::UnboundedSender<Waiter>; 3],
    state: Arc<GateState>,
    /// The budget shared with other processes (none: this process only).
    shared: Option<Arc<SharedBudget>>,
}

struct GateState {
    slots: Mutex<Slots>,
    /// The pace after 429s while the budget is not shared ([`pace`]).
    pace: Mutex<Pace>,
    /// A permit was released (its request answered).
    released: Notify,
    waiting: AtomicUsize,
}

/// The slots taken in the current window: requests in flight, and requests
/// answered less than a window ago (with the time of the answer).
#[derive(Default)]
struct Slots {
    in_flight: usize,
    answered: VecDeque<Instant>,
}

impl Slots {
    fn prune(&mut self, now: Instant, window: Duration) {
        self.answered.retain(|t| now.duration_since(*t) < window);
    }

    fn used(&self) -> usize {
        self.in_flight + self.answered.len()
    }
}

/// The right to have one request in flight; dropping it (when the answer
/// came, or the request was given up) starts the slot's last window.
#[must_use = "the slot is released when the permit is dropped"]
pub struct Permit {
    /// The gate the slot belongs to (none when throttling is off).
    gate: Option<Arc<GateState>>,
    /// The slot taken in the shared budget.
    shared: Option<(Arc<SharedBudget>, SlotId)>,
}

impl Permit {
    const NONE: Permit = Permit {
        gate: None,
        shared: None,
    };

    /// Pancake answered this request 429. When the page's budget is not
    /// shared right now (this process only, or the shared file unusable),
    /// its pace is cut ([`pace`]); a shared budget already keeps every
    /// process within the limit.
    pub fn rate_limited(&self) {
        let Some(state) = &self.gate else { return };
        let shared = self
            .shared
            .as_ref()
            .is_some_and(|(b, _)| !matches!(b.sharing(), Sharing::Own(_)));
        if shared {
            return;
        }
        let mut pace = state.pace.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let sent = {
            let mut slots = state.slots.lock().unwrap_or_else(|e| e.into_inner());
            slots.prune(now, pace.window());
            slots.used()
        };
        if pace.cut(now, sent) {
            tracing::info!(
                "429 from Pancake on an unshared budget: slowed to {:.1} requests/s",
                pace.rate(now)
            );
        }
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        if let Some((budget, slot)) = self.shared.take() {
            budget.release(slot);
        }
        let Some(state) = self.gate.take() else {
            return;
        };
        {
            let mut slots = state.slots.lock().unwrap_or_else(|e| e.into_inner());
            slots.in_flight -= 1;
            slots.answered.push_back(Instant::now());
        }
        state.released.notify_one();
    }
}

/// A page's budget right now, for the status bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Headroom {
    /// Slots taken: requests in flight and those answered within the window.
    pub used: usize,
    pub limit: usize,
    /// Requests waiting for a permit.
    pub waiting: usize,
    /// Shared with other processes, or not.
    pub sharing: Sharing,
    /// Agents using the page's budget, this one included (0: not known).
    pub agents: usize,
    /// Requests per second allowed now, in hundredths, when slowed below
    /// the limit after a 429 ([`pace`]); `None` at the limit.
    pub slowed_to: Option<u32>,
}

impl Throttle {
    /// `per_sec` permits per key in any window of one second plus `margin`;
    /// `per_sec == 0` disables throttling.
    pub fn new(per_sec: u32, margin: Duration) -> Self {
        Self::with_budget(per_sec, margin, BudgetConfig::Process, "")
    }

    /// As [`Throttle::new`], each page's budget shared with the other
    /// processes that use `budget` for the API at `api` (user-token calls
    /// stay in process).
    pub fn with_budget(per_sec: u32, margin: Duration, budget: BudgetConfig, api: &str) -> Self {
        Throttle {
            shared: Arc::new(Shared {
                limit: per_sec as usize,
                window: Duration::from_secs(1) + margin,
                budget,
                api: api.to_owned(),
                gates: Mutex::new(HashMap::new()),
            }),
        }
    }

    pub fn limit(&self) -> usize {
        self.shared.limit
    }

    /// Wait for a permit to send one request for `key` (a page id); hold it
    /// until the answer has come back. Must be called inside a tokio runtime.
    pub async fn acquire(&self, key: &str, priority: Priority) -> Permit {
        if self.shared.limit == 0 {
            return Permit::NONE;
        }
        let gate = self.gate(key);
        let (tx, rx) = oneshot::channel();
        gate.state.waiting.fetch_add(1, Ordering::Relaxed);
        let _ = gate.lanes[priority as usize].send(tx);
        // An Err means the gate is gone (process shutting down): go ahead.
        let permit = rx.await.unwrap_or(Permit::NONE);
        gate.state.waiting.fetch_sub(1, Ordering::Relaxed);
        permit
    }

    /// The budget of `key` now.
    pub fn headroom(&self, key: &str) -> Headroom {
        let limit = self.shared.limit;
        let gates = self.shared.gates.lock().unwrap_or_else(|e| e.into_inner());
        let Some(gate) = gates.get(key) else {
            return Headroom {
                limit,
                ..Headroom::default()
            };
        };
        let now = Instant::now();
        let slowed = {
            let pace = gate.state.pace.lock().unwrap_or_else(|e| e.into_inner());
            pace.slowed(now)
        };
        let mut slots = gate.state.slots.lock().unwrap_or_else(|e| e.into_inner());
        slots.prune(now, self.shared.window);
        Headroom {
            slowed_to: slowed.map(|r| (r * 100.0) as u32),
            used: slots.used(),
            limit,
            waiting: gate.state.waiting.load(Ordering::Relaxed),
            sharing: gate
                .shared
                .as_ref()
                .map_or(Sharing::Process, |b| b.sharing()),
            agents: gate.shared.as_ref().map_or(1, |b| b.agents()),
        }
    }

    fn gate(&self, key: &str) -> Gate {
        let mut gates = self.shared.gates.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(g) = gates.get(key) {
            return g.clone();
        }
        let [(itx, irx), (btx, brx), (ktx, krx)] = [(); 3].map(|_| mpsc::unbounded_channel());
        let state = Arc::new(GateState {
            slots: Mutex::default(),
            pace: Mutex::new(Pace::new(self.shared.limit, self.shared.window)),
            released: Notify::new(),
            waiting: AtomicUsize::new(0),
        });
        let shared = if key == "user" {
            None
        } else {
            SharedBudget::open(
                &self.shared.budget,
                &self.shared.api,
                key,
                self.shared.limit,
                self.shared.window,
            )
        };
        tokio::spawn(run_gate(
            [irx, brx, krx],
            self.shared.limit,
            self.shared.window,
            state.clone(),
            shared.clone(),
        ));
        let gate = Gate {
            lanes: [itx, btx, ktx],
            state,
            shared,
        };
        gates.insert(key.to_owned(), gate.clone());
        gate
    }
}

/// Waiters taken from the lanes, most urgent first.
#[derive(Default)]
struct Queues([VecDeque<Waiter>; 3]);

impl Queues {
    /// Move whatever waits in the lanes into the queues; forget waiters that
    /// gave up.
    fn drain(&mut self, lanes: &mut [mpsc::UnboundedReceiver<Waiter>; 3]) {
        for (q, lane) in self.0.iter_mut().zip(lanes.iter_mut()) {
            while let Ok(w) = lane.try_recv() {
                q.push_back(w);
            }
            q.retain(|w| !w.is_closed());
        }
    }

    /// The priority of the most urgent waiter.
    fn first(&self) -> Option<usize> {
        self.0.iter().position(|q| !q.is_empty())
    }

    fn counts(&self) -> [u32; 3] {
        self.0.each_ref().map(|q| q.len() as u32)
    }
}

const PRIORITIES: [Priority; 3] = [Priority::Interactive, Priority::Background, Priority::Bulk];

/// Wait for one more waiter on any lane (most urgent first); `None` when
/// every lane is closed.
async fn next_waiter(lanes: &mut [mpsc::UnboundedReceiver<Waiter>; 3]) -> Option<(usize, Waiter)> {
    let [interactive, background, bulk] = lanes;
    tokio::select! {
        biased;
        Some(w) = interactive.recv() => Some((0, w)),
        Some(w) = background.recv() => Some((1, w)),
        Some(w) = bulk.recv() => Some((2, w)),
        else => None,
    }
}

/// Grants permits for one key, never more than `limit` slots taken at once
/// here, nor in the shared budget.
async fn run_gate(
    mut lanes: [mpsc::UnboundedReceiver<Waiter>; 3],
    limit: usize,
    window: Duration,
    state: Arc<GateState>,
    shared: Option<Arc<SharedBudget>>,
) {
    let mut queues = Queues::default();
    loop {
        // 1. Wait until a slot is free here: a request answered, or an
        //    answer's window over.
        loop {
            let oldest = {
                let mut slots = state.slots.lock().unwrap_or_else(|e| e.into_inner());
                slots.prune(Instant::now(), window);
                if slots.used() < limit {
                    break;
                }
                slots.answered.front().copied()
            };
            match oldest {
                Some(t) => {
                    tokio::select! {
                        _ = tokio::time::sleep_until(t + window) => {}
                        _ = state.released.notified() => {}
                    }
                }
                None => state.released.notified().await,
            }
        }
        // 2. Someone to give it to.
        queues.drain(&mut lanes);
        if queues.first().is_none() {
            let Some((p, w)) = next_waiter(&mut lanes).await else {
                return;
            };
            queues.0[p].push_back(w);
            queues.drain(&mut lanes);
        }
        // 3. Not before the pace allows (after a 429 on an unshared budget:
        //    a pause, then evenly spaced); a 429 meanwhile may push it on.
        loop {
            let now = Instant::now();
            let at = {
                let pace = state.pace.lock().unwrap_or_else(|e| e.into_inner());
                pace.next_at(now)
            };
            if at <= now {
                break;
            }
            tokio::time::sleep_until(at).await;
        }
        // Who arrived meanwhile (an agent action goes first).
        queues.drain(&mut lanes);
        // 4. A slot in the shared budget for the most urgent waiter (who
        //    may change while we wait: a newly arrived agent action goes
        //    first).
        let mut slot = None;
        if let Some(budget) = &shared {
            loop {
                queues.drain(&mut lanes);
                let Some(p) = queues.first() else { break };
                match budget.try_acquire(PRIORITIES[p], queues.counts()).await {
                    Try::Granted(s) => {
                        slot = Some((p, s));
                        break;
                    }
                    Try::Wait(d) => {
                        tokio::select! {
                            _ = tokio::time::sleep(d) => {}
                            got = next_waiter(&mut lanes) => match got {
                                Some((p, w)) => queues.0[p].push_back(w),
                                None => tokio::time::sleep(d).await,
                            },
                        }
                    }
                }
            }
            if slot.is_none() {
                continue; // every waiter gave up meanwhile
            }
        }
        // 5. Hand the slot to the most urgent live waiter.
        let p = match &slot {
            Some((p, _)) => *p,
            None => match queues.first() {
                Some(p) => p,
                None => continue,
            },
        };
        let Some(waiter) = queues.0[p].pop_front() else {
            continue;
        };
        // Taken before the waiter can answer and release it.
        state
            .pace
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .granted(Instant::now());
        state
            .slots
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .in_flight += 1;
        // The permit travels in the channel: if the waiter gave up before
        // taking it, dropping it frees the slot.
        let permit = Permit {
            gate: Some(state.clone()),
            shared: slot.map(|(_, s)| (shared.clone().expect("a shared slot"), s)),
        };
        if let Err(mut unsent) = waiter.send(permit) {
            // Never used: free the slot without starting a window.
            unsent.gate = None;
            if let Some((budget, s)) = unsent.shared.take() {
                budget.cancel(s);
            }
            state
                .slots
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .in_flight -= 1;
        }
    }
}

#[cfg(test)]
mod tests;
