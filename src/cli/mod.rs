//! The command line of `pancake-tui`: the clap types here, one file per
//! subcommand (`inbox` starts the TUI), the one client configuration every
//! subcommand uses (`client`) and the log file (`logging`). `src/main.rs`
//! only parses, starts the runtime and dispatches. Nothing else in the
//! library imports this module.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::i18n::{Lang, Said, tr};
use crate::{bench, config, sim};

pub mod cache;
pub mod client;
pub mod demo;
pub mod doctor;
pub mod inbox;
pub mod keys;
pub mod logging;
pub mod parse_error;
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
        /// The language of the table, vi or en (default: the interface's,
        /// from config.toml or the locale); CSV and JSON are the same in both.
        #[arg(long)]
        lang: Option<String>,
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

/// The command line with its help in `lang`: clap's derive gives the doc
/// comments above (English, at compile time); each of our texts is
/// replaced from the catalog, and so are clap's headings and the help of
/// its `-h`, `-V` and `help`. The developer tools (`simulate`, `bench`)
/// keep their arguments' English help; `[default: …]` and `[possible
/// values: …]` in the help stay English. clap's common errors are said in
/// `lang` by [`parse_error`].
pub fn command(lang: Lang) -> clap::Command {
    use clap::{Arg, CommandFactory};
    let t = |id: &str| tr(lang, id);
    let help = |id: &'static str| move |a: Arg| a.help(tr(lang, id)).long_help(None);
    let about = |c: clap::Command, id: &str| c.about(tr(lang, id)).long_about(None);
    let cmd = Cli::command()
        .about(t("help-about"))
        .after_help(t("help-after"))
        .mut_arg("api_url", help("help-api-url"))
        .mut_arg("page", help("help-page"))
        .mut_arg("config", help("help-config"))
        .mut_arg("me", help("help-me"))
        .mut_subcommand("demo", |c| {
            about(c, "help-demo")
                .mut_arg("conversations", help("help-demo-conversations"))
                .mut_arg("quiet", help("help-demo-quiet"))
        })
        .mut_subcommand("simulate", |c| about(c, "help-simulate"))
        .mut_subcommand("cache", |c| {
            about(c, "help-cache")
                .mut_arg("action", help("help-cache-action"))
                .mut_arg("force", help("help-cache-force"))
        })
        .mut_subcommand("doctor", |c| {
            about(c, "help-doctor")
                .mut_arg("json", help("help-doctor-json"))
                .mut_arg("lang", help("help-doctor-lang"))
        })
        .mut_subcommand("keys", |c| {
            about(c, "help-keys").mut_arg("lang", help("help-keys-lang"))
        })
        .mut_subcommand("stats", |c| {
            about(c, "help-stats")
                .mut_arg("since", help("help-stats-since"))
                .mut_arg("format", help("help-stats-format"))
                .mut_arg("all_pages", help("help-stats-all-pages"))
                .mut_arg("lang", help("help-stats-lang"))
        })
        .mut_subcommand("relay", |c| {
            about(c, "help-relay")
                .mut_arg("listen", help("help-relay-listen"))
                .mut_arg("allow", help("help-relay-allow"))
        })
        .mut_subcommand("bench", |c| about(c, "help-bench"));
    let mut cmd = with_headings(cmd, lang);
    // clap adds `-h`, `-V` and `help` when it builds the command: built
    // now, their help can be replaced too.
    cmd.build();
    builtins(cmd, lang)
}

/// clap's headings (`Usage:`, `Options:`, `Commands:`, `Arguments:`) in
/// `lang`, for the command and its subcommands; English keeps clap's own
/// (styled) ones.
fn with_headings(cmd: clap::Command, lang: Lang) -> clap::Command {
    if lang == Lang::En {
        return cmd;
    }
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        tr(lang, "help-usage")
    );
    cmd.help_template(template)
        .subcommand_help_heading(heading(lang, "help-commands"))
        .mut_args(|a| {
            let id = if a.is_positional() {
                "help-arguments"
            } else {
                "help-options"
            };
            a.help_heading(heading(lang, id))
        })
        .mut_subcommands(|c| with_headings(c, lang))
}

