//! "Which staff member are you?": asked once, for assign-to-me; the answer
//! is remembered and the A/U that asked goes on.

use crate::api::UserId;
use crate::app::msg::Cmd;
use crate::app::picker::Picker;
use crate::app::state::State;
use crate::app::update::{me, notify};
use crate::i18n::Said;

use super::Handled;

pub(super) fn on_choice(state: &mut State, p: &mut Picker) -> Handled {
    let Some(item) = p.highlighted() else {
        return Handled::stay();
    };
    let user = UserId::new(item.id.clone());
    state.settings.me = Some(user.clone());
    notify(
        state,
        Said::new("notice-you-are").arg("who", item.label.as_str()),
    );
    let mut cmds = vec![Cmd::RememberMe(user)];
    if let Some(add) = state.pending_me.take() {
        cmds.extend(me::assign_me(state, add));
    }
    Handled::close_with(cmds)
}
