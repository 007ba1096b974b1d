//! Keys every picker shares: move, type to filter, close. Space and Enter
//! mean what the picker's kind says (one file each).

use ratatui::crossterm::event::KeyEvent;

use crate::api::Conversation;
use crate::app::keys::PickerKey;
use crate::app::page::PageCtx;
use crate::app::picker::{Picker, PickerKind};
use crate::app::state::Overlay;
use crate::app::state::State;
use crate::app::update::{bulk, notify_error};

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

/// Open a picker on the selected conversation, or on the marked ones (all
/// on one page): `what` the page must have loaded first ("tags"), `build`
/// makes it from the selected conversation and the marked ones (none: a
/// single conversation's picker).
pub(super) fn open(
    state: &mut State,
    what: &str,
    loaded: impl Fn(&PageCtx) -> bool,
    build: impl Fn(&State, &Conversation, &[&Conversation]) -> Picker,
) {
    let Some(conv) = state.selected_conversation() else {
        return;
    };
    let page = state.page_of(conv);
    if !loaded(page) {
        let text = format!("no {what} loaded yet for {}", page.name);
        notify_error(state, text);
        return;
    }
    let marked = bulk::marked(state);
    let picker = build(state, conv, &marked);
    if picker.bulk && !bulk::marks_on_one_page(state) {
        return;
    }
    state.overlay = Some(Overlay::Picker(picker));
}
