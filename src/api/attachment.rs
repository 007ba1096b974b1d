//! What kind of attachment a file is, as Pancake's send and upload name it
//! (pancake-api.md § Send). Below both the upload and the file reply.

use serde::{Deserialize, Serialize};

/// `attachment_type` on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttachmentType {
    Photo,
    Video,
    Audio,
    Document,
}

impl AttachmentType {
    pub fn as_wire(self) -> &'static str {
        match self {
            AttachmentType::Photo => "PHOTO",
            AttachmentType::Video => "VIDEO",
            AttachmentType::Audio => "AUDIO_ATTACHMENT_ID",
            AttachmentType::Document => "DOCUMENT",
        }
    }

    pub fn from_wire(s: &str) -> Option<Self> {
        Some(match s {
            "PHOTO" => AttachmentType::Photo,
            "VIDEO" => AttachmentType::Video,
            "AUDIO_ATTACHMENT_ID" | "AUDIO" => AttachmentType::Audio,
            "DOCUMENT" | "FILE" => AttachmentType::Document,
            _ => return None,
        })
    }
}

/// What Pancake gave back for an upload (`upload_contents`): the content
/// id a send names, and its `attachment_type`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadedContent {
    pub content_id: String,
    pub attachment_type: String,
}
