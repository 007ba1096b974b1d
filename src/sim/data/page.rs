//! A simulated page: its tags, staff, conversations, posts and uploads.

use super::conv::Conv;

#[derive(Clone, Debug)]
pub struct TagDef {
    pub id: i64,
    pub text: String,
    pub color: &'static str,
    pub lighten: &'static str,
}

#[derive(Clone, Debug)]
pub struct UserDef {
    pub id: String,
    pub name: String,
    pub fb_id: String,
    pub email: String,
    pub status: &'static str,
}

/// How a page shapes its JSON (the second page varies it, to exercise
/// tolerant decoders).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Reference,
    Varied,
}

#[derive(Clone, Debug)]
pub struct Page {
    pub id: String,
    pub name: String,
    pub token: String,
    pub shape: Shape,
    pub tags: Vec<TagDef>,
    pub users: Vec<UserDef>,
    pub disabled: Vec<UserDef>,
    pub posts: Vec<String>,
    pub convs: Vec<Conv>,
    pub index: std::collections::HashMap<String, usize>,
    /// Tokens this page had before `revoke_page_token` (answered 105).
    pub revoked_tokens: Vec<String>,
    /// Every page call answers `error_code` 122.
    pub subscription_expired: bool,
    /// Files uploaded with `upload_contents`, by content id.
    pub uploads: std::collections::HashMap<String, SimUpload>,
}

/// A file uploaded with `upload_contents`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimUpload {
    pub name: String,
    pub mime: String,
    /// `PHOTO`, `VIDEO`, `AUDIO_ATTACHMENT_ID` or `DOCUMENT`.
    pub attachment_type: &'static str,
    pub bytes: Vec<u8>,
}
