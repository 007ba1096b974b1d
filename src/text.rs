//! Untrusted text: sanitizing, display width, truncation, wrapping, folding.
//!
//! Every string that came from the API goes through [`sanitize_line`] or
//! [`sanitize_block`] once, when the models are built (`api::models`), and
//! text the agent pastes or edits goes through [`sanitize_input`] before it
//! becomes a request. Whole escape sequences are removed (CSI, OSC, DCS/SOS/
//! PM/APC and their 8-bit C1 forms), not just the ESC byte, so no remainder
//! such as `[2J` or `]0;title` reaches the screen; bidi overrides and other
//! invisible format characters are removed (Trojan-Source class); text is
//! NFC-normalised so decomposed Vietnamese measures like precomposed.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// Columns a tab stands for in multi-line text.
const TAB: usize = 4;

/// Invisible format characters removed everywhere: bidi embeddings,
/// overrides and isolates, zero-width space, LRM/RLM/ALM, BOM, word joiner
/// and invisible operators. ZWJ/ZWNJ stay (scripts and emoji need them).
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{200E}' | '\u{200F}'
        | '\u{061C}' | '\u{FEFF}' | '\u{2060}'..='\u{2064}')
}

/// Remove escape sequences: returns the text with every ESC/C1-introduced
/// sequence gone. An unterminated sequence runs to the end of the text.
fn strip_sequences(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| c == '\u{1b}' || ('\u{80}'..='\u{9f}').contains(&c))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        let kind = match c {
            '\u{1b}' => match it.next() {
                Some('[') => Seq::Csi,
                Some(']') => Seq::Str,
                Some('P' | 'X' | '^' | '_') => Seq::Str,
                // ESC followed by intermediates then a final byte (e.g. `ESC ( B`).
                Some(c2) if ('\u{20}'..='\u{2f}').contains(&c2) => {
                    while it.next_if(|x| ('\u{20}'..='\u{2f}').contains(x)).is_some() {}
                    it.next();
                    continue;
                }
                // Two-character sequence (`ESC c`, `ESC 7`, ...).
                _ => continue,
            },
            '\u{9b}' => Seq::Csi,
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => Seq::Str,
            // Other C1 controls are dropped alone.
            '\u{80}'..='\u{9f}' => continue,
            _ => {
                out.push(c);
                continue;
            }
        };
        match kind {
            // Parameters and intermediates, then one final byte 0x40..=0x7E.
            Seq::Csi => {
                for x in it.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&x) {
                        break;
                    }
                }
            }
            // Until BEL, ST (ESC \) or the 8-bit ST.
            Seq::Str => {
                while let Some(x) = it.next() {
                    match x {
                        '\u{7}' | '\u{9c}' => break,
                        '\u{1b}' if it.peek() == Some(&'\\') => {
                            it.next();
                            break;
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    Cow::Owned(out)
}

enum Seq {
    Csi,
    Str,
}

fn is_plain_ascii(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Single-line display form: for list rows, names, tag names, titles and the
/// status bar. Newlines and runs of whitespace become one space, control
/// characters are dropped silently, the result is trimmed.
pub fn sanitize_line(s: &str) -> String {
    if is_plain_ascii(s) && !s.contains("  ") && s.trim() == s {
        return s.to_owned();
    }
    let stripped = strip_sequences(s);
    let mut out = String::with_capacity(stripped.len());
    let mut space = false;
    for c in stripped.nfc() {
        if c.is_whitespace() || c == '\u{2028}' || c == '\u{2029}' {
            space = true;
            continue;
        }
        if c.is_control() || is_invisible_format(c) {
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Multi-line display form: for message texts. `\r\n` and lone `\r` become
/// `\n` (no overwriting a line), tabs expand to spaces, remaining control
/// characters become U+FFFD so tampering stays visible.
pub fn sanitize_block(s: &str) -> String {
    clean_lines(s, true)
}

/// Text the agent pastes or gets back from `$EDITOR`, before it becomes a
/// request body: sequences and controls removed (newlines and tabs kept).
pub fn sanitize_input(s: &str) -> String {
    clean_lines(s, false)
}

fn clean_lines(s: &str, display: bool) -> String {
    let stripped = strip_sequences(s);
    let mut out = String::with_capacity(stripped.len());
    let mut col = 0usize;
    let mut chars = stripped.nfc().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
                col = 0;
            }
            '\n' | '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                col = 0;
            }
            '\t' if display => {
                let n = TAB - col % TAB;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {
                if display {
                    out.push('\u{FFFD}');
                    col += 1;
                }
            }
            c if is_invisible_format(c) => {}
            c => {
                out.push(c);
                col += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            }
        }
    }
    out
}

/// Replace the value of any `access_token=` / `page_access_token=` query
/// parameter in free text (a URL inside an error message) with `***`.
/// Secrets (tokens) that no text leaving the app may carry.
static SECRETS: std::sync::OnceLock<std::sync::Mutex<Vec<String>>> = std::sync::OnceLock::new();

/// Register a secret (a token, a password in a URL) to redact wherever text
/// leaves the app: the screen, errors kept in the outbox, logs, panics.
pub fn register_secret(s: &str) {
    if s.len() >= 4 {
        let m = SECRETS.get_or_init(|| std::sync::Mutex::new(Vec::new()));
        let mut m = m.lock().unwrap_or_else(|e| e.into_inner());
        if !m.iter().any(|k| k == s) {
            m.push(s.to_owned());
        }
    }
}

/// Replace registered secrets (and any token query parameter) in `text`,
/// whatever form they come in (a server echoing a token without
/// `access_token=` included).
pub fn redact(text: &str) -> String {
    let mut out = strip_token_params(text);
    if let Some(m) = SECRETS.get() {
        for s in m.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            out = out.replace(s.as_str(), "***");
        }
    }
    out
}

pub fn strip_token_params(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find("access_token=") {
        let (head, tail) = rest.split_at(pos + "access_token=".len());
        out.push_str(head);
        out.push_str("***");
        let end = tail
            .find(['&', ' ', ')', '"', '\'', '\n'])
            .unwrap_or(tail.len());
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Display width as ratatui measures it: the sum of each grapheme's width.
/// This is the one measure of the app: every pane lays out with it, and the
/// drawing form of a grapheme ([`settle`]) never takes more columns than it.
pub fn display_width(s: &str) -> usize {
    if is_plain_ascii(s) {
        return s.len();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// Columns of one grapheme in ratatui's buffer (controls are never drawn).
pub fn grapheme_width(g: &str) -> usize {
    use ratatui::buffer::CellWidth;
    if g.contains(char::is_control) {
        return 0;
    }
    g.cell_width() as usize
}

// ---------------------------------------------------------------------------
// The drawing rule: only graphemes whose width every terminal agrees on.
//
// Terminals and multiplexers (tmux, GNU screen, most emulators) measure text
// one code point at a time (`wcwidth`); unicode-width, and so ratatui,
// measures a whole grapheme cluster. They agree whenever a grapheme's width
// is the sum of its code points' widths: plain letters, CJK, RTL scripts,
// letters with combining marks. They disagree on emoji sequences: a skin
// tone (👍🏽: 2 for ratatui, 4 for tmux), a flag (🇻🇳: 2, or 2+2), a heart
// with VS16 (❤️: 2, or 1), a keycap (1️⃣: 2, or 1), a ZWJ family (👨‍👩‍👧: 2,
// or 6), and even on a lone regional indicator. Such a grapheme is drawn in
// a settled form, padded with spaces to the columns ratatui gave it, so
// the layout the app computed is the layout on screen:
//
// - regional indicators become their letters: 🇻🇳 → `VN`, a lone 🇳 → `N`;
// - a keycap becomes its key: 1️⃣ → `1`, #️⃣ → `#`;
// - a ZWJ sequence becomes its first element: 👨‍👩‍👧 → 👨, 👩‍🔬 → 👩;
// - skin tones, variation selectors and tag characters are dropped:
//   👍🏽 → 👍, ❤️ → ❤, 🏴󠁧󠁢󠁳󠁣󠁴󠁿 → 🏴;
// - anything else that still disagrees becomes U+FFFD.
//
// Where it happens: at the very end of each frame (`ui::render_with` calls
// [`settle_buffer`]), the one place every drawn cell passes through, API
// text, the agent's draft, config names and help alike. The models, the
// cache, search and replies keep the text exactly as typed; only the cells
// sent to the terminal change.
// ---------------------------------------------------------------------------

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Code points dropped from an emoji's drawing form: skin tones, variation
/// selectors, the keycap mark, tag characters, ZWJ.
fn is_emoji_modifier(c: char) -> bool {
    matches!(c,
        '\u{1F3FB}'..='\u{1F3FF}' | '\u{FE00}'..='\u{FE0F}' | '\u{20E3}'
        | '\u{E0020}'..='\u{E007F}' | '\u{200D}')
}

fn char_width(c: char) -> usize {
    match c {
        // ratatui counts the halfwidth sound marks as one column each, as terminals do.
        '\u{FF9E}' | '\u{FF9F}' => 1,
        c => unicode_width::UnicodeWidthChar::width(c).unwrap_or(0),
    }
}

/// Whether every common terminal gives `g` the width ratatui gives it: no
/// regional indicator, and the grapheme is as wide as its code points.
pub fn is_settled(g: &str) -> bool {
    let mut chars = g.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    if is_regional_indicator(first) {
        return false;
    }
    if chars.as_str().is_empty() {
        return true;
    }
    if g.chars().any(|c| {
        is_regional_indicator(c)
            || matches!(
                c,
                '\u{200D}' | '\u{FE0F}' | '\u{20E3}' | '\u{E0020}'..='\u{E007F}'
            )
    }) {
        return false;
    }
    g.chars().map(char_width).sum::<usize>() == grapheme_width(g)
}

/// The drawing form of one grapheme: itself when settled, otherwise the
/// rule above. Never wider than `g` (the caller pads to `g`'s columns).
pub fn settle(g: &str) -> Cow<'_, str> {
    if is_settled(g) {
        return Cow::Borrowed(g);
    }
    let width = grapheme_width(g);
    // Compatibility forms first: halfwidth katakana with its sound mark
    // (ｶﾞ) is the fullwidth letter (ガ) every terminal draws in 2 columns.
    let nfkc: String = g.nfkc().collect();
    if nfkc != g && nfkc.graphemes(true).all(is_settled) && display_width(&nfkc) <= width {
        return Cow::Owned(nfkc);
    }
    let form: String = if g.chars().any(is_regional_indicator) {
        g.chars()
            .filter(|c| is_regional_indicator(*c))
            .map(|c| char::from(b'A' + (c as u32 - 0x1F1E6) as u8))
            .collect()
    } else {
        g.split('\u{200D}')
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| !is_emoji_modifier(*c))
            .collect()
    };
    let ok =
        !form.is_empty() && form.graphemes(true).all(is_settled) && display_width(&form) <= width;
    if ok {
        Cow::Owned(form)
    } else if width == 0 {
        Cow::Borrowed("")
    } else {
        Cow::Borrowed("\u{FFFD}")
    }
}

/// A whole text in its drawing form (each grapheme settled, padded to the
/// columns it had). For tests and for sinks outside the frame.
pub fn for_display(s: &str) -> Cow<'_, str> {
    if is_plain_ascii(s) || s.graphemes(true).all(is_settled) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for g in s.graphemes(true) {
        let form = settle(g);
        out.push_str(&form);
        let pad = grapheme_width(g).saturating_sub(display_width(&form));
        out.extend(std::iter::repeat_n(' ', pad));
    }
    Cow::Owned(out)
}

/// Replace every unsettled grapheme of a rendered frame by its drawing form,
/// in the columns ratatui laid it out in. The last step of every frame.
pub fn settle_buffer(buf: &mut ratatui::buffer::Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            let width = grapheme_width(symbol).max(1) as u16;
            if symbol.len() > 1 && !is_settled(symbol) {
                let symbol = symbol.to_owned();
                let form = settle(&symbol).into_owned();
                let mut cx = x;
                for g in form.graphemes(true) {
                    let gw = grapheme_width(g).max(1) as u16;
                    if cx + gw > x + width || cx >= area.right() {
                        break;
                    }
                    buf[(cx, y)].set_symbol(g);
                    for k in 1..gw {
                        buf[(cx + k, y)].set_symbol(" ");
                    }
                    cx += gw;
                }
                let style = buf[(x, y)].style();
                while cx < x + width && cx < area.right() {
                    buf[(cx, y)].set_symbol(" ").set_style(style);
                    cx += 1;
                }
            }
            x += width;
        }
    }
    // A wide grapheme whose second half a later widget (a popup's border)
    // drew over is gone on a real terminal, which blanks the first half too:
    // blank it here as well, so the frame stays well formed.
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let width = grapheme_width(buf[(x, y)].symbol()) as u16;
            let covered =
                (1..width).any(|k| x + k >= area.right() || buf[(x + k, y)].symbol() != " ");
            if width > 1 && covered {
                buf[(x, y)].set_symbol(" ");
            }
        }
    }
}

