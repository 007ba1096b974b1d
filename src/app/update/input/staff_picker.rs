//! The staff picker: Space chooses people, Enter assigns the whole choice
//! in one call (a typed name and Enter: that person). With marks, Enter
//! proposes giving all of them exactly the chosen people.

use crate::app::picker::Picker;
use crate::app::state::{Overlay, State};
use crate::app::update::{act, bulk, notify, notify_error};

use super::{Choice, Handled};

/// `a`: the staff of the selected conversation's page, or of the marked ones.
pub(super) fn open(state: &mut State) {
    let Some(conv) = state.selected_conversation() else {
        return;
    };
    let page = state.page_of(conv);
    if page.staff.users.is_empty() {
        let text = format!("no staff loaded yet for {}", page.name);
        notify_error(state, text);
        return;
    }
    let picker = if state.marks.is_empty() {
        Picker::staff(conv, &page.staff)
    } else {
        let marked = bulk::marked(state);
        let staff = &state.page_of(marked[0]).staff;
        Picker::staff_bulk(marked[0], marked.len(), staff)
    };
    if picker.bulk && !bulk::marks_on_one_page(state) {
        return;
    }
    state.overlay = Some(Overlay::Picker(picker));
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
            notify(state, "no one matches: nothing changed");
            return Handled::stay();
        };
        item.checked = true;
        p.touched = true;
    }
    if p.bulk {
        // Nothing chosen for the marked conversations: never "unassign all"
        // by accident (choosing no one with Space still can).
        if !p.touched {
            notify(
                state,
                "Space chooses who gets them (or type a name and Enter)",
            );
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
