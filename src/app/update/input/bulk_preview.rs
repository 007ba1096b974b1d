//! The bulk action preview: Enter runs it, Esc cancels.

use ratatui::crossterm::event::KeyEvent;

use crate::app::bulk::BulkPlan;
use crate::app::keys::ConfirmKey;
use crate::app::state::State;
use crate::app::update::{bulk, notify};
use crate::i18n::Said;

use super::Handled;

pub(super) fn on_key(state: &mut State, plan: &mut BulkPlan, key: &KeyEvent) -> Handled {
    match state.settings.keymap.get::<ConfirmKey>(key) {
        Some(ConfirmKey::Confirm) => Handled::close_with(bulk::start(state, plan.clone())),
        Some(ConfirmKey::Cancel) => {
            notify(state, Said::new("notice-bulk-cancelled"));
            Handled::close()
        }
        None => Handled::stay(),
    }
}
