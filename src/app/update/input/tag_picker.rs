//! The tag picker: Space or Enter toggles the highlighted tag at once; with
//! marks, it proposes tagging (or untagging) all of them.

use crate::api::TagId;
use crate::app::picker::Picker;
use crate::app::state::State;
use crate::app::update::{act, bulk};

use super::{Choice, Handled, open_picker};

/// `t`: the tags of the selected conversation's page, or of the marked ones.
pub(super) fn open(state: &mut State) {
    open_picker(
        state,
        "notice-no-tags-yet",
        |page| !page.tags.is_empty(),
        |state, conv, marked| match marked.first() {
            None => Picker::tags(conv, &state.page_of(conv).tags),
            Some(first) => Picker::tags_bulk(first, marked, &state.page_of(first).tags),
        },
    );
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
    // The check itself follows the conversation (`tag_checks_follow_the_model`).
    if let Some(item) = p.highlighted() {
        let (tag, had) = (TagId::new(item.id.clone()), item.checked);
        cmds = act::toggle_tag(state, &p.target, tag, had);
    }
    Handled::stay_with(cmds)
}
