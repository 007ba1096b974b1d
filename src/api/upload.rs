//! Photos and files: checked here before anything leaves, uploaded with
//! `POST /public_api/v1/pages/{page_id}/upload_contents` (multipart field
//! `file`), then sent by `reply_inbox` + `content_ids` alone
//! ([`super::Reply::Attachments`], pancake-api.md § Send).
//!
//! The answer (pancake-api.md § Send): `{"id": "...", "attachment_type":
//! "PHOTO", "success": true}`. Relied on: the content id
//! as `id`, `content_id`, or `data.id` (or the first of `content_ids`);
//! `attachment_type` is optional (ours is used when it is missing).

use crate::api::RequestKind;
use serde::Deserialize;

pub use super::attachment::{AttachmentType, UploadedContent};
use super::client::{CallBody, PageApi, Request, decode};
use super::error::ApiError;
use crate::text::sanitize_line;

/// The largest file sent (Pancake's limit for most channels is 25 MB; the
/// OpenAPI transcription: Shopee 30, WhatsApp 16, Lazada 100, others 25).
pub const MAX_UPLOAD_BYTES: u64 = 25_000_000;

/// A file that passed the checks, ready to upload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    /// The file's own name (no directories), sanitized.
    pub name: String,
    pub mime: &'static str,
    pub kind: AttachmentType,
    pub bytes: bytes::Bytes,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    #[error("{name} is empty: nothing to send")]
    Empty { name: String },
    #[error("{name} is {}; Pancake takes files up to {}", mb(*size), mb(*max))]
    TooLarge { name: String, size: u64, max: u64 },
    #[error(
        "{name}: {what} cannot be sent; photos (jpg, png, gif, webp), videos (mp4, mov), audio (m4a, mp3) and documents (pdf, docx, xlsx, txt, csv) can"
    )]
    UnknownType { name: String, what: String },
    #[error(
        "{name} is named .{ext} but its content is not {expected}: pick the right file or rename it"
    )]
    Mismatch {
        name: String,
        ext: String,
        expected: &'static str,
    },
    #[error("cannot read {path}: {message}")]
    Unreadable { path: String, message: String },
    /// Refused, not followed: a link named like an order could point at
    /// the token file.
    #[error("{name} is a symbolic link to {target}: attach the file itself")]
    Symlink { name: String, target: String },
    #[error("{name} is {what}, not a regular file: attach a regular file")]
    NotAFile { name: String, what: &'static str },
    /// Read again for an upload, it is not the file attached.
    #[error("{name} changed since you attached it{how}")]
    Changed { name: String, how: String },
    /// An outbox entry written before files were identified.
    #[error(
        "{name} was attached by an older pancake-tui that did not record its contents, so it cannot be checked"
    )]
    NotIdentified { name: String },
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// One allowed type: its extensions, MIME type, kind, what it is in words,
/// and how its first bytes look.
struct Kind {
    exts: &'static [&'static str],
    mime: &'static str,
    kind: AttachmentType,
    words: &'static str,
    magic: fn(&[u8]) -> bool,
}

fn ftyp(b: &[u8]) -> Option<&[u8]> {
    (b.len() >= 12 && &b[4..8] == b"ftyp").then(|| &b[8..12])
}

fn zip(b: &[u8]) -> bool {
    b.starts_with(b"PK\x03\x04")
}

fn text(b: &[u8]) -> bool {
    !b.contains(&0) && std::str::from_utf8(b).is_ok()
}

