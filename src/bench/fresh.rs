//! `pancake-tui bench fresh N`: how soon a customer's new message is on the
//! agent's screen. N headless inboxes (the app's update loop, background
//! tasks and rendering into a test terminal, without a tty) on one page of
//! the simulator, sharing one host budget as N processes would. The
//! simulator writes messages at known times; each app's frames are
//! timestamped; the latency is arrival to the first frame that shows it.
//! Also: the share of the page's budget the polls used.

use std::time::{Duration, Instant};

use secrecy::SecretString;

use crate::api::PageId;
use crate::api::budget::BudgetConfig;
use crate::sim::{SimConfig, Simulator};

use super::headless;

const MESSAGES: usize = 12;

pub async fn run(agents: usize, redis: Option<String>, relay: bool) -> anyhow::Result<()> {
    let agents = agents.max(1);
    let sim = Simulator::start(SimConfig {
        conversations: 300,
        ..SimConfig::default()
    })
    .await?;
    let main = sim.main_page();
    let dir = std::env::temp_dir().join(format!("pancake-bench-fresh-{}", std::process::id()));
    let budget = match &redis {
        Some(url) => {
            let client = crate::api::budget::tls::client(url, None).map_err(anyhow::Error::msg)?;
            headless::clear_team(&client, &main.id).await?;
            BudgetConfig::Redis {
                url: url.clone(),
                dir: Some(dir.clone()),
                ca_file: None,
            }
        }
        None => BudgetConfig::Host {
            dir: Some(dir.clone()),
        },
    };
    let team = crate::team::client(&budget);
    let hook = match (&redis, relay) {
        (Some(url), true) => Some(Hook::start(url, &main.id).await?),
        _ => None,
    };
    let mut apps = Vec::new();
    for _ in 0..agents {
        apps.push(headless::app(&sim, &budget, team.clone())?);
    }
    // Let the backfill finish before measuring.
    let settle = Instant::now() + Duration::from_secs(20);
    while Instant::now() < settle && !apps.iter().all(|a| a.0.pages[0].sync.complete) {
        headless::step(&mut apps).await?;
    }
    let ids = sim.conversation_ids(&main.id);
    sim.clear_requests();
    let started = Instant::now();
    let mut latencies: Vec<Duration> = Vec::new();
    for k in 0..MESSAGES {
        let conv = &ids[(k * 17 + 5) % ids.len()];
        let text = format!("Tin mới số {k} ạ");
        let sent = Instant::now();
        sim.inject_customer_message(&main.id, conv, &text);
        if let Some(h) = &hook {
            h.post(&main.id, conv, k, &text).await?;
        }
        let mut seen = vec![None; apps.len()];
        let deadline = sent + Duration::from_secs(30);
        while seen.iter().any(Option::is_none) && Instant::now() < deadline {
            let frames = headless::step(&mut apps).await?;
            for (i, shown) in frames.into_iter().enumerate() {
                if seen[i].is_none() && shown.is_some_and(|screen| screen.contains(&text)) {
                    seen[i] = Some(sent.elapsed());
                }
            }
        }
        latencies.extend(seen.into_iter().flatten());
        // The next message a while later, as customers write.
        let pause = Instant::now() + Duration::from_millis(700 + (k as u64 * 389) % 1500);
        while Instant::now() < pause {
            headless::step(&mut apps).await?;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let log = sim.requests();
    let polls = log
        .iter()
        .filter(|r| r.query.iter().any(|(k, _)| k == "since"))
        .count();
    let threads = log.iter().filter(|r| r.path.ends_with("/messages")).count();
    let limited = log.iter().filter(|r| r.rate_limited()).count();
    latencies.sort();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(f64::NAN, |d| d.as_secs_f64())
    };
    let how = match (&redis, &hook) {
        (Some(_), Some(_)) => "as one team on Redis, news from a webhook relay",
        (Some(_), None) => "as one team on Redis (one reader, news through the page's stream)",
        _ => "host budget shared, each inbox polling",
    };
    println!("{agents} agent(s) on one page, {MESSAGES} customer messages, {how}");
    println!(
        "arrival to screen: p50 {:.2} s, p95 {:.2} s, max {:.2} s ({} of {} seen)",
        pct(0.5),
        pct(0.95),
        latencies.last().map_or(f64::NAN, |d| d.as_secs_f64()),
        latencies.len(),
        MESSAGES * agents
    );
    println!(
        "polling: {polls} requests in {elapsed:.1} s = {:.2} req/s, {:.0}% of the 5/s budget (goal <= 25%)",
        polls as f64 / elapsed,
        polls as f64 / elapsed / 5.0 * 100.0
    );
    println!(
        "thread fetches: {threads} in {elapsed:.1} s = {:.2} req/s (open threads, counted apart); 429 answers: {limited}",
        threads as f64 / elapsed
    );
    let _ = std::fs::remove_dir_all(&dir);
    if let Some(h) = hook {
        h.relay.shutdown(Duration::from_secs(2)).await;
    }
    sim.shutdown().await;
    Ok(())
}

/// A webhook relay in process, and what the benchmark posts to it: a
/// `messaging` event for each new customer message, as Pancake would.
struct Hook {
    relay: crate::team::relay::RelayHandle,
    url: String,
    http: reqwest::Client,
}

impl Hook {
    async fn start(redis: &str, page: &str) -> anyhow::Result<Hook> {
        const SECRET: &str = "bench-fresh-relay-secret-0123456789";
        let mut cfg = crate::team::relay::RelayConfig::new(redis, vec![PageId::new(page)]);
        cfg.secret = Some(SecretString::from(SECRET));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let relay = crate::team::relay::serve(listener, cfg)
            .await
            .map_err(|e| anyhow::anyhow!("relay: {e}"))?;
        let url = format!("http://{}/hook/{SECRET}", relay.addr());
        Ok(Hook {
            relay,
            url,
            http: reqwest::Client::new(),
        })
    }

    async fn post(&self, page: &str, conv: &str, k: usize, text: &str) -> anyhow::Result<()> {
        let at = jiff::Timestamp::now()
            .strftime("%Y-%m-%dT%H:%M:%S")
            .to_string();
        let body = serde_json::json!({
            "event_type": "messaging",
            "page_id": page,
            "data": {
                "conversation": {"id": conv, "type": "INBOX"},
                "message": {
                    "id": format!("bench_m_{k}"),
                    "conversation_id": conv,
                    "from": {"id": format!("bench_c_{k}")},
                    "original_message": text,
                    "inserted_at": at,
                }
            }
        });
        let status = self.http.post(&self.url).json(&body).send().await?.status();
        anyhow::ensure!(status.is_success(), "the relay answered {status}");
        Ok(())
    }
}
