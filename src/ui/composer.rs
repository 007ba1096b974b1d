//! The reply composer under the thread, with the terminal cursor in it.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::api::file_reply::{kind_words, size_words};
use crate::app::State;
use crate::app::composer::Composer;
use crate::app::keys::ComposerKey;
use crate::i18n::{tr, tr_with};
use crate::text::{display_width, sanitize_line, truncate, wrap};

use super::cells::cell;
use super::layout::COMPOSER_FILE_ROWS;
use super::theme::Theme;

/// The attached files, one a row at the top (at most
/// [`COMPOSER_FILE_ROWS`], the rest counted), with the key that removes the
/// last; the rows left for the text.
fn files_rows(state: &State, c: &Composer, frame: &mut Frame, area: Rect, theme: &Theme) -> Rect {
    let n = c.files.attached.len();
    if n == 0 || area.height < 2 {
        return area;
    }
    let rows = n
        .min(COMPOSER_FILE_ROWS as usize)
        .min(area.height as usize - 1);
    let width = area.width as usize;
    let lang = state.settings.lang;
    let detach = state
        .settings
        .keymap
        .hint(ComposerKey::Detach)
        .map(|k| {
            let removes = tr_with(lang, "composer-removes", &[("key", k.into())]);
            format!(" · {removes}")
        })
        .unwrap_or_default();
    let mut lines = Vec::new();
    for (i, f) in c.files.attached.iter().enumerate().take(rows) {
        let last_row = i + 1 == rows;
        let text = if last_row && n > rows {
            let more = (n - rows + 1).into();
            let more = tr_with(lang, "composer-more-files", &[("count", more)]);
            format!("+ {more}{detach}")
        } else {
            // The name gives way: size and type stay in view, and the
            // key when there is room for it.
            let tail = format!(" · {} · {}", size_words(f.size), kind_words(f.kind));
            let with_key = format!("{tail}{detach}");
            let fits = |t: &str| width.saturating_sub(2 + display_width(t));
            let tail = if last_row && fits(&with_key) >= 12 {
                with_key
            } else {
                tail
            };
            let room = fits(&tail).max(10);
            format!("+ {}{tail}", truncate(&sanitize_line(&f.name), room))
        };
        lines.push(Line::styled(cell(&text, width), theme.accent()));
    }
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: rows as u16,
            ..area
        },
    );
    Rect {
        y: area.y + rows as u16,
        height: area.height - rows as u16,
        ..area
    }
}

pub fn render(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(c) = &state.composer else { return };
    let lang = state.settings.lang;
    let mode = if c.private {
        format!(" · {}", tr(lang, "composer-private"))
    } else {
        String::new()
    };
    let tags = if c.add_tags.is_empty() {
        String::new()
    } else {
        let tags = c.add_tags.join(", ").into();
        format!(" · {}", tr_with(lang, "composer-tags", &[("tags", tags)]))
    };
    let files = match c.files.attached.len() {
        0 => String::new(),
        n => format!(
            " · {}",
            tr_with(lang, "composer-files", &[("count", n.into())])
        ),
    };
    let title = tr_with(
        lang,
        "composer-title",
        &[("chars", c.input.char_count().into())],
    );
    let words = |id: &str| tr(lang, id);
    let (send, new_line, attach) = (
        words("hint-send"),
        words("hint-new-line"),
        words("hint-attach"),
    );
    let (canned, editor, keep) = (
        words("hint-canned"),
        words("hint-editor"),
        words("hint-keep-draft"),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(state.overlay.is_none()))
        .title(Span::styled(
            format!(" {title}{files}{mode}{tags} "),
            theme.title(),
        ))
        .title_bottom(Line::styled(
            format!(
                " {} ",
                state.settings.keymap.hint_line(&[
                    (&[ComposerKey::Send][..], &send),
                    (&[ComposerKey::NewLine], &new_line),
                    (&[ComposerKey::Attach], &attach),
                    (&[ComposerKey::Canned], &canned),
                    (&[ComposerKey::Editor], &editor),
                    (&[ComposerKey::Close], &keep),
                ])
            ),
            theme.dim(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let inner = files_rows(state, c, frame, inner, theme);
    if inner.height == 0 {
        return;
    }
    let width = inner.width as usize;
    let lines = wrap(&c.input.text, width);
    // The cursor's row and column: wrap the text before it the same way.
    let before = wrap(&c.input.text[..c.input.cursor], width);
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