const KINDS: &[Kind] = &[
    Kind {
        exts: &["jpg", "jpeg"],
        mime: "image/jpeg",
        kind: AttachmentType::Photo,
        words: "a JPEG photo",
        magic: |b| b.starts_with(&[0xFF, 0xD8, 0xFF]),
    },
    Kind {
        exts: &["png"],
        mime: "image/png",
        kind: AttachmentType::Photo,
        words: "a PNG image",
        magic: |b| b.starts_with(b"\x89PNG\r\n\x1a\n"),
    },
    Kind {
        exts: &["gif"],
        mime: "image/gif",
        kind: AttachmentType::Photo,
        words: "a GIF image",
        magic: |b| b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a"),
    },
    Kind {
        exts: &["webp"],
        mime: "image/webp",
        kind: AttachmentType::Photo,
        words: "a WebP image",
        magic: |b| b.len() >= 12 && b.starts_with(b"RIFF") && &b[8..12] == b"WEBP",
    },
    Kind {
        exts: &["mp4", "m4v"],
        mime: "video/mp4",
        kind: AttachmentType::Video,
        words: "an MP4 video",
        magic: |b| ftyp(b).is_some_and(|brand| brand != b"M4A " && brand != b"qt  "),
    },
    Kind {
        exts: &["mov"],
        mime: "video/quicktime",
        kind: AttachmentType::Video,
        words: "a QuickTime video",
        magic: |b| ftyp(b).is_some_and(|brand| brand != b"M4A "),
    },
    Kind {
        exts: &["m4a"],
        mime: "audio/mp4",
        kind: AttachmentType::Audio,
        words: "an M4A recording",
        magic: |b| ftyp(b).is_some(),
    },
    Kind {
        exts: &["mp3"],
        mime: "audio/mpeg",
        kind: AttachmentType::Audio,
        words: "an MP3 recording",
        magic: |b| b.starts_with(b"ID3") || (b.len() >= 2 && b[0] == 0xFF && b[1] & 0xE0 == 0xE0),
    },
    Kind {
        exts: &["pdf"],
        mime: "application/pdf",
        kind: AttachmentType::Document,
        words: "a PDF",
        magic: |b| b.starts_with(b"%PDF-"),
    },
    Kind {
        exts: &["docx"],
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        kind: AttachmentType::Document,
        words: "a Word document",
        magic: zip,
    },
    Kind {
        exts: &["xlsx"],
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        kind: AttachmentType::Document,
        words: "an Excel sheet",
        magic: zip,
    },
    Kind {
        exts: &["txt"],
        mime: "text/plain",
        kind: AttachmentType::Document,
        words: "plain text",
        magic: text,
    },
    Kind {
        exts: &["csv"],
        mime: "text/csv",
        kind: AttachmentType::Document,
        words: "plain text (CSV)",
        magic: text,
    },
];

/// What the first bytes say a file is, in words (for a mismatch message).
fn sniff(b: &[u8]) -> Option<&'static str> {
    KINDS
        .iter()
        .filter(|k| !matches!(k.exts[0], "txt" | "csv" | "docx" | "xlsx" | "mov" | "m4a"))
        .find(|k| (k.magic)(b))
        .map(|k| k.words)
}

/// The checks before an upload, on a file's name and content (a file of
/// the jump box is read by `super::local_file::read_upload`): not empty, at
/// most [`MAX_UPLOAD_BYTES`], an allowed type by its extension, and content
/// that looks like that type.
pub fn check_upload(name: &str, bytes: bytes::Bytes) -> Result<Upload, UploadError> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let shown = sanitize_line(base);
    let shown = if shown.is_empty() {
        "the file".to_owned()
    } else {
        shown
    };
    if bytes.is_empty() {
        return Err(UploadError::Empty { name: shown });
    }
    let size = bytes.len() as u64;
    if size > MAX_UPLOAD_BYTES {
        return Err(UploadError::TooLarge {
            name: shown,
            size,
            max: MAX_UPLOAD_BYTES,
        });
    }
    let ext = base
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| !e.is_empty());
    let Some(ext) = ext else {
        return Err(UploadError::UnknownType {
            what: match sniff(&bytes) {
                Some(w) => format!("a file without an extension (it looks like {w}: add one)"),
                None => "a file without an extension".into(),
            },
            name: shown,
        });
    };
    let Some(kind) = KINDS.iter().find(|k| k.exts.contains(&ext.as_str())) else {
        return Err(UploadError::UnknownType {
            what: format!(".{} files", sanitize_line(&ext)),
            name: shown,
        });
    };
    if !(kind.magic)(&bytes) {
        return Err(UploadError::Mismatch {
            name: shown,
            ext,
            expected: kind.words,
        });
    }
    Ok(Upload {
        name: shown,
        mime: kind.mime,
        kind: kind.kind,
        bytes,
    })
}

#[derive(Debug, Deserialize)]
struct RawUploaded {
    #[serde(default, deserialize_with = "super::lenient::loose_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "super::lenient::loose_string")]
    content_id: Option<String>,
    #[serde(default, deserialize_with = "super::lenient::id_list")]
    content_ids: Vec<String>,
    #[serde(default)]
    data: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "super::lenient::loose_string")]
    attachment_type: Option<String>,
}

