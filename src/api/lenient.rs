//! Decoding that never loses more than the one odd thing.
//!
//! Production clients of the real service read every field defensively
//! (pancake-api.md § Shapes): a `null` inside a
//! tag list, a phone as a string where an object was expected, an object
//! where a string was expected. The helpers here turn such surprises into a
//! missing value, and [`Lenient`] decodes a list element by element: an
//! element that cannot be read is skipped and counted, the rest are kept.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde_json::Value;

/// A list element that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Its `id`, when it had a readable one (ids are not secrets; tokens
    /// never sit in a list element).
    pub id: Option<String>,
    /// Why, in serde's words with every quoted value taken out: field names
    /// and types only, no customer text.
    pub reason: String,
}

/// A list decoded element by element. `null`, a missing key or a value that
/// is not a list at all decode as an empty list (the last one with a
/// [`Skipped`] saying so).
#[derive(Debug)]
pub struct Lenient<T> {
    pub items: Vec<T>,
    pub skipped: Vec<Skipped>,
    /// The value was not a list at all (`"a string"`, `"an object"`): for a
    /// nested list that is an empty one; for the list an endpoint answers
    /// with, the whole answer is unreadable.
    pub not_a_list: Option<crate::api::decode_problem::JsonKind>,
}

impl<T> Default for Lenient<T> {
    fn default() -> Self {
        Lenient {
            items: Vec::new(),
            skipped: Vec::new(),
            not_a_list: None,
        }
    }
}