/// Cut to at most `max` columns at a grapheme boundary, ending with `…` when
/// cut (the ellipsis counts). Never splits a grapheme.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if display_width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut w = 0;
    for g in s.graphemes(true) {
        let gw = grapheme_width(g);
        if w + gw + 1 > max {
            break;
        }
        w += gw;
        out.push_str(g);
    }
    out.push('…');
    Cow::Owned(out)
}

/// Truncate then pad with spaces to exactly `width` columns.
pub fn pad_right(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let pad = width.saturating_sub(display_width(&t));
    format!("{t}{}", " ".repeat(pad))
}

/// Wrap by display width: break at spaces where possible, hard-break longer
/// words at grapheme boundaries. Every line is at most `width` columns.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for word in para.split_word_bounds() {
            let ww = display_width(word);
            if w + ww <= width {
                line.push_str(word);
                w += ww;
                continue;
            }
            if word.trim().is_empty() {
                // A space at the break is dropped.
                lines.push(std::mem::take(&mut line));
                w = 0;
                continue;
            }
            if w > 0 && ww <= width {
                lines.push(std::mem::take(&mut line));
                line.push_str(word);
                w = ww;
                continue;
            }
            for g in word.graphemes(true) {
                let gw = grapheme_width(g);
                if w + gw > width && w > 0 {
                    lines.push(std::mem::take(&mut line));
                    w = 0;
                }
                if gw <= width {
                    line.push_str(g);
                    w += gw;
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// Lower case without diacritics (`Phương` → `phuong`, `Đ` → `d`), for
/// accent-insensitive search.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn clean(s: &str) -> bool {
        !s.chars().any(|c| {
            (c.is_control() && c != '\n')
                || is_invisible_format(c)
                || ('\u{80}'..='\u{9f}').contains(&c)
        })
    }

    #[test]
    fn golden_payloads_leave_nothing_behind() {
        let cases = [
            ("\x1b]0;pwned\x07Eve", "Eve"),
            ("\x1b]52;c;ZWNobw==\x07x", "x"),
            ("\x1b[2J\x1b[Hhi", "hi"),
            ("\x1b[?1000hmouse", "mouse"),
            ("\u{9b}31mred", "red"),
            ("ok\rFAKE", "ok FAKE"),
            ("\u{202e}gnp.exe", "gnp.exe"),
            ("\x1b]0;abc", ""),
            ("a\x1b(Bb", "ab"),
            ("\x1bPq#0;2;0;0;0\x1b\\after", "after"),
            ("tab\there", "tab here"),
            ("z\u{200b}w", "zw"),
        ];
        for (input, want) in cases {
            assert_eq!(sanitize_line(input), want, "{input:?}");
        }
        assert_eq!(sanitize_block("ok\rFAKE\r\nx"), "ok\nFAKE\nx");
        assert_eq!(sanitize_block("a\tb"), "a   b");
        assert_eq!(sanitize_block("bell\x07"), "bell\u{FFFD}");
        assert_eq!(sanitize_input("paste\x1b[201~rm -rf\n"), "pasterm -rf\n");
    }

    #[test]
    fn emoji_cjk_rtl_and_vietnamese_survive_and_measure_right() {
        for s in ["👨‍👩‍👧", "👍🏽", "🇻🇳", "你好世界", "مرحبا", "Nguyễn Thị Phương"]
        {
            assert_eq!(sanitize_line(s), s);
        }
        let nfd = "Nguye\u{302}\u{303}n";
        let nfc = "Nguyễn";
        assert_eq!(sanitize_line(nfd), nfc);
        assert_eq!(display_width(&sanitize_line(nfd)), display_width(nfc));
        assert_eq!(display_width("你好"), 4);
        assert_eq!(truncate("你好世界", 5), "你好…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(pad_right("ab", 4), "ab  ");
    }

    /// The drawing rule, case by case: (as typed, as drawn). The drawn form
    /// takes the columns ratatui gave the original (padded with spaces).
    #[test]
    fn unsettled_emoji_are_drawn_in_a_form_every_terminal_agrees_on() {
        let cases = [
            ("👍🏽", "👍"), // skin tone dropped
            ("👋🏿", "👋"),
            ("🇻🇳", "VN"), // flag as its two letters
            ("🇺🇸", "US"),
            ("🇳", "N"),   // a lone regional indicator
            ("❤️", "❤ "), // VS16 dropped, the heart is narrow
            ("1️⃣", "1 "), // keycap as its key
            ("#️⃣", "# "),
            ("👨‍👩‍👧", "👨"), // ZWJ family as its first person
            ("👩‍👩‍👧‍👦", "👩"),
            ("👩🏽‍🔬", "👩"), // tone and profession dropped
            ("🏳️‍🌈", "🏳 "),
            (
                "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
                "🏴",
            ), // subdivision flag
            ("👍", "👍"), // settled: unchanged
            ("😀", "😀"),
            ("❤", "❤"),
            ("你好", "你好"),
            ("مرحبا", "مرحبا"),
            ("Nguyễn", "Nguyễn"),
            ("e\u{301}\u{323}", "e\u{301}\u{323}"), // combining marks stay
            // Halfwidth katakana with its sound mark: ratatui gives 3 columns,
            // terminals 2; drawn as its fullwidth letter in ratatui's 3.
            ("ｶﾞ", "ガ "),
            ("ﾊﾟﾝ", "パ ﾝ"),
            ("a👍🏽b🇻🇳c", "a👍bVNc"),
        ];
        for (typed, drawn) in cases {
            let got = for_display(typed);
            assert_eq!(got, drawn, "{typed:?}");
            assert_eq!(
                display_width(&got),
                display_width(typed),
                "{typed:?} keeps its columns"
            );
            assert!(got.graphemes(true).all(is_settled), "{typed:?} → {got:?}");
        }
        for g in ["👍🏽", "🇻🇳", "🇳", "❤️", "1️⃣", "👨‍👩‍👧"] {
            assert!(!is_settled(g), "{g:?}");
        }
    }

    #[test]
    fn the_buffer_pass_keeps_columns_and_styles() {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        use ratatui::style::{Color, Style};
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        let red = Style::default().fg(Color::Red);
        buf.set_string(0, 0, "a🇻🇳❤️1️⃣👍🏽z", red);
        settle_buffer(&mut buf);
        let row: String = (0..20).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        assert!(row.starts_with("aVN❤ 1 👍 z"), "{row:?}");
        assert_eq!(buf[(3, 0)].fg, Color::Red);
        for x in 0..20 {
            assert!(is_settled(buf[(x, 0)].symbol()));
        }
    }

    #[test]
    fn folding_and_fuzzy_search() {
        assert_eq!(fold("Nguyễn Thị Phương"), "nguyen thi phuong");
        assert_eq!(fold("ĐẶT HÀNG"), "dat hang");
        assert!(fuzzy_match("phuong", "Phương").is_some());
        assert!(fuzzy_match("nth", "Nguyễn Thị Hồng").is_some());
        assert!(fuzzy_match("xyz", "Phương").is_none());
        let m = fuzzy_match("phu", "Nguyễn Thị Phương").unwrap();
        assert_eq!(m.positions, vec![11, 12, 13]);
        let word = fuzzy_match("ph", "Phương").unwrap().score;
        let inner = fuzzy_match("ph", "alpha").unwrap().score;
        assert!(word > inner);
    }

    #[test]
    fn wrap_respects_width_and_words() {
        assert_eq!(wrap("hello world foo", 11), vec!["hello world", "foo"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 5), vec!["a", "b"]);
        for l in wrap(&"你好".repeat(50), 7) {
            assert!(display_width(&l) <= 7);
        }
    }

    #[test]
    fn big_inputs_are_handled() {
        let big = "lorem ipsum ".repeat(9_000);
        assert!(wrap(&sanitize_block(&big), 80).len() > 1000);
        let emoji = "👩‍👩‍👧‍👦".repeat(10_000);
        assert!(display_width(&truncate(&sanitize_line(&emoji), 20)) <= 20);
    }

    fn hostile_char() -> impl Strategy<Value = char> {
        prop_oneof![
            Just('\u{1b}'),
            Just('['),
            Just(']'),
            Just('\u{7}'),
            Just('\\'),
            Just('\u{9b}'),
            Just('\u{9d}'),
            Just('\u{202e}'),
            Just('\u{200d}'),
            Just('\r'),
            Just('\n'),
            Just('\t'),
            Just('好'),
            Just('👩'),
            Just('\u{301}'),
            Just('đ'),
            Just('m'),
            Just('2'),
            Just(';'),
            any::<char>(),
        ]
    }

    proptest! {
        #[test]
        fn sanitized_text_is_clean_and_fits(chars in proptest::collection::vec(hostile_char(), 0..200), w in 1usize..60) {
            let s: String = chars.into_iter().collect();
            let line = sanitize_line(&s);
            prop_assert!(clean(&line) && !line.contains('\n'));
            let block = sanitize_block(&s);
            prop_assert!(clean(&block));
            let input = sanitize_input(&s);
            prop_assert!(!input.contains('\x1b'), "escape left in input");
            let t = truncate(&line, w);
            prop_assert!(display_width(&t) <= w);
            for l in wrap(&block, w) {
                prop_assert!(display_width(&l) <= w, "{:?} wider than {}", l, w);
            }
        }

        #[test]
        fn our_width_agrees_with_ratatui(chars in proptest::collection::vec(hostile_char(), 0..60)) {
            use ratatui::buffer::Buffer;
            use ratatui::layout::Rect;
            let s: String = chars.into_iter().collect();
            let line = truncate(&sanitize_line(&s), 40).into_owned();
            let mut buf = Buffer::empty(Rect::new(0, 0, 40, 1));
            let (x, _) = buf.set_stringn(0, 0, &line, 40, ratatui::style::Style::default());
            prop_assert_eq!(x as usize, display_width(&line));
            for cell in buf.content() {
                prop_assert!(!cell.symbol().chars().any(|c| c.is_control()));
            }
        }
    }
}
