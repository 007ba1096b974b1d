//! The filter panel: a filter line parsed as it is typed; Enter applies it.

use ratatui::crossterm::event::KeyEvent;

use crate::app::filter::{parse_expr, to_expr};
use crate::app::keys::FilterKey;
use crate::app::state::{FilterEdit, Overlay, State};

use crate::app::update::sync;

use super::{Handled, type_into};

/// `f`: the panel, with the filter in use written as a line.
pub(super) fn open(state: &mut State) {
    let (tags, staff) = (state.scoped_tags(), state.all_staff());
    let line = to_expr(state.filter(), &staff);
    let parsed = parse_expr(&line, &tags, &staff);
    state.overlay = Some(Overlay::Filter(FilterEdit { line, parsed }));
}

pub(super) fn on_key(state: &mut State, edit: &mut FilterEdit, key: &KeyEvent) -> Handled {
    match state.settings.keymap.get::<FilterKey>(key) {
        Some(FilterKey::Close) => return Handled::close(),
        Some(FilterKey::Apply) => {
            if let Ok(f) = edit.parsed.clone() {
                let view_filter = state.tabs.current().map(|v| &v.filter);
                state.custom_filter = (view_filter != Some(&f)).then_some(f);
                return Handled::close_with(sync::filter_changed(state));
            }
        }
        Some(FilterKey::DeleteChar) => {
            edit.line.pop();
        }
        Some(FilterKey::ClearLine) => edit.line.clear(),
        None if type_into(&mut edit.line, key) => {}
        None => return Handled::stay(),
    }
    edit.parsed = parse_expr(&edit.line, &state.scoped_tags(), &state.all_staff());
    Handled::stay()
}
