//! `pancake-tui stats`: the calls and the merging of the figures; the
//! table and CSV are written by `stats_render`.

use secrecy::ExposeSecret;

use super::client::client_for;
use super::inbox::{page_api, pages_to_open};
use super::{StatsFormat, say, shown_path, stats_render};
use crate::api::PageId;
use crate::config::{self, Flags};
use crate::i18n::{Said, tr_with};
use crate::runtime::terminal;

/// The multi-page users statistics answered, but none of its rows names a
/// page that was asked.
fn no_page_rows() -> crate::api::ApiError {
    crate::api::ApiError::Decode {
        what: crate::api::RequestKind::UserStatisticsOfPages,
        detail: crate::api::decode_problem::DecodeProblem::NoPageRows.into(),
    }
}

pub async fn stats(
    flags: Flags,
    since: &str,
    format: StatsFormat,
    all_pages: bool,
    lang: Option<&str>,
) -> anyhow::Result<()> {
    use crate::api::UnixSeconds;
    use crate::api::stats::{self, Period};
    let cfg = config::load(&flags, &|k| std::env::var(k).ok())?;
    // `--lang`'s, else config.toml's `language`, else the locale's.
    let lang = super::lang_flag(lang, cfg.settings.lang)?;
    for w in &cfg.warnings {
        say(&Said::new("cli-warning")
            .arg("warning", w.clone())
            .words(lang));
    }
    let tz = cfg.settings.tz.clone();
    let now = UnixSeconds::now();
    let since = stats::parse_since(since, now, &tz).map_err(|e| anyhow::anyhow!(e))?;
    let period = Period {
        since,
        until: now,
        tz,
    };
    let client = client_for(&cfg)?;
    let user = match (&cfg.user_token, all_pages) {
        (Some(t), true) => Some(client.user(t.clone())),
        (None, true) => anyhow::bail!(tr_with(
            lang,
            "stats-cli-needs-user-token",
            &[("path", shown_path(&cfg).into())],
        )),
        (_, false) => None,
    };
    let pages = pages_to_open(&cfg, &client).await?;
    let ids: Vec<PageId> = pages.iter().map(|p| p.id.clone()).collect();
    let mut report = Vec::new();
    let mut apis = Vec::new();
    for p in pages {
        terminal::register_secret(p.token.expose_secret());
        let name = p.name.clone();
        let api = page_api(&client, p);
        let mut figures = api
            .page_stats_parts(&period, user.is_none())
            .await
            .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        figures.page_name = Some(name);
        report.push(figures);
        apis.push(api);
    }
    if let Some(user) = &user {
        // An answer whose rows name none of the pages asked (a shape not
        // read as ours: the call is not confirmed) counts as a failure, so
        // each page's own figures stand in rather than nothing.
        let answer = user.user_stats_pages(&ids, &period).await.and_then(|rows| {
            let named = |r: &&stats::StaffFigures| {
                r.page_id
                    .as_ref()
                    .is_some_and(|p| report.iter().any(|page| page.page_id.as_ref() == Some(p)))
            };
            if rows.value.iter().any(|r| named(&r)) || rows.value.is_empty() && rows.skipped == 0 {
                Ok(rows)
            } else {
                Err(no_page_rows())
            }
        });
        match answer {
            Ok(rows) => {
                for page in &mut report {
                    let mine: Vec<_> = rows
                        .value
                        .iter()
                        .filter(|r| r.page_id.is_some() && r.page_id == page.page_id)
                        .cloned()
                        .collect();
                    stats::merge_staff(&mut page.staff, mine);
                    if rows.skipped > 0 {
                        page.skipped_rows.push(("staff".into(), rows.skipped));
                    }
                }
            }
            // The multi-page call is not confirmed (pancake-api.md § Statistics):
            // each page's own users statistics stand in.
            Err(e) => {
                let words = tr_with(
                    lang,
                    "stats-cli-each-page",
                    &[("error", e.to_string().into())],
                );
                say(&format!("pancake-tui: {words}"));
                for (page, api) in report.iter_mut().zip(&apis) {
                    api.add_user_stats(page, &period)
                        .await
                        .map_err(|e| anyhow::anyhow!("users statistics: {e}"))?;
                }
            }
        }
    }
    let out = match format {
        StatsFormat::Table => stats_render::render_table(&report, lang),
        StatsFormat::Csv => stats_render::render_csv(&report),
        StatsFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
    };
    print!("{}", terminal::redact(&out));
    Ok(())
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_table_speaks_the_lang_flag_else_the_configured_language() {
        use super::super::{error_words, lang_flag};
        use crate::i18n::Lang;
        assert_eq!(lang_flag(None, Lang::Vi).unwrap(), Lang::Vi);
        assert_eq!(lang_flag(Some("en"), Lang::Vi).unwrap(), Lang::En);
        assert_eq!(lang_flag(Some("VI"), Lang::En).unwrap(), Lang::Vi);
        let e = lang_flag(Some("vn"), Lang::Vi).unwrap_err();
        assert_eq!(
            error_words(&e, Lang::Vi),
            "--lang \"vn\": hãy ghi --lang vi hoặc --lang en"
        );
        let e = lang_flag(Some("fr"), Lang::En).unwrap_err();
        assert_eq!(
            error_words(&e, Lang::En),
            "--lang \"fr\": write --lang vi or --lang en"
        );
    }
}
