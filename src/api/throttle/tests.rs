//! The throttle's tests: one page's window, priorities, pages apart, the
//! host budget shared by two clients, the pace after a 429.

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
                drop(throttle.acquire("p", Priority::Background).await);
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
        drop(throttle.acquire("a", Priority::Interactive).await);
        drop(throttle.acquire("b", Priority::Interactive).await);
    }
    assert_eq!(
        Instant::now(),
        start,
        "ten permits over two pages need no wait"
    );
    assert_eq!(throttle.headroom("a").used, 5);
}

#[tokio::test(start_paused = true)]
async fn the_agent_goes_first_then_sync_then_a_waiting_bulk() {
    let throttle = Throttle::new(1, Duration::ZERO);
    drop(throttle.acquire("p", Priority::Background).await); // uses the slot
    let order = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    let mut wait = |name: String, priority: Priority| {
        let (t, o) = (throttle.clone(), order.clone());
        tasks.push(tokio::spawn(async move {
            drop(t.acquire("p", priority).await);
            o.lock().unwrap().push(name);
        }));
    };
    // A bulk queued first, then the list, then the agent.
    for i in 0..3 {
        wait(format!("bulk{i}"), Priority::Bulk);
    }
    tokio::task::yield_now().await;
    wait("list".into(), Priority::Background);
    tokio::task::yield_now().await;
    wait("agent".into(), Priority::Interactive);
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(
        *order.lock().unwrap(),
        ["agent", "list", "bulk0", "bulk1", "bulk2"]
    );
}

