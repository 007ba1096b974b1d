//! The relay's settings (`pancake-tui relay`): the `[relay]` table of the
//! config file, `PANCAKE_RELAY_SECRET`, the pages, and the team's Redis
//! (`rate_budget`). Read without the pages' tokens: the relay never calls
//! Pancake.
//!
//! ```toml
//! rate_budget = "redis://127.0.0.1:6379/0"   # the team's Redis
//!
//! [relay]
//! listen = "127.0.0.1:8787"       # default; a reverse proxy forwards to it
//! secret = "…"                    # or PANCAKE_RELAY_SECRET: POSTs on /hook/<secret>
//! allow = ["203.0.113.0/24"]      # and/or: addresses allowed to post
//! pages = ["105384912345678"]     # default: the [[pages]] ids, else page_id
//! max_body_kb = 512               # a larger body answers 413
//! ```

use crate::i18n::Said;
use std::path::PathBuf;

use secrecy::SecretString;
use serde::Deserialize;

use super::file::{read_config, readable_by_others};
use super::values::budget_of;
use super::{ConfigError, Flags};
use crate::api::PageId;
use crate::api::budget::BudgetConfig;

/// The `[relay]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelayFile {
    pub listen: Option<String>,
    pub secret: Option<String>,
    #[serde(default)]
    pub allow: Vec<String>,
    #[serde(default)]
    pub pages: Vec<String>,
    pub max_body_kb: Option<usize>,
    /// The relay's name among relays (default: host name, process id).
    pub id: Option<String>,
}

/// The relay's settings, resolved.
pub struct RelaySettings {
    /// `[relay] listen`, when set (the command line's `--listen` wins).
    pub listen: Option<String>,
    /// `PANCAKE_RELAY_SECRET`, else `[relay] secret`.
    pub secret: Option<SecretString>,
    pub allow: Vec<String>,
    pub pages: Vec<PageId>,
    /// `rate_budget`: the Redis the relay publishes into.
    pub redis_url: String,
    pub redis_ca_file: Option<PathBuf>,
    pub max_body: Option<usize>,
    pub id: Option<String>,
    /// Things to say at start (a secret in a file others can read), put
    /// into words in the agent's language where said.
    pub warnings: Vec<Said>,
}

impl std::fmt::Debug for RelaySettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RelaySettings")
            .field("listen", &self.listen)
            .field("secret", &self.secret.as_ref().map(|_| "[REDACTED]"))
            .field("allow", &self.allow)
            .field("pages", &self.pages)
            .finish_non_exhaustive()
    }
}

