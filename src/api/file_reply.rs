//! A reply with files, as a plain value kept in the outbox: the files (the
//! path on the jump box, name, size, type, what was read when it was
//! attached: [`FileIdentity`]), what each became on Pancake
//! (its content id, once uploaded) and which were sent, so a retry (after a
//! restart too) never uploads or sends one twice.
//!
//! Pancake takes a text and content ids in separate sends (pancake-api.md
//! § Send: `message` and `content_ids` are mutually exclusive), so the text
//! goes first, alone, then every file in one send by content ids.

use serde::{Deserialize, Serialize};

use super::attachment::AttachmentType;
use super::attachment::UploadedContent;

/// One file of a reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutgoingFile {
    /// Where it is on this machine (`~` already expanded): read again at
    /// upload time, so the outbox never holds the bytes.
    pub path: String,
    /// Its own name, sanitized (for the screen).
    pub name: String,
    pub size: u64,
    pub kind: AttachmentType,
    /// The file as it was read when it was attached: what is uploaded
    /// later (a retry, after a restart too) must be the same, or it is
    /// refused (`api::local_file::read_attached`). None in entries written
    /// before it was kept: such a file is refused, not sent unchecked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<FileIdentity>,
    /// What Pancake gave back once it was uploaded (`upload_contents`): its
    /// content id and `attachment_type`. Flattened: the outbox keeps the
    /// two fields as it always did (none of them when not uploaded; the
    /// `null`s written before read as not uploaded too).
    #[serde(flatten)]
    pub uploaded: Option<UploadedContent>,
    /// Sent in a reply already.
    #[serde(default)]
    pub sent: bool,
}

/// Which file, and which bytes, were attached: the file's device and inode,
/// size and last change (from `fstat` on the opened file), and a SHA-256 of
/// the bytes read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileIdentity {
    pub dev: u64,
    pub ino: u64,
    pub size: u64,
    /// Last modified: seconds since the epoch and nanoseconds past them.
    pub mtime: i64,
    pub mtime_nsec: i64,
    /// The SHA-256 of the bytes, in lowercase hex.
    pub sha256: String,
}

impl OutgoingFile {
    /// The type it is sent as.
    pub fn wire_type(&self) -> &str {
        self.uploaded
            .as_ref()
            .map_or(self.kind.as_wire(), |u| &u.attachment_type)
    }

    /// "photo.jpg · 340 KB · photo".
    pub fn describe(&self) -> String {
        format!(
            "{} · {} · {}",
            self.name,
            size_words(self.size),
            kind_words(self.kind)
        )
    }
}

/// A text and files for an inbox conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileReply {
    pub message: String,
    pub files: Vec<OutgoingFile>,
    /// The text reached Pancake (its own send, before the files).
    #[serde(default)]
    pub text_sent: bool,
}

impl FileReply {
    /// The text needs no send: it went already, it is blank, or a file
    /// went (an outbox entry written when the text went with the first
    /// files).
    pub fn text_done(&self) -> bool {
        self.text_sent || self.message.trim().is_empty() || self.files.iter().any(|f| f.sent)
    }

    /// The first file not uploaded yet.
    pub fn next_upload(&self) -> Option<usize> {
        self.files.iter().position(|f| f.uploaded.is_none())
    }

    /// What is left as a draft if it is not sent: the text and an
    /// `attach: PATH` line per file not sent (the composer reads them back).
    pub fn draft_text(&self) -> String {
        let mut out = if self.text_done() {
            String::new()
        } else {
            self.message.clone()
        };
        for f in self.files.iter().filter(|f| !f.sent) {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(ATTACH_PREFIX);
            out.push_str(&f.path);
        }
        out
    }
}

/// A line of a draft (or of `$EDITOR`'s text) that attaches a file.
pub const ATTACH_PREFIX: &str = "attach: ";

/// The path of an `attach: PATH` line, if it is one.
pub fn attach_line(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("attach:")?;
    let path = rest.trim();
    (!path.is_empty()).then_some(path)
}

/// A size as people read it: "900 B", "340 KB", "2.4 MB".
pub fn size_words(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{} KB", bytes.div_ceil(1_000)),
        _ => format!("{:.1} MB", bytes as f64 / 1_000_000.0),
    }
}

pub fn kind_words(kind: AttachmentType) -> &'static str {
    match kind {
        AttachmentType::Photo => "photo",
        AttachmentType::Video => "video",
        AttachmentType::Audio => "audio",
        AttachmentType::Document => "document",
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A file of `kind` under /tmp, not uploaded.
    pub(in crate::api) fn file(name: &str, kind: AttachmentType) -> OutgoingFile {
        OutgoingFile {
            path: format!("/tmp/{name}"),
            name: name.into(),
            size: 340_000,
            kind,
            identity: None,
            uploaded: None,
            sent: false,
        }
    }

    #[test]
    fn attach_lines_and_sizes_read_as_people_write_them() {
        assert_eq!(attach_line("attach: ~/a b.jpg "), Some("~/a b.jpg"));
        assert_eq!(attach_line("  attach:/x.png"), Some("/x.png"));
        assert_eq!(attach_line("attach:"), None);
        assert_eq!(attach_line("please attach: x"), None);
        assert_eq!(size_words(900), "900 B");
        assert_eq!(size_words(339_001), "340 KB");
        assert_eq!(size_words(2_400_000), "2.4 MB");
        let r = FileReply {
            message: "hi".into(),
            files: vec![file("a.jpg", AttachmentType::Photo)],
            text_sent: false,
        };
        assert_eq!(r.draft_text(), "hi\nattach: /tmp/a.jpg");
        assert_eq!(r.files[0].describe(), "a.jpg · 340 KB · photo");
    }

    #[test]
    fn a_file_reads_from_the_outbox_as_it_was_written_uploaded_or_not() {
        let kept = |upload: &str| {
            let json = format!(
                r#"{{"path": "/tmp/a.jpg", "name": "a.jpg", "size": 9, "kind": "Photo", {upload} "sent": false}}"#
            );
            serde_json::from_str::<OutgoingFile>(&json).unwrap()
        };
        let before = kept(r#""content_id": null, "attachment_type": null,"#);
        assert_eq!(before.uploaded, None);
        assert_eq!(kept("").uploaded, None, "no fields: not uploaded");
        let up = kept(r#""content_id": "c7", "attachment_type": "PHOTO","#);
        let u = up.uploaded.clone().expect("uploaded");
        assert_eq!((u.content_id.as_str(), up.wire_type()), ("c7", "PHOTO"));
        // Written now, read back the same.
        let again: OutgoingFile =
            serde_json::from_str(&serde_json::to_string(&up).unwrap()).unwrap();
        assert_eq!(again, up);
        // Entries written before identities read without one; one kept
        // reads back the same.
        assert_eq!(up.identity, None);
        let identified = OutgoingFile {
            identity: Some(FileIdentity {
                dev: 2049,
                ino: 77,
                size: 9,
                mtime: 1_760_000_000,
                mtime_nsec: 5,
                sha256: "ab".repeat(32),
            }),
            ..up
        };
        let json = serde_json::to_string(&identified).unwrap();
        assert_eq!(
            serde_json::from_str::<OutgoingFile>(&json).unwrap(),
            identified
        );
    }
}
