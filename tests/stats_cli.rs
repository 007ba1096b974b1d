//! `pancake-tui stats`, the real binary, against the simulator over HTTP:
//! table, CSV and JSON carry the figures the simulator's conversations give
//! (the library's client, which `day_api.rs` checks against them, is the
//! reference here), `--all-pages` with the user token makes the one
//! multi-page users call, and no token is ever printed.

use std::process::Command;
use std::time::Duration;

use pancake_tui::api::stats::{PageStats, Period};
use pancake_tui::api::{Client, ClientConfig, PageId, UnixSeconds};
use pancake_tui::sim::{SimConfig, SimHandle, Simulator, day};
use secrecy::SecretString;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_pancake-tui");

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// Run `stats` with `env`, a HOME of its own and a config that puts the
/// report in the simulated pages' zone (UTC+7).
async fn stats(tag: &str, args: &[&str], env: Vec<(&'static str, String)>) -> Run {
    let home = std::env::temp_dir().join(format!("pancake-stats-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).unwrap();
    let config = home.join("config.toml");
    std::fs::write(
        &config,
        "timezone = \"Asia/Ho_Chi_Minh\"\nrate_budget = \"process\"\n",
    )
    .unwrap();
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let out = tokio::task::spawn_blocking(move || {
        let mut cmd = Command::new(BIN);
        cmd.arg("stats").args(&args).arg("--config").arg(&config);
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_CACHE_HOME", home.join("cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("the binary runs")
    })
    .await
    .unwrap();
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

async fn sim() -> SimHandle {
    Simulator::start(SimConfig {
        conversations: 400,
        ..SimConfig::default()
    })
    .await
    .unwrap()
}

fn page_env(sim: &SimHandle) -> Vec<(&'static str, String)> {
    let main = sim.main_page();
    vec![
        ("PANCAKE_API_URL", sim.base_url()),
        ("PANCAKE_PAGE_ID", main.id),
        ("PANCAKE_PAGE_ACCESS_TOKEN", main.token),
    ]
}

/// The local midnight seven days ago (a fixed start, so the binary and the
/// reference read the same period: nothing happens after the start).
fn start_day() -> (String, UnixSeconds) {
    let now = jiff::Timestamp::now().to_zoned(day::time_zone());
    let d = now.date().checked_sub(jiff::ToSpan::days(7)).unwrap();
    let t = d
        .to_zoned(day::time_zone())
        .unwrap()
        .timestamp()
        .as_second();
    (d.to_string(), UnixSeconds(t))
}

/// What the library's client reads for the main page over the same period.
async fn reference(sim: &SimHandle, since: UnixSeconds) -> PageStats {
    let c = Client::new(ClientConfig {
        base_url: sim.base_url(),
        timeout: Duration::from_secs(20),
        ..ClientConfig::default()
    })
    .unwrap();
    let main = sim.main_page();
    c.page(PageId::new(main.id), SecretString::from(main.token))
        .page_stats(&Period {
            since,
            until: UnixSeconds::now(),
            tz: day::time_zone(),
        })
        .await
        .unwrap()
}

fn assert_private(sim: &SimHandle, run: &Run) {
    let all = format!("{}{}", run.stdout, run.stderr);
    for p in sim.pages() {
        assert!(!all.contains(&p.token), "a page token leaked");
    }
    assert!(!all.contains(&sim.user_token()), "the user token leaked");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn table_csv_and_json_carry_the_simulators_figures() {
    let sim = sim().await;
    let (day_arg, since) = start_day();
    let want = reference(&sim, since).await;
    assert!(!want.by_tag.is_empty() && !want.new_customers_per_day.is_empty());

    let run = stats(
        "json",
        &["--since", &day_arg, "--format", "json"],
        page_env(&sim),
    )
    .await;
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert_private(&sim, &run);
    let got: Value = serde_json::from_str(&run.stdout).unwrap();
    let got = &got.as_array().unwrap()[0];
    let want_json = serde_json::to_value(&want).unwrap();
    for key in [
        "new_customers_per_day",
        "by_tag",
        "staff",
        "engagement_by_hour",
        "totals",
        "since",
    ] {
        assert_eq!(got[key], want_json[key], "{key}");
    }
    assert_eq!(got["page_id"], sim.main_page().id.as_str());

    let run = stats(
        "csv",
        &["--since", &day_arg, "--format", "csv"],
        page_env(&sim),
    )
    .await;
    assert!(run.ok, "{}", run.stderr);
    let csv = &run.stdout;
    assert!(csv.starts_with("page,section,key,metric,value\n"));
    let main = sim.main_page().id;
    for t in &want.by_tag {
        let line = format!("{main},tags,{},count,{}", t.name, t.count);
        assert!(csv.lines().any(|l| l == line), "{line}\n{csv}");
    }
    for (d, n) in &want.new_customers_per_day {
        let line = format!("{main},new_customers,{d},count,{n}");
        assert!(csv.lines().any(|l| l == line), "{line}");
    }
    let handled: u64 = want.staff.iter().filter_map(|s| s.handled).sum();
    let csv_handled: u64 = csv
        .lines()
        .filter(|l| l.contains(",staff,") && l.contains(",handled,"))
        .map(|l| l.rsplit(',').next().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(csv_handled, handled);

    let run = stats("table", &["--since", &day_arg], page_env(&sim)).await;
    assert!(run.ok, "{}", run.stderr);
    let table = &run.stdout;
    assert!(table.contains(&format!("== {main} ==")), "{table}");
    for t in &want.by_tag {
        assert!(
            table
                .lines()
                .any(|l| l.starts_with(&format!("  {}", t.name))
                    && l.ends_with(&format!(" {}", t.count))),
            "{}: {table}",
            t.name
        );
    }
    for s in &want.staff {
        assert!(table.contains(&s.name), "{}", s.name);
    }
    assert!(table.contains("engagement by hour (0-23): "));
    assert_private(&sim, &run);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_pages_with_the_user_token_asks_once_for_every_pages_staff() {
    let sim = sim().await;
    let env = vec![
        ("PANCAKE_API_URL", sim.base_url()),
        ("PANCAKE_ACCESS_TOKEN", sim.user_token()),
    ];
    let run = stats(
        "all",
        &["--since", "7d", "--all-pages", "--format", "json"],
        env,
    )
    .await;
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert_private(&sim, &run);
    let got: Value = serde_json::from_str(&run.stdout).unwrap();
    let pages = got.as_array().unwrap();
    let ids: Vec<String> = sim.pages().into_iter().map(|p| p.id).collect();
    assert_eq!(pages.len(), ids.len());
    for (p, id) in pages.iter().zip(&ids) {
        assert_eq!(p["page_id"], id.as_str());
        let staff = p["staff"].as_array().unwrap();
        assert_eq!(staff.len(), 8, "{id}");
        assert!(staff.iter().all(|s| s["page_id"] == id.as_str()));
    }
    let log = sim.requests();
    let multi: Vec<_> = log
        .iter()
        .filter(|r| r.path == "/api/v1/statistics/users")
        .collect();
    assert_eq!(multi.len(), 1, "one call for every page");
    assert!(multi[0].ok());
    assert!(multi[0].query.contains(&("page_ids".into(), ids.join(","))));
    assert!(
        !log.iter()
            .any(|r| r.path.ends_with("/statistics/users") && r.page_id.is_some()),
        "no per-page users statistics"
    );

    // Without a user token, --all-pages says what to set.
    let run = stats("nouser", &["--all-pages"], page_env(&sim)).await;
    assert!(!run.ok);
    assert!(
        run.stderr.contains("PANCAKE_ACCESS_TOKEN"),
        "{}",
        run.stderr
    );
    let run = stats("badsince", &["--since", "soon"], page_env(&sim)).await;
    assert!(!run.ok);
    assert!(run.stderr.contains("say 24h, 7d, 30d"), "{}", run.stderr);
}
