//! `pancake-tui bench team N`: N agents on one page, each its own client (as
//! its own process would be), backfilling the page while acting on it every
//! second and a half; with the host budget shared and without (each agent
//! its own budget, as agents that cannot share: they slow down on 429s,
//! `api::throttle::pace`). The share of requests answered 429 is printed;
//! `--conversations 10000` makes a run of over 600 requests.

use std::sync::Arc;
use std::time::{Duration, Instant};

use secrecy::SecretString;

use crate::api::budget::BudgetConfig;
use crate::api::{Client, ClientConfig, ConversationId, ConversationQuery, PageId};
use crate::sim::{SimConfig, Simulator};

/// What one run measured.
struct Figures {
    req_per_sec: f64,
    /// Requests the simulator saw, and of them answered 429 (of those, in
    /// the first 30 s: while the agents find their pace).
    requests: usize,
    limited: usize,
    limited_early: usize,
    /// When the first 429s came, in seconds from the first request.
    limited_at: Vec<f64>,
    p50: Duration,
    p95: Duration,
    actions: usize,
    elapsed: Duration,
}

pub async fn run(agents: usize, conversations: usize, own_only: bool) -> anyhow::Result<()> {
    let agents = agents.max(1);
    println!(
        "{agents} agents on one page of {conversations} conversations: each backfills it and acts every 1.5 s (limit 5 requests/s per page)"
    );
    let dir = std::env::temp_dir().join(format!("pancake-bench-team-{}", std::process::id()));
    let shared = if own_only {
        None
    } else {
        let f = one(
            agents,
            conversations,
            BudgetConfig::Host {
                dir: Some(dir.clone()),
            },
        )
        .await?;
        let _ = std::fs::remove_dir_all(&dir);
        Some(f)
    };
    let alone = one(agents, conversations, BudgetConfig::Process).await?;
    println!("{:<28} {:>16} {:>16}", "", "shared budget", "each its own");
    let row = |name: &str, cell: &dyn Fn(&Figures) -> String| {
        let a = shared.as_ref().map_or_else(|| "-".to_owned(), cell);
        println!("{name:<28} {a:>16} {:>16}", cell(&alone));
    };
    row("429 answers / requests", &|f| share(f.limited, f.requests));
    row("429 answers in the first 30 s", &|f| {
        f.limited_early.to_string()
    });
    row("answered req/s (% of limit)", &|f| {
        format!("{:.2} ({:.0}%)", f.req_per_sec, f.req_per_sec / 5.0 * 100.0)
    });
    row("action latency p50", &|f| {
        format!("{} ms", f.p50.as_millis())
    });
    row("action latency p95", &|f| {
        format!("{} ms", f.p95.as_millis())
    });
    row("actions, backfill time", &|f| {
        format!("{}, {:.1} s", f.actions, f.elapsed.as_secs_f64())
    });
    println!(
        "{:<28} {}",
        "first 429s at (s), own",
        times(&alone.limited_at)
    );
    Ok(())
}

/// `0.0 0.1 21.4`.
fn times(t: &[f64]) -> String {
    let t: Vec<String> = t.iter().map(|s| format!("{s:.1}")).collect();
    t.join(" ")
}

/// `26/428 (6.1%)`.
fn share(part: usize, whole: usize) -> String {
    format!(
        "{part}/{whole} ({:.1}%)",
        part as f64 * 100.0 / whole.max(1) as f64
    )
}

async fn one(agents: usize, conversations: usize, budget: BudgetConfig) -> anyhow::Result<Figures> {
    let sim = Simulator::start(SimConfig {
        conversations,
        live: false,
        ..SimConfig::default()
    })
    .await?;
    let main = sim.main_page();
    let ids: Arc<Vec<String>> = Arc::new(sim.conversation_ids(&main.id));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for a in 0..agents {
        let client = Client::new(ClientConfig {
            base_url: sim.base_url(),
            budget: budget.clone(),
            ..ClientConfig::default()
        })?;
        let api = client.page(
            PageId::new(main.id.clone()),
            SecretString::from(main.token.clone()),
        );
        let ids = ids.clone();
        tasks.push(tokio::spawn(async move {
            let backfill = {
                let api = api.background();
                tokio::spawn(async move {
                    let mut cursor: Option<ConversationId> = None;
                    while let Ok(batch) = api
                        .conversations(&ConversationQuery::default(), cursor.as_ref())
                        .await
                    {
                        let Some(last) = batch.last() else { break };
                        cursor = Some(last.id.clone());
                    }
                })
            };
            let mut latencies = Vec::new();
            let mut every = tokio::time::interval(Duration::from_millis(1500));
            every.tick().await;
            let mut i = a;
            while !backfill.is_finished() {
                every.tick().await;
                let conv = ConversationId::new(ids[i % ids.len()].clone());
                i += agents;
                let t = Instant::now();
                if api.mark_read(&conv).await.is_ok() {
                    latencies.push(t.elapsed());
                }
            }
            let _ = backfill.await;
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await?);
    }
    let elapsed = start.elapsed();
    let log = sim.requests();
    let limited = log.iter().filter(|r| r.rate_limited()).count();
    let first = log.iter().map(|r| r.at).min().unwrap_or_default();
    let limited_early = log
        .iter()
        .filter(|r| r.rate_limited() && r.at - first < Duration::from_secs(30))
        .count();
    let span = match (
        log.iter().map(|r| r.at).min(),
        log.iter().map(|r| r.at).max(),
    ) {
        (Some(a), Some(b)) if b > a => (b - a).as_secs_f64(),
        _ => elapsed.as_secs_f64(),
    };
    sim.shutdown().await;
    latencies.sort();
    let pct = |q: f64| super::percentile(&latencies, q);
    Ok(Figures {
        // Answered requests only: a 429 spends none of the page's budget.
        req_per_sec: (log.len() - limited) as f64 / span,
        requests: log.len(),
        limited,
        limited_early,
        limited_at: log
            .iter()
            .filter(|r| r.rate_limited())
            .map(|r| (r.at - first).as_secs_f64())
            .take(10)
            .collect(),
        p50: pct(0.5),
        p95: pct(0.95),
        actions: latencies.len(),
        elapsed,
    })
}
