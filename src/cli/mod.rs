//! The command line of `pancake-tui`: the clap types here, one file per
//! subcommand (`inbox` starts the TUI), the one client configuration every
//! subcommand uses (`client`) and the log file (`logging`). `src/main.rs`
//! only parses, starts the runtime and dispatches. Nothing else in the
//! library imports this module.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::i18n::{Lang, Said};
use crate::{bench, config, sim};

pub mod cache;
pub mod client;
pub mod demo;
pub mod doctor;
pub mod inbox;
pub mod keys;
pub mod logging;
pub mod relay;
pub mod stats;
pub mod stats_render;

#[derive(Parser)]
#[command(
    name = "pancake-tui",
    version,
    about = "A terminal inbox for Pancake (pages.fm) conversations",
    after_help = "Tokens are read from PANCAKE_PAGE_ACCESS_TOKEN / PANCAKE_ACCESS_TOKEN or the config file, never from the command line."
)]
pub struct Cli {
    /// Root of the Pancake API [env: PANCAKE_API_URL] [default: https://pages.fm/api]
    #[arg(long, global = true)]
    pub api_url: Option<String>,
    /// Page id [env: PANCAKE_PAGE_ID]
    #[arg(long, global = true)]
    pub page: Option<String>,
    /// Config file [env: PANCAKE_TUI_CONFIG] [default: ~/.config/pancake-tui/config.toml]
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// The staff member you are (user id or name) [env: PANCAKE_ME]
    #[arg(long, global = true)]
    pub me: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Open the inbox on a built-in Pancake simulator (no account needed).
    Demo {
        /// Conversations on the demo page.
        #[arg(long, default_value_t = 3000)]
        conversations: usize,
        /// No new customer messages while the demo runs.
        #[arg(long)]
        quiet: bool,
    },
    /// Serve the Pancake simulator on 127.0.0.1 (prints the variables to eval).
    Simulate(sim::SimArgs),
    /// The local cache: `info` says what it holds, `clear` removes it.
    Cache {
        #[arg(value_enum)]
        action: CacheAction,
        /// `clear` even when actions not yet confirmed by Pancake wait in
        /// the outbox (they are lost).
        #[arg(long)]
        force: bool,
    },
    /// Check the token(s) and every endpoint the inbox reads, once per page
    /// (nothing is changed): what works, odd shapes, round trips, what to fix.
    Doctor {
        /// The same report as JSON.
        #[arg(long)]
        json: bool,
        /// The language of the report, vi or en (default: the interface's,
        /// from config.toml or the locale); --lang en for a bug report.
        #[arg(long)]
        lang: Option<String>,
    },
    /// Print the keys in use (the key table with config.toml's [keys]) as
    /// Markdown tables, one per input mode.
    Keys {
        /// The language of the descriptions, vi or en (default: the
        /// interface's, from config.toml or the locale).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Print the page's figures over a period (statistics of Pancake): new
    /// customers per day, conversations by tag, staff, engagement by hour.
    Stats {
        /// Start of the period, up to now: 24h, 7d, 30d, or a day (2026-11-01).
        #[arg(long, default_value = "7d")]
        since: String,
        #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
        format: StatsFormat,
        /// Every page of the user token (PANCAKE_ACCESS_TOKEN); the staff
        /// figures of all pages come in one call (users statistics of
        /// several pages).
        #[arg(long)]
        all_pages: bool,
    },
    /// Relay Pancake's webhooks into the team's Redis (the inboxes of its
    /// pages then stop polling for news): listens on 127.0.0.1:8787, POSTs
    /// on /hook/<secret> (PANCAKE_RELAY_SECRET); see the README's Team section.
    Relay(relay::RelayArgs),
    /// Print performance figures.
    Bench {
        #[command(subcommand)]
        which: bench::Which,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum StatsFormat {
    Table,
    Csv,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum CacheAction {
    Info,
    Clear,
}

/// One line on stderr. The terminal may be gone (a dropped SSH session): a
/// failed write must not turn an orderly exit into a panic.
pub fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// The config file as named in messages.
pub(crate) fn shown_path(cfg: &config::Config) -> String {
    cfg.path
        .as_ref()
        .map_or("the config file".into(), |p| p.display().to_string())
}

/// The config file as named in a message of the catalogs.
pub(crate) fn config_file(cfg: &config::Config) -> Said {
    cfg.path.as_ref().map_or_else(
        || Said::new("cli-config-file"),
        |p| Said::verbatim(p.display().to_string()),
    )
}

/// The agent's language: `language` in the config file, else the locale's
/// (as the inbox chooses it). A config file that cannot be read leaves the
/// locale's: what is wrong with it is said by the command that reads it.
pub fn language(flags: &config::Flags) -> Lang {
    let env = |k: &str| std::env::var(k).ok();
    config::load_keymap(flags, &env).map_or_else(|_| Lang::pick(None, env), |(_, lang)| lang)
}

/// `--lang vi|en`, else `default`.
pub fn lang_flag(code: Option<&str>, default: Lang) -> anyhow::Result<Lang> {
    match code {
        None => Ok(default),
        Some(code) => Lang::from_config(code)
            .ok_or_else(|| told(Said::new("cli-lang-invalid").arg("code", format!("{code:?}")))),
    }
}

/// An error of the command line as a message of the catalogs: `main` says
/// it in the agent's language ([`error_words`]); as text (`Display`, a
/// log) it is English.
#[derive(Debug)]
pub struct Told(pub Said);

impl std::fmt::Display for Told {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0.words(Lang::En))
    }
}

impl std::error::Error for Told {}

/// `said` as an error.
pub fn told(said: Said) -> anyhow::Error {
    anyhow::Error::new(Told(said))
}

/// An error and its causes in one line, as `{:#}` writes them, each cause
/// that is a message of the catalogs ([`Told`]) in `lang`.
pub fn error_words(e: &anyhow::Error, lang: Lang) -> String {
    e.chain()
        .map(|cause| match cause.downcast_ref::<Told>() {
            Some(t) => t.0.words(lang),
            None => cause.to_string(),
        })
        .collect::<Vec<_>>()
        .join(": ")
}
