//! The tag picker: the page's tags in their colours, checked where the
//! conversation has them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use crate::app::picker::Picker;

use super::popup;
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, p: &Picker, tags: &[crate::api::Tag], theme: &Theme) {
    let title = format!("Tags for {}", p.target_name);
    let hint = if p.bulk {
        "Enter choose (tag all / untag all) · Esc close"
    } else {
        "Space/Enter toggle · type to filter · Esc close"
    };
    let swatch = |item: &crate::app::picker::PickerItem| {
        let color = tags
            .iter()
            .find(|t| t.id.as_str() == item.id)
            .and_then(|t| t.color);
        Span::styled(" ■", theme.tag(color))
    };
    popup::picker(frame, area, p, &title, hint, swatch, theme);
}
