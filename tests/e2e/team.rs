//! End to end: a team on one page. Several inbox processes backfill the same
//! page at once and share one rate budget (on this host: a file; across
//! machines: Redis); the simulator's request log is the oracle.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::tmux::{Tmux, wait_for};
use crate::common::world::{BIN, World};
use pancake_tui::sim::LoggedRequest;

/// Conversations on the page: 20 list pages of 60 to backfill per process.
const CONVERSATIONS: usize = 1200;

/// Whether the simulator refused a request for the rate limit (one place,
/// so it can become `r.rate_limited()` when the simulator also answers
/// some 429s as HTTP 200 with `error_code: 429`).
fn rate_limited(r: &LoggedRequest) -> bool {
    r.rate_limited()
}

pub(crate) fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "pancake-e2e-team-{name}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A config file saying where the budget is shared.
pub(crate) fn config(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(&path, body).unwrap();
    path
}

/// One agent: the inbox in its own tmux, HOME and cache, with `config`.
fn agent(world: &World, config: &Path) -> Tmux {
    let main = world.sim.main_page();
    Tmux::start(
        "sh",
        // The usual umask of a new user on a jump box.
        &["-c", &format!("umask 022; exec {BIN}")],
        &[
            ("PANCAKE_API_URL", world.sim.base_url()),
            ("PANCAKE_PAGE_ID", main.id.clone()),
            ("PANCAKE_PAGE_ACCESS_TOKEN", main.token.clone()),
            ("PANCAKE_TUI_CONFIG", config.display().to_string()),
        ],
        120,
        36,
    )
}

/// The most requests that arrived within any one second.
fn max_per_second(log: &[LoggedRequest]) -> usize {
    let mut times: Vec<Duration> = log.iter().map(|r| r.at).collect();
    times.sort();
    let mut best = 0;
    for (i, t) in times.iter().enumerate() {
        let n = times[i..]
            .iter()
            .take_while(|u| **u - *t < Duration::from_secs(1))
            .count();
        best = best.max(n);
    }
    best
}

fn list_requests(log: &[LoggedRequest]) -> usize {
    log.iter()
        .filter(|r| r.method == "GET" && r.path.ends_with("/conversations"))
        .count()
}

fn posts(world: &World) -> usize {
    world.requests("POST", |_| true).len()
}

/// Press `u` (read/unread) in `who` while the others backfill; how long
/// until the simulator had the action (an upper bound: polled).
fn act(world: &World, who: &Tmux) -> Duration {
    who.wait_screen("a list to act on", |s| s.contains(" conversations"));
    let before = posts(world);
    let start = Instant::now();
    who.keys(&["u"]);
    let mut screen = String::new();
    let patience = Instant::now();
    while posts(world) <= before {
        if patience.elapsed() > crate::common::tmux::PATIENCE {
            panic!("the action never reached the simulator; screen:\n{screen}");
        }
        screen = who.screen();
    }
    start.elapsed()
}

pub(crate) fn check_log(world: &World) {
    let log = world.sim.requests();
    let limited = log.iter().filter(|r| rate_limited(r)).count();
    assert_eq!(
        limited,
        0,
        "{limited} of {} requests rate limited",
        log.len()
    );
    let peak = max_per_second(&log);
    assert!(peak <= 5, "{peak} requests within one second");
}

fn wait_backfilled(t: &Tmux) {
    t.wait_screen("the whole list", |s| s.contains("1,200 conversations"));
}

/// Wait until the simulator has seen `n` more list requests than now.
fn wait_backfilling(world: &World, n: usize) {
    let base = list_requests(&world.sim.requests());
    wait_for("backfill under way", || {
        list_requests(&world.sim.requests()) >= base + n
    });
}

