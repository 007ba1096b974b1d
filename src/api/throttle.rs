//! One request budget per page, shared by every task in the process.
//!
//! Pancake allows 5 requests per page per second (seed 003) and answers 429
//! beyond it. The throttle grants at most `limit` permits per page in any
//! sliding window of `window` (one second plus a small margin for the jitter
//! between granting a permit and the request reaching the server), so no
//! burst ever exceeds the limit. Each page has its own gate task; waiting
//! agent actions ([`Priority::Interactive`]) are always granted before waiting
//! background sync ([`Priority::Background`]).

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

/// Who is waiting: the agent, or background sync.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Priority {
    #[default]
    Interactive,
    Background,
}

/// Default margin added to the one-second window.
pub const DEFAULT_MARGIN: Duration = Duration::from_millis(25);

#[derive(Clone)]
pub struct Throttle {
    shared: Arc<Shared>,
}

struct Shared {
    limit: usize,
    window: Duration,
    gates: Mutex<HashMap<String, Gate>>,
}

#[derive(Clone)]
struct Gate {
    interactive: mpsc::UnboundedSender<oneshot::Sender<()>>,
    background: mpsc::UnboundedSender<oneshot::Sender<()>>,
    state: Arc<GateState>,
}

#[derive(Default)]
struct GateState {
    granted: Mutex<VecDeque<Instant>>,
    waiting: AtomicUsize,
}

/// A page's budget right now, for the status bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Headroom {
    /// Permits granted in the current window.
    pub used: usize,
    pub limit: usize,
    /// Requests waiting for a permit.
    pub waiting: usize,
}

impl Throttle {
    /// `per_sec` permits per key in any window of one second plus `margin`;
    /// `per_sec == 0` disables throttling.
    pub fn new(per_sec: u32, margin: Duration) -> Self {
        Throttle {
            shared: Arc::new(Shared {
                limit: per_sec as usize,
                window: Duration::from_secs(1) + margin,
                gates: Mutex::new(HashMap::new()),
            }),
        }
    }

    pub fn limit(&self) -> usize {
        self.shared.limit
    }

    /// Wait for a permit to send one request for `key` (a page id).
    /// Must be called inside a tokio runtime.
    pub async fn acquire(&self, key: &str, priority: Priority) {
        if self.shared.limit == 0 {
            return;
        }
        let gate = self.gate(key);
        let (tx, rx) = oneshot::channel();
        let lane = match priority {
            Priority::Interactive => &gate.interactive,
            Priority::Background => &gate.background,
        };
        gate.state.waiting.fetch_add(1, Ordering::Relaxed);
        let _ = lane.send(tx);
        // An Err means the gate is gone (process shutting down): go ahead.
        let _ = rx.await;
        gate.state.waiting.fetch_sub(1, Ordering::Relaxed);
    }

    /// The budget of `key` now.
    pub fn headroom(&self, key: &str) -> Headroom {
        let limit = self.shared.limit;
        let gates = self.shared.gates.lock().unwrap_or_else(|e| e.into_inner());
        let Some(gate) = gates.get(key) else {
            return Headroom {
                used: 0,
                limit,
                waiting: 0,
            };
        };
        let now = Instant::now();
        let granted = gate.state.granted.lock().unwrap_or_else(|e| e.into_inner());
        Headroom {
            used: granted
                .iter()
                .filter(|t| now.duration_since(**t) < self.shared.window)
                .count(),
            limit,
            waiting: gate.state.waiting.load(Ordering::Relaxed),
        }
    }

    fn gate(&self, key: &str) -> Gate {
        let mut gates = self.shared.gates.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(g) = gates.get(key) {
            return g.clone();
        }
        let (itx, irx) = mpsc::unbounded_channel();
        let (btx, brx) = mpsc::unbounded_channel();
        let state = Arc::new(GateState::default());
        tokio::spawn(run_gate(
            irx,
            brx,
            self.shared.limit,
            self.shared.window,
            state.clone(),
        ));
        let gate = Gate {
            interactive: itx,
            background: btx,
            state,
        };
        gates.insert(key.to_owned(), gate.clone());
        gate
    }
}

