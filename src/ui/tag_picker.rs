//! The tag picker: the page's tags in their colours, checked where the
//! conversation has them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use crate::app::keys::{Keymap, PickerKey};
use crate::app::picker::Picker;

use super::popup;
use super::theme::Theme;

pub fn render(
    frame: &mut Frame,
    area: Rect,
    p: &Picker,
    tags: &[crate::api::Tag],
    keymap: &Keymap,
    theme: &Theme,
) {
    let title = format!("Tags for {}", p.target_name);
    let hint = if p.bulk {
        keymap.hint_line(&[
            (&[PickerKey::Choose][..], "choose (tag all / untag all)"),
            (&[PickerKey::Close], "close"),
        ])
    } else {
        keymap.hint_line(&[
            (&[PickerKey::Toggle, PickerKey::Choose][..], "toggle"),
            (&[], "type to filter"),
            (&[PickerKey::Close], "close"),
        ])
    };
    let swatch = |item: &crate::app::picker::PickerItem| {
        let color = tags
            .iter()
            .find(|t| t.id.as_str() == item.id)
            .and_then(|t| t.color);
        Span::styled(" ■", theme.tag(color))
    };
    popup::picker(frame, area, p, &title, &hint, swatch, theme);
}
