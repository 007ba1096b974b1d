//! The API client, the simulator and the command line's non-interactive
//! commands (`doctor`, `stats`), over real HTTP on 127.0.0.1: one test
//! binary, so a change relinks it once. Run one part with
//! `cargo test --release --test http contract::` (a module) or one test by
//! its name.

mod api_client;
mod cli_run;
mod contract;
mod day_api;
mod doctor;
mod fixtures_decode;
mod real_dialect;
mod relay;
mod sim_server;
mod stats_cli;
