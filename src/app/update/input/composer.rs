//! The composer: text editing keys, send, new line, canned replies, the
//! editor, private replies. What a reply is and where it goes is
//! `update::reply`.

use ratatui::crossterm::event::KeyEvent;

use crate::app::composer::Composer;
use crate::app::keys::ComposerKey;
use crate::app::msg::{Cmd, EditRequest};
use crate::app::picker::Picker;
use crate::app::state::{Focus, Overlay, State};
use crate::app::update::{attach as files, drafts, notify, notify_error, reply, thread};
use crate::i18n::Said;

use super::{attach, typed};

/// `r`: the composer for the selected conversation, with its draft; the
/// thread opens under it if it is not open.
pub(super) fn open(state: &mut State) -> Vec<Cmd> {
    let Some(conv) = state.selected_conversation() else {
        return vec![];
    };
    let id = conv.id.clone();
    let draft = state.drafts.remove(&id).unwrap_or_default();
    // Files kept in the draft as `attach: PATH` lines are checked again.
    let mut composer = Composer::new(id.clone(), String::new());
    let mut cmds = files::set_text_and_files(&mut composer, &draft);
    state.composer = Some(composer);
    if state.thread.as_ref().is_none_or(|t| t.conv != id) {
        cmds.extend(thread::open_selected(state));
        state.focus = Focus::Thread;
    }
    // Another window may have written this conversation's draft since.
    cmds.push(drafts::load(state, &id));
    cmds
}

pub(super) fn on_key(state: &mut State, key: &KeyEvent) -> Vec<Cmd> {
    let command = state.settings.keymap.get::<ComposerKey>(key);
    let Some(c) = state.composer.as_mut() else {
        return vec![];
    };
    match command {
        Some(ComposerKey::Close) => {
            if let Some(c) = state.composer.take() {
                // The agent's changes go to disk now (emptied: the row goes).
                let save = c.edited.then(|| c.to_draft(state.now));
                if !c.is_empty() {
                    // The files stay in the draft as `attach: PATH` lines.
                    state.drafts.insert(c.conv.clone(), c.draft());
                    notify(state, Said::new("notice-draft-kept"));
                }
                return save.map(|d| drafts::save(state, d)).into_iter().collect();
            }
        }
        Some(ComposerKey::NewLine) => c.input.insert("\n"),
        Some(ComposerKey::Canned) => {
            let target = state.convs.get(&c.conv);
            if let Some(conv) = target {
                if state.canned.is_empty() {
                    notify_error(state, Said::new("notice-no-canned"));
                } else {
                    state.overlay = Some(Overlay::Picker(Picker::canned(&conv, &state.canned)));
                }
            }
        }
        Some(ComposerKey::Editor) => {
            // The files as `attach: PATH` lines: the agent may remove or
            // add some there.
            return vec![Cmd::Edit(EditRequest {
                conv: c.conv.clone(),
                text: c.draft(),
            })];
        }
        Some(ComposerKey::Private) => reply::toggle_private(state),
        Some(ComposerKey::Attach) => attach::open(state),
        Some(ComposerKey::Detach) => match c.files.detach_last() {
            Some(f) => notify(state, Said::new("notice-removed-file").arg("file", f.name)),
            None => notify(state, Said::new("notice-no-file-attached")),
        },
        Some(ComposerKey::Send) => return reply::send(state),
        Some(ComposerKey::DeleteBack) => c.input.backspace(),
        Some(ComposerKey::DeleteForward) => c.input.delete(),
        Some(ComposerKey::Left) => c.input.left(),
        Some(ComposerKey::Right) => c.input.right(),
        Some(ComposerKey::Home) => c.input.home(),
        Some(ComposerKey::End) => c.input.end(),
        None => {
            if let Some(ch) = typed(key) {
                let mut buf = [0u8; 4];
                c.input.insert(ch.encode_utf8(&mut buf));
            }
        }
    }
    vec![]
}
