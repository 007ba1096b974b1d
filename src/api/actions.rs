//! The changes an agent makes, as plain values (pure, testable, serialisable
//! into an outbox).

use serde::{Deserialize, Serialize};

use super::file_reply::FileReply;
use super::ids::{TagId, UserId};

/// Add or remove one tag (the API takes one tag per request).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TagAction {
    Add,
    Remove,
}

impl TagAction {
    pub fn as_wire(self) -> &'static str {
        match self {
            TagAction::Add => "add",
            TagAction::Remove => "remove",
        }
    }
    pub fn reverse(self) -> Self {
        match self {
            TagAction::Add => TagAction::Remove,
            TagAction::Remove => TagAction::Add,
        }
    }
}

/// A change to a conversation's assignees.
///
/// `assignee_ids` **replaces** the whole list on the server (pancake-api.md § Assign), so a
/// change is always turned into the full list from the current one with
/// [`AssigneeChange::apply`]; adding someone never drops anyone else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssigneeChange {
    Add(UserId),
    Remove(UserId),
    Set(Vec<UserId>),
}

impl AssigneeChange {
    /// The full list to send, given the conversation's current assignees.
    /// Order is kept; duplicates are dropped.
    pub fn apply(&self, current: &[UserId]) -> Vec<UserId> {
        let mut out: Vec<UserId> = Vec::with_capacity(current.len() + 1);
        let mut push = |u: &UserId| {
            if !out.contains(u) {
                out.push(u.clone());
            }
        };
        match self {
            AssigneeChange::Add(u) => {
                current.iter().for_each(&mut push);
                push(u);
            }
            AssigneeChange::Remove(u) => current.iter().filter(|c| *c != u).for_each(push),
            AssigneeChange::Set(list) => list.iter().for_each(push),
        }
        out
    }
}

/// A reply into a conversation (pancake-api.md § Send: `POST .../messages` by `action`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reply {
    /// `reply_inbox`
    Inbox { message: String },
    /// `reply_comment` under the comment `message_id`.
    Comment { message_id: String, message: String },
    /// `reply_inbox` with files uploaded first (`upload_contents`): their
    /// content ids alone. Never with a `message` (both in one request
    /// answer HTTP 500) nor an `attachment_type` (not a request field):
    /// pancake-api.md § Send.
    Attachments { content_ids: Vec<String> },
    /// A text and files from the composer: each file uploaded, then the
    /// text as a [`Reply::Inbox`] and the files as one
    /// [`Reply::Attachments`] ([`super::file_reply`]); what was uploaded or
    /// sent is kept in it.
    Files(FileReply),
    /// `private_replies`: an inbox message to a commenter (once per comment,
    /// comment at most 7 days old).
    Private {
        post_id: String,
        message_id: String,
        from_id: String,
        message: String,
    },
}

impl Reply {
    /// Whether a failed attempt at it may have posted a message. A reply
    /// with files posts nothing while uploads are left (its sends come
    /// after them); an upload may be repeated.
    pub fn may_have_posted(&self) -> bool {
        match self {
            Reply::Files(f) => f.next_upload().is_none(),
            _ => true,
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Reply::Inbox { message }
            | Reply::Comment { message, .. }
            | Reply::Private { message, .. } => message,
            Reply::Attachments { .. } => "",
            Reply::Files(f) => &f.message,
        }
    }

    /// The body of its request. Files are sent one request at a time
    /// ([`super::file_reply::FileReply::next_send`]): their body is the next
    /// one's, or the text alone once the files are all sent.
    pub fn to_body(&self) -> serde_json::Value {
        match self {
            Reply::Files(f) => match f.next_send() {
                Some((next, _)) => next.to_body(),
                None => Reply::Inbox {
                    message: f.message.clone(),
                }
                .to_body(),
            },
            Reply::Inbox { message } => {
                serde_json::json!({ "action": "reply_inbox", "message": message })
            }
            Reply::Attachments { content_ids } => serde_json::json!({
                "action": "reply_inbox", "content_ids": content_ids
            }),
            Reply::Comment {
                message_id,
                message,
            } => serde_json::json!({
                "action": "reply_comment", "message_id": message_id, "message": message
            }),
            Reply::Private {
                post_id,
                message_id,
                from_id,
                message,
            } => serde_json::json!({
                "action": "private_replies", "post_id": post_id, "message_id": message_id,
                "from_id": from_id, "message": message
            }),
        }
    }
}

