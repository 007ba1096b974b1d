//! Configuration: command-line flags > environment > `config.toml` > defaults.
//!
//! Tokens come from the environment or the config file only, never from argv
//! (argv is visible to every user of a shared jump box through `ps`). A config
//! file that holds a token and is readable by group or others gets a warning.

use std::path::{Path, PathBuf};

use secrecy::SecretString;
use serde::Deserialize;

use crate::api::{DEFAULT_API_URL, PageId, UserId};
use crate::app::Settings;

mod file;
mod relay;
mod state;
mod values;

use file::{expand_home, read_config, readable_by_others};
pub use relay::{RelayFile, RelaySettings, load_relay};
use state::remembered_me;
pub use state::{recent_commands, remember_me, remember_recent_commands};
pub use values::RATE_LIMIT_RANGE;
use values::{budget_of, page_entry, rate_limit_of};

/// What the config file may say. Unknown keys are an error (a typo should not
/// silently do nothing).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub api_url: Option<String>,
    pub page_id: Option<String>,
    pub page_access_token: Option<String>,
    pub access_token: Option<String>,
    pub me: Option<String>,
    pub mark_read_on_open: Option<bool>,
    pub poll_secs: Option<u64>,
    /// Bell and terminal title for new unread conversations (default on).
    pub notify: Option<bool>,
    pub thread_poll_secs: Option<u64>,
    pub rate_limit: Option<u32>,
    /// Where the page's budget is shared with other processes: `"host"`
    /// (default), `"process"` (not shared) or `"redis://host:6379/0"`.
    pub rate_budget: Option<String>,
    /// The dir of the host budget, shared by a group of users (default:
    /// the per-user runtime dir).
    pub budget_dir: Option<PathBuf>,
    /// A private CA (PEM) trusted for `rate_budget = "rediss://…"`, on top
    /// of the system's roots.
    pub redis_ca_file: Option<PathBuf>,
    pub timeout_secs: Option<u64>,
    pub timezone: Option<String>,
    /// The interface's language, `"vi"` or `"en"` (default: the locale's).
    pub language: Option<String>,
    /// Allow `http://` to a host other than this machine (the token then
    /// travels in clear): for a trusted proxy only.
    pub allow_plain_http: Option<bool>,
    /// Saved views, shown as tabs (`[[views]]`).
    #[serde(default)]
    pub views: Vec<crate::app::filter::ViewConfig>,
    /// Several pages (`[[pages]]`), each with its own token.
    #[serde(default)]
    pub pages: Vec<PageConfig>,
    /// Keys for commands (`[keys]`, e.g. `tag_picker = "T"`).
    #[serde(default)]
    pub keys: std::collections::BTreeMap<String, crate::app::keys::KeyEntry>,
    /// The webhook relay (`[relay]`, read by `pancake-tui relay` only).
    pub relay: Option<RelayFile>,
}

/// A page as written in `config.toml`:
///
/// ```toml
/// [[pages]]
/// id = "105384912345678"
/// name = "Tiệm Bánh"                      # optional
/// token_env = "PANCAKE_TOKEN_TIEM_BANH"   # or:
/// token_file = "~/.config/pancake-tui/tiem-banh.token"
/// ```
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PageConfig {
    pub id: String,
    pub name: Option<String>,
    /// The environment variable holding the page access token.
    pub token_env: Option<String>,
    /// A file holding the page access token (should be `chmod 600`).
    pub token_file: Option<PathBuf>,
}

/// A page to open, with its token (resolved from the environment or a file).
pub struct PageEntry {
    pub id: PageId,
    pub name: Option<String>,
    pub token: SecretString,
}

impl std::fmt::Debug for PageEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageEntry")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("token", &"[REDACTED]")
            .finish()
    }
}

/// Flags given on the command line (never a token).
#[derive(Debug, Default, Clone)]
pub struct Flags {
    pub api_url: Option<String>,
    pub page: Option<String>,
    pub config: Option<PathBuf>,
    pub me: Option<String>,
}

