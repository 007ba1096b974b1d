//! The help overlay, generated from the keymap in use; it scrolls when the
//! terminal is too short for every row.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keys::{HelpKey, HelpRow, Keymap, help_rows, help_visible_rows};
use crate::i18n::{Lang, tr, tr_with};

use super::cells::cell;
use super::popup::frame_box;
use super::theme::Theme;

pub fn render(
    keymap: &Keymap,
    lang: Lang,
    scroll: usize,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    let rows = help_rows(keymap, lang);
    let visible = help_visible_rows(rows.len(), area.height);
    let start = scroll.min(rows.len() - visible);
    let closes_word = tr(lang, "hint-closes");
    let closes = keymap.hint_line(&[(&[HelpKey::Close][..], &closes_word)]);
    let title = if visible < rows.len() {
        let scroll_word = tr(lang, "hint-scroll");
        let scroll = keymap.hint_line(&[(&[HelpKey::Down, HelpKey::Up][..], &scroll_word)]);
        let args = [
            ("from", (start + 1).into()),
            ("to", (start + visible).into()),
            ("rows", rows.len().into()),
            ("scroll", scroll.into()),
            ("closes", closes.into()),
        ];
        tr_with(lang, "help-title-rows", &args)
    } else {
        tr_with(lang, "help-title", &[("closes", closes.into())])
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
            HelpRow::Heading(h) => Line::styled(cell(h, width), theme.title()),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
