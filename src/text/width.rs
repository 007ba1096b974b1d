//! Display width as ratatui measures it, and graphemes settled into a
//! form every terminal draws in that width.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::is_plain_ascii;

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
