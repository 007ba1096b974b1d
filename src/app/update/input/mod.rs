//! Keys and pastes. Each input mode has its handler here: the overlays
//! first (help, pickers, outbox, filter panel, bulk preview), then the
//! composer, the search line, and the list and thread panes. A handler
//! changes its overlay in place and says whether it closes.

mod attach;
mod bulk_preview;
mod canned_picker;
mod composer;
mod customer;
mod filter;
mod help;
mod links;
mod list;
mod outbox;
mod palette;
mod picker;
mod search;
mod snooze;
mod staff_picker;
mod stats;
mod tag_picker;
mod thread;
mod who_am_i;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::api::Conversation;
use crate::app::attach::PromptStatus;
use crate::app::msg::Cmd;
use crate::app::page::PageCtx;
use crate::app::picker::Picker;
use crate::app::state::{Overlay, State};
use crate::app::update::{bulk, notify_error};
use crate::i18n::Said;
use crate::text::sanitize_input;

use super::list as panes;

/// Whether an overlay stays open after a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flow {
    Stay,
    Close,
}

/// Space or Enter in a picker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Choice {
    Toggle,
    Choose,
}

/// What an overlay's handler made of a key.
struct Handled {
    flow: Flow,
    cmds: Vec<Cmd>,
}

impl Handled {
    /// The overlay stays open; `cmds` run.
    fn stay_with(cmds: Vec<Cmd>) -> Self {
        Handled {
            flow: Flow::Stay,
            cmds,
        }
    }

    /// The overlay closes; `cmds` run.
    fn close_with(cmds: Vec<Cmd>) -> Self {
        Handled {
            flow: Flow::Close,
            cmds,
        }
    }

    fn stay() -> Self {
        Self::stay_with(vec![])
    }

    fn close() -> Self {
        Self::close_with(vec![])
    }
}

pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Cmd> {
    if key.kind == KeyEventKind::Release {
        return vec![];
    }
    if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
        return list::quit(state);
    }
    if let Some(mut overlay) = state.overlay.take() {
        let handled = match &mut overlay {
            Overlay::Help { scroll } => help::on_key(state, scroll, &key),
            Overlay::Picker(p) => picker::on_key(state, p, &key),
            Overlay::Outbox { cursor } => outbox::on_key(state, cursor, &key),
            Overlay::Filter(edit) => filter::on_key(state, edit, &key),
            Overlay::Confirm(plan) => bulk_preview::on_key(state, plan, &key),
            Overlay::Snooze(edit) => snooze::on_key(state, edit, &key),
            Overlay::Palette(p) => palette::on_key(state, p, &key),
            Overlay::Links { cursor, items } => links::on_key(state, cursor, items, &key),
            Overlay::Attach(p) => attach::on_key(state, p, &key),
            Overlay::Stats(screen) => stats::on_key(state, screen, &key),
            Overlay::Customer(ed) => customer::on_key(state, ed, &key),
        };
        // A handler that closes may have opened another overlay (a picker
        // handing over to the bulk preview): that one stays.
        if handled.flow == Flow::Stay && state.overlay.is_none() {
            state.overlay = Some(overlay);
        }
        return handled.cmds;
    }
    if state.composer.is_some() {
        return composer::on_key(state, &key);
    }
    if state.search.editing {
        return search::on_key(state, &key);
    }
    list::on_key(state, &key)
}

pub fn on_paste(state: &mut State, text: &str) -> Vec<Cmd> {
    let clean = sanitize_input(text);
    if let Some(Overlay::Attach(p)) = state.overlay.as_mut() {
        // A path dropped on the terminal: one line, as a shell quotes it.
        p.line.push_str(clean.trim().trim_matches(['\'', '"']));
        p.candidates.clear();
        p.status = PromptStatus::Typing;
    } else if let Some(Overlay::Customer(ed)) = state.overlay.as_mut() {
        customer::paste(ed, &clean);
    } else if let Some(c) = state.composer.as_mut() {
        c.input.insert(&clean);
    } else if state.search.editing {
        state.search.query.push_str(&clean.replace('\n', " "));
        panes::rebuild_visible(state);
    } else if let Some(Overlay::Picker(p)) = state.overlay.as_mut() {
        p.query.push_str(&clean.replace('\n', " "));
        p.refilter();
    }
    vec![]
}

/// Add the character `key` types to `line`; false when it types none.
fn type_into(line: &mut String, key: &KeyEvent) -> bool {
    typed(key).map(|c| line.push(c)).is_some()
}

/// The character a key types, if it types one (no Ctrl, no Alt).
fn typed(key: &KeyEvent) -> Option<char> {
    match crate::app::keys::Key::from_event(key) {
        k if k.is_text() => match k.code {
            KeyCode::Char(c) => Some(c),
            _ => None,
        },
        _ => None,
    }
}

/// Open a picker on the selected conversation, or on the marked ones (all
/// on one page): `what` says the page has not loaded it yet (a message id:
/// "notice-no-tags-yet"), `loaded` whether it has, `build`
/// makes it from the selected conversation and the marked ones (none: a
/// single conversation's picker).
fn open_picker(
    state: &mut State,
    what: &str,
    loaded: impl Fn(&PageCtx) -> bool,
    build: impl Fn(&State, &Conversation, &[Conversation]) -> Picker,
) {
    let Some(conv) = state.selected_conversation() else {
        return;
    };
    let conv = &conv;
    let page = state.page_of(conv);
    if !loaded(page) {
        let text = Said::new(what).arg("page", page.name.as_str());
        notify_error(state, text);
        return;
    }
    let marked = bulk::marked(state);
    let picker = build(state, conv, &marked);
    if picker.bulk && !bulk::marks_on_one_page(state) {
        return;
    }
    state.overlay = Some(Overlay::Picker(picker));
}
