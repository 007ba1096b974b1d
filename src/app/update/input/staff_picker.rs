//! The staff picker: Space chooses people, Enter assigns the whole choice
//! in one call (a typed name and Enter: that person). With marks, Enter
//! proposes giving all of them exactly the chosen people.

use crate::app::picker::Picker;
use crate::app::state::State;
use crate::app::update::{act, bulk, notify};
use crate::i18n::Said;

use super::{Choice, Handled, open_picker};

/// `a`: the staff of the selected conversation's page, or of the marked ones.
pub(super) fn open(state: &mut State) {
    open_picker(
        state,
        "notice-no-staff-yet",
        |page| !page.staff.users.is_empty(),
        |state, conv, marked| match marked.first() {
            None => Picker::staff(conv, &state.page_of(conv).staff),
            Some(first) => Picker::staff_bulk(first, marked.len(), &state.page_of(first).staff),
        },
    );
}

pub(super) fn on_choice(state: &mut State, p: &mut Picker, choice: Choice) -> Handled {
    if choice == Choice::Toggle {
        if let Some(item) = p.highlighted_mut() {
            item.checked = !item.checked;
            p.touched = true;
        }
        return Handled::stay();
    }
    // Typed a name and pressed Enter without choosing: that person.
    if !p.touched && !p.query.is_empty() {
        let Some(item) = p.highlighted_mut() else {
            notify(state, Said::new("notice-no-one-matches"));
            return Handled::stay();
        };
        item.checked = true;
        p.touched = true;
    }
    if p.bulk {
        // Nothing chosen for the marked conversations: never "unassign all"
        // by accident (choosing no one with Space still can).
        if !p.touched {
            notify(state, Said::new("notice-space-chooses"));
            return Handled::stay();
        }
        let plan = bulk::plan_set_assignees(state, p.selected_users());
        bulk::propose(state, plan);
        return Handled::close();
    }
    // Keep assignees the picker does not offer (disabled users), so the
    // full list never drops anyone by accident.
    let offered: Vec<&str> = p.items.iter().map(|i| i.id.as_str()).collect();
    let mut list: Vec<_> = state
        .convs
        .get(&p.target)
        .map(|c| {
            c.assignee_ids
                .iter()
                .filter(|u| !offered.contains(&u.as_str()))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    list.extend(p.selected_users());
    Handled::close_with(act::assign(state, &p.target, list))
}
