//! The tag picker: Space or Enter toggles the highlighted tag at once; with
//! marks, it proposes tagging (or untagging) all of them.

use crate::api::TagId;
use crate::app::picker::Picker;
use crate::app::state::{Overlay, State};
use crate::app::update::{act, bulk, notify_error};

use super::{Choice, Handled};

/// `t`: the tags of the selected conversation's page, or of the marked ones.
pub(super) fn open(state: &mut State) {
    let Some(conv) = state.selected_conversation() else {
        return;
    };
    let page = state.page_of(conv);
    if page.tags.is_empty() {
        let text = format!("no tags loaded yet for {}", page.name);
        notify_error(state, text);
        return;
    }
    let picker = if state.marks.is_empty() {
        Picker::tags(conv, &page.tags)
    } else {
        let marked = bulk::marked(state);
        let tags = &state.page_of(marked[0]).tags;
        Picker::tags_bulk(marked[0], &marked, tags)
    };
    if picker.bulk && !bulk::marks_on_one_page(state) {
        return;
    }
    state.overlay = Some(Overlay::Picker(picker));
}

pub(super) fn on_choice(state: &mut State, p: &mut Picker, _: Choice) -> Handled {
    if p.bulk {
        if let Some(item) = p.highlighted() {
            let plan = bulk::plan_tag(state, &TagId::new(item.id.clone()));
            bulk::propose(state, plan);
            return Handled::close();
        }
        return Handled::stay();
    }
    let mut cmds = vec![];
    if let Some(item) = p.highlighted_mut() {
        let (tag, had) = (TagId::new(item.id.clone()), item.checked);
        item.checked = !had;
        cmds = act::toggle_tag(state, &p.target, tag, had);
    }
    Handled::stay_with(cmds)
}