/// The resolved configuration.
pub struct Config {
    pub api_url: String,
    pub page_id: Option<PageId>,
    pub page_token: Option<SecretString>,
    /// Pages listed with `[[pages]]`, tokens resolved (empty when none).
    pub pages: Vec<PageEntry>,
    pub user_token: Option<SecretString>,
    pub rate_limit: u32,
    /// `http://` to another machine allowed (config.toml only).
    pub allow_plain_http: bool,
    /// Where each page's budget is shared with other processes.
    pub budget: crate::api::budget::BudgetConfig,
    pub timeout_secs: u64,
    pub settings: Settings,
    pub views: Vec<crate::app::filter::ViewConfig>,
    /// The file read (or that would be read), for messages.
    pub path: Option<PathBuf>,
    /// Things the agent should know (e.g. a world-readable token file), put
    /// into words in the agent's language where said (the doctor's JSON
    /// report in English).
    pub warnings: Vec<crate::i18n::Said>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("api_url", &self.api_url)
            .field("page_id", &self.page_id)
            .field(
                "page_token",
                &self.page_token.as_ref().map(|_| "[REDACTED]"),
            )
            .field(
                "user_token",
                &self.user_token.as_ref().map(|_| "[REDACTED]"),
            )
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// What is wrong with the configuration, said for people by [`said`]
/// (`config-*` of `errors.ftl`): the offending key, value or path as it
/// is written. `Display` is the English (logs, the relay's journal).
///
/// [`said`]: ConfigError::said
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Not TOML, or not the keys we know: `message` is toml's own words;
    /// `line`, where it says.
    #[error("{path} is not valid: {message}")]
    Parse {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
    #[error("{}", .0.words(crate::i18n::Lang::En))]
    Invalid(crate::i18n::Said),
}

impl ConfigError {
    /// What is wrong and what to write, as a message of the catalogs.
    pub fn said(&self) -> crate::i18n::Said {
        use crate::i18n::Said;
        match self {
            ConfigError::Read { path, source } => Said::new("config-read")
                .arg("path", path.display().to_string())
                .arg("reason", source.to_string()),
            ConfigError::Parse {
                path,
                line: Some(line),
                message,
            } => Said::new("config-parse-line")
                .arg("path", path.display().to_string())
                .arg("line", *line)
                .arg("reason", message.as_str()),
            ConfigError::Parse {
                path,
                line: None,
                message,
            } => Said::new("config-parse")
                .arg("path", path.display().to_string())
                .arg("reason", message.as_str()),
            ConfigError::Invalid(said) => said.clone(),
        }
    }
}

/// `[keys]` refused: the keymap's own words (`reason`).
fn keys_error(reason: impl std::fmt::Display) -> ConfigError {
    ConfigError::Invalid(crate::i18n::Said::new("config-keys").arg("reason", reason.to_string()))
}

/// The default config file: `~/.config/pancake-tui/config.toml` on Linux.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("vn", "pancake", "pancake-tui")
        .map(|d| d.config_dir().join("config.toml"))
}

/// Where logs go (never the screen): the platform state or cache dir.
pub fn log_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("vn", "pancake", "pancake-tui")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.cache_dir())
            .to_path_buf(),
    )
}

/// Canned replies: the agent's `canned.toml` beside the config file, else
/// the example shipped in `assets/`. A broken file is reported, not fatal.
pub fn load_canned(
    config_path: Option<&Path>,
) -> (Vec<crate::app::canned::Canned>, Option<crate::i18n::Said>) {
    use crate::app::canned::{EXAMPLE, parse};
    let own = config_path
        .and_then(Path::parent)
        .map(|d| d.join("canned.toml"))
        .filter(|p| p.exists());
    let Some(path) = own else {
        return (parse(EXAMPLE).unwrap_or_default(), None);
    };
    match std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|t| parse(&t))
    {
        Ok(list) => (list, None),
        Err(e) => (
            parse(EXAMPLE).unwrap_or_default(),
            Some(
                crate::i18n::Said::new("config-canned-invalid")
                    .arg("path", path.display().to_string())
                    .arg("reason", e),
            ),
        ),
    }
}

