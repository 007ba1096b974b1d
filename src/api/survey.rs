//! Which fields of an answer have an odd shape: names of fields and JSON
//! kinds only, never a value (for `pancake-tui doctor` and bug reports).
//!
//! Each answer is walked once; every field the app reads is counted by the
//! kind it came as (`tags[]: null ×3`). A kind that the decoder has to
//! forgive (not the usual one of the reference) is an oddity. The
//! counts say how the page's payloads really look, so a report from a real
//! page tells what the decoder met without carrying any customer data.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::models::ATTACHMENT_LINK_KEYS;

/// A JSON value's kind, with time strings told apart by form.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

/// How a time was written: `naive`, `naive+fraction`, `zoned`, `unix`, ...
fn time_form(v: &Value) -> &'static str {
    match v {
        Value::Number(_) => "unix number",
        Value::String(s) => {
            let zoned = s.ends_with('Z') || s.get(19..).is_some_and(|t| t.contains(['+', '-']));
            match (zoned, s.contains('.')) {
                (true, _) => "with zone",
                (false, true) => "naive with fractions",
                (false, false) if s.len() == 19 => "naive",
                _ => "other string",
            }
        }
        other => kind(other),
    }
}

/// The fields the app reads, with the kinds that need no forgiving.
const CONVERSATION: &[(&str, &[&str])] = &[
    ("id", &["string", "number"]),
    ("type", &["string"]),
    ("page_id", &["string", "number"]),
    ("customer_id", &["string"]),
    ("customers", &["list"]),
    ("customers[]", &["object"]),
    ("from", &["object"]),
    ("snippet", &["string"]),
    ("seen", &["boolean"]),
    ("tags", &["list"]),
    ("tags[]", &["number"]),
    ("assignee_ids", &["list"]),
    ("assignee_ids[]", &["string"]),
    ("post_id", &["string", "null"]),
    ("message_count", &["number"]),
    ("recent_phone_numbers", &["list"]),
    ("recent_phone_numbers[]", &["object"]),
];

const MESSAGE: &[(&str, &[&str])] = &[
    ("id", &["string"]),
    ("from", &["object"]),
    ("message", &["string"]),
    ("original_message", &["string"]),
    ("attachments", &["list"]),
    ("attachments[]", &["object"]),
];

/// Fields whose absence is worth a word (the others are often left out).
const CONVERSATION_NEEDED: &[&str] = &[
    "id",
    "type",
    "customers",
    "customer_id",
    "from",
    "updated_at",
];
const MESSAGE_NEEDED: &[&str] = &["id", "from"];

const CONVERSATION_TIMES: &[&str] = &["inserted_at", "updated_at", "last_customer_message_at"];
const MESSAGE_TIMES: &[&str] = &["inserted_at"];

/// One field seen in one kind, and how often.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldCount {
    /// `tags[]`, `customers`, `attachments[].link`, ...
    pub field: String,
    /// `null`, `string`, `missing`, `naive with fractions`, `file_url`, ...
    pub kind: String,
    pub count: usize,
    /// A shape the decoder had to forgive.
    pub odd: bool,
}

/// The shapes seen in one list answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Survey {
    /// Elements looked at.
    pub elements: usize,
    pub fields: Vec<FieldCount>,
}

impl Survey {
    pub fn odd(&self) -> impl Iterator<Item = &FieldCount> {
        self.fields.iter().filter(|f| f.odd)
    }
}

#[derive(Default)]
struct Tally {
    counts: BTreeMap<(String, String), (usize, bool)>,
}

impl Tally {
    fn add(&mut self, field: &str, kind: &str, odd: bool) {
        let e = self
            .counts
            .entry((field.to_owned(), kind.to_owned()))
            .or_insert((0, odd));
        e.0 += 1;
    }

    fn fields(
        &mut self,
        obj: &serde_json::Map<String, Value>,
        table: &[(&str, &[&str])],
        needed: &[&str],
    ) {
        for (field, usual) in table {
            if let Some(name) = field.strip_suffix("[]") {
                if let Some(Value::Array(items)) = obj.get(name) {
                    for item in items {
                        let k = kind(item);
                        self.add(field, k, !usual.contains(&k));
                    }
                }
                continue;
            }
            match obj.get(*field) {
                Some(v) => {
                    let k = kind(v);
                    self.add(field, k, !usual.contains(&k));
                }
                None => self.add(field, "missing", needed.contains(field)),
            }
        }
    }

