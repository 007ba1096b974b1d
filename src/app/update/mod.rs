//! `update(state, msg) -> commands`: every state change of the app, no I/O.

mod act;
mod attach;
mod bulk;
mod confirmed;
mod customer;
mod describe;
mod drafts;
mod input;
mod list;
mod me;
mod outbox;
mod post;
mod reply;
mod snooze;
mod stats;
mod sync;
mod team;
mod thread;

use super::msg::{Cmd, Msg};
// For the parts that change a draft kept aside (`drafts` uses them).
use super::state::{Notice, State};
use crate::i18n::Said;
use drafts::save_kept;

/// The commands to run when the app starts (after `Msg::Cached`, if any).
/// For each page, a complete cache is refreshed with a delta poll (pancake-api.md § List:
/// `since` pattern); otherwise the list is walked from the top.
pub fn init(state: &mut State) -> Vec<Cmd> {
    let mut cmds = Vec::new();
    for p in 0..state.pages.len() {
        let id = state.pages[p].id.clone();
        cmds.push(Cmd::LoadTags(id.clone()));
        cmds.push(Cmd::LoadStaff(id));
        let s = &mut state.pages[p].sync;
        if s.complete && s.last_sync.is_some() {
            s.generation += 1;
            cmds.extend(sync::start_poll(state, p));
        } else {
            cmds.extend(sync::start_backfill(state, p));
        }
    }
    cmds
}

/// The page's tag or staff list arrived (`what`: "tags", "staff"): kept,
/// the views resolved again and the cache written; or not, and said so
/// unless offline with a cached list (the status bar already says offline,
/// and it comes again when the network is back).
fn on_meta<T>(
    state: &mut State,
    page: crate::api::PageId,
    result: Result<T, crate::api::ApiError>,
    what: &str,
    set: impl FnOnce(&mut super::state::PageCtx, T),
    cached: fn(&super::state::PageCtx) -> bool,
) -> Vec<Cmd> {
    let Some(p) = state.page_index(&page) else {
        return vec![];
    };
    match result {
        Ok(list) => {
            set(&mut state.pages[p], list);
            resolve_views(state);
            vec![Cmd::SaveMeta(page, state.pages[p].meta())]
        }
        Err(e) => {
            state.pages[p].meta_stale = true;
            if !(e.is_offline() && cached(&state.pages[p])) {
                let text = Said::new(what).arg("why", e.said());
                notify_error(state, in_page(state, p, text));
            }
            vec![]
        }
    }
}

fn has_tags(page: &super::state::PageCtx) -> bool {
    !page.tags.is_empty()
}

fn has_staff(page: &super::state::PageCtx) -> bool {
    !page.staff.users.is_empty()
}

/// Paint from a page's cache before any network call returns.
fn on_cached(state: &mut State, cached: super::msg::Cached) -> Vec<Cmd> {
    let super::msg::Cached {
        page,
        conversations,
        meta,
        outbox,
        drafts,
        reminders,
        notice,
    } = cached;
    let Some(p) = state.page_index(&page) else {
        return vec![];
    };
    state
        .drafts
        .extend(drafts.into_iter().map(|d| (d.conv.clone(), d.to_text())));
    // Due ones (fallen due while the app was closed) fire on the next tick.
    for r in reminders {
        state.snoozes.insert(r.conv.clone(), r);
    }
    let ctx = &mut state.pages[p];
    ctx.sync.cached = !conversations.is_empty();
    ctx.sync.last_sync = meta.last_sync;
    ctx.sync.complete = meta.complete;
    ctx.quirks = meta.quirks;
    if let Some(tags) = meta.tags {
        set_tags(ctx, tags);
    }
    if let Some(staff) = meta.staff {
        ctx.staff = staff;
    }
    list::ingest(state, conversations);
    resolve_views(state);
    if let Some(n) = notice {
        notify(state, n);
    }
    act::restore_outbox(state, &page, outbox)
}

/// Apply one message to the state; return the work it asks for.
///
/// Whether a frame is drawn is decided here, once per message: every
/// message that can change what is on screen marks the state dirty; a tick
/// only when something visible changed ([`on_tick`]), the budget's
/// headroom only when it moved, and a tag picker whose checks followed
/// the model.
pub fn update(state: &mut State, msg: Msg) -> Vec<Cmd> {
    // The store's copy replacing the composer's is not the agent's change.
    let loaded = matches!(msg, Msg::DraftLoaded { .. });
    let before = drafts::before(state);
    let (mut cmds, drawn) = match msg {
        Msg::Tick(now) => on_tick(state, now),
        Msg::Headroom(page, h) => (vec![], on_headroom(state, &page, h)),
        // Who the agent is was written down: nothing on screen changes.
        Msg::Remembered => (vec![], false),
        msg => (apply(state, msg), true),
    };
    if !loaded {
        let exiting = cmds.contains(&Cmd::Exit);
        cmds.extend(drafts::after(state, before, exiting));
    }
    let checks = tag_checks_follow_the_model(state);
    if drawn || checks {
        state.dirty = true;
    }
    // A search through a long list goes on after the frame showing the
    // matches so far.
    if let Some(scan) = state.search.scan.as_mut()
        && !scan.requested
    {
        scan.requested = true;
        cmds.push(Cmd::SearchStep {
            generation: scan.generation,
        });
    }
    cmds
}

