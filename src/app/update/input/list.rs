//! The list pane's keys (and every command the thread does not take
//! itself): move, open, views, pages, marks, pickers, actions, quit.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::app::keys::{Command, Key};
use crate::app::msg::Cmd;
use crate::app::palette::Palette;
use crate::app::state::{Focus, Overlay, Scope, State};
use crate::app::update::{act, bulk, customer, me, notify, snooze, stats, sync, thread as threads};
use crate::i18n::Said;

use super::{composer, filter, links, outbox, panes, search, staff_picker, tag_picker, thread};

pub(super) fn on_key(state: &mut State, key: &KeyEvent) -> Vec<Cmd> {
    if let Key {
        code: KeyCode::Char(d @ '1'..='9'),
        ctrl: false,
        alt: false,
    } = Key::from_event(key)
    {
        return select_view(state, d as usize - '1' as usize);
    }
    match state.settings.keymap.command_for(key) {
        Some(c) => command(state, c),
        None => vec![],
    }
}

/// What a list/thread command does: its key, or the palette's Enter.
pub(super) fn command(state: &mut State, c: Command) -> Vec<Cmd> {
    if state.focus == Focus::Thread
        && state.thread.is_some()
        && let Some(cmds) = thread::on_command(state, c)
    {
        return cmds;
    }
    let page = state.viewport.list_rows.max(1) as isize;
    match c {
        Command::Down => panes::move_selection(state, 1),
        Command::Up => panes::move_selection(state, -1),
        Command::PageDown => panes::move_selection(state, page),
        Command::PageUp => panes::move_selection(state, -page),
        Command::Top => panes::move_selection(state, isize::MIN / 2),
        Command::Bottom => panes::select_last(state),
        Command::Open => return threads::open_selected(state),
        Command::Back => {
            if state.focus == Focus::Thread {
                state.focus = Focus::List;
            } else if state.search.is_active() {
                state.search.query.clear();
                panes::rebuild_visible(state);
            }
        }
        Command::SwitchFocus => {
            state.focus = match state.focus {
                Focus::List if state.thread.is_some() => Focus::Thread,
                _ => Focus::List,
            };
        }
        Command::TagPicker => tag_picker::open(state),
        Command::StaffPicker => staff_picker::open(state),
        Command::ToggleRead if !state.marks.is_empty() => {
            let plan = bulk::plan_read(state);
            bulk::propose(state, plan);
        }
        Command::ToggleRead => return act::toggle_read(state),
        Command::Filter => filter::open(state),
        Command::ClearFilter => {
            // Back to the view without a filter (All).
            let all = state
                .tabs
                .views
                .iter()
                .position(|v| v.filter.is_empty())
                .unwrap_or(0);
            if state.custom_filter.take().is_some() || state.tabs.active != all {
                state.tabs.active = all;
                return sync::filter_changed(state);
            }
        }
        Command::NextView => {
            let n = state.tabs.views.len().max(1);
            return select_view(state, (state.tabs.active + 1) % n);
        }
        Command::PrevView => {
            let n = state.tabs.views.len().max(1);
            return select_view(state, (state.tabs.active + n - 1) % n);
        }
        Command::Mark => bulk::toggle_mark(state),
        Command::MarkAll => bulk::mark_all(state),
        Command::ClearMarks => bulk::clear_marks(state),
        Command::AssignMe => return me::assign_me(state, true),
        Command::UnassignMe => return me::assign_me(state, false),
        Command::NextMatch => panes::move_selection(state, 1),
        Command::PrevMatch => panes::move_selection(state, -1),
        Command::Reply => return composer::open(state),
        Command::Search => search::open(state),
        Command::NextPage => return next_page(state),
        Command::Outbox => outbox::open(state),
        Command::Refresh => {
            let mut cmds = sync::refresh_all(state);
            if cmds.is_empty() {
                notify(state, Said::new("notice-already-syncing"));
            }
            cmds.extend(refresh_thread(state));
            return cmds;
        }
        Command::Undo => return act::undo(state),
        Command::RetryFailed => return act::retry_failed(state),
        Command::DismissFailed => return act::dismiss_failed(state),
        Command::Help => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Command::Quit => return quit(state),
        Command::Snooze => snooze::open(state),
        Command::Palette => {
            // Every command, the recent ones first.
            let p = Palette::new(
                &state.settings.keymap,
                &state.recent_commands,
                state.settings.lang,
            );
            state.overlay = Some(Overlay::Palette(p));
        }
        Command::Links => links::open(state),
        Command::Customer => {
            let cmds = customer::toggle(state);
            // Beside the thread at wide sizes: its text is narrower then.
            threads::relayout(state);
            return cmds;
        }
        Command::Stats => return stats::open(state),
        Command::CustomerEdit => {
            let shown = state.customer_panel;
            customer::open_editor(state);
            if !shown && state.customer_panel {
                threads::relayout(state);
                return customer::ensure(state);
            }
        }
    }
    vec![]
}

fn select_view(state: &mut State, i: usize) -> Vec<Cmd> {
    if i >= state.tabs.views.len() || (i == state.tabs.active && state.custom_filter.is_none()) {
        return vec![];
    }
    state.tabs.active = i;
    state.custom_filter = None;
    sync::filter_changed(state)
}

fn refresh_thread(state: &mut State) -> Vec<Cmd> {
    let Some(conv) = state.thread.as_ref().map(|t| t.conv.clone()) else {
        return vec![];
    };
    threads::refresh_if_moved(state, &conv, None)
}

/// `q`: quit, waiting a few seconds for the actions in flight (again: now).
pub(super) fn quit(state: &mut State) -> Vec<Cmd> {
    let pending = state.actions.pending();
    if pending == 0 || state.quitting.is_some() {
        return vec![Cmd::Exit];
    } else {
        let grace = state.settings.quit_grace_secs as i64;
        state.quitting = Some(crate::api::UnixSeconds(state.now.0 + grace));
        notify(
            state,
            Said::new("notice-quit-waiting")
                .arg("seconds", grace)
                .arg("count", pending),
        );
    }
    vec![]
}

/// `P`: the next page, then every page merged ("All pages"), then the first.
fn next_page(state: &mut State) -> Vec<Cmd> {
    if !state.multi_page() {
        notify(state, Said::new("notice-one-page"));
        return vec![];
    }
    state.scope = match state.scope {
        Scope::Page(i) if i + 1 < state.pages.len() => Scope::Page(i + 1),
        Scope::Page(_) => Scope::All,
        Scope::All => Scope::Page(0),
    };
    let shown = match state.scope {
        Scope::Page(i) => {
            Said::new("notice-showing-page").arg("page", state.pages[i].name.as_str())
        }
        Scope::All => Said::new("notice-showing-all-pages"),
    };
    notify(state, shown);
    // The selection stays on the same conversation when it is still listed.
    panes::rebuild_visible(state);
    sync::start_filter_fetch(state)
}
