//! The app core: plain state, messages in, commands out. No I/O here.

pub mod actions;
pub mod bulk;
pub mod canned;
pub mod composer;
pub mod filter;
pub mod fixtures;
pub mod keys;
pub mod msg;
pub mod picker;
pub mod search;
pub mod state;
pub mod thread;
mod update;

pub use msg::{Cached, Cmd, LoadMode, Meta, Msg, Outcome};
pub use state::{Focus, Notice, Overlay, PageCtx, Scope, Settings, State, Viewport};
pub use update::{init, update};
