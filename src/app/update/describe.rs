//! What an agent action is called on screen (the status bar, the outbox)
//! and how an unconfirmed reply shows in the thread.

use crate::api::{Conversation, NoteOp, Op, Reply, TagAction};
use crate::app::state::State;

pub(super) fn describe(state: &State, conv: &Conversation, op: &Op) -> String {
    let who = crate::text::truncate(&conv.customer.name, 30).into_owned();
    match op {
        Op::Tag(action, tag) => {
            let name = state
                .tag_of(conv, tag)
                .map_or_else(|| format!("#{tag}"), |t| t.name.clone());
            match action {
                TagAction::Add => format!("tag \"{name}\" on {who}"),
                TagAction::Remove => format!("untag \"{name}\" on {who}"),
            }
        }
        Op::Assign(list) if list.is_empty() => format!("unassign {who}"),
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
            format!("assign {who} to {}", names.join(", "))
        }
        Op::Read => format!("mark {who} read"),
        Op::Unread => format!("mark {who} unread"),
        Op::Reply(Reply::Files(f)) => match f.files.len() {
            1 => format!("reply to {who} with {}", f.files[0].name),
            n => format!("reply to {who} with {n} files"),
        },
        Op::Reply(_) => format!("reply to {who}"),
        Op::Note { note, .. } => match note {
            NoteOp::Add { message, .. } => {
                format!("note \"{}\" on {who}", crate::text::truncate(message, 30))
            }
            NoteOp::Edit { message, .. } => {
                format!(
                    "edit note to \"{}\" on {who}",
                    crate::text::truncate(message, 30)
                )
            }
            NoteOp::Delete { .. } => format!("delete a note on {who}"),
        },
        Op::Customer { changes, .. } => {
            let mut what = Vec::new();
            if changes.name.is_some() {
                what.push("name");
            }
            if changes.phone_numbers.is_some() {
                what.push("phones");
            }
            if changes.gender.is_some() {
                what.push("gender");
            }
            if changes.birthday.is_some() {
                what.push("birthday");
            }
            format!("fix {} of {who}", what.join(", "))
        }
    }
}

/// A reply as the thread shows it before Pancake has it: its text (marked
/// once it went on its own), and a line per file (done once uploaded).
pub(super) fn shown(r: &Reply) -> String {
    let Reply::Files(f) = r else {
        return r.text().to_owned();
    };
    let mut out = f.message.clone();
    if f.text_sent && !out.trim().is_empty() {
        out.push_str("\n· text sent");
    }
    for file in &f.files {
        if !out.is_empty() {
            out.push('\n');
        }
        let state = match (&file.uploaded, file.sent) {
            (_, true) => " · sent",
            (Some(_), false) => " · uploaded",
            (None, false) => "",
        };
        out.push_str(&format!("+ {}{state}", file.describe()));
    }
    out
}
