//! The simulated world, generated from a PRNG number (`sim/rng.rs`): pages, tags, staff,
//! conversations, and messages made on demand (100,000 conversations stay
//! small in memory because threads are generated only when asked for).

mod cast;
mod conv;
mod generate;
mod msg;
mod page;
mod time;
mod words;

pub use conv::{Conv, REPLY_WINDOW, Sender, SimNote, SimTagChange};
pub use generate::Gen;
pub use msg::{Attachment, LinkKey, Msg};
pub use page::{Page, Shape, SimUpload, UserDef};
pub use time::{DAY, TimeFormat, naive};

/// Used by the tests of `world.rs`.
#[cfg(test)]
pub use conv::FRESH;
