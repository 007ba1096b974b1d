//! The stats screen's keys: its own (`[` `]` periods, `r` again, scroll,
//! close), and the list's movement, back and quit keys as the agent has
//! them, so a rebound `j` scrolls here too.

use ratatui::crossterm::event::KeyEvent;

use crate::app::keys::{Command, StatsKey};
use crate::app::state::State;
use crate::app::stats::{StatsScreen, max_scroll, visible_rows};
use crate::app::update::stats;

use super::Handled;

pub(super) fn on_key(state: &mut State, screen: &mut StatsScreen, key: &KeyEvent) -> Handled {
    let keymap = &state.settings.keymap;
    let own = keymap.get::<StatsKey>(key);
    let list = match own {
        Some(_) => None,
        None => keymap.command_for(key),
    };
    let max = state
        .stats
        .get(&screen.page, screen.period)
        .and_then(|e| e.stats.as_deref())
        .map_or(0, |s| {
            max_scroll(s, state.viewport.width, state.viewport.height)
        });
    let page = visible_rows(state.viewport.height);
    let scroll = screen.scroll.min(max);
    screen.scroll = match (own, list) {
        (Some(StatsKey::Close), _) | (_, Some(Command::Back | Command::Quit | Command::Stats)) => {
            return Handled::close();
        }
        (Some(StatsKey::PrevPeriod), _) => {
            return Handled::stay_with(stats::move_period(state, screen, false));
        }
        (Some(StatsKey::NextPeriod), _) => {
            return Handled::stay_with(stats::move_period(state, screen, true));
        }
        (Some(StatsKey::Reload), _) => return Handled::stay_with(stats::reload(state, screen)),
        (Some(StatsKey::Down), _) | (_, Some(Command::Down)) => scroll + 1,
        (Some(StatsKey::Up), _) | (_, Some(Command::Up)) => scroll.saturating_sub(1),
        (Some(StatsKey::PageDown), _) | (_, Some(Command::PageDown)) => scroll + page,
        (Some(StatsKey::PageUp), _) | (_, Some(Command::PageUp)) => scroll.saturating_sub(page),
        (_, Some(Command::Top)) => 0,
        (_, Some(Command::Bottom)) => max,
        _ => scroll,
    }
    .min(max);
    Handled::stay()
}
