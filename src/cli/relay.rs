//! `pancake-tui relay`: Pancake's webhooks in, the team's news out (the
//! relay itself is `team::relay`; here its settings are gathered, checked,
//! and it runs until SIGINT or SIGTERM).

use std::net::SocketAddr;
use std::time::Duration;

use super::say;
use crate::config::{self, Flags};
use crate::team::relay::{self, AllowedNet, Health, RelayConfig};

/// How long a stopping relay keeps publishing what it has queued.
const DRAIN: Duration = Duration::from_secs(5);

#[derive(clap::Args)]
pub struct RelayArgs {
    /// Address and port to listen on [default: [relay] listen in config, else 127.0.0.1:8787]
    #[arg(long)]
    pub listen: Option<String>,
    /// An address or network allowed to post (203.0.113.7, 203.0.113.0/24); repeat it, or [relay] allow in config
    #[arg(long)]
    pub allow: Vec<String>,
}

/// `pancake-tui relay`: errors are for the person starting it (what is
/// missing, where to set it), and exit non-zero.
pub async fn relay(flags: Flags, args: RelayArgs) -> anyhow::Result<()> {
    let s = config::load_relay(&flags, &|k| std::env::var(k).ok())?;
    for w in &s.warnings {
        say(&format!("pancake-tui relay: {w}"));
    }
    let listen = args
        .listen
        .or(s.listen.clone())
        .unwrap_or_else(|| relay::DEFAULT_LISTEN.to_owned());
    let addr: SocketAddr = listen.parse().map_err(|_| {
        anyhow::anyhow!(
            "cannot listen on {:?}: write an address and a port, such as 127.0.0.1:8787",
            crate::text::sanitize_line(&listen)
        )
    })?;
    let allow = args
        .allow
        .iter()
        .chain(&s.allow)
        .map(|a| {
            AllowedNet::parse(a).ok_or_else(|| {
                anyhow::anyhow!(
                    "allowed address {:?} is not an address or a network (203.0.113.7, 203.0.113.0/24, 2001:db8::/32)",
                    crate::text::sanitize_line(a)
                )
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    if s.pages.is_empty() {
        anyhow::bail!(
            "no page to relay: write [relay] pages = [\"<page id>\"] or [[pages]] in config, or set PANCAKE_PAGE_ID"
        );
    }
    if s.secret.is_none() && allow.is_empty() {
        let where_ = if addr.ip().is_loopback() {
            "anyone on this machine (or behind a proxy forwarding to it) could post"
        } else {
            "it would listen beyond this machine, and anyone reaching it could post"
        };
        anyhow::bail!(
            "{where_}: set PANCAKE_RELAY_SECRET (or [relay] secret in config) to take POSTs on /hook/<secret> only, and/or name who may post ([relay] allow, --allow)"
        );
    }
    let pages = s.pages.len();
    let with_secret = s.secret.is_some();
    let mut cfg = RelayConfig::new(&s.redis_url, s.pages);
    cfg.secret = s.secret;
    cfg.allow = allow;
    cfg.redis_ca_file = s.redis_ca_file;
    if let Some(max) = s.max_body {
        cfg.max_body = max;
    }
    if let Some(id) = s.id {
        cfg.id = id;
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    let handle = relay::serve(listener, cfg).await?;
    say(&format!(
        "pancake-tui relay {}: listening on {} for {pages} page(s); POSTs on {}{}",
        handle.id(),
        handle.addr(),
        if with_secret {
            "/hook/<secret>"
        } else {
            "/hook"
        },
        if addr.ip().is_loopback() {
            " (loopback: put it behind the team's HTTPS endpoint)"
        } else {
            ""
        }
    ));
    stop_signal().await;
    say("pancake-tui relay: stopping; publishing what is queued (up to 5 s)");
    let health = handle.shutdown(DRAIN).await;
    say(&format!("pancake-tui relay: stopped; {}", summary(&health)));
    Ok(())
}

/// SIGINT (Ctrl-C) or SIGTERM (systemd, kill).
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// The counters in one line.
pub fn summary(h: &Health) -> String {
    format!(
        "{} event(s) received, {} published, {} already published, {} still queued, {} dropped; refused: {} wrong path, {} address, {} too large, {} malformed",
        h.received,
        h.published,
        h.duplicates,
        h.queued,
        h.dropped,
        h.refused_path,
        h.refused_addr,
        h.too_big,
        h.malformed
    )
}
