//! The outbox: every action Pancake has not confirmed yet, with its state,
//! to cancel or send again one by one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::State;
use crate::app::actions::ActionStatus;
use crate::app::keys::OutboxKey;
use crate::i18n::{tr, tr_with};
use crate::text::sanitize_line;

use super::cells::cell;
use super::popup::{list_box, shown_rows};
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State, cursor: usize, theme: &Theme) {
    let items = &state.actions.items;
    let lang = state.settings.lang;
    let why = |id: &str, why: &crate::i18n::Said| {
        tr_with(lang, id, &[("why", sanitize_line(&why.words(lang)).into())])
    };
    let title = tr_with(lang, "outbox-title", &[("count", items.len().into())]);
    let Some((inner, rows)) = list_box(frame, area, 90, (items.len(), 4), &title, theme) else {
        return;
    };
    let width = inner.width as usize;
    let mut lines = shown_rows(items, cursor, rows, theme, |_, a| {
        let (mark, state_text, style) = match &a.status {
            ActionStatus::Pending => ("…", tr(lang, "outbox-on-its-way"), theme.warn()),
            ActionStatus::Failed(reason) if a.transient => {
                ("↻", why("outbox-waits", reason), theme.warn())
            }
            ActionStatus::Failed(reason) if a.uncertain => {
                ("?", why("outbox-uncertain", reason), theme.warn())
            }
            ActionStatus::Failed(reason) => ("!", why("outbox-failed", reason), theme.error()),
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
                &format!("{page}{}", sanitize_line(&a.label.words(lang))),
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
    let words = |id: &str| tr(lang, id);
    let (cancel, resend) = (words("hint-cancel"), words("hint-send-again"));
    let (move_, close) = (words("hint-move"), words("hint-close"));
    lines.push(Line::styled(
        cell(
            &state.settings.keymap.hint_line(&[
                (&[OutboxKey::Cancel][..], &cancel),
                (&[OutboxKey::Resend], &resend),
                (&[OutboxKey::Down, OutboxKey::Up], &move_),
                (&[OutboxKey::Close], &close),
            ]),
            width,
        ),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}
