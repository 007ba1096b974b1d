//! Keys and pastes: popups first, then the composer, the search line, and the
//! keymap of the focused pane.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::api::{ConversationId, ConversationType, Reply, TagId, UserId};
use crate::app::composer::Composer;
use crate::app::filter::{parse_expr, to_expr};
use crate::app::keys::{Command, help_max_scroll};
use crate::app::msg::{Cmd, EditRequest};
use crate::app::picker::{Picker, PickerKind};
use crate::app::state::{FilterEdit, Focus, Overlay, Scope, State};
use crate::text::sanitize_input;

use super::{act, bulk, list, notify, notify_error, save_drafts, sync, thread};

pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Cmd> {
    if key.kind == KeyEventKind::Release {
        return vec![];
    }
    state.dirty = true;
    if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
        return quit(state);
    }
    match state.overlay.take() {
        Some(Overlay::Help { scroll }) => return help_key(state, scroll, key),
        Some(Overlay::Picker(p)) => return picker_key(state, p, key),
        Some(Overlay::Outbox { cursor }) => return outbox_key(state, cursor, key),
        Some(Overlay::Filter(edit)) => return filter_key(state, edit, key),
        Some(Overlay::Confirm(plan)) => {
            return match key.code {
                KeyCode::Enter => bulk::start(state, plan),
                KeyCode::Esc | KeyCode::Char('n') | KeyCode::Char('q') => {
                    notify(state, "cancelled");
                    vec![]
                }
                _ => {
                    state.overlay = Some(Overlay::Confirm(plan));
                    vec![]
                }
            };
        }
        None => {}
    }
    if state.composer.is_some() {
        return composer_key(state, key);
    }
    if state.search.editing {
        return search_key(state, key);
    }
    if let KeyCode::Char(d @ '1'..='9') = key.code {
        return select_view(state, d as usize - '1' as usize);
    }
    match state.settings.keymap.command_for(&key) {
        Some(c) => command(state, c),
        None => vec![],
    }
}

/// The help overlay: the movement keys scroll it; Esc, q or the help key
/// close it.
fn help_key(state: &mut State, scroll: usize, key: KeyEvent) -> Vec<Cmd> {
    let command = state.settings.keymap.command_for(&key);
    if matches!(key.code, KeyCode::Esc | KeyCode::Char('q'))
        || matches!(command, Some(Command::Help | Command::Quit | Command::Back))
    {
        return vec![];
    }
    let max = help_max_scroll(&state.settings.keymap, state.viewport.height);
    let page = (state.viewport.height as usize).saturating_sub(3).max(1);
    let scroll = match (command, key.code) {
        (Some(Command::Down), _) | (_, KeyCode::Down) => scroll + 1,
        (Some(Command::Up), _) | (_, KeyCode::Up) => scroll.saturating_sub(1),
        (Some(Command::PageDown), _) | (_, KeyCode::PageDown | KeyCode::Char(' ')) => scroll + page,
        (Some(Command::PageUp), _) | (_, KeyCode::PageUp) => scroll.saturating_sub(page),
        (Some(Command::Top), _) | (_, KeyCode::Home) => 0,
        (Some(Command::Bottom), _) | (_, KeyCode::End) => max,
        _ => scroll,
    };
    state.overlay = Some(Overlay::Help {
        scroll: scroll.min(max),
    });
    vec![]
}

fn select_view(state: &mut State, i: usize) -> Vec<Cmd> {
    if i >= state.views.len() || (i == state.view && state.custom_filter.is_none()) {
        return vec![];
    }
    state.view = i;
    state.custom_filter = None;
    filter_changed(state)
}

/// Re-filter what is loaded at once, and fetch the rest from Pancake.
fn filter_changed(state: &mut State) -> Vec<Cmd> {
    state.selected = 0;
    state.offset = 0;
    list::rebuild_visible(state);
    sync::start_filter_fetch(state)
}

