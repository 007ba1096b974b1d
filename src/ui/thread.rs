//! The open thread: its pre-laid-out lines, the slice for the scroll
//! position, styles by kind.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keys::Command;
use crate::app::thread::LineKind;
use crate::app::{Focus, State};
use crate::i18n::{tr, tr_with};
use crate::text::sanitize_line;

use super::cells::cell;
use super::pane::pane;
use super::theme::Theme;

/// Lines of a post's text shown above its comments.
const POST_LINES: usize = 3;

/// A COMMENT conversation's post, above its comments: its day and its
/// first lines (sanitized), or why it is not there.
fn post_header<'a>(
    state: &State,
    conv: &crate::api::Conversation,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    use crate::app::customer::PostCard;
    if conv.kind != crate::api::ConversationType::Comment {
        return vec![];
    }
    let Some(post_id) = &conv.post_id else {
        return vec![];
    };
    let lang = state.settings.lang;
    let dim = |text: String| vec![Line::styled(cell(&text, width), theme.dim())];
    match state.posts.get(&(conv.page_id.clone(), post_id.clone())) {
        None | Some(PostCard::Loading) => dim(tr(lang, "thread-post-loading")),
        Some(PostCard::NotFound) => dim(tr(lang, "thread-post-not-found")),
        Some(PostCard::Failed(e)) => dim(tr_with(
            lang,
            "thread-post-failed",
            &[("error", sanitize_line(e).into())],
        )),
        Some(PostCard::Found(p)) => {
            let day =
                p.at.map(|t| crate::app::times::stamp(t, &state.settings.tz, lang))
                    .unwrap_or_default();
            let mut out = vec![Line::styled(
                cell(&tr_with(lang, "thread-post", &[("day", day.into())]), width),
                theme.accent(),
            )];
            for l in p
                .text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .take(POST_LINES)
            {
                out.push(Line::styled(
                    cell(&format!("│ {}", sanitize_line(l)), width),
                    theme.dim(),
                ));
            }
            out.push(Line::styled(cell(&"─".repeat(width), width), theme.dim()));
            out
        }
    }
}

pub fn render(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lang = state.settings.lang;
    let focused =
        state.focus == Focus::Thread && state.overlay.is_none() && state.composer.is_none();
    let pane_title = format!(" {} ", tr(lang, "thread-title"));
    let Some(t) = &state.thread else {
        let inner = pane(frame, area, false, pane_title, theme);
        let (opens, help) = (tr(lang, "hint-opens"), tr(lang, "hint-help"));
        let hint = Line::styled(
            state
                .settings
                .keymap
                .hints(&[(Command::Open, &opens), (Command::Help, &help)]),
            theme.dim(),
        );
        frame.render_widget(Paragraph::new(hint), inner);
        return;
    };
    let conv = state.convs.get(&t.conv);
    let conv = conv.as_ref();
    let mut title = conv.map_or_else(String::new, |c| {
        let kind = match c.kind {
            crate::api::ConversationType::Inbox => tr(lang, "thread-kind-inbox"),
            crate::api::ConversationType::Comment => tr(lang, "thread-kind-comment"),
            _ => c.kind.as_wire().to_lowercase(),
        };
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
        title = pane_title;
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
    if let Some(c) = conv {
        lines.extend(post_header(state, c, width, theme));
    }
    if t.messages.is_empty() && t.outgoing.is_empty() {
        let text = if t.loading {
            tr(lang, "thread-loading")
        } else {
            tr(lang, "thread-no-messages")
        };
        lines.push(Line::styled(cell(&text, width), theme.dim()));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let body_rows = rows.saturating_sub(lines.len());
    let total = t.lines.len();
    let end = total.saturating_sub(t.scroll.min(total));
    let start = end.saturating_sub(body_rows);
    if start == 0 && body_rows > end {
        let top = if t.loading_older {
            tr(lang, "thread-loading-older")
        } else if t.exhausted {
            tr(lang, "thread-beginning")
        } else {
            tr(lang, "thread-older-keys")
        };
        lines.push(Line::styled(
            cell(&format!("— {top} —"), width),
            theme.dim(),
        ));
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
            cell(
                &tr_with(lang, "thread-more-lines", &[("lines", t.scroll.into())]),
                width,
            ),
            theme.accent(),
        );
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
