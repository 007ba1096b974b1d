//! The help overlay: its own keys scroll and close it; the list's movement
//! keys scroll it too, and the list's help key closes it.

use ratatui::crossterm::event::KeyEvent;

use crate::app::keys::{Command, HelpKey, help_max_scroll};
use crate::app::state::State;

use super::Handled;

pub(super) fn on_key(state: &mut State, scroll: &mut usize, key: &KeyEvent) -> Handled {
    let keymap = &state.settings.keymap;
    let list = keymap.command_for(key);
    let own = keymap.get::<HelpKey>(key).or(match list {
        Some(Command::Help | Command::Quit | Command::Back) => Some(HelpKey::Close),
        Some(Command::Down) => Some(HelpKey::Down),
        Some(Command::Up) => Some(HelpKey::Up),
        Some(Command::PageDown) => Some(HelpKey::PageDown),
        Some(Command::PageUp) => Some(HelpKey::PageUp),
        Some(Command::Top) => Some(HelpKey::Top),
        Some(Command::Bottom) => Some(HelpKey::Bottom),
        _ => None,
    });
    let max = help_max_scroll(keymap, state.viewport.height);
    let page = (state.viewport.height as usize).saturating_sub(3).max(1);
    *scroll = match own {
        Some(HelpKey::Close) => return Handled::close(),
        Some(HelpKey::Down) => *scroll + 1,
        Some(HelpKey::Up) => scroll.saturating_sub(1),
        Some(HelpKey::PageDown) => *scroll + page,
        Some(HelpKey::PageUp) => scroll.saturating_sub(page),
        Some(HelpKey::Top) => 0,
        Some(HelpKey::Bottom) => max,
        None => *scroll,
    }
    .min(max);
    Handled::stay()
}
