//! The outbox: move, cancel an action, send a failed one again.

use ratatui::crossterm::event::KeyEvent;

use crate::app::keys::OutboxKey;
use crate::app::state::{Overlay, State};
use crate::app::update::{act, notify};
use crate::i18n::Said;

use super::Handled;

/// `o`: the actions not yet confirmed, if there are any.
pub(super) fn open(state: &mut State) {
    if state.actions.items.is_empty() {
        notify(state, Said::new("notice-outbox-empty"));
    } else {
        state.overlay = Some(Overlay::Outbox { cursor: 0 });
    }
}

pub(super) fn on_key(state: &mut State, cursor: &mut usize, key: &KeyEvent) -> Handled {
    let n = state.actions.items.len();
    let last = n.saturating_sub(1);
    *cursor = (*cursor).min(last);
    let at = state.actions.items.get(*cursor).map(|a| a.id);
    let cmds = match state.settings.keymap.get::<OutboxKey>(key) {
        Some(OutboxKey::Close) => return Handled::close(),
        Some(OutboxKey::Down) => {
            *cursor = (*cursor + 1).min(last);
            vec![]
        }
        Some(OutboxKey::Up) => {
            *cursor = cursor.saturating_sub(1);
            vec![]
        }
        Some(OutboxKey::Cancel) => at.map(|id| act::cancel(state, id)).unwrap_or_default(),
        Some(OutboxKey::Resend) => at.map(|id| act::retry_one(state, id)).unwrap_or_default(),
        None => vec![],
    };
    if state.actions.items.is_empty() {
        return Handled::close_with(cmds);
    }
    *cursor = (*cursor).min(state.actions.items.len() - 1);
    Handled::stay_with(cmds)
}
