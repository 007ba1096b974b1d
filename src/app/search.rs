//! Type-to-filter over the loaded conversations, best matches first.
//!
//! A conversation matches on the customer's name, the snippet or a phone
//! number, accent- and case-insensitively. Matches are ranked: the name
//! itself or one of its words, then a word of the name beginning with the
//! query, then the query anywhere in the name or a phone, then in the
//! snippet, then a tight fuzzy match on the name (initials like `ntp` for
//! Nguyễn Thị Phương: every matched letter starts a word or follows the last
//! one). A loose subsequence scattered over a long snippet is no match.

use crate::app::convs::Fields;
use crate::text::{fold, fuzzy_match};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    /// What the agent typed.
    pub query: String,
    /// The search line has the keyboard.
    pub editing: bool,
    /// The search going through a long list in steps (`update::list`),
    /// the matches so far shown; none once every conversation was ranked.
    pub scan: Option<Scan>,
    /// Bumped by each new scan: a step of an older one does nothing.
    pub generation: u64,
    /// A search whose scan went to the end: how its rows are ranked, so
    /// that a poll puts what arrived at its place instead of starting the
    /// scan again. `None` without a search, or while a scan is under way
    /// (the scan holds them).
    pub ranks: Option<Ranks>,
}

/// How the visible rows of a search are ranked: the first `exact` rows
/// rank best (they are the visible list itself), the other ranks' rows
/// follow them, each rank in list order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ranks {
    /// How many rows at the top of the visible list rank best.
    pub exact: usize,
    /// The rows (slab indices) of every rank but the best, each in list
    /// order: the visible list after the first `exact` rows is these,
    /// one after the other.
    pub ranked: [Vec<usize>; 4],
}

/// Rows of the list ranked per step of a scan: the first matches of a
/// page of a million are on screen after one step, and a key typed meanwhile
/// is read between two steps.
pub const SCAN_STEP: usize = 20_000;

/// A search under way over the list, in steps of [`SCAN_STEP`] rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scan {
    pub generation: u64,
    /// Position in the list order of the next row to rank.
    pub next: usize,
    /// Rows in the list order when the scan began.
    pub total: usize,
    /// The matches so far. The best rank's are the first rows of the
    /// visible list itself: a filter (everything ranks best) adds each
    /// step's matches to the list, never copies it whole.
    pub ranks: Ranks,
    /// The conversation (slab index) the cursor was on when the scan
    /// began, selected when a step finds it, unless the agent moved.
    pub keep: Option<usize>,
    /// The row the cursor was left on by the last step.
    pub placed: usize,
    /// The next step was asked of the runtime.
    pub requested: bool,
}

impl Scan {
    /// How far it went, in percent.
    pub fn percent(&self) -> usize {
        (self.next * 100).checked_div(self.total).unwrap_or(100)
    }
}

impl Search {
    pub fn is_active(&self) -> bool {
        !self.query.trim().is_empty()
    }

    /// The folded query (accent-insensitive, lower case).
    pub fn folded(&self) -> String {
        fold(self.query.trim())
    }
}

/// How a conversation matches, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(usize)]
pub enum Rank {
    /// The whole name, one of its words, or a whole phone number.
    Exact,
    /// A word of the name begins with the query.
    WordStart,
    /// Anywhere in the name, or part of a phone number.
    InName,
    InSnippet,
    /// Initials and the like (see the module doc).
    Fuzzy,
}

