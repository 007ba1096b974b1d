//! A simulated message and its attachments, the link under one of the
//! keys production clients read.

/// Where an attachment carries its link: each production client reads
/// several of these (pancake-api.md § Shapes), so the simulator varies it per message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKey {
    Url,
    FileUrl,
    PreviewUrl,
    Src,
    PayloadUrl,
    ImageDataUrl,
}

pub const LINK_KEYS: [LinkKey; 6] = [
    LinkKey::Url,
    LinkKey::FileUrl,
    LinkKey::PreviewUrl,
    LinkKey::Src,
    LinkKey::PayloadUrl,
    LinkKey::ImageDataUrl,
];

#[derive(Clone, Debug)]
pub enum Attachment {
    /// photo, video, file, audio, sticker, like: a link under `key`.
    Media {
        kind: &'static str,
        link: String,
        key: LinkKey,
        name: String,
        mime: &'static str,
    },
    Reaction {
        emoji: &'static str,
    },
    /// A Messenger template (buttons): its link is inside the payload's
    /// buttons, under none of the usual keys.
    Template {
        title: String,
        link: String,
    },
    SystemMessage {
        text: String,
    },
    /// `replied_message`: a quote of an earlier message of the thread.
    Quote {
        text: String,
        from_id: String,
        from_name: String,
        attachments: Vec<Attachment>,
    },
}

#[derive(Clone, Debug)]
pub struct Msg {
    pub id: String,
    pub from_id: String,
    pub from_name: String,
    pub admin: Option<(String, String)>,
    pub text: String,
    pub attachments: Vec<Attachment>,
    pub at: i64,
    pub hidden: bool,
    pub removed: bool,
}
