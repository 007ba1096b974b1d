//! Text fitted to terminal cells: a column of an exact width, and spans
//! with the matched characters highlighted. Widths come from `crate::text`.

use ratatui::style::Style;
use ratatui::text::Span;

use unicode_segmentation::UnicodeSegmentation;

use crate::text::{display_width, grapheme_width, truncate};

/// `text` cut to `width` columns and padded to exactly `width`.
pub fn cell(text: &str, width: usize) -> String {
    let t = truncate(text, width);
    let pad = width.saturating_sub(display_width(&t));
    format!("{t}{}", " ".repeat(pad))
}

/// `text` in exactly `width` columns, its end kept when it is too long
/// ("…" first): a line being typed, whose end is where the cursor is.
pub fn tail_cell(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return cell(text, width);
    }
    let room = width.saturating_sub(1);
    let mut kept = Vec::new();
    let mut used = 0;
    for g in text.graphemes(true).rev() {
        let w = grapheme_width(g);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(g);
    }
    kept.reverse();
    cell(&format!("…{}", kept.concat()), width)
}

/// `text` as spans with the chars at `positions` highlighted. Spans break
/// only between graphemes (a grapheme split in two spans would be measured,
/// and drawn, as two), so a grapheme is highlighted if any of its chars is.
pub fn highlighted(text: &str, positions: &[usize], base: Style, hl: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    let mut i = 0;
    for g in text.graphemes(true) {
        let n = g.chars().count();
        let is = (i..i + n).any(|k| positions.contains(&k));
        i += n;
        if is != run_hl && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hl { hl } else { base },
            ));
        }
        run_hl = is;
        run.push_str(g);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hl { hl } else { base }));
    }
    spans
}
