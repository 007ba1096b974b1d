//! Typed, throttled, retrying client for the Pancake API.
//!
//! - [`client`]: the HTTP client and the per-page / per-user calls.
//! - [`models`]: tolerant decoding and the clean models (sanitized text).
//! - [`throttle`]: one request budget per page, agent actions first.
//! - [`budget`]: that budget shared with other processes (a file, or Redis).
//! - [`retry`]: the back-off schedule and `Retry-After`.
//! - [`error`]: errors that say what to do, never the token.

/// What the code relies on about the Pancake API: `src/api/pancake-api.md`,
/// cited in comments as `pancake-api.md § Name`.
#[doc = include_str!("pancake-api.md")]
pub mod facts {}

pub mod actions;
pub mod attachment;
pub mod budget;
pub mod client;
pub mod customer_record;
pub mod customers;
pub mod decode_problem;
pub mod error;
pub mod file_reply;
pub mod ids;
pub mod lenient;
pub mod local_file;
pub mod models;
pub mod posts;
pub mod query;
pub mod quirks;
pub mod request_kind;
pub mod retry;
pub mod stats;
pub mod survey;
pub mod throttle;
pub mod time;
pub mod upload;

#[cfg(test)]
mod decode_props;

pub use actions::{AssigneeChange, CustomerChanges, Gender, NoteOp, Op, Reply, TagAction};
pub use client::{Client, ClientConfig, DEFAULT_API_URL, PageApi, UserApi};
pub use error::ApiError;
pub use ids::{ConversationId, PageId, TagId, UserId};
pub use models::{Conversation, ConversationType, Message, Page, Staff, Tag, User};
pub use query::{ConversationQuery, OrderBy, PAGE_SIZE};
pub use request_kind::RequestKind;
pub use throttle::Priority;
pub use time::{Age, UnixSeconds};
