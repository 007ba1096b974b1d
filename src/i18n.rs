//! The interface's words in English and Vietnamese: Project Fluent catalogs
//! (`assets/i18n/en/*.ftl`, `assets/i18n/vi/*.ftl`, one file per part of
//! the interface, the same files in both) compiled into the binary.
//!
//! A pane asks for a message by its id in the agent's language
//! ([`tr`], [`tr_with`]); plurals are the catalog's (Vietnamese has one
//! form), numbers are grouped here as each language writes them (`1,234`,
//! `1.234`: Fluent's own formatting does not group). Fluent's invisible
//! isolation marks around arguments are off: in a terminal they would
//! break width measurement.
//!
//! Which language: `language = "vi" | "en"` in `config.toml`, else the
//! locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`: the first one set
//! decides, `vi_VN.UTF-8` is Vietnamese), else English ([`Lang::pick`]).
//! What machines read (logs, `doctor --json`, the stats files) stays in
//! English and does not come from here.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Vi,
}

/// The files of a catalog, the same in each language's directory.
const FILES: [&str; 10] = [
    "screens", "keys", "notices", "time", "panels", "stats", "cli", "forms", "errors", "warnings",
];

/// A language's catalog: its files in [`FILES`]' order, as compiled in.
macro_rules! catalog {
    ($dir:literal) => {
        [
            include_str!(concat!("../assets/i18n/", $dir, "/screens.ftl")),
            include_str!(concat!("../assets/i18n/", $dir, "/keys.ftl")),
            include_str!(concat!("../assets/i18n/", $dir, "/notices.ftl")),
            include_str!(concat!("../assets/i18n/", $dir, "/time.ftl")),
            include_str!(concat!("../assets/i18n/", $dir, "/panels.ftl")),
            include_str!(concat!("../assets/i18n/", $dir, "/stats.ftl")),
            include_str!(concat!("../assets/i18n/", $dir, "/cli.ftl")),
            include_str!(concat!("../assets/i18n/", $dir, "/forms.ftl")),
            include_str!(concat!("../assets/i18n/", $dir, "/errors.ftl")),
            include_str!(concat!("../assets/i18n/", $dir, "/warnings.ftl")),
        ]
    };
}

/// Each language's catalog, as compiled in.
const CATALOGS: [(Lang, [&str; FILES.len()]); 2] =
    [(Lang::En, catalog!("en")), (Lang::Vi, catalog!("vi"))];

impl Lang {
    /// `"en"` or `"vi"` as written in `config.toml`.
    pub fn from_config(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "vi" => Some(Lang::Vi),
            _ => None,
        }
    }

    /// The language a locale name means: `vi`, `vi_VN.UTF-8`, `vi-VN` are
    /// Vietnamese, every other one (`C`, `POSIX`, `en_US.UTF-8`, `fr_FR`)
    /// English.
    pub fn from_locale(locale: &str) -> Lang {
        let language = locale
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default();
        if language.eq_ignore_ascii_case("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// The configured language, else the locale's: the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set and not empty decides (as POSIX
    /// reads them: `LC_ALL=C` is English whatever `LANG` says), else
    /// English. `env` reads a variable.
    pub fn pick(configured: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
        configured.unwrap_or_else(|| {
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .find_map(|k| env(k).filter(|v| !v.trim().is_empty()))
                .map_or(Lang::En, |v| Lang::from_locale(&v))
        })
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Vi => 1,
        }
    }

    /// What separates the thousands in a number.
    fn thousands_separator(self) -> char {
        match self {
            Lang::En => ',',
            Lang::Vi => '.',
        }
    }
}

/// `n` with its thousands grouped as `lang` writes them: `1,234,567` in
/// English, `1.234.567` in Vietnamese.
pub fn number(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(lang.thousands_separator());
        }
        out.push(c);
    }
    out
}

/// A whole number given to a message, grouped; other numbers as Fluent
/// writes them.
fn format_number(lang: Lang, value: &FluentValue) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 1e15 => {
            let grouped = number(lang, n.value.abs() as u64);
            Some(if n.value < 0.0 {
                format!("-{grouped}")
            } else {
                grouped
            })
        }
        _ => None,
    }
}

fn format_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_number(Lang::En, value)
}

fn format_vi<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_number(Lang::Vi, value)
}

type Bundle = FluentBundle<FluentResource>;

/// The two bundles, built once.
fn bundles() -> &'static [Bundle; 2] {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    BUNDLES.get_or_init(|| CATALOGS.map(|(lang, files)| bundle(lang, &files)))
}