    fn times(&mut self, obj: &serde_json::Map<String, Value>, fields: &[&str]) {
        for f in fields {
            if let Some(v) = obj.get(*f) {
                let form = time_form(v);
                // Every form a production client met is read; anything else is odd.
                let odd = !matches!(
                    form,
                    "naive" | "naive with fractions" | "with zone" | "unix number" | "null"
                );
                self.add(&format!("{f} (time)"), form, odd);
            }
        }
    }

    fn into_survey(self, elements: usize) -> Survey {
        Survey {
            elements,
            fields: self
                .counts
                .into_iter()
                .map(|((field, kind), (count, odd))| FieldCount {
                    field,
                    kind,
                    count,
                    odd,
                })
                .collect(),
        }
    }
}

/// The elements of the list under `key`, or none.
fn elements<'a>(answer: &'a Value, key: &str) -> &'a [Value] {
    answer
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The shapes of a conversation list answer.
pub fn conversations(answer: &Value) -> Survey {
    let mut t = Tally::default();
    let list = elements(answer, "conversations");
    for c in list {
        match c.as_object() {
            Some(obj) => {
                t.fields(obj, CONVERSATION, CONVERSATION_NEEDED);
                t.times(obj, CONVERSATION_TIMES);
            }
            None => t.add("conversations[]", kind(c), true),
        }
    }
    t.into_survey(list.len())
}

/// The shapes of a messages answer, with the key each attachment's link
/// came under and each attachment type.
pub fn messages(answer: &Value) -> Survey {
    let mut t = Tally::default();
    let list = elements(answer, "messages");
    for m in list {
        let Some(obj) = m.as_object() else {
            t.add("messages[]", kind(m), true);
            continue;
        };
        t.fields(obj, MESSAGE, MESSAGE_NEEDED);
        t.times(obj, MESSAGE_TIMES);
        for a in obj
            .get("attachments")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let ty = a.get("type").and_then(Value::as_str).unwrap_or("(none)");
            // Attachment types are Facebook's words, not customer text; keep
            // only what looks like one.
            let ty = if ty.len() <= 32 && ty.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                ty
            } else {
                "(other)"
            };
            t.add("attachments[].type", ty, false);
            let link = ATTACHMENT_LINK_KEYS
                .into_iter()
                .find(|key| {
                    key.split('.')
                        .try_fold(a, |v, k| v.get(k))
                        .is_some_and(Value::is_string)
                })
                .unwrap_or("(none)");
            t.add("attachments[].link", link, false);
        }
    }
    t.into_survey(list.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds `field` came as in `s`, in the order counted.
    fn kinds<'a>(s: &'a Survey, field: &str) -> Vec<&'a str> {
        s.fields
            .iter()
            .filter(|f| f.field == field)
            .map(|f| f.kind.as_str())
            .collect()
    }

    #[test]
    fn odd_shapes_are_counted_by_name_and_kind_only() {
        let answer = serde_json::json!({"conversations": [
            {"id": "1", "tags": [1, null], "customers": [{"name": "Secret Name"}],
             "recent_phone_numbers": ["0901234567"], "updated_at": "2024-01-01T00:00:00.000000"},
            {"id": 2, "tags": [], "updated_at": "2024-01-01T00:00:00"},
            "not a conversation"
        ]});
        let s = conversations(&answer);
        assert_eq!(s.elements, 3);
        let odd: Vec<String> = s
            .odd()
            .map(|f| format!("{} {} {}", f.field, f.kind, f.count))
            .collect();
        for field_kind_count in [
            "tags[] null 1",
            "customers missing 1",
            "recent_phone_numbers[] string 1",
            "conversations[] string 1",
        ] {
            assert!(
                odd.iter().any(|o| o == field_kind_count),
                "{field_kind_count}: {odd:?}"
            );
        }
        assert_eq!(
            kinds(&s, "updated_at (time)"),
            ["naive", "naive with fractions"]
        );
        let shown = serde_json::to_string(&s).unwrap();
        assert!(
            !shown.contains("Secret") && !shown.contains("0901"),
            "{shown}"
        );
    }

    #[test]
    fn attachment_links_are_counted_by_key() {
        let answer = serde_json::json!({"messages": [{"id": "m", "attachments": [
            {"type": "photo", "file_url": "https://x"},
            {"type": "Secret Text Here", "payload": {"url": "https://y"}},
        ]}]});
        let s = messages(&answer);
        assert_eq!(kinds(&s, "attachments[].link"), ["file_url", "payload.url"]);
        assert!(!serde_json::to_string(&s).unwrap().contains("Secret"));
    }
}
