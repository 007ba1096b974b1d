//! Values of the config checked and resolved: the rate limit, a URL's
//! password, the shared budget, each page's token.

use crate::i18n::Said;
use std::path::Path;

use secrecy::SecretString;

use crate::api::PageId;

use super::{ConfigError, FileConfig, PageConfig, PageEntry, expand_home, readable_by_others};

/// Requests per second per page, whatever the file says: at least 1 (0
/// would switch the throttle off for every agent sharing the budget), at
/// most 20 (four times Pancake's 5/s).
pub const RATE_LIMIT_RANGE: std::ops::RangeInclusive<u32> = 1..=20;

pub(super) fn rate_limit_of(file: &FileConfig, warnings: &mut Vec<Said>) -> u32 {
    let asked = file.rate_limit.unwrap_or(5);
    let kept = asked.clamp(*RATE_LIMIT_RANGE.start(), *RATE_LIMIT_RANGE.end());
    if kept != asked {
        // As text, not numbers: the words are config's, ungrouped.
        warnings.push(
            Said::new("warning-rate-limit")
                .arg("asked", asked.to_string())
                .arg("low", RATE_LIMIT_RANGE.start().to_string())
                .arg("high", RATE_LIMIT_RANGE.end().to_string())
                .arg("kept", kept.to_string()),
        );
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
pub(super) fn budget_of(
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
                    return Err(ConfigError::Invalid(Said::new("config-ca-needs-tls")));
                }
                crate::api::budget::tls::read_ca(f).map_err(|e| {
                    ConfigError::Invalid(
                        Said::new("config-ca-unreadable").arg("reason", e.to_string()),
                    )
                })?;
            }
            BudgetConfig::Redis {
                url: url.to_owned(),
                dir,
                ca_file,
            }
        }
        Some(_) => {
            return Err(ConfigError::Invalid(Said::new("config-rate-budget")));
        }
    })
}

/// Resolve one `[[pages]]` entry's token: from its variable, else its file.
pub(super) fn page_entry(
    p: &PageConfig,
    env: &dyn Fn(&str) -> Option<String>,
    config: Option<&Path>,
    warnings: &mut Vec<Said>,
) -> Result<PageEntry, ConfigError> {
    let id = p.id.trim();
    if id.is_empty() {
        return Err(ConfigError::Invalid(Said::new("config-page-empty-id")));
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
                ConfigError::Invalid(
                    Said::new("config-page-token-file")
                        .arg("page", id)
                        .arg("path", file.display().to_string())
                        .arg("reason", e.to_string()),
                )
            })?;
            if readable_by_others(&file) {
                warnings.push(
                    Said::new("warning-token-readable").arg("path", file.display().to_string()),
                );
            }
            text.trim().to_owned()
        }
        (None, None) => {
            return Err(ConfigError::Invalid(match &p.token_env {
                Some(var) => Said::new("config-page-set-var")
                    .arg("page", id)
                    .arg("variable", var.as_str()),
                None => Said::new("config-page-no-token").arg("page", id),
            }));
        }
    };
    if token.is_empty() {
        return Err(ConfigError::Invalid(
            Said::new("config-page-token-empty").arg("page", id),
        ));
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
