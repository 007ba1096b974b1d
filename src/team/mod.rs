//! The team's shared news on Redis: what one inbox (the page's reader, or
//! a webhook relay) learned from Pancake, published once for every inbox of
//! the page.
//!
//! - [`event`]: the wire format of that news: what an entry of a page's
//!   stream holds, how it is written and how it is read back as untrusted
//!   input (size-capped, checked against the page it claims, clamped, its
//!   texts sanitized again).
//! - [`link`]: one inbox's link to its team for a page: the reader's
//!   lease, publishing, the stream read ([`stream`]), its [`status`]; and
//!   reads made once for the team ([`shared_read`]).
//! - [`relay`]: the webhook relay: Pancake's webhook POSTs in, the same
//!   entries out.

pub mod event;
pub mod link;
pub mod relay;
pub mod shared_read;
pub mod status;
mod stream;

pub use event::{Entry, Skip, TeamEvent, decode_body, decode_entry, encode_entry, stream_key};
pub use link::{TeamLink, client, join};
pub use shared_read::Source;
pub use status::{News, Role, Status};

#[cfg(test)]
mod tests_event;
#[cfg(test)]
mod tests_link;
