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
use crate::i18n::{Lang, tr};
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
    let inner = frame_box(frame, area, 74, 19, "Filter", theme);
    let width = inner.width as usize;
    let mut lines = vec![query_line("> ", &edit.line, width, theme)];
    lines.push(Line::raw(""));
    match &edit.parsed {
        Err(e) => lines.push(Line::styled(cell(&sanitize_line(e), width), theme.error())),
        Ok(f) => {
            let tag_names: Vec<String> = f.tags.clone();
            let dash = |s: String| if s.is_empty() { "—".to_owned() } else { s };
            let rows: Vec<(&str, String, &str)> = vec![
                (
                    "type",
                    dash(
                        f.types
                            .iter()
                            .map(|t| t.as_wire())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    "server",
                ),
                ("tags (any)", dash(tag_names.join(", ")), "server"),
                ("post", dash(f.post_ids.join(", ")), "server"),
                (
                    "since",
                    dash(f.since.map(|t| t.label()).unwrap_or_default()),
                    "server",
                ),
                (
                    "until",
                    dash(f.until.map(|t| t.label()).unwrap_or_default()),
                    "server",
                ),
                (
                    "order",
                    if f.order_by.is_some() {
                        "created".into()
                    } else {
                        "updated".into()
                    },
                    "server",
                ),
                (
                    "unread first",
                    if f.unread_first {
                        "yes".into()
                    } else {
                        "—".into()
                    },
                    "server",
                ),
                (
                    "unread only",
                    if f.unread_only {
                        "yes".into()
                    } else {
                        "—".into()
                    },
                    "local",
                ),
                (
                    "assignee",
                    match &f.assignee {
                        None => "—".into(),
                        Some(Assignee::Me) => "me".into(),
                        Some(Assignee::Unassigned) => "unassigned".into(),
                        Some(Assignee::User(u)) => state
                            .all_staff()
                            .find(u)
                            .map_or(u.to_string(), |s| s.name.clone()),
                    },
                    "local",
                ),
            ];
            for (name, value, side) in rows {
                lines.push(Line::from(vec![
                    Span::styled(cell(name, 14), theme.dim()),
                    Span::raw(cell(&value, width.saturating_sub(22))),
                    Span::styled(
                        cell(side, 8),
                        if side == "server" {
                            theme.accent()
                        } else {
                            theme.warn()
                        },
                    ),
                ]));
            }
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "server: sent to Pancake · local: applied to what is loaded",
        theme.dim(),
    ));
    lines.push(Line::styled(format!("words: {FILTER_WORDS}"), theme.dim()));
    lines.push(Line::styled(
        state.settings.keymap.hint_line(&[
            (&[FilterKey::Apply][..], "apply"),
            (&[FilterKey::ClearLine], "clear line"),
            (&[FilterKey::Close], "cancel"),
        ]),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
