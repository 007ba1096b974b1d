//! A conversation as its row in the cache keeps it.
//!
//! The clean model's JSON, without what says nothing (nulls, empty lists)
//! and without the record's copy of the customer's ids and phones when
//! they are the conversation's own: a real page embeds the customer's
//! record in every conversation (`src/api/pancake-api.md` § Customers),
//! and a page of a million is a cache of hundreds of megabytes. A row an
//! older version wrote (every field written out) reads the same: nothing
//! to migrate, each row takes the short form when it is next written.
//!
//! A copy saved without the record or the tag history (decoded from the
//! list, which does not hold them: `app::convs::rest`) keeps the ones the
//! row has: Pancake never takes a record back, and a tag history only
//! grows.

use serde_json::{Map, Value};

use crate::api::Conversation;

/// The record and the tag history: what a copy may come without.
const REST: [&str; 2] = ["page_customer", "tag_history"];

/// What the record repeats of the conversation: left out of it when the
/// same.
const OWN: [&str; 2] = ["customer", "phones"];

/// The row of `c`; `held`, the row the cache has for it (when `c` came
/// without its record or tag history).
pub(super) fn row_of(c: &Conversation, held: Option<&str>) -> String {
    let mut v = serde_json::to_value(c).expect("a conversation is JSON");
    let Value::Object(o) = &mut v else {
        unreachable!("a conversation is a JSON object")
    };
    if let Some(Value::Object(mut held)) = held.and_then(|h| serde_json::from_str(h).ok()) {
        fill_record(&mut held);
        for key in REST {
            if o.get(key).is_none_or(says_nothing)
                && let Some(kept) = held.remove(key)
            {
                o.insert(key.to_owned(), kept);
            }
        }
    }
    prune(o);
    let own = OWN.map(|k| o.get(k).cloned());
    if let Some(Value::Object(record)) = o.get_mut("page_customer") {
        for (key, own) in OWN.into_iter().zip(own) {
            match (record.get(key), own) {
                (mine, own) if mine == own.as_ref() => {
                    record.remove(key);
                }
                // Empty where the conversation's is not: said, or it
                // would read back as the conversation's.
                (None, Some(_)) => {
                    record.insert(key.into(), Value::Array(Vec::new()));
                }
                _ => {}
            }
        }
    }
    v.to_string()
}

/// Whether the row `c` needs has nothing to say of the record or the tag
/// history: then the row held is read to keep them.
pub(super) fn lacks_rest(c: &Conversation) -> bool {
    c.page_customer.is_none() || c.tag_history.is_empty()
}

/// The conversation a row holds, whole; `None` for a row that no longer
/// decodes.
pub(super) fn conversation_of(row: &str) -> Option<Conversation> {
    let mut v: Value = serde_json::from_str(row).ok()?;
    fill_record(v.as_object_mut()?);
    serde_json::from_value(v).ok()
}

/// The record given back what it was written without: the conversation's
/// customer and phones where it had the same.
fn fill_record(o: &mut Map<String, Value>) {
    let own = OWN.map(|k| o.get(k).cloned().unwrap_or(Value::Array(Vec::new())));
    if let Some(Value::Object(record)) = o.get_mut("page_customer") {
        for (key, value) in OWN.into_iter().zip(own) {
            record.entry(key).or_insert(value);
        }
    }
}

fn says_nothing(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Nulls and empty lists left out, at every depth.
fn prune(o: &mut Map<String, Value>) {
    o.retain(|_, v| !says_nothing(v));
    for v in o.values_mut() {
        match v {
            Value::Object(inner) => prune(inner),
            Value::Array(items) => {
                for item in items {
                    if let Value::Object(inner) = item {
                        prune(inner);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixtures::{conv, synthetic_conversations};

    /// Every kind of conversation comes back whole from its row, the
    /// short form being shorter.
    #[test]
    fn a_row_gives_back_the_conversation() {
        let mut all = synthetic_conversations(20);
        // Nothing optional at all, and a record unlike the conversation's.
        all.push(conv(99, 0, false));
        let mut odd = synthetic_conversations(1).remove(0);
        let record = odd.page_customer.as_mut().unwrap();
        record.customer.name = "Tên khác".into();
        record.phones = vec!["0911 222 333".into()];
        odd.phones.clear();
        all.push(odd.clone());
        // The record without phones, the conversation with some.
        odd.page_customer.as_mut().unwrap().phones.clear();
        odd.phones = vec!["0900 000 000".into()];
        all.push(odd);
        for c in all {
            let row = row_of(&c, None);
            assert_eq!(conversation_of(&row).as_ref(), Some(&c), "{row}");
            let long = serde_json::to_string(&c).unwrap();
            assert!(row.len() < long.len(), "{} < {}", row.len(), long.len());
            assert_eq!(
                conversation_of(&long).as_ref(),
                Some(&c),
                "an older row reads the same"
            );
        }
    }

    #[test]
    fn a_usual_row_is_short() {
        let c = synthetic_conversations(2).remove(1);
        let row = row_of(&c, None);
        assert!(!row.contains("null") && !row.contains("[]"), "{row}");
        assert_eq!(row.matches("\"psid\"").count(), 1, "{row}");
        assert!(row.len() < 420, "{} bytes: {row}", row.len());
    }

    /// A copy without the record or the history keeps the row's; a copy
    /// with them replaces them.
    #[test]
    fn a_copy_without_the_record_keeps_the_rows() {
        let full = synthetic_conversations(1).remove(0);
        let held = row_of(&full, None);
        let lean = Conversation {
            page_customer: None,
            tag_history: Vec::new(),
            seen: !full.seen,
            ..full.clone()
        };
        assert!(lacks_rest(&lean));
        let back = conversation_of(&row_of(&lean, Some(&held))).unwrap();
        assert_eq!(back.seen, lean.seen, "the change is kept");
        assert_eq!(back.page_customer, full.page_customer);
        assert_eq!(back.tag_history, full.tag_history);

        let mut newer = full.clone();
        newer.page_customer.as_mut().unwrap().gender = Some("unknown".into());
        let back = conversation_of(&row_of(&newer, Some(&held))).unwrap();
        assert_eq!(back, newer);
    }
}
