//! The webhook relay as itself: real HTTP on 127.0.0.1, a real
//! `redis-server` on a free loopback port (a named skip when none is
//! installed, unless `PANCAKE_TEST_NO_SKIP=1`), the streams read back as
//! an inbox reads them (`team::decode_entry`). In process here, as the
//! built binary in `process`.

mod process;
mod serve;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use pancake_tui::api::PageId;
use pancake_tui::team::{Entry, decode_entry, stream_key};

pub const PAGE: &str = "105384912345678";
pub const SECRET: &str = "relay-test-secret-0123456789";
/// Longest wait for anything expected (generous: the machine is shared).
pub const WITHIN: Duration = Duration::from_secs(30);

/// A throwaway `redis-server`, stopped on drop.
pub struct Redis {
    child: Option<Child>,
    pub port: u16,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Redis {
    /// One on a free port, or `None` (said) when redis-server is missing.
    pub fn start(test: &str) -> Option<Redis> {
        Redis::on(free_port(), test)
    }

    /// One on `port`.
    pub fn on(port: u16, test: &str) -> Option<Redis> {
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let Ok(child) = child else {
            let line = format!(
                "skipped {test}: redis-server is not installed (sudo apt-get install redis-server; .ci/run installs it)"
            );
            if std::env::var_os("PANCAKE_TEST_NO_SKIP").is_some_and(|v| v != "0" && !v.is_empty()) {
                panic!("{line}, and PANCAKE_TEST_NO_SKIP forbids skipping");
            }
            use std::io::Write;
            let _ = writeln!(std::io::stderr().lock(), "{line}");
            return None;
        };
        let r = Redis {
            child: Some(child),
            port,
        };
        wait_for("redis-server to listen", || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        Some(r)
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }

    /// Stop it (its data goes with it).
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Wait until `done` (checked every 20 ms), failing after [`WITHIN`].
pub fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < WITHIN, "waited {WITHIN:?} for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The same, for async checks.
pub async fn wait_until<F, Fut>(what: &str, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while !done().await {
        assert!(start.elapsed() < WITHIN, "waited {WITHIN:?} for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// An entry's fields as `XRANGE` answers them.
type Fields = Vec<(String, Vec<u8>)>;

/// Every entry of `page`'s stream, read back as an inbox reads it (empty
/// when Redis is away).
pub async fn entries(url: &str, page: &str) -> Vec<Entry> {
    let Ok(client) = redis::Client::open(url) else {
        return Vec::new();
    };
    let Ok(mut conn) = client.get_multiplexed_async_connection().await else {
        return Vec::new();
    };
    let page = PageId::new(page);
    let raw: Vec<(String, Fields)> = redis::cmd("XRANGE")
        .arg(stream_key("pancake-tui", &page))
        .arg("-")
        .arg("+")
        .query_async(&mut conn)
        .await
        .unwrap_or_default();
    raw.into_iter()
        .map(|(_, fields)| decode_entry(&page, &fields).expect("an entry the inboxes read"))
        .collect()
}

/// A string value of Redis (`None`: no such key, or Redis away).
pub async fn get(url: &str, key: &str) -> Option<String> {
    let client = redis::Client::open(url).ok()?;
    let mut conn = client.get_multiplexed_async_connection().await.ok()?;
    redis::cmd("GET")
        .arg(key)
        .query_async(&mut conn)
        .await
        .ok()?
}

/// A customer's new message on `PAGE`, as a `messaging` webhook carries it
/// (names and text invented).
pub fn event(message_id: &str, text: &str) -> Value {
    json!({
        "event_type": "messaging",
        "page_id": PAGE,
        "data": {
            "conversation": {
                "id": format!("{PAGE}_7001"),
                "type": "INBOX",
                "from": {"id": "7001", "name": "Khách Thử Hai"},
            },
            "message": {
                "id": message_id,
                "conversation_id": format!("{PAGE}_7001"),
                "from": {"id": "7001", "name": "Khách Thử Hai", "page_customer_id": "pc-7"},
                "original_message": text,
                "inserted_at": "2026-05-28T08:14:22",
            }
        }
    })
}

/// POST `body` to `url`: the status and the answer's text.
pub async fn post(url: &str, body: &[u8]) -> (u16, String) {
    let r = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_vec())
        .send()
        .await
        .expect("the relay answers");
    let status = r.status().as_u16();
    (status, r.text().await.unwrap_or_default())
}
