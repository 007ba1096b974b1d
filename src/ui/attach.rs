//! The composer's path prompt: the line (its end kept in view), what the
//! last Tab matched, why the last Enter or Tab came to nothing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::State;
use crate::app::attach::{PathPrompt, PromptStatus};
use crate::app::keys::AttachKey;
use crate::i18n::{tr, tr_with};
use crate::text::{sanitize_line, wrap};

use super::cells::{cell, tail_cell};
use super::popup::frame_box;
use super::theme::Theme;

/// Candidates shown at most; the rest are counted.
const SHOWN: usize = 8;
/// Rows of a reason the last Enter or Tab came to nothing, at most.
const FAILED_ROWS: usize = 3;

pub fn render(frame: &mut Frame, area: Rect, state: &State, p: &PathPrompt, theme: &Theme) {
    let lang = state.settings.lang;
    let inner = frame_box(frame, area, 72, 15, &tr(lang, "attach-title"), theme);
    if inner.height < 3 || inner.width < 8 {
        return;
    }
    let width = inner.width as usize;
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", theme.accent()),
        Span::raw(tail_cell(
            &format!("{}▏", sanitize_line(&p.line)),
            width.saturating_sub(2),
        )),
    ])];
    match &p.status {
        PromptStatus::Checking => {
            lines.push(Line::styled(
                cell(&tr(lang, "attach-checking"), width),
                theme.dim(),
            ));
        }
        // Wrapped: the reason's end says what to do.
        PromptStatus::Failed(e) => {
            let mut rows = wrap(&sanitize_line(e), width);
            if rows.len() > FAILED_ROWS {
                rows.truncate(FAILED_ROWS);
                let last = rows.pop().unwrap_or_default();
                rows.push(cell(&format!("{last}…"), width));
            }
            lines.extend(rows.into_iter().map(|r| Line::styled(r, theme.error())));
        }
        PromptStatus::Typing => lines.push(Line::raw("")),
    }
    let room = (inner.height as usize).saturating_sub(4).min(SHOWN);
    let more = p.candidates.len().saturating_sub(room);
    let shown = if more > 0 {
        room.saturating_sub(1)
    } else {
        room
    };
    for c in p.candidates.iter().take(shown) {
        lines.push(Line::raw(cell(&format!("  {}", sanitize_line(c)), width)));
    }
    if p.candidates.len() > shown {
        let n = p.candidates.len() - shown;
        let more = tr_with(lang, "attach-more", &[("count", n.into())]);
        lines.push(Line::styled(
            cell(&format!("  … {more}"), width),
            theme.dim(),
        ));
    }
    if p.candidates.is_empty() {
        lines.push(Line::styled(
            cell(&tr(lang, "attach-kinds"), width),
            theme.dim(),
        ));
    }
    let words = |id: &str| tr(lang, id);
    let (complete, attach) = (words("hint-complete"), words("hint-attach"));
    let (clear, cancel) = (words("hint-clear"), words("hint-cancel"));
    let hints = state.settings.keymap.hint_line(&[
        (&[AttachKey::Complete][..], &complete),
        (&[AttachKey::Add], &attach),
        (&[AttachKey::ClearLine], &clear),
        (&[AttachKey::Close], &cancel),
    ]);
    let rows = inner.height as usize;
    while lines.len() + 1 < rows {
        lines.push(Line::raw(""));
    }
    lines.truncate(rows.saturating_sub(1));
    lines.push(Line::styled(cell(&hints, width), theme.dim()));
    frame.render_widget(Paragraph::new(lines), inner);
}
