//! `pancake-tui relay`: Pancake's webhooks in, the team's news out (the
//! relay itself is `team::relay`; here its settings are gathered, checked,
//! and it runs until SIGINT or SIGTERM).

use std::net::SocketAddr;
use std::time::Duration;

use super::{say, told};
use crate::config::{self, Flags};
use crate::i18n::{Lang, Said, tr};
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
/// missing, where to set it), and exit non-zero; they and the lines on
/// stderr are in `lang` (its log lines stay English).
pub async fn relay(flags: Flags, args: RelayArgs, lang: Lang) -> anyhow::Result<()> {
    let s = config::load_relay(&flags, &|k| std::env::var(k).ok())?;
    for w in &s.warnings {
        say(&Said::new("cli-relay-warning")
            .arg("warning", w.clone())
            .words(lang));
    }
    let listen = args
        .listen
        .or(s.listen.clone())
        .unwrap_or_else(|| relay::DEFAULT_LISTEN.to_owned());
    let addr: SocketAddr = listen.parse().map_err(|_| {
        let listen = format!("{:?}", crate::text::sanitize_line(&listen));
        told(Said::new("cli-relay-bad-listen").arg("listen", listen))
    })?;
    let allow = args
        .allow
        .iter()
        .chain(&s.allow)
        .map(|a| {
            AllowedNet::parse(a).ok_or_else(|| {
                let address = format!("{:?}", crate::text::sanitize_line(a));
                told(Said::new("cli-relay-bad-allow").arg("address", address))
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    if s.pages.is_empty() {
        return Err(told(Said::new("cli-relay-no-pages")));
    }
    if s.secret.is_none() && allow.is_empty() {
        return Err(told(Said::new(if addr.ip().is_loopback() {
            "cli-relay-open-here"
        } else {
            "cli-relay-open-beyond"
        })));
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
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        told(
            Said::new("cli-relay-cannot-listen")
                .arg("address", addr.to_string())
                .arg("error", e.to_string()),
        )
    })?;
    let handle = relay::serve(listener, cfg).await?;
    let note = if addr.ip().is_loopback() {
        format!(" {}", tr(lang, "cli-relay-loopback"))
    } else {
        String::new()
    };
    let path = if with_secret {
        "/hook/<secret>"
    } else {
        "/hook"
    };
    say(&Said::new("cli-relay-listening")
        .arg("id", handle.id().to_string())
        .arg("address", handle.addr().to_string())
        .arg("pages", pages)
        .arg("path", path)
        .arg("note", note)
        .words(lang));
    stop_signal().await;
    say(&tr(lang, "cli-relay-stopping"));
    let health = handle.shutdown(DRAIN).await;
    say(&Said::new("cli-relay-stopped")
        .arg("summary", summary(&health, lang))
        .words(lang));
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

/// The counters in one line, in `lang`.
pub fn summary(h: &Health, lang: Lang) -> String {
    Said::new("cli-relay-summary")
        .arg("received", h.received)
        .arg("published", h.published)
        .arg("duplicates", h.duplicates)
        .arg("queued", h.queued)
        .arg("dropped", h.dropped)
        .arg("path", h.refused_path)
        .arg("address", h.refused_addr)
        .arg("too_big", h.too_big)
        .arg("malformed", h.malformed)
        .words(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stopped relay's counts with their plural in English (`1 event`,
    /// `2 events`), grouped as each language writes them.
    #[test]
    fn the_summary_counts_events_with_a_plural() {
        let health = |received: u64| Health {
            relay: "r1".into(),
            redis: relay::RedisState::Up,
            received,
            published: received,
            duplicates: 0,
            queued: 0,
            dropped: 0,
            ignored_page: 0,
            ignored_event: 0,
            refused_path: 0,
            refused_addr: 0,
            too_big: 0,
            malformed: 0,
        };
        let en = |n| summary(&health(n), Lang::En);
        assert!(
            en(1).starts_with("1 event received, 1 published,"),
            "{}",
            en(1)
        );
        assert!(
            en(2).starts_with("2 events received, 2 published,"),
            "{}",
            en(2)
        );
        assert!(
            en(1200).starts_with("1,200 events received"),
            "{}",
            en(1200)
        );
        assert!(!en(1).contains("(s)"));
        let vi = summary(&health(1200), Lang::Vi);
        assert!(vi.starts_with("đã nhận 1.200 sự kiện"), "{vi}");
    }
}
