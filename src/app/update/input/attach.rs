//! The composer's path prompt: a path typed, Tab completes it from the
//! directory (listed by a task), Enter has the file checked and attached.

use ratatui::crossterm::event::KeyEvent;

use crate::app::attach::{AttachFrom, PathPrompt, PromptStatus};
use crate::app::keys::AttachKey;
use crate::app::msg::Cmd;
use crate::app::state::{Overlay, State};

use super::{Handled, type_into};

/// The composer's attach key: the prompt, empty.
pub(super) fn open(state: &mut State) {
    state.overlay = Some(Overlay::Attach(PathPrompt::default()));
}

pub(super) fn on_key(state: &mut State, p: &mut PathPrompt, key: &KeyEvent) -> Handled {
    let Some(conv) = state.composer.as_ref().map(|c| c.conv.clone()) else {
        return Handled::close();
    };
    match state.settings.keymap.get::<AttachKey>(key) {
        Some(AttachKey::Close) => return Handled::close(),
        Some(AttachKey::Complete) => {
            if matches!(p.status, PromptStatus::Failed(_)) {
                p.status = PromptStatus::Typing;
            }
            return Handled::stay_with(vec![Cmd::ListPath(p.line.clone())]);
        }
        Some(AttachKey::Add) => {
            if p.line.trim().is_empty() {
                let why = crate::i18n::tr(state.settings.lang, "attach-type-a-path");
                p.status = PromptStatus::Failed(why);
                return Handled::stay();
            }
            p.status = PromptStatus::Checking;
            return Handled::stay_with(vec![Cmd::CheckFile {
                conv,
                path: p.line.trim().to_owned(),
                from: AttachFrom::Prompt,
            }]);
        }
        Some(AttachKey::DeleteChar) => {
            p.line.pop();
        }
        Some(AttachKey::ClearLine) => p.line.clear(),
        None if type_into(&mut p.line, key) => {}
        None => return Handled::stay(),
    }
    // The line changed: the last answers are about another one.
    p.candidates.clear();
    p.status = PromptStatus::Typing;
    Handled::stay()
}
