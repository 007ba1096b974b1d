//! TLS to Redis (`rate_budget = "rediss://…"`) through rustls: the
//! process's crypto provider, whom to trust (the system's roots, plus a
//! private CA from `redis_ca_file`), and why a connection was refused, in
//! words for the status bar.

use std::io::Read;
use std::path::Path;
use std::sync::Once;

use redis::IntoConnectionInfo;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use super::RedisDown;
use crate::text::sanitize_line;

/// The most a CA file may hold (a bundle of a few hundred certificates).
const MAX_CA_BYTES: u64 = 1_000_000;

/// rustls needs one crypto provider for the process. Cargo.lock holds two
/// (aws-lc-rs, which reqwest uses, and ring): were both enabled in rustls,
/// `ClientConfig::builder()`, which the redis crate calls for each TLS
/// connection, could not choose and would panic. So aws-lc-rs, the one
/// reqwest already uses, is installed as the process's default before any
/// TLS connection to Redis. An error means one is installed already (by
/// another part of the process): that one is used.
pub fn install_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    });
}

/// The client of the Redis at `url`. `rediss://` trusts the system's roots,
/// and the CA of `ca_file` too when one is given. Never the URL in an
/// error: it may hold a password.
pub fn client(url: &str, ca_file: Option<&Path>) -> Result<redis::Client, String> {
    let info = url.into_connection_info().map_err(|_| {
        "rate_budget is not a Redis URL (redis://host:6379/0 or rediss://host:6380/0)".to_owned()
    })?;
    let tls = url.starts_with("rediss://");
    if tls {
        install_provider();
    }
    match (tls, ca_file) {
        (_, None) => redis::Client::open(info).map_err(|e| e.to_string()),
        (false, Some(_)) => {
            Err("redis_ca_file is for a Redis over TLS: write rate_budget = \"rediss://…\"".into())
        }
        (true, Some(path)) => {
            let ca = read_ca(path)?;
            let certs = redis::TlsCertificates {
                client_tls: None,
                root_cert: Some(system_roots_and(&ca)),
            };
            redis::Client::build_with_tls(info, certs).map_err(|e| {
                let shown = sanitize_line(&path.display().to_string());
                format!("redis_ca_file {shown}: {e}")
            })
        }
    }
}

/// The PEM of a CA file, checked: readable, at most [`MAX_CA_BYTES`], one
/// certificate at least, every one readable.
pub fn read_ca(path: &Path) -> Result<Vec<u8>, String> {
    let shown = sanitize_line(&path.display().to_string());
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_CA_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("redis_ca_file {shown}: cannot read it ({e})"))?;
    if bytes.len() as u64 > MAX_CA_BYTES {
        return Err(format!(
            "redis_ca_file {shown} is over 1 MB: not a CA certificate"
        ));
    }
    match CertificateDer::pem_slice_iter(&bytes).collect::<Result<Vec<_>, _>>() {
        Ok(certs) if !certs.is_empty() => Ok(bytes),
        Ok(_) => Err(format!(
            "redis_ca_file {shown} holds no certificate: it should be PEM (-----BEGIN CERTIFICATE-----)"
        )),
        Err(e) => Err(format!(
            "redis_ca_file {shown}: a certificate cannot be read ({e})"
        )),
    }
}

/// The system's roots as PEM, then `ca`: the redis crate trusts only the
/// roots it is given when it is given some.
fn system_roots_and(ca: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for cert in rustls_native_certs::load_native_certs().certs {
        // One that rustls refuses as a root would refuse them all: left out.
        if rustls::RootCertStore::empty().add(cert.clone()).is_ok() {
            out.extend_from_slice(pem(&cert).as_bytes());
        }
    }
    out.extend_from_slice(ca);
    out.push(b'\n');
    out
}

/// A certificate as PEM (base64 of its DER, 64 characters a line).
fn pem(der: &[u8]) -> String {
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = String::with_capacity(der.len() * 4 / 3 + 4);
    for chunk in der.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                text.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                text.push('=');
            }
        }
    }
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in text.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

/// Why a connection to Redis failed, for the status bar (the details go to
/// the log).
pub fn why_down(e: &redis::RedisError) -> RedisDown {
    let text = e.to_string();
    if text.contains("invalid peer certificate") {
        RedisDown::Untrusted
    } else if text.contains("received corrupt message")
        || text.contains("HandshakeFailure")
        || text.contains("peer is incompatible")
    {
        RedisDown::Tls
    } else {
        RedisDown::Unreachable
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_is_base64_in_lines_of_64() {
        let p = pem(b"Man");
        assert_eq!(
            p,
            "-----BEGIN CERTIFICATE-----\nTWFu\n-----END CERTIFICATE-----\n"
        );
        assert!(pem(b"Ma").contains("\nTWE=\n"));
        assert!(pem(b"M").contains("\nTQ==\n"));
        let long = pem(&[0u8; 60]);
        let lines: Vec<&str> = long.lines().collect();
        assert_eq!((lines[1].len(), lines[2].len()), (64, 16));
    }

    #[test]
    fn a_ca_file_is_checked_and_a_url_never_shown() {
        let dir = std::env::temp_dir().join(format!("pancake-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let e = read_ca(&dir.join("none.pem")).unwrap_err();
        assert!(e.contains("cannot read it"), "{e}");
        std::fs::write(dir.join("empty.pem"), "not a certificate").unwrap();
        let e = read_ca(&dir.join("empty.pem")).unwrap_err();
        assert!(e.contains("holds no certificate"), "{e}");
        let e = client("rediss://:hunter2@[::1", None).unwrap_err();
        assert!(
            !e.contains("hunter2") && e.contains("not a Redis URL"),
            "{e}"
        );
        let e = client("redis://127.0.0.1:6379/0", Some(&dir.join("x"))).unwrap_err();
        assert!(e.contains("write rate_budget = \"rediss://"), "{e}");
        assert!(client("rediss://127.0.0.1:6380/0", None).is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