#[test]
fn three_agents_on_one_host_share_the_budget_and_their_actions_go_first() {
    let world = World::new(CONVERSATIONS);
    let shared = tmp("host");
    let budget = shared.join("budget");
    let cfg = config(
        &shared,
        &format!("budget_dir = {:?}\n", budget.display().to_string()),
    );
    let agents: Vec<Tmux> = (0..3).map(|_| agent(&world, &cfg)).collect();
    wait_backfilling(&world, 6);
    let took = act(&world, &agents[1]);
    assert!(took <= Duration::from_secs(1), "the action took {took:?}");
    wait_backfilling(&world, 3);
    let took = act(&world, &agents[2]);
    assert!(took <= Duration::from_secs(1), "the action took {took:?}");
    for a in &agents {
        wait_backfilled(a);
    }
    check_log(&world);
    // The shared place holds a hashed file name, nothing of the page.
    let names: Vec<String> = std::fs::read_dir(&budget)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(!names[0].contains(&world.page), "{names:?}");
    let text = std::fs::read_to_string(budget.join(&names[0])).unwrap();
    assert!(!text.contains(&world.sim.main_page().token));

    // Each agent's cache and log are private, with umask 022.
    let home = &agents[0].home;
    let cache = home.join("cache/pancake-tui");
    for (path, want) in [
        (cache.clone(), 0o700),
        (cache.join("pages"), 0o700),
        (home.join("state/pancake-tui"), 0o700),
        (home.join("state/pancake-tui/pancake-tui.log"), 0o600),
    ] {
        assert_eq!(mode(&path), want, "{}", path.display());
    }
    let files: Vec<PathBuf> = std::fs::read_dir(cache.join("pages"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(files.len() >= 2, "the database and its WAL: {files:?}");
    for f in files {
        if f.is_dir() {
            // The owners' lock files of the outbox (`src/store/owner.rs`).
            assert_eq!(mode(&f), 0o700, "{}", f.display());
            for lock in std::fs::read_dir(&f).unwrap() {
                let lock = lock.unwrap().path();
                assert_eq!(mode(&lock), 0o600, "{}", lock.display());
            }
        } else {
            assert_eq!(mode(&f), 0o600, "{}", f.display());
        }
    }
    for a in &agents {
        a.quit();
    }
    let _ = std::fs::remove_dir_all(&shared);
}

#[test]
fn an_agent_killed_mid_backfill_does_not_stall_the_others() {
    let world = World::new(CONVERSATIONS);
    let shared = tmp("kill");
    let cfg = config(
        &shared,
        &format!(
            "budget_dir = {:?}\n",
            shared.join("budget").display().to_string()
        ),
    );
    let agents: Vec<Tmux> = (0..3).map(|_| agent(&world, &cfg)).collect();
    wait_backfilling(&world, 8);
    let pid = agents[0].program_pid().expect("the first agent runs");
    let status = Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let killed_at = Instant::now();
    // The others go on at once (not after a lease), and act in time.
    wait_backfilling(&world, 3);
    assert!(
        killed_at.elapsed() < Duration::from_secs(4),
        "stalled {:?}",
        killed_at.elapsed()
    );
    let took = act(&world, &agents[1]);
    assert!(took <= Duration::from_secs(1), "the action took {took:?}");
    wait_backfilled(&agents[1]);
    wait_backfilled(&agents[2]);
    check_log(&world);
    for a in &agents[1..] {
        a.quit();
    }
    let _ = std::fs::remove_dir_all(&shared);
}

/// redis-server is installed (else the test says it skipped).
pub(crate) fn have_redis(test: &str) -> bool {
    crate::common::tools::have("redis-server", &["--version"], "redis-server", test)
}

/// A throwaway `redis-server` on a free loopback port, stopped on drop.
pub(crate) struct Redis {
    child: Child,
    port: u16,
}

impl Redis {
    pub(crate) fn start_on(port: u16) -> Redis {
        let child = Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server installed (.ci/run installs it)");
        let r = Redis { child, port };
        wait_for("redis-server accepting connections", || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        r
    }

    pub(crate) fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn two_machines_share_the_budget_through_redis_only() {
    if !have_redis("two_machines_share_the_budget_through_redis_only") {
        return;
    }
    let redis = Redis::start_on(free_port());
    let world = World::new(CONVERSATIONS);
    // Each "machine" has its own host budget dir: only Redis is shared.
    let (m1, m2) = (tmp("redis-1"), tmp("redis-2"));
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
    let agents = [agent(&world, &cfg(&m1)), agent(&world, &cfg(&m2))];
    wait_backfilling(&world, 6);
    let took = act(&world, &agents[0]);
    assert!(took <= Duration::from_secs(1), "the action took {took:?}");
    for a in &agents {
        wait_backfilled(a);
    }
    check_log(&world);
    for a in &agents {
        let s = a.screen();
        assert!(!s.contains("Redis unreachable"), "{s}");
        a.quit();
    }
    let _ = (std::fs::remove_dir_all(&m1), std::fs::remove_dir_all(&m2));
}

#[test]
fn redis_unreachable_falls_back_to_the_host_budget_and_comes_back() {
    if !have_redis("redis_unreachable_falls_back_to_the_host_budget_and_comes_back") {
        return;
    }
    let port = free_port();
    let world = World::new(300);
    let m = tmp("redis-down");
    let cfg = config(
        &m,
        &format!(
            "rate_budget = \"redis://127.0.0.1:{port}/0\"\nbudget_dir = {:?}\n",
            m.join("budget").display().to_string()
        ),
    );
    let a = agent(&world, &cfg);
    a.wait_screen("the fallback said", |s| {
        s.contains("budget: host (Redis unreachable)")
    });
    a.wait_screen("the list from the host budget", |s| {
        s.contains("300 conversations")
    });
    let redis = Redis::start_on(port);
    a.wait_screen("back on Redis", |s| !s.contains("Redis unreachable"));
    // And requests go through it.
    let before = world.sim.requests().len();
    a.keys(&["R"]);
    wait_for("a refresh", || world.sim.requests().len() > before);
    a.wait_screen("still on Redis", |s| !s.contains("Redis unreachable"));
    check_log(&world);
    a.quit();
    drop(redis);
    let _ = std::fs::remove_dir_all(&m);
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn the_redis_budget_counts_the_agents_of_every_machine() {
    if !have_redis("the_redis_budget_counts_the_agents_of_every_machine") {
        return;
    }
    use pancake_tui::api::budget::{BudgetConfig, SharedBudget};
    use pancake_tui::api::throttle::Priority;
    let redis = Redis::start_on(free_port());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        // Two "machines": each its own host dir, only Redis in common.
        let open = |m: &str| {
            SharedBudget::open(
                &BudgetConfig::Redis {
                    url: redis.url(),
                    dir: Some(tmp(m)),
                    ca_file: None,
                },
                "http://api.example",
                "105384912345678",
                5,
                Duration::from_secs(1),
            )
            .expect("a Redis budget")
        };
        let (a, b) = (open("agents-1"), open("agents-2"));
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let _ = a.try_acquire(Priority::Background, [0, 1, 0]).await;
            let _ = b.try_acquire(Priority::Background, [0, 1, 0]).await;
            if a.agents() == 2 && b.agents() == 2 {
                break;
            }
            assert!(Instant::now() < deadline, "{} {}", a.agents(), b.agents());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
}