/// A phone number as digits, `+84…`/`84…` written the local way (`0…`);
/// `None` when the text is not a phone number (too few digits, or letters).
pub fn phone_digits(s: &str) -> Option<String> {
    if s.chars()
        .any(|c| !(c.is_ascii_digit() || " +-.()".contains(c)))
    {
        return None;
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 3 {
        return None;
    }
    Some(match digits.strip_prefix("84") {
        Some(rest) if s.trim_start().starts_with('+') || digits.len() >= 11 => format!("0{rest}"),
        _ => digits,
    })
}

/// A query made ready once for ranking every loaded conversation.
pub struct Query {
    folded: String,
    /// The query as a phone number, when it is one.
    phone: Option<String>,
}

impl Query {
    pub fn new(folded: String) -> Self {
        let phone = phone_digits(&folded);
        Query { folded, phone }
    }
}

/// How `c` matches the query, or `None`.
pub fn rank(q: &Query, c: &impl Fields) -> Option<Rank> {
    let (folded_query, phone) = (q.folded.as_str(), &q.phone);
    if folded_query.is_empty() {
        return Some(Rank::Exact);
    }
    let name = fold(c.name());
    let phones = || c.phones().into_iter().filter_map(phone_digits);
    if name == folded_query
        || name.split_whitespace().any(|w| w == folded_query)
        || phone.as_ref().is_some_and(|q| phones().any(|p| &p == q))
    {
        return Some(Rank::Exact);
    }
    if let Some(at) = name.find(folded_query) {
        let word_start = at == 0 || name[..at].ends_with(char::is_whitespace);
        return Some(if word_start {
            Rank::WordStart
        } else {
            Rank::InName
        });
    }
    if phone
        .as_ref()
        .is_some_and(|q| phones().any(|p| p.contains(q.as_str())))
    {
        return Some(Rank::InName);
    }
    if fold(c.snippet()).contains(folded_query) {
        return Some(Rank::InSnippet);
    }
    tight_fuzzy(folded_query, c.name()).map(|_| Rank::Fuzzy)
}

/// Positions (char indices of `shown`) to highlight in a name: where the
/// query is in it, else its tight fuzzy match.
pub fn name_positions(folded_query: &str, shown: &str) -> Vec<usize> {
    if folded_query.is_empty() {
        return Vec::new();
    }
    // Fold char by char to map folded text back to the shown chars.
    let mut folded = String::new();
    let mut owner = Vec::new(); // for each byte of `folded`, its char in `shown`
    for (i, ch) in shown.chars().enumerate() {
        let mut buf = [0u8; 4];
        let f = fold(ch.encode_utf8(&mut buf));
        owner.extend(std::iter::repeat_n(i, f.len()));
        folded.push_str(&f);
    }
    if let Some(at) = folded.find(folded_query) {
        let mut positions: Vec<usize> = owner[at..at + folded_query.len()].to_vec();
        positions.dedup();
        return positions;
    }
    tight_fuzzy(folded_query, shown).unwrap_or_default()
}

/// A fuzzy match where every matched letter starts a word or follows the
/// previous matched one: its positions.
fn tight_fuzzy(folded_query: &str, name: &str) -> Option<Vec<usize>> {
    let m = fuzzy_match(folded_query, name)?;
    let chars: Vec<char> = name.chars().collect();
    let tight = m.positions.iter().enumerate().all(|(k, &p)| {
        let word_start = p == 0 || !chars[p - 1].is_alphanumeric();
        let follows = k > 0 && m.positions[k - 1] + 1 == p;
        word_start || follows
    });
    tight.then_some(m.positions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Conversation;

    fn conv(name: &str, snippet: &str, phones: &[&str]) -> Conversation {
        let mut c = crate::app::fixtures::conv(0, 0, true);
        c.customer.name = name.into();
        c.snippet = snippet.into();
        c.phones = phones.iter().map(|p| p.to_string()).collect();
        c
    }

    fn ranked(q: &str, c: &Conversation) -> Option<Rank> {
        rank(&Query::new(fold(q)), c)
    }

    #[test]
    fn ranks_whole_words_first_and_refuses_scattered_letters() {
        let lan = conv("Lan Nguyễn", "", &[]);
        let lanh = conv("Phạm Lành", "", &[]);
        let thulan = conv("Thulan Store", "", &[]);
        let snippet = conv("Minh", "chị Lan ơi", &[]);
        let scattered = conv("Lê Thu Hà Nam", "lúc nào anh giao", &[]);
        assert_eq!(ranked("lan", &lan), Some(Rank::Exact));
        assert_eq!(ranked("lan", &lanh), Some(Rank::WordStart));
        assert_eq!(ranked("lan", &thulan), Some(Rank::InName));
        assert_eq!(ranked("lan", &snippet), Some(Rank::InSnippet));
        assert_eq!(
            ranked("lan", &scattered),
            None,
            "l…a…n scattered is no match"
        );
        assert_eq!(ranked("lthn", &scattered), Some(Rank::Fuzzy), "initials");
        assert_eq!(name_positions("lan", "Phạm Lành"), vec![5, 6, 7]);
        assert_eq!(name_positions("ntp", "Nguyễn Thị Phương"), vec![0, 7, 11]);
    }

    #[test]
    fn phone_numbers_match_however_they_are_written() {
        let c = conv("Khách", "", &["0912 345 678"]);
        for q in [
            "0912345678",
            "+84 912 345 678",
            "84912345678",
            "345 678",
            "912-345",
        ] {
            assert!(ranked(q, &c).is_some(), "{q}");
        }
        assert_eq!(ranked("+84912345678", &c), Some(Rank::Exact));
        assert_eq!(ranked("0999", &c), None);
        assert_eq!(phone_digits("12"), None, "too short to be a number");
        assert_eq!(phone_digits("lan 09"), None);
    }
}