/// The content id of an `upload_contents` answer.
pub fn decode_uploaded(bytes: &[u8], ours: AttachmentType) -> Result<UploadedContent, ApiError> {
    const WHAT: RequestKind = RequestKind::Upload;
    let raw: RawUploaded = decode(WHAT, bytes)?;
    let data_id = raw
        .data
        .as_ref()
        .and_then(|d| d.get("id"))
        .and_then(|i| i.as_str().map(str::to_owned));
    let id = raw
        .id
        .or(raw.content_id)
        .or(data_id)
        .or(raw.content_ids.into_iter().next())
        .filter(|i| !i.is_empty())
        .ok_or(ApiError::Decode {
            what: WHAT,
            detail: crate::api::decode_problem::DecodeProblem::NoContentId.into(),
        })?;
    Ok(UploadedContent {
        content_id: id,
        // In the send's own spelling (`FILE` → `DOCUMENT`), so files of
        // one kind go in one send.
        attachment_type: raw
            .attachment_type
            .and_then(|t| AttachmentType::from_wire(&t))
            .unwrap_or(ours)
            .as_wire()
            .to_owned(),
    })
}

impl PageApi {
    /// Upload one checked file; its content id goes into
    /// [`super::Reply::Attachments`]. Repeating an upload only makes another
    /// content id, so it is retried like a read.
    pub async fn upload(&self, file: &Upload) -> Result<UploadedContent, ApiError> {
        let body = CallBody::File {
            name: file.name.clone(),
            mime: file.mime,
            bytes: file.bytes.clone(),
        };
        let bytes = self
            .request(
                Request::new(
                    RequestKind::Upload,
                    reqwest::Method::POST,
                    self.v1("/upload_contents"),
                )
                .body(body),
            )
            .await?;
        decode_uploaded(&bytes, file.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg() -> bytes::Bytes {
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0];
        b.extend_from_slice(&[0; 100]);
        b.into()
    }

    #[test]
    fn the_checks_say_what_is_wrong_in_words() {
        let ok = check_upload("/home/lan/Ảnh/bánh.JPG", jpeg()).unwrap();
        assert_eq!(
            (ok.name.as_str(), ok.mime, ok.kind),
            ("bánh.JPG", "image/jpeg", AttachmentType::Photo)
        );
        let e = check_upload("x.jpg", bytes::Bytes::new()).unwrap_err();
        assert_eq!(e.to_string(), "x.jpg is empty: nothing to send");
        let big = bytes::Bytes::from(vec![0u8; MAX_UPLOAD_BYTES as usize + 1]);
        let e = check_upload("film.mp4", big).unwrap_err();
        assert_eq!(
            e.to_string(),
            "film.mp4 is 25.0 MB; Pancake takes files up to 25.0 MB"
        );
        let e = check_upload("run.exe", jpeg()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("run.exe: .exe files cannot be sent; photos (jpg"),
            "{e}"
        );
        let e = check_upload("đơn.pdf", jpeg()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "đơn.pdf is named .pdf but its content is not a PDF: pick the right file or rename it"
        );
        let e = check_upload("photo", jpeg()).unwrap_err();
        assert!(e.to_string().contains("looks like a JPEG photo"), "{e}");
        let e =
            check_upload("\u{1b}]52;c;x\u{7}.txt", bytes::Bytes::from_static(b"\0\0")).unwrap_err();
        assert!(
            !e.to_string().contains('\u{1b}'),
            "names are sanitized: {e}"
        );
        assert!(check_upload("a.pdf", bytes::Bytes::from_static(b"%PDF-1.7\n")).is_ok());
        assert!(check_upload("list.csv", bytes::Bytes::from_static(b"a,b\n")).is_ok());
        let mut mp4 = vec![0, 0, 0, 0x18];
        mp4.extend_from_slice(b"ftypisom\0\0\0\0");
        let v = check_upload("clip.mp4", mp4.into()).unwrap();
        assert_eq!(v.kind.as_wire(), "VIDEO");
    }

    #[test]
    fn the_content_id_is_read_from_its_shapes() {
        let p = AttachmentType::Photo;
        let u = decode_uploaded(
            br#"{"id":"abc","attachment_type":"PHOTO","success":true}"#,
            p,
        )
        .unwrap();
        assert_eq!(u.content_id, "abc");
        let u = decode_uploaded(
            br#"{"id":"f","attachment_type":"FILE"}"#,
            AttachmentType::Document,
        )
        .unwrap();
        assert_eq!(u.attachment_type, "DOCUMENT", "the send's spelling");
        let u = decode_uploaded(br#"{"data":{"id":"d1"}}"#, AttachmentType::Video).unwrap();
        assert_eq!(
            (u.content_id.as_str(), u.attachment_type.as_str()),
            ("d1", "VIDEO")
        );
        assert_eq!(
            decode_uploaded(br#"{"content_ids":["x"]}"#, p)
                .unwrap()
                .content_id,
            "x"
        );
        assert!(decode_uploaded(br#"{"success":true}"#, p).is_err());
    }
}