fn open_filter_panel(state: &mut State) {
    let (tags, staff) = (state.scoped_tags(), state.all_staff());
    let line = to_expr(state.filter(), &staff);
    let parsed = parse_expr(&line, &tags, &staff);
    state.overlay = Some(Overlay::Filter(FilterEdit { line, parsed }));
}

fn filter_key(state: &mut State, mut edit: FilterEdit, key: KeyEvent) -> Vec<Cmd> {
    match key.code {
        KeyCode::Esc => return vec![],
        KeyCode::Enter => {
            if let Ok(f) = edit.parsed.clone() {
                let view_filter = state.views.get(state.view).map(|v| &v.filter);
                state.custom_filter = (view_filter != Some(&f)).then_some(f);
                return filter_changed(state);
            }
        }
        KeyCode::Backspace => {
            edit.line.pop();
        }
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => edit.line.clear(),
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => edit.line.push(c),
        _ => {}
    }
    edit.parsed = parse_expr(&edit.line, &state.scoped_tags(), &state.all_staff());
    state.overlay = Some(Overlay::Filter(edit));
    vec![]
}

pub fn on_paste(state: &mut State, text: &str) -> Vec<Cmd> {
    let clean = sanitize_input(text);
    state.dirty = true;
    if let Some(c) = state.composer.as_mut() {
        c.insert(&clean);
    } else if state.search.editing {
        state.search.query.push_str(&clean.replace('\n', " "));
        list::rebuild_visible(state);
    } else if let Some(Overlay::Picker(p)) = state.overlay.as_mut() {
        p.query.push_str(&clean.replace('\n', " "));
        p.refilter();
    }
    vec![]
}

fn command(state: &mut State, c: Command) -> Vec<Cmd> {
    let in_thread = state.focus == Focus::Thread && state.thread.is_some();
    let page = state.viewport.list_rows.max(1) as isize;
    let thread_page = state.viewport.thread_rows.max(1) as isize;
    match c {
        Command::Down if in_thread => return thread::scroll(state, -1),
        Command::Up if in_thread => return thread::scroll(state, 1),
        Command::PageDown if in_thread => return thread::scroll(state, -thread_page),
        Command::PageUp if in_thread => return thread::scroll(state, thread_page),
        Command::Top if in_thread => return thread::scroll_to_top(state),
        Command::Bottom if in_thread => thread::scroll_to_bottom(state),
        Command::Down => list::move_selection(state, 1),
        Command::Up => list::move_selection(state, -1),
        Command::PageDown => list::move_selection(state, page),
        Command::PageUp => list::move_selection(state, -page),
        Command::Top => list::move_selection(state, isize::MIN / 2),
        Command::Bottom => list::select_last(state),
        Command::Open => return thread::open_selected(state),
        Command::Back => {
            if state.focus == Focus::Thread {
                state.focus = Focus::List;
            } else if state.search.is_active() {
                state.search.query.clear();
                list::rebuild_visible(state);
            }
        }
        Command::SwitchFocus => {
            state.focus = match state.focus {
                Focus::List if state.thread.is_some() => Focus::Thread,
                _ => Focus::List,
            };
        }
        Command::TagPicker => open_tag_picker(state),
        Command::StaffPicker => open_staff_picker(state),
        Command::ToggleRead if !state.marks.is_empty() => {
            let plan = bulk::plan_read(state);
            bulk::propose(state, plan);
        }
        Command::ToggleRead => return act::toggle_read(state),
        Command::Filter => open_filter_panel(state),
        Command::ClearFilter => {
            // Back to the view without a filter (All).
            let all = state
                .views
                .iter()
                .position(|v| v.filter.is_empty())
                .unwrap_or(0);
            if state.custom_filter.take().is_some() || state.view != all {
                state.view = all;
                return filter_changed(state);
            }
        }
        Command::NextView => {
            let n = state.views.len().max(1);
            return select_view(state, (state.view + 1) % n);
        }
        Command::PrevView => {
            let n = state.views.len().max(1);
            return select_view(state, (state.view + n - 1) % n);
        }
        Command::Mark => bulk::toggle_mark(state),
        Command::MarkAll => bulk::mark_all(state),
        Command::ClearMarks => bulk::clear_marks(state),
        Command::AssignMe => return me_action(state, true),
        Command::UnassignMe => return me_action(state, false),
        Command::NextMatch => list::move_selection(state, 1),
        Command::PrevMatch => list::move_selection(state, -1),
        Command::Reply => return open_composer(state),
        Command::Search => {
            state.search.editing = true;
            state.focus = Focus::List;
        }
        Command::NextPage => return next_page(state),
        Command::Outbox => {
            if state.actions.items.is_empty() {
                notify(state, "the outbox is empty: every action is confirmed");
            } else {
                state.overlay = Some(Overlay::Outbox { cursor: 0 });
            }
        }
        Command::Refresh => {
            let cmds = sync::refresh_all(state);
            if cmds.is_empty() {
                notify(state, "already syncing");
            }
            let mut cmds = cmds;
            cmds.extend(refresh_thread(state));
            return cmds;
        }
        Command::Undo => return act::undo(state),
        Command::RetryFailed => return act::retry_failed(state),
        Command::DismissFailed => return act::dismiss_failed(state),
        Command::Help => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Command::Quit => return quit(state),
    }
    vec![]
}

