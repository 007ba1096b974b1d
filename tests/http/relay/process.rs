//! `pancake-tui relay` as a real process: its settings from a config file
//! and the environment, its address read from its first line.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use super::{PAGE, Redis, SECRET, entries, event, post, wait_until};

const BIN: &str = env!("CARGO_BIN_EXE_pancake-tui");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_relays_a_webhook_into_the_stream() {
    let Some(redis) = Redis::start("the_binary_relays_a_webhook_into_the_stream") else {
        return;
    };
    let url = redis.url();
    let home = std::env::temp_dir().join(format!("pancake-relay-proc-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let config = home.join("config.toml");
    std::fs::write(
        &config,
        format!("rate_budget = \"{url}\"\n\n[relay]\npages = [\"{PAGE}\"]\nid = \"proc\"\n"),
    )
    .unwrap();
    let mut child = Command::new(BIN)
        .args(["relay", "--listen", "127.0.0.1:0"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("PANCAKE_TUI_CONFIG", &config)
        .env("PANCAKE_RELAY_SECRET", SECRET)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stderr = child.stderr.take().unwrap();
    // Its lines, read on a thread: the address from the first, the rest kept.
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let first = rx
        .recv_timeout(super::WITHIN)
        .expect("the relay says where it listens");
    let addr = first
        .split("listening on ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {first:?}"));
    assert!(!first.contains(SECRET), "{first}");
    let body = event("m_5001", "Từ một tiến trình thật").to_string();
    let (status, _) = post(&format!("http://{addr}/hook/{SECRET}"), body.as_bytes()).await;
    assert_eq!(status, 200);
    wait_until("the event in the stream", || async {
        entries(&url, PAGE).await.len() == 2
    })
    .await;
    let got = entries(&url, PAGE).await;
    assert!(got.iter().all(|e| e.origin == "relay:proc"), "{got:?}");
    // Stopped as a service is (SIGTERM): it says what it did and exits 0.
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: kill(2) on the pid of the child this test started.
    unsafe { libc::kill(pid, libc::SIGTERM) };
    let status = child.wait().unwrap();
    let rest: Vec<String> = rx.iter().collect();
    assert!(status.success(), "{status:?} {rest:?}");
    let all = rest.join("\n");
    assert!(all.contains("1 published"), "{all}");
    assert!(!all.contains(SECRET), "{all}");
    let _ = std::fs::remove_dir_all(&home);
}
