//! The staff picker: active staff with their status, checked where assigned.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use crate::app::keys::{Keymap, PickerKey};
use crate::app::picker::{Picker, PickerKind};

use super::popup;
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, p: &Picker, keymap: &Keymap, theme: &Theme) {
    let close = (&[PickerKey::Close][..], "close");
    let (title, hint) = match (p.kind, p.bulk) {
        (PickerKind::Me, _) => (
            "Which staff member are you?".to_owned(),
            keymap.hint_line(&[
                (&[PickerKey::Choose, PickerKey::Toggle][..], "that's me"),
                close,
            ]),
        ),
        (_, true) => (
            format!("Re-assign {}", p.target_name),
            keymap.hint_line(&[
                (&[PickerKey::Toggle][..], "select"),
                (&[PickerKey::Choose], "assign all"),
                close,
            ]),
        ),
        _ => (
            format!("Assign {}", p.target_name),
            keymap.hint_line(&[
                (&[PickerKey::Toggle][..], "select"),
                (&[PickerKey::Choose], "assign"),
                close,
            ]),
        ),
    };
    let status = |item: &crate::app::picker::PickerItem| match item.status {
        Some(s) => Span::styled(format!(" {:>9}", s.label()), theme.status(s)),
        None => Span::raw(""),
    };
    popup::picker(frame, area, p, &title, &hint, status, theme);
}
