//! Bars drawn as text, in eighths of a cell: vertical bars (a chart, a
//! sparkline) and horizontal ones, and labels placed under them. Widths
//! come from `crate::text`.

use crate::text::display_width;

/// Eighths of a cell, bottom up (vertical bars) and left to right.
const UP: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const RIGHT: [char; 9] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// Rows of vertical bars, the top row first: value `i` a bar `widths[i]`
/// columns wide followed by `gap` blank ones, scaled to the largest over
/// `rows` rows in eighths (anything above zero shows at least an eighth;
/// `None` draws nothing).
pub fn vertical_bars(
    values: &[Option<u64>],
    widths: &[usize],
    gap: usize,
    rows: usize,
) -> Vec<String> {
    let max = values.iter().flatten().copied().max().unwrap_or(0).max(1);
    let levels = (rows.max(1) * 8) as u64;
    let heights: Vec<u64> = values
        .iter()
        .map(|v| match v {
            Some(0) | None => 0,
            Some(v) => (v.saturating_mul(levels).div_ceil(max)).clamp(1, levels),
        })
        .collect();
    (0..rows)
        .map(|r| {
            let floor = ((rows - 1 - r) * 8) as u64;
            let mut line = String::new();
            for (h, w) in heights.iter().zip(widths) {
                let fill = h.saturating_sub(floor).min(8) as usize;
                line.extend(std::iter::repeat_n(UP[fill], *w));
                line.extend(std::iter::repeat_n(' ', gap));
            }
            line
        })
        .collect()
}

/// `n` columns of `w` shared out, the rounding spread over them (each at
/// least 1): the widths, and where each starts.
pub fn spread(n: usize, w: usize) -> (Vec<usize>, Vec<usize>) {
    let w = w.max(n);
    let starts: Vec<usize> = (0..n).map(|i| i * w / n).collect();
    let widths = (0..n).map(|i| (i + 1) * w / n - i * w / n).collect();
    (widths, starts)
}

/// A horizontal bar `value / max` of `width` columns, in eighths.
pub fn horizontal_bar(value: u64, max: u64, width: usize) -> String {
    let eighths = (value.saturating_mul(width as u64 * 8))
        .checked_div(max)
        .unwrap_or(0) as usize;
    let eighths = if value > 0 { eighths.max(1) } else { 0 };
    let mut s: String = std::iter::repeat_n('█', eighths / 8).collect();
    if eighths % 8 > 0 {
        s.push(RIGHT[eighths % 8]);
    }
    s
}

/// Text placed at columns of a row `w` wide, each only where it does not
/// touch the one before.
pub fn placed(items: impl IntoIterator<Item = (usize, String)>, w: usize) -> String {
    let mut row = String::new();
    let mut end = 0;
    for (x, text) in items {
        let tw = display_width(&text);
        // Overlapping the one before (or not fitting): left out.
        if x < end || (x > 0 && x == end) || x + tw > w {
            continue;
        }
        row.push_str(&" ".repeat(x - end));
        row.push_str(&text);
        end = x + tw;
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_rows_and_labels_out_of_order_never_panic() {
        assert!(vertical_bars(&[Some(3), None], &[2, 2], 1, 0).is_empty());
        assert_eq!(placed([(4, "ab".into()), (0, "cd".into())], 10), "    ab");
    }

    #[test]
    fn bars_scale_to_the_largest_in_eighths_and_show_any_nonzero() {
        let rows = vertical_bars(&[Some(8), Some(4), Some(1), Some(0), None], &[1; 5], 1, 1);
        assert_eq!(rows, vec!["█ ▄ ▁     "]);
        let two = vertical_bars(&[Some(16), Some(12)], &[2, 3], 0, 2);
        assert_eq!(two, vec!["██▄▄▄", "█████"]);
        assert_eq!(spread(3, 10), (vec![3, 3, 4], vec![0, 3, 6]));
        assert_eq!(spread(24, 10).0, vec![1; 24], "at least a column each");
        assert_eq!(horizontal_bar(5, 10, 4), "██");
        assert_eq!(horizontal_bar(1, 1000, 4), "▏");
        assert_eq!(horizontal_bar(0, 0, 4), "");
        assert_eq!(
            placed([(0, "01".into()), (1, "02".into()), (3, "03".into())], 10),
            "01 03"
        );
    }
}
