//! The search line: the list narrows as the agent types.

use ratatui::crossterm::event::KeyEvent;

use crate::app::keys::SearchKey;
use crate::app::msg::Cmd;
use crate::app::state::{Focus, State};

use super::{panes, type_into};

/// `/`: start typing a search.
pub(super) fn open(state: &mut State) {
    state.search.editing = true;
    state.focus = Focus::List;
}

pub(super) fn on_key(state: &mut State, key: &KeyEvent) -> Vec<Cmd> {
    match state.settings.keymap.get::<SearchKey>(key) {
        Some(SearchKey::Cancel) => {
            state.search.editing = false;
            state.search.query.clear();
        }
        Some(SearchKey::Done) => state.search.editing = false,
        Some(SearchKey::DeleteChar) => {
            state.search.query.pop();
        }
        Some(SearchKey::Up) => {
            panes::move_selection(state, -1);
            return vec![];
        }
        Some(SearchKey::Down) => {
            panes::move_selection(state, 1);
            return vec![];
        }
        None if type_into(&mut state.search.query, key) => {}
        None => return vec![],
    }
    panes::rebuild_visible(state);
    vec![]
}