/// Resolve the relay's settings from flags, the environment (through
/// `env`) and the config file.
pub fn load_relay(
    flags: &Flags,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<RelaySettings, ConfigError> {
    let mut warnings = Vec::new();
    let (path, file) = read_config(flags, env, &mut warnings)?;
    let shown = path.as_ref().map_or(Said::new("config-the-file"), |p| {
        Said::verbatim(p.display().to_string())
    });
    let redis_url = match budget_of(&file, path.as_deref())? {
        BudgetConfig::Redis { url, ca_file, .. } => (url, ca_file),
        _ => {
            return Err(ConfigError::Invalid(
                Said::new("config-relay-redis").arg("path", shown),
            ));
        }
    };
    let relay = file.relay.unwrap_or_default();
    let nonempty = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let from_file = nonempty(relay.secret.clone());
    if from_file.is_some()
        && let Some(p) = &path
        && readable_by_others(p)
    {
        warnings
            .push(Said::new("warning-relay-secret-readable").arg("path", p.display().to_string()));
    }
    let secret = nonempty(env("PANCAKE_RELAY_SECRET"))
        .or(from_file)
        .map(SecretString::from);
    let mut pages: Vec<PageId> = relay
        .pages
        .iter()
        .chain(
            file.pages
                .iter()
                .map(|p| &p.id)
                .filter(|_| relay.pages.is_empty()),
        )
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(PageId::new)
        .collect();
    if pages.is_empty()
        && let Some(one) = nonempty(flags.page.clone())
            .or_else(|| nonempty(env("PANCAKE_PAGE_ID")))
            .or(nonempty(file.page_id.clone()))
    {
        pages.push(PageId::new(one));
    }
    pages.dedup();
    Ok(RelaySettings {
        listen: nonempty(relay.listen),
        secret,
        allow: relay.allow,
        pages,
        redis_url: redis_url.0,
        redis_ca_file: redis_url.1,
        max_body: relay.max_body_kb.map(|kb| kb.saturating_mul(1024)),
        id: nonempty(relay.id),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use secrecy::ExposeSecret;

    fn load(
        name: &str,
        body: &str,
        mode: u32,
        env: &[(&str, &str)],
    ) -> Result<RelaySettings, ConfigError> {
        let dir =
            std::env::temp_dir().join(format!("pancake-relay-cfg-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("config.toml");
        std::fs::write(&path, body).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        let flags = Flags {
            config: Some(path),
            ..Flags::default()
        };
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect();
        load_relay(&flags, &|k| {
            env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn pages_secret_and_redis_resolved() {
        let body = r#"
rate_budget = "redis://127.0.0.1:6379/0"
[[pages]]
id = "111"
token_env = "NOT_SET_HERE"
[[pages]]
id = "222"
token_env = "NOT_SET_EITHER"
[relay]
secret = "from-the-file-0123456789"
allow = ["203.0.113.0/24"]
max_body_kb = 64
"#;
        // The pages' tokens are not needed: the relay never calls Pancake.
        let s = load("resolved", body, 0o600, &[]).unwrap();
        let ids: Vec<&str> = s.pages.iter().map(|p| p.as_str()).collect();
        assert_eq!(ids, ["111", "222"]);
        assert_eq!(
            s.secret.as_ref().unwrap().expose_secret(),
            "from-the-file-0123456789"
        );
        assert_eq!(s.redis_url, "redis://127.0.0.1:6379/0");
        assert_eq!(s.max_body, Some(64 * 1024));
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        assert!(!format!("{s:?}").contains("from-the-file"));

        let s = load(
            "env",
            body,
            0o644,
            &[("PANCAKE_RELAY_SECRET", "from-the-env-0123456789")],
        )
        .unwrap();
        assert_eq!(s.secret.unwrap().expose_secret(), "from-the-env-0123456789");
        let warning = &s.warnings[0];
        assert!(
            warning.words(Lang::En).contains("relay's secret"),
            "{warning:?}"
        );
        assert!(
            warning.words(Lang::En).ends_with("config.toml"),
            "{warning:?}"
        );
        assert!(
            warning.words(Lang::Vi).contains("mã bí mật của relay"),
            "{warning:?}"
        );

        let own =
            "rate_budget = \"rediss://r:6380/0\"\npage_id = \"9\"\n[relay]\npages = [\"5\"]\n";
        let s = load("own", own, 0o600, &[]).unwrap();
        assert_eq!(s.pages, vec![PageId::new("5")]);
        let one = "rate_budget = \"redis://r:6379/0\"\n";
        let s = load("one", one, 0o600, &[("PANCAKE_PAGE_ID", "7")]).unwrap();
        assert_eq!(s.pages, vec![PageId::new("7")]);
    }

    #[test]
    fn redis_is_required() {
        for body in [
            "",
            "rate_budget = \"host\"\n",
            "rate_budget = \"process\"\n",
        ] {
            let err = load("redis", body, 0o600, &[]).unwrap_err().to_string();
            assert!(err.contains("rate_budget = \"redis://"), "{err}");
        }
        let typo = "rate_budget = \"redis://r:6379/0\"\n[relay]\nsecrett = \"x\"\n";
        assert!(load("typo", typo, 0o600, &[]).is_err());
    }
}
