//! Rendering: a pure function of the state. One file per pane or picker.
//! Only what is on screen is built, whatever the number of conversations.

pub mod attach;
pub mod bars;
pub mod cells;
pub mod composer;
pub mod customer;
pub mod help;
pub mod layout;
pub mod links;
pub mod list;
pub mod outbox;
pub mod overlays;
pub mod pane;
pub mod popup;
pub mod snooze;
pub mod staff_picker;
pub mod stats;
pub mod status;
pub mod tag_picker;
pub mod theme;
pub mod thread;

use ratatui::Frame;

use crate::app::picker::PickerKind;
use crate::app::{Overlay, State};

/// Render with the default theme (colours on).
pub fn render(state: &State, frame: &mut Frame) {
    render_with(state, frame, &theme::Theme::new(false));
}

pub fn render_with(state: &State, frame: &mut Frame, theme: &theme::Theme) {
    let area = frame.area();
    if area.width < 4 || area.height < 2 {
        return;
    }
    let a = layout::areas(area, state);
    if let Some(r) = a.list {
        list::render(state, frame, r, theme);
    }
    if let Some(r) = a.thread {
        thread::render(state, frame, r, theme);
    }
    if let Some(r) = a.customer {
        customer::render(state, frame, r, theme);
    }
    if let Some(r) = a.composer {
        composer::render(state, frame, r, theme);
    }
    status::render(state, frame, a.status, theme);
    match &state.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => help::render(
            &state.settings.keymap,
            state.settings.lang,
            *scroll,
            frame,
            area,
            theme,
        ),
        Some(Overlay::Picker(p)) => match p.kind {
            PickerKind::Tags => {
                let tags = state
                    .convs
                    .get(&p.target)
                    .map_or(&state.page().tags, |c| &state.page_of(&c).tags);
                tag_picker::render(
                    frame,
                    area,
                    p,
                    tags,
                    &state.settings.keymap,
                    state.settings.lang,
                    theme,
                )
            }
            PickerKind::Staff | PickerKind::Me => staff_picker::render(
                frame,
                area,
                p,
                &state.settings.keymap,
                state.settings.lang,
                theme,
            ),
            PickerKind::Canned => {
                use crate::app::keys::PickerKey;
                use crate::i18n::tr;
                let lang = state.settings.lang;
                let (insert, typing, close) = (
                    tr(lang, "hint-insert"),
                    tr(lang, "hint-type-to-filter"),
                    tr(lang, "hint-close"),
                );
                let hint = state.settings.keymap.hint_line(&[
                    (&[PickerKey::Choose][..], &insert),
                    (&[], &typing),
                    (&[PickerKey::Close], &close),
                ]);
                popup::picker(
                    frame,
                    area,
                    p,
                    (&tr(lang, "canned-title"), &hint),
                    |_| ratatui::text::Span::raw(""),
                    lang,
                    theme,
                );
            }
        },
        Some(Overlay::Confirm(plan)) => overlays::confirm(
            frame,
            area,
            plan,
            state.headroom().limit.max(1),
            &state.settings.keymap,
            state.settings.lang,
            theme,
        ),
        Some(Overlay::Filter(edit)) => overlays::filter_panel(frame, area, state, edit, theme),
        Some(Overlay::Outbox { cursor }) => outbox::render(frame, area, state, *cursor, theme),
        Some(Overlay::Snooze(edit)) => snooze::snooze(frame, area, state, edit, theme),
        Some(Overlay::Palette(p)) => snooze::palette(frame, area, state, p, theme),
        Some(Overlay::Links { cursor, items }) => {
            links::render(frame, area, state, *cursor, items, theme)
        }
        Some(Overlay::Attach(p)) => attach::render(frame, area, state, p, theme),
        Some(Overlay::Stats(screen)) => stats::render(frame, area, state, screen, theme),
        Some(Overlay::Customer(ed)) => customer::render_editor(frame, area, state, ed, theme),
    }
    // Last: only graphemes every terminal measures alike reach the terminal.
    crate::text::settle_buffer(frame.buffer_mut());
}

/// The frame as a terminal shows it, one line per row, trailing spaces cut:
/// the cells a wide grapheme covers are not repeated (as `tmux capture-pane`
/// and GNU screen's `hardcopy` print it).
pub fn frame_text(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            x += crate::text::grapheme_width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod test_screen;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_attach;
#[cfg(test)]
mod tests_customer;
#[cfg(test)]
mod tests_huge;
#[cfg(test)]
mod tests_snooze;
#[cfg(test)]
mod tests_stats;
