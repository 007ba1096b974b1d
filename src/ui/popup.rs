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
pub fn query_line(prompt: &str, text: &str, width: usize, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(prompt.to_owned(), theme.accent()),
        Span::raw(cell(
            &format!("{}▏", sanitize_line(text)),
            width.saturating_sub(display_width(prompt)),
        )),
    ])
}

/// The rows of a list that fit in `rows`, scrolled to keep `cursor` in
/// sight: each made by `row(index, item)`, the cursor's reversed.
pub fn shown_rows<'l, T>(
    items: &[T],
    cursor: usize,
    rows: usize,
    theme: &Theme,
    mut row: impl FnMut(usize, &T) -> Line<'l>,
) -> Vec<Line<'l>> {
    let first = cursor.saturating_sub(rows.saturating_sub(1));
    let shown = items.iter().enumerate().skip(first).take(rows);
    shown
        .map(|(i, item)| at_cursor(row(i, item), i == cursor, theme))
        .collect()
}

/// A list filtered by what was typed (`query`: its prompt and text): the
/// query line, `none` when nothing matches, and the matches that fit in
/// `inner` under it, each drawn by `row(item index, matched positions)`.
pub fn matched_rows<'l>(
    query: (&'static str, &str),
    matches: &[(usize, Vec<usize>)],
    cursor: usize,
    inner: Rect,
    none: &str,
    theme: &Theme,
    mut row: impl FnMut(usize, &[usize]) -> Line<'l>,
) -> Vec<Line<'l>> {
    let mut lines = vec![query_line(query.0, query.1, inner.width as usize, theme)];
    if matches.is_empty() {
        lines.push(Line::styled(none.to_owned(), theme.dim()));
    }
    let rows = inner.height.saturating_sub(2) as usize;
    lines.extend(shown_rows(matches, cursor, rows, theme, |_, (i, hits)| {
        row(*i, hits)
    }));
    lines
}

/// A label cut to `width` with the typed letters it matched highlighted.
pub fn matched_label(
    label: &str,
    width: usize,
    hits: &[usize],
    theme: &Theme,
) -> Vec<Span<'static>> {
    highlighted(&cell(label, width), hits, theme.base(), theme.highlight())
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
    (title, hint): (&str, &str),
    decorate: impl Fn(&PickerItem) -> Span<'static>,
    lang: crate::i18n::Lang,
    theme: &Theme,
) {
    let h = (p.items.len() as u16 + 5).clamp(7, 22);
    let inner = frame_box(frame, area, 54, h, title, theme);
    if inner.height < 3 {
        return;
    }
    let width = inner.width as usize;
    let query = ("> ", p.query.as_str());
    let lines = matched_rows(
        query,
        &p.matches,
        p.cursor,
        inner,
        &crate::i18n::tr(lang, "picker-no-match"),
        theme,
        |i, hits| {
            let item = &p.items[i];
            let check = match (p.kind.has_checks(), item.checked) {
                (false, _) => "",
                (true, true) => "[x] ",
                (true, false) => "[ ] ",
            };
            let deco = decorate(item);
            let label_w = width.saturating_sub(display_width(check) + display_width(&deco.content));
            let mut spans = vec![Span::raw(check)];
            spans.extend(matched_label(&item.label, label_w, hits, theme));
            spans.push(deco);
            Line::from(spans)
        },
    );
    draw_with_hint(frame, inner, lines, hint, theme);
}
