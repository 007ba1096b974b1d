//! `pancake-tui`: the inbox, the demo, the simulator and the benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use secrecy::{ExposeSecret, SecretString};

use pancake_tui::api::{Client, ClientConfig, PageId};
use pancake_tui::config::{self, Flags};
use pancake_tui::runtime::{self, terminal};
use pancake_tui::{bench, sim, store};

#[derive(Parser)]
#[command(
    name = "pancake-tui",
    version,
    about = "A terminal inbox for Pancake (pages.fm) conversations",
    after_help = "Tokens are read from PANCAKE_PAGE_ACCESS_TOKEN / PANCAKE_ACCESS_TOKEN or the config file, never from the command line."
)]
struct Cli {
    /// Root of the Pancake API [env: PANCAKE_API_URL] [default: https://pages.fm/api]
    #[arg(long, global = true)]
    api_url: Option<String>,
    /// Page id [env: PANCAKE_PAGE_ID]
    #[arg(long, global = true)]
    page: Option<String>,
    /// Config file [env: PANCAKE_TUI_CONFIG] [default: ~/.config/pancake-tui/config.toml]
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// The staff member you are (user id or name) [env: PANCAKE_ME]
    #[arg(long, global = true)]
    me: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
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
    },
    /// Print performance figures.
    Bench {
        #[command(subcommand)]
        which: bench::Which,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CacheAction {
    Info,
    Clear,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _log = init_logging();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(&format!("cannot start the async runtime: {e}")),
    };
    let flags = Flags {
        api_url: cli.api_url,
        page: cli.page,
        config: cli.config,
        me: cli.me,
    };
    let result = rt.block_on(async move {
        match cli.command {
            None => inbox(flags).await,
            Some(Command::Demo {
                conversations,
                quiet,
            }) => demo(flags, conversations, !quiet).await,
            Some(Command::Simulate(args)) => sim::run_cli(args).await,
            Some(Command::Bench { which }) => bench::run(which).await,
            Some(Command::Cache { action }) => cache(flags, action),
        }
    });
    // Leaving must never hang on a background task (a request in flight, a
    // cache write): give them a moment, then go.
    rt.shutdown_timeout(std::time::Duration::from_millis(500));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("{e:#}")),
    }
}

fn fail(message: &str) -> ExitCode {
    let text = pancake_tui::text::sanitize_line(&terminal::redact(message));
    eprintln!("pancake-tui: {text}");
    ExitCode::FAILURE
}

/// The inbox against the configured page.
async fn inbox(flags: Flags) -> anyhow::Result<()> {
    let cfg = config::load(&flags, &|k| std::env::var(k).ok())?;
    for w in &cfg.warnings {
        eprintln!("pancake-tui: warning: {w}");
    }
    let Some(page) = cfg.page_id.clone() else {
        anyhow::bail!(
            "no page configured: set PANCAKE_PAGE_ID (or --page) and PANCAKE_PAGE_ACCESS_TOKEN, \
             or try `pancake-tui demo`"
        );
    };
    let Some(token) = cfg
        .page_token
        .as_ref()
        .map(|t| t.expose_secret().to_owned())
    else {
        anyhow::bail!(
            "no page access token: set PANCAKE_PAGE_ACCESS_TOKEN or page_access_token in {} \
             (Pancake → Settings → Tools)",
            cfg.path
                .as_ref()
                .map_or("the config file".into(), |p| p.display().to_string())
        );
    };
    let client = Client::new(ClientConfig {
        base_url: cfg.api_url.clone(),
        rate_limit: cfg.rate_limit,
        timeout: std::time::Duration::from_secs(cfg.timeout_secs),
        ..ClientConfig::default()
    })?;
    let name = page.to_string();
    let (canned, warning) = config::load_canned(cfg.path.as_deref());
    if let Some(w) = warning {
        eprintln!("pancake-tui: warning: {w}");
    }
    // The cache is a convenience: without it the inbox still works.
    let (store, notice) = match store::default_dir().map(|d| store::page_path(&d, &page)) {
        Some(path) => match store::Store::open(&path) {
            Ok((s, n)) => (Some(std::sync::Arc::new(s)), n),
            Err(e) => (None, Some(format!("no local cache: {e}"))),
        },
        None => (None, None),
    };
    let extras = Extras {
        settings: cfg.settings,
        views: cfg.views,
        canned,
        store,
        store_notice: notice,
    };
    open(client, page, token, name, false, extras).await
}

