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
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", theme.accent()),
        Span::raw(cell(
            &format!("{}▏", sanitize_line(&p.query)),
            width.saturating_sub(2),
        )),
    ])];
    let rows = inner.height.saturating_sub(2) as usize;
    let first = p.cursor.saturating_sub(rows.saturating_sub(1));
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
        let line = Line::from(spans);
        lines.push(if pos == p.cursor {
            line.patch_style(theme.selected())
        } else {
            line
        });
    }
    while lines.len() < inner.height as usize - 1 {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(cell(hint, width), theme.dim()));
    frame.render_widget(Paragraph::new(lines), inner);
}