fn bundle(lang: Lang, files: &[&str]) -> Bundle {
    let id = match lang {
        Lang::En => unic_langid::langid!("en"),
        Lang::Vi => unic_langid::langid!("vi"),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::En => format_en,
        Lang::Vi => format_vi,
    }));
    // The catalogs are compiled in and checked by the tests below: a
    // broken one is a bug of this build, not the agent's to fix.
    for (name, source) in FILES.iter().zip(files) {
        let resource =
            FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(_, errors)| {
                panic!("catalog {lang:?} {name}.ftl does not parse: {errors:?}")
            });
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("catalog {lang:?} {name}.ftl: {errors:?}"));
    }
    bundle
}

/// The message `id` in `lang`.
pub fn tr(lang: Lang, id: &str) -> String {
    tr_with(lang, id, &[])
}

/// The message `id` in `lang`, its arguments filled in: numbers as
/// numbers (plurals, grouping), text as text.
pub fn tr_with(lang: Lang, id: &str, args: &[(&str, FluentValue)]) -> String {
    let bundle = &bundles()[lang.index()];
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        // Every id the code uses is in both catalogs (tested): the id
        // itself says what is missing rather than an empty cell.
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// A message not yet put into words: a catalog id and its arguments.
///
/// What is kept on disk for people to read later (an outbox entry's
/// label, a held reply's reason) is kept as this, and put into words when
/// shown ([`Said::words`]), so it follows the language of the window that
/// shows it. Text written by an older version (plain words) is read back
/// as [`Said::verbatim`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Kept")]
pub struct Said {
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, Arg)>,
}

/// An argument of a [`Said`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Number(i64),
    Text(String),
    /// Another message, put into words in the same language first.
    Said(Box<Said>),
}

/// How a [`Said`] may be found on disk: as itself, or as the plain words
/// an older version wrote.
#[derive(Deserialize)]
#[serde(untagged)]
enum Kept {
    Said {
        id: String,
        #[serde(default)]
        args: Vec<(String, Arg)>,
    },
    Words(String),
}

impl From<Kept> for Said {
    fn from(kept: Kept) -> Said {
        match kept {
            Kept::Said { id, args } => Said { id, args },
            Kept::Words(words) => Said::verbatim(words),
        }
    }
}

impl Said {
    /// The message `id` with no arguments.
    pub fn new(id: &str) -> Said {
        Said {
            id: id.to_owned(),
            args: Vec::new(),
        }
    }

    /// The message `id` with an argument more.
    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Said {
        self.args.push((name.to_owned(), value.into()));
        self
    }

    /// Words that are shown as they are, in every language: a name, what
    /// an older version kept, a detail Pancake sent.
    pub fn verbatim(words: impl Into<String>) -> Said {
        Said::new("said-verbatim").arg("text", words.into())
    }

    /// This message in `lang`.
    pub fn words(&self, lang: Lang) -> String {
        let args: Vec<(&str, FluentValue)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Number(n) => FluentValue::from(*n),
                    Arg::Text(t) => FluentValue::from(t.as_str()),
                    Arg::Said(s) => FluentValue::from(s.words(lang)),
                };
                (name.as_str(), value)
            })
            .collect();
        tr_with(lang, &self.id, &args)
    }
}

impl From<&str> for Said {
    fn from(words: &str) -> Said {
        Said::verbatim(words)
    }
}

impl From<String> for Said {
    fn from(words: String) -> Said {
        Said::verbatim(words)
    }
}

impl From<String> for Arg {
    fn from(t: String) -> Arg {
        Arg::Text(t)
    }
}

impl From<&str> for Arg {
    fn from(t: &str) -> Arg {
        Arg::Text(t.to_owned())
    }
}

impl From<Said> for Arg {
    fn from(s: Said) -> Arg {
        Arg::Said(Box::new(s))
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(i64, u64, usize, u32, u16, i32);

/// The ids of a catalog's messages, in order.
#[cfg(test)]
fn ids(source: &str) -> Vec<&str> {
    source
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" ="))
        .map(|(id, _)| id.trim())
        .collect()
}

