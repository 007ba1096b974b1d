//! The staff picker: active staff with their status, checked where assigned.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use crate::app::keys::{Keymap, PickerKey};
use crate::app::picker::{Picker, PickerKind};
use crate::i18n::{Lang, tr, tr_with};

use super::popup;
use super::theme::Theme;

/// A staff member's status in `lang`.
fn status_words(status: crate::api::models::StaffStatus, lang: Lang) -> String {
    use crate::api::models::StaffStatus;
    let id = match status {
        StaffStatus::Available => "staff-available",
        StaffStatus::Busy => "staff-busy",
        StaffStatus::Offline => "staff-offline",
        StaffStatus::Unknown => "staff-unknown",
    };
    tr(lang, id)
}

/// Who a picker acts on, for its title: the customer's name, or how many
/// conversations are marked.
pub fn target(p: &Picker, lang: Lang) -> String {
    if p.bulk {
        tr_with(lang, "picker-marked", &[("count", p.marked.into())])
    } else {
        p.target_name.clone()
    }
}

pub fn render(
    frame: &mut Frame,
    area: Rect,
    p: &Picker,
    keymap: &Keymap,
    lang: Lang,
    theme: &Theme,
) {
    let close_word = tr(lang, "hint-close");
    let close = (&[PickerKey::Close][..], close_word.as_str());
    let select = tr(lang, "hint-select");
    let who = target(p, lang).into();
    let (title, hint) = match (p.kind, p.bulk) {
        (PickerKind::Me, _) => (
            tr(lang, "staff-picker-who-am-i"),
            keymap.hint_line(&[
                (
                    &[PickerKey::Choose, PickerKey::Toggle][..],
                    &tr(lang, "hint-thats-me"),
                ),
                close,
            ]),
        ),
        (_, true) => (
            tr_with(lang, "staff-picker-reassign", &[("target", who)]),
            keymap.hint_line(&[
                (&[PickerKey::Toggle][..], &select),
                (&[PickerKey::Choose], &tr(lang, "hint-assign-all")),
                close,
            ]),
        ),
        _ => (
            tr_with(lang, "staff-picker-assign", &[("target", who)]),
            keymap.hint_line(&[
                (&[PickerKey::Toggle][..], &select),
                (&[PickerKey::Choose], &tr(lang, "hint-assign")),
                close,
            ]),
        ),
    };
    let status = |item: &crate::app::picker::PickerItem| match item.status {
        Some(s) => Span::styled(format!(" {:>9}", status_words(s, lang)), theme.status(s)),
        None => Span::raw(""),
    };
    popup::picker(frame, area, p, (&title, &hint), status, lang, theme);
}
