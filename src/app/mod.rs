//! The app core: plain state, messages in, commands out. No I/O here.

pub mod actions;
pub mod attach;
pub mod bulk;
pub mod canned;
pub mod composer;
pub mod convs;
pub mod customer;
pub mod filter;
pub mod fixtures;
pub mod keys;
pub mod links;
pub mod msg;
pub mod page;
pub mod palette;
pub mod picker;
pub mod search;
pub mod snooze;
pub mod state;
pub mod stats;
pub mod text_input;
pub mod thread;
pub mod times;
mod update;
pub mod viewport;

pub use msg::{Cached, Cmd, EditRequest, Meta, Msg, Outcome};
pub use page::{LoadMode, PageCtx};
pub use state::{Focus, Notice, Overlay, Scope, Settings, State};
pub use update::{init, update};
pub use viewport::Viewport;