fn refresh_thread(state: &mut State) -> Vec<Cmd> {
    let Some(conv) = state.thread.as_ref().map(|t| t.conv.clone()) else {
        return vec![];
    };
    thread::refresh_if_moved(state, &conv, None)
}

fn quit(state: &mut State) -> Vec<Cmd> {
    let pending = state.actions.pending();
    if pending == 0 || state.quitting.is_some() {
        state.exit = true;
    } else {
        let grace = state.settings.quit_grace_secs as i64;
        state.quitting = Some(crate::api::UnixSeconds(state.now.0 + grace));
        notify(
            state,
            format!("waiting up to {grace} s for {pending} action(s) in flight; q again quits now"),
        );
    }
    vec![]
}

/// Keys in the outbox: move, `d` cancels the item, `x` sends it again.
fn outbox_key(state: &mut State, cursor: usize, key: KeyEvent) -> Vec<Cmd> {
    let n = state.actions.items.len();
    let mut cursor = cursor.min(n.saturating_sub(1));
    let mut cmds = Vec::new();
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('o') => return vec![],
        KeyCode::Down | KeyCode::Char('j') => cursor = (cursor + 1).min(n.saturating_sub(1)),
        KeyCode::Up | KeyCode::Char('k') => cursor = cursor.saturating_sub(1),
        KeyCode::Char('d') | KeyCode::Delete => {
            if let Some(id) = state.actions.items.get(cursor).map(|a| a.id) {
                cmds = act::cancel(state, id);
            }
        }
        KeyCode::Char('x') => {
            if let Some(id) = state.actions.items.get(cursor).map(|a| a.id) {
                cmds = act::retry_one(state, id);
            }
        }
        _ => {}
    }
    if !state.actions.items.is_empty() {
        let cursor = cursor.min(state.actions.items.len() - 1);
        state.overlay = Some(Overlay::Outbox { cursor });
    }
    cmds
}

/// `P`: the next page, then every page merged ("All pages"), then the first.
fn next_page(state: &mut State) -> Vec<Cmd> {
    if !state.multi_page() {
        notify(state, "only one page is configured");
        return vec![];
    }
    state.scope = match state.scope {
        Scope::Page(i) if i + 1 < state.pages.len() => Scope::Page(i + 1),
        Scope::Page(_) => Scope::All,
        Scope::All => Scope::Page(0),
    };
    let name = match state.scope {
        Scope::Page(i) => state.pages[i].name.clone(),
        Scope::All => "all pages".into(),
    };
    notify(state, format!("showing {name}"));
    // The selection stays on the same conversation when it is still listed.
    list::rebuild_visible(state);
    sync::start_filter_fetch(state)
}

