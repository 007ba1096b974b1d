//! Accent-insensitive folding and fuzzy matching for search and pickers.

use unicode_normalization::char::is_combining_mark;

/// Lower case without diacritics (`Phương` → `phuong`, `Đ` → `d`), for
/// accent-insensitive search.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        // Each character's canonical decomposition without its marks: the
        // same as decomposing the whole text (NFD) and dropping the marks,
        // since the order NFD puts the marks in does not matter once they
        // are gone; without NFD's buffering (search folds every name and
        // snippet of the page per key).
        unicode_normalization::char::decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            match d {
                'đ' | 'Đ' => out.push('d'),
                d => out.extend(d.to_lowercase()),
            }
        });
    }
    out
}

/// A fuzzy match: higher is better; `positions` are char indices in the candidate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub score: i32,
    pub positions: Vec<usize>,
}

/// Subsequence match of a folded query on a candidate, preferring contiguous
/// runs, word starts and early matches. Empty query: everything, score 0.
pub fn fuzzy_match(query_folded: &str, candidate: &str) -> Option<Match> {
    let q: Vec<char> = query_folded
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if q.is_empty() {
        return Some(Match {
            score: 0,
            positions: vec![],
        });
    }
    let mut positions = Vec::with_capacity(q.len());
    let mut score = 0i32;
    let mut qi = 0;
    let mut prev_match: Option<usize> = None;
    let mut prev_char = ' ';
    for (i, c) in candidate.chars().enumerate() {
        if qi == q.len() {
            break;
        }
        let mut buf = [0u8; 4];
        let folded = fold(c.encode_utf8(&mut buf));
        if folded.starts_with(q[qi]) {
            positions.push(i);
            score += 1;
            if prev_match == Some(i.wrapping_sub(1)) {
                score += 5;
            }
            if !prev_char.is_alphanumeric() {
                score += 3;
            }
            prev_match = Some(i);
            qi += 1;
        }
        prev_char = c;
    }
    (qi == q.len()).then(|| {
        score -= positions.first().copied().unwrap_or(0) as i32 / 4;
        Match { score, positions }
    })
}

/// The labels `query` matches (fuzzy, accents optional), best first (in
/// their order when the query is empty): each label's index and the
/// matched char positions, for highlighting.
pub fn fuzzy_rank<'a>(
    query: &str,
    labels: impl Iterator<Item = &'a str>,
) -> Vec<(usize, Vec<usize>)> {
    let q = fold(query);
    let mut scored: Vec<(i32, usize, Vec<usize>)> = labels
        .enumerate()
        .filter_map(|(i, l)| fuzzy_match(&q, l).map(|m| (m.score, i, m.positions)))
        .collect();
    if !q.is_empty() {
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    }
    scored.into_iter().map(|(_, i, p)| (i, p)).collect()
}
