//! `pancake-tui doctor`.

use secrecy::ExposeSecret;

use super::Told;
use super::client::client_for;
use super::inbox::{page_api, pages_to_open};
use crate::config::{self, Flags};
use crate::i18n::{Arg, Lang, Said, tr};
use crate::runtime::terminal;

/// `pancake-tui doctor`: the report on stdout, in `lang` (the JSON one in
/// English); a failed check exits 1.
pub async fn doctor(flags: Flags, json: bool, lang: Lang) -> anyhow::Result<()> {
    use crate::doctor::{self, Check, Target};
    let cfg = config::load(&flags, &|k| std::env::var(k).ok())?;
    // The same client as the inbox's, the shared rate budget included: the
    // checks count against the page's budget like any other process.
    let client = client_for(&cfg)?;
    let mut setup: Vec<Check> = cfg
        .warnings
        .iter()
        .map(|w| Check::failed("config", w.clone(), None))
        .collect();
    let at = std::time::Instant::now();
    let targets = match pages_to_open(&cfg, &client).await {
        Ok(pages) => {
            let from_user = pages.iter().any(|p| p.renew.is_some());
            let how = Said::new(if from_user {
                "doctor-count-tokens-from-user"
            } else {
                "doctor-count-tokens-given"
            })
            .arg("count", pages.len());
            for p in &pages {
                terminal::register_secret(p.token.expose_secret());
            }
            setup.push(Check::passed(
                "token",
                Said::new("doctor-count-pages")
                    .arg("count", pages.len())
                    .arg("how", how),
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
            let said = match e.downcast_ref::<Told>() {
                Some(told) if e.chain().count() == 1 => cleaned(told.0.clone()),
                _ => cleaned(super::error_said(&e)),
            };
            setup.push(Check::failed(
                "token",
                said,
                Some(at.elapsed().as_millis() as u64),
            ));
            Vec::new()
        }
    };
    let report = doctor::run(&cfg.api_url, setup, targets).await;
    let out = if json {
        serde_json::to_string_pretty(&report)? + "\n"
    } else {
        doctor::render(&report, lang)
    };
    print!("{}", terminal::redact(&out));
    if report.ok {
        Ok(())
    } else {
        anyhow::bail!("{}", tr(lang, "doctor-failed"))
    }
}

/// A message whose words (a path, a page's name, Pancake's detail) are
/// fit for one line of the report, with no token.
fn cleaned(said: Said) -> Said {
    let args = said
        .args
        .into_iter()
        .map(|(name, value)| {
            let value = match value {
                Arg::Text(t) => Arg::Text(clean(&t)),
                Arg::Said(s) => Arg::Said(Box::new(cleaned(*s))),
                n @ Arg::Number(_) => n,
            };
            (name, value)
        })
        .collect();
    Said { id: said.id, args }
}

/// Words on one line with no token; a space each side kept (a detail
/// given as " (…)").
fn clean(text: &str) -> String {
    let line = crate::text::sanitize_line(&terminal::redact(text));
    let space = |yes: bool| if yes && !line.is_empty() { " " } else { "" };
    format!(
        "{}{line}{}",
        space(text.starts_with(' ')),
        space(text.ends_with(' '))
    )
}
