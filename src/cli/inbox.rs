//! The TUI start: `pancake-tui` with no subcommand opens the inbox on the
//! configured pages; which pages to open and how (`pages_to_open`, `open`)
//! is shared with `demo`, `doctor` and `stats`.

use secrecy::{ExposeSecret, SecretString};

use super::client::client_for;
use super::{config_file, say, told};
use crate::api::{Client, PageApi, PageId, UserApi};
use crate::config::{self, Flags};
use crate::i18n::Said;
use crate::runtime::{self, terminal};
use crate::store;

/// The inbox against the configured pages. `start_notice`: what was found
/// before the inbox started (a log dir open to others, made private), shown
/// on its status bar.
pub async fn inbox(flags: Flags, start_notice: Option<String>) -> anyhow::Result<()> {
    let cfg = config::load(&flags, &|k| std::env::var(k).ok())?;
    let lang = cfg.settings.lang;
    let warn = |w: &str| say(&Said::new("cli-warning").arg("warning", w).words(lang));
    for w in &cfg.warnings {
        warn(&w.words(lang));
    }
    let client = client_for(&cfg)?;
    let pages = pages_to_open(&cfg, &client).await?;
    let (canned, warning) = config::load_canned(cfg.path.as_deref());
    let warning = warning.map(|w| w.words(lang));
    if let Some(w) = &warning {
        warn(w);
    }
    let extras = Extras {
        settings: cfg.settings,
        views: cfg.views,
        canned,
        cache: true,
        team: crate::team::client(&cfg.budget),
        // The inbox covers stderr: say it on the status bar too.
        notice: match (warning, start_notice) {
            (Some(w), Some(n)) => Some(format!("{w}; {n}")),
            (w, n) => w.or(n),
        },
    };
    open(client, pages, false, extras).await
}

pub(crate) fn page_api(client: &Client, p: Opening) -> PageApi {
    match p.renew {
        Some(user) => client.page_renewable(p.id, p.token, user),
        None => client.page(p.id, p.token),
    }
}

/// A page to open: id, name, token (and the user token's calls, when the
/// page token came from it and can be generated anew).
pub(crate) struct Opening {
    pub(crate) id: PageId,
    pub(crate) name: String,
    pub(crate) token: SecretString,
    pub(crate) renew: Option<UserApi>,
}
/// Which pages to open: `[[pages]]` from the config (the `--page` one first),
/// else the one page of `PANCAKE_PAGE_ID` + `PANCAKE_PAGE_ACCESS_TOKEN`,
/// else every page of the user token (`PANCAKE_ACCESS_TOKEN`, or only
/// `--page`), with page tokens generated now and held in memory only.
/// What is wrong is said as a message of the catalogs ([`super::Told`]).
pub(crate) async fn pages_to_open(
    cfg: &config::Config,
    client: &Client,
) -> anyhow::Result<Vec<Opening>> {
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
                None => {
                    return Err(told(
                        Said::new("cli-page-not-in-config")
                            .arg("page", first.to_string())
                            .arg("path", config_file(cfg)),
                    ));
                }
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
        let id = if cfg.page_id.is_some() {
            "cli-no-page-token"
        } else {
            "cli-no-page"
        };
        return Err(told(Said::new(id).arg("path", config_file(cfg))));
    };
    terminal::register_secret(user_token.expose_secret());
    let user = client.user(user_token);
    let listed = user
        .pages()
        .await
        .map_err(|e| told(Said::new("cli-listing-pages").arg("error", e.said())))?;
    let wanted: Vec<_> = listed
        .into_iter()
        .filter(|p| cfg.page_id.as_ref().is_none_or(|id| &p.id == id))
        .collect();
    if wanted.is_empty() {
        return Err(told(match &cfg.page_id {
            Some(id) => Said::new("cli-page-not-of-user").arg("page", id.to_string()),
            None => Said::new("cli-user-no-pages"),
        }));
    }
    let mut pages = Vec::new();
    for p in wanted {
        let token = user.generate_page_token(&p.id).await.map_err(|e| {
            told(
                Said::new("cli-page-token-for")
                    .arg("page", p.name.as_str())
                    .arg("error", e.said()),
            )
        })?;
        pages.push(Opening {
            id: p.id,
            name: p.name,
            token,
            renew: Some(user.clone()),
        });
    }
    Ok(pages)
}

/// What the inbox takes besides the pages.
pub(crate) struct Extras {
    pub(crate) settings: crate::app::Settings,
    pub(crate) views: Vec<crate::app::filter::ViewConfig>,
    pub(crate) canned: Vec<crate::app::canned::Canned>,
    /// Keep a local cache per page (not in the demo).
    pub(crate) cache: bool,
    /// Shown on the status bar at start.
    pub(crate) notice: Option<String>,
    /// The team's Redis (`rate_budget = "redis://…"`): one reader per page
    /// for the team, news through it.
    pub(crate) team: Option<redis::Client>,
}

pub(crate) async fn open(
    client: Client,
    pages: Vec<Opening>,
    demo: bool,
    extras: Extras,
) -> anyhow::Result<()> {
    // What is said on stderr, in the agent's language.
    let lang = extras.settings.lang;
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
                Err(e) => {
                    let said = Said::new("cli-no-local-cache")
                        .arg("page", p.name.as_str())
                        .arg("error", e.said());
                    (None, Some(said))
                }
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
        team: extras.team,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    })
    .await?;
    if !report.unsent.is_empty() {
        let id = if cached {
            "cli-unsent-kept"
        } else {
            "cli-unsent-lost"
        };
        say(&Said::new(id).arg("count", report.unsent.len()).words(lang));
        for line in unsent_lines(&report.unsent) {
            say(&line);
        }
    }
    Ok(())
}

/// The actions left unconfirmed at exit, a line each, as stderr shows them:
/// their labels name customers and files from the API, so they are
/// sanitized here too (a terminal, or a log it is piped to, takes no
/// escape from them).
fn unsent_lines(unsent: &[String]) -> Vec<String> {
    unsent
        .iter()
        .map(|a| format!("  - {}", crate::text::sanitize_line(a)))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_exit_report_sanitizes_what_came_from_the_api() {
        let lines = super::unsent_lines(&["reply to \u{1b}]2;owned\u{7}Lan".into()]);
        assert_eq!(lines.len(), 1);
        assert!(
            !lines[0].contains('\u{1b}') && !lines[0].contains('\u{7}'),
            "{lines:?}"
        );
        assert!(lines[0].contains("Lan"));
    }
}
