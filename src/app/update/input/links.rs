//! The thread's attachments and links (`v`): move, jump by number, copy
//! the URL to the agent's clipboard (OSC 52, written by the runtime), open
//! it with the system opener when there is a local display.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::app::keys::{Key, LinksKey};
use crate::app::links::{Link, thread_links};
use crate::app::msg::Cmd;
use crate::app::state::{Overlay, State};
use crate::app::update::{notify, notify_error};
use crate::i18n::Said;
use crate::text::truncate;

use super::Handled;

/// How much of a URL the status bar repeats.
const NOTICE_URL_CHARS: usize = 60;

/// `v`: the open thread's links, if it has any.
pub(super) fn open(state: &mut State) {
    let Some(t) = &state.thread else {
        notify(state, Said::new("notice-open-first-links"));
        return;
    };
    let items = thread_links(&t.messages);
    if items.is_empty() {
        notify(state, Said::new("notice-no-links"));
    } else {
        state.overlay = Some(Overlay::Links { cursor: 0, items });
    }
}

pub(super) fn on_key(
    state: &mut State,
    cursor: &mut usize,
    items: &[Link],
    key: &KeyEvent,
) -> Handled {
    let last = items.len().saturating_sub(1);
    if let Key {
        code: KeyCode::Char(d @ '1'..='9'),
        ctrl: false,
        alt: false,
    } = Key::from_event(key)
    {
        let i = d as usize - '1' as usize;
        if i <= last {
            *cursor = i;
        }
        return Handled::stay();
    }
    *cursor = (*cursor).min(last);
    match state.settings.keymap.get::<LinksKey>(key) {
        Some(LinksKey::Close) => return Handled::close(),
        Some(LinksKey::Down) => *cursor = (*cursor + 1).min(last),
        Some(LinksKey::Up) => *cursor = cursor.saturating_sub(1),
        Some(LinksKey::Copy) => {
            if let Some(l) = items.get(*cursor) {
                return Handled::close_with(vec![copy(state, &l.url)]);
            }
        }
        Some(LinksKey::Open) => {
            if let Some(l) = items.get(*cursor) {
                return match open_link(state, l) {
                    Some(cmd) => Handled::close_with(vec![cmd]),
                    None => Handled::stay(),
                };
            }
        }
        None => {}
    }
    Handled::stay()
}

/// Ask the runtime to put `url` on the agent's clipboard.
fn copy(state: &mut State, url: &str) -> Cmd {
    let url = crate::text::sanitize_line(url);
    notify(
        state,
        Said::new("notice-copied").arg("url", truncate(&url, NOTICE_URL_CHARS).into_owned()),
    );
    Cmd::Copy(url)
}

fn open_link(state: &mut State, l: &Link) -> Option<Cmd> {
    if !state.settings.local_display {
        notify_error(state, Said::new("notice-no-display"));
        return None;
    }
    if !l.openable() {
        notify_error(state, Said::new("notice-only-http"));
        return None;
    }
    notify(
        state,
        Said::new("notice-opening").arg("url", truncate(&l.url, NOTICE_URL_CHARS).into_owned()),
    );
    Some(Cmd::OpenUrl(l.url.clone()))
}
