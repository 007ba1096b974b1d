//! End to end: `S` opens the stats screen in the real binary against the
//! simulator. The oracles: the simulator's request log (which statistics
//! were asked, over which period) and its own conversations (the figures
//! those periods imply), and the screen.

use std::collections::BTreeMap;

use crate::common::tmux::{Tmux, wait_for};
use crate::common::world::World;
use pancake_tui::api::UnixSeconds;
use pancake_tui::sim::LoggedRequest;

/// The inbox at 140x40 with its days and hours in the simulated pages'
/// zone (UTC+7), as a supervisor there would have it.
fn start(world: &World, config: &std::path::Path) -> Tmux {
    std::fs::write(config, "timezone = \"Asia/Ho_Chi_Minh\"\n").unwrap();
    world.inbox_with(
        140,
        40,
        &[("PANCAKE_TUI_CONFIG", config.display().to_string())],
    )
}

/// The statistics asked for: the four `statistics/*` and the new customers
/// (`page_customers` grouped by day).
fn stats_requests(world: &World) -> Vec<LoggedRequest> {
    world
        .requests("GET", |p| {
            p.contains("/statistics/") || p.ends_with("/page_customers")
        })
        .into_iter()
        .filter(|r| {
            !r.path.ends_with("/page_customers") || r.query.iter().any(|(k, _)| k == "group_by")
        })
        .collect()
}

fn list_polls(world: &World) -> usize {
    world
        .requests("GET", |p| p.ends_with("/conversations"))
        .len()
}

/// `since` and `until` of the last tag statistics asked for (unix seconds).
fn last_tag_period(world: &World) -> (i64, i64) {
    let r = stats_requests(world)
        .into_iter()
        .rev()
        .find(|r| r.path.ends_with("/statistics/tags"))
        .expect("the tag statistics were asked for");
    let q = |k: &str| -> i64 {
        r.query
            .iter()
            .find(|(name, _)| name == k)
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or_else(|| panic!("{k} in {:?}", r.query))
    };
    (q("since"), q("until"))
}

fn secs(v: &serde_json::Value) -> i64 {
    UnixSeconds::parse(v.as_str().unwrap()).unwrap().0
}

/// What the simulator's conversations imply over since..=until: the
/// conversations active then per tag name, and the new customers (first
/// contacts) in the page statistics.
fn implied(world: &World, since: i64, until: i64) -> (BTreeMap<String, u64>, u64) {
    let names: BTreeMap<String, String> = world.sim.tags_json(&world.page)["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].to_string(), t["text"].as_str().unwrap().to_owned()))
        .collect();
    let mut tags = BTreeMap::new();
    for id in world.sim.conversation_ids(&world.page) {
        let c = world.conv(&id);
        if !(since..=until).contains(&secs(&c["updated_at"])) {
            continue;
        }
        for t in c["tags"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| !t.is_null())
        {
            *tags.entry(names[&t.to_string()].clone()).or_default() += 1;
        }
    }
    let walk = world.sim.day_walk(&world.page, since, until).unwrap();
    let new: u64 = walk.days.values().map(|d| d.new_customers).sum();
    (tags, new)
}

/// Every tag's count stands after its name on its row, and the total of
/// new customers in the totals line.
fn shows(screen: &str, tags: &BTreeMap<String, u64>, new: u64) -> bool {
    let tag_ok = tags.iter().all(|(name, n)| {
        screen.lines().any(|l| {
            l.find(name.as_str()).is_some_and(|at| {
                l[at + name.len()..].split_whitespace().next() == Some(n.to_string().as_str())
            })
        })
    });
    tag_ok && screen.contains(&format!("new customers {new} ·"))
}

fn settled(s: &str) -> bool {
    s.contains("Stats: ") && !s.contains("asking Pancake")
}

#[test]
fn s_shows_the_simulators_figures_and_each_period_is_asked_for_once() {
    let world = World::new(300);
    let config =
        std::env::temp_dir().join(format!("pancake-e2e-stats-{}.toml", std::process::id()));
    let tmux = start(&world, &config);
    tmux.wait_screen("the list", |s| s.contains("All"));
    assert!(stats_requests(&world).is_empty(), "nothing asked before S");

    tmux.keys(&["S"]);
    tmux.wait_screen("the 7 days' figures", |s| settled(s) && s.contains("[7 d]"));
    let week = stats_requests(&world);
    let paths: Vec<&str> = week
        .iter()
        .map(|r| r.path.rsplit('/').next().unwrap())
        .collect();
    for p in [
        "pages",
        "page_customers",
        "tags",
        "users",
        "customer_engagements",
    ] {
        assert_eq!(
            paths.iter().filter(|x| **x == p).count(),
            1,
            "{p} once: {paths:?}"
        );
    }
    assert_eq!(week.len(), 5, "{paths:?}");
    let (since, until) = last_tag_period(&world);
    assert!(
        (until - since - 7 * 86_400).abs() <= 1,
        "the last 7 days: {since}..{until}"
    );
    let (tags, new) = implied(&world, since, until);
    assert!(!tags.is_empty(), "conversations tagged this week");
    let screen = tmux.wait_screen("the 7 days' tags and totals", |s| shows(s, &tags, new));
    assert!(screen.contains("Conversations by tag"), "{screen}");
    assert!(screen.contains("Engagement by hour"), "{screen}");
    assert!(screen.contains("avg reply"), "the staff table\n{screen}");

    // `]`: 30 days, asked for once, its own figures.
    tmux.keys(&["]"]);
    tmux.wait_screen("the 30 days' figures", |s| {
        settled(s) && s.contains("[30 d]")
    });
    wait_for("the 30 days' requests", || {
        stats_requests(&world).len() == 10
    });
    let (since30, until30) = last_tag_period(&world);
    assert!((until30 - since30 - 30 * 86_400).abs() <= 1);
    let (tags30, new30) = implied(&world, since30, until30);
    assert!(new30 >= new, "a month holds the week");
    tmux.wait_screen("the 30 days' tags and totals", |s| shows(s, &tags30, new30));

    // Back to 7 d, then closed and opened again: from the cache, nothing asked.
    tmux.keys(&["["]);
    tmux.wait_screen("7 d again", |s| s.contains("[7 d]") && shows(s, &tags, new));
    tmux.keys(&["Escape"]);
    tmux.wait_screen("the list again", |s| !s.contains("Stats: "));
    tmux.keys(&["S"]);
    tmux.wait_screen("7 d reopened", |s| {
        s.contains("[7 d]") && shows(s, &tags, new)
    });
    // Two list polls later (the statistics lane has had its turns) still
    // nothing more.
    let polls = list_polls(&world);
    wait_for("two more list polls", || list_polls(&world) >= polls + 2);
    assert_eq!(stats_requests(&world).len(), 10, "cached per period");

    // `r` asks again, for this period only.
    tmux.keys(&["r"]);
    wait_for("the 7 days asked again", || {
        stats_requests(&world).len() == 15
    });
    tmux.wait_screen("settled again", settled);
    tmux.keys(&["q", "q"]);
    assert_eq!(tmux.wait_exit(), 0);
    let _ = std::fs::remove_file(&config);
}
