//! Shared helpers of the end-to-end tests.
#![allow(dead_code)]

pub mod tmux;
pub mod tools;
pub mod world;
