//! The query string decoded as Plug (the real service's stack) does.

use std::collections::HashMap;

/// One decoded query value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryValue {
    One(String),
    List(Vec<String>),
}

/// A query decoded as Plug (Elixir/Phoenix, the real service's stack) does:
/// a repeated plain key keeps only its LAST value (`type=INBOX&type=COMMENT`
/// is `COMMENT`); only `key[]` makes a list (`type[]=INBOX&type[]=COMMENT`).
/// Whichever form of a key comes last decides: a plain `key` after `key[]`
/// replaces the list, a `key[]` after a plain `key` starts a new list.
#[derive(Debug, Default)]
pub struct Params(HashMap<String, QueryValue>);

impl Params {
    pub fn parse(pairs: &[(String, String)]) -> Params {
        let mut map: HashMap<String, QueryValue> = HashMap::new();
        for (k, v) in pairs {
            match k.strip_suffix("[]") {
                Some(key) => match map.get_mut(key) {
                    Some(QueryValue::List(items)) => items.push(v.clone()),
                    _ => {
                        map.insert(key.to_owned(), QueryValue::List(vec![v.clone()]));
                    }
                },
                None => {
                    map.insert(k.clone(), QueryValue::One(v.clone()));
                }
            }
        }
        Params(map)
    }

    /// A plain value (a list where one value is expected is no value).
    pub fn one(&self, key: &str) -> Option<&str> {
        match self.0.get(key)? {
            QueryValue::One(v) => Some(v),
            QueryValue::List(_) => None,
        }
    }

    /// The items of `key[]`; a plain `key` is one item, or split at commas
    /// when `commas` (pancake-api.md § List writes comma-joined `post_ids` and `tags`).
    pub fn list(&self, key: &str, commas: bool) -> Vec<String> {
        let items: Vec<&str> = match self.0.get(key) {
            None => vec![],
            Some(QueryValue::List(items)) => items.iter().map(String::as_str).collect(),
            Some(QueryValue::One(v)) if commas => v.split(',').collect(),
            Some(QueryValue::One(v)) => vec![v.as_str()],
        };
        items
            .into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Params {
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(q.as_bytes()).into_owned().collect();
        Params::parse(&pairs)
    }

    #[test]
    fn phoenix_query_keeps_the_last_plain_value_and_lists_only_brackets() {
        let p = parse("type=INBOX&type=COMMENT&since=1&since=2");
        assert_eq!(
            p.list("type", false),
            ["COMMENT"],
            "the last plain value wins"
        );
        assert_eq!(p.one("since"), Some("2"));
        let p = parse("type[]=INBOX&type[]=COMMENT");
        assert_eq!(p.list("type", false), ["INBOX", "COMMENT"]);
        assert_eq!(p.one("type"), None, "a list is not a plain value");
        let p = parse("type%5B%5D=INBOX&type%5B%5D=LIVESTREAM");
        assert_eq!(
            p.list("type", false),
            ["INBOX", "LIVESTREAM"],
            "brackets percent-encoded"
        );
        // Whichever form comes last decides.
        assert_eq!(
            parse("type[]=INBOX&type=COMMENT").list("type", false),
            ["COMMENT"]
        );
        assert_eq!(
            parse("type=INBOX&type[]=COMMENT&type[]=LIVESTREAM").list("type", false),
            ["COMMENT", "LIVESTREAM"]
        );
        // pancake-api.md § List: the comma-joined values where the simulator allows them.
        let p = parse("tags=1,4&post_ids=a,b&type=INBOX,COMMENT");
        assert_eq!(p.list("tags", true), ["1", "4"]);
        assert_eq!(p.list("post_ids", true), ["a", "b"]);
        assert_eq!(p.list("type", false), ["INBOX,COMMENT"]);
        let p = parse("tags[]=1&tags[]=4&post_ids[]=a&post_ids[]=b&post_ids=c");
        assert_eq!(p.list("tags", true), ["1", "4"]);
        assert_eq!(p.list("post_ids", true), ["c"]);
        assert!(parse("").list("type", false).is_empty());
        assert_eq!(parse("tags=").list("tags", true), Vec::<String>::new());
    }
}