/// The ids of every file of a catalog.
#[cfg(test)]
fn all_ids<'a>(files: &[&'a str]) -> Vec<&'a str> {
    files.iter().flat_map(|f| ids(f)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_comes_from_the_config_then_the_locale_then_english() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                vars.iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::pick(None, env(&[])), Lang::En);
        assert_eq!(Lang::pick(None, env(&[("LANG", "vi_VN.UTF-8")])), Lang::Vi);
        assert_eq!(Lang::pick(None, env(&[("LANG", "C")])), Lang::En);
        assert_eq!(
            Lang::pick(None, env(&[("LANG", "vi_VN.UTF-8"), ("LC_ALL", "C")])),
            Lang::En,
            "LC_ALL first"
        );
        assert_eq!(
            Lang::pick(
                None,
                env(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "vi_VN")])
            ),
            Lang::Vi,
            "LC_MESSAGES before LANG"
        );
        assert_eq!(
            Lang::pick(None, env(&[("LC_ALL", ""), ("LANG", "vi")])),
            Lang::Vi,
            "an empty variable is not set"
        );
        assert_eq!(
            Lang::pick(Some(Lang::En), env(&[("LANG", "vi_VN.UTF-8")])),
            Lang::En,
            "the config wins"
        );
        assert_eq!(Lang::from_config("vi"), Some(Lang::Vi));
        assert_eq!(Lang::from_config(" EN "), Some(Lang::En));
        assert_eq!(Lang::from_config("fr"), None);
        assert_eq!(Lang::from_locale("vi-VN"), Lang::Vi);
        assert_eq!(Lang::from_locale("vietnamese"), Lang::En);
    }

    /// A message kept on disk is read back, and put into words in the
    /// language of whoever reads it; plain words an older version wrote
    /// are read back as they were.
    #[test]
    fn a_kept_message_follows_the_language_of_its_reader() {
        let said = Said::new("status-conversations").arg("count", 1020usize);
        let nested = Said::new("list-filter").arg("summary", said.clone());
        let kept = serde_json::to_string(&nested).unwrap();
        let back: Said = serde_json::from_str(&kept).unwrap();
        assert_eq!(back, nested);
        assert_eq!(back.words(Lang::En), "filter: 1,020 conversations");
        assert_eq!(back.words(Lang::Vi), "lọc: 1.020 cuộc trò chuyện");
        let old: Said = serde_json::from_str("\"mark Lan unread\"").unwrap();
        assert_eq!(old, Said::verbatim("mark Lan unread"));
        assert_eq!(old.words(Lang::Vi), "mark Lan unread");
        assert_eq!(
            serde_json::to_string(&Said::new("view-all")).unwrap(),
            r#"{"id":"view-all"}"#
        );
    }

    #[test]
    fn numbers_are_grouped_as_each_language_writes_them() {
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number(Lang::Vi, 1_234_567), "1.234.567");
        assert_eq!(number(Lang::Vi, 999), "999");
        assert_eq!(number(Lang::En, 0), "0");
        let count = |lang, n: usize| tr_with(lang, "status-conversations", &[("count", n.into())]);
        assert_eq!(count(Lang::En, 1), "1 conversation");
        assert_eq!(count(Lang::En, 1020), "1,020 conversations");
        assert_eq!(count(Lang::Vi, 1020), "1.020 cuộc trò chuyện");
        assert_eq!(count(Lang::Vi, 1), "1 cuộc trò chuyện");
    }

    #[test]
    fn no_isolation_marks_reach_the_terminal() {
        let s = tr_with(Lang::Vi, "list-filter", &[("summary", "Đặt hàng".into())]);
        assert_eq!(s, "lọc: Đặt hàng");
        assert!(!s.contains(['\u{2068}', '\u{2069}']));
    }

    /// Both catalogs have the same files, each file the same ids in both,
    /// each id once in all, NFC, and every id a message of its bundle.
    #[test]
    fn the_catalogs_have_the_same_ids() {
        use unicode_normalization::UnicodeNormalization;
        let [(_, en), (_, vi)] = CATALOGS;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/i18n");
        for lang in ["en", "vi"] {
            let mut on_disk: Vec<String> = std::fs::read_dir(dir.join(lang))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            on_disk.sort_unstable();
            let mut compiled: Vec<String> = FILES.iter().map(|f| format!("{f}.ftl")).collect();
            compiled.sort_unstable();
            assert_eq!(on_disk, compiled, "every file of {lang}/ compiled in");
        }
        let all = all_ids(&en);
        assert!(!all.is_empty());
        let mut sorted = all.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), all.len(), "an id twice in en/");
        for (name, (en, vi)) in FILES.iter().zip(en.iter().zip(vi)) {
            let (en_ids, vi_ids) = (ids(en), ids(vi));
            let missing: Vec<_> = en_ids.iter().filter(|id| !vi_ids.contains(id)).collect();
            assert!(
                missing.is_empty(),
                "in en/{name}.ftl, not in vi/{name}.ftl: {missing:?}"
            );
            let extra: Vec<_> = vi_ids.iter().filter(|id| !en_ids.contains(id)).collect();
            assert!(
                extra.is_empty(),
                "in vi/{name}.ftl, not in en/{name}.ftl: {extra:?}"
            );
        }
        for (lang, files) in CATALOGS {
            for (name, source) in FILES.iter().zip(files) {
                assert_eq!(
                    source.nfc().collect::<String>(),
                    source,
                    "{lang:?} {name}.ftl is NFC"
                );
                // Every id a message of the bundle (not a comment or a typo).
                for id in ids(source) {
                    assert!(bundles()[lang.index()].has_message(id), "{lang:?}: {id}");
                }
            }
        }
    }

    /// Every id the code asks for is in the catalogs, and every id of the
    /// catalogs is asked for somewhere in `src/` (this file's tests aside).
    #[test]
    fn every_id_used_exists_and_every_id_is_used() {
        let sources: Vec<String> = sources().into_iter().map(|(_, text)| text).collect();
        let mut used: Vec<String> = Vec::new();
        for source in &sources {
            used.extend(asked_for(source));
        }
        let [(_, en), _] = CATALOGS;
        let catalog = all_ids(&en);
        let unknown: Vec<_> = used
            .iter()
            .filter(|id| !catalog.contains(&id.as_str()))
            .collect();
        assert!(
            unknown.is_empty(),
            "asked for, not in the catalogs: {unknown:?}"
        );
        // Used: written as a string somewhere (a helper may pass the id
        // on to `tr_with`).
        let unused: Vec<_> = catalog
            .iter()
            .filter(|id| !sources.iter().any(|s| s.contains(&format!("\"{id}\""))))
            .collect();
        assert!(
            unused.is_empty(),
            "in the catalogs, never asked for: {unused:?}"
        );
    }

    /// Every `.rs` file of `src/` (path, text); this file without its
    /// tests (they ask for ids to test the catalogs).
    fn sources() -> Vec<(std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut out = Vec::new();
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    let text = match text.split_once("#[cfg(test)]\nmod tests") {
                        Some((code, _)) if path.ends_with("i18n.rs") => code.to_owned(),
                        _ => text,
                    };
                    out.push((path, text));
                }
            }
        }
        out
    }

    /// No words for people written in the code where the catalogs' belong:
    /// the status bar takes a [`Said`] only, and a message shown as it is
    /// ([`Said::verbatim`]) is never a literal sentence; a prompt's failure
    /// is never a literal either. (Test files aside: they set up data.)
    #[test]
    fn no_words_for_people_are_written_in_the_code() {
        let forbidden = ["Said::verbatim(\"", "PromptStatus::Failed(\""];
        let mut found = Vec::new();
        for (path, text) in sources() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with("tests") || path.components().any(|c| c.as_os_str() == "tests") {
                continue;
            }
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for pattern in forbidden {
                for (at, _) in code.match_indices(pattern) {
                    let rest = &code[at + pattern.len()..];
                    // An empty one ("") is no words.
                    if !rest.starts_with('"') {
                        let line = code[..at].lines().count();
                        found.push(format!("{}:{line}: {pattern}…", path.display()));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "words for people outside the catalogs: {found:#?}"
        );
    }

    /// The ids `source` asks for by name: the id argument of each call of
    /// `tr`, `tr_with`, `Said::new` and the status bar's `say`/`say_error`,
    /// when it is a literal.
    fn asked_for(source: &str) -> Vec<String> {
        let mut ids = Vec::new();
        // Each call that takes an id, and which argument it is.
        let calls = [
            ("tr(", 1),
            ("tr_with(", 1),
            ("Said::new(", 0),
            ("say(", 1),
            ("say_error(", 1),
        ];
        for (call, argument) in calls {
            let mut rest = source;
            while let Some(at) = rest.find(call) {
                let before = rest[..at].chars().next_back();
                rest = &rest[at + call.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                // The id is the call's `argument`th argument, when a literal.
                let Some(open) = rest.find('"') else { break };
                let head = &rest[..open];
                if head.contains([')', ';', '(']) || head.matches(',').count() != argument {
                    continue;
                }
                let literal = &rest[open + 1..];
                if let Some(close) = literal.find('"') {
                    let id = &literal[..close];
                    if !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                        ids.push(id.to_owned());
                    }
                }
            }
        }
        ids
    }
}
