//! `pancake-tui`: the inbox, the demo, the simulator and the benchmarks.
//! The command line and each subcommand are in the library's `cli` module;
//! here it is parsed, the runtime started and the subcommand run.

use std::process::ExitCode;

use clap::Parser;

use pancake_tui::cli::{self, Cli, Command};
use pancake_tui::config::Flags;
use pancake_tui::runtime::terminal;
use pancake_tui::{bench, sim};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The relay is a service: its log on stderr (the journal), not a file.
    let mut log = match cli.command {
        Some(Command::Relay(_)) => cli::logging::init_stderr_logging(),
        _ => cli::logging::init_logging(),
    };
    let start_notice = log.notice.take();
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
            None => cli::inbox::inbox(flags, start_notice).await,
            Some(Command::Demo {
                conversations,
                quiet,
            }) => cli::demo::demo(flags, conversations, !quiet).await,
            Some(Command::Simulate(args)) => sim::run_cli(args).await,
            Some(Command::Bench { which }) => bench::run(which).await,
            Some(Command::Doctor { json }) => cli::doctor::doctor(flags, json).await,
            Some(Command::Stats {
                since,
                format,
                all_pages,
                lang,
            }) => cli::stats::stats(flags, &since, format, all_pages, lang.as_deref()).await,
            Some(Command::Cache { action, force }) => cli::cache::cache(action, force),
            Some(Command::Keys { lang }) => cli::keys::keys(&flags, lang.as_deref()),
            Some(Command::Relay(args)) => cli::relay::relay(flags, args).await,
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
    cli::say(&format!("pancake-tui: {text}"));
    ExitCode::FAILURE
}
