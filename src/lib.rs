//! pancake-tui: a terminal inbox for Pancake (pages.fm) conversations.
//!
//! # How it flows
//!
//! Data flows one way: a key or a task's answer becomes an [`app::Msg`];
//! [`app::update`] changes the [`app::State`] (no I/O, no terminal: plain
//! functions, tested without either) and returns [`app::Cmd`]s; the
//! [`runtime`] runs each command as a background task on the throttled
//! [`api`] client or the [`store`], and its answer comes back as a `Msg`. The
//! [`ui`] draws the state, a pure function of it, after each change. No pane
//! calls the network; no task touches the screen.
//!
//! # The layers, lowest first
//!
//! | module | what it is | may use |
//! |---|---|---|
//! | [`text`], [`private`] | untrusted text made safe (sanitize, width, cut); private files | nothing of ours |
//! | [`api`] | Pancake: HTTP client, models, throttle, retry, budget, errors; the wire facts in `src/api/pancake-api.md` | text, private |
//! | [`store`], [`remind`] | the per-page SQLite cache and durable outbox; snooze times | api, text |
//! | [`sim`] | the Pancake simulator (demo and every test) | api, text |
//! | [`doctor`] | `pancake-tui doctor`'s checks | api, text |
//! | [`team`] | the team's shared news on Redis: its entries, read as untrusted | api, text |
//! | [`app`] | state, messages, commands, `update`; keys; actions' lives | api, store, remind, team, text |
//! | [`ui`] | one file per pane or picker; theme | app, api, text |
//! | [`config`] | flags, environment, `config.toml` | api, app, text |
//! | [`runtime`] | terminal, event loop, background tasks | everything above but sim |
//! | [`bench`], [`cli`] | benchmarks; one file per subcommand (`main.rs` dispatches) | anything; nothing uses them |
//!
//! A test (`src/layers.rs`) holds the code to this table and fails on any
//! import circle between files.
//!
//! # Where a change goes
//!
//! - A new Pancake call or field: `api/` (its request, its lenient decoder
//!   with a fixture test), the simulator's answer in `sim/`, the endpoint in
//!   the contract (`tests/http/contract/`), the fact in `pancake-api.md`.
//! - A new key or command: the key table (`app/keys/table.rs`: help, hints,
//!   palette and the README's key list come from it), its handler in
//!   `app/update/input/`, its effect in `app/update/`, with an update test.
//! - Something new on screen: a file in `ui/`, tested into `TestBackend`;
//!   every API text through `text::sanitize_*` and measured by `text`.
//! - Work that waits (network, disk, a child process): a `Cmd`, run in
//!   `runtime/tasks/`, answered by a `Msg`.
//! - A subcommand: a file in `cli/`.
//! - End to end: `tests/e2e/` (tmux against the simulator, its request log
//!   as the oracle); over HTTP without a terminal: `tests/http/`.

pub mod api;
pub mod app;
pub mod bench;
pub mod cli;
pub mod config;
pub mod doctor;
pub mod i18n;
pub mod private;
pub mod remind;
pub mod runtime;
pub mod sim;
pub mod store;
pub mod team;
pub mod text;
pub mod ui;

#[cfg(test)]
mod layers;