#[tokio::test(start_paused = true)]
async fn a_slot_stays_taken_until_a_window_after_the_answer() {
    // Requests take 300 ms to be answered: a server counting arrivals
    // may see them late, so the next permit waits for the answer.
    let throttle = Throttle::new(5, Duration::ZERO);
    let start = Instant::now();
    let mut held = Vec::new();
    for _ in 0..5 {
        held.push(throttle.acquire("p", Priority::Background).await);
    }
    assert_eq!(throttle.headroom("p").used, 5, "in flight counts");
    let sixth = tokio::spawn({
        let throttle = throttle.clone();
        async move {
            drop(throttle.acquire("p", Priority::Background).await);
            Instant::now()
        }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    held.clear(); // the five answers arrive
    let granted = sixth.await.unwrap();
    assert_eq!(granted - start, Duration::from_millis(1300));
}

#[tokio::test(start_paused = true)]
async fn a_waiter_that_gives_up_frees_its_slot() {
    let throttle = Throttle::new(1, Duration::ZERO);
    let first = throttle.acquire("p", Priority::Interactive).await;
    let gave_up = tokio::time::timeout(
        Duration::from_millis(10),
        throttle.acquire("p", Priority::Interactive),
    )
    .await;
    assert!(gave_up.is_err());
    drop(first);
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(throttle.headroom("p").used, 0, "nothing leaked");
    drop(throttle.acquire("p", Priority::Interactive).await);
}

/// Two clients on one host budget (as two processes would be): never
/// more than the limit in any window over both, and an agent action of
/// one goes before the other's backfill.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_clients_on_one_host_budget_share_it_and_the_agent_goes_first() {
    let dir = std::env::temp_dir().join(format!("pancake-throttle-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let cfg = BudgetConfig::Host {
        dir: Some(dir.clone()),
    };
    let window = Duration::from_secs(1);
    let both = [
        Throttle::with_budget(5, Duration::ZERO, cfg.clone(), "api"),
        Throttle::with_budget(5, Duration::ZERO, cfg, "api"),
    ];
    let times = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for t in &both {
        for _ in 0..3 {
            let (t, times) = (t.clone(), times.clone());
            tasks.push(tokio::spawn(async move {
                for _ in 0..3 {
                    let p = t.acquire("p", Priority::Background).await;
                    times.lock().unwrap().push(Instant::now());
                    tokio::time::sleep(Duration::from_millis(30)).await;
                    drop(p);
                }
            }));
        }
    }
    // While both backfill, the second one's agent acts.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let asked = Instant::now();
    let p = both[1].acquire("p", Priority::Interactive).await;
    let waited = asked.elapsed();
    times.lock().unwrap().push(Instant::now());
    drop(p);
    assert_eq!(both[1].headroom("p").sharing, Sharing::Host);
    for t in tasks {
        t.await.unwrap();
    }
    let mut times = times.lock().unwrap().clone();
    times.sort();
    assert_eq!(times.len(), 19);
    assert!(max_in_window(&times, window) <= 5);
    assert!(waited <= window, "the agent waited {waited:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A 429 on a budget of this process only: a window's pause, then permits
/// evenly spaced at half the rate, said in the headroom; it grows back.
#[tokio::test(start_paused = true)]
async fn a_429_on_an_unshared_budget_pauses_then_paces_at_half_the_rate() {
    let throttle = Throttle::new(5, Duration::ZERO);
    for _ in 0..4 {
        drop(throttle.acquire("p", Priority::Background).await);
    }
    assert_eq!(throttle.headroom("p").slowed_to, None);
    let limited = throttle.acquire("p", Priority::Background).await;
    let cut = Instant::now();
    limited.rate_limited();
    limited.rate_limited(); // a second 429 of the same window: one cut
    drop(limited);
    assert_eq!(throttle.headroom("p").slowed_to, Some(250));
    let mut times = Vec::new();
    for _ in 0..6 {
        drop(throttle.acquire("p", Priority::Background).await);
        times.push(Instant::now());
    }
    assert!(times[0] >= cut + Duration::from_secs(1), "paused a window");
    for w in times.windows(2) {
        let gap = w[1] - w[0];
        assert!(
            gap >= Duration::from_millis(390) && gap <= Duration::from_millis(400),
            "{gap:?}"
        );
    }
    // Another page keeps its own pace.
    assert_eq!(throttle.headroom("q").slowed_to, None);
    tokio::time::sleep(Duration::from_secs(100)).await;
    let grown = throttle.headroom("p").slowed_to.unwrap();
    // 2.5 + GROW a second for about 102 s (the six permits took 3 s).
    let want = 100.0 * (2.5 + pace::GROW * 102.0);
    assert!((f64::from(grown) - want).abs() <= 2.0, "{grown} {want}");
    tokio::time::sleep(Duration::from_secs(3600)).await;
    assert_eq!(throttle.headroom("p").slowed_to, None, "back to the limit");
}

/// The agent still goes first while the pace is slowed.
#[tokio::test(start_paused = true)]
async fn a_slowed_pace_still_puts_the_agent_first() {
    let throttle = Throttle::new(5, Duration::ZERO);
    throttle
        .acquire("p", Priority::Background)
        .await
        .rate_limited();
    let order = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for (name, priority) in [
        ("sync", Priority::Background),
        ("agent", Priority::Interactive),
    ] {
        let (t, o) = (throttle.clone(), order.clone());
        tasks.push(tokio::spawn(async move {
            drop(t.acquire("p", priority).await);
            o.lock().unwrap().push(name);
        }));
        tokio::task::yield_now().await;
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(*order.lock().unwrap(), ["agent", "sync"]);
}

/// A budget shared on this host keeps every process within the limit: a
/// 429 (someone outside it) does not slow it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_does_not_slow_a_shared_budget() {
    let dir = std::env::temp_dir().join(format!("pancake-throttle-429-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let cfg = BudgetConfig::Host {
        dir: Some(dir.clone()),
    };
    let throttle = Throttle::with_budget(5, Duration::ZERO, cfg, "api");
    let p = throttle.acquire("p", Priority::Background).await;
    assert_eq!(throttle.headroom("p").sharing, Sharing::Host);
    p.rate_limited();
    drop(p);
    assert_eq!(throttle.headroom("p").slowed_to, None);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn zero_disables() {
    let throttle = Throttle::new(0, Duration::ZERO);
    for _ in 0..100 {
        drop(throttle.acquire("p", Priority::Background).await);
    }
}