impl<T> IntoIterator for Lenient<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<T> Lenient<T> {
    /// Log what was skipped inside an element (`what` of `parent`): ids and
    /// reasons only.
    pub fn log_skipped(&self, what: &str, parent: &str) {
        for s in &self.skipped {
            tracing::warn!(
                what,
                parent,
                id = s.id.as_deref().unwrap_or("-"),
                reason = %s.reason,
                "skipped an element Pancake sent that could not be read"
            );
        }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Lenient<U> {
        Lenient {
            items: self.items.into_iter().map(f).collect(),
            skipped: self.skipped,
            not_a_list: self.not_a_list,
        }
    }
}

/// Why an element could not be read, in words that carry no payload
/// value: serde's messages quote values (`invalid type: string "Chị Lan
/// 0901…"`, ``integer `901234567` ``), so only its category, the JSON kind
/// and what our type expected (our words) are kept.
pub fn redact_reason(reason: &str) -> String {
    let reason = match reason.find(" at line ") {
        Some(i) => &reason[..i],
        None => reason,
    };
    let expected = reason
        .rfind(", expected ")
        .map(|i| &reason[i..])
        .filter(|e| !e.contains('"'));
    for category in ["invalid type", "invalid value", "invalid length"] {
        if let Some(rest) = reason.strip_prefix(category) {
            let kind = rest
                .trim_start_matches([':', ' '])
                .split(|c: char| !c.is_ascii_alphabetic())
                .next()
                .filter(|k| !k.is_empty())
                .unwrap_or("value");
            return format!("{category}: {kind}{}", expected.unwrap_or(""));
        }
    }
    if let Some(field) = reason.strip_prefix("missing field ") {
        return format!("missing field {field}");
    }
    if reason.starts_with("unknown variant") {
        return format!("unknown variant{}", expected.unwrap_or(""));
    }
    "unreadable element".into()
}

/// The `id` of a JSON element, when it has a plain one.
fn element_id(v: &Value) -> Option<String> {
    match v.get("id")? {
        Value::String(s) => Some(crate::text::sanitize_line(s)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);

        impl<'de, T: DeserializeOwned> Visitor<'de> for V<T> {
            type Value = Lenient<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lenient<T>, A::Error> {
                let mut out = Lenient::default();
                while let Some(v) = seq.next_element::<Value>()? {
                    if v.is_null() {
                        out.skipped.push(Skipped {
                            id: None,
                            reason: "null element".into(),
                        });
                        continue;
                    }
                    let id = element_id(&v);
                    match T::deserialize(v) {
                        Ok(t) => out.items.push(t),
                        Err(e) => out.skipped.push(Skipped {
                            id,
                            reason: redact_reason(&e.to_string()),
                        }),
                    }
                }
                Ok(out)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Lenient<T>, E> {
                Ok(Lenient::default())
            }

            fn visit_none<E: de::Error>(self) -> Result<Lenient<T>, E> {
                Ok(Lenient::default())
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Lenient<T>, D::Error> {
                d.deserialize_any(self)
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Lenient<T>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(not_a_list(crate::api::decode_problem::JsonKind::Object))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Lenient<T>, E> {
                Ok(not_a_list(crate::api::decode_problem::JsonKind::String))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Lenient<T>, E> {
                Ok(not_a_list(crate::api::decode_problem::JsonKind::Boolean))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Lenient<T>, E> {
                Ok(not_a_list(crate::api::decode_problem::JsonKind::Number))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Lenient<T>, E> {
                Ok(not_a_list(crate::api::decode_problem::JsonKind::Number))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Lenient<T>, E> {
                Ok(not_a_list(crate::api::decode_problem::JsonKind::Number))
            }
        }

        d.deserialize_any(V(PhantomData))
    }
}

fn not_a_list<T>(what: crate::api::decode_problem::JsonKind) -> Lenient<T> {
    Lenient {
        items: Vec::new(),
        skipped: vec![Skipped {
            id: None,
            reason: format!("{} where a list was expected", what.english()),
        }],
        not_a_list: Some(what),
    }
}

/// A list of ids: `null` and unreadable entries are dropped (the real
/// service puts `null` in tag lists).
pub fn id_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(Lenient::<T>::deserialize(d)?.items)
}

/// Any value; what does not decode as `T` is `None`.
pub fn lenient_opt<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let v = Value::deserialize(d)?;
    Ok(T::deserialize(v).ok())
}

/// A string field that may come as a number, a boolean, null, missing, or
/// something else entirely (then `None`).
pub fn loose_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Loose {
        S(String),
        I(i64),
        U(u64),
        F(f64),
        B(bool),
        Other(IgnoredAny),
    }
    Ok(Option::<Loose>::deserialize(d)?.and_then(|l| match l {
        Loose::S(s) => Some(s),
        Loose::I(i) => Some(i.to_string()),
        Loose::U(u) => Some(u.to_string()),
        Loose::F(f) => Some(f.to_string()),
        Loose::B(b) => Some(b.to_string()),
        Loose::Other(_) => None,
    }))
}

pub fn loose_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Loose {
        B(bool),
        I(i64),
        S(String),
        Other(IgnoredAny),
    }
    Ok(Option::<Loose>::deserialize(d)?.and_then(|l| match l {
        Loose::B(b) => Some(b),
        Loose::I(i) => Some(i != 0),
        Loose::S(s) => match s.as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        Loose::Other(_) => None,
    }))
}

pub fn loose_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    Ok(loose_string(d)?
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|f| f.is_finite())
        .map(|f| f.max(0.0) as u32))
}

/// A count or a duration: a number, a numeric string, a float (rounded
/// down); negative, non-finite or anything else is `None`.
pub fn loose_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(loose_string(d)?
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|f| f.is_finite() && *f >= 0.0)
        .map(|f| f as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        id: u32,
    }

    #[test]
    fn one_odd_element_is_skipped_and_the_rest_kept() {
        let l: Lenient<Item> =
            serde_json::from_str(r#"[{"id":1}, null, {"id":"Nguyễn"}, {"id":3}, 7]"#).unwrap();
        assert_eq!(l.items, vec![Item { id: 1 }, Item { id: 3 }]);
        assert_eq!(l.skipped.len(), 3);
        assert_eq!(l.skipped[1].id.as_deref(), Some("Nguyễn"));
        assert!(
            !l.skipped[1].reason.contains("Nguy"),
            "no customer text in the reason: {}",
            l.skipped[1].reason
        );
        let l: Lenient<Item> = serde_json::from_str(r#""oops""#).unwrap();
        assert!(l.items.is_empty());
        assert_eq!(l.skipped[0].reason, "a string where a list was expected");
        let l: Lenient<Item> = serde_json::from_str("null").unwrap();
        assert!(l.items.is_empty() && l.skipped.is_empty());
    }

    #[test]
    fn reasons_lose_their_quoted_values() {
        assert_eq!(
            redact_reason(
                r#"invalid type: string "0901 234 567", expected u32 at line 1 column 9"#
            ),
            "invalid type: string, expected u32"
        );
        assert_eq!(redact_reason("missing field `id`"), "missing field `id`");
        for leaky in [
            r#"invalid type: string "Chị \"Lan\" 0901", expected a sequence"#,
            "invalid type: integer `901234567`, expected a string",
            "invalid value: character `N`, expected a digit",
            "an id that is not a whole number: 0901234567",
        ] {
            let r = redact_reason(leaky);
            assert!(
                !r.contains("0901")
                    && !r.contains("901234567")
                    && !r.contains("Lan")
                    && !r.contains("`N`"),
                "{r}"
            );
        }
    }

    #[test]
    fn loose_fields_take_anything() {
        #[derive(Deserialize)]
        struct S {
            #[serde(default, deserialize_with = "loose_string")]
            a: Option<String>,
            #[serde(default, deserialize_with = "loose_bool")]
            b: Option<bool>,
            #[serde(default, deserialize_with = "loose_u32")]
            n: Option<u32>,
        }
        let s: S = serde_json::from_str(r#"{"a":{"x":1},"b":[1],"n":"nan"}"#).unwrap();
        assert_eq!((s.a, s.b, s.n), (None, None, None));
        let s: S = serde_json::from_str(r#"{"a":12,"b":"1","n":"12.0"}"#).unwrap();
        assert_eq!(
            (s.a.as_deref(), s.b, s.n),
            (Some("12"), Some(true), Some(12))
        );
    }
}
