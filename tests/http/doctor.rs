//! `pancake-tui doctor`, the real binary, against the simulator in its real
//! dialect: a healthy page, the JSON report, a revoked token, an expired
//! subscription, an expired user token. The report never carries a token
//! or a customer's name.

use pancake_tui::sim::{SimConfig, SimHandle, Simulator};

use super::cli_run::{Run, page_env, run};

/// Run the doctor with `env` (and a HOME of its own, so no config file of
/// this machine is read).
async fn doctor(args: &[&str], env: Vec<(&'static str, String)>) -> Run {
    let home = std::env::temp_dir().join(format!(
        "pancake-doctor-{}-{}",
        std::process::id(),
        env.iter().map(|(_, v)| v.len()).sum::<usize>() + args.len()
    ));
    let args = std::iter::once("doctor")
        .chain(args.iter().copied())
        .map(str::to_owned)
        .collect();
    run(home, args, env).await
}

async fn sim() -> SimHandle {
    Simulator::start(SimConfig {
        conversations: 300,
        ..SimConfig::default()
    })
    .await
    .unwrap()
}

/// No token, no customer name anywhere in what the doctor printed.
fn assert_private(sim: &SimHandle, run: &Run) {
    let all = format!("{}{}", run.stdout, run.stderr);
    for p in sim.pages() {
        assert!(!all.contains(&p.token), "a page token leaked:\n{all}");
    }
    assert!(!all.contains(&sim.user_token()), "the user token leaked");
    let main = sim.main_page().id;
    for id in sim.conversation_ids(&main).iter().take(60) {
        let c = sim.conversation_json(&main, id).unwrap();
        if let Some(name) = c["from"]["name"].as_str().filter(|n| n.len() > 6) {
            assert!(!all.contains(name), "a customer name in the report: {name}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_healthy_page_passes_and_the_odd_shapes_are_named() {
    let sim = sim().await;
    let run = doctor(&[], page_env(&sim)).await;
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    let out = &run.stdout;
    for check in [
        "token",
        "tags",
        "staff",
        "conversations",
        "type filter",
        "messages",
    ] {
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with("ok") && l.contains(check)),
            "{check}:\n{out}"
        );
    }
    assert!(out.contains("60 read"), "{out}");
    assert!(out.contains("applied by Pancake"), "{out}");
    assert!(out.contains("odd shapes in conversations"), "{out}");
    assert!(out.contains("tags[] null"), "{out}");
    assert!(out.contains("customers missing"), "{out}");
    assert!(out.contains("naive with fractions"), "{out}");
    assert!(out.contains(" ms"), "round trips: {out}");
    assert!(out.contains("all checks passed"));
    assert_private(&sim, &run);
    // Each endpoint once, within the rate limit: no 429.
    let log = sim.requests();
    assert_eq!(
        log.len(),
        5,
        "{:?}",
        log.iter().map(|r| &r.path).collect::<Vec<_>>()
    );
    assert!(log.iter().all(|r| r.ok()));
}

/// A page whose Pancake answers the list's `type[]` filter with HTTP 500:
/// the doctor probes it once (with its retries), says the inbox filters
/// types itself there, and the report still passes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_type_filter_is_reported_and_not_a_failure() {
    let sim = sim().await;
    sim.set_faults(pancake_tui::sim::Faults {
        refuse_type_filter: true,
        ..pancake_tui::sim::Faults::default()
    });
    let run = doctor(&[], page_env(&sim)).await;
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("type filter"))
        .unwrap_or_default();
    assert!(
        line.trim_start().starts_with("ok") && line.contains("the inbox filters types itself"),
        "{}",
        run.stdout
    );
    let typed = sim
        .requests()
        .into_iter()
        .filter(|r| r.query.iter().any(|(k, _)| k == "type[]"))
        .count();
    assert_eq!(typed, 4, "one call and its three retries");
    let lists = sim
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/conversations") && r.query.is_empty())
        .count();
    assert_eq!(
        lists, 2,
        "the plain list: its own check, then asked again without the type"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_json_report_is_the_same_as_data() {
    let sim = sim().await;
    let run = doctor(&["--json"], page_env(&sim)).await;
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(v["ok"], true);
    let page = &v["pages"][0];
    assert_eq!(page["id"], sim.main_page().id);
    assert_eq!(page["conversations"]["elements"], 60);
    let odd: Vec<String> = page["conversations"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["odd"] == true)
        .map(|f| {
            format!(
                "{} {}",
                f["field"].as_str().unwrap(),
                f["kind"].as_str().unwrap()
            )
        })
        .collect();
    assert!(odd.contains(&"tags[] null".to_owned()), "{odd:?}");
    assert!(
        page["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["ok"] == true)
    );
    assert_private(&sim, &run);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_token_fails_and_says_which_variable_to_fix() {
    let sim = sim().await;
    let env = page_env(&sim);
    sim.revoke_page_token(&sim.main_page().id).unwrap();
    let run = doctor(&[], env).await;
    assert!(!run.ok);
    assert!(
        run.stdout
            .contains("FAIL conversations  token rejected by Pancake (error 105): check PANCAKE_PAGE_ACCESS_TOKEN"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("some checks failed"), "{}", run.stderr);
    assert_private(&sim, &run);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn from_a_user_token_every_page_is_checked_and_an_expired_one_is_named() {
    let sim = sim().await;
    let env = vec![
        ("PANCAKE_API_URL", sim.base_url()),
        ("PANCAKE_ACCESS_TOKEN", sim.user_token()),
    ];
    let run = doctor(&[], env.clone()).await;
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("3 pages, page tokens generated from the user token"),
        "{}",
        run.stdout
    );
    for p in sim.pages() {
        assert!(
            run.stdout.contains(&format!("({})", p.id)),
            "{}",
            run.stdout
        );
    }
    assert_private(&sim, &run);

    sim.expire_subscription(&sim.pages()[1].id, true);
    let run = doctor(&[], env.clone()).await;
    assert!(!run.ok);
    assert!(
        run.stdout
            .contains("the page's Pancake subscription has expired (122)"),
        "{}",
        run.stdout
    );
    sim.expire_subscription(&sim.pages()[1].id, false);

    sim.expire_user_token(true);
    let run = doctor(&[], env).await;
    assert!(!run.ok);
    assert!(
        run.stdout.contains("FAIL token")
            && run.stdout.contains("your Pancake user token has expired"),
        "{}",
        run.stdout
    );
    assert_private(&sim, &run);
}

/// A page whose messages call takes no customer id: the doctor tries the
/// inbox's ways in order and says which one Pancake answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_way_the_thread_is_asked_is_found_and_named() {
    let sim = sim().await;
    sim.set_faults(pancake_tui::sim::Faults {
        messages_want: pancake_tui::sim::MessagesWant::Without,
        ..pancake_tui::sim::Faults::default()
    });
    let run = doctor(&[], page_env(&sim)).await;
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("messages") && l.contains("read from"))
        .unwrap_or_default();
    assert!(
        line.contains("asked without a customer id")
            && line.contains("refused with the page customer's id"),
        "{}",
        run.stdout
    );
    let asked: Vec<bool> = sim
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/messages"))
        .map(|r| r.query.iter().any(|(k, _)| k == "customer_id"))
        .collect();
    assert_eq!(asked.last(), Some(&false), "answered without: {asked:?}");
}

/// With a Vietnamese locale the report is in Vietnamese, `--lang en` gives
/// the English one for a bug report, and `--json` stays English.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_follows_the_locale_and_the_json_stays_english() {
    let sim = sim().await;
    let mut env = page_env(&sim);
    env.push(("LANG", "vi_VN.UTF-8".to_owned()));
    let run = doctor(&[], env.clone()).await;
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    let out = &run.stdout;
    for check in [
        "token",
        "nhãn",
        "nhân viên",
        "cuộc trò chuyện",
        "lọc theo loại",
        "tin nhắn",
    ] {
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with("ổn") && l.contains(check)),
            "{check}:\n{out}"
        );
    }
    assert!(out.contains("mọi mục kiểm tra đều ổn"), "{out}");
    assert!(!out.contains("all checks passed"), "{out}");
    assert_private(&sim, &run);

    let run = doctor(&["--lang", "en"], env.clone()).await;
    assert!(
        run.ok && run.stdout.contains("all checks passed"),
        "{}",
        run.stdout
    );
    // The counts for people with their plural; the JSON's as they were.
    assert!(
        run.stdout
            .contains("1 page, page token from the environment"),
        "{}",
        run.stdout
    );

    let run = doctor(&["--json"], env).await;
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let checks = v["pages"][0]["checks"].as_array().unwrap();
    let names: Vec<&str> = checks.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["tags", "staff", "conversations", "type filter", "messages"]
    );
    let token = v["setup"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "token")
        .unwrap();
    assert!(
        token["detail"]
            .as_str()
            .unwrap()
            .starts_with("1 page(s), page token(s) from the environment"),
        "{}",
        run.stdout
    );
    assert!(
        checks[2]["detail"]
            .as_str()
            .unwrap()
            .starts_with("60 read;"),
        "{}",
        run.stdout
    );
}