/// One send of a reply with files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileStep {
    /// The text, alone.
    Text,
    /// The files at these positions, by their content ids.
    Files(Vec<usize>),
}

/// How a reply with files becomes its sends (here, beside [`Reply`], so that
/// `file_reply` needs nothing of this module): the text first, then every
/// uploaded file in one `reply_inbox` by content ids (pancake-api.md § Send:
/// `message` and `content_ids` never in one request).
impl FileReply {
    /// The next send and what it covers. `None` when all went, or when a
    /// file still waits for its upload (the text waits too: nothing is
    /// posted before every file is on Pancake, so a failed upload leaves
    /// the whole reply to send again).
    pub fn next_send(&self) -> Option<(Reply, FileStep)> {
        if self.next_upload().is_some() {
            return None;
        }
        if !self.text_done() {
            let message = self.message.clone();
            return Some((Reply::Inbox { message }, FileStep::Text));
        }
        let group: Vec<usize> = (0..self.files.len())
            .filter(|&i| !self.files[i].sent)
            .collect();
        let content_ids = group
            .iter()
            .map(|&i| {
                self.files[i]
                    .uploaded
                    .as_ref()
                    .map(|u| u.content_id.clone())
            })
            .collect::<Option<Vec<String>>>()?;
        (!content_ids.is_empty())
            .then_some((Reply::Attachments { content_ids }, FileStep::Files(group)))
    }

    /// Record that `step` reached Pancake.
    pub fn mark_sent(&mut self, step: &FileStep) {
        match step {
            FileStep::Text => self.text_sent = true,
            FileStep::Files(group) => {
                for &i in group {
                    if let Some(f) = self.files.get_mut(i) {
                        f.sent = true;
                    }
                }
            }
        }
    }
}

/// Make sure a tag id list contains (or lacks) one id; used for optimistic updates.
pub fn apply_tag(tags: &[TagId], action: TagAction, tag: &TagId) -> Vec<TagId> {
    let mut out: Vec<TagId> = tags.iter().filter(|t| *t != tag).cloned().collect();
    if action == TagAction::Add {
        out.push(tag.clone());
    }
    out
}

/// A change to a page customer's notes (pancake-api.md § Notes): each is
/// one request to `page_customers/{page_customer_id}/notes`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteOp {
    /// `POST {"message"}`. Pancake takes no idempotency key: a second send
    /// adds a second note, so one that may have arrived is read back first
    /// (`at`: when the agent wrote it; a note of the same text from then on
    /// is this one).
    Add {
        message: String,
        #[serde(default)]
        at: super::time::UnixSeconds,
    },
    /// `PUT {"note_id", "message"}`.
    Edit { note_id: String, message: String },
    /// `DELETE {"note_id"}`.
    Delete { note_id: String },
}

impl NoteOp {
    /// The body of its request.
    pub fn to_body(&self) -> serde_json::Value {
        match self {
            NoteOp::Add { message, .. } => serde_json::json!({ "message": message }),
            NoteOp::Edit { note_id, message } => {
                serde_json::json!({ "note_id": note_id, "message": message })
            }
            NoteOp::Delete { note_id } => serde_json::json!({ "note_id": note_id }),
        }
    }
}