/// Tags and staff differ per page: a bulk tag or assign stays on one page.
fn marks_on_one_page(state: &mut State) -> bool {
    let pages = bulk::marked_pages(state);
    if pages > 1 {
        notify_error(
            state,
            format!(
                "the marked conversations are on {pages} pages, each with its own tags and \
                 staff: mark them on one page (P switches)"
            ),
        );
    }
    pages <= 1
}

fn open_tag_picker(state: &mut State) {
    let Some(conv) = state.selected_conversation() else {
        return;
    };
    let page = state.page_of(conv);
    if page.tags.is_empty() {
        let text = format!("no tags loaded yet for {}", page.name);
        notify_error(state, text);
        return;
    }
    let picker = if state.marks.is_empty() {
        Picker::tags(conv, &page.tags)
    } else {
        let marked = bulk::marked(state);
        let tags = &state.page_of(marked[0]).tags;
        Picker::tags_bulk(marked[0], &marked, tags)
    };
    if picker.bulk && !marks_on_one_page(state) {
        return;
    }
    state.overlay = Some(Overlay::Picker(picker));
}

fn open_staff_picker(state: &mut State) {
    let Some(conv) = state.selected_conversation() else {
        return;
    };
    let page = state.page_of(conv);
    if page.staff.users.is_empty() {
        let text = format!("no staff loaded yet for {}", page.name);
        notify_error(state, text);
        return;
    }
    let picker = if state.marks.is_empty() {
        Picker::staff(conv, &page.staff)
    } else {
        let marked = bulk::marked(state);
        let staff = &state.page_of(marked[0]).staff;
        Picker::staff_bulk(marked[0], marked.len(), staff)
    };
    if picker.bulk && !marks_on_one_page(state) {
        return;
    }
    state.overlay = Some(Overlay::Picker(picker));
}

/// `A` / `U`: add or remove me on the marked conversations, or the selected one.
fn me_action(state: &mut State, add: bool) -> Vec<Cmd> {
    if !state.marks.is_empty() && !marks_on_one_page(state) {
        return vec![];
    }
    let Some(conv) = state.selected_conversation() else {
        return vec![];
    };
    // The page acted on: the marked conversations' (one page), or the selected one's.
    let page_id = match bulk::marked(state).first() {
        Some(c) => c.page_id.clone(),
        None => conv.page_id.clone(),
    };
    let p = state.page_index(&page_id).unwrap_or(0);
    let Some(user) = state.me_on(p) else {
        let page = &state.pages[p];
        if page.staff.users.is_empty() {
            let text = format!("no staff loaded yet for {}", page.name);
            notify_error(state, text);
            return vec![];
        }
        let question = match &state.settings.me {
            Some(me) => format!(
                "\"{}\" is not among the staff of {}: which one are you?",
                crate::text::sanitize_line(me.as_str()),
                page.name
            ),
            None => "which staff member are you? (asked once)".to_owned(),
        };
        let picker = Picker::who_am_i(conv, &page.staff);
        state.overlay = Some(Overlay::Picker(picker));
        state.pending_me = Some(add);
        notify(state, question);
        return vec![];
    };
    if !state.marks.is_empty() {
        let plan = bulk::plan_one_assignee(state, &user, add);
        bulk::propose(state, plan);
        return vec![];
    }
    let change = if add {
        crate::api::AssigneeChange::Add(user)
    } else {
        crate::api::AssigneeChange::Remove(user)
    };
    let (id, list) = (conv.id.clone(), change.apply(&conv.assignee_ids));
    act::assign(state, &id, list)
}

