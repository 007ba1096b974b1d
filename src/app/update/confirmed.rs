//! What follows Pancake's confirming a note or a customer record change:
//! shown as done at once, the notes read back. Apart from `customer` (which
//! starts those changes through `act`) so that `act` can call it without an
//! import circle.

use crate::api::{ConversationId, Op, PageId};
use crate::app::customer::{apply_changes, apply_note};
use crate::app::msg::Cmd;
use crate::app::state::State;

/// A note or record change Pancake confirmed: shown as done at once, and
/// the notes read back (they carry the new note's id).
pub fn confirmed(state: &mut State, page: &PageId, conv: &ConversationId, op: &Op) -> Vec<Cmd> {
    match op {
        Op::Note { customer, note } => {
            let Some(c) = state.convs.get(conv) else {
                return vec![];
            };
            let key = (page.clone(), customer.clone());
            let known = crate::app::customer::notes(&c, state.customers.get(&key)).to_vec();
            let card = state.customers.entry(key).or_default();
            let mut notes = known;
            apply_note(&mut notes, note);
            card.notes = Some(notes);
            card.reading_back = true;
            vec![Cmd::LoadNotes {
                page: page.clone(),
                conv: conv.clone(),
                customer: customer.clone(),
            }]
        }
        Op::Customer { customer, changes } => {
            let mut cmds = Vec::new();
            if let Some(mut c) = state.convs.get_mut(conv) {
                match c.page_customer.as_mut() {
                    Some(r) => apply_changes(r, changes),
                    // Not held (`app::convs::rest`): changed in the
                    // store's row, where it is read back from.
                    None => cmds.push(Cmd::UpdateRecord {
                        page: page.clone(),
                        conv: conv.clone(),
                        changes: changes.clone(),
                    }),
                }
                if let Some(n) = &changes.name {
                    c.customer.name = crate::text::sanitize_line(n);
                }
            }
            let key = (page.clone(), customer.clone());
            if let Some(r) = state
                .customers
                .get_mut(&key)
                .and_then(|c| c.customer.as_mut())
            {
                apply_changes(r, changes);
            }
            cmds
        }
        _ => vec![],
    }
}
