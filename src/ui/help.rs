//! The help overlay, generated from the keymap in use; it scrolls when the
//! terminal is too short for every row.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keys::{HelpKey, HelpRow, Keymap, help_rows, help_visible_rows};

use super::cells::cell;
use super::popup::frame_box;
use super::theme::Theme;

pub fn render(keymap: &Keymap, scroll: usize, frame: &mut Frame, area: Rect, theme: &Theme) {
    let rows = help_rows(keymap);
    let visible = help_visible_rows(rows.len(), area.height);
    let start = scroll.min(rows.len() - visible);
    let closes = keymap.hint_line(&[(&[HelpKey::Close][..], "closes")]);
    let title = if visible < rows.len() {
        let scroll = keymap.hint_line(&[(&[HelpKey::Down, HelpKey::Up][..], "scroll")]);
        format!(
            "Keys {}–{} of {} ({scroll} · {closes})",
            start + 1,
            start + visible,
            rows.len()
        )
    } else {
        format!("Keys ({closes})")
    };
    let inner = frame_box(frame, area, 78, visible as u16 + 2, &title, theme);
    let width = inner.width as usize;
    let key_w = 24.min(width / 3);
    let lines: Vec<Line> = rows[start..start + visible]
        .iter()
        .map(|row| match row {
            HelpRow::Key(keys, what) => Line::from(vec![
                Span::styled(cell(keys, key_w), theme.accent()),
                Span::raw(cell(what, width.saturating_sub(key_w))),
            ]),
            HelpRow::Heading(h) => Line::styled(*h, theme.title()),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
