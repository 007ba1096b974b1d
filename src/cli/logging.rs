//! The log file.

use tracing_appender::non_blocking::WorkerGuard;

use crate::config;
use crate::i18n::{Lang, Said};
use crate::private;

/// What `init_logging` leaves: the writer's guard (logs are flushed when it
/// drops) and what was found on the way, for the inbox's status bar.
#[derive(Default)]
pub struct Logging {
    pub guard: Option<WorkerGuard>,
    /// A log dir or file open to others, made private.
    pub notice: Option<String>,
}

/// Logs go to a file in the platform state dir, never to the screen; the
/// dir is 0700 and the file 0600 (an older one open to others is tightened,
/// and said at start, in `lang`).
pub fn init_logging(lang: Lang) -> Logging {
    let Some(dir) = config::log_dir() else {
        return Logging::default();
    };
    let mut tightened = private::Tightened::default();
    tightened.note(&dir, private::create_dir(&dir));
    let file = dir.join("pancake-tui.log");
    tightened.note(&file, private::touch(&file));
    let me = dir.join("me");
    tightened.note(&me, private::tighten(&me, private::FILE_MODE));
    Logging {
        guard: start(&dir),
        notice: notice(&tightened, lang),
    }
}

/// "X and Y were open to other users…", in `lang`.
fn notice(tightened: &private::Tightened, lang: Lang) -> Option<String> {
    if tightened.0.is_empty() {
        return None;
    }
    let paths: Vec<String> = tightened
        .0
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let said = Said::new("cli-log-private")
        .arg("count", paths.len())
        .arg("paths", paths.join(", "));
    Some(said.words(lang))
}

/// A service's log (`pancake-tui relay`): lines on stderr, no file
/// (`PANCAKE_LOG` sets the level).
pub fn init_stderr_logging() -> Logging {
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_max_level(level())
        .try_init();
    Logging::default()
}

fn level() -> tracing::Level {
    match std::env::var("PANCAKE_LOG").as_deref() {
        Ok("trace") => tracing::Level::TRACE,
        Ok("debug") => tracing::Level::DEBUG,
        Ok("warn") => tracing::Level::WARN,
        _ => tracing::Level::INFO,
    }
}

/// The log file's writer and subscriber (`PANCAKE_LOG` sets the level).
fn start(dir: &std::path::Path) -> Option<WorkerGuard> {
    let appender = tracing_appender::rolling::never(dir, "pancake-tui.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let level = level();
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_max_level(level)
        .try_init()
        .ok()?;
    Some(guard)
}
