//! The bulk confirmation and the filter panel.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::State;
use crate::app::bulk::BulkPlan;
use crate::app::filter::{Assignee, FILTER_WORDS};
use crate::app::keys::{ConfirmKey, FilterKey, Keymap};
use crate::app::state::FilterEdit;
use crate::i18n::{Lang, tr, tr_with};
use crate::text::sanitize_line;

use super::cells::cell;
use super::popup::{frame_box, query_line};
use super::theme::Theme;

pub fn confirm(
    frame: &mut Frame,
    area: Rect,
    plan: &BulkPlan,
    per_sec: usize,
    keymap: &Keymap,
    lang: Lang,
    theme: &Theme,
) {
    let key = |k| keymap.hint(k).unwrap_or_default();
    let inner = frame_box(frame, area, 70, 7, &tr(lang, "bulk-title"), theme);
    let lines = vec![
        Line::styled(sanitize_line(&plan.preview(per_sec)), theme.bold()),
        Line::raw(""),
        Line::styled(tr(lang, "bulk-in-background"), theme.dim()),
        Line::from(vec![
            Span::styled(key(ConfirmKey::Confirm), theme.accent()),
            Span::raw(format!(" {} · ", tr(lang, "hint-confirm"))),
            Span::styled(key(ConfirmKey::Cancel), theme.accent()),
            Span::raw(format!(" {}", tr(lang, "hint-cancel"))),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

pub fn filter_panel(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    edit: &FilterEdit,
    theme: &Theme,
) {
    let lang = state.settings.lang;
    let inner = frame_box(frame, area, 74, 19, &tr(lang, "filter-title"), theme);
    let width = inner.width as usize;
    let mut lines = vec![query_line("> ", &edit.line, width, theme)];
    lines.push(Line::raw(""));
    match &edit.parsed {
        Err(e) => lines.push(Line::styled(
            cell(&sanitize_line(&e.said().words(lang)), width),
            theme.error(),
        )),
        Ok(f) => {
            let none = || "—".to_owned();
            let dash = |s: String| if s.is_empty() { none() } else { s };
            let yes = |on: bool| if on { tr(lang, "filter-yes") } else { none() };
            // What each row is, its value, and whether Pancake applies it
            // (server) or the inbox does on what is loaded (local).
            let rows: Vec<(&str, String, bool)> = vec![
                (
                    "filter-type",
                    dash(
                        f.types
                            .iter()
                            .map(|t| t.as_wire())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    true,
                ),
                ("filter-tags", dash(f.tags.join(", ")), true),
                ("filter-post", dash(f.post_ids.join(", ")), true),
                (
                    "filter-since",
                    dash(f.since.map(|t| t.label()).unwrap_or_default()),
                    true,
                ),
                (
                    "filter-until",
                    dash(f.until.map(|t| t.label()).unwrap_or_default()),
                    true,
                ),
                (
                    "filter-order",
                    tr(
                        lang,
                        if f.order_by.is_some() {
                            "filter-order-created"
                        } else {
                            "filter-order-updated"
                        },
                    ),
                    true,
                ),
                ("filter-unread-first", yes(f.unread_first), true),
                ("filter-unread-only", yes(f.unread_only), false),
                (
                    "filter-assignee",
                    match &f.assignee {
                        None => none(),
                        Some(Assignee::Me) => tr(lang, "filter-me"),
                        Some(Assignee::Unassigned) => tr(lang, "filter-unassigned"),
                        Some(Assignee::User(u)) => state
                            .all_staff()
                            .find(u)
                            .map_or(u.to_string(), |s| s.name.clone()),
                    },
                    false,
                ),
            ];
            let (server, local) = (tr(lang, "filter-server"), tr(lang, "filter-local"));
            for (name, value, on_server) in rows {
                lines.push(Line::from(vec![
                    // Wide enough for the Vietnamese names ("chưa đọc lên đầu").
                    Span::styled(cell(&tr(lang, name), 17), theme.dim()),
                    Span::raw(cell(&value, width.saturating_sub(25))),
                    if on_server {
                        Span::styled(cell(&server, 8), theme.accent())
                    } else {
                        Span::styled(cell(&local, 8), theme.warn())
                    },
                ]));
            }
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        cell(&tr(lang, "filter-sides"), width),
        theme.dim(),
    ));
    lines.push(Line::styled(
        tr_with(lang, "filter-words", &[("words", FILTER_WORDS.into())]),
        theme.dim(),
    ));
    let (apply, clear, cancel) = (
        tr(lang, "hint-apply"),
        tr(lang, "hint-clear-line"),
        tr(lang, "hint-cancel"),
    );
    lines.push(Line::styled(
        state.settings.keymap.hint_line(&[
            (&[FilterKey::Apply][..], &apply),
            (&[FilterKey::ClearLine], &clear),
            (&[FilterKey::Close], &cancel),
        ]),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
