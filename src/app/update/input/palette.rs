//! The command palette: type to filter, Enter runs the command exactly as
//! its key would (through the list's command function), Esc closes.

use ratatui::crossterm::event::KeyEvent;

use crate::app::keys::PickerKey;
use crate::app::msg::Cmd;
use crate::app::palette::{Palette, name_of, remember};
use crate::app::state::State;

use super::{Handled, list, typed};

pub(super) fn on_key(state: &mut State, p: &mut Palette, key: &KeyEvent) -> Handled {
    match state.settings.keymap.get::<PickerKey>(key) {
        Some(PickerKey::Close) => return Handled::close(),
        Some(PickerKey::Up) => p.move_by(-1),
        Some(PickerKey::Down) => p.move_by(1),
        Some(PickerKey::DeleteChar) => {
            p.query.pop();
            p.refilter();
        }
        Some(PickerKey::ClearQuery) => {
            p.query.clear();
            p.refilter();
        }
        Some(PickerKey::Toggle) => {
            p.query.push(' ');
            p.refilter();
        }
        Some(PickerKey::Choose) => {
            let Some(c) = p.highlighted().map(|it| it.command) else {
                return Handled::stay();
            };
            remember(&mut state.recent_commands, c);
            let names = state.recent_commands.iter().map(|c| name_of(*c)).collect();
            // Closed first: the command may open an overlay of its own
            // (a picker, the help), which then stays.
            let mut cmds = vec![Cmd::RememberRecent(names)];
            cmds.extend(list::command(state, c));
            return Handled::close_with(cmds);
        }
        None => {
            if let Some(ch) = typed(key) {
                p.query.push(ch);
                p.refilter();
            }
        }
    }
    Handled::stay()
}
