//! The reply composer under the thread, with the terminal cursor in it.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::State;
use crate::app::keys::ComposerKey;
use crate::text::{display_width, wrap};

use super::theme::Theme;

pub fn render(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(c) = &state.composer else { return };
    let mode = if c.private { " · PRIVATE REPLY" } else { "" };
    let tags = if c.add_tags.is_empty() {
        String::new()
    } else {
        format!(" · +tags {}", c.add_tags.join(", "))
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(state.overlay.is_none()))
        .title(Span::styled(
            format!(" Reply · {} chars{mode}{tags} ", c.char_count()),
            theme.title(),
        ))
        .title_bottom(Line::styled(
            format!(
                " {} ",
                state.settings.keymap.hint_line(&[
                    (&[ComposerKey::Send][..], "send"),
                    (&[ComposerKey::NewLine], "new line"),
                    (&[ComposerKey::Canned], "canned"),
                    (&[ComposerKey::Editor], "editor"),
                    (&[ComposerKey::Close], "keep draft"),
                ])
            ),
            theme.dim(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let width = inner.width as usize;
    let lines = wrap(&c.text, width);
    // The cursor's row and column: wrap the text before it the same way.
    let before = wrap(&c.text[..c.cursor], width);
    let mut row = before.len().saturating_sub(1);
    let mut col = before.last().map_or(0, |l| display_width(l));
    if col >= width {
        row += 1;
        col = 0;
    }
    let rows = inner.height as usize;
    let first = (row + 1).saturating_sub(rows);
    let shown: Vec<Line> = lines
        .iter()
        .skip(first)
        .take(rows)
        .map(|l| Line::raw(l.clone()))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if state.overlay.is_none() {
        frame.set_cursor_position(Position {
            x: inner.x + col.min(width.saturating_sub(1)) as u16,
            y: inner.y + (row - first).min(rows - 1) as u16,
        });
    }
}
