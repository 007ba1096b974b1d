//! clap's own errors (an unknown argument, a bad value, a missing one) in
//! the agent's language: for the common kinds our catalog's message
//! (`assets/i18n/*/forms.ftl`) with the argument at fault, the usage line
//! and where to read more, as clap lays them out; every other kind as clap
//! says it (English). The exit code and the stream are clap's (2, stderr).

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::{Lang, Said, tr};
use crate::text::sanitize_line;

/// `e` said to the agent in `lang`, then the exit with clap's code; what
/// is not an error (`--help`, `--version`) and the kinds not translated
/// are printed by clap itself.
pub fn exit(e: clap::Error, lang: Lang) -> ! {
    match words(&e, lang) {
        Some(words) => {
            eprint!("{words}");
            std::process::exit(e.exit_code())
        }
        None => e.exit(),
    }
}

/// A context value as text, each part sanitized (it comes from the
/// command line), a list's parts joined with `sep`.
fn text(value: Option<&ContextValue>, sep: &str) -> Option<String> {
    Some(match value? {
        ContextValue::String(s) => sanitize_line(s),
        ContextValue::Strings(list) => list
            .iter()
            .map(|s| sanitize_line(s))
            .collect::<Vec<_>>()
            .join(sep),
        ContextValue::StyledStr(s) => sanitize_line(&s.to_string()),
        ContextValue::Number(n) => n.to_string(),
        _ => return None,
    })
}