fn picker_key(state: &mut State, mut p: Picker, key: KeyEvent) -> Vec<Cmd> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let mut cmds = Vec::new();
    match key.code {
        KeyCode::Esc => return vec![],
        KeyCode::Up => p.move_by(-1),
        KeyCode::Down | KeyCode::Tab => p.move_by(1),
        KeyCode::Char('p') if ctrl => p.move_by(-1),
        KeyCode::Char('n') if ctrl => p.move_by(1),
        KeyCode::Backspace => {
            p.query.pop();
            p.refilter();
        }
        KeyCode::Char('u') if ctrl => {
            p.query.clear();
            p.refilter();
        }
        KeyCode::Char(' ') | KeyCode::Enter if p.kind == PickerKind::Tags && p.bulk => {
            if let Some(item) = p.highlighted() {
                let plan = bulk::plan_tag(state, &TagId::new(item.id.clone()));
                bulk::propose(state, plan);
                return vec![];
            }
        }
        KeyCode::Enter if p.kind == PickerKind::Canned => {
            if let Some(item) = p.highlighted() {
                insert_canned(state, item.id.parse().unwrap_or(usize::MAX));
            }
            return vec![];
        }
        KeyCode::Enter | KeyCode::Char(' ') if p.kind == PickerKind::Me => {
            if let Some(item) = p.highlighted() {
                let user = UserId::new(item.id.clone());
                state.settings.me = Some(user.clone());
                notify(state, format!("you are {}", item.label));
                let mut cmds = vec![Cmd::RememberMe(user)];
                if let Some(add) = state.pending_me.take() {
                    cmds.extend(me_action(state, add));
                }
                return cmds;
            }
        }
        KeyCode::Char(' ') | KeyCode::Enter if p.kind == PickerKind::Tags => {
            if let Some(item) = p.highlighted_mut() {
                let (tag, had) = (TagId::new(item.id.clone()), item.checked);
                item.checked = !had;
                cmds = act::toggle_tag(state, &p.target, tag, had);
            }
        }
        KeyCode::Char(' ') => {
            if let Some(item) = p.highlighted_mut() {
                item.checked = !item.checked;
                p.touched = true;
            }
        }
        // Typed a name and pressed Enter without choosing: that person.
        KeyCode::Enter if p.kind == PickerKind::Staff && !p.touched && !p.query.is_empty() => {
            let Some(item) = p.highlighted_mut() else {
                notify(state, "no one matches: nothing changed");
                state.overlay = Some(Overlay::Picker(p));
                return vec![];
            };
            item.checked = true;
            p.touched = true;
            return picker_key(state, p, key);
        }
        // Nothing chosen for the marked conversations: never "unassign all"
        // by accident (choosing no one with Space still can).
        KeyCode::Enter if p.kind == PickerKind::Staff && p.bulk && !p.touched => {
            notify(
                state,
                "Space chooses who gets them (or type a name and Enter)",
            );
            state.overlay = Some(Overlay::Picker(p));
            return vec![];
        }
        KeyCode::Enter if p.bulk => {
            let plan = bulk::plan_set_assignees(state, p.selected_users());
            bulk::propose(state, plan);
            return vec![];
        }
        KeyCode::Enter => {
            // Keep assignees the picker does not offer (disabled users), so
            // the full list never drops anyone by accident.
            let offered: Vec<&str> = p.items.iter().map(|i| i.id.as_str()).collect();
            let mut list: Vec<_> = state
                .convs
                .get(&p.target)
                .map(|c| {
                    c.assignee_ids
                        .iter()
                        .filter(|u| !offered.contains(&u.as_str()))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            list.extend(p.selected_users());
            return act::assign(state, &p.target, list);
        }
        KeyCode::Char(c) if !ctrl => {
            p.query.push(c);
            p.refilter();
        }
        _ => {}
    }
    state.overlay = Some(Overlay::Picker(p));
    cmds
}

fn search_key(state: &mut State, key: KeyEvent) -> Vec<Cmd> {
    match key.code {
        KeyCode::Esc => {
            state.search.editing = false;
            state.search.query.clear();
        }
        KeyCode::Enter => state.search.editing = false,
        KeyCode::Backspace => {
            state.search.query.pop();
        }
        KeyCode::Up => {
            list::move_selection(state, -1);
            return vec![];
        }
        KeyCode::Down => {
            list::move_selection(state, 1);
            return vec![];
        }
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            state.search.query.push(c)
        }
        _ => return vec![],
    }
    list::rebuild_visible(state);
    vec![]
}

