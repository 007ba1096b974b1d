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
    /// Things the agent should know (e.g. a world-readable token file).
    pub warnings: Vec<String>,
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

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not valid: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{0}")]
    Invalid(String),
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
) -> (Vec<crate::app::canned::Canned>, Option<String>) {
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
            Some(format!(
                "{} is not valid ({e}); using the example replies",
                path.display()
            )),
        ),
    }
}

/// Where "who am I" is remembered once asked.
/// A small file of the agent's state (beside the log), private.
fn write_state(name: &str, text: &str) -> std::io::Result<()> {
    let path = log_dir()
        .map(|d| d.join(name))
        .ok_or_else(|| std::io::Error::other("no state directory"))?;
    if let Some(dir) = path.parent() {
        crate::private::create_dir(dir)?;
    }
    crate::private::write(&path, text.as_bytes())
}

fn read_state(name: &str) -> Option<String> {
    std::fs::read_to_string(log_dir()?.join(name)).ok()
}

/// Remember which staff member the agent is (asked once by "assign to me").
pub fn remember_me(user: &UserId) -> std::io::Result<()> {
    write_state("me", user.as_str())
}

fn remembered_me() -> Option<String> {
    Some(read_state("me")?.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Keep the palette's recent commands (by name, latest first) for the next
/// start.
pub fn remember_recent_commands(names: &[&str]) -> std::io::Result<()> {
    write_state("recent-commands", &names.join("\n"))
}

/// The palette's recent commands of the last session, by name.
pub fn recent_commands() -> Vec<String> {
    read_state("recent-commands")
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Resolve flags, environment (through `env`, so tests need no global state)
/// and the config file.
/// The config file the flags and environment name (or the default one,
/// when it exists), read; none: the defaults.
fn read_config(
    flags: &Flags,
    env: &dyn Fn(&str) -> Option<String>,
    warnings: &mut Vec<String>,
) -> Result<(Option<PathBuf>, FileConfig), ConfigError> {
    let explicit = flags
        .config
        .clone()
        .or_else(|| env("PANCAKE_TUI_CONFIG").map(PathBuf::from));
    let path = explicit.clone().or_else(default_path);
    let file = match &path {
        Some(p) if p.exists() => read_file(p, warnings)?,
        Some(p) if explicit.is_some() => {
            return Err(ConfigError::Read {
                path: p.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            });
        }
        _ => FileConfig::default(),
    };
    Ok((path, file))
}

/// The keymap in use: the key table with the config file's `[keys]`.
pub fn load_keymap(
    flags: &Flags,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<crate::app::keys::Keymap, ConfigError> {
    let (_, file) = read_config(flags, env, &mut Vec::new())?;
    crate::app::keys::Keymap::from_config(&file.keys)
        .map_err(|e| ConfigError::Invalid(format!("[keys] in config: {e}")))
}

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
    settings.keymap = crate::app::keys::Keymap::from_config(&file.keys)
        .map_err(|e| ConfigError::Invalid(format!("[keys] in config: {e}")))?;
    if let Some(tz) = &file.timezone {
        settings.tz = jiff::tz::TimeZone::get(tz)
            .map_err(|_| ConfigError::Invalid(format!("unknown timezone {tz:?} in config")))?;
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

/// Requests per second per page, whatever the file says: at least 1 (0
/// would switch the throttle off for every agent sharing the budget), at
/// most 20 (four times Pancake's 5/s).
pub const RATE_LIMIT_RANGE: std::ops::RangeInclusive<u32> = 1..=20;

fn rate_limit_of(file: &FileConfig, warnings: &mut Vec<String>) -> u32 {
    let asked = file.rate_limit.unwrap_or(5);
    let kept = asked.clamp(*RATE_LIMIT_RANGE.start(), *RATE_LIMIT_RANGE.end());
    if kept != asked {
        warnings.push(format!(
            "rate_limit = {asked} in config is out of {}..={}: {kept} is used",
            RATE_LIMIT_RANGE.start(),
            RATE_LIMIT_RANGE.end()
        ));
    }
    kept
}

/// A password in a URL (`redis://:pw@host` or `redis://user:pw@host`) is a
/// secret like a token: redacted wherever text leaves the app.
fn register_url_password(url: &str) {
    let Some(rest) = url.split_once("://").map(|(_, r)| r) else {
        return;
    };
    let Some((userinfo, _)) = rest.split_once('@') else {
        return;
    };
    if let Some((_, password)) = userinfo.split_once(':') {
        crate::text::register_secret(password);
    }
}

/// `rate_budget`, `budget_dir` and `redis_ca_file`.
fn budget_of(
    file: &FileConfig,
    config: Option<&Path>,
) -> Result<crate::api::budget::BudgetConfig, ConfigError> {
    use crate::api::budget::BudgetConfig;
    let dir = file.budget_dir.as_deref().map(|d| expand_home(d, config));
    Ok(match file.rate_budget.as_deref().map(str::trim) {
        None | Some("" | "host") => BudgetConfig::Host { dir },
        Some("process") => BudgetConfig::Process,
        Some(url) if url.starts_with("redis://") || url.starts_with("rediss://") => {
            register_url_password(url);
            let ca_file = file
                .redis_ca_file
                .as_deref()
                .map(|f| expand_home(f, config));
            if let Some(f) = &ca_file {
                if !url.starts_with("rediss://") {
                    return Err(ConfigError::Invalid(
                        "redis_ca_file in config is for a Redis over TLS: write \
                         rate_budget = \"rediss://host:6380/0\""
                            .into(),
                    ));
                }
                crate::api::budget::tls::read_ca(f)
                    .map_err(|e| ConfigError::Invalid(format!("{e} (in config)")))?;
            }
            BudgetConfig::Redis {
                url: url.to_owned(),
                dir,
                ca_file,
            }
        }
        Some(_) => {
            return Err(ConfigError::Invalid(
                "rate_budget in config: write \"host\", \"process\", \"redis://host:6379/0\" or \"rediss://host:6380/0\""
                    .into(),
            ));
        }
    })
}

/// Resolve one `[[pages]]` entry's token: from its variable, else its file.
fn page_entry(
    p: &PageConfig,
    env: &dyn Fn(&str) -> Option<String>,
    config: Option<&Path>,
    warnings: &mut Vec<String>,
) -> Result<PageEntry, ConfigError> {
    let id = p.id.trim();
    if id.is_empty() {
        return Err(ConfigError::Invalid(
            "a [[pages]] entry has an empty id".into(),
        ));
    }
    let from_env = p
        .token_env
        .as_deref()
        .and_then(env)
        .filter(|t| !t.trim().is_empty());
    let token = match (&from_env, &p.token_file) {
        (Some(t), _) => t.trim().to_owned(),
        (None, Some(file)) => {
            let file = expand_home(file, config);
            let text = std::fs::read_to_string(&file).map_err(|e| {
                ConfigError::Invalid(format!(
                    "page {id}: cannot read its token file {}: {e}",
                    file.display()
                ))
            })?;
            if readable_by_others(&file) {
                warnings.push(format!(
                    "{} holds a token and is readable by other users: run chmod 600 {}",
                    file.display(),
                    file.display()
                ));
            }
            text.trim().to_owned()
        }
        (None, None) => {
            return Err(ConfigError::Invalid(match &p.token_env {
                Some(var) => format!("page {id}: set {var} to its page access token"),
                None => {
                    format!("page {id}: give it token_env = \"VARIABLE\" or token_file = \"path\"")
                }
            }));
        }
    };
    if token.is_empty() {
        return Err(ConfigError::Invalid(format!(
            "page {id}: its token is empty"
        )));
    }
    Ok(PageEntry {
        id: PageId::new(id),
        name: p
            .name
            .as_deref()
            .map(crate::text::sanitize_line)
            .filter(|n| !n.trim().is_empty()),
        token: SecretString::from(token),
    })
}

/// `~/x` from the home directory; a relative path from the config's folder.
fn expand_home(path: &Path, config: Option<&Path>) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(home) = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf())
    {
        return home.join(rest);
    }
    match config.and_then(Path::parent) {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path.to_path_buf(),
    }
}

fn read_file(path: &Path, warnings: &mut Vec<String>) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_owned(),
        source,
    })?;
    let file: FileConfig = toml::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.to_owned(),
        // toml's message quotes the offending line, which may hold a token.
        message: e.message().to_owned(),
    })?;
    if (file.page_access_token.is_some() || file.access_token.is_some()) && readable_by_others(path)
    {
        warnings.push(format!(
            "{} holds a token and is readable by other users: run chmod 600 {}",
            path.display(),
            path.display()
        ));
    }
    Ok(file)
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o044 != 0)
}

