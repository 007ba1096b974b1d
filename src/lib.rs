//! pancake-tui: a terminal inbox for Pancake (pages.fm) conversations.
//!
//! Data flows one way: input -> `app::Msg` -> `app::update(state)` -> `app::Cmd`
//! -> background tasks (`runtime`) on the throttled `api` client -> `app::Msg`.

pub mod api;
pub mod app;
pub mod bench;
pub mod cli;
pub mod config;
pub mod doctor;
pub mod private;
pub mod remind;
pub mod runtime;
pub mod sim;
pub mod store;
pub mod text;
pub mod ui;
