//! The thread pane's own keys: the movement commands scroll the messages
//! (up is older). Every other command is the list's.

use crate::app::keys::Command;
use crate::app::msg::Cmd;
use crate::app::state::State;
use crate::app::update::thread;

/// The thread's answer to a command, or `None` when it is not a thread one.
pub(super) fn on_command(state: &mut State, c: Command) -> Option<Vec<Cmd>> {
    let page = state.viewport.thread_rows.max(1) as isize;
    Some(match c {
        Command::Down => thread::scroll(state, -1),
        Command::Up => thread::scroll(state, 1),
        Command::PageDown => thread::scroll(state, -page),
        Command::PageUp => thread::scroll(state, page),
        Command::Top => thread::scroll_to_top(state),
        Command::Bottom => {
            thread::scroll_to_bottom(state);
            vec![]
        }
        _ => return None,
    })
}