/// The clock: the list's and the thread's polls when due, snoozes waking;
/// whether something visible changed.
fn on_tick(state: &mut State, now: crate::api::UnixSeconds) -> (Vec<Cmd>, bool) {
    let (mut cmds, visible) = sync::on_tick(state, now);
    let woke = snooze::on_tick(state);
    let drawn = visible || !woke.is_empty();
    cmds.extend(woke);
    (cmds, drawn)
}

/// The page's budget: kept when it moved (then the status bar shows it).
fn on_headroom(
    state: &mut State,
    page: &crate::api::PageId,
    h: crate::api::throttle::Headroom,
) -> bool {
    let Some(p) = state.page_index(page) else {
        return false;
    };
    if state.pages[p].headroom == h {
        return false;
    }
    state.pages[p].headroom = h;
    // The budget knows how many agents share the page: polls space out by
    // it from the next one on.
    state.pages[p].agents = h.agents;
    true
}

/// The tag picker of one conversation shows that conversation's tags as
/// they are now: an action confirmed (with what Pancake says it has), rolled
/// back, or news from a poll, never a copy from when it opened. (A bulk
/// picker's and the staff picker's checks are the agent's selection, not
/// the model's.) Whether a check changed.
fn tag_checks_follow_the_model(state: &mut State) -> bool {
    let Some(super::state::Overlay::Picker(p)) = &mut state.overlay else {
        return false;
    };
    if p.kind != super::picker::PickerKind::Tags || p.bulk {
        return false;
    }
    let Some(conv) = state.convs.get(&p.target) else {
        return false;
    };
    let mut changed = false;
    for item in &mut p.items {
        let has = conv.tags.iter().any(|t| t.as_str() == item.id);
        changed |= item.checked != has;
        item.checked = has;
    }
    changed
}

