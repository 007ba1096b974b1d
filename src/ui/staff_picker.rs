//! The staff picker: active staff with their status, checked where assigned.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use crate::app::picker::{Picker, PickerKind};

use super::popup;
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, p: &Picker, theme: &Theme) {
    let (title, hint) = match (p.kind, p.bulk) {
        (PickerKind::Me, _) => (
            "Which staff member are you?".to_owned(),
            "Enter: that's me · Esc close",
        ),
        (_, true) => (
            format!("Re-assign {}", p.target_name),
            "Space select · Enter assign all · Esc close",
        ),
        _ => (
            format!("Assign {}", p.target_name),
            "Space select · Enter assign · Esc close",
        ),
    };
    let status = |item: &crate::app::picker::PickerItem| match item.status {
        Some(s) => Span::styled(format!(" {:>9}", s.label()), theme.status(s)),
        None => Span::raw(""),
    };
    popup::picker(frame, area, p, &title, hint, status, theme);
}
