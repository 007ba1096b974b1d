//! What was wrong with an answer that could not be read
//! ([`super::ApiError::Decode`]): a problem this app names (its message in
//! the catalogs, `warnings.ftl`), or words that are not ours (serde's
//! reason, redacted), shown as they are. `Display` is the English, word for
//! word what logs and `doctor --json` have always had.

use std::fmt;

use serde_json::Value;

use crate::i18n::{Lang, Said};

/// What a JSON value was, where another was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    Null,
    Boolean,
    Number,
    String,
    List,
    Object,
}

impl JsonKind {
    pub fn of(v: &Value) -> JsonKind {
        match v {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Boolean,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::String,
            Value::Array(_) => JsonKind::List,
            Value::Object(_) => JsonKind::Object,
        }
    }

    fn said(self) -> Said {
        Said::new(match self {
            JsonKind::Null => "decode-kind-null",
            JsonKind::Boolean => "decode-kind-boolean",
            JsonKind::Number => "decode-kind-number",
            JsonKind::String => "decode-kind-string",
            JsonKind::List => "decode-kind-list",
            JsonKind::Object => "decode-kind-object",
        })
    }

    /// `a string`, `an object`: as the English messages say it.
    pub fn english(self) -> String {
        self.said().words(Lang::En)
    }
}

/// A problem of an answer this app names. Keys (`customers`, `notes`) are
/// the answer's own: the same in every language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeProblem {
    /// The body is not JSON; serde's reason (redacted), as it is.
    NotJson(String),
    /// No `key` in the answer.
    Missing(&'static str),
    /// `key` is there but not a list.
    NotAList {
        key: &'static str,
        found: JsonKind,
    },
    /// Over the most read of an answer, in MB.
    TooLarge {
        mb: u64,
    },
    /// A tag change answered without its `data` list of tags.
    NoTagList,
    /// A page token asked for, and none in the reply.
    NoPageToken,
    /// An upload answered without the content's id.
    NoContentId,
    /// A statistics answer without `data`.
    NoFigures,
    /// The statistics' `data` is neither a list nor an object.
    FiguresNeither(JsonKind),
    /// A list where the figures must be an object.
    FiguresAreList,
    /// An object where the figures must be a list.
    FiguresAreObject,
    NoSeries,
    SeriesNotObject(JsonKind),
    NoUsers,
    UsersNotObject(JsonKind),
    NoHourly,
    HourlyNotList(JsonKind),
    /// The multi-page users statistics: no row names a page asked.
    NoPageRows,
}

impl DecodeProblem {
    /// The message, for the agent's language.
    pub fn said(&self) -> Said {
        match self {
            DecodeProblem::NotJson(reason) => {
                Said::new("decode-not-json").arg("reason", reason.as_str())
            }
            DecodeProblem::Missing(key) => Said::new("decode-missing").arg("key", *key),
            DecodeProblem::NotAList { key, found } => Said::new("decode-not-a-list")
                .arg("key", *key)
                .arg("found", found.said()),
            DecodeProblem::TooLarge { mb } => Said::new("decode-too-large").arg("mb", *mb),
            DecodeProblem::NoTagList => Said::new("decode-no-tag-list"),
            DecodeProblem::NoPageToken => Said::new("decode-no-page-token"),
            DecodeProblem::NoContentId => Said::new("decode-no-content-id"),
            DecodeProblem::NoFigures => Said::new("decode-no-figures"),
            DecodeProblem::FiguresNeither(found) => {
                Said::new("decode-figures-neither").arg("found", found.said())
            }
            DecodeProblem::FiguresAreList => Said::new("decode-figures-are-list"),
            DecodeProblem::FiguresAreObject => Said::new("decode-figures-are-object"),
            DecodeProblem::NoSeries => Said::new("decode-no-series"),
            DecodeProblem::SeriesNotObject(found) => {
                Said::new("decode-series-not-object").arg("found", found.said())
            }
            DecodeProblem::NoUsers => Said::new("decode-no-users"),
            DecodeProblem::UsersNotObject(found) => {
                Said::new("decode-users-not-object").arg("found", found.said())
            }
            DecodeProblem::NoHourly => Said::new("decode-no-hourly"),
            DecodeProblem::HourlyNotList(found) => {
                Said::new("decode-hourly-not-list").arg("found", found.said())
            }
            DecodeProblem::NoPageRows => Said::new("decode-no-page-rows"),
        }
    }