/// `pancake-tui cache info|clear`.
fn cache(flags: Flags, action: CacheAction) -> anyhow::Result<()> {
    let dir =
        store::default_dir().ok_or_else(|| anyhow::anyhow!("no cache directory on this system"))?;
    match action {
        CacheAction::Clear => {
            let n = store::clear(&dir)?;
            println!(
                "removed {n} cache file(s) from {}",
                dir.join("pages").display()
            );
        }
        CacheAction::Info => {
            let cfg = config::load(&flags, &|k| std::env::var(k).ok())?;
            let Some(page) = cfg.page_id else {
                anyhow::bail!("no page configured: set PANCAKE_PAGE_ID (or --page)");
            };
            let path = store::page_path(&dir, &page);
            if !path.exists() {
                println!("no cache for page {page} yet ({})", path.display());
                return Ok(());
            }
            let (s, notice) = store::Store::open(&path)?;
            if let Some(n) = notice {
                println!("{n}");
            }
            let i = s.info()?;
            println!("page {page}: {}", i.path.display());
            println!(
                "  {} conversations, {} threads, {} action(s) waiting in the outbox",
                i.conversations, i.threads, i.outbox
            );
            println!("  {:.1} MiB on disk", i.bytes as f64 / (1024.0 * 1024.0));
        }
    }
    Ok(())
}

/// The inbox against an in-process simulator.
async fn demo(flags: Flags, conversations: usize, live: bool) -> anyhow::Result<()> {
    let sim = sim::Simulator::start(sim::SimConfig {
        conversations,
        live,
        ..sim::SimConfig::default()
    })
    .await?;
    let main = sim.main_page();
    // The agent's own settings apply to the demo too; a broken config file
    // must not stop the demo.
    let extras = config::load(&flags, &|k| std::env::var(k).ok())
        .map(|c| Extras {
            canned: config::load_canned(c.path.as_deref()).0,
            settings: c.settings,
            views: c.views,
            store: None,
            store_notice: None,
        })
        .unwrap_or_else(|_| Extras {
            canned: config::load_canned(None).0,
            settings: Default::default(),
            views: Vec::new(),
            store: None,
            store_notice: None,
        });
    let client = Client::new(ClientConfig {
        base_url: sim.base_url(),
        ..ClientConfig::default()
    })?;
    let result = open(
        client,
        PageId::new(main.id.clone()),
        main.token.clone(),
        main.name.clone(),
        true,
        extras,
    )
    .await;
    sim.shutdown().await;
    result
}

/// What the inbox takes besides the page.
struct Extras {
    settings: pancake_tui::app::Settings,
    views: Vec<pancake_tui::app::filter::ViewConfig>,
    canned: Vec<pancake_tui::app::canned::Canned>,
    store: Option<std::sync::Arc<store::Store>>,
    store_notice: Option<String>,
}

async fn open(
    client: Client,
    page: PageId,
    token: String,
    name: String,
    demo: bool,
    extras: Extras,
) -> anyhow::Result<()> {
    terminal::register_secret(&token);
    let api = client.page(page, SecretString::from(token));
    let report = runtime::run(runtime::Options {
        api,
        page_name: name,
        demo,
        settings: extras.settings,
        views: extras.views,
        canned: extras.canned,
        store: extras.store,
        store_notice: extras.store_notice,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    })
    .await?;
    if !report.unsent.is_empty() {
        eprintln!(
            "pancake-tui: {} action(s) were not confirmed by Pancake before exit:",
            report.unsent.len()
        );
        for a in &report.unsent {
            eprintln!("  - {a}");
        }
    }
    Ok(())
}

/// Logs go to a file in the platform state dir, never to the screen.
fn init_logging() -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dir = config::log_dir()?;
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::never(&dir, "pancake-tui.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let level = match std::env::var("PANCAKE_LOG").as_deref() {
        Ok("trace") => tracing::Level::TRACE,
        Ok("debug") => tracing::Level::DEBUG,
        Ok("warn") => tracing::Level::WARN,
        _ => tracing::Level::INFO,
    };
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_max_level(level)
        .try_init()
        .ok()?;
    Some(guard)
}
