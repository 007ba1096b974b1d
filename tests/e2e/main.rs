//! The whole binary end to end in tmux against the simulator, the
//! simulator's own record of what it received as the oracle: one test
//! binary (a change relinks it once). At most a few tmux runs go at once
//! (`common::tmux`), whatever the machine's core count. Run one part with
//! `cargo test --release --test e2e attach::` or one test by its name.

#[path = "../common/mod.rs"]
mod common;

mod attach;
mod big_list;
mod budget;
mod bulk;
mod drafts;
mod fanout;
mod faults;
mod fresh;
mod full_disk;
mod inbox;
mod keys;
mod offline;
mod one_user;
mod pages;
mod panels;
mod rediss;
mod reply;
mod screen;
mod snooze;
mod stats;
mod team;
mod windows;