/// What went wrong, in `lang`; `None` for the kinds clap says itself.
fn what(e: &clap::Error, lang: Lang) -> Option<String> {
    let get = |kind| text(e.get(kind), "', '");
    let arg = || get(ContextKind::InvalidArg);
    let said = match e.kind() {
        ErrorKind::UnknownArgument => Said::new("parse-unknown-argument").arg("arg", arg()?),
        ErrorKind::InvalidSubcommand => Said::new("parse-unknown-subcommand")
            .arg("command", get(ContextKind::InvalidSubcommand)?),
        ErrorKind::InvalidValue => match get(ContextKind::InvalidValue)? {
            value if value.is_empty() => Said::new("parse-value-required").arg("arg", arg()?),
            value => Said::new("parse-invalid-value")
                .arg("value", value)
                .arg("arg", arg()?),
        },
        ErrorKind::ValueValidation => {
            let said = Said::new("parse-invalid-value")
                .arg("value", get(ContextKind::InvalidValue)?)
                .arg("arg", arg()?);
            // Why, as the value's parser said it (Rust's own words).
            match std::error::Error::source(e) {
                Some(why) => Said::new("parse-with-reason")
                    .arg("error", said)
                    .arg("why", Said::verbatim(sanitize_line(&why.to_string()))),
                None => said,
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = text(e.get(ContextKind::InvalidArg), "\n  ")?;
            return Some(format!(
                "{}\n  {missing}",
                tr(lang, "parse-missing-arguments")
            ));
        }
        ErrorKind::NoEquals => Said::new("parse-no-equals").arg("arg", arg()?),
        _ => return None,
    };
    Some(said.words(lang))
}

/// The error in `lang`, laid out as clap does (the error, the possible
/// values, a tip, the usage, where to read more); `None` for the kinds
/// clap says itself.
pub fn words(e: &clap::Error, lang: Lang) -> Option<String> {
    let mut out = Said::new("parse-error")
        .arg("what", what(e, lang)?)
        .words(lang);
    if e.kind() == ErrorKind::InvalidValue
        && let Some(values) = text(e.get(ContextKind::ValidValue), ", ")
        && !values.is_empty()
    {
        let said = Said::new("parse-possible-values").arg("values", values);
        out.push_str(&format!("\n  {}", said.words(lang)));
    }
    let tips = [
        (ContextKind::SuggestedArg, "parse-similar-argument"),
        (ContextKind::SuggestedSubcommand, "parse-similar-subcommand"),
        (ContextKind::SuggestedValue, "parse-similar-value"),
    ];
    let mut tipped = false;
    for (kind, id) in tips {
        if let Some(similar) = text(e.get(kind), "', '") {
            if !tipped {
                out.push('\n');
                tipped = true;
            }
            let said = Said::new(id).arg("similar", similar);
            out.push_str(&format!("\n  {}", said.words(lang)));
        }
    }
    if let Some(usage) = text(e.get(ContextKind::Usage), "") {
        let usage = usage.strip_prefix("Usage:").unwrap_or(&usage).trim();
        out.push_str(&format!("\n\n{} {usage}", tr(lang, "help-usage")));
    }
    let more = Said::new("parse-more-help").arg("help", "--help");
    out.push_str(&format!("\n\n{}\n", more.words(lang)));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(lang: Lang, args: &[&str]) -> clap::Error {
        let argv = std::iter::once("pancake-tui").chain(args.iter().copied());
        match super::super::command(lang).try_get_matches_from(argv) {
            Ok(_) => panic!("{args:?} parsed"),
            Err(e) => e,
        }
    }

    fn said(lang: Lang, args: &[&str]) -> String {
        let e = error(lang, args);
        words(&e, lang).unwrap_or_else(|| panic!("{:?} not ours: {e}", e.kind()))
    }

    /// An unknown argument, in both languages: the argument, the usage,
    /// where to read more; clap's exit code.
    #[test]
    fn an_unknown_argument_is_said_in_the_agents_language() {
        let e = error(Lang::Vi, &["--bogus"]);
        assert_eq!(e.kind(), ErrorKind::UnknownArgument);
        assert_eq!(e.exit_code(), 2);
        assert_eq!(
            said(Lang::Vi, &["--bogus"]),
            "lỗi: không nhận ra tham số '--bogus'\n\nCách dùng: pancake-tui [OPTIONS] \
             [COMMAND]\n\nMuốn biết thêm, chạy với '--help'.\n"
        );
        assert_eq!(
            said(Lang::En, &["--bogus"]),
            "error: unexpected argument '--bogus' found\n\nUsage: pancake-tui [OPTIONS] \
             [COMMAND]\n\nFor more information, try '--help'.\n"
        );
        // clap's English says the same.
        let clap = error(Lang::En, &["--bogus"]).to_string();
        assert!(
            clap.contains("unexpected argument '--bogus' found"),
            "{clap}"
        );
        assert!(
            clap.contains("Usage: pancake-tui [OPTIONS] [COMMAND]"),
            "{clap}"
        );
    }

    /// A similar argument is suggested, in words of the language.
    #[test]
    fn a_similar_argument_is_suggested() {
        let vi = said(Lang::Vi, &["doctor", "--jsn"]);
        assert!(
            vi.starts_with("lỗi: không nhận ra tham số '--jsn'\n\n  gợi ý: có tham số gần giống: '--json'\n\nCách dùng: pancake-tui doctor"),
            "{vi}"
        );
        let en = said(Lang::En, &["doctor", "--jsn"]);
        assert!(
            en.contains("\n  tip: a similar argument exists: '--json'\n"),
            "{en}"
        );
    }

    /// A value not among the possible ones, a missing value, a bad number,
    /// a missing argument, an unknown command.
    #[test]
    fn bad_and_missing_values_and_commands() {
        let vi = said(Lang::Vi, &["stats", "--format", "xml"]);
        assert!(
            vi.starts_with(
                "lỗi: giá trị 'xml' không hợp lệ cho '--format <FORMAT>'\n  [các giá trị dùng được: table, csv, json]"
            ),
            "{vi}"
        );
        let en = said(Lang::En, &["stats", "--format", "xml"]);
        assert!(
            en.starts_with(
                "error: invalid value 'xml' for '--format <FORMAT>'\n  [possible values: table, csv, json]"
            ),
            "{en}"
        );
        let vi = said(Lang::Vi, &["stats", "--since"]);
        assert!(
            vi.starts_with("lỗi: '--since <SINCE>' cần một giá trị nhưng chưa có"),
            "{vi}"
        );
        assert!(!vi.contains('['), "no empty list of values: {vi}");
        let vi = said(Lang::Vi, &["demo", "--conversations", "nhiều"]);
        assert!(
            vi.starts_with(
                "lỗi: giá trị 'nhiều' không hợp lệ cho '--conversations <CONVERSATIONS>': invalid digit"
            ),
            "{vi}"
        );
        let vi = said(Lang::Vi, &["cache"]);
        assert!(
            vi.starts_with("lỗi: thiếu các tham số bắt buộc sau:\n  <ACTION>"),
            "{vi}"
        );
        let en = said(Lang::En, &["cache"]);
        assert!(
            en.starts_with(
                "error: the following required arguments were not provided:\n  <ACTION>"
            ),
            "{en}"
        );
        let vi = said(Lang::Vi, &["doctr"]);
        assert!(vi.starts_with("lỗi: không có lệnh 'doctr'"), "{vi}");
        assert!(vi.contains("gợi ý: có lệnh gần giống: 'doctor'"), "{vi}");
    }

    /// What is not an error (`--help`, `--version`) is clap's to print.
    #[test]
    fn help_and_version_are_clap_s() {
        for args in [&["--help"][..], &["--version"]] {
            let e = error(Lang::Vi, args);
            assert!(words(&e, Lang::Vi).is_none(), "{args:?}");
        }
    }
}