    /// The English, for logs.
    pub fn english(&self) -> String {
        self.said().words(Lang::En)
    }
}

/// The detail of [`super::ApiError::Decode`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeDetail {
    /// Words that are not ours (serde's reason, redacted).
    Verbatim(String),
    Problem(DecodeProblem),
}

impl DecodeDetail {
    /// The detail, for the agent's language.
    pub fn said(&self) -> Said {
        match self {
            DecodeDetail::Verbatim(words) => Said::verbatim(words.as_str()),
            DecodeDetail::Problem(p) => p.said(),
        }
    }
}

impl fmt::Display for DecodeDetail {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            DecodeDetail::Verbatim(words) => f.write_str(words),
            DecodeDetail::Problem(p) => f.write_str(&p.english()),
        }
    }
}

impl From<&str> for DecodeDetail {
    fn from(words: &str) -> DecodeDetail {
        DecodeDetail::Verbatim(words.to_owned())
    }
}

impl From<String> for DecodeDetail {
    fn from(words: String) -> DecodeDetail {
        DecodeDetail::Verbatim(words)
    }
}

impl From<DecodeProblem> for DecodeDetail {
    fn from(p: DecodeProblem) -> DecodeDetail {
        DecodeDetail::Problem(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English of each problem is word for word what the app wrote
    /// before it was a catalog message; each is Vietnamese in Vietnamese.
    #[test]
    fn each_problem_keeps_its_english_and_is_said_in_vietnamese() {
        use DecodeProblem as P;
        let cases = [
            (
                P::NotJson("expected value".into()),
                "not JSON (expected value)",
            ),
            (P::Missing("customers"), "no `customers` in the answer"),
            (
                P::NotAList {
                    key: "conversations",
                    found: JsonKind::String,
                },
                "`conversations` is a string, not a list",
            ),
            (
                P::TooLarge { mb: 8 },
                "the answer is over 8 MB: not read further",
            ),
            (P::NoTagList, "the reply has no `data` list of tags"),
            (P::NoPageToken, "no page_access_token in the reply"),
            (P::NoContentId, "no content `id` in the answer"),
            (P::NoFigures, "no data in the answer"),
            (
                P::FiguresNeither(JsonKind::Number),
                "the figures are a number, not a list or an object",
            ),
            (P::FiguresAreList, "the figures are a list, not an object"),
            (P::FiguresAreObject, "the figures are an object, not a list"),
            (P::NoSeries, "no series in the answer"),
            (
                P::SeriesNotObject(JsonKind::Null),
                "the series are null, not an object",
            ),
            (P::NoUsers, "no users in the answer"),
            (
                P::UsersNotObject(JsonKind::Boolean),
                "the users are a boolean, not an object",
            ),
            (P::NoHourly, "no hourly statistics in the answer"),
            (
                P::HourlyNotList(JsonKind::Object),
                "the hourly statistics are an object, not a list",
            ),
            (P::NoPageRows, "no row names a page that was asked"),
        ];
        for (problem, english) in cases {
            assert_eq!(problem.english(), english);
            assert_eq!(DecodeDetail::from(problem.clone()).to_string(), english);
            let vi = problem.said().words(Lang::Vi);
            assert_ne!(vi, english);
            for word in ["answer", "reply", "not a", "figures", "the "] {
                assert!(!vi.contains(word), "{vi}");
            }
        }
        // Words that are not ours are shown as they are, in every language.
        let theirs = DecodeDetail::from("invalid type: map, expected a string");
        assert_eq!(theirs.said().words(Lang::Vi), theirs.to_string());
    }
}