fn open_composer(state: &mut State) -> Vec<Cmd> {
    let Some(conv) = state.selected_conversation() else {
        return vec![];
    };
    let id = conv.id.clone();
    let draft = state.drafts.remove(&id).unwrap_or_default();
    state.composer = Some(Composer::new(id.clone(), draft));
    // The reply goes under the thread: open it if it is not.
    if state.thread.as_ref().is_none_or(|t| t.conv != id) {
        let cmds = thread::open_selected(state);
        state.focus = Focus::Thread;
        return cmds;
    }
    vec![]
}

fn composer_key(state: &mut State, key: KeyEvent) -> Vec<Cmd> {
    let Some(c) = state.composer.as_mut() else {
        return vec![];
    };
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc => {
            if let Some(c) = state.composer.take()
                && !c.is_blank()
            {
                state.drafts.insert(c.conv.clone(), c.text);
                notify(state, "draft kept");
                return save_drafts(state);
            }
        }
        KeyCode::Enter if alt => c.insert("\n"),
        KeyCode::Char('j') if ctrl => c.insert("\n"),
        KeyCode::Char('t') if ctrl => {
            let target = state.convs.get(&c.conv).cloned();
            if let Some(conv) = target {
                if state.canned.is_empty() {
                    notify_error(
                        state,
                        "no canned replies: add some to ~/.config/pancake-tui/canned.toml",
                    );
                } else {
                    state.overlay = Some(Overlay::Picker(Picker::canned(&conv, &state.canned)));
                }
            }
        }
        KeyCode::Char('e') if ctrl => {
            state.edit = Some(EditRequest {
                conv: c.conv.clone(),
                text: c.text.clone(),
            });
        }
        KeyCode::Char('p') if ctrl => toggle_private(state),
        KeyCode::Enter => return send(state),
        KeyCode::Backspace => c.backspace(),
        KeyCode::Delete => c.delete(),
        KeyCode::Left => c.left(),
        KeyCode::Right => c.right(),
        KeyCode::Home => c.home(),
        KeyCode::End => c.end(),
        KeyCode::Char(ch) if !ctrl => {
            let mut buf = [0u8; 4];
            c.insert(ch.encode_utf8(&mut buf));
        }
        _ => {}
    }
    vec![]
}

/// Insert canned reply `i`, placeholders filled, and remember its tags.
fn insert_canned(state: &mut State, i: usize) {
    let Some(canned) = state.canned.get(i).cloned() else {
        return;
    };
    let Some(c) = state.composer.as_ref() else {
        return;
    };
    let Some(conv) = state.convs.get(&c.conv) else {
        return;
    };
    let p = state.page_index(&conv.page_id).unwrap_or(0);
    let agent = state
        .me_on(p)
        .and_then(|m| state.pages[p].staff.find(&m).map(|u| u.name.clone()))
        .unwrap_or_default();
    let customer = conv.customer.name.clone();
    let page_name = state.page_of(conv).name.clone();
    let text = crate::app::canned::fill(
        &canned.text,
        &crate::app::canned::Fill {
            customer_name: &customer,
            page_name: &page_name,
            agent_name: &agent,
        },
    );
    if let Some(c) = state.composer.as_mut() {
        c.insert(&text);
        for t in canned.tags {
            if !c.add_tags.contains(&t) {
                c.add_tags.push(t);
            }
        }
    }
}

/// The customer comment a comment reply answers: the newest one loaded.
fn last_comment<'a>(state: &'a State, conv: &ConversationId) -> Option<&'a crate::api::Message> {
    state
        .thread
        .as_ref()
        .filter(|t| &t.conv == conv)
        .and_then(|t| {
            t.messages
                .iter()
                .rev()
                .find(|m| !m.from_page && !m.is_removed)
        })
}

