//! `pancake-tui demo`.

use secrecy::SecretString;

use super::client::client_for;
use super::inbox::{Extras, open, pages_to_open};
use crate::api::PageId;
use crate::config::{self, Flags};
use crate::sim;

/// The inbox against an in-process simulator: its pages come from the
/// simulator's user token, as `PANCAKE_ACCESS_TOKEN` would give them.
pub async fn demo(flags: Flags, conversations: usize, live: bool) -> anyhow::Result<()> {
    let sim = sim::Simulator::start(sim::SimConfig {
        conversations,
        live,
        ..sim::SimConfig::default()
    })
    .await?;
    // The agent's own settings apply to the demo too; a broken config file
    // must not stop the demo.
    let extras = config::load(&flags, &|k| std::env::var(k).ok())
        .map(|c| Extras {
            canned: config::load_canned(c.path.as_deref()).0,
            settings: c.settings,
            views: c.views,
            cache: false,
            notice: None,
            team: None,
        })
        .unwrap_or_else(|e| Extras {
            canned: config::load_canned(None).0,
            // The locale's language still.
            settings: crate::app::Settings {
                lang: crate::i18n::Lang::pick(None, |k| std::env::var(k).ok()),
                ..Default::default()
            },
            views: Vec::new(),
            cache: false,
            team: None,
            notice: Some(
                crate::i18n::Said::new("cli-demo-config")
                    .arg("error", e.said())
                    .words(crate::i18n::Lang::pick(None, |k| std::env::var(k).ok())),
            ),
        });
    let demo_cfg = config::Config {
        api_url: sim.base_url(),
        page_id: flags.page.clone().map(PageId::new),
        page_token: None,
        pages: Vec::new(),
        user_token: Some(SecretString::from(sim.user_token())),
        rate_limit: 5,
        allow_plain_http: false,
        budget: Default::default(),
        timeout_secs: 15,
        settings: Default::default(),
        views: Vec::new(),
        path: None,
        warnings: Vec::new(),
    };
    // The same client configuration as every subcommand's, from the demo's
    // config (the simulator's URL, the default rate limit and timeout).
    let client = client_for(&demo_cfg)?;
    let result = match pages_to_open(&demo_cfg, &client).await {
        Ok(pages) => open(client, pages, true, extras).await,
        Err(e) => Err(e),
    };
    sim.shutdown().await;
    result
}