/// The keymap in use (the key table with the config file's `[keys]`) and
/// the interface's language (see [`language_of`]).
pub fn load_keymap(
    flags: &Flags,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(crate::app::keys::Keymap, crate::i18n::Lang), ConfigError> {
    let (_, file) = read_config(flags, env, &mut Vec::new())?;
    let keymap = crate::app::keys::Keymap::from_config(&file.keys).map_err(keys_error)?;
    Ok((keymap, language_of(&file, env)?))
}

/// `language` in the config file, else the locale's
/// (`i18n::Lang::pick`); a value other than "vi" or "en" is an error
/// that says what to write.
fn language_of(
    file: &FileConfig,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<crate::i18n::Lang, ConfigError> {
    let configured = match file.language.as_deref() {
        None => None,
        Some(code) => Some(crate::i18n::Lang::from_config(code).ok_or_else(|| {
            ConfigError::Invalid(
                crate::i18n::Said::new("config-language").arg("value", format!("{code:?}")),
            )
        })?),
    };
    Ok(crate::i18n::Lang::pick(configured, env))
}

/// Resolve flags, environment (through `env`, so tests need no global state)
/// and the config file.
pub fn load(flags: &Flags, env: &dyn Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
    let mut warnings = Vec::new();
    let (path, file) = read_config(flags, env, &mut warnings)?;
    let nonempty = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let api_url = nonempty(flags.api_url.clone())
        .or_else(|| nonempty(env("PANCAKE_API_URL")))
        .or(file.api_url.clone())
        .unwrap_or_else(|| DEFAULT_API_URL.to_owned());
    let page_id = nonempty(flags.page.clone())
        .or_else(|| nonempty(env("PANCAKE_PAGE_ID")))
        .or(file.page_id.clone())
        .map(PageId::new);
    let secret = |s: String| SecretString::from(s.trim().to_owned());
    let page_token = nonempty(env("PANCAKE_PAGE_ACCESS_TOKEN"))
        .or(file.page_access_token.clone())
        .map(secret);
    let user_token = nonempty(env("PANCAKE_ACCESS_TOKEN"))
        .or(file.access_token.clone())
        .map(secret);
    let pages = file
        .pages
        .iter()
        .map(|p| page_entry(p, env, path.as_deref(), &mut warnings))
        .collect::<Result<Vec<_>, _>>()?;
    let me = nonempty(flags.me.clone())
        .or_else(|| nonempty(env("PANCAKE_ME")))
        .or(file.me.clone())
        .or_else(remembered_me)
        .map(UserId::new);

    let mut settings = Settings {
        me,
        local_display: local_display(),
        ..Settings::default()
    };
    if let Some(v) = file.mark_read_on_open {
        settings.mark_read_on_open = v;
    }
    if let Some(v) = file.poll_secs {
        settings.poll_secs = v.max(1);
    }
    if let Some(v) = file.notify {
        settings.notify = v;
    }
    let rate_limit = rate_limit_of(&file, &mut warnings);
    settings.rate_limit = rate_limit;
    if let Some(v) = file.thread_poll_secs {
        settings.thread_poll_secs = v.max(2);
    }
    settings.keymap = crate::app::keys::Keymap::from_config(&file.keys).map_err(keys_error)?;
    settings.lang = language_of(&file, env)?;
    if let Some(tz) = &file.timezone {
        settings.tz = jiff::tz::TimeZone::get(tz).map_err(|_| {
            ConfigError::Invalid(
                crate::i18n::Said::new("config-timezone").arg("value", format!("{tz:?}")),
            )
        })?;
    }
    Ok(Config {
        api_url,
        page_id,
        page_token,
        pages,
        user_token,
        rate_limit,
        allow_plain_http: file.allow_plain_http.unwrap_or(false),
        budget: budget_of(&file, path.as_deref())?,
        timeout_secs: file.timeout_secs.unwrap_or(15).max(1),
        settings,
        views: file.views,
        path,
        warnings,
    })
}

/// A display on this machine to open links on: macOS, or `DISPLAY` /
/// `WAYLAND_DISPLAY` set (not over a plain SSH session).
pub fn local_display() -> bool {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    (cfg!(target_os = "macos") && !set("SSH_CONNECTION"))
        || set("DISPLAY")
        || set("WAYLAND_DISPLAY")
}

#[cfg(test)]
mod tests;
