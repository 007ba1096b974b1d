//! The rate budget in a Redis over TLS (`rediss://`): a real `redis-server`
//! with a TLS port only, its certificate signed by a CA made here with the
//! `openssl` CLI. A slot is taken through it (the key is in Redis); with
//! another CA it is refused, and `Sharing` says Redis is down and why;
//! `rediss://` to a port without TLS is down too.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::tmux::wait_for;
use crate::common::tools::have;
use pancake_tui::api::budget::{BudgetConfig, RedisDown, SharedBudget, Sharing, SlotId, Try};
use pancake_tui::api::throttle::Priority;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pancake-rediss-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A CA (`{name}.crt`, `{name}.key`) in `dir`.
fn ca(dir: &Path, name: &str) {
    let (key, crt) = (format!("{name}.key"), format!("{name}.crt"));
    let subj = format!("/CN=pancake test {name}");
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            &key,
            "-out",
            &crt,
            "-days",
            "2",
            "-subj",
            &subj,
        ],
    );
}

/// `server.crt` and `server.key` for 127.0.0.1 and localhost, signed by the
/// CA `ca`.
fn server_cert(dir: &Path, ca: &str) {
    openssl(
        dir,
        &[
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=localhost",
        ],
    );
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=critical,CA:FALSE\n\
         keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    let (crt, key) = (format!("{ca}.crt"), format!("{ca}.key"));
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            &crt,
            "-CAkey",
            &key,
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
        ],
    );
}

/// A `redis-server` (with a TLS port only, but for [`plain_redis`]),
/// stopped on drop.
struct TlsRedis {
    child: Child,
    port: u16,
}

impl TlsRedis {
    fn start(dir: &Path) -> TlsRedis {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let file = |n: &str| dir.join(n).display().to_string();
        let child = Command::new("redis-server")
            .args(["--port", "0", "--tls-port", &port.to_string()])
            .args(["--tls-cert-file", &file("server.crt")])
            .args(["--tls-key-file", &file("server.key")])
            .args(["--tls-ca-cert-file", &file("ca.crt")])
            .args(["--tls-auth-clients", "no", "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server installed (.ci/run installs it)");
        let r = TlsRedis { child, port };
        wait_for("redis-server's TLS port accepting connections", || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        r
    }

    fn url(&self) -> String {
        format!("rediss://127.0.0.1:{}/0", self.port)
    }
}

impl Drop for TlsRedis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A `redis-server` without TLS.
fn plain_redis() -> TlsRedis {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("redis-server")
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        .args(["--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("redis-server installed (.ci/run installs it)");
    let r = TlsRedis { child, port };
    wait_for("redis-server accepting connections", || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    r
}

fn open(url: String, ca_file: Option<PathBuf>, host_dir: PathBuf) -> std::sync::Arc<SharedBudget> {
    SharedBudget::open(
        &BudgetConfig::Redis {
            url,
            dir: Some(host_dir),
            ca_file,
        },
        "http://api.example",
        "105384912345678",
        5,
        Duration::from_secs(1),
    )
    .expect("a Redis budget")
}

#[test]
fn a_slot_is_taken_through_rediss_and_a_wrong_ca_is_refused_with_why() {
    let test = "a_slot_is_taken_through_rediss_and_a_wrong_ca_is_refused_with_why";
    if !have("redis-server", &["--version"], "redis-server", test)
        || !have("openssl", &["version"], "openssl", test)
    {
        return;
    }
    let d = dir("tls");
    ca(&d, "ca");
    ca(&d, "other-ca");
    server_cert(&d, "ca");
    let redis = TlsRedis::start(&d);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        // Trusted through redis_ca_file: the slot is in Redis.
        let good = open(redis.url(), Some(d.join("ca.crt")), d.join("host-1"));
        let slot = good.try_acquire(Priority::Interactive, [1, 0, 0]).await;
        let Try::Granted(SlotId::Redis(member)) = slot else {
            panic!("a slot in Redis: {slot:?}, {:?}", good.sharing())
        };
        assert_eq!(good.sharing(), Sharing::Redis);
        let certs = redis::TlsCertificates {
            client_tls: None,
            root_cert: Some(std::fs::read(d.join("ca.crt")).unwrap()),
        };
        let client = redis::Client::build_with_tls(redis.url(), certs).unwrap();
        let mut conn = client.get_multiplexed_async_connection().await.unwrap();
        let keys: Vec<String> = redis::cmd("KEYS")
            .arg("pancake-tui:budget:*:slots")
            .query_async(&mut conn)
            .await
            .unwrap();
        assert_eq!(keys.len(), 1, "{keys:?}");
        let members: Vec<String> = redis::cmd("ZRANGE")
            .arg(&keys[0])
            .arg(0)
            .arg(-1)
            .query_async(&mut conn)
            .await
            .unwrap();
        assert_eq!(members, [member]);

        // Another CA, or the system's roots alone: refused, not used
        // without checking; the host budget meanwhile, and why said.
        for (ca_file, host) in [(Some(d.join("other-ca.crt")), "host-2"), (None, "host-3")] {
            let bad = open(redis.url(), ca_file.clone(), d.join(host));
            let slot = bad.try_acquire(Priority::Interactive, [1, 0, 0]).await;
            assert!(matches!(slot, Try::Granted(SlotId::Host(_))), "{slot:?}");
            assert_eq!(
                bad.sharing(),
                Sharing::RedisDown(RedisDown::Untrusted),
                "{ca_file:?}"
            );
            assert_eq!(
                RedisDown::Untrusted.words(),
                "Redis certificate not trusted: check redis_ca_file"
            );
        }
        let members: Vec<String> = redis::cmd("ZRANGE")
            .arg(&keys[0])
            .arg(0)
            .arg(-1)
            .query_async(&mut conn)
            .await
            .unwrap();
        assert_eq!(members.len(), 1, "nothing taken in Redis through them");

        // rediss:// to a port without TLS: Redis waits for the end of a
        // line that never comes, so the handshake gets no answer within
        // the budget's 500 ms: down as unreachable, never a hang.
        let plain = plain_redis();
        let url = format!("rediss://127.0.0.1:{}/0", plain.port);
        let bad = open(url, None, d.join("host-4"));
        let slot = bad.try_acquire(Priority::Interactive, [1, 0, 0]).await;
        assert!(matches!(slot, Try::Granted(SlotId::Host(_))), "{slot:?}");
        assert_eq!(bad.sharing(), Sharing::RedisDown(RedisDown::Unreachable));
    });
    drop(redis);
    let _ = std::fs::remove_dir_all(&d);
}