/// A customer's gender as `PUT page_customers` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    pub fn as_wire(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
            Gender::Unknown => "unknown",
        }
    }

    /// `male`, `female`, `unknown` (any case; `m`, `f`, `?` too), or the
    /// Vietnamese `nam`, `nữ`, `không rõ` (with or without accents).
    pub fn parse(s: &str) -> Option<Gender> {
        let folded = crate::text::fold(s);
        let words: Vec<&str> = folded.split_whitespace().collect();
        match words.join(" ").as_str() {
            "male" | "m" | "nam" => Some(Gender::Male),
            "female" | "f" | "nu" => Some(Gender::Female),
            "unknown" | "?" | "" | "khong ro" => Some(Gender::Unknown),
            _ => None,
        }
    }
}

/// The fields of `PUT page_customers/{page_customer_id}` (pancake-api.md
/// § Customers): only those set are sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerChanges {
    pub name: Option<String>,
    pub gender: Option<Gender>,
    /// `YYYY-MM-DD`, checked before.
    pub birthday: Option<String>,
    pub phone_numbers: Option<Vec<String>>,
}

impl CustomerChanges {
    pub fn is_empty(&self) -> bool {
        *self == CustomerChanges::default()
    }

    pub fn to_body(&self) -> serde_json::Value {
        let mut changes = serde_json::Map::new();
        if let Some(n) = &self.name {
            changes.insert("name".into(), n.clone().into());
        }
        if let Some(g) = self.gender {
            changes.insert("gender".into(), g.as_wire().into());
        }
        if let Some(b) = &self.birthday {
            changes.insert("birthday".into(), b.clone().into());
        }
        if let Some(p) = &self.phone_numbers {
            changes.insert("phone_numbers".into(), p.clone().into());
        }
        serde_json::json!({ "changes": changes })
    }
}

/// What is sent to Pancake for one action of the agent (kept in the outbox
/// until Pancake confirms it).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Op {
    Tag(TagAction, TagId),
    /// The full assignee list to set (already merged with the current one).
    Assign(Vec<UserId>),
    Read,
    Unread,
    Reply(Reply),
    /// A note on the conversation's page customer (`customer`: the page
    /// customer's id).
    Note {
        customer: String,
        note: NoteOp,
    },
    /// Fix the page customer's record.
    Customer {
        customer: String,
        changes: CustomerChanges,
    },
}

impl Op {
    /// A reply, or a note added, whose failed attempt may have posted it
    /// (Pancake has no idempotency key: a second one would be a second
    /// message, a second note): never sent again without the agent unless
    /// it certainly did not arrive.
    pub fn may_have_posted(&self) -> bool {
        match self {
            Op::Reply(r) => r.may_have_posted(),
            Op::Note { note, .. } => matches!(note, NoteOp::Add { .. }),
            _ => false,
        }
    }

