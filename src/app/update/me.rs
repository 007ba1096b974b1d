//! Who the agent is on each page, and `A` / `U`: assign to me, remove me.
//! Asked once ("which staff member are you?") when the name in the
//! config is not among a page's staff.

use crate::app::msg::Cmd;
use crate::app::picker::Picker;
use crate::app::state::{Overlay, State};
use crate::i18n::Said;

use super::{act, bulk, notify, notify_error};

/// `A` / `U`: add or remove me on the marked conversations, or the selected one.
pub(super) fn assign_me(state: &mut State, add: bool) -> Vec<Cmd> {
    if !state.marks.is_empty() && !bulk::marks_on_one_page(state) {
        return vec![];
    }
    let Some(conv) = state.selected_conversation() else {
        return vec![];
    };
    // The page acted on: the marked conversations' (one page), or the selected one's.
    let page_id = match bulk::marked(state).first() {
        Some(c) => c.page_id.clone(),
        None => conv.page_id.clone(),
    };
    let p = state.page_index(&page_id).unwrap_or(0);
    let Some(user) = state.me_on(p) else {
        let page = &state.pages[p];
        if page.staff.users.is_empty() {
            let text = Said::new("notice-no-staff-yet").arg("page", page.name.as_str());
            notify_error(state, text);
            return vec![];
        }
        let question = match &state.settings.me {
            Some(me) => Said::new("notice-me-not-staff")
                .arg("me", crate::text::sanitize_line(me.as_str()))
                .arg("page", page.name.as_str()),
            None => Said::new("notice-who-are-you"),
        };
        let picker = Picker::who_am_i(&conv, &page.staff);
        state.overlay = Some(Overlay::Picker(picker));
        state.pending_me = Some(add);
        notify(state, question);
        return vec![];
    };
    if !state.marks.is_empty() {
        let plan = bulk::plan_one_assignee(state, &user, add);
        bulk::propose(state, plan);
        return vec![];
    }
    let change = if add {
        crate::api::AssigneeChange::Add(user)
    } else {
        crate::api::AssigneeChange::Remove(user)
    };
    let (id, list) = (conv.id.clone(), change.apply(&conv.assignee_ids));
    act::assign(state, &id, list)
}
