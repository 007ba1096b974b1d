//! Text cut to a width: truncated, padded, wrapped.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

use super::{display_width, grapheme_width};

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