    /// Whether two ops set the same thing, so that the later one decides it:
    /// the same tag, the assignee list, the read state. Replies never do.
    pub fn same_target(&self, other: &Op) -> bool {
        match (self, other) {
            (Op::Tag(_, a), Op::Tag(_, b)) => a == b,
            (Op::Assign(_), Op::Assign(_)) => true,
            (Op::Read | Op::Unread, Op::Read | Op::Unread) => true,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::attachment::AttachmentType;
    use crate::api::file_reply::tests::file;

    fn ids(v: &[&str]) -> Vec<UserId> {
        v.iter().map(|s| UserId::new(*s)).collect()
    }

    #[test]
    fn adding_an_assignee_keeps_everyone_else() {
        let cur = ids(&["a", "b"]);
        assert_eq!(
            AssigneeChange::Add("c".into()).apply(&cur),
            ids(&["a", "b", "c"])
        );
        assert_eq!(
            AssigneeChange::Add("a".into()).apply(&cur),
            ids(&["a", "b"])
        );
        assert_eq!(AssigneeChange::Remove("a".into()).apply(&cur), ids(&["b"]));
        assert_eq!(AssigneeChange::Remove("z".into()).apply(&cur), cur);
        assert_eq!(
            AssigneeChange::Set(ids(&["x", "x"])).apply(&cur),
            ids(&["x"])
        );
        assert!(AssigneeChange::Set(vec![]).apply(&cur).is_empty());
    }

    #[test]
    fn reply_bodies_match_the_api_notes() {
        let b = Reply::Comment {
            message_id: "m1".into(),
            message: "hi".into(),
        }
        .to_body();
        assert_eq!(b["action"], "reply_comment");
        assert_eq!(b["message_id"], "m1");
        assert_eq!(
            Reply::Inbox {
                message: "x".into()
            }
            .to_body()["action"],
            "reply_inbox"
        );
        let b = Reply::Attachments {
            content_ids: vec!["c1".into()],
        }
        .to_body();
        assert_eq!(
            b,
            serde_json::json!({"action": "reply_inbox", "content_ids": ["c1"]})
        );
    }

    #[test]
    fn tags_apply_idempotently() {
        let t = vec![TagId::new("1")];
        assert_eq!(apply_tag(&t, TagAction::Add, &"1".into()), t);
        assert!(apply_tag(&t, TagAction::Remove, &"1".into()).is_empty());
    }

    #[test]
    fn the_text_goes_first_alone_then_every_file_in_one_send_and_never_twice() {
        let mut r = FileReply {
            message: "Dạ ảnh đây ạ".into(),
            files: vec![
                file("a.jpg", AttachmentType::Photo),
                file("don.pdf", AttachmentType::Document),
                file("b.png", AttachmentType::Photo),
            ],
            text_sent: false,
        };
        assert_eq!(r.next_upload(), Some(0));
        assert!(r.next_send().is_none(), "nothing posted before the uploads");
        for (i, f) in r.files.iter_mut().enumerate() {
            f.uploaded = Some(crate::api::upload::UploadedContent {
                content_id: format!("c{i}"),
                attachment_type: f.kind.as_wire().into(),
            });
        }
        assert_eq!(r.next_upload(), None);
        let (send, step) = r.next_send().unwrap();
        assert_eq!(step, FileStep::Text);
        assert_eq!(
            send.to_body(),
            serde_json::json!({"action": "reply_inbox", "message": "Dạ ảnh đây ạ"})
        );
        r.mark_sent(&step);
        assert_eq!(
            r.draft_text(),
            "attach: /tmp/a.jpg\nattach: /tmp/don.pdf\nattach: /tmp/b.png",
            "the text went: what is left is the files"
        );
        let (send, step) = r.next_send().unwrap();
        assert_eq!(step, FileStep::Files(vec![0, 1, 2]));
        assert_eq!(
            send.to_body(),
            serde_json::json!({"action": "reply_inbox", "content_ids": ["c0", "c1", "c2"]}),
            "no message, no attachment_type"
        );
        r.mark_sent(&step);
        assert!(r.next_send().is_none());
        assert_eq!(r.draft_text(), "");
    }

    #[test]
    fn files_without_text_are_one_send_and_an_older_entry_with_a_file_sent_never_resends_its_text()
    {
        let up = |mut f: crate::api::file_reply::OutgoingFile, id: &str| {
            f.uploaded = Some(crate::api::upload::UploadedContent {
                content_id: id.into(),
                attachment_type: f.kind.as_wire().into(),
            });
            f
        };
        let r = FileReply {
            message: "  ".into(),
            files: vec![up(file("a.jpg", AttachmentType::Photo), "c0")],
            text_sent: false,
        };
        let (_, step) = r.next_send().unwrap();
        assert_eq!(step, FileStep::Files(vec![0]), "a blank text is not sent");
        // Written by a version that sent the text with the first files.
        let mut sent = up(file("a.jpg", AttachmentType::Photo), "c0");
        sent.sent = true;
        let r = FileReply {
            message: "hi".into(),
            files: vec![sent, up(file("b.pdf", AttachmentType::Document), "c1")],
            text_sent: false,
        };
        let (send, step) = r.next_send().unwrap();
        assert_eq!(step, FileStep::Files(vec![1]));
        assert_eq!(send.text(), "");
    }
}
