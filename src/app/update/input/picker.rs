//! Keys every picker shares: move, type to filter, close. Space and Enter
//! mean what the picker's kind says (one file each).

use ratatui::crossterm::event::KeyEvent;

use crate::app::keys::PickerKey;
use crate::app::picker::{Picker, PickerKind};
use crate::app::state::State;

use super::{Choice, Handled, canned_picker, staff_picker, tag_picker, typed, who_am_i};

pub(super) fn on_key(state: &mut State, p: &mut Picker, key: &KeyEvent) -> Handled {
    let choice = match state.settings.keymap.get::<PickerKey>(key) {
        Some(PickerKey::Close) => return Handled::close(),
        Some(PickerKey::Up) => {
            p.move_by(-1);
            return Handled::stay();
        }
        Some(PickerKey::Down) => {
            p.move_by(1);
            return Handled::stay();
        }
        Some(PickerKey::DeleteChar) => {
            p.query.pop();
            p.refilter();
            return Handled::stay();
        }
        Some(PickerKey::ClearQuery) => {
            p.query.clear();
            p.refilter();
            return Handled::stay();
        }
        Some(PickerKey::Toggle) => Choice::Toggle,
        Some(PickerKey::Choose) => Choice::Choose,
        None => {
            if let Some(c) = typed(key) {
                p.query.push(c);
                p.refilter();
            }
            return Handled::stay();
        }
    };
    match p.kind {
        PickerKind::Tags => tag_picker::on_choice(state, p, choice),
        PickerKind::Staff => staff_picker::on_choice(state, p, choice),
        PickerKind::Me => who_am_i::on_choice(state, p),
        PickerKind::Canned => canned_picker::on_choice(state, p, choice),
    }
}
