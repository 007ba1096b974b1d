//! The help overlay, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keys::{BINDINGS, POPUP_HELP};

use super::list::cell;
use super::popup::frame_box;
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, theme: &Theme) {
    let rows = BINDINGS.len() + POPUP_HELP.len() + 3;
    let inner = frame_box(
        frame,
        area,
        78,
        rows as u16 + 2,
        "Keys (? or Esc closes)",
        theme,
    );
    let width = inner.width as usize;
    let key_w = 24.min(width / 3);
    let line = |keys: String, what: &str| {
        Line::from(vec![
            Span::styled(cell(&keys, key_w), theme.accent()),
            Span::raw(cell(what, width.saturating_sub(key_w))),
        ])
    };
    let mut lines: Vec<Line> = BINDINGS
        .iter()
        .map(|b| {
            let keys: Vec<&str> = b
                .keys
                .iter()
                .map(|k| if *k == " " { "Space" } else { k })
                .collect();
            line(keys.join(", "), b.help)
        })
        .collect();
    lines.push(line("1 … 9".into(), "switch to view 1 … 9"));
    lines.push(Line::styled("In pickers and the composer", theme.title()));
    lines.extend(POPUP_HELP.iter().map(|(k, what)| line((*k).into(), what)));
    lines.push(line(
        "C-t  C-e  C-p".into(),
        "composer: canned replies · $EDITOR · private reply",
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}