/// A heading of the help in `lang`. clap takes headings as `&'static str`
/// (its `string` feature is off): each is made once per language and kept.
fn heading(lang: Lang, id: &'static str) -> &'static str {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static MADE: OnceLock<Mutex<HashMap<(Lang, &'static str), &'static str>>> = OnceLock::new();
    let mut made = MADE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    made.entry((lang, id))
        .or_insert_with(|| tr(lang, id).leak())
}

/// The help of clap's own `-h`, `-V` and `help` in `lang`, in the built
/// command and its subcommands.
fn builtins(cmd: clap::Command, lang: Lang) -> clap::Command {
    let has = |cmd: &clap::Command, id: &str| cmd.get_arguments().any(|a| a.get_id() == id);
    let options = (lang != Lang::En).then(|| heading(lang, "help-options"));
    let mut cmd = cmd;
    if has(&cmd, "help") {
        cmd = cmd.mut_arg("help", |a| {
            a.help(tr(lang, "help-help"))
                .long_help(None)
                .help_heading(options)
        });
    }
    if has(&cmd, "version") {
        cmd = cmd.mut_arg("version", |a| {
            a.help(tr(lang, "help-version")).help_heading(options)
        });
    }
    if cmd.find_subcommand("help").is_some() {
        cmd = cmd.mut_subcommand("help", |c| c.about(tr(lang, "help-help-command")));
    }
    cmd.mut_subcommands(|c| builtins(c, lang))
}

/// The config file named on the command line (`--config FILE`,
/// `--config=FILE`), read before the command line is parsed so that
/// `--help` is in the agent's language.
pub fn config_in_args(args: &[std::ffi::OsString]) -> Option<PathBuf> {
    let mut args = args.iter().skip(1);
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy();
        if arg == "--" {
            break;
        }
        if arg == "--config" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--config=") {
            return Some(PathBuf::from(path));
        }
    }
    None
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
/// that is ours ([`Told`], the cache's, Pancake's, the config's) in `lang`.
pub fn error_words(e: &anyhow::Error, lang: Lang) -> String {
    error_said(e).words(lang)
}

/// An error and its causes as one message, as `{:#}` writes them: each
/// cause that is ours a message of the catalogs, the others (a library's,
/// the system's) their own words.
pub fn error_said(e: &anyhow::Error) -> Said {
    let mut causes: Vec<Said> = e.chain().map(cause_said).collect();
    let last = causes.pop().unwrap_or_else(|| Said::verbatim(""));
    causes.into_iter().rev().fold(last, |cause, error| {
        Said::new("error-cause")
            .arg("error", error)
            .arg("cause", cause)
    })
}

fn cause_said(cause: &(dyn std::error::Error + 'static)) -> Said {
    if let Some(t) = cause.downcast_ref::<Told>() {
        t.0.clone()
    } else if let Some(e) = cause.downcast_ref::<crate::store::StoreError>() {
        e.said()
    } else if let Some(e) = cause.downcast_ref::<crate::api::ApiError>() {
        e.said()
    } else if let Some(e) = cause.downcast_ref::<config::ConfigError>() {
        e.said()
    } else {
        Said::verbatim(cause.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// An error of the cache (or of Pancake) reaching stderr or the doctor
    /// through anyhow is said in the agent's language, each cause in turn;
    /// in English as `{:#}` writes it.
    #[test]
    fn the_caches_and_pancakes_errors_are_said_in_the_agents_language() {
        let store = crate::store::StoreError::Disk {
            path: "/c/pages/105.sqlite".into(),
            message: "disk I/O error: File too large".into(),
        };
        let e = anyhow::Error::new(store);
        assert_eq!(error_words(&e, Lang::En), format!("{e:#}"));
        let vi = error_words(&e, Lang::Vi);
        assert!(
            vi.starts_with(
                "bộ nhớ đệm /c/pages/105.sqlite: disk I/O error: File too large; hãy giải \
                 phóng dung lượng đĩa (hoặc nâng giới hạn kích thước tệp) rồi thử lại; không có \
                 gì trong bộ nhớ đệm bị dời đi hay mất"
            ),
            "{vi}"
        );
        let api = crate::api::ApiError::Timeout {
            timeout: std::time::Duration::from_secs(30),
        };
        let e = anyhow::Error::new(api);
        assert_eq!(error_words(&e, Lang::En), e.to_string());
        assert_eq!(
            error_words(&e, Lang::Vi),
            "Pancake không trả lời trong 30 giây: dịch vụ hoặc mạng đang chậm"
        );
    }

    /// Each help text of ours (the command's, each argument's, each
    /// subcommand's but the developer tools' arguments) in Vietnamese is
    /// not the English one of the doc comments, and in English it is.
    #[test]
    fn every_help_text_of_ours_comes_from_the_catalog() {
        let mut derived = Cli::command();
        // Built as the translated ones are: the global arguments in each
        // subcommand.
        derived.build();
        let (en, vi) = (command(Lang::En), command(Lang::Vi));
        let texts = |c: &clap::Command| -> Vec<(String, String)> {
            let mut out = vec![(
                c.get_name().to_owned(),
                c.get_about().map(|a| a.to_string()).unwrap_or_default(),
            )];
            if !["simulate", "bench"].contains(&c.get_name()) {
                for a in c
                    .get_arguments()
                    .filter(|a| !["help", "version"].contains(&a.get_id().as_str()))
                {
                    out.push((
                        format!("{} {}", c.get_name(), a.get_id()),
                        a.get_help().map(|h| h.to_string()).unwrap_or_default(),
                    ));
                }
            }
            out
        };
        let all = |c: &clap::Command| -> Vec<(String, String)> {
            let mut out = texts(c);
            for sub in c.get_subcommands().filter(|s| s.get_name() != "help") {
                out.extend(texts(sub));
            }
            out
        };
        let (derived, en, vi) = (all(&derived), all(&en), all(&vi));
        assert_eq!(derived.len(), vi.len());
        for ((what, english), (_, ours)) in derived.iter().zip(&en) {
            // An argument with no doc comment has its help from the catalog.
            if !english.is_empty() {
                assert_eq!(
                    english, ours,
                    "{what}: the en catalog says what the doc comment says"
                );
            }
        }
        for ((what, english), (_, viet)) in derived.iter().zip(&vi) {
            assert_ne!(english, viet, "{what} in Vietnamese");
            assert!(!viet.is_empty(), "{what}");
        }
    }

    /// `--help` in Vietnamese: the command's words, clap's headings and
    /// its own flags; a subcommand's too. In English, clap's own.
    #[test]
    fn the_help_is_in_the_language_asked() {
        let vi = command(Lang::Vi).render_help().to_string();
        for words in [
            tr(Lang::Vi, "help-about"),
            tr(Lang::Vi, "help-usage"),
            format!("{}:", tr(Lang::Vi, "help-commands")),
            format!("{}:", tr(Lang::Vi, "help-options")),
            tr(Lang::Vi, "help-doctor"),
            tr(Lang::Vi, "help-help"),
            tr(Lang::Vi, "help-version"),
            tr(Lang::Vi, "help-help-command"),
        ] {
            assert!(vi.contains(&words), "{words:?} in:\n{vi}");
        }
        for english in [
            "Usage:",
            "Options:",
            "Commands:",
            "Print help",
            "A terminal inbox",
        ] {
            assert!(!vi.contains(english), "{english:?} in:\n{vi}");
        }
        let mut vi = command(Lang::Vi);
        let doctor = vi
            .find_subcommand_mut("doctor")
            .unwrap()
            .render_help()
            .to_string();
        assert!(
            doctor.contains(&tr(Lang::Vi, "help-doctor-lang")),
            "{doctor}"
        );
        assert!(
            !doctor.contains("Options:") && !doctor.contains("Print help"),
            "{doctor}"
        );
        let en = command(Lang::En).render_help().to_string();
        for english in [
            "Usage:",
            "Options:",
            "Commands:",
            "Print help",
            "A terminal inbox",
        ] {
            assert!(en.contains(english), "{english:?} in:\n{en}");
        }
    }

    /// Parsing goes through the translated command as it did through the
    /// derived one.
    #[test]
    fn the_translated_command_parses_as_before() {
        use clap::FromArgMatches;
        let argv = [
            "pancake-tui",
            "--config=/tmp/c.toml",
            "doctor",
            "--json",
            "--lang",
            "en",
        ];
        let matches = command(Lang::Vi).try_get_matches_from(argv).unwrap();
        let cli = Cli::from_arg_matches(&matches).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Doctor { json: true, lang: Some(ref l) }) if l == "en"
        ));
        let args: Vec<std::ffi::OsString> = argv.iter().map(Into::into).collect();
        assert_eq!(config_in_args(&args), Some(PathBuf::from("/tmp/c.toml")));
        let args: Vec<std::ffi::OsString> = ["pancake-tui", "--config", "a.toml", "keys"]
            .iter()
            .map(Into::into)
            .collect();
        assert_eq!(config_in_args(&args), Some(PathBuf::from("a.toml")));
        command(Lang::Vi).debug_assert();
        command(Lang::En).debug_assert();
    }
}
