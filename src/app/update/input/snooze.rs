//! The snooze dialog: move among the presets, type a time, Enter snoozes
//! (or cancels the snooze on the "cancel" row), Esc closes.

use ratatui::crossterm::event::KeyEvent;

use crate::app::keys::PickerKey;
use crate::app::snooze::{SnoozeEdit, SnoozeRow, when};
use crate::app::state::State;
use crate::app::update::{notify_error, snooze};
use crate::i18n::Said;

use super::{Handled, typed};

pub(super) fn on_key(state: &mut State, edit: &mut SnoozeEdit, key: &KeyEvent) -> Handled {
    match state.settings.keymap.get::<PickerKey>(key) {
        Some(PickerKey::Close) => Handled::close(),
        Some(PickerKey::Up) => {
            edit.move_by(-1);
            Handled::stay()
        }
        Some(PickerKey::Down) => {
            edit.move_by(1);
            Handled::stay()
        }
        Some(PickerKey::DeleteChar) => {
            edit.delete_char();
            Handled::stay()
        }
        Some(PickerKey::ClearQuery) => {
            edit.line.clear();
            Handled::stay()
        }
        // Space is typed: "in 2 hours", "tomorrow 9:00".
        Some(PickerKey::Toggle) => {
            edit.type_char(' ');
            Handled::stay()
        }
        Some(PickerKey::Choose) => choose(state, edit),
        None => {
            if let Some(c) = typed(key) {
                edit.type_char(c);
            }
            Handled::stay()
        }
    }
}

fn choose(state: &mut State, edit: &SnoozeEdit) -> Handled {
    let row = edit.row();
    if row == SnoozeRow::Cancel {
        return Handled::close_with(snooze::cancel(state, &edit.targets));
    }
    match when(
        edit,
        row,
        state.now,
        &state.settings.tz,
        state.settings.lang,
    ) {
        Some(Ok(due)) => Handled::close_with(snooze::set(state, &edit.targets, due)),
        Some(Err(e)) => {
            notify_error(state, Said::verbatim(e));
            Handled::stay()
        }
        None => Handled::stay(),
    }
}
