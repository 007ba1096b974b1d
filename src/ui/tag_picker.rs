//! The tag picker: the page's tags in their colours, checked where the
//! conversation has them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use crate::app::keys::{Keymap, PickerKey};
use crate::app::picker::Picker;
use crate::i18n::{Lang, tr, tr_with};

use super::popup;
use super::theme::Theme;

pub fn render(
    frame: &mut Frame,
    area: Rect,
    p: &Picker,
    tags: &[crate::api::Tag],
    keymap: &Keymap,
    lang: Lang,
    theme: &Theme,
) {
    let title = tr_with(
        lang,
        "tag-picker-title",
        &[("target", super::staff_picker::target(p, lang).into())],
    );
    let close = tr(lang, "hint-close");
    let hint = if p.bulk {
        let choose = tr(lang, "hint-tag-all");
        keymap.hint_line(&[
            (&[PickerKey::Choose][..], &choose),
            (&[PickerKey::Close], &close),
        ])
    } else {
        let (toggle, typing) = (tr(lang, "hint-toggle"), tr(lang, "hint-type-to-filter"));
        keymap.hint_line(&[
            (&[PickerKey::Toggle, PickerKey::Choose][..], &toggle),
            (&[], &typing),
            (&[PickerKey::Close], &close),
        ])
    };
    let swatch = |item: &crate::app::picker::PickerItem| {
        let color = tags
            .iter()
            .find(|t| t.id.as_str() == item.id)
            .and_then(|t| t.color);
        Span::styled(" ■", theme.tag(color))
    };
    popup::picker(frame, area, p, (&title, &hint), swatch, lang, theme);
}
