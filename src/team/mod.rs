//! The team's shared news on Redis: what one inbox (the page's reader, or
//! a webhook relay) learned from Pancake, published once for every inbox of
//! the page. This module is the wire format of that news ([`event`]): what
//! an entry of a page's stream holds, how it is written and how it is read
//! back as untrusted input (size-capped, checked against the page it
//! claims, clamped, its texts sanitized again). [`relay`] is the webhook
//! relay: Pancake's webhook POSTs in, the same entries out.

pub mod event;
pub mod relay;

pub use event::{Entry, Skip, TeamEvent, decode_entry, encode_entry, stream_key};

#[cfg(test)]
mod tests_event;