/// Seconds a comment may be old for a private reply (Facebook's rule, seed 002).
const PRIVATE_REPLY_MAX_AGE: i64 = 7 * 86_400;

/// Why a private reply is not possible now, if it is not.
fn private_reply_refusal(state: &State, conv: &ConversationId) -> Option<String> {
    let c = state.convs.get(conv)?;
    if c.kind == ConversationType::Inbox {
        return Some(
            "private replies are for comments; this is already an inbox conversation".into(),
        );
    }
    let Some(comment) = last_comment(state, conv) else {
        return Some("wait for the comments to load".into());
    };
    if state.private_replied.contains(&comment.id) {
        return Some("this comment already had its one private reply".into());
    }
    let age = comment.inserted_at.map(|t| state.now.0 - t.0);
    if age.is_none_or(|a| a > PRIVATE_REPLY_MAX_AGE) {
        return Some("Facebook allows a private reply only to comments at most 7 days old".into());
    }
    None
}

fn toggle_private(state: &mut State) {
    let Some(conv) = state.composer.as_ref().map(|c| c.conv.clone()) else {
        return;
    };
    if state.composer.as_ref().is_some_and(|c| c.private) {
        if let Some(c) = state.composer.as_mut() {
            c.private = false;
        }
        notify(state, "replying as a comment");
        return;
    }
    match private_reply_refusal(state, &conv) {
        Some(why) => notify_error(state, format!("no private reply: {why}")),
        None => {
            if let Some(c) = state.composer.as_mut() {
                c.private = true;
            }
            notify(
                state,
                "private reply: an inbox message to the commenter (once per comment)",
            );
        }
    }
}

/// Send the composer's text as the right kind of reply for the conversation.
fn send(state: &mut State) -> Vec<Cmd> {
    let Some(c) = state.composer.as_ref() else {
        return vec![];
    };
    if c.is_blank() {
        notify_error(state, "nothing to send");
        return vec![];
    }
    let conv_id = c.conv.clone();
    let text = sanitize_input(&c.text);
    let Some(conv) = state.convs.get(&conv_id) else {
        return vec![];
    };
    let private = c.private;
    let add_tags = c.add_tags.clone();
    let post_id = conv.post_id.clone();
    let reply = match conv.kind {
        ConversationType::Inbox | ConversationType::Other(_) => Reply::Inbox { message: text },
        _ => {
            if private && let Some(why) = private_reply_refusal(state, &conv_id) {
                notify_error(state, format!("no private reply: {why}"));
                return vec![];
            }
            let Some(m) = last_comment(state, &conv_id) else {
                notify_error(state, "wait for the comments to load before replying");
                return vec![];
            };
            if private {
                Reply::Private {
                    post_id: post_id.unwrap_or_default(),
                    message_id: m.id.clone(),
                    from_id: m.from_id.clone().unwrap_or_default(),
                    message: text,
                }
            } else {
                Reply::Comment {
                    message_id: m.id.clone(),
                    message: text,
                }
            }
        }
    };
    if let Reply::Private { message_id, .. } = &reply {
        state.private_replied.insert(message_id.clone());
    }
    state.composer = None;
    state.drafts.remove(&conv_id);
    let mut cmds = act::reply(state, &conv_id, reply);
    cmds.extend(save_drafts(state));
    // Tags that come with the canned replies used.
    for name in add_tags {
        let folded = crate::text::fold(&name);
        let tag = state
            .convs
            .get(&conv_id)
            .map(|c| &state.page_of(c).tags)
            .and_then(|tags| tags.iter().find(|t| crate::text::fold(&t.name) == folded))
            .map(|t| t.id.clone());
        match tag {
            Some(id)
                if !state
                    .convs
                    .get(&conv_id)
                    .is_some_and(|c| c.tags.contains(&id)) =>
            {
                cmds.extend(act::toggle_tag(state, &conv_id, id, false));
            }
            Some(_) => {}
            None => notify_error(
                state,
                format!("canned reply tag {name:?} is not on this page"),
            ),
        }
    }
    cmds
}
