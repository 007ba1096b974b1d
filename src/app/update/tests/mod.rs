//! Unit tests of `update`: every key and every task result, no terminal.
//! One file per part of `update`; the data comes from `app::fixtures`.

mod act;
mod attach;
mod bulk;
mod clock;
mod customer;
mod dirty;
mod drafts;
mod keys;
mod links;
mod list;
mod outbox;
mod pages;
mod reply;
mod snooze;
mod stats;
mod sync;
mod team;
mod thread;
mod vietnamese;

use super::*;
use crate::api::Op;
use crate::api::{
    ApiError, ConversationId, ConversationType, Message, PageId, Reply, TagAction, TagId,
    UnixSeconds, UserId,
};
use crate::app::actions::ActionStatus;
use crate::app::fixtures::*;
use crate::app::{Focus, LoadMode, Notice, Outcome, Overlay, Scope, Settings, Viewport};

/// These commands end the app.
fn exits(cmds: &[Cmd]) -> bool {
    cmds.contains(&Cmd::Exit)
}

/// The bells these commands ring.
fn rings(cmds: &[Cmd]) -> usize {
    cmds.iter().filter(|c| **c == Cmd::Ring).count()
}
