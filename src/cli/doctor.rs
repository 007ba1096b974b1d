//! `pancake-tui doctor`.

use secrecy::ExposeSecret;

use super::client::client_for;
use super::inbox::{page_api, pages_to_open};
use crate::config::{self, Flags};
use crate::runtime::terminal;

/// `pancake-tui doctor`: the report on stdout; a failed check exits 1.
pub async fn doctor(flags: Flags, json: bool) -> anyhow::Result<()> {
    use crate::doctor::{self, Check, Target};
    let cfg = config::load(&flags, &|k| std::env::var(k).ok())?;
    // The same client as the inbox's, the shared rate budget included: the
    // checks count against the page's budget like any other process.
    let client = client_for(&cfg)?;
    let mut setup: Vec<Check> = cfg
        .warnings
        .iter()
        .map(|w| Check::failed("config", w.clone(), None))
        .collect();
    let at = std::time::Instant::now();
    let targets = match pages_to_open(&cfg, &client).await {
        Ok(pages) => {
            let from_user = pages.iter().any(|p| p.renew.is_some());
            let how = if from_user {
                "page tokens generated from the user token (PANCAKE_ACCESS_TOKEN)"
            } else {
                "page token(s) from the environment or the config file (the calls below check them)"
            };
            for p in &pages {
                terminal::register_secret(p.token.expose_secret());
            }
            setup.push(Check::passed(
                "token",
                format!("{} page(s), {how}", pages.len()),
                Some(at.elapsed().as_millis() as u64),
            ));
            pages
                .into_iter()
                .map(|p| Target {
                    name: p.name.clone(),
                    api: page_api(&client, p),
                })
                .collect()
        }
        Err(e) => {
            let text = crate::text::sanitize_line(&terminal::redact(&format!("{e:#}")));
            setup.push(Check::failed(
                "token",
                text,
                Some(at.elapsed().as_millis() as u64),
            ));
            Vec::new()
        }
    };
    let report = doctor::run(&cfg.api_url, setup, targets).await;
    let out = if json {
        serde_json::to_string_pretty(&report)? + "\n"
    } else {
        doctor::render(&report)
    };
    print!("{}", terminal::redact(&out));
    if report.ok {
        Ok(())
    } else {
        anyhow::bail!("some checks failed (see the report above)")
    }
}
