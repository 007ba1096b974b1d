//! Canned replies, from the composer: Enter inserts the highlighted one.

use crate::app::picker::Picker;
use crate::app::state::State;
use crate::app::update::reply;

use super::{Choice, Handled};

pub(super) fn on_choice(state: &mut State, p: &mut Picker, choice: Choice) -> Handled {
    match choice {
        Choice::Choose => {
            if let Some(item) = p.highlighted() {
                reply::insert_canned(state, item.id.parse().unwrap_or(usize::MAX));
            }
            Handled::close()
        }
        // Space is part of what the agent looks for ("xin chao").
        Choice::Toggle => {
            p.query.push(' ');
            p.refilter();
            Handled::stay()
        }
    }
}
