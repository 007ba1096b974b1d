//! What an agent action is called on screen (the status bar, the outbox)
//! and how an unconfirmed reply shows in the thread.

use crate::api::{Conversation, NoteOp, Op, Reply, TagAction};
use crate::app::state::State;
use crate::i18n::{Lang, Said, tr};

pub(super) fn describe(state: &State, conv: &Conversation, op: &Op) -> Said {
    let who = crate::text::truncate(&conv.customer.name, 30).into_owned();
    let said = |id: &str| Said::new(id).arg("who", who.as_str());
    match op {
        Op::Tag(action, tag) => {
            let name = state
                .tag_of(conv, tag)
                .map_or_else(|| format!("#{tag}"), |t| t.name.clone());
            match action {
                TagAction::Add => said("action-tag").arg("tag", name),
                TagAction::Remove => said("action-untag").arg("tag", name),
            }
        }
        Op::Assign(list) if list.is_empty() => said("action-unassign"),
        Op::Assign(list) => {
            let names: Vec<String> = list
                .iter()
                .map(|u| {
                    state
                        .page_of(conv)
                        .staff
                        .find(u)
                        .map_or_else(|| u.to_string(), |s| s.name.clone())
                })
                .collect();
            said("action-assign").arg("names", names.join(", "))
        }
        Op::Read => said("action-read"),
        Op::Unread => said("action-unread"),
        Op::Reply(Reply::Files(f)) => match f.files.len() {
            1 => said("action-reply-file").arg("file", f.files[0].name.as_str()),
            n => said("action-reply-files").arg("count", n),
        },
        Op::Reply(_) => said("action-reply"),
        Op::Note { note, .. } => match note {
            NoteOp::Add { message, .. } => {
                said("action-note-add").arg("note", crate::text::truncate(message, 30).into_owned())
            }
            NoteOp::Edit { message, .. } => said("action-note-edit")
                .arg("note", crate::text::truncate(message, 30).into_owned()),
            NoteOp::Delete { .. } => said("action-note-delete"),
        },
        Op::Customer { changes, .. } => {
            let what: Vec<Said> = [
                (changes.name.is_some(), "action-field-name"),
                (changes.phone_numbers.is_some(), "action-field-phones"),
                (changes.gender.is_some(), "action-field-gender"),
                (changes.birthday.is_some(), "action-field-birthday"),
            ]
            .into_iter()
            .filter(|(changed, _)| *changed)
            .map(|(_, id)| Said::new(id))
            .collect();
            said("action-customer").arg("fields", list(what))
        }
    }
}

/// `a, b, c` as one message (each part put into words in the reader's
/// language).
fn list(parts: Vec<Said>) -> Said {
    parts
        .into_iter()
        .reduce(|all, next| Said::new("list-and").arg("all", all).arg("next", next))
        .unwrap_or_else(|| Said::verbatim(""))
}

/// A reply as the thread shows it before Pancake has it: its text (marked
/// once it went on its own), and a line per file (done once uploaded).
pub(super) fn shown(r: &Reply, lang: Lang) -> String {
    let Reply::Files(f) = r else {
        return r.text().to_owned();
    };
    let mut out = f.message.clone();
    if f.text_sent && !out.trim().is_empty() {
        out.push_str(&format!("\n· {}", tr(lang, "outgoing-text-sent")));
    }
    for file in &f.files {
        if !out.is_empty() {
            out.push('\n');
        }
        let state = match (&file.uploaded, file.sent) {
            (_, true) => format!(" · {}", tr(lang, "outgoing-file-sent")),
            (Some(_), false) => format!(" · {}", tr(lang, "outgoing-file-uploaded")),
            (None, false) => String::new(),
        };
        out.push_str(&format!("+ {}{state}", file.describe()));
    }
    out
}
