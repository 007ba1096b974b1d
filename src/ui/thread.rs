//! The open thread: its pre-laid-out lines, the slice for the scroll
//! position, styles by kind.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keys::Command;
use crate::app::thread::LineKind;
use crate::app::{Focus, State};
use crate::text::sanitize_line;

use super::cells::cell;
use super::pane::pane;
use super::theme::Theme;

pub fn render(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let focused =
        state.focus == Focus::Thread && state.overlay.is_none() && state.composer.is_none();
    let Some(t) = &state.thread else {
        let inner = pane(frame, area, false, " Thread ", theme);
        let hint = Line::styled(
            state.settings.keymap.hints(&[
                (Command::Open, "opens the selected conversation"),
                (Command::Help, "help"),
            ]),
            theme.dim(),
        );
        frame.render_widget(Paragraph::new(hint), inner);
        return;
    };
    let conv = state.convs.get(&t.conv);
    let mut title = conv.map_or_else(String::new, |c| {
        let kind = c.kind.as_wire().to_lowercase();
        let tags: Vec<String> = c
            .tags
            .iter()
            .filter_map(|id| state.tag_of(c, id).map(|t| t.name.clone()))
            .collect();
        let tags = if tags.is_empty() {
            String::new()
        } else {
            format!(" · {}", tags.join(", "))
        };
        format!(" {} · {kind}{tags} ", c.customer.name)
    });
    if title.is_empty() {
        title = " Thread ".into();
    }
    let title = cell(&title, area.width.saturating_sub(4) as usize);
    let title = Span::styled(title.trim_end().to_owned(), theme.title());
    let inner = pane(frame, area, focused, title, theme);
    let rows = inner.height as usize;
    if rows == 0 {
        return;
    }
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::with_capacity(rows);
    if let Some(e) = &t.error {
        lines.push(Line::styled(
            cell(&format!("! {}", sanitize_line(e)), width),
            theme.error(),
        ));
    }
    if t.messages.is_empty() && t.outgoing.is_empty() {
        let text = if t.loading {
            "loading…"
        } else {
            "no messages"
        };
        lines.push(Line::styled(text, theme.dim()));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let body_rows = rows.saturating_sub(lines.len());
    let total = t.lines.len();
    let end = total.saturating_sub(t.scroll.min(total));
    let start = end.saturating_sub(body_rows);
    if start == 0 && body_rows > end {
        let top = if t.loading_older {
            "— loading older messages… —"
        } else if t.exhausted {
            "— beginning of the conversation —"
        } else {
            "— k / PgUp for older messages —"
        };
        lines.push(Line::styled(top, theme.dim()));
    }
    for l in &t.lines[start..end] {
        let style = match l.kind {
            LineKind::Header { from_page: true } => theme
                .page_reply()
                .add_modifier(ratatui::style::Modifier::BOLD),
            LineKind::Header { from_page: false } => theme.customer(),
            LineKind::Body { from_page: true } => theme.page_reply(),
            LineKind::Body { from_page: false } => theme.base(),
            LineKind::Attachment => theme.dim(),
            LineKind::Quote => theme.dim().add_modifier(ratatui::style::Modifier::ITALIC),
            LineKind::Note => theme.warn(),
            LineKind::Blank => theme.base(),
        };
        lines.push(Line::styled(l.text.clone(), style));
    }
    if t.scroll > 0 && !lines.is_empty() {
        let last = lines.len() - 1;
        lines[last] = Line::styled(
            cell(&format!("↓ {} more lines (G)", t.scroll), width),
            theme.accent(),
        );
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