#[cfg(not(unix))]
fn readable_by_others(_: &Path) -> bool {
    false
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
mod tests {
    use super::*;
    use crate::app::keys::Command;
    use secrecy::ExposeSecret;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    fn write(dir: &Path, body: &str, mode: u32) -> PathBuf {
        let p = dir.join("config.toml");
        std::fs::write(&p, body).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        p
    }

    fn tmpdir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("pancake-cfg-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// Values a group member could plant in a shared config stay in range:
    /// the throttle is never switched off, never set past what makes sense.
    #[test]
    fn rate_limit_has_a_floor_and_a_ceiling_and_rediss_takes_a_ca_file() {
        let dir = tmpdir("ranges");
        let load_with = |body: &str| {
            let path = write(&dir, body, 0o600);
            let flags = Flags {
                config: Some(path),
                ..Flags::default()
            };
            load(&flags, &env_of(&[]))
        };
        for (asked, kept) in [(0, 1), (5, 5), (1_000_000, 20)] {
            let c = load_with(&format!("rate_limit = {asked}\n")).unwrap();
            assert_eq!(
                (c.rate_limit, c.settings.rate_limit),
                (kept, kept),
                "{asked}"
            );
            assert_eq!(
                c.warnings.iter().any(|w| w.contains("rate_limit")),
                asked != kept,
                "{:?}",
                c.warnings
            );
        }
        let c = load_with("rate_budget = \"rediss://team.example:6380/0\"\n").unwrap();
        assert!(matches!(
            c.budget,
            crate::api::budget::BudgetConfig::Redis { ca_file: None, .. }
        ));
        let e = load_with(
            "rate_budget = \"redis://team.example:6379/0\"\nredis_ca_file = \"/x/ca.pem\"\n",
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("write rate_budget = \"rediss://"),
            "{e}"
        );
        let e = load_with(
            "rate_budget = \"rediss://team.example:6380/0\"\nredis_ca_file = \"/no/such/ca.pem\"\n",
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("redis_ca_file /no/such/ca.pem: cannot read it"),
            "{e}"
        );
        load_with("rate_budget = \"redis://:hunter2-secret@10.0.0.5:6379/0\"\n").unwrap();
        assert_eq!(
            crate::text::redact("redis: auth hunter2-secret refused"),
            "redis: auth *** refused",
            "a Redis password is redacted like a token"
        );
        let c = load_with("allow_plain_http = true\n").unwrap();
        assert!(c.allow_plain_http);
        assert!(!load_with("").unwrap().allow_plain_http);
    }

    #[test]
    fn flags_beat_env_beat_file_beat_defaults() {
        let dir = tmpdir("prec");
        let path = write(
            &dir,
            "api_url = \"http://file\"\npage_id = \"file-page\"\npage_access_token = \"file-token\"\npoll_secs = 60\n\
             [[views]]\nname = \"Orders\"\ntags = [\"Orders\"]\nunread = true\n",
            0o600,
        );
        let flags = Flags {
            config: Some(path.clone()),
            ..Flags::default()
        };
        let c = load(&flags, &env_of(&[])).unwrap();
        assert_eq!(c.api_url, "http://file");
        assert_eq!(c.page_id, Some(PageId::new("file-page")));
        assert_eq!(c.page_token.unwrap().expose_secret(), "file-token");
        assert_eq!(c.settings.poll_secs, 60);
        assert_eq!(c.views.len(), 1);
        assert_eq!(c.views[0].tags, vec!["Orders".to_string()]);
        assert!(c.warnings.is_empty());

        let env = env_of(&[
            ("PANCAKE_API_URL", "http://env"),
            ("PANCAKE_PAGE_ID", "env-page"),
            ("PANCAKE_PAGE_ACCESS_TOKEN", "env-token"),
        ]);
        let c = load(&flags, &env).unwrap();
        assert_eq!(c.api_url, "http://env");
        assert_eq!(c.page_token.unwrap().expose_secret(), "env-token");

        let flags = Flags {
            api_url: Some("http://flag".into()),
            page: Some("flag-page".into()),
            ..flags
        };
        let c = load(&flags, &env).unwrap();
        assert_eq!(c.api_url, "http://flag");
        assert_eq!(c.page_id, Some(PageId::new("flag-page")));

        let none = Flags {
            config: Some(dir.join("absent.toml")),
            ..Flags::default()
        };
        assert!(
            load(&none, &env_of(&[])).is_err(),
            "an explicit missing file is an error"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_readable_token_file_is_warned_about_and_debug_hides_tokens() {
        let dir = tmpdir("perm");
        let path = write(&dir, "page_access_token = \"s3cret-token\"\n", 0o644);
        let c = load(
            &Flags {
                config: Some(path),
                ..Flags::default()
            },
            &env_of(&[]),
        )
        .unwrap();
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
        assert!(c.warnings[0].contains("chmod 600"));
        assert!(!format!("{c:?}").contains("s3cret-token"));
    }

    #[test]
    fn pages_take_tokens_from_their_variable_or_file() {
        let dir = tmpdir("pages");
        std::fs::write(dir.join("cafe.token"), "cafe-secret\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(
                dir.join("cafe.token"),
                std::fs::Permissions::from_mode(0o600),
            )
            .unwrap();
        }
        let path = write(
            &dir,
            "[[pages]]\nid = \"111\"\nname = \"Bánh\"\ntoken_env = \"TOK_BANH\"\n\
             [[pages]]\nid = \"222\"\ntoken_file = \"cafe.token\"\n",
            0o600,
        );
        let flags = Flags {
            config: Some(path),
            ..Flags::default()
        };
        let c = load(&flags, &env_of(&[("TOK_BANH", "banh-secret")])).unwrap();
        assert_eq!(c.pages.len(), 2);
        assert_eq!(c.pages[0].id, PageId::new("111"));
        assert_eq!(c.pages[0].name.as_deref(), Some("Bánh"));
        assert_eq!(c.pages[0].token.expose_secret(), "banh-secret");
        assert_eq!(c.pages[1].token.expose_secret(), "cafe-secret");
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert!(!format!("{:?}", c.pages).contains("secret"));

        let e = load(&flags, &env_of(&[])).unwrap_err().to_string();
        assert!(e.contains("set TOK_BANH"), "{e}");
        assert!(!e.contains("secret"), "{e}");
    }

    #[test]
    fn bad_files_say_where_without_echoing_the_token() {
        let dir = tmpdir("bad");
        let path = write(&dir, "page_access_token = \"tok-123\"\nbogus = 1\n", 0o600);
        let e = load(
            &Flags {
                config: Some(path),
                ..Flags::default()
            },
            &env_of(&[]),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("config.toml is not valid"), "{e}");
        assert!(!e.contains("tok-123"), "{e}");
    }

    #[test]
    fn keys_in_the_config_rebind_commands_and_bad_ones_say_why() {
        let dir = tmpdir("keys");
        let flags = Flags {
            config: Some(write(
                &dir,
                "[keys]\ntag_picker = \"T\"\nreply = [\"t\", \"Enter\"]\n",
                0o600,
            )),
            ..Flags::default()
        };
        let c = load(&flags, &env_of(&[])).unwrap();
        let keymap = &c.settings.keymap;
        assert_eq!(keymap.keys_of(Command::TagPicker), vec!["T"]);
        assert_eq!(keymap.keys_of(Command::Reply), vec!["t", "Enter"]);
        assert_eq!(
            keymap.keys_of(Command::Open),
            vec!["l"],
            "Enter went to reply"
        );

        write(&dir, "[keys]\ntag_pikcer = \"T\"\n", 0o600);
        let e = load(&flags, &env_of(&[])).unwrap_err().to_string();
        assert!(
            e.contains("[keys] in config: unknown command \"tag_pikcer\""),
            "{e}"
        );
    }
}
