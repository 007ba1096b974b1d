//! The team on Redis end to end: two inbox processes of one page (each its
//! own machine: its own HOME and host budget dir; only Redis shared). One
//! reads the page for the team, the other is fed through the page's
//! stream: the backfill is read from Pancake once, a customer's message
//! reaches both, a colleague's change shows on the other's screen without
//! its polling, and when the reader is killed the other takes over.
//! The simulator's request log is the oracle.

use std::path::{Path, PathBuf};

use crate::common::tmux::{Tmux, wait_for};
use crate::common::world::{BIN, World};
use crate::team::{Redis, check_log, config, free_port, have_redis, tmp};

const READER: &str = "team: reading the page for the team";
const FED: &str = "team: news from the team";

/// One agent on its own "machine", wide enough for the whole status bar.
fn agent(world: &World, config: &Path) -> Tmux {
    let main = world.sim.main_page();
    Tmux::start(
        BIN,
        &[],
        &[
            ("PANCAKE_API_URL", world.sim.base_url()),
            ("PANCAKE_PAGE_ID", main.id.clone()),
            ("PANCAKE_PAGE_ACCESS_TOKEN", main.token.clone()),
            ("PANCAKE_TUI_CONFIG", config.display().to_string()),
        ],
        200,
        36,
    )
}

/// Two agents on their own "machines" (own HOME and host budget dir, the
/// team's Redis shared), started one after the other: A reads for the team,
/// B is fed; both with the whole list. Their dirs, to remove after.
fn two_agents(world: &World, redis: &Redis, name: &str) -> (Tmux, Tmux, [PathBuf; 2]) {
    let dirs = [tmp(&format!("{name}-1")), tmp(&format!("{name}-2"))];
    let cfg = |m: &Path| {
        config(
            m,
            &format!(
                "rate_budget = {:?}\nbudget_dir = {:?}\n",
                redis.url(),
                m.join("budget").display().to_string()
            ),
        )
    };
    let a = agent(world, &cfg(&dirs[0]));
    a.wait_screen("A reading for the team, its list whole", |s| {
        s.contains(READER) && s.contains("300 conversations")
    });
    let b = agent(world, &cfg(&dirs[1]));
    b.wait_screen("B fed by the team, its list whole", |s| {
        s.contains(FED) && s.contains("300 conversations")
    });
    (a, b, dirs)
}

/// The unread count the terminal title shows (`(3) pancake-tui …`).
fn unread(t: &Tmux) -> usize {
    let title = t.format("#{pane_title}");
    title
        .strip_prefix('(')
        .and_then(|t| t.split(')').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// List requests of the backfill (no `since`): what the team asked for the
/// whole list.
fn backfill_requests(world: &World) -> usize {
    world
        .requests("GET", |p| p.ends_with("/conversations"))
        .iter()
        .filter(|r| r.query.iter().all(|(k, _)| k != "since"))
        .count()
}

#[test]
fn one_inbox_reads_for_the_team_the_other_is_fed_and_takes_over_when_it_dies() {
    if !have_redis("one_inbox_reads_for_the_team_the_other_is_fed_and_takes_over_when_it_dies") {
        return;
    }
    let redis = Redis::start_on(free_port());
    let world = World::new(300);
    let (a, b, dirs) = two_agents(&world, &redis, "fanout");
    // 300 conversations: five pages of 60 and the empty one, asked once
    // for both (B backfilled from what A had read).
    let asked: Vec<_> = world
        .requests("GET", |p| p.ends_with("/conversations"))
        .iter()
        .filter(|r| r.query.iter().all(|(k, _)| k != "since"))
        .map(|r| format!("{:?}", r.query))
        .collect();
    assert_eq!(
        backfill_requests(&world),
        6,
        "the backfill read once: {asked:#?}"
    );

    // A customer writes: both lists show it.
    let (_, _) = world.plain_inbox_on_top("Chị ơi còn size M không ạ");
    a.wait_screen("the news on A", |s| s.contains("Chị ơi còn size M"));
    b.wait_screen("the news on B", |s| s.contains("Chị ơi còn size M"));

    // A marks that conversation (on top, unread) read: B's count of unread
    // falls without B polling for news (its reconcile is minutes away).
    wait_for("B counting the news unread", || unread(&b) > 0);
    let before = unread(&b);
    a.keys(&["u"]);
    wait_for("B seeing A's change", || unread(&b) < before);

    // The reader is killed: B reads for the team within seconds, and the
    // next news reach it.
    a.kill_hard();
    b.wait_screen("B reading for the team", |s| s.contains(READER));
    world.plain_inbox_on_top("Shop ơi giao hàng chưa");
    b.wait_screen("the next news on B", |s| s.contains("Shop ơi giao hàng"));
    check_log(&world);
    b.quit();
    for d in dirs {
        let _ = std::fs::remove_dir_all(d);
    }
}

#[test]
fn redis_gone_both_poll_alone_and_say_so_nothing_is_lost_and_they_rejoin() {
    if !have_redis("redis_gone_both_poll_alone_and_say_so_nothing_is_lost_and_they_rejoin") {
        return;
    }
    let port = free_port();
    let redis = Redis::start_on(port);
    let world = World::new(300);
    let (a, b, dirs) = two_agents(&world, &redis, "fanout-down");

    // Redis goes away: both say so and poll alone; news still come.
    drop(redis);
    const ALONE: &str = "team: Redis unreachable, polling alone";
    a.wait_screen("A polling alone", |s| s.contains(ALONE));
    b.wait_screen("B polling alone", |s| s.contains(ALONE));
    world.plain_inbox_on_top("Em muốn đổi màu ạ");
    b.wait_screen("the news on B by its own poll", |s| {
        s.contains("Em muốn đổi màu")
    });
    // An action meanwhile reaches Pancake.
    let before = world.requests("POST", |_| true).len();
    b.keys(&["u"]);
    wait_for("B's action at the simulator", || {
        world.requests("POST", |_| true).len() > before
    });

    // Redis is back on its port: both rejoin, one reader, one fed.
    let _redis = Redis::start_on(port);
    wait_for("one reader and one fed again", || {
        let (sa, sb) = (a.screen(), b.screen());
        (sa.contains(READER) && sb.contains(FED)) || (sa.contains(FED) && sb.contains(READER))
    });
    world.plain_inbox_on_top("Cảm ơn shop nhiều");
    a.wait_screen("news on A after the rejoin", |s| s.contains("Cảm ơn shop"));
    b.wait_screen("news on B after the rejoin", |s| s.contains("Cảm ơn shop"));
    check_log(&world);
    a.quit();
    b.quit();
    for d in dirs {
        let _ = std::fs::remove_dir_all(d);
    }
}