fn apply(state: &mut State, msg: Msg) -> Vec<Cmd> {
    match msg {
        Msg::Key(k) => input::on_key(state, k),
        Msg::Paste(text) => input::on_paste(state, &text),
        Msg::Resize(v) => {
            state.viewport = v;
            thread::relayout(state);
            list::scroll_into_view(state);
            vec![]
        }
        // Decided in `update`.
        Msg::Tick(_) | Msg::Headroom(..) | Msg::Remembered => vec![],
        Msg::Terminate => vec![Cmd::Exit],
        Msg::HangUp => {
            state.hangup = true;
            vec![Cmd::Exit]
        }
        Msg::DraftDue { conv, seq } => drafts::on_due(state, conv, seq),
        Msg::DraftLoaded { conv, result } => drafts::on_loaded(state, conv, result),
        Msg::DraftSaved { conv, result } => {
            drafts::on_saved(state, conv, result);
            vec![]
        }
        Msg::Conversations {
            page,
            generation,
            mode,
            cursor,
            result,
        } => match state.page_index(&page) {
            Some(p) => sync::on_conversations(state, p, generation, mode, cursor, result),
            None => vec![],
        },
        Msg::Messages {
            page,
            conv,
            older,
            result,
        } => {
            let save = result
                .as_ref()
                .ok()
                .filter(|m| !m.is_empty())
                .map(|m| Cmd::SaveMessages {
                    page,
                    conv: conv.clone(),
                    messages: m.clone(),
                });
            let mut cmds = thread::on_messages(state, conv, older, result);
            cmds.extend(save);
            cmds
        }
        Msg::Tags(page, result) => on_meta(
            state,
            page,
            result,
            "notice-tags-not-loaded",
            set_tags,
            has_tags,
        ),
        Msg::Staff(page, result) => on_meta(
            state,
            page,
            result,
            "notice-staff-not-loaded",
            |ctx, staff| ctx.staff = staff,
            has_staff,
        ),
        Msg::ActionDone { id, result } => act::on_done(state, id, result),
        Msg::Cached(cached) => on_cached(state, *cached),
        Msg::SearchStep { generation } => {
            if state
                .search
                .scan
                .as_ref()
                .is_some_and(|s| s.generation == generation)
            {
                list::search_step(state);
            }
            vec![]
        }
        Msg::CachedMore {
            page,
            conversations,
        } => {
            if state.page_index(&page).is_some() {
                list::ingest(state, conversations);
            }
            vec![]
        }
        Msg::Queued { id, outbox } => {
            if let Some(a) = state.actions.get_mut(id) {
                a.outbox = Some(outbox);
            }
            vec![]
        }
        Msg::Edited { conv, result } => {
            match result {
                Ok(text) => {
                    let text = crate::text::sanitize_input(text.trim_end_matches('\n'));
                    match state.composer.as_mut().filter(|c| c.conv == conv) {
                        Some(c) => {
                            // Its `attach: PATH` lines are the files now.
                            return attach::set_text_and_files(c, &text);
                        }
                        None => {
                            state.drafts.insert(conv.clone(), text);
                            return vec![drafts::save_kept(state, &conv)];
                        }
                    }
                }
                Err(e) => notify_error(state, Said::new("notice-editor").arg("why", e.to_string())),
            }
            vec![]
        }
        Msg::Customer {
            page,
            customer_id,
            result,
        } => customer::on_customer(state, page, customer_id, result),
        Msg::Record { conv, rest } => {
            state.convs.keep_rest(&conv, rest);
            vec![]
        }
        Msg::Notes {
            page,
            customer,
            result,
        } => customer::on_notes(state, page, customer, result),
        Msg::Post {
            page,
            post_id,
            result,
        } => post::on_post(state, page, post_id, result),
        Msg::Stats {
            page,
            period,
            seq,
            result,
        } => stats::on_stats(state, page, period, seq, result),
        Msg::Opened { url, result } => {
            if let Err(e) = result {
                let url = crate::text::truncate(&url, 60).into_owned();
                notify_error(
                    state,
                    Said::new("notice-not-opened")
                        .arg("url", url)
                        .arg("why", e.to_string()),
                );
            }
            vec![]
        }
        Msg::FileChecked {
            conv,
            typed,
            from,
            result,
        } => attach::on_checked(state, conv, typed, from, result),
        Msg::PathListed { line, result } => {
            attach::on_listed(state, line, result);
            vec![]
        }
        Msg::FilesProgress {
            id,
            files,
            uploading,
        } => {
            attach::on_progress(state, id, files, uploading);
            vec![]
        }
        Msg::NotKept { id, why } => outbox::not_kept(state, id, why),
        Msg::NotOurs { id, gone } => outbox::not_ours(state, id, gone),
        Msg::OutboxSeen {
            page,
            claimed,
            theirs,
        } => outbox::seen(state, &page, claimed, theirs),
        Msg::Team(page, news) => team::on_news(state, &page, news),
    }
}

/// Turn configured views into filters once tags and staff are known (tag
/// and staff names may come from any page).
fn resolve_views(state: &mut State) {
    let all_tags: Vec<crate::api::Tag> = state
        .pages
        .iter()
        .flat_map(|p| p.tags.iter().cloned())
        .collect();
    let staff = state.all_staff();
    if state.tabs.configs.is_empty() || all_tags.is_empty() || staff.users.is_empty() {
        list::rebuild_visible(state);
        return;
    }
    let mut views = Vec::new();
    for cfg in &state.tabs.configs {
        match cfg.resolve(&all_tags, &staff) {
            Ok(v) => views.push(v),
            Err(e) => {
                let said = Said::new("notice-config").arg("why", e);
                state.notice = Some(Notice::Error(said.words(state.settings.lang)));
            }
        }
    }
    if !views.is_empty() {
        // There is always a way back to everything (F, 1).
        if !views.iter().any(|v| v.filter.is_empty()) {
            views.insert(
                0,
                super::filter::default_views(state.settings.lang).remove(0),
            );
        }
        // Snoozed conversations are out of every other view: always a way to them.
        if !views.iter().any(|v| v.filter.snoozed) {
            views.push(super::filter::snoozed_view(state.settings.lang));
        }
        state.tabs.views = views;
        state.tabs.active = state.tabs.active.min(state.tabs.views.len() - 1);
    }
    list::rebuild_visible(state);
}

fn set_tags(page: &mut super::state::PageCtx, tags: Vec<crate::api::Tag>) {
    page.tag_index = tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.clone(), i))
        .collect();
    page.tags = tags;
}

/// "Page name: text" when several pages are worked.
fn in_page(state: &State, p: usize, text: Said) -> Said {
    if state.multi_page() {
        Said::new("notice-in-page")
            .arg("page", state.pages[p].name.as_str())
            .arg("text", text)
    } else {
        text
    }
}

/// Say something in the status bar, in the agent's language.
fn notify(state: &mut State, said: Said) {
    state.notice = Some(Notice::Info(said.words(state.settings.lang)));
}

/// Say what went wrong in the status bar, in the agent's language.
fn notify_error(state: &mut State, said: Said) {
    state.notice = Some(Notice::Error(said.words(state.settings.lang)));
}

#[cfg(test)]
mod tests;
