//! `pancake-tui stats`, the real binary, against the simulator over HTTP:
//! table, CSV and JSON carry the figures the simulator's conversations,
//! threads, tags and staff give (computed here from what it serves, not
//! through the client's decoders), `--all-pages` with the user token makes
//! the one multi-page users call, and no token is ever printed.

use std::collections::{BTreeMap, BTreeSet};

use pancake_tui::api::UnixSeconds;
use pancake_tui::sim::{SimConfig, SimHandle, Simulator, day};
use serde_json::{Value, json};

use super::cli_run::{Run, page_env, run};

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
    let args = std::iter::once("stats".to_owned())
        .chain(args.iter().map(|a| a.to_string()))
        .chain(["--config".to_owned(), config.display().to_string()])
        .collect();
    run(home, args, env).await
}

async fn sim() -> SimHandle {
    Simulator::start(SimConfig {
        conversations: 400,
        ..SimConfig::default()
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

fn secs(v: &Value) -> i64 {
    UnixSeconds::parse(v.as_str().unwrap()).unwrap().0
}

fn local(t: i64) -> jiff::Zoned {
    jiff::Timestamp::from_second(t)
        .unwrap()
        .to_zoned(day::time_zone())
}

/// What the main page's conversations and messages give over
/// `since..=until`, computed here from what the simulator serves (its
/// conversations, threads, tags and staff), not from the client's decoders:
/// the JSON `stats` should print.
fn expected(sim: &SimHandle, since: i64, until: i64) -> Value {
    let main = sim.main_page().id;
    let within = |t: i64| (since..=until).contains(&t);
    let convs: Vec<Value> = sim
        .conversation_ids(&main)
        .iter()
        .map(|id| sim.conversation_json(&main, id).unwrap())
        .collect();
    // New customers: a customer's first contact is their earliest conversation.
    let mut first: BTreeMap<String, i64> = BTreeMap::new();
    for c in &convs {
        let at = secs(&c["inserted_at"]);
        let e = first
            .entry(c["customer_id"].as_str().unwrap().to_owned())
            .or_insert(at);
        *e = (*e).min(at);
    }
    // Every local day of the period (whole days: `date_range` in days).
    let mut per_day: BTreeMap<String, u64> = BTreeMap::new();
    let mut d = local(since).date();
    while d <= local(until).date() {
        per_day.insert(d.to_string(), 0);
        d = d.tomorrow().unwrap();
    }
    for at in first.values() {
        if let Some(n) = per_day.get_mut(&local(*at).date().to_string()) {
            *n += 1;
        }
    }
    let new_in_period: BTreeSet<&str> = first
        .iter()
        .filter(|(_, at)| within(**at))
        .map(|(id, _)| id.as_str())
        .collect();
    // Tags: the conversations active in the period holding each.
    let names: BTreeMap<String, String> = sim.tags_json(&main)["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].to_string(), t["text"].as_str().unwrap().to_owned()))
        .collect();
    let mut tags: BTreeMap<String, u64> = BTreeMap::new();
    for c in convs.iter().filter(|c| within(secs(&c["updated_at"]))) {
        for t in c["tags"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| !t.is_null())
        {
            *tags.entry(names[&t.to_string()].clone()).or_default() += 1;
        }
    }
    // Messages: the customers' per local hour, the page's per staff member.
    let users = sim.users_json(&main);
    let active: Vec<&Value> = users["users"].as_array().unwrap().iter().collect();
    #[derive(Default)]
    struct Staff {
        inbox: u64,
        comment: u64,
        unique_inbox: u64,
        unique_comment: u64,
        new_replied: u64,
        responses: Vec<i64>,
    }
    let mut staff: BTreeMap<String, Staff> = BTreeMap::new();
    let mut hours = [0u64; 24];
    let (mut cust, mut page) = ([0u64; 2], [0u64; 2]);
    for c in &convs {
        let inbox = c["type"] == "INBOX";
        let k = usize::from(!inbox);
        let mut waiting: Option<i64> = None;
        let mut replied: BTreeSet<String> = BTreeSet::new();
        for m in sim.messages_json(&main, c["id"].as_str().unwrap()) {
            let at = secs(&m["inserted_at"]);
            let from_page = m["from"]["id"].as_str() == Some(main.as_str());
            if !from_page {
                waiting.get_or_insert(at);
            }
            if !within(at) {
                if from_page {
                    waiting = None;
                }
                continue;
            }
            if !from_page {
                cust[k] += 1;
                hours[local(at).hour() as usize] += 1;
                continue;
            }
            page[k] += 1;
            if let Some(id) = m["from"]["admin_id"].as_str()
                && active.iter().any(|u| u["id"] == id)
            {
                let s = staff.entry(id.to_owned()).or_default();
                *(if inbox { &mut s.inbox } else { &mut s.comment }) += 1;
                if let Some(w) = waiting {
                    s.responses.push(at - w);
                }
                if replied.insert(id.to_owned()) {
                    *(if inbox {
                        &mut s.unique_inbox
                    } else {
                        &mut s.unique_comment
                    }) += 1;
                    if new_in_period.contains(c["customer_id"].as_str().unwrap()) {
                        s.new_replied += 1;
                    }
                }
            }
            waiting = None;
        }
    }
    // Phone numbers: when one was captured is the simulator's own record.
    let walk = sim.day_walk(&main, since, until).unwrap();
    let staff: Vec<Value> = active
        .iter()
        .map(|u| {
            let id = u["id"].as_str().unwrap();
            let s = staff.remove(id).unwrap_or_default();
            let w = walk.staff.get(id).cloned().unwrap_or_default();
            let avg = (!s.responses.is_empty())
                .then(|| s.responses.iter().sum::<i64>() * 1000 / s.responses.len() as i64);
            json!({
                "user_id": id,
                "name": u["name"],
                "page_id": null,
                "inbox_count": s.inbox,
                "comment_count": s.comment,
                "unique_inbox_count": s.unique_inbox,
                "unique_comment_count": s.unique_comment,
                "private_reply_count": 0,
                "phone_number_count": w.phone_numbers,
                "average_response_ms": avg,
                "total_engagement": s.unique_inbox + s.unique_comment,
                "new_customer_replied_count": s.new_replied,
                "order_count": 0,
            })
        })
        .collect();
    let phones: u64 = walk.days.values().map(|d| d.phone_numbers).sum();
    json!({
        "totals": {
            "new_customers": new_in_period.len(),
            "customer_inbox": cust[0], "customer_comment": cust[1],
            "page_inbox": page[0], "page_comment": page[1],
            "phone_numbers": phones,
        },
        "new_customers_per_day": per_day.into_iter().collect::<Vec<_>>(),
        "by_tag": tags,
        "staff": staff,
        "engagement_by_hour": hours,
    })
}

/// The staff rows in a fixed order (by user id).
fn by_user(v: &Value) -> Vec<Value> {
    let mut rows = v.as_array().unwrap().clone();
    rows.sort_by(|a, b| a["user_id"].as_str().cmp(&b["user_id"].as_str()));
    rows
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_shows_every_part_with_the_simulators_own_figures() {
    let sim = sim().await;
    let run = stats(
        "json",
        &["--since", "7d", "--format", "json"],
        page_env(&sim),
    )
    .await;
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert_private(&sim, &run);
    let got: Value = serde_json::from_str(&run.stdout).unwrap();
    let got = &got.as_array().unwrap()[0];
    assert_eq!(got["page_id"], sim.main_page().id.as_str());
    let (since, until) = (
        got["since"].as_i64().unwrap(),
        got["until"].as_i64().unwrap(),
    );
    assert!((until - since - 7 * 86_400).abs() <= 1);
    assert_eq!(got["unavailable"], json!([]), "every part given");
    assert_eq!(got["skipped_rows"], json!([]));
    let want = expected(&sim, since, until);

    assert_eq!(got["totals"], want["totals"]);
    assert_eq!(got["new_customers_per_day"], want["new_customers_per_day"]);
    assert!(
        want["new_customers_per_day"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d[1].as_u64() > Some(0)),
        "new customers this week"
    );
    let tags: BTreeMap<String, u64> = got["by_tag"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_owned(),
                t["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(json!(tags), want["by_tag"]);
    assert!(!tags.is_empty());
    assert_eq!(got["engagement_by_hour"], want["engagement_by_hour"]);
    assert_eq!(by_user(&got["staff"]), by_user(&want["staff"]));
    assert!(
        got["staff"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["average_response_ms"].as_u64() > Some(0)
                && s["inbox_count"].as_u64() > Some(0)),
        "staff who replied"
    );

    // New customers come from `page_customers` grouped by day, never from
    // `statistics/page_customers`.
    let log = sim.requests();
    let nc: Vec<_> = log
        .iter()
        .filter(|r| r.path.ends_with("/page_customers"))
        .collect();
    assert_eq!(nc.len(), 1);
    assert!(nc[0].ok());
    assert!(nc[0].query.contains(&("group_by".into(), "day".into())));
    assert!(
        !log.iter()
            .any(|r| r.path.contains("/statistics/page_customers"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_and_table_carry_the_same_figures() {
    let sim = sim().await;
    let run = stats("csv", &["--since", "7d", "--format", "csv"], page_env(&sim)).await;
    assert!(run.ok, "{}", run.stderr);
    assert_private(&sim, &run);
    let csv = &run.stdout;
    assert!(csv.starts_with("page,section,key,metric,value\n"));
    let main = sim.main_page().id;
    // The period the binary asked for, from the simulator's log.
    let log = sim.requests();
    let tags_req = log
        .iter()
        .find(|r| r.path.ends_with("/statistics/tags"))
        .unwrap();
    let q = |k: &str| -> i64 {
        tags_req
            .query
            .iter()
            .find(|(n, _)| n == k)
            .unwrap()
            .1
            .parse()
            .unwrap()
    };
    let want = expected(&sim, q("since"), q("until"));
    for (name, n) in want["by_tag"].as_object().unwrap() {
        let line = format!("{main},tags,{name},count,{n}");
        assert!(csv.lines().any(|l| l == line), "{line}\n{csv}");
    }
    for d in want["new_customers_per_day"].as_array().unwrap() {
        let line = format!(
            "{main},new_customers,{},count,{}",
            d[0].as_str().unwrap(),
            d[1]
        );
        assert!(csv.lines().any(|l| l == line), "{line}");
    }
    for s in want["staff"].as_array().unwrap() {
        let line = format!(
            "{main},staff,{},inbox_count,{}",
            s["name"].as_str().unwrap(),
            s["inbox_count"]
        );
        assert!(csv.lines().any(|l| l == line), "{line}\n{csv}");
        if let Some(ms) = s["average_response_ms"].as_u64() {
            let line = format!(
                "{main},staff,{},average_response_ms,{ms}",
                s["name"].as_str().unwrap()
            );
            assert!(csv.lines().any(|l| l == line), "{line}");
        }
    }

    let run = stats("table", &["--since", "7d"], page_env(&sim)).await;
    assert!(run.ok, "{}", run.stderr);
    let table = &run.stdout;
    assert!(table.contains(&format!("== {main} ==")), "{table}");
    for (name, n) in want["by_tag"].as_object().unwrap() {
        assert!(
            table
                .lines()
                .any(|l| l.starts_with(&format!("  {name}")) && l.ends_with(&format!(" {n}"))),
            "{name}: {table}"
        );
    }
    for s in want["staff"].as_array().unwrap() {
        assert!(table.contains(s["name"].as_str().unwrap()));
    }
    assert!(table.contains("avg reply"));
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
        .filter(|r| r.path == "/api/v1/statistics/user")
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

/// The multi-page call is not confirmed: when it fails, each page's own
/// users statistics stand in, and `stats` says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_pages_falls_back_to_each_pages_users_statistics() {
    let sim = sim().await;
    sim.set_faults(pancake_tui::sim::Faults {
        no_multi_page_users: true,
        ..pancake_tui::sim::Faults::default()
    });
    let env = vec![
        ("PANCAKE_API_URL", sim.base_url()),
        ("PANCAKE_ACCESS_TOKEN", sim.user_token()),
    ];
    let run = stats(
        "fallback",
        &["--since", "7d", "--all-pages", "--format", "json"],
        env,
    )
    .await;
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert_private(&sim, &run);
    assert!(run.stderr.contains("asking each page"), "{}", run.stderr);
    let got: Value = serde_json::from_str(&run.stdout).unwrap();
    let pages = got.as_array().unwrap();
    let ids: Vec<String> = sim.pages().into_iter().map(|p| p.id).collect();
    assert_eq!(pages.len(), ids.len());
    for (p, id) in pages.iter().zip(&ids) {
        let staff = p["staff"].as_array().unwrap();
        assert_eq!(staff.len(), 8, "{id}");
        assert!(staff.iter().all(|s| s["page_id"] == id.as_str()));
        assert!(staff.iter().all(|s| s["inbox_count"].is_u64()), "{staff:?}");
    }
    let log = sim.requests();
    let per_page = log
        .iter()
        .filter(|r| r.path.ends_with("/statistics/users") && r.page_id.is_some() && r.ok())
        .count();
    assert_eq!(per_page, ids.len(), "one per page");
}
