//! The thread's attachments and links (`v`): numbered, the type, the file
//! name or the URL cut to the width; the selected one's URL in full below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::State;
use crate::app::keys::LinksKey;
use crate::app::links::Link;
use crate::i18n::{tr, tr_with};
use crate::text::sanitize_line;

use super::cells::cell;
use super::popup::{list_box, shown_rows};
use super::theme::Theme;

pub fn render(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    cursor: usize,
    items: &[Link],
    theme: &Theme,
) {
    let lang = state.settings.lang;
    let title = tr_with(lang, "links-title", &[("count", items.len().into())]);
    let (page, customer) = (tr(lang, "links-page"), tr(lang, "links-customer"));
    let Some((inner, rows)) = list_box(frame, area, 90, (items.len(), 7), &title, theme) else {
        return;
    };
    let width = inner.width as usize;
    let mut lines = shown_rows(items, cursor, rows, theme, |i, l| {
        let who = if l.from_page { &page } else { &customer };
        let what = if l.name.is_empty() {
            sanitize_line(&l.url)
        } else {
            format!("{} · {}", sanitize_line(&l.name), sanitize_line(&l.url))
        };
        let head = format!("{:>2} {} ", i + 1, cell(&sanitize_line(&l.kind), 8));
        let tail = format!(" {who}");
        let what_w = width.saturating_sub(head.chars().count() + 9);
        Line::from(vec![
            Span::styled(head, theme.accent()),
            Span::raw(cell(&what, what_w)),
            Span::styled(cell(&tail, 9), theme.dim()),
        ])
    });
    lines.push(Line::raw(""));
    if let Some(l) = items.get(cursor) {
        lines.push(Line::styled(sanitize_line(&l.url), theme.dim()));
    }
    let keymap = &state.settings.keymap;
    let words = |id: &str| tr(lang, id);
    let (copy, move_) = (words("hint-copy"), words("hint-move-jump"));
    let (open, close) = (words("hint-open"), words("hint-close"));
    let mut hints: Vec<(&[LinksKey], &str)> = vec![
        (&[LinksKey::Copy][..], &copy),
        (&[LinksKey::Down, LinksKey::Up], &move_),
    ];
    if state.settings.local_display {
        hints.push((&[LinksKey::Open], &open));
    }
    hints.push((&[LinksKey::Close], &close));
    let mut foot = vec![Line::styled(
        cell(&keymap.hint_line(&hints), width),
        theme.dim(),
    )];
    if !state.settings.local_display {
        foot.push(Line::styled(
            cell(&tr(lang, "links-no-display"), width),
            theme.dim(),
        ));
    }
    let body_h = inner.height.saturating_sub(foot.len() as u16);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        Rect {
            height: body_h,
            ..inner
        },
    );
    frame.render_widget(
        Paragraph::new(foot),
        Rect {
            y: inner.y + body_h,
            height: inner.height - body_h,
            ..inner
        },
    );
}
