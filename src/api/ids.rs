//! Identifiers as Pancake sends them: numbers or strings, normalised to one form.
//!
//! Tag ids are integers in lists (`"tags": [0, 1]`) and strings in requests
//! (`"tag_id": "1"`); some payloads carry tag objects (`{"id": 1, "text": ".."}`).
//! [`TagId`] accepts all three and always serialises as a string.

use std::collections::HashSet;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Accepts a JSON string or number and yields its canonical string form;
/// with `objects`, also an object, read for its `id` field.
struct IdVisitor {
    objects: bool,
}

/// Page and conversation ids: a string or a number.
const STRING_OR_NUMBER: IdVisitor = IdVisitor { objects: false };
/// Staff and tag ids: also `{"id": .., ...}`.
const ID_OR_OBJECT: IdVisitor = IdVisitor { objects: true };

impl<'de> Visitor<'de> for IdVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(if self.objects {
            "an id (string or number) or an object with an id"
        } else {
            "a string or a number"
        })
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            Ok(format!("{}", v as i64))
        } else {
            Err(E::custom("an id that is not a whole number"))
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        if !self.objects {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        let mut id = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "id" {
                id = Some(map.next_value::<AnyId>()?.0);
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        id.ok_or_else(|| de::Error::missing_field("id"))
    }
}

/// Private helper: an id in any accepted form.
struct AnyId(String);

impl<'de> Deserialize<'de> for AnyId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(STRING_OR_NUMBER).map(AnyId)
    }
}

/// Most distinct ids shared through [`shared`]: past it (ids from a
/// hostile answer, say) each id is its own copy, so the pool stays small.
const MAX_SHARED: usize = 100_000;

/// One copy of each page, tag and staff id for the whole process: a page of
/// a million conversations names the same few tags and staff in each, and
/// each naming is then 16 bytes, not a string of its own.
fn shared(s: String) -> Arc<str> {
    static POOL: OnceLock<Mutex<HashSet<Arc<str>>>> = OnceLock::new();
    let pool = POOL.get_or_init(Mutex::default);
    let Ok(mut pool) = pool.lock() else {
        return Arc::from(s);
    };
    if let Some(id) = pool.get(s.as_str()) {
        return id.clone();
    }
    let id: Arc<str> = Arc::from(s);
    if pool.len() < MAX_SHARED {
        pool.insert(id.clone());
    }
    id
}

/// A conversation id is its conversation's own: no pool.
fn own(s: String) -> Arc<str> {
    Arc::from(s)
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $visitor:expr, $make:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(Arc<str>);

        impl $name {
            pub fn new(s: impl Into<String>) -> Self {
                Self($make(s.into()))
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        /// Looked up by its text (`HashMap<Id, _>::get(&str)`): hashed and
        /// compared as the text itself.
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self::new(s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any($visitor).map($name::new)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A Facebook page id as Pancake knows it.
    PageId,
    STRING_OR_NUMBER,
    shared
);
id_type!(
    /// A conversation id (often `<page_id>_<customer psid>`).
    ConversationId,
    STRING_OR_NUMBER,
    own
);
id_type!(
    /// A staff member's id (a UUID on the real service).
    UserId,
    ID_OR_OBJECT,
    shared
);
id_type!(
    /// A tag id: an integer in lists, a string in requests, sometimes an object.
    TagId,
    ID_OR_OBJECT,
    shared
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_ids_accept_ints_strings_and_objects_and_serialise_as_strings() {
        let ids: Vec<TagId> =
            serde_json::from_str(r#"[0, "1", {"id": 2, "text": "x"}, 3.0]"#).expect("decodes");
        assert_eq!(
            ids,
            vec![TagId::new("0"), "1".into(), "2".into(), "3".into()]
        );
        assert_eq!(serde_json::to_string(&TagId::new("7")).unwrap(), r#""7""#);
    }

    /// A tag, staff or page id named by many conversations is held once;
    /// a conversation id is its own.
    #[test]
    fn page_tag_and_staff_ids_are_held_once() {
        let a: TagId = serde_json::from_str("7").unwrap();
        let b = TagId::new("7");
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert!(Arc::ptr_eq(&UserId::new("u-1").0, &UserId::new("u-1").0));
        assert!(Arc::ptr_eq(&PageId::new("105").0, &PageId::new("105").0));
        let (c, d) = (ConversationId::new("105_1"), ConversationId::new("105_1"));
        assert!(c == d && !Arc::ptr_eq(&c.0, &d.0));
    }

    #[test]
    fn ids_reject_what_is_not_an_id() {
        assert!(serde_json::from_str::<TagId>("1.5").is_err());
        assert!(serde_json::from_str::<PageId>("[1]").is_err());
        assert!(serde_json::from_str::<TagId>(r#"{"text": "no id"}"#).is_err());
    }
}
