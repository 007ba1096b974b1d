//! `pancake-tui`: the inbox, the demo, the simulator and the benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use secrecy::{ExposeSecret, SecretString};

use pancake_tui::api::{Client, ClientConfig, PageId, UserApi};
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
    },
    /// Print the keys in use (the key table with config.toml's [keys]) as
    /// Markdown tables, one per input mode.
    Keys,
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
    /// Print performance figures.
    Bench {
        #[command(subcommand)]
        which: bench::Which,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum StatsFormat {
    Table,
    Csv,
    Json,
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
            Some(Command::Doctor { json }) => doctor(flags, json).await,
            Some(Command::Stats {
                since,
                format,
                all_pages,
            }) => stats(flags, &since, format, all_pages).await,
            Some(Command::Cache { action, force }) => cache(action, force),
            Some(Command::Keys) => keys(&flags),
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

/// `pancake-tui keys`: the README's key list, with the agent's own keys.
fn keys(flags: &Flags) -> anyhow::Result<()> {
    let keymap = config::load_keymap(flags, &|k| std::env::var(k).ok())?;
    print!("{}", pancake_tui::app::keys::markdown(&keymap));
    Ok(())
}

/// The client the configuration asks for; the tokens it learns are
/// registered for redaction.
fn client_for(cfg: &config::Config) -> anyhow::Result<Client> {
    Ok(Client::new(ClientConfig {
        base_url: cfg.api_url.clone(),
        rate_limit: cfg.rate_limit,
        timeout: std::time::Duration::from_secs(cfg.timeout_secs),
        on_secret: Some(terminal::register_secret),
        budget: cfg.budget.clone(),
        ..ClientConfig::default()
    })?)
}

fn fail(message: &str) -> ExitCode {
    let text = pancake_tui::text::sanitize_line(&terminal::redact(message));
    say(&format!("pancake-tui: {text}"));
    ExitCode::FAILURE
}

/// One line on stderr. The terminal may be gone (a dropped SSH session): a
/// failed write must not turn an orderly exit into a panic.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Things found before the inbox starts (a log dir open to others, made
/// private), shown on its status bar.
static START_NOTICES: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

fn start_notices() -> Option<String> {
    let list = std::mem::take(&mut *START_NOTICES.lock().unwrap_or_else(|e| e.into_inner()));
    (!list.is_empty()).then(|| list.join("; "))
}

/// The inbox against the configured pages.
async fn inbox(flags: Flags) -> anyhow::Result<()> {
    let cfg = config::load(&flags, &|k| std::env::var(k).ok())?;
    for w in &cfg.warnings {
        say(&format!("pancake-tui: warning: {w}"));
    }
    let client = client_for(&cfg)?;
    let pages = pages_to_open(&cfg, &client).await?;
    let (canned, warning) = config::load_canned(cfg.path.as_deref());
    if let Some(w) = &warning {
        say(&format!("pancake-tui: warning: {w}"));
    }
    let extras = Extras {
        settings: cfg.settings,
        views: cfg.views,
        canned,
        cache: true,
        // The inbox covers stderr: say it on the status bar too.
        notice: match (warning, start_notices()) {
            (Some(w), Some(n)) => Some(format!("{w}; {n}")),
            (w, n) => w.or(n),
        },
    };
    open(client, pages, false, extras).await
}

/// `pancake-tui doctor`: the report on stdout; a failed check exits 1.
async fn doctor(flags: Flags, json: bool) -> anyhow::Result<()> {
    use pancake_tui::doctor::{self, Check, Target};
    let cfg = config::load(&flags, &|k| std::env::var(k).ok())?;
    let client = Client::new(ClientConfig {
        base_url: cfg.api_url.clone(),
        rate_limit: cfg.rate_limit,
        timeout: std::time::Duration::from_secs(cfg.timeout_secs),
        on_secret: Some(terminal::register_secret),
        ..ClientConfig::default()
    })?;
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
            let text = pancake_tui::text::sanitize_line(&terminal::redact(&format!("{e:#}")));
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

/// `pancake-tui stats`: the figures of each page (or of every page of the
/// user token with `--all-pages`) on stdout. Tokens as for the inbox: from
/// the environment or the config file, never the command line.
async fn stats(
    flags: Flags,
    since: &str,
    format: StatsFormat,
    all_pages: bool,
) -> anyhow::Result<()> {
    use pancake_tui::api::UnixSeconds;
    use pancake_tui::api::stats::{self, Period};
    let cfg = config::load(&flags, &|k| std::env::var(k).ok())?;
    for w in &cfg.warnings {
        say(&format!("pancake-tui: warning: {w}"));
    }
    let tz = cfg.settings.tz.clone();
    let now = UnixSeconds::now();
    let since = stats::parse_since(since, now, &tz).map_err(|e| anyhow::anyhow!(e))?;
    let period = Period {
        since,
        until: now,
        tz,
    };
    let client = client_for(&cfg)?;
    let user = match (&cfg.user_token, all_pages) {
        (Some(t), true) => Some(client.user(t.clone())),
        (None, true) => anyhow::bail!(
            "--all-pages needs your user token: set PANCAKE_ACCESS_TOKEN (Pancake → Account)              or access_token in {}",
            shown_path(&cfg)
        ),
        (_, false) => None,
    };
    let pages = pages_to_open(&cfg, &client).await?;
    let ids: Vec<PageId> = pages.iter().map(|p| p.id.clone()).collect();
    let mut report = Vec::new();
    let mut apis = Vec::new();
    for p in pages {
        terminal::register_secret(p.token.expose_secret());
        let name = p.name.clone();
        let api = page_api(&client, p);
        let mut figures = api
            .page_stats_parts(&period, user.is_none())
            .await
            .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        figures.page_name = Some(name);
        report.push(figures);
        apis.push(api);
    }
    if let Some(user) = &user {
        match user.user_stats_pages(&ids, &period).await {
            Ok(rows) => {
                for page in &mut report {
                    let mine: Vec<_> = rows
                        .value
                        .iter()
                        .filter(|r| r.page_id.is_some() && r.page_id == page.page_id)
                        .cloned()
                        .collect();
                    stats::merge_staff(&mut page.staff, mine);
                    if rows.skipped > 0 {
                        page.skipped_rows.push(("staff".into(), rows.skipped));
                    }
                }
            }
            // The multi-page call is not confirmed (pancake-api.md § Statistics):
            // each page's own users statistics stand in.
            Err(e) => {
                say(&format!(
                    "pancake-tui: the users statistics of all pages at once failed ({e}); asking each page"
                ));
                for (page, api) in report.iter_mut().zip(&apis) {
                    api.add_user_stats(page, &period)
                        .await
                        .map_err(|e| anyhow::anyhow!("users statistics: {e}"))?;
                }
            }
        }
    }
    let out = match format {
        StatsFormat::Table => stats::render_table(&report),
        StatsFormat::Csv => stats::render_csv(&report),
        StatsFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
    };
    print!("{}", terminal::redact(&out));
    Ok(())
}

fn page_api(client: &Client, p: Opening) -> pancake_tui::api::PageApi {
    match p.renew {
        Some(user) => client.page_renewable(p.id, p.token, user),
        None => client.page(p.id, p.token),
    }
}

/// A page to open: id, name, token (and the user token's calls, when the
/// page token came from it and can be generated anew).
struct Opening {
    id: PageId,
    name: String,
    token: SecretString,
    renew: Option<UserApi>,
}

/// Which pages to open: `[[pages]]` from the config (the `--page` one first),
/// else the one page of `PANCAKE_PAGE_ID` + `PANCAKE_PAGE_ACCESS_TOKEN`,
/// else every page of the user token (`PANCAKE_ACCESS_TOKEN`, or only
/// `--page`), with page tokens generated now and held in memory only.
async fn pages_to_open(cfg: &config::Config, client: &Client) -> anyhow::Result<Vec<Opening>> {
    if !cfg.pages.is_empty() {
        let mut pages: Vec<Opening> = cfg
            .pages
            .iter()
            .map(|p| Opening {
                id: p.id.clone(),
                name: p.name.clone().unwrap_or_else(|| p.id.to_string()),
                token: p.token.clone(),
                renew: None,
            })
            .collect();
        if let Some(first) = &cfg.page_id {
            match pages.iter().position(|p| &p.id == first) {
                Some(i) => pages[..=i].rotate_right(1),
                None => anyhow::bail!(
                    "page {first} is not among the [[pages]] of {}",
                    shown_path(cfg)
                ),
            }
        }
        return Ok(pages);
    }
    if let (Some(id), Some(token)) = (&cfg.page_id, &cfg.page_token) {
        return Ok(vec![Opening {
            id: id.clone(),
            name: id.to_string(),
            token: token.clone(),
            renew: None,
        }]);
    }
    let Some(user_token) = cfg.user_token.clone() else {
        if cfg.page_id.is_some() {
            anyhow::bail!(
                "no page access token: set PANCAKE_PAGE_ACCESS_TOKEN or page_access_token in {} \
                 (Pancake → Settings → Tools), or PANCAKE_ACCESS_TOKEN to use your user token",
                shown_path(cfg)
            );
        }
        anyhow::bail!(
            "no page configured: set PANCAKE_PAGE_ID (or --page) and PANCAKE_PAGE_ACCESS_TOKEN, \
             list [[pages]] in {}, set PANCAKE_ACCESS_TOKEN (your user token), \
             or try `pancake-tui demo`",
            shown_path(cfg)
        );
    };
    terminal::register_secret(user_token.expose_secret());
    let user = client.user(user_token);
    let listed = user
        .pages()
        .await
        .map_err(|e| anyhow::anyhow!("listing your pages: {e}"))?;
    let wanted: Vec<_> = listed
        .into_iter()
        .filter(|p| cfg.page_id.as_ref().is_none_or(|id| &p.id == id))
        .collect();
    if wanted.is_empty() {
        match &cfg.page_id {
            Some(id) => anyhow::bail!("page {id} is not among the pages of PANCAKE_ACCESS_TOKEN"),
            None => anyhow::bail!(
                "PANCAKE_ACCESS_TOKEN has no pages: check the token (Pancake → Account)"
            ),
        }
    }
    let mut pages = Vec::new();
    for p in wanted {
        let token = user
            .generate_page_token(&p.id)
            .await
            .map_err(|e| anyhow::anyhow!("page token for {}: {e}", p.name))?;
        pages.push(Opening {
            id: p.id,
            name: p.name,
            token,
            renew: Some(user.clone()),
        });
    }
    Ok(pages)
}

fn shown_path(cfg: &config::Config) -> String {
    cfg.path
        .as_ref()
        .map_or("the config file".into(), |p| p.display().to_string())
}

/// `pancake-tui cache info|clear`.
fn cache(action: CacheAction, force: bool) -> anyhow::Result<()> {
    let dir =
        store::default_dir().ok_or_else(|| anyhow::anyhow!("no cache directory on this system"))?;
    match action {
        CacheAction::Clear => {
            let waiting = store::unconfirmed(&dir);
            if !waiting.is_empty() && !force {
                let n: usize = waiting.iter().map(|(_, n)| n).sum();
                let files: Vec<String> = waiting
                    .iter()
                    .map(|(p, n)| format!("{} ({n})", p.display()))
                    .collect();
                anyhow::bail!(
                    "nothing removed: {n} action(s) not yet confirmed by Pancake wait in the \
                     outbox of {}; open the inbox to send them (o lists them), or run \
                     `pancake-tui cache clear --force` to drop them",
                    files.join(", ")
                );
            }
            let n = store::clear(&dir)?;
            println!(
                "removed {n} cache file(s) from {}",
                dir.join("pages").display()
            );
        }
        CacheAction::Info => {
            let files = store::cached_pages(&dir);
            if files.is_empty() {
                println!("no cache yet ({})", dir.join("pages").display());
            }
            for path in files {
                // Read-only: looking must not rebuild or change anything.
                let i = match store::inspect(&path) {
                    Ok(i) => i,
                    Err(e) => {
                        say(&format!("pancake-tui: {e}"));
                        continue;
                    }
                };
                println!("{}", i.path.display());
                println!(
                    "  {} conversations, {} threads, {} action(s) waiting in the outbox",
                    i.conversations, i.threads, i.outbox
                );
                println!("  {:.1} MiB on disk", i.bytes as f64 / (1024.0 * 1024.0));
            }
        }
    }
    Ok(())
}

/// The inbox against an in-process simulator: its pages come from the
/// simulator's user token, as `PANCAKE_ACCESS_TOKEN` would give them.
async fn demo(flags: Flags, conversations: usize, live: bool) -> anyhow::Result<()> {
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
        })
        .unwrap_or_else(|e| Extras {
            canned: config::load_canned(None).0,
            settings: Default::default(),
            views: Vec::new(),
            cache: false,
            notice: Some(format!("config not used in the demo: {e}")),
        });
    let client = Client::new(ClientConfig {
        base_url: sim.base_url(),
        on_secret: Some(terminal::register_secret),
        ..ClientConfig::default()
    })?;
    let demo_cfg = config::Config {
        api_url: sim.base_url(),
        page_id: flags.page.clone().map(PageId::new),
        page_token: None,
        pages: Vec::new(),
        user_token: Some(SecretString::from(sim.user_token())),
        rate_limit: 5,
        budget: Default::default(),
        timeout_secs: 15,
        settings: Default::default(),
        views: Vec::new(),
        path: None,
        warnings: Vec::new(),
    };
    let result = match pages_to_open(&demo_cfg, &client).await {
        Ok(pages) => open(client, pages, true, extras).await,
        Err(e) => Err(e),
    };
    sim.shutdown().await;
    result
}

/// What the inbox takes besides the pages.
struct Extras {
    settings: pancake_tui::app::Settings,
    views: Vec<pancake_tui::app::filter::ViewConfig>,
    canned: Vec<pancake_tui::app::canned::Canned>,
    /// Keep a local cache per page (not in the demo).
    cache: bool,
    /// Shown on the status bar at start.
    notice: Option<String>,
}

async fn open(
    client: Client,
    pages: Vec<Opening>,
    demo: bool,
    extras: Extras,
) -> anyhow::Result<()> {
    let dir = if extras.cache {
        store::default_dir()
    } else {
        None
    };
    let mut setups = Vec::new();
    for p in pages {
        terminal::register_secret(p.token.expose_secret());
        // The cache is a convenience: without it the inbox still works.
        let (store, store_notice) = match dir.as_ref().map(|d| store::page_path(d, &p.id)) {
            Some(path) => match store::Store::open(&path) {
                Ok((s, n)) => (Some(std::sync::Arc::new(s)), n),
                Err(e) => (None, Some(format!("no local cache for {}: {e}", p.name))),
            },
            None => (None, None),
        };
        let name = p.name.clone();
        setups.push(runtime::PageSetup {
            api: page_api(&client, p),
            name,
            store,
            store_notice,
        });
    }
    let cached = setups.iter().all(|s| s.store.is_some());
    let report = runtime::run(runtime::Options {
        pages: setups,
        demo,
        settings: extras.settings,
        views: extras.views,
        canned: extras.canned,
        notice: extras.notice,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    })
    .await?;
    if !report.unsent.is_empty() {
        let kept = if cached {
            "they stay in the outbox for the next start"
        } else {
            "without a cache they are lost"
        };
        say(&format!(
            "pancake-tui: {} action(s) were not confirmed by Pancake before exit; {kept}:",
            report.unsent.len()
        ));
        for a in &report.unsent {
            say(&format!("  - {a}"));
        }
    }
    Ok(())
}

/// Logs go to a file in the platform state dir, never to the screen; the
/// dir is 0700 and the file 0600 (an older one open to others is tightened,
/// and said at start).
fn init_logging() -> Option<tracing_appender::non_blocking::WorkerGuard> {
    use pancake_tui::private;
    let dir = config::log_dir()?;
    let mut tightened = private::Tightened::default();
    tightened.note(&dir, private::create_dir(&dir));
    let file = dir.join("pancake-tui.log");
    tightened.note(&file, private::touch(&file));
    let me = dir.join("me");
    tightened.note(&me, private::tighten(&me, private::FILE_MODE));
    if let Some(n) = tightened.notice() {
        START_NOTICES
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(n);
    }
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