/// Grants permits for one key, never more than `limit` in any `window`.
async fn run_gate(
    mut interactive: mpsc::UnboundedReceiver<oneshot::Sender<()>>,
    mut background: mpsc::UnboundedReceiver<oneshot::Sender<()>>,
    limit: usize,
    window: Duration,
    state: Arc<GateState>,
) {
    loop {
        // 1. Wait until a slot is free in the sliding window.
        loop {
            let oldest = {
                let mut granted = state.granted.lock().unwrap_or_else(|e| e.into_inner());
                let now = Instant::now();
                while granted
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= window)
                {
                    granted.pop_front();
                }
                if granted.len() < limit {
                    None
                } else {
                    granted.front().copied()
                }
            };
            match oldest {
                None => break,
                Some(t) => tokio::time::sleep_until(t + window).await,
            }
        }
        // 2. Hand the slot to the most urgent live waiter.
        let waiter = tokio::select! {
            biased;
            Some(w) = interactive.recv() => w,
            Some(w) = background.recv() => w,
            else => return,
        };
        if waiter.send(()).is_ok() {
            let mut granted = state.granted.lock().unwrap_or_else(|e| e.into_inner());
            granted.push_back(Instant::now());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every window of `window` over `times` holds at most `limit` entries.
    fn max_in_window(times: &[Instant], window: Duration) -> usize {
        let mut best = 0;
        for (i, t) in times.iter().enumerate() {
            let n = times[i..]
                .iter()
                .take_while(|u| u.duration_since(*t) < window)
                .count();
            best = best.max(n);
        }
        best
    }

    #[tokio::test(start_paused = true)]
    async fn never_more_than_limit_in_any_window() {
        let throttle = Throttle::new(5, Duration::ZERO);
        let times = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let (throttle, times) = (throttle.clone(), times.clone());
            tasks.push(tokio::spawn(async move {
                for _ in 0..3 {
                    throttle.acquire("p", Priority::Background).await;
                    times.lock().unwrap().push(Instant::now());
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let mut times = times.lock().unwrap().clone();
        times.sort();
        assert_eq!(times.len(), 60);
        assert_eq!(max_in_window(&times, Duration::from_secs(1)), 5);
        // 60 permits at 5 per second take 11 full windows after the first burst.
        let span = *times.last().unwrap() - times[0];
        assert!(span >= Duration::from_secs(11), "{span:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn pages_have_separate_budgets() {
        let throttle = Throttle::new(5, Duration::ZERO);
        let start = Instant::now();
        for _ in 0..5 {
            throttle.acquire("a", Priority::Interactive).await;
            throttle.acquire("b", Priority::Interactive).await;
        }
        assert_eq!(
            Instant::now(),
            start,
            "ten permits over two pages need no wait"
        );
        assert_eq!(throttle.headroom("a").used, 5);
    }

    #[tokio::test(start_paused = true)]
    async fn interactive_goes_before_waiting_background() {
        let throttle = Throttle::new(1, Duration::ZERO);
        throttle.acquire("p", Priority::Background).await; // uses the slot
        let order = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        for i in 0..3 {
            let (t, o) = (throttle.clone(), order.clone());
            tasks.push(tokio::spawn(async move {
                t.acquire("p", Priority::Background).await;
                o.lock().unwrap().push(format!("bg{i}"));
            }));
        }
        tokio::task::yield_now().await;
        let (t, o) = (throttle.clone(), order.clone());
        tasks.push(tokio::spawn(async move {
            t.acquire("p", Priority::Interactive).await;
            o.lock().unwrap().push("agent".to_string());
        }));
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(order.lock().unwrap()[0], "agent");
    }

    #[tokio::test]
    async fn zero_disables() {
        let throttle = Throttle::new(0, Duration::ZERO);
        for _ in 0..100 {
            throttle.acquire("p", Priority::Background).await;
        }
    }
}
