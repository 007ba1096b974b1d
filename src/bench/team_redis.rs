//! `pancake-tui bench team N --redis URL`: N headless inboxes of one page
//! as one team on a running Redis backfill the page together while each
//! agent acts now and then, against one inbox alone: the list requests
//! of the backfill (the team's should cost about one agent's), the 429s,
//! and each agent's action latency.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::api::ConversationId;
use crate::api::budget::BudgetConfig;
use crate::sim::{SimConfig, Simulator};

use super::headless;

/// What one run measured.
struct Figures {
    /// List requests of the backfill (no `since`).
    backfill: usize,
    requests: usize,
    limited: usize,
    p50: Duration,
    p95: Duration,
    actions: usize,
    elapsed: Duration,
}

pub async fn run(agents: usize, conversations: usize, url: &str) -> anyhow::Result<()> {
    let agents = agents.max(1);
    let period = action_period(agents);
    println!(
        "{agents} inboxes as one team on Redis backfill a page of {conversations} conversations; each agent marks one read at random moments, every {:.1} s on average (limit 5 requests/s per page)",
        period.as_secs_f64()
    );
    let alone = once(1, conversations, None).await?;
    let team = once(agents, conversations, Some(url)).await?;
    println!("{:<32} {:>16} {:>16}", "", "one inbox alone", "the team");
    let row = |name: &str, a: String, b: String| println!("{name:<32} {a:>16} {b:>16}");
    row(
        "backfill list requests",
        alone.backfill.to_string(),
        format!(
            "{} ({:.2}x)",
            team.backfill,
            team.backfill as f64 / alone.backfill.max(1) as f64
        ),
    );
    row(
        "all requests",
        alone.requests.to_string(),
        team.requests.to_string(),
    );
    row(
        "429 answers",
        alone.limited.to_string(),
        team.limited.to_string(),
    );
    row(
        "action latency p50 / p95",
        format!("{} / {} ms", alone.p50.as_millis(), alone.p95.as_millis()),
        format!("{} / {} ms", team.p50.as_millis(), team.p95.as_millis()),
    );
    row(
        "actions, backfill time",
        format!("{}, {:.1} s", alone.actions, alone.elapsed.as_secs_f64()),
        format!("{}, {:.1} s", team.actions, team.elapsed.as_secs_f64()),
    );
    println!("goal: the team's backfill <= 1.2x one inbox's requests, 0 x 429, action p95 <= 1 s");
    Ok(())
}

/// Every agent acts this often on average: all the team's actions together
/// average 2 requests a second, so that the page's 5 leave room for the backfill.
fn action_period(agents: usize) -> Duration {
    Duration::from_millis(1500).max(Duration::from_millis(500 * agents as u64))
}

async fn once(agents: usize, conversations: usize, redis: Option<&str>) -> anyhow::Result<Figures> {
    let sim = Simulator::start(SimConfig {
        conversations,
        live: false,
        ..SimConfig::default()
    })
    .await?;
    let main = sim.main_page();
    let dir = std::env::temp_dir().join(format!("pancake-bench-teamr-{}", std::process::id()));
    let budget = match redis {
        Some(url) => {
            let client = crate::api::budget::tls::client(url, None).map_err(anyhow::Error::msg)?;
            headless::clear_team(&client, &main.id).await?;
            BudgetConfig::Redis {
                url: url.to_owned(),
                dir: Some(dir.clone()),
                ca_file: None,
            }
        }
        None => BudgetConfig::Process,
    };
    let team = crate::team::client(&budget);
    let mut apps = Vec::new();
    for _ in 0..agents {
        apps.push(headless::app(&sim, &budget, team.clone())?);
    }
    let ids: Arc<Vec<String>> = Arc::new(sim.conversation_ids(&main.id));
    let stop = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let mut actors = Vec::new();
    for (a, app) in apps.iter().enumerate() {
        let (api, ids, stop) = (app.5.clone(), ids.clone(), stop.clone());
        actors.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            // Each agent acts on its own, at random moments (`period` apart
            // on average): ten agents never act at the same instant each
            // time, and a burst of ten actions on a page of 5 requests a
            // second would leave half of them a window behind whatever
            // the budget does.
            let period = action_period(agents);
            let mut gaps = Gaps::seeded(a as u64 + 1);
            let mut next = tokio::time::Instant::now() + period.mul_f64(gaps.gap());
            let mut i = a;
            while !stop.load(Ordering::Relaxed) {
                tokio::time::sleep_until(next).await;
                next += period.mul_f64(gaps.gap());
                let conv = ConversationId::new(ids[i % ids.len()].clone());
                i += agents;
                let t = Instant::now();
                if api.mark_read(&conv).await.is_ok() {
                    latencies.push(t.elapsed());
                }
            }
            latencies
        }));
    }
    let deadline = start + Duration::from_secs(600);
    while Instant::now() < deadline && !apps.iter().all(|a| a.0.pages[0].sync.complete) {
        headless::step(&mut apps).await?;
    }
    let elapsed = start.elapsed();
    stop.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    for t in actors {
        latencies.extend(t.await?);
    }
    let log = sim.requests();
    let backfill = log
        .iter()
        .filter(|r| r.path.ends_with("/conversations") && r.query.iter().all(|(k, _)| k != "since"))
        .count();
    let limited = log.iter().filter(|r| r.rate_limited()).count();
    drop(apps);
    sim.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
    latencies.sort();
    let pct = |q: f64| super::percentile(&latencies, q);
    Ok(Figures {
        backfill,
        requests: log.len(),
        limited,
        p50: pct(0.5),
        p95: pct(0.95),
        actions: latencies.len(),
        elapsed,
    })
}

/// Times between one agent's actions, in periods: exponential of mean 1
/// (the agent acts at random moments, as a person does), from a seeded
/// splitmix64 so that each run asks the same of the budget.
struct Gaps(u64);

impl Gaps {
    fn seeded(seed: u64) -> Gaps {
        Gaps(seed)
    }

    fn gap(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        let uniform = ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64;
        -(1.0 - uniform).ln()
    }
}
