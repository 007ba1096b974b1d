//! The outbox: every action Pancake has not confirmed yet, with its state,
//! to cancel or send again one by one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::State;
use crate::app::actions::ActionStatus;
use crate::app::keys::OutboxKey;
use crate::text::sanitize_line;

use super::cells::cell;
use super::popup::{list_box, shown_rows};
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State, cursor: usize, theme: &Theme) {
    let items = &state.actions.items;
    let title = format!("Outbox: {} not confirmed", items.len());
    let Some((inner, rows)) = list_box(frame, area, 90, (items.len(), 4), &title, theme) else {
        return;
    };
    let width = inner.width as usize;
    let mut lines = shown_rows(items, cursor, rows, theme, |_, a| {
        let (mark, state_text, style) = match &a.status {
            ActionStatus::Pending => ("…", "on its way".to_owned(), theme.warn()),
            ActionStatus::Failed(why) if a.transient => (
                "↻",
                format!("waits for Pancake: {}", sanitize_line(why)),
                theme.warn(),
            ),
            ActionStatus::Failed(why) if a.uncertain => (
                "?",
                format!("may have been sent: {}", sanitize_line(why)),
                theme.warn(),
            ),
            ActionStatus::Failed(why) => (
                "!",
                format!("failed: {}", sanitize_line(why)),
                theme.error(),
            ),
        };
        let page = if state.multi_page() {
            state
                .page_index(&a.page)
                .map_or(String::new(), |p| format!("{} · ", state.pages[p].short))
        } else {
            String::new()
        };
        let label_w = (width * 11 / 20).max(10).min(width);
        let text = format!(
            "{mark} {}",
            cell(
                &format!("{page}{}", sanitize_line(&a.label)),
                label_w.saturating_sub(2)
            )
        );
        Line::from(vec![
            Span::styled(text, style),
            Span::raw(" "),
            Span::styled(
                cell(&state_text, width.saturating_sub(label_w + 1)),
                theme.dim(),
            ),
        ])
    });
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        cell(
            &state.settings.keymap.hint_line(&[
                (&[OutboxKey::Cancel][..], "cancel"),
                (&[OutboxKey::Resend], "send again"),
                (&[OutboxKey::Down, OutboxKey::Up], "move"),
                (&[OutboxKey::Close], "close"),
            ]),
            width,
        ),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}
