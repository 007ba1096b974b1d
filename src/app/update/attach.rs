//! Files in the composer: the checks' answers (attached, or said why not),
//! `attach: PATH` lines of a draft or of `$EDITOR`'s text, Tab's listing,
//! and the progress of a reply with files on its way.

use crate::api::file_reply::{ATTACH_PREFIX, FileReply, size_words};
use crate::api::{ConversationId, Op, Reply};
use crate::app::actions::ActionId;
use crate::app::attach::{AttachFrom, PathEntry, PromptStatus, complete, take_attach_lines};
use crate::app::composer::Composer;
use crate::app::msg::Cmd;
use crate::app::state::{Overlay, State};
use crate::i18n::Said;
use crate::text::{sanitize_input, sanitize_line};

use super::{notify, notify_error, save_kept};

/// The composer's text becomes `text` without its `attach: PATH` lines,
/// and its files those lines name: each is checked, and listed in
/// `checking` until its answer comes.
pub(super) fn set_text_and_files(c: &mut Composer, text: &str) -> Vec<Cmd> {
    let (text, paths) = take_attach_lines(text);
    c.input.set(text);
    c.files.attached.clear();
    let check = |path: &String| Cmd::CheckFile {
        conv: c.conv.clone(),
        path: path.clone(),
        from: AttachFrom::Line,
    };
    let cmds = paths.iter().map(check).collect();
    c.files.checking = paths;
    cmds
}

/// A file was checked: attached to the composer, or why not said (in the
/// prompt if it is open; a line goes back into the text, nothing lost).
pub(super) fn on_checked(
    state: &mut State,
    conv: ConversationId,
    typed: String,
    from: AttachFrom,
    result: Result<crate::api::file_reply::OutgoingFile, String>,
) -> Vec<Cmd> {
    let prompt_open = matches!(state.overlay, Some(Overlay::Attach(_)));
    let mut composer = state.composer.as_mut().filter(|c| c.conv == conv);
    if let Some(c) = composer.as_deref_mut()
        && from == AttachFrom::Line
    {
        let Some(i) = c.files.checking.iter().position(|p| *p == typed) else {
            // The text was edited since: its lines are checked anew.
            return vec![];
        };
        c.files.checking.remove(i);
    }
    match (result, composer) {
        (Ok(file), Some(c)) => {
            let text = Said::new("notice-attached").arg("file", file.describe());
            c.files.attach(file);
            if from == AttachFrom::Prompt && prompt_open {
                state.overlay = None;
            }
            notify(state, text);
            vec![]
        }
        (Err(why), Some(c)) => {
            let why = sanitize_line(&why);
            match from {
                AttachFrom::Prompt => {
                    // Only about the line the prompt still holds.
                    if let Some(Overlay::Attach(p)) = state.overlay.as_mut()
                        && p.line.trim() == typed
                    {
                        p.status = PromptStatus::Failed(why.clone());
                    }
                }
                AttachFrom::Line => {
                    // Back into the text, cleaned (a path is untrusted text
                    // too: a completed name may hold control characters).
                    let line = sanitize_input(&format!("{ATTACH_PREFIX}{typed}"));
                    if !c.input.text.is_empty() && !c.input.text.ends_with('\n') {
                        c.input.text.push('\n');
                    }
                    c.input.text.push_str(&line);
                    c.input.cursor = c.input.text.len();
                }
            }
            notify_error(state, Said::new("notice-not-attached").arg("why", why));
            vec![]
        }
        // The composer closed (or is on another conversation) meanwhile:
        // the line goes to that conversation's draft.
        (_, None) => {
            let draft = state.drafts.entry(conv.clone()).or_default();
            let line = sanitize_input(&format!("{ATTACH_PREFIX}{typed}"));
            // A line still being checked was kept with the draft already.
            if !draft.lines().any(|l| l == line) {
                if !draft.is_empty() {
                    draft.push('\n');
                }
                draft.push_str(&line);
            }
            notify(state, Said::new("notice-file-waits-in-draft"));
            vec![save_kept(state, &conv)]
        }
    }
}

/// The directory of the prompt's line was listed: Tab's completion, if the
/// line is still the one asked about.
pub(super) fn on_listed(state: &mut State, line: String, result: Result<Vec<PathEntry>, String>) {
    let Some(Overlay::Attach(p)) = state.overlay.as_mut() else {
        return;
    };
    if p.line != line {
        return;
    }
    match result {
        Ok(entries) => {
            let c = complete(&line, &entries);
            if c.line == line && c.candidates.is_empty() {
                let why = crate::i18n::tr(state.settings.lang, "attach-nothing-starts-so");
                p.status = PromptStatus::Failed(why);
            } else if matches!(p.status, PromptStatus::Failed(_)) {
                p.status = PromptStatus::Typing;
            }
            p.line = c.line;
            p.candidates = c.candidates;
        }
        Err(e) => {
            p.candidates.clear();
            p.status = PromptStatus::Failed(sanitize_line(&e));
        }
    }
}

/// A reply with files moved on: the action keeps where it stands (a retry
/// starts there), the status bar says which file goes up.
pub(super) fn on_progress(
    state: &mut State,
    id: ActionId,
    files: FileReply,
    uploading: Option<usize>,
) {
    let Some(a) = state.actions.get_mut(id) else {
        return;
    };
    if let Some(i) = uploading
        && let Some(f) = files.files.get(i)
    {
        let text = Said::new("notice-uploading")
            .arg("at", i + 1)
            .arg("of", files.files.len())
            .arg("file", f.name.as_str())
            .arg("size", size_words(f.size));
        a.op = Op::Reply(Reply::Files(files));
        notify(state, text);
        return;
    }
    a.op = Op::Reply(Reply::Files(files));
}
