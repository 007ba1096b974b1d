//! What the Pancake API sends, decoded tolerantly, and the clean models the app uses.
//!
//! Every `Raw*` struct accepts what the real API may send (missing or null fields,
//! unknown fields, ids as numbers or strings, `null` inside id lists, phones as
//! strings or objects, the older documented shapes and the reference's; see
//! pancake-api.md § Shapes). Every list is decoded element by element ([`Lenient`](super::lenient::Lenient)): one
//! element that cannot be read is skipped and counted, never the whole page.
//! Only a conversation's or a tag's `id` is required.
//!
//! Converting a raw value into a model is the **one boundary** where
//! untrusted text is sanitized: names, snippets, tag names and message
//! texts in the models are safe to put on screen. Ids are kept verbatim for
//! round trips and must be sanitized if ever displayed.

mod conversations;
mod messages;
mod pages;
mod plain;
mod staff;
mod tags;

pub use super::customer_record::Customer;
pub use conversations::{Conversation, ConversationType, RawConversation, RawConversationList};
pub use messages::{
    ATTACHMENT_LINK_KEYS, Attachment, AttachmentShape, Message, Quote, RawMessage, RawMessageList,
};
pub use pages::{Page, RawCategorized, RawPage, RawPageList};
pub use plain::strip_html;
pub use staff::{RawUser, RawUsers, RoundRobin, Staff, StaffStatus, User};
pub use tags::{RawTag, RawTagList, Rgb, Tag};

#[cfg(test)]
mod tests;
