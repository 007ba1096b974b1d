//! The snooze dialog and the command palette.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::State;
use crate::app::keys::PickerKey;
use crate::app::palette::Palette;
use crate::app::snooze::{PRESETS, SnoozeEdit, SnoozeRow, due_label, when};
use crate::i18n::{tr, tr_with};
use crate::text::{display_width, sanitize_line};

use super::cells::cell;
use super::popup::{at_cursor, draw_with_hint, frame_box, matched_label, matched_rows};
use super::theme::Theme;

/// Presets with the local time each means now, the typed line read live,
/// "cancel" on a snoozed conversation.
pub fn snooze(frame: &mut Frame, area: Rect, state: &State, edit: &SnoozeEdit, theme: &Theme) {
    let rows = edit.rows();
    let lang = state.settings.lang;
    let title = tr_with(
        lang,
        "snooze-title",
        &[("target", edit.target_name.as_str().into())],
    );
    let inner = frame_box(frame, area, 64, rows.len() as u16 + 6, &title, theme);
    let width = inner.width as usize;
    if width < 10 || inner.height < 3 {
        return;
    }
    let tz = &state.settings.tz;
    let mut lines = vec![match edit.current {
        Some(due) => Line::styled(
            cell(
                &tr_with(
                    lang,
                    "snooze-until",
                    &[("due", due_label(due, tz, lang).into())],
                ),
                width,
            ),
            theme.warn(),
        ),
        None => Line::styled(cell(&tr(lang, "snooze-back-at"), width), theme.dim()),
    }];
    let label_w = 20.min(width / 2);
    for (pos, row) in rows.iter().enumerate() {
        let label = match row {
            SnoozeRow::Preset(i) => cell(&PRESETS[*i].label(lang), label_w),
            SnoozeRow::Typed => cell(&format!("> {}▏", sanitize_line(&edit.line)), label_w),
            SnoozeRow::Cancel => cell(&tr(lang, "snooze-cancel"), label_w),
        };
        let rest_w = width.saturating_sub(label_w + 1);
        let (text, style) = match when(edit, *row, state.now, tz, lang) {
            None => (tr(lang, "snooze-now"), theme.dim()),
            Some(Ok(due)) => (due_label(due, tz, lang), theme.accent()),
            Some(Err(_)) if *row == SnoozeRow::Typed && edit.line.is_empty() => (
                tr_with(
                    lang,
                    "snooze-type-a-time",
                    &[("examples", crate::remind::examples(lang).into())],
                ),
                theme.dim(),
            ),
            Some(Err(e)) => (e, theme.error()),
        };
        let line = Line::from(vec![
            Span::raw(label),
            Span::raw(" "),
            Span::styled(cell(&sanitize_line(&text), rest_w), style),
        ]);
        lines.push(at_cursor(line, pos == edit.cursor, theme));
    }
    let words = |id: &str| tr(lang, id);
    let (choose, move_) = (words("hint-choose"), words("hint-move"));
    let (typing, close) = (words("hint-type-a-time"), words("hint-close"));
    let hint = state.settings.keymap.hint_line(&[
        (&[PickerKey::Choose][..], &choose),
        (&[PickerKey::Up, PickerKey::Down], &move_),
        (&[], &typing),
        (&[PickerKey::Close], &close),
    ]);
    draw_with_hint(frame, inner, lines, &hint, theme);
}

/// Every command with its keys; recent ones marked.
pub fn palette(frame: &mut Frame, area: Rect, state: &State, p: &Palette, theme: &Theme) {
    let lang = state.settings.lang;
    let h = (p.items.len() as u16 + 4).clamp(7, 22);
    let inner = frame_box(frame, area, 76, h, &tr(lang, "palette-title"), theme);
    let width = inner.width as usize;
    if width < 10 || inner.height < 3 {
        return;
    }
    let keys_w = 10;
    let query = (": ", p.query.as_str());
    let none = tr(lang, "palette-none");
    let lines = matched_rows(
        query,
        &p.matches,
        p.cursor,
        inner,
        &none,
        theme,
        |i, hits| {
            let it = &p.items[i];
            let mark = if it.recent { "• " } else { "  " };
            let label_w = width.saturating_sub(keys_w + 1 + display_width(mark));
            let mut spans = vec![
                Span::styled(cell(&it.keys, keys_w), theme.accent()),
                Span::raw(" "),
                Span::styled(mark, theme.dim()),
            ];
            spans.extend(matched_label(&it.label, label_w, hits, theme));
            Line::from(spans)
        },
    );
    let (run, find, close) = (
        tr(lang, "hint-run"),
        tr(lang, "hint-type-to-find"),
        tr(lang, "hint-close"),
    );
    let hint = state.settings.keymap.hint_line(&[
        (&[PickerKey::Choose][..], &run),
        (&[], &find),
        (&[PickerKey::Close], &close),
    ]);
    draw_with_hint(frame, inner, lines, &hint, theme);
}
