//! `pancake-tui`: the inbox, the demo, the simulator and the benchmarks.
//! The command line and each subcommand are in the library's `cli` module;
//! here it is parsed, the runtime started and the subcommand run.

use std::process::ExitCode;

use clap::FromArgMatches;

use pancake_tui::cli::{self, Cli, Command};
use pancake_tui::config::Flags;
use pancake_tui::i18n::{Lang, Said};
use pancake_tui::runtime::terminal;
use pancake_tui::{bench, sim};

fn main() -> ExitCode {
    // The agent's language (config.toml, else the locale) before the
    // command line is parsed, for `--help` too.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let config = cli::config_in_args(&args);
    let mut lang = cli::language(&Flags {
        config: config.clone(),
        ..Flags::default()
    });
    // clap's errors in the agent's language (its own for the rare kinds).
    let matches = cli::command(lang)
        .try_get_matches_from(args)
        .unwrap_or_else(|e| cli::parse_error::exit(e, lang));
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let flags = Flags {
        api_url: cli.api_url,
        page: cli.page,
        config: cli.config,
        me: cli.me,
    };
    if flags.config != config {
        lang = cli::language(&flags);
    }
    // The relay is a service: its log on stderr (the journal), not a file.
    let mut log = match cli.command {
        Some(Command::Relay(_)) => cli::logging::init_stderr_logging(),
        _ => cli::logging::init_logging(lang),
    };
    let start_notice = log.notice.take();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let said = Said::new("cli-no-runtime").arg("error", e.to_string());
            return fail(&said.words(lang), lang);
        }
    };
    let result = rt.block_on(async move {
        match cli.command {
            None => cli::inbox::inbox(flags, start_notice).await,
            Some(Command::Demo {
                conversations,
                quiet,
            }) => cli::demo::demo(flags, conversations, !quiet).await,
            Some(Command::Simulate(args)) => sim::run_cli(args).await,
            Some(Command::Bench { which }) => bench::run(which).await,
            Some(Command::Doctor { json, lang: code }) => {
                match cli::lang_flag(code.as_deref(), lang) {
                    Ok(lang) => cli::doctor::doctor(flags, json, lang).await,
                    Err(e) => Err(e),
                }
            }
            Some(Command::Stats {
                since,
                format,
                all_pages,
                lang: code,
            }) => cli::stats::stats(flags, &since, format, all_pages, code.as_deref()).await,
            Some(Command::Cache { action, force }) => cli::cache::cache(action, force, lang),
            Some(Command::Keys { lang }) => cli::keys::keys(&flags, lang.as_deref()),
            Some(Command::Relay(args)) => cli::relay::relay(flags, args, lang).await,
        }
    });
    // Leaving must never hang on a background task (a request in flight, a
    // cache write): give them a moment, then go.
    rt.shutdown_timeout(std::time::Duration::from_millis(500));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&cli::error_words(&e, lang), lang),
    }
}

fn fail(message: &str, lang: Lang) -> ExitCode {
    let text = pancake_tui::text::sanitize_line(&terminal::redact(message));
    cli::say(&Said::new("cli-error").arg("error", text).words(lang));
    ExitCode::FAILURE
}
