//! A centred popup with a filterable list: the body of both pickers.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::app::picker::{Picker, PickerItem};
use crate::text::{display_width, sanitize_line};

use super::cells::{cell, highlighted};
use super::layout::centered;
use super::theme::Theme;

/// Draw a bordered, cleared box and return its inner area.
pub fn frame_box(
    frame: &mut Frame,
    area: Rect,
    w: u16,
    h: u16,
    title: &str,
    theme: &Theme,
) -> Rect {
    let rect = centered(area, w, h);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(
            format!(" {} ", cell(title, w.saturating_sub(6) as usize).trim_end()),
            theme.title(),
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A box for a list of `len` rows under `chrome` rows of its own (title
/// excluded), as tall as the list or the screen allows: its inner area and
/// how many list rows fit; `None` when nothing fits.
pub fn list_box(
    frame: &mut Frame,
    area: Rect,
    w: u16,
    (len, chrome): (usize, u16),
    title: &str,
    theme: &Theme,
) -> Option<(Rect, usize)> {
    let rows = len
        .min(area.height.saturating_sub(chrome + 2) as usize)
        .max(1);
    let inner = frame_box(frame, area, w, rows as u16 + chrome, title, theme);
    (inner.width > 0 && inner.height > 0).then_some((inner, rows))
}

/// The row the agent types in: `prompt`, the (sanitized) text, a bar.
pub fn query_line(prompt: &'static str, text: &str, width: usize, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(prompt, theme.accent()),
        Span::raw(cell(
            &format!("{}▏", sanitize_line(text)),
            width.saturating_sub(display_width(prompt)),
        )),
    ])
}

/// The first of `rows` shown rows that keeps `cursor` in sight.
pub fn first_shown(cursor: usize, rows: usize) -> usize {
    cursor.saturating_sub(rows.saturating_sub(1))
}

/// `line`, reversed when it is the cursor's row.
pub fn at_cursor<'a>(line: Line<'a>, selected: bool, theme: &Theme) -> Line<'a> {
    if selected {
        line.patch_style(theme.selected())
    } else {
        line
    }
}

/// Fill `lines` down to the box's last row, put `hint` there and draw.
pub fn draw_with_hint(
    frame: &mut Frame,
    inner: Rect,
    mut lines: Vec<Line<'_>>,
    hint: &str,
    theme: &Theme,
) {
    while lines.len() < (inner.height as usize).saturating_sub(1) {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(cell(hint, inner.width as usize), theme.dim()));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The picker list: query line, items (check, decoration, label with matches
/// highlighted), cursor row reversed, footer hint.
pub fn picker(
    frame: &mut Frame,
    area: Rect,
    p: &Picker,
    title: &str,
    hint: &str,
    decorate: impl Fn(&PickerItem) -> Span<'static>,
    theme: &Theme,
) {
    let h = (p.items.len() as u16 + 5).clamp(7, 22);
    let inner = frame_box(frame, area, 54, h, title, theme);
    if inner.height < 3 {
        return;
    }
    let width = inner.width as usize;
    let mut lines = vec![query_line("> ", &p.query, width, theme)];
    let rows = inner.height.saturating_sub(2) as usize;
    let first = first_shown(p.cursor, rows);
    if p.matches.is_empty() {
        lines.push(Line::styled("no match", theme.dim()));
    }
    for (pos, (i, positions)) in p.matches.iter().enumerate().skip(first).take(rows) {
        let item = &p.items[*i];
        let check = match (p.kind.has_checks(), item.checked) {
            (false, _) => "",
            (true, true) => "[x] ",
            (true, false) => "[ ] ",
        };
        let deco = decorate(item);
        let label_w = width.saturating_sub(display_width(check) + display_width(&deco.content));
        let mut spans = vec![Span::raw(check)];
        spans.extend(highlighted(
            &cell(&item.label, label_w),
            positions,
            theme.base(),
            theme.highlight(),
        ));
        spans.push(deco);
        lines.push(at_cursor(Line::from(spans), pos == p.cursor, theme));
    }
    draw_with_hint(frame, inner, lines, hint, theme);
}
