//! A throwaway `redis-server` for tests: on a free loopback port, stopped
//! on drop; `None` (the test says it skipped) when none is installed, unless
//! `PANCAKE_TEST_NO_SKIP` forbids skipping.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A throwaway `redis-server` on a free loopback port, stopped on drop;
/// `None` (the test says it skipped) when none is installed, as
/// `tests/common/tools.rs` does for the other tests.
pub struct RedisServer {
    child: Child,
    port: u16,
}

impl RedisServer {
    pub fn start(test: &str) -> Option<RedisServer> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let Ok(child) = spawn(port) else {
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
        let s = RedisServer { child, port };
        s.wait_listening();
        Some(s)
    }

    fn wait_listening(&self) {
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "redis-server never listened"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Stop it (a Redis gone away).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Start it again on the same port (empty: it keeps nothing).
    pub fn restart(&mut self) {
        self.stop();
        self.child = spawn(self.port).expect("redis-server starts again");
        self.wait_listening();
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(port: u16) -> std::io::Result<Child> {
    Command::new("redis-server")
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        .args(["--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
}
