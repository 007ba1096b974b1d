//! Unit tests of `update`: every key and every task result, no terminal.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::api::Op;
use crate::api::models::Staff;
use crate::api::{
    ApiError, ConversationId, ConversationType, Message, PageId, Reply, TagAction, TagId,
    UnixSeconds, UserId,
};
use crate::app::actions::ActionStatus;
use crate::app::fixtures::*;
use crate::app::msg::{LoadMode, Outcome};
use crate::app::state::{Focus, Notice, Overlay, Scope, Settings, Viewport};

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

// ------------------------------------------------------------------ sync

#[test]
fn init_loads_tags_staff_and_the_first_page() {
    let mut s = State::new(vec![(PageId::new("p"), "Page".into())], Settings::default());
    let cmds = init(&mut s);
    assert!(
        cmds.contains(&Cmd::LoadTags(PageId::new("p")))
            && cmds.contains(&Cmd::LoadStaff(PageId::new("p")))
    );
    assert!(cmds.iter().any(|c| matches!(
        c,
        Cmd::LoadConversations {
            mode: LoadMode::Backfill,
            cursor: None,
            ..
        }
    )));
    assert!(s.pages[0].sync.loading);
}

#[test]
fn backfill_ends_on_an_empty_page_and_schedules_a_poll() {
    let mut s = loaded();
    assert_eq!(s.convs.len(), 5);
    let cmds = feed(&mut s, LoadMode::Backfill, Some("p_4"), Ok(vec![]));
    assert!(
        matches!(&cmds[..], [Cmd::SaveMeta(_, m)] if m.complete && m.last_sync == Some(UnixSeconds(NOW)))
    );
    assert!(s.pages[0].sync.complete && !s.pages[0].sync.loading);
    // One agent on a 5/s page polls every 2 s (a quarter of the budget at most).
    assert_eq!(s.pages[0].sync.next_poll, Some(UnixSeconds(NOW + 2)));
    // The tick at that time polls with since = newest updated_at - 2 s.
    let cmds = update(&mut s, Msg::Tick(UnixSeconds(NOW + 2)));
    match &cmds[..] {
        [
            Cmd::LoadConversations {
                mode: LoadMode::Poll,
                query,
                cursor: None,
                ..
            },
        ] => {
            assert_eq!(query.since, Some(UnixSeconds(NOW - 2)));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn answers_of_an_older_generation_are_ignored() {
    let mut s = loaded();
    let stale = Msg::Conversations {
        page: PageId::new("p"),
        generation: s.pages[0].sync.generation - 1,
        mode: LoadMode::Backfill,
        cursor: None,
        result: Ok(vec![conv(9, NOW, false)]),
    };
    assert!(update(&mut s, stale).is_empty());
    assert_eq!(s.convs.len(), 5);
}

#[test]
fn newer_updated_at_wins_and_moves_to_the_top_keeping_the_selection() {
    let mut s = loaded();
    update(&mut s, key('j'));
    update(&mut s, key('j'));
    assert_eq!(selected(&s), "p_2");
    // p_4 gets a new message: it moves to the top; the selection stays on p_2.
    let mut fresh = conv(4, NOW + 50, false);
    fresh.snippet = "new!".into();
    let stale = conv(3, NOW - 10_000, true);
    feed(&mut s, LoadMode::Poll, None, Ok(vec![fresh, stale]));
    assert_eq!(s.convs.items[s.visible[0]].id.as_str(), "p_4");
    assert_eq!(s.convs.get(&"p_4".into()).unwrap().snippet, "new!");
    assert_eq!(
        s.convs.get(&"p_3".into()).unwrap().updated_at,
        Some(UnixSeconds(NOW - 300))
    );
    assert_eq!(selected(&s), "p_2");
}

#[test]
fn a_failing_sync_backs_off_and_resumes_at_the_same_cursor() {
    let mut s = loaded();
    let err = ApiError::Network {
        detail: "connection refused".into(),
    };
    feed(&mut s, LoadMode::Backfill, Some("p_4"), Err(err));
    assert!(s.pages[0].sync.offline);
    assert_eq!(s.pages[0].sync.failures, 1);
    assert!(
        s.pages[0]
            .sync
            .error
            .as_deref()
            .unwrap()
            .contains("cannot reach Pancake")
    );
    assert_eq!(s.sync_retry_in(), Some(2));
    assert!(update(&mut s, Msg::Tick(UnixSeconds(NOW + 1))).is_empty());
    let cmds = update(&mut s, Msg::Tick(UnixSeconds(NOW + 2)));
    assert!(matches!(&cmds[..],
        [Cmd::LoadConversations { mode: LoadMode::Backfill, cursor: Some(c), .. }] if c.as_str() == "p_4"));
    // A rejected token waits the longest.
    let unauthorized = ApiError::Unauthorized {
        status: 401,
        credential: crate::api::error::Credential::PageToken,
    };
    feed(&mut s, LoadMode::Backfill, Some("p_4"), Err(unauthorized));
    assert!(!s.pages[0].sync.offline);
    assert_eq!(s.sync_retry_in(), Some(60));
}

#[test]
fn refresh_resumes_an_interrupted_backfill_where_it_stopped() {
    let mut s = loaded();
    feed(&mut s, LoadMode::Backfill, Some("p_4"), Err(server_error()));
    let cmds = update(&mut s, key('R'));
    assert!(
        matches!(&cmds[..],
            [Cmd::LoadConversations { mode: LoadMode::Backfill, cursor: Some(c), .. }] if c.as_str() == "p_4"),
        "the rest of the list is still fetched: {cmds:?}"
    );
    assert_eq!(s.pages[0].sync.next_poll, None, "not fetched twice");
}

#[test]
fn refresh_polls_now_unless_already_syncing() {
    let mut s = loaded();
    assert!(update(&mut s, key('R')).is_empty(), "backfill in flight");
    feed(&mut s, LoadMode::Backfill, Some("p_4"), Ok(vec![]));
    let cmds = update(&mut s, key('R'));
    assert!(matches!(
        &cmds[..],
        [Cmd::LoadConversations {
            mode: LoadMode::Poll,
            ..
        }]
    ));
}

#[test]
fn ticks_advance_the_spinner_only_while_loading_and_headroom_marks_dirty() {
    let mut s = loaded();
    let before = s.spinner;
    update(&mut s, Msg::Tick(UnixSeconds(NOW)));
    assert_eq!(s.spinner, before + 1);
    feed(&mut s, LoadMode::Backfill, Some("p_4"), Ok(vec![]));
    s.dirty = false;
    update(&mut s, Msg::Tick(UnixSeconds(NOW)));
    assert!(!s.dirty, "an idle tick draws nothing");
    update(
        &mut s,
        Msg::Headroom(
            PageId::new("p"),
            crate::api::throttle::Headroom {
                used: 3,
                limit: 5,
                waiting: 0,
                ..Default::default()
            },
        ),
    );
    assert!(s.dirty);
}

// ------------------------------------------------------------------ moving

#[test]
fn list_keys_move_and_scroll() {
    let mut s = loaded();
    assert_eq!(selected(&s), "p_0");
    update(&mut s, key('j'));
    update(&mut s, code(KeyCode::Down));
    assert_eq!(selected(&s), "p_2");
    update(&mut s, key('k'));
    assert_eq!(selected(&s), "p_1");
    update(&mut s, key('G'));
    assert_eq!(selected(&s), "p_4");
    assert_eq!(s.offset, 2, "3 rows: the last row is in view");
    update(&mut s, key('g'));
    assert_eq!((selected(&s), s.offset), ("p_0", 0));
    update(&mut s, code(KeyCode::PageDown));
    assert_eq!(selected(&s), "p_3");
    update(&mut s, code(KeyCode::PageUp));
    assert_eq!(selected(&s), "p_0");
    update(&mut s, key('k'));
    assert_eq!(selected(&s), "p_0", "clamped at the top");
}

#[test]
fn resize_updates_the_viewport_and_keeps_the_selection_visible() {
    let mut s = loaded();
    update(&mut s, key('G'));
    update(
        &mut s,
        Msg::Resize(Viewport {
            list_rows: 1,
            ..Viewport::default()
        }),
    );
    assert_eq!(s.offset, 4);
}

// ------------------------------------------------------------------ thread

#[test]
fn enter_opens_the_thread_and_marks_it_read() {
    let mut s = loaded();
    update(&mut s, key('j')); // p_1 is unread
    assert!(!s.selected_conversation().unwrap().seen);
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert_eq!(s.focus, Focus::Thread);
    assert!(cmds.iter().any(|c| matches!(c,
        Cmd::LoadMessages { current_count: None, customer_id: Some(cid), .. } if cid == "c1")));
    assert_eq!(performed(&cmds).len(), 1);
    assert_eq!(performed(&cmds)[0].1, Op::Read);
    assert!(s.selected_conversation().unwrap().seen, "optimistic");
    assert_eq!(s.actions.pending(), 1);
    // Esc goes back; l opens again without reloading.
    update(&mut s, code(KeyCode::Esc));
    assert_eq!(s.focus, Focus::List);
    let cmds = update(&mut s, key('l'));
    assert!(cmds.is_empty());
    assert_eq!(s.focus, Focus::Thread);
    update(&mut s, key('h'));
    update(&mut s, code(KeyCode::Tab));
    assert_eq!(s.focus, Focus::Thread);
    update(&mut s, code(KeyCode::Tab));
    assert_eq!(s.focus, Focus::List);
}

#[test]
fn opening_a_read_thread_or_with_the_setting_off_does_not_mark_read() {
    let mut s = loaded();
    let cmds = update(&mut s, code(KeyCode::Enter)); // p_0 is read
    assert!(performed(&cmds).is_empty());
    let mut s = loaded();
    s.settings.mark_read_on_open = false;
    update(&mut s, key('j'));
    assert!(performed(&update(&mut s, code(KeyCode::Enter))).is_empty());
}

#[test]
fn messages_fill_the_thread_and_scrolling_up_loads_older_ones() {
    let mut s = loaded();
    s.convs.get_mut(&"p_0".into()).unwrap().message_count = Some(100);
    update(&mut s, code(KeyCode::Enter));
    let newest: Vec<Message> = (0..20)
        .map(|i| msg(&format!("m{i}"), NOW - 1000 + i, i % 3 == 0))
        .collect();
    update(
        &mut s,
        Msg::Messages {
            page: PageId::new("p"),
            conv: "p_0".into(),
            older: false,
            result: Ok(newest),
        },
    );
    let t = s.thread.as_ref().unwrap();
    assert_eq!(t.messages.len(), 20);
    assert!(!t.loading && t.scroll == 0 && !t.lines.is_empty());
    // Scroll to the top: ask for older ones from position 20.
    let cmds = update(&mut s, key('g'));
    assert!(matches!(
        &cmds[..],
        [Cmd::LoadMessages {
            current_count: Some(20),
            ..
        }]
    ));
    assert!(update(&mut s, key('k')).is_empty(), "one request at a time");
    let older: Vec<Message> = (0..30)
        .map(|i| msg(&format!("o{i}"), NOW - 5000 + i, false))
        .collect();
    update(
        &mut s,
        Msg::Messages {
            page: PageId::new("p"),
            conv: "p_0".into(),
            older: true,
            result: Ok(older),
        },
    );
    let t = s.thread.as_ref().unwrap();
    assert_eq!(t.messages.len(), 50);
    assert_eq!(t.messages[0].id, "o0", "oldest first");
    // An empty answer means the beginning of the conversation.
    let cmds = update(&mut s, key('g'));
    assert_eq!(cmds.len(), 1);
    update(
        &mut s,
        Msg::Messages {
            page: PageId::new("p"),
            conv: "p_0".into(),
            older: true,
            result: Ok(vec![]),
        },
    );
    assert!(s.thread.as_ref().unwrap().exhausted);
    assert!(update(&mut s, key('g')).is_empty());
    update(&mut s, key('G'));
    assert_eq!(s.thread.as_ref().unwrap().scroll, 0);
}

#[test]
fn answers_for_a_thread_no_longer_open_are_dropped_and_errors_shown() {
    let mut s = loaded();
    update(&mut s, code(KeyCode::Enter));
    update(
        &mut s,
        Msg::Messages {
            page: PageId::new("p"),
            conv: "p_3".into(),
            older: false,
            result: Ok(vec![msg("x", NOW, false)]),
        },
    );
    assert!(s.thread.as_ref().unwrap().messages.is_empty());
    update(
        &mut s,
        Msg::Messages {
            page: PageId::new("p"),
            conv: "p_0".into(),
            older: false,
            result: Err(server_error()),
        },
    );
    assert!(
        s.thread
            .as_ref()
            .unwrap()
            .error
            .as_deref()
            .unwrap()
            .contains("503")
    );
}

#[test]
fn the_open_thread_is_polled() {
    let mut s = loaded();
    update(&mut s, code(KeyCode::Enter));
    update(
        &mut s,
        Msg::Messages {
            page: PageId::new("p"),
            conv: "p_0".into(),
            older: false,
            result: Ok(vec![msg("m1", NOW, false)]),
        },
    );
    assert!(
        update(&mut s, Msg::Tick(UnixSeconds(NOW + 5)))
            .iter()
            .all(|c| !matches!(c, Cmd::LoadMessages { .. }))
    );
    // Nothing told it changed: the safety net polls it after a minute.
    let cmds = update(&mut s, Msg::Tick(UnixSeconds(NOW + 60)));
    assert!(cmds.iter().any(|c| matches!(
        c,
        Cmd::LoadMessages {
            current_count: None,
            ..
        }
    )));
}

#[test]
fn polls_share_a_quarter_of_the_budget_between_the_agents_of_a_page() {
    let s = Settings::default();
    let every = |agents| super::sync::poll_interval(&s, agents);
    assert_eq!(
        [every(0), every(1), every(2), every(5), every(10)],
        [2, 2, 2, 4, 8]
    );
    // Together never above a quarter of the limit: agents / interval <= 5 / 4.
    for agents in 1..40 {
        assert!(agents as f64 / every(agents) as f64 <= 1.25, "{agents}");
    }
}

#[test]
fn a_poll_with_news_costs_one_request_and_refreshes_the_open_thread_when_it_moved() {
    let mut s = loaded();
    feed(&mut s, LoadMode::Backfill, Some("p_4"), Ok(vec![]));
    update(&mut s, code(KeyCode::Enter));
    let open = s.thread.as_ref().unwrap().conv.clone();
    update(
        &mut s,
        Msg::Messages {
            page: PageId::new("p"),
            conv: open.clone(),
            older: false,
            result: Ok(vec![msg("m1", NOW, false)]),
        },
    );
    update(&mut s, Msg::Tick(UnixSeconds(NOW + 2)));
    // The same conversation, unchanged: no thread fetch, and a short page
    // ends the poll.
    let same = s.convs.get(&open).unwrap().clone();
    let cmds = net(feed(&mut s, LoadMode::Poll, None, Ok(vec![same.clone()])));
    assert!(cmds.is_empty(), "{cmds:?}");
    // It moved: the thread is fetched at once, still one list request.
    update(&mut s, Msg::Tick(UnixSeconds(NOW + 4)));
    let mut moved = same;
    moved.updated_at = Some(UnixSeconds(NOW + 3));
    let cmds = net(feed(&mut s, LoadMode::Poll, None, Ok(vec![moved])));
    assert!(
        matches!(&cmds[..], [Cmd::LoadMessages { conv, current_count: None, .. }] if *conv == open),
        "{cmds:?}"
    );
}

#[test]
fn a_customer_writing_elsewhere_rings_once_an_own_unread_does_not() {
    let mut s = loaded();
    feed(&mut s, LoadMode::Backfill, Some("p_4"), Ok(vec![]));
    assert_eq!(s.bells, 0, "the first load rings nothing");
    // The agent marks p_1 unread: Pancake's answer comes back in a poll.
    let mut own = s.convs.get(&"p_1".into()).unwrap().clone();
    own.seen = false;
    s.convs.get_mut(&"p_1".into()).unwrap().seen = false;
    own.updated_at = Some(UnixSeconds(NOW + 1));
    update(&mut s, Msg::Tick(UnixSeconds(NOW + 2)));
    feed(&mut s, LoadMode::Poll, None, Ok(vec![own]));
    assert_eq!(s.bells, 0, "{:?}", s.convs.get(&"p_1".into()));
    // A customer writes on p_3.
    let mut news = s.convs.get(&"p_3".into()).unwrap().clone();
    news.seen = false;
    news.updated_at = Some(UnixSeconds(NOW + 3));
    news.last_customer_message_at = Some(UnixSeconds(NOW + 3));
    update(&mut s, Msg::Tick(UnixSeconds(NOW + 4)));
    feed(&mut s, LoadMode::Poll, None, Ok(vec![news.clone()]));
    assert_eq!(s.bells, 1);
    // Off in config: no bell.
    s.bells = 0;
    s.settings.notify = false;
    news.updated_at = Some(UnixSeconds(NOW + 5));
    news.last_customer_message_at = Some(UnixSeconds(NOW + 5));
    update(&mut s, Msg::Tick(UnixSeconds(NOW + 6)));
    feed(&mut s, LoadMode::Poll, None, Ok(vec![news]));
    assert_eq!(s.bells, 0);
}

// ------------------------------------------------------------------ actions

#[test]
fn tag_picker_toggles_at_once_and_the_server_data_is_the_truth() {
    let mut s = loaded();
    update(&mut s, key('t'));
    assert!(matches!(s.overlay, Some(Overlay::Picker(_))));
    let cmds = update(&mut s, key(' '));
    let (id, op) = performed(&cmds).remove(0);
    assert_eq!(op, Op::Tag(TagAction::Add, TagId::new("0")));
    assert_eq!(
        s.convs.get(&"p_0".into()).unwrap().tags,
        vec![TagId::new("0")]
    );
    assert_eq!(s.actions.pending(), 1);
    // The server says the conversation has tags 0 and 1 (someone else added 1).
    update(
        &mut s,
        Msg::ActionDone {
            id,
            result: Ok(Outcome::Tags(vec![TagId::new("0"), TagId::new("1")])),
        },
    );
    assert_eq!(s.convs.get(&"p_0".into()).unwrap().tags.len(), 2);
    assert_eq!(s.actions.pending(), 0);
    // Enter on the highlighted (checked) tag removes it; Esc closes.
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert_eq!(
        performed(&cmds)[0].1,
        Op::Tag(TagAction::Remove, TagId::new("0"))
    );
    update(&mut s, code(KeyCode::Esc));
    assert!(s.overlay.is_none());
}

#[test]
fn a_failed_action_rolls_back_stays_listed_and_retries() {
    let mut s = loaded();
    update(&mut s, key('t'));
    let (id, _) = performed(&update(&mut s, key(' '))).remove(0);
    update(&mut s, code(KeyCode::Esc));
    update(
        &mut s,
        Msg::ActionDone {
            id,
            result: Err(server_error()),
        },
    );
    assert!(
        s.convs.get(&"p_0".into()).unwrap().tags.is_empty(),
        "rolled back"
    );
    assert_eq!(s.actions.failed().count(), 1);
    assert!(
        matches!(&s.actions.get(id).unwrap().status, ActionStatus::Failed(why) if why.contains("503"))
    );
    assert!(
        matches!(&s.notice, Some(Notice::Error(t)) if t.contains("tag \"Orders\"") && t.contains("x retries"))
    );
    let cmds = update(&mut s, key('x'));
    assert_eq!(
        performed(&cmds),
        vec![(id, Op::Tag(TagAction::Add, TagId::new("0")))]
    );
    assert_eq!(
        s.convs.get(&"p_0".into()).unwrap().tags,
        vec![TagId::new("0")]
    );
    update(
        &mut s,
        Msg::ActionDone {
            id,
            result: Ok(Outcome::Tags(vec![TagId::new("0")])),
        },
    );
    assert_eq!(s.actions.items.len(), 0);
    assert_eq!(s.actions.confirmed, 1);
}

#[test]
fn dismissing_failed_actions() {
    let mut s = loaded();
    let (id, _) = performed(&update(&mut s, key('u'))).remove(0);
    update(
        &mut s,
        Msg::ActionDone {
            id,
            result: Err(server_error()),
        },
    );
    update(&mut s, key('X'));
    assert!(s.actions.items.is_empty());
}

#[test]
fn staff_picker_keeps_existing_assignees_and_sends_one_full_list() {
    let mut s = loaded();
    s.convs.get_mut(&"p_0".into()).unwrap().assignee_ids =
        vec![UserId::new("u1"), UserId::new("u9")];
    update(&mut s, key('a'));
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!()
    };
    assert_eq!(p.items.len(), 2, "disabled users are not offered");
    assert!(p.items[0].checked);
    update(&mut s, code(KeyCode::Down));
    update(&mut s, key(' ')); // select u2
    let cmds = update(&mut s, code(KeyCode::Enter));
    let ops = performed(&cmds);
    assert_eq!(ops.len(), 1);
    // u9 (disabled, not offered) and u1 stay; u2 joins.
    assert_eq!(
        ops[0].1,
        Op::Assign(vec![
            UserId::new("u9"),
            UserId::new("u1"),
            UserId::new("u2")
        ])
    );
    assert!(s.overlay.is_none());
    assert_eq!(s.convs.get(&"p_0".into()).unwrap().assignee_ids.len(), 3);
    // Confirmed with the server's list.
    update(
        &mut s,
        Msg::ActionDone {
            id: ops[0].0,
            result: Ok(Outcome::Assignees(vec![
                UserId::new("u1"),
                UserId::new("u2"),
            ])),
        },
    );
    assert_eq!(s.convs.get(&"p_0".into()).unwrap().assignee_ids.len(), 2);
}

#[test]
fn staff_picker_with_no_change_sends_nothing_and_filters_by_typing() {
    let mut s = loaded();
    update(&mut s, key('a'));
    for c in "anh".chars() {
        update(&mut s, key(c));
    }
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!()
    };
    assert_eq!(p.matches.len(), 1);
    assert_eq!(p.highlighted().unwrap().label, "Anh");
    update(&mut s, code(KeyCode::Backspace));
    update(&mut s, code(KeyCode::Backspace));
    update(&mut s, code(KeyCode::Backspace));
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!()
    };
    assert_eq!(p.matches.len(), 2);
    assert!(performed(&update(&mut s, code(KeyCode::Enter))).is_empty());
}

#[test]
fn u_toggles_read_and_unread() {
    let mut s = loaded();
    let cmds = update(&mut s, key('u'));
    assert_eq!(performed(&cmds)[0].1, Op::Unread);
    assert!(!s.selected_conversation().unwrap().seen);
    let cmds = update(&mut s, key('u'));
    assert_eq!(performed(&cmds)[0].1, Op::Read);
}

#[test]
fn a_poll_older_than_a_pending_action_does_not_undo_it() {
    let mut s = loaded();
    update(&mut s, key('u')); // p_0 unread, pending
    let mut polled = conv(0, NOW + 1, true); // the server has not seen it yet
    polled.snippet = "polled".into();
    feed(&mut s, LoadMode::Poll, None, Ok(vec![polled]));
    let c = s.convs.get(&"p_0".into()).unwrap();
    assert_eq!(c.snippet, "polled");
    assert!(!c.seen, "the pending unread is re-applied");
}

// ------------------------------------------------------------------ search, help

#[test]
fn search_filters_as_you_type_and_esc_clears() {
    let mut s = loaded();
    update(&mut s, key('/'));
    assert!(s.search.editing);
    update(&mut s, key('3'));
    assert_eq!(s.visible.len(), 1);
    assert_eq!(selected(&s), "p_3");
    update(&mut s, code(KeyCode::Enter));
    assert!(!s.search.editing && s.search.is_active());
    update(&mut s, key('j'));
    update(&mut s, code(KeyCode::Esc));
    assert!(!s.search.is_active());
    assert_eq!(s.visible.len(), 5);
    assert_eq!(selected(&s), "p_3", "the selection survives clearing");
}

#[test]
fn help_opens_and_closes_and_swallows_keys() {
    let mut s = loaded();
    update(&mut s, key('?'));
    assert_eq!(s.overlay, Some(Overlay::Help { scroll: 0 }));
    update(&mut s, key('j'));
    assert_eq!(selected(&s), "p_0");
    update(&mut s, key('?'));
    assert!(s.overlay.is_none());
}

#[test]
fn help_scrolls_within_its_rows_on_a_short_terminal() {
    let mut s = loaded();
    s.viewport.height = 24;
    let rows = crate::app::keys::help_rows(&s.settings.keymap).len();
    let max = rows - 22;
    let scroll = |s: &State| match s.overlay {
        Some(Overlay::Help { scroll }) => scroll,
        ref o => panic!("help closed: {o:?}"),
    };
    update(&mut s, key('?'));
    update(&mut s, key('j'));
    update(&mut s, code(KeyCode::Down));
    assert_eq!(scroll(&s), 2);
    update(&mut s, key('k'));
    assert_eq!(scroll(&s), 1);
    update(&mut s, key('G'));
    assert_eq!(scroll(&s), max);
    update(&mut s, key('j'));
    assert_eq!(scroll(&s), max, "not past the last row");
    update(&mut s, code(KeyCode::PageUp));
    assert_eq!(scroll(&s), max.saturating_sub(21));
    update(&mut s, key('g'));
    assert_eq!(scroll(&s), 0);
    assert_eq!(selected(&s), "p_0", "the list did not move");
    update(&mut s, code(KeyCode::Esc));
    assert!(s.overlay.is_none());
    // Tall enough for every row: nothing to scroll.
    s.viewport.height = 60;
    update(&mut s, key('?'));
    update(&mut s, key('G'));
    assert_eq!(scroll(&s), 0);
}

#[test]
fn rebound_keys_drive_the_same_commands() {
    let mut s = loaded();
    let table: std::collections::BTreeMap<String, crate::app::keys::KeySpec> =
        toml::from_str("help = \"H\"\ntoggle_read = \"m\"\ndown = \"C-n\"").unwrap();
    s.settings.keymap = crate::app::keys::Keymap::new(&table).unwrap();
    update(&mut s, key('?'));
    assert!(s.overlay.is_none(), "? is no longer help");
    update(&mut s, key('H'));
    assert!(matches!(s.overlay, Some(Overlay::Help { .. })));
    update(&mut s, key('H'));
    assert!(s.overlay.is_none(), "the help key closes it");
    assert!(performed(&update(&mut s, key('u'))).is_empty(), "u is free");
    assert_eq!(
        performed(&update(&mut s, key('m'))).len(),
        1,
        "m toggles read"
    );
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL)),
    );
    assert_eq!(selected(&s), "p_1");
}

// ------------------------------------------------------------------ reply

#[test]
fn reply_composes_multiline_sends_and_confirms() {
    let mut s = loaded();
    let cmds = update(&mut s, key('r'));
    assert!(s.composer.is_some());
    assert!(
        cmds.iter().any(|c| matches!(c, Cmd::LoadMessages { .. })),
        "thread opens under it"
    );
    for c in "Chào".chars() {
        update(&mut s, key(c));
    }
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)),
    );
    update(&mut s, Msg::Paste("bạn 😍\x1b[31m".into()));
    let cmds = update(&mut s, code(KeyCode::Enter));
    let (id, op) = performed(&cmds).remove(0);
    match op {
        Op::Reply(Reply::Inbox { message }) => {
            assert!(
                message.starts_with("Chào\nbạn 😍") && !message.contains('\x1b'),
                "{message:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(s.composer.is_none());
    let t = s.thread.as_ref().unwrap();
    assert_eq!(t.outgoing.len(), 1);
    assert!(t.lines.iter().any(|l| l.text.contains("sending")));
    update(
        &mut s,
        Msg::ActionDone {
            id,
            result: Ok(Outcome::Sent(Some(msg("sent1", NOW, true)))),
        },
    );
    let t = s.thread.as_ref().unwrap();
    assert!(t.outgoing.is_empty());
    assert!(t.messages.iter().any(|m| m.id == "sent1"));
}

/// Send "hi" from the open thread of `loaded()` and answer it with `e`.
fn reply_answered(e: ApiError) -> State {
    let mut s = loaded();
    update(&mut s, key('r'));
    update(&mut s, key('h'));
    update(&mut s, key('i'));
    let (id, _) = performed(&update(&mut s, code(KeyCode::Enter))).remove(0);
    update(&mut s, Msg::ActionDone { id, result: Err(e) });
    s
}

#[test]
fn a_reply_outside_facebooks_24_hours_says_so_and_is_never_resent_by_itself() {
    let mut s = reply_answered(ApiError::OutsideWindow {
        message: "(#10) This message is sent outside of allowed window.".into(),
    });
    let t = s.thread.as_ref().unwrap();
    let shown: Vec<&str> = t.lines.iter().map(|l| l.text.as_str()).collect();
    assert!(
        shown
            .iter()
            .any(|l| l.contains("FAILED: Facebook allows replies only within 24 h")),
        "{shown:?}"
    );
    assert!(
        matches!(&s.notice, Some(Notice::Error(t)) if t.contains("a private reply or a tag for follow-up may help")),
        "{:?}",
        s.notice
    );
    // Pancake answers again: what waits for it goes, this reply does not.
    let cmds = feed(&mut s, LoadMode::Poll, None, Ok(vec![]));
    assert!(performed(&cmds).is_empty(), "{cmds:?}");
    assert!(s.actions.failed().all(|a| !a.transient));
}

#[test]
fn a_private_reply_pancake_calls_failed_shows_as_maybe_sent() {
    let s = reply_answered(ApiError::MaybeSent {
        message: "Gửi tin nhắn riêng thất bại".into(),
    });
    let t = s.thread.as_ref().unwrap();
    assert!(
        t.lines
            .iter()
            .any(|l| l.text.contains("MAY HAVE BEEN SENT")),
        "{:?}",
        t.lines
    );
    assert!(!t.lines.iter().any(|l| l.text.contains("FAILED")));
    let a = s.actions.failed().next().unwrap();
    assert!(a.uncertain && !a.transient, "the agent decides");
}

#[test]
fn a_failed_reply_stays_visible_and_esc_keeps_a_draft() {
    let mut s = loaded();
    update(&mut s, key('r'));
    update(&mut s, key('h'));
    update(&mut s, key('i'));
    let cmds = update(&mut s, code(KeyCode::Esc));
    assert!(s.composer.is_none());
    assert_eq!(s.drafts.get(&"p_0".into()).map(String::as_str), Some("hi"));
    assert_eq!(
        cmds,
        vec![Cmd::SaveDrafts(
            PageId::new("p"),
            vec![("p_0".into(), "hi".into())]
        )],
        "kept on disk"
    );
    update(&mut s, key('r'));
    assert_eq!(s.composer.as_ref().unwrap().text, "hi");
    let (id, _) = performed(&update(&mut s, code(KeyCode::Enter))).remove(0);
    update(
        &mut s,
        Msg::ActionDone {
            id,
            result: Err(server_error()),
        },
    );
    let t = s.thread.as_ref().unwrap();
    assert!(t.outgoing[0].failed.is_some());
    assert!(t.lines.iter().any(|l| l.text.contains("FAILED")));
    // Another thread, then back: the failed reply is still there.
    update(&mut s, code(KeyCode::Esc));
    update(&mut s, key('j'));
    update(&mut s, code(KeyCode::Enter));
    assert!(s.thread.as_ref().unwrap().outgoing.is_empty());
    update(&mut s, code(KeyCode::Esc));
    update(&mut s, key('k'));
    update(&mut s, code(KeyCode::Enter));
    let t = s.thread.as_ref().unwrap();
    assert_eq!(t.conv.as_str(), "p_0");
    assert!(
        t.lines.iter().any(|l| l.text.contains("FAILED")),
        "{:?}",
        t.lines
    );
    let cmds = update(&mut s, key('x'));
    assert!(
        matches!(&performed(&cmds)[0].1, Op::Reply(Reply::Inbox { message }) if message == "hi")
    );
    assert!(
        s.thread
            .as_ref()
            .unwrap()
            .lines
            .iter()
            .any(|l| l.text.contains("sending…")),
        "on its way again"
    );
    // It never left this machine: it will go by itself, and says so.
    let id = s.actions.items[0].id;
    update(
        &mut s,
        Msg::ActionDone {
            id,
            result: Err(ApiError::Unreachable {
                detail: "connection refused".into(),
            }),
        },
    );
    let t = s.thread.as_ref().unwrap();
    assert!(
        t.lines
            .iter()
            .any(|l| l.text.contains("not sent yet, goes when Pancake answers")),
        "{:?}",
        t.lines
    );
}

#[test]
fn blank_replies_are_not_sent_and_comments_answer_the_last_comment() {
    let mut s = loaded();
    update(&mut s, key('r'));
    assert!(performed(&update(&mut s, code(KeyCode::Enter))).is_empty());
    update(&mut s, code(KeyCode::Esc));

    let mut s = loaded();
    s.convs.get_mut(&"p_0".into()).unwrap().kind = ConversationType::Comment;
    update(&mut s, key('r'));
    update(
        &mut s,
        Msg::Messages {
            page: PageId::new("p"),
            conv: "p_0".into(),
            older: false,
            result: Ok(vec![msg("cm1", NOW - 5, false), msg("pg1", NOW - 1, true)]),
        },
    );
    update(&mut s, key('k'));
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(matches!(&performed(&cmds)[0].1,
        Op::Reply(Reply::Comment { message_id, .. }) if message_id == "cm1"));
}

// ------------------------------------------------------------------ quitting

#[test]
fn quit_waits_for_actions_in_flight() {
    let mut s = loaded();
    update(&mut s, key('q'));
    assert!(s.exit, "nothing pending: quit at once");

    let mut s = loaded();
    let (id, _) = performed(&update(&mut s, key('u'))).remove(0);
    update(&mut s, key('q'));
    assert!(!s.exit && s.quitting.is_some());
    update(
        &mut s,
        Msg::ActionDone {
            id,
            result: Ok(Outcome::Done),
        },
    );
    assert!(s.exit);

    let mut s = loaded();
    update(&mut s, key('u'));
    update(&mut s, key('q'));
    update(&mut s, Msg::Tick(UnixSeconds(NOW + 5)));
    assert!(s.exit, "the grace period ends");

    let mut s = loaded();
    update(&mut s, key('u'));
    update(&mut s, key('q'));
    update(&mut s, key('q'));
    assert!(s.exit, "q twice quits now");

    let mut s = loaded();
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(s.exit);
    let mut s = loaded();
    update(&mut s, Msg::Terminate);
    assert!(s.exit);
}

// ------------------------------------------------------------------ bulk

#[test]
fn marks_toggle_all_and_clear() {
    let mut s = loaded();
    update(&mut s, key(' '));
    assert!(s.marks.contains(&ConversationId::new("p_0")));
    assert_eq!(selected(&s), "p_1", "marking moves down");
    update(&mut s, key(' '));
    assert_eq!(s.marks.len(), 2);
    update(&mut s, key('k'));
    update(&mut s, key(' '));
    assert_eq!(s.marks.len(), 1, "unmarked");
    update(&mut s, key('*'));
    assert_eq!(s.marks.len(), 5);
    update(&mut s, key('V'));
    assert!(s.marks.is_empty());
}

#[test]
fn bulk_tag_previews_cost_then_sends_one_request_per_conversation() {
    let mut s = loaded();
    s.convs.get_mut(&"p_1".into()).unwrap().tags = vec![TagId::new("0")];
    update(&mut s, key('*'));
    update(&mut s, key('t'));
    let cmds = update(&mut s, code(KeyCode::Enter)); // "Orders" (id 0)
    assert!(cmds.is_empty(), "nothing is sent before confirming");
    let Some(Overlay::Confirm(plan)) = &s.overlay else {
        panic!("{:?}", s.overlay)
    };
    assert_eq!(plan.requests(), 4, "p_1 already has it");
    assert_eq!(
        plan.preview(5),
        "tag 4 conversations \"Orders\": 4 requests, about 1 s (1 already done, skipped)"
    );
    let cmds = update(&mut s, code(KeyCode::Enter));
    let ops = performed(&cmds);
    assert_eq!(ops.len(), 4);
    assert!(
        ops.iter()
            .all(|(_, op)| *op == Op::Tag(TagAction::Add, TagId::new("0")))
    );
    assert!(
        cmds.iter()
            .all(|c| matches!(c, Cmd::Perform { bulk: true, .. }))
    );
    assert!(s.marks.is_empty());
    let b = s.bulk.as_ref().unwrap();
    assert_eq!((b.total, b.done), (4, 0));
    update(
        &mut s,
        Msg::ActionDone {
            id: ops[0].0,
            result: Ok(Outcome::Tags(vec![TagId::new("0")])),
        },
    );
    update(
        &mut s,
        Msg::ActionDone {
            id: ops[1].0,
            result: Err(server_error()),
        },
    );
    for (id, _) in &ops[2..] {
        update(
            &mut s,
            Msg::ActionDone {
                id: *id,
                result: Ok(Outcome::Tags(vec![TagId::new("0")])),
            },
        );
    }
    let b = s.bulk.as_ref().unwrap();
    assert_eq!((b.done, b.failed), (3, 1));
    assert!(matches!(&s.notice, Some(Notice::Info(t)) if t.contains("3 done, 1 failed")));
    assert_eq!(
        performed(&update(&mut s, key('x'))).len(),
        1,
        "the failure retries"
    );
    update(
        &mut s,
        Msg::ActionDone {
            id: ops[1].0,
            result: Ok(Outcome::Tags(vec![TagId::new("0")])),
        },
    );
    let b = s.bulk.as_ref().unwrap();
    assert_eq!((b.done, b.failed), (4, 0), "the retried one counts once");
    assert!(matches!(&s.notice, Some(Notice::Info(t)) if t.contains("4 done, 0 failed")));
}

#[test]
fn bulk_confirm_can_be_cancelled() {
    let mut s = loaded();
    update(&mut s, key('*'));
    update(&mut s, key('u'));
    assert!(matches!(s.overlay, Some(Overlay::Confirm(_))));
    assert!(update(&mut s, code(KeyCode::Esc)).is_empty());
    assert!(s.overlay.is_none());
    assert_eq!(s.marks.len(), 5, "marks stay for another try");
    // A search hides some of them now: the preview says so.
    update(&mut s, key('/'));
    for c in "Customer 1".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(s.visible.len(), 1);
    update(&mut s, key('u'));
    let Some(Overlay::Confirm(plan)) = &s.overlay else {
        panic!("{:?}", s.overlay)
    };
    assert!(
        plan.preview(5)
            .contains("4 of the marked are not shown in this list"),
        "{}",
        plan.preview(5)
    );
}

#[test]
fn bulk_reassign_replaces_and_assign_me_adds_keeping_others() {
    let mut s = loaded();
    for i in 0..3 {
        s.convs
            .get_mut(&ConversationId::new(format!("p_{i}")))
            .unwrap()
            .assignee_ids = vec![UserId::new("u1")];
    }
    // Re-assign everything of u1 to u2: mark, a, pick u2, Enter, confirm.
    update(&mut s, key(' '));
    update(&mut s, key(' '));
    update(&mut s, key(' '));
    update(&mut s, key('a'));
    update(&mut s, code(KeyCode::Down));
    update(&mut s, key(' '));
    update(&mut s, code(KeyCode::Enter));
    let Some(Overlay::Confirm(plan)) = &s.overlay else {
        panic!()
    };
    assert!(
        plan.summary.contains("assign 3 conversations to Phương"),
        "{}",
        plan.summary
    );
    let ops = performed(&update(&mut s, code(KeyCode::Enter)));
    assert!(
        ops.iter()
            .all(|(_, op)| *op == Op::Assign(vec![UserId::new("u2")]))
    );

    // Assign to me: asks who I am once, then adds me, keeping u2.
    let mut s2 = s.clone();
    update(&mut s2, key('g'));
    update(&mut s2, key('A'));
    let Some(Overlay::Picker(p)) = &s2.overlay else {
        panic!()
    };
    assert_eq!(p.kind, crate::app::picker::PickerKind::Me);
    let cmds = update(&mut s2, code(KeyCode::Enter)); // "Anh" = u1
    assert!(cmds.contains(&Cmd::RememberMe(UserId::new("u1"))));
    assert_eq!(s2.settings.me, Some(UserId::new("u1")));
    let ops = performed(&cmds);
    assert_eq!(ops.len(), 1);
    assert_eq!(
        ops[0].1,
        Op::Assign(vec![UserId::new("u2"), UserId::new("u1")])
    );
    // `me` may be a name; U removes me only.
    s.settings.me = Some(UserId::new("anh"));
    update(&mut s, key('g'));
    s.convs.get_mut(&"p_0".into()).unwrap().assignee_ids =
        vec![UserId::new("u1"), UserId::new("u2")];
    let ops = performed(&update(&mut s, key('U')));
    assert_eq!(ops[0].1, Op::Assign(vec![UserId::new("u2")]));
}

#[test]
fn n_and_shift_n_walk_the_matches() {
    let mut s = loaded();
    update(&mut s, key('/'));
    update(&mut s, key('C'));
    update(&mut s, code(KeyCode::Enter));
    update(&mut s, key('n'));
    assert_eq!(selected(&s), "p_1");
    update(&mut s, key('N'));
    assert_eq!(selected(&s), "p_0");
}

// ------------------------------------------------------------------ filters and views

#[test]
fn views_switch_with_digits_and_brackets_and_count() {
    let mut s = loaded();
    s.settings.me = Some(UserId::new("u1"));
    s.convs.get_mut(&"p_2".into()).unwrap().assignee_ids = vec![UserId::new("u1")];
    update(&mut s, key('u')); // re-filter happens on view switch; p_0 now unread
    assert_eq!(
        s.views.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(),
        ["All", "Unread", "Mine", "Unassigned"]
    );
    let cmds = update(&mut s, key('2'));
    assert!(cmds.is_empty(), "local-only filter: nothing to fetch");
    assert_eq!(s.view, 1);
    assert!(s.visible.iter().all(|&i| !s.convs.items[i].seen));
    assert_eq!(s.visible.len(), 3, "p_0 (just marked unread), p_1, p_3");
    update(&mut s, key(']'));
    assert_eq!(s.visible.len(), 1);
    assert_eq!(selected(&s), "p_2");
    update(&mut s, key(']'));
    assert_eq!(s.visible.len(), 4, "unassigned");
    assert_eq!(s.view_counts, vec![5, 3, 1, 4]);
    update(&mut s, key('['));
    assert_eq!(s.view, 2);
    update(&mut s, key('F'));
    assert_eq!((s.view, s.visible.len()), (0, 5));
}

#[test]
fn the_filter_panel_parses_live_sends_server_parts_and_clears() {
    let mut s = loaded();
    s.convs.get_mut(&"p_1".into()).unwrap().tags = vec![TagId::new("0")];
    update(&mut s, key('f'));
    for c in "inbox tag:ord unread 24h".chars() {
        update(&mut s, key(c));
    }
    let Some(Overlay::Filter(edit)) = &s.overlay else {
        panic!()
    };
    let f = edit.parsed.as_ref().unwrap();
    assert_eq!(f.tags, vec!["Orders".to_string()]);
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(s.overlay.is_none());
    assert_eq!(s.visible.len(), 1);
    assert_eq!(selected(&s), "p_1");
    match &cmds[..] {
        [
            Cmd::LoadConversations {
                mode: LoadMode::Filter,
                query,
                cursor: None,
                ..
            },
        ] => {
            assert_eq!(query.tags, vec![TagId::new("0")]);
            assert_eq!(query.types, vec![ConversationType::Inbox]);
            assert_eq!(query.since, Some(UnixSeconds(NOW - 86_400)), "seconds");
            assert!(!query.unread_first);
        }
        other => panic!("{other:?}"),
    }
    // The filtered fetch pages until empty and brings in what was not loaded.
    let filter_gen = s.filter_generation;
    let mut extra = conv(7, NOW - 50, false);
    extra.tags = vec![TagId::new("0")];
    let cmds = net(update(
        &mut s,
        Msg::Conversations {
            page: PageId::new("p"),
            generation: filter_gen,
            mode: LoadMode::Filter,
            cursor: None,
            result: Ok(vec![extra]),
        },
    ));
    assert!(
        matches!(&cmds[..], [Cmd::LoadConversations { mode: LoadMode::Filter, cursor: Some(c), .. }] if c.as_str() == "p_7")
    );
    assert_eq!(s.visible.len(), 2);
    // A bad word keeps the panel open with the reason.
    update(&mut s, key('f'));
    update(&mut s, key('!'));
    update(&mut s, code(KeyCode::Enter));
    assert!(matches!(&s.overlay, Some(Overlay::Filter(e)) if e.parsed.is_err()));
    update(&mut s, code(KeyCode::Esc));
    update(&mut s, key('F'));
    assert!(s.custom_filter.is_none());
    assert_eq!(s.visible.len(), 6);
    // An answer of the old filter is ignored.
    let stale = update(
        &mut s,
        Msg::Conversations {
            page: PageId::new("p"),
            generation: filter_gen,
            mode: LoadMode::Filter,
            cursor: Some("p_7".into()),
            result: Ok(vec![conv(8, NOW, false)]),
        },
    );
    assert!(stale.is_empty() && s.convs.get(&"p_8".into()).is_none());
}

// ------------------------------------------------------------------ canned, private, editor

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

#[test]
fn canned_replies_fill_placeholders_and_add_their_tags_on_send() {
    let mut s = loaded();
    s.canned = crate::app::canned::parse(
        "[[replies]]\nname = \"Hi\"\ntext = \"Chào {customer_name} từ {page_name}\"\ntags = [\"orders\"]\n",
    )
    .unwrap();
    update(&mut s, key('r'));
    update(&mut s, ctrl('t'));
    assert!(
        matches!(&s.overlay, Some(Overlay::Picker(p)) if p.kind == crate::app::picker::PickerKind::Canned)
    );
    update(&mut s, code(KeyCode::Enter));
    assert!(s.overlay.is_none());
    assert_eq!(s.composer.as_ref().unwrap().text, "Chào Customer 0 từ Page");
    let ops = performed(&update(&mut s, code(KeyCode::Enter)));
    assert_eq!(ops.len(), 2);
    assert!(
        matches!(&ops[0].1, Op::Reply(Reply::Inbox { message }) if message == "Chào Customer 0 từ Page")
    );
    assert_eq!(ops[1].1, Op::Tag(TagAction::Add, TagId::new("0")));
}

#[test]
fn private_replies_only_where_facebook_allows_and_once() {
    let mut s = loaded();
    s.convs.get_mut(&"p_0".into()).unwrap().kind = ConversationType::Comment;
    s.convs.get_mut(&"p_0".into()).unwrap().post_id = Some("post1".into());
    update(&mut s, key('r'));
    let mut old = msg("old", NOW - 8 * 86_400, false);
    old.from_id = Some("cust".into());
    update(
        &mut s,
        Msg::Messages {
            page: PageId::new("p"),
            conv: "p_0".into(),
            older: false,
            result: Ok(vec![old]),
        },
    );
    update(&mut s, ctrl('p'));
    assert!(!s.composer.as_ref().unwrap().private);
    assert!(matches!(&s.notice, Some(Notice::Error(t)) if t.contains("7 days")));
    let mut fresh = msg("new", NOW - 3600, false);
    fresh.from_id = Some("cust".into());
    update(
        &mut s,
        Msg::Messages {
            page: PageId::new("p"),
            conv: "p_0".into(),
            older: false,
            result: Ok(vec![fresh]),
        },
    );
    update(&mut s, ctrl('p'));
    assert!(s.composer.as_ref().unwrap().private);
    update(&mut s, key('o'));
    update(&mut s, key('k'));
    let ops = performed(&update(&mut s, code(KeyCode::Enter)));
    assert_eq!(
        ops[0].1,
        Op::Reply(Reply::Private {
            post_id: "post1".into(),
            message_id: "new".into(),
            from_id: "cust".into(),
            message: "ok".into()
        })
    );
    update(&mut s, key('r'));
    update(&mut s, ctrl('p'));
    assert!(matches!(&s.notice, Some(Notice::Error(t)) if t.contains("already")));
    // Inbox conversations explain why not.
    let mut s = loaded();
    update(&mut s, key('r'));
    update(&mut s, ctrl('p'));
    assert!(matches!(&s.notice, Some(Notice::Error(t)) if t.contains("inbox")));
}

#[test]
fn ctrl_e_hands_the_draft_to_the_editor_and_takes_it_back() {
    let mut s = loaded();
    update(&mut s, key('r'));
    update(&mut s, key('a'));
    let cmds = update(&mut s, ctrl('e'));
    assert_eq!(
        cmds,
        vec![Cmd::Edit {
            conv: "p_0".into(),
            text: "a".into()
        }]
    );
    update(
        &mut s,
        Msg::Edited {
            conv: "p_0".into(),
            result: Ok("line 1\nline 2\x1b[2J\n".into()),
        },
    );
    let text = s.composer.as_ref().unwrap().text.clone();
    assert!(
        text.starts_with("line 1\nline 2") && !text.contains('\x1b'),
        "{text:?}"
    );
    update(
        &mut s,
        Msg::Edited {
            conv: "p_0".into(),
            result: Err("vi exited with 1".into()),
        },
    );
    assert_eq!(s.composer.as_ref().unwrap().text, text, "kept");
    assert!(matches!(&s.notice, Some(Notice::Error(t)) if t.contains("vi exited")));
}

// ------------------------------------------------------------------ cache and outbox

#[test]
fn a_complete_cache_paints_first_then_polls_the_delta() {
    let mut s = State::new(vec![(PageId::new("p"), "Page".into())], Settings::default());
    s.now = UnixSeconds(NOW);
    let cached = crate::app::Cached {
        page: PageId::new("p"),
        conversations: (0..3).map(|i| conv(i, NOW - i as i64, true)).collect(),
        meta: crate::app::Meta {
            last_sync: Some(UnixSeconds(NOW - 600)),
            complete: true,
            ..Default::default()
        },
        outbox: vec![],
        drafts: vec![(ConversationId::new("p_1"), "nháp".into())],
        notice: None,
    };
    update(&mut s, Msg::Cached(Box::new(cached)));
    assert_eq!(
        s.drafts.get(&"p_1".into()).map(String::as_str),
        Some("nháp"),
        "drafts survive"
    );
    assert_eq!(s.visible.len(), 3);
    assert!(s.pages[0].sync.cached, "marked cached, syncing");
    let cmds = init(&mut s);
    match cmds
        .iter()
        .find(|c| matches!(c, Cmd::LoadConversations { .. }))
    {
        Some(Cmd::LoadConversations {
            mode: LoadMode::Poll,
            query,
            ..
        }) => {
            assert_eq!(query.since, Some(UnixSeconds(NOW - 602)));
        }
        other => panic!("{other:?}"),
    }
    feed(
        &mut s,
        LoadMode::Poll,
        None,
        Ok(vec![conv(9, NOW + 1, false)]),
    );
    assert!(!s.pages[0].sync.cached);
    assert_eq!(
        s.convs.items[s.visible[0]].id.as_str(),
        "p_9",
        "newest on top"
    );
    assert_eq!(selected(&s), "p_0", "the selection stays put");
}

#[test]
fn the_outbox_is_resent_after_a_restart_except_uncertain_replies() {
    let mut s = State::new(vec![(PageId::new("p"), "Page".into())], Settings::default());
    let entry = |op: Op, sending: bool| crate::store::OutboxEntry {
        conv: ConversationId::new("p_0"),
        op,
        label: "x".into(),
        created_at: UnixSeconds(NOW),
        sending,
        held: None,
    };
    let cached = crate::app::Cached {
        page: PageId::new("p"),
        conversations: vec![conv(0, NOW, true)],
        outbox: vec![
            (7, entry(Op::Unread, true)),
            (
                8,
                entry(
                    Op::Reply(Reply::Inbox {
                        message: "hi".into(),
                    }),
                    true,
                ),
            ),
        ],
        ..Default::default()
    };
    let cmds = update(&mut s, Msg::Cached(Box::new(cached)));
    assert!(matches!(
        &cmds[..],
        [Cmd::Perform {
            op: Op::Unread,
            outbox: Some(7),
            ..
        }]
    ));
    assert!(!s.convs.get(&"p_0".into()).unwrap().seen, "re-applied");
    let failed: Vec<_> = s.actions.failed().collect();
    assert_eq!(failed.len(), 1, "the reply waits for the agent");
    assert!(matches!(&failed[0].status, ActionStatus::Failed(w) if w.contains("may have reached")));
    // Dismissing it forgets the outbox entry and keeps the text as a draft.
    let cmds = update(&mut s, key('X'));
    assert_eq!(
        cmds,
        vec![
            Cmd::SaveDrafts(PageId::new("p"), vec![("p_0".into(), "hi".into())]),
            Cmd::ForgetOutbox(vec![(PageId::new("p"), 8)])
        ]
    );
    assert_eq!(s.drafts.get(&"p_0".into()).map(String::as_str), Some("hi"));
}

#[test]
fn a_reply_held_for_the_agent_stays_held_after_a_restart() {
    let mut s = State::new(vec![(PageId::new("p"), "Page".into())], Settings::default());
    let held = |why: &str| crate::store::OutboxEntry {
        conv: ConversationId::new("p_0"),
        op: Op::Reply(Reply::Inbox {
            message: "hi".into(),
        }),
        label: "reply".into(),
        created_at: UnixSeconds(NOW),
        sending: false,
        held: Some(why.into()),
    };
    let cached = crate::app::Cached {
        page: PageId::new("p"),
        conversations: vec![conv(0, NOW, true)],
        outbox: vec![
            (
                1,
                held(
                    "Pancake said the private reply failed, but it may have been sent: check the thread",
                ),
            ),
            (
                2,
                held("Facebook allows replies only within 24 h of the customer's last message"),
            ),
        ],
        ..Default::default()
    };
    let cmds = update(&mut s, Msg::Cached(Box::new(cached)));
    assert!(
        performed(&cmds).is_empty(),
        "neither goes by itself: {cmds:?}"
    );
    let failed: Vec<_> = s.actions.failed().collect();
    assert_eq!(failed.len(), 2);
    assert!(failed[0].uncertain && !failed[1].uncertain);
    assert!(failed.iter().all(|a| !a.transient));
}

#[test]
fn actions_that_failed_while_offline_go_again_when_pancake_answers() {
    let mut s = loaded();
    let offline = || ApiError::Unreachable {
        detail: "connection refused".into(),
    };
    let (tag_id, _) = performed(&update(&mut s, key('u'))).remove(0);
    update(
        &mut s,
        Msg::ActionDone {
            id: tag_id,
            result: Err(offline()),
        },
    );
    update(&mut s, key('r'));
    update(&mut s, key('y'));
    let (reply_id, _) = performed(&update(&mut s, code(KeyCode::Enter))).remove(0);
    // The answer timed out: Pancake may have posted it.
    update(
        &mut s,
        Msg::ActionDone {
            id: reply_id,
            result: Err(ApiError::Timeout {
                timeout: std::time::Duration::from_secs(15),
            }),
        },
    );
    // A reply that never left (no connection at all) is certainly unsent.
    update(&mut s, key('r'));
    update(&mut s, key('k'));
    let (unsent_reply, _) = performed(&update(&mut s, code(KeyCode::Enter))).remove(0);
    update(
        &mut s,
        Msg::ActionDone {
            id: unsent_reply,
            result: Err(offline()),
        },
    );
    let bad = ApiError::Rejected {
        what: "tag",
        status: 400,
        message: "no".into(),
    };
    // On another conversation: a later `u` on the same one would make the
    // first failure moot.
    update(&mut s, code(KeyCode::Esc));
    update(&mut s, key('j'));
    let (rejected, _) = performed(&update(&mut s, key('u'))).remove(0);
    update(
        &mut s,
        Msg::ActionDone {
            id: rejected,
            result: Err(bad),
        },
    );
    assert_eq!(s.actions.failed().count(), 4);
    // The next successful sync answer resends what certainly did not reach
    // Pancake: the tag and the reply that never left; not the reply that
    // timed out, nor the rejected one.
    let cmds = feed(&mut s, LoadMode::Backfill, Some("p_4"), Ok(vec![]));
    let again: Vec<u64> = performed(&cmds).into_iter().map(|(id, _)| id).collect();
    assert_eq!(again, vec![tag_id, unsent_reply]);
    assert!(
        performed(&feed(&mut s, LoadMode::Poll, None, Ok(vec![]))).is_empty(),
        "once"
    );
}

#[test]
fn tags_and_staff_that_failed_offline_are_fetched_when_pancake_answers() {
    let mut s = loaded();
    let offline = || ApiError::Network {
        detail: "connection refused".into(),
    };
    let page = || PageId::new("p");
    // Offline, with tags and staff from the cache: no extra error, the
    // status bar already says offline.
    update(&mut s, Msg::Tags(page(), Err(offline())));
    update(&mut s, Msg::Staff(page(), Err(offline())));
    assert!(s.notice.is_none(), "{:?}", s.notice);
    assert!(!s.pages[0].tags.is_empty());
    let cmds = feed(&mut s, LoadMode::Poll, None, Ok(vec![]));
    assert!(cmds.contains(&Cmd::LoadTags(page())), "{cmds:?}");
    assert!(cmds.contains(&Cmd::LoadStaff(page())), "{cmds:?}");
    let cmds = feed(&mut s, LoadMode::Poll, None, Ok(vec![]));
    assert!(!cmds.contains(&Cmd::LoadTags(page())), "once: {cmds:?}");
    // With nothing cached, the agent is told.
    s.pages[0].tags.clear();
    update(&mut s, Msg::Tags(page(), Err(offline())));
    assert!(
        matches!(&s.notice, Some(Notice::Error(t)) if t.contains("tags not loaded")),
        "{:?}",
        s.notice
    );
}

#[test]
fn z_sends_the_reverse_of_the_last_action() {
    let mut s = loaded();
    s.convs.get_mut(&"p_0".into()).unwrap().assignee_ids = vec![UserId::new("u1")];
    update(&mut s, key('t'));
    update(&mut s, key(' '));
    update(&mut s, code(KeyCode::Esc));
    let ops = performed(&update(&mut s, key('z')));
    assert_eq!(ops[0].1, Op::Tag(TagAction::Remove, TagId::new("0")));
    assert!(s.convs.get(&"p_0".into()).unwrap().tags.is_empty());
    // Assign, then undo restores the previous list exactly.
    update(&mut s, key('a'));
    update(&mut s, code(KeyCode::Down));
    update(&mut s, key(' '));
    update(&mut s, code(KeyCode::Enter));
    let ops = performed(&update(&mut s, key('z')));
    assert_eq!(ops[0].1, Op::Assign(vec![UserId::new("u1")]));
    // Read state flips back.
    update(&mut s, key('u'));
    let ops = performed(&update(&mut s, key('z')));
    assert_eq!(ops[0].1, Op::Read);
    // Each z above took its action off the stack: nothing is left.
    assert!(update(&mut s, key('z')).is_empty());
    assert!(matches!(&s.notice, Some(Notice::Info(t)) if t.contains("nothing to undo")));
}

#[test]
fn z_walks_back_several_actions_and_says_it_skips_replies() {
    let mut s = loaded();
    update(&mut s, key('t'));
    update(&mut s, key(' ')); // tag "Orders" on p_0
    update(&mut s, code(KeyCode::Esc));
    update(&mut s, key('j'));
    update(&mut s, key('u')); // p_1: unread -> read
    update(&mut s, key('r'));
    update(&mut s, key('o'));
    update(&mut s, key('k'));
    update(&mut s, code(KeyCode::Enter)); // a reply on p_1
    update(&mut s, code(KeyCode::Esc));
    // z: the reply is skipped and said so; the read is undone.
    let ops = performed(&update(&mut s, key('z')));
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].1, Op::Unread);
    assert!(
        matches!(&s.notice, Some(Notice::Info(t))
            if t.contains("skipped a reply") && t.contains("1 more to undo")),
        "{:?}",
        s.notice
    );
    // z again: the action before, not the undo just made.
    let ops = performed(&update(&mut s, key('z')));
    assert_eq!(ops[0].1, Op::Tag(TagAction::Remove, TagId::new("0")));
    assert!(update(&mut s, key('z')).is_empty());
}

// ------------------------------------------------------------- several pages

#[test]
fn p_shows_each_page_then_all_pages_merged_by_activity() {
    let mut s = two_pages();
    assert_eq!(s.pages[0].short, "Tiệm Bánh");
    assert_eq!(s.pages[1].short, "Café");
    assert_eq!(visible_ids(&s), ["a_0", "a_1"]);
    update(&mut s, key('P'));
    assert_eq!(s.scope, Scope::Page(1));
    assert_eq!(visible_ids(&s), ["b_0", "b_1"]);
    update(&mut s, key('P'));
    assert_eq!(s.scope, Scope::All);
    assert_eq!(visible_ids(&s), ["a_0", "b_0", "a_1", "b_1"]);
    assert_eq!(s.view_counts[0], 4, "tab counts cover the pages shown");
    update(&mut s, key('P'));
    assert_eq!(s.scope, Scope::Page(0));

    let mut one = loaded();
    update(&mut one, key('P'));
    assert_eq!(one.scope, Scope::Page(0), "nothing to switch to");
}

#[test]
fn a_tag_filter_means_each_pages_own_tag_ids() {
    let mut s = two_pages();
    update(&mut s, key('P'));
    update(&mut s, key('P'));
    update(&mut s, key('f'));
    for c in "tag:orders".chars() {
        update(&mut s, key(c));
    }
    let cmds = update(&mut s, code(KeyCode::Enter));
    // "Orders" is id 1 on page a and id 7 on page b; id 1 on b is "Ship COD".
    assert_eq!(visible_ids(&s), ["a_0", "b_0"]);
    let asked: Vec<(&str, Vec<&str>)> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::LoadConversations {
                page,
                query,
                mode: LoadMode::Filter,
                ..
            } => Some((
                page.as_str(),
                query.tags.iter().map(|t| t.as_str()).collect(),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(asked, [("a", vec!["1"]), ("b", vec!["7"])]);

    // A page without the tag is not asked at all.
    update(&mut s, key('f'));
    update(&mut s, ctrl('u'));
    for c in "tag:vip".chars() {
        update(&mut s, key(c));
    }
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert_eq!(visible_ids(&s), ["a_1"]);
    let pages: Vec<&str> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::LoadConversations { page, .. } => Some(page.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(pages, ["a"]);
}

#[test]
fn actions_go_to_the_page_of_their_conversation() {
    let mut s = two_pages();
    update(&mut s, key('P'));
    update(&mut s, key('P'));
    assert_eq!(
        selected(&s),
        "b_0",
        "the selection stays on its conversation"
    );
    let cmds = update(&mut s, key('u'));
    assert!(
        matches!(&cmds[..], [Cmd::Perform { page, conv, op: Op::Unread, .. }]
            if page.as_str() == "b" && conv.as_str() == "b_0"),
        "{cmds:?}"
    );
    // The tag picker offers the tags of that page.
    update(&mut s, key('t'));
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("no picker")
    };
    let labels: Vec<&str> = p.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["Ship COD", "orders"]);
}

#[test]
fn a_bulk_tag_stays_on_one_page_but_read_crosses_pages() {
    let mut s = two_pages();
    update(&mut s, key('P'));
    update(&mut s, key('P'));
    update(&mut s, key('*'));
    update(&mut s, key('t'));
    assert!(s.overlay.is_none(), "no picker for marks on two pages");
    assert!(
        matches!(&s.notice, Some(Notice::Error(e)) if e.contains("2 pages")),
        "{:?}",
        s.notice
    );
    update(&mut s, key('u'));
    let Some(Overlay::Confirm(plan)) = &s.overlay else {
        panic!("no preview: {:?}", s.notice)
    };
    assert_eq!(plan.requests(), 4);
    assert_eq!(plan.busiest, 2, "two requests on each page's own budget");
    let cmds = update(&mut s, code(KeyCode::Enter));
    let mut pages: Vec<&str> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::Perform { page, .. } => Some(page.as_str()),
            _ => None,
        })
        .collect();
    pages.sort();
    assert_eq!(pages, ["a", "a", "b", "b"]);
}

#[test]
fn one_page_failing_does_not_take_the_others_offline() {
    let mut s = two_pages();
    let generation = s.pages[1].sync.generation;
    s.pages[1].sync.loading = true;
    update(
        &mut s,
        Msg::Conversations {
            page: PageId::new("b"),
            generation,
            mode: LoadMode::Poll,
            cursor: None,
            result: Err(ApiError::Unauthorized {
                status: 401,
                credential: crate::api::error::Credential::PageToken,
            }),
        },
    );
    assert!(s.pages[1].sync.error.is_some());
    assert!(s.pages[0].sync.error.is_none());
    assert!(s.sync_summary().error.is_none(), "page a alone is shown");
    update(&mut s, key('P'));
    update(&mut s, key('P'));
    let all = s.sync_summary();
    assert!(
        all.error
            .as_deref()
            .is_some_and(|e| e.starts_with("Pancake Café: ")),
        "{:?}",
        all.error
    );
    assert!(!all.offline);
}

#[test]
fn short_page_names_drop_the_words_all_share() {
    use crate::app::state::short_names;
    let names = [
        "Tiệm Bánh Pancake",
        "Pancake Café Đà Lạt",
        "Bếp pancake Sài Gòn",
    ];
    assert_eq!(
        short_names(names.iter().copied()),
        ["Tiệm Bánh", "Café Đà Lạt", "Bếp Sài Gòn"]
    );
    assert_eq!(short_names(["Pancake"].iter().copied()), ["Pancake"]);
    assert_eq!(
        short_names(["Pancake", "Pancake Huế"].iter().copied()),
        ["Pancake", "Huế"]
    );
}

#[test]
fn the_rest_of_the_cache_merges_under_the_first_screenful() {
    let mut s = State::new(vec![(PageId::new("p"), "Page".into())], Settings::default());
    s.now = UnixSeconds(NOW);
    let entry = crate::store::OutboxEntry {
        conv: ConversationId::new("p_7"),
        op: Op::Unread,
        label: "mark Customer 7 unread".into(),
        created_at: UnixSeconds(NOW - 5),
        sending: false,
        held: None,
    };
    let cmds = update(
        &mut s,
        Msg::Cached(Box::new(crate::app::Cached {
            page: PageId::new("p"),
            conversations: (0..3).map(|i| conv(i, NOW - i as i64, true)).collect(),
            outbox: vec![(4, entry)],
            ..Default::default()
        })),
    );
    assert_eq!(
        performed(&cmds),
        vec![(1, Op::Unread)],
        "sent again at start"
    );
    assert_eq!(visible_ids(&s), ["p_0", "p_1", "p_2"]);
    update(
        &mut s,
        Msg::CachedMore {
            page: PageId::new("p"),
            conversations: (3..9).map(|i| conv(i, NOW - i as i64, true)).collect(),
        },
    );
    assert_eq!(s.convs.len(), 9);
    assert_eq!(s.visible.len(), 9);
    assert_eq!(selected(&s), "p_0", "the agent's place is kept");
    assert!(
        !s.convs.get(&ConversationId::new("p_7")).unwrap().seen,
        "the pending action shows on a row that arrives later"
    );
}

#[test]
fn a_later_action_on_the_same_thing_makes_an_older_failure_moot() {
    let mut s = loaded();
    let failed = |s: &mut State, id| {
        update(
            s,
            Msg::ActionDone {
                id,
                result: Err(server_error()),
            },
        )
    };
    // Tag 0 added, failed for now; the agent undoes it instead.
    update(&mut s, key('t'));
    let (add, _) = performed(&update(&mut s, key(' '))).remove(0);
    update(&mut s, code(KeyCode::Esc));
    failed(&mut s, add);
    s.actions.get_mut(add).unwrap().outbox = Some(7);
    let cmds = update(&mut s, key('z'));
    assert_eq!(
        performed(&cmds)[0].1,
        Op::Tag(TagAction::Remove, TagId::new("0"))
    );
    assert!(
        cmds.contains(&Cmd::ForgetOutbox(vec![(PageId::new("p"), 7)])),
        "{cmds:?}"
    );
    assert!(s.actions.get(add).is_none(), "the failed add is gone");
    assert!(
        performed(&feed(&mut s, LoadMode::Poll, None, Ok(vec![]))).is_empty(),
        "a good sync does not resend it"
    );
    assert!(
        performed(&update(&mut s, key('x'))).is_empty(),
        "nor does x"
    );

    // Read state: `u` then `u` again while the first is in flight. The first
    // fails after the second was queued: no rollback over the second, no resend.
    let seen0 = s.selected_conversation().unwrap().seen;
    let (first, _) = performed(&update(&mut s, key('u'))).remove(0);
    let (second, _) = performed(&update(&mut s, key('u'))).remove(0);
    failed(&mut s, first);
    assert!(s.actions.get(first).is_none());
    assert_eq!(s.selected_conversation().unwrap().seen, seen0);
    assert_eq!(s.actions.get(second).unwrap().status, ActionStatus::Pending);

    // Other things are not touched: a failed tag stays while assigning.
    update(&mut s, key('t'));
    let (tag, _) = performed(&update(&mut s, key(' '))).remove(0);
    update(&mut s, code(KeyCode::Esc));
    failed(&mut s, tag);
    update(&mut s, key('a'));
    update(&mut s, key(' '));
    update(&mut s, code(KeyCode::Enter));
    assert!(matches!(
        s.actions.get(tag).unwrap().status,
        ActionStatus::Failed(_)
    ));
}

#[test]
fn the_outbox_cancels_an_action_waiting_for_pancake_and_it_never_goes() {
    let mut s = loaded();
    let cmds = update(&mut s, key('u')); // p_0: read -> unread
    let (id, _) = performed(&cmds)[0].clone();
    update(&mut s, Msg::Queued { id, outbox: 5 });
    // Still on its way: it cannot be called back.
    update(&mut s, key('o'));
    assert_eq!(s.overlay, Some(Overlay::Outbox { cursor: 0 }));
    assert!(net(update(&mut s, key('d'))).is_empty());
    assert_eq!(s.actions.items.len(), 1);
    assert!(
        matches!(&s.notice, Some(Notice::Info(t)) if t.contains("on its way")),
        "{:?}",
        s.notice
    );
    // Pancake is away: it fails for a passing reason and waits to go again.
    update(
        &mut s,
        Msg::ActionDone {
            id,
            result: Err(server_error()),
        },
    );
    assert!(s.actions.items[0].transient);
    let cmds = update(&mut s, key('d'));
    assert_eq!(cmds, vec![Cmd::ForgetOutbox(vec![(PageId::new("p"), 5)])]);
    assert!(s.actions.items.is_empty());
    assert_eq!(s.overlay, None, "an empty outbox closes");
    assert!(
        s.convs.get(&ConversationId::new("p_0")).unwrap().seen,
        "rolled back when it failed, and stays so"
    );
    // Pancake answers again: nothing is resent.
    let generation = s.pages[0].sync.generation;
    s.pages[0].sync.loading = true;
    let cmds = update(
        &mut s,
        Msg::Conversations {
            page: PageId::new("p"),
            generation,
            mode: LoadMode::Poll,
            cursor: None,
            result: Ok(vec![]),
        },
    );
    assert!(performed(&cmds).is_empty(), "{cmds:?}");
}

#[test]
fn the_outbox_retries_one_failed_action_and_a_cancelled_reply_becomes_the_draft() {
    let mut s = loaded();
    let a = performed(&update(&mut s, key('u')))[0].0;
    update(&mut s, key('j'));
    let b = performed(&update(&mut s, key('u')))[0].0;
    for id in [a, b] {
        update(
            &mut s,
            Msg::ActionDone {
                id,
                result: Err(ApiError::Rejected {
                    what: "mark unread",
                    status: 400,
                    message: "bad".into(),
                }),
            },
        );
    }
    update(&mut s, key('o'));
    update(&mut s, key('j'));
    let cmds = update(&mut s, key('x'));
    assert_eq!(
        performed(&cmds).iter().map(|p| p.0).collect::<Vec<_>>(),
        [b]
    );
    assert_eq!(s.overlay, Some(Overlay::Outbox { cursor: 1 }));

    // A reply that failed: cancelling it keeps its text as the draft.
    let mut s = loaded();
    let conv = ConversationId::new("p_0");
    let cmds = act::reply(
        &mut s,
        &conv,
        Reply::Inbox {
            message: "Dạ shop gửi ạ".into(),
        },
    );
    let id = performed(&cmds)[0].0;
    update(
        &mut s,
        Msg::ActionDone {
            id,
            result: Err(server_error()),
        },
    );
    update(&mut s, key('o'));
    update(&mut s, key('d'));
    assert!(s.actions.items.is_empty());
    assert_eq!(
        s.drafts.get(&conv).map(String::as_str),
        Some("Dạ shop gửi ạ")
    );
}

#[test]
fn tab_counts_follow_actions_on_the_next_tick_and_the_row_stays() {
    let mut s = loaded();
    let unread_before = s.view_counts[1];
    assert_eq!(unread_before, s.convs.unread());
    update(&mut s, key('u')); // p_0 was read
    assert_eq!(selected(&s), "p_0");
    update(&mut s, Msg::Tick(UnixSeconds(NOW + 1)));
    assert_eq!(
        s.view_counts[1],
        unread_before + 1,
        "the Unread tab counts it"
    );
    assert_eq!(s.view_counts[1], s.convs.unread(), "tab and title agree");
    // In the Unread view, reading the selected row keeps it under the cursor.
    update(&mut s, key('2'));
    let before = visible_ids(&s).len();
    let sel = selected(&s).to_owned();
    update(&mut s, key('u'));
    update(&mut s, Msg::Tick(UnixSeconds(NOW + 2)));
    assert_eq!(visible_ids(&s).len(), before);
    assert_eq!(selected(&s), sel);
    assert_eq!(s.view_counts[1], before - 1);
}

#[test]
fn a_thread_poll_that_brings_nothing_new_does_not_lay_the_thread_out_again() {
    let mut s = loaded();
    update(&mut s, code(KeyCode::Enter));
    let newest: Vec<Message> = (0..20)
        .map(|i| msg(&format!("m{i}"), NOW - 1000 + i, i % 3 == 0))
        .collect();
    let answer = |s: &mut State, msgs: Vec<Message>| {
        update(
            s,
            Msg::Messages {
                page: PageId::new("p"),
                conv: "p_0".into(),
                older: false,
                result: Ok(msgs),
            },
        )
    };
    answer(&mut s, newest.clone());
    let marker = crate::app::thread::ThreadLine {
        kind: crate::app::thread::LineKind::Note,
        text: "laid out before".into(),
    };
    s.thread.as_mut().unwrap().lines.push(marker.clone());
    answer(&mut s, newest.clone());
    assert_eq!(s.thread.as_ref().unwrap().lines.last(), Some(&marker));
    // A new message does lay it out again.
    let mut more = newest;
    more.push(msg("m20", NOW, false));
    answer(&mut s, more);
    let t = s.thread.as_ref().unwrap();
    assert_ne!(t.lines.last(), Some(&marker));
    assert_eq!(t.messages.len(), 21);
}

#[test]
fn a_typed_name_and_enter_assigns_that_person_never_nobody() {
    // Bulk: mark three, a, type a name, Enter: re-assign to that person.
    let mut s = loaded();
    for _ in 0..3 {
        update(&mut s, key(' '));
    }
    update(&mut s, key('a'));
    for c in "phuong".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, code(KeyCode::Enter));
    let Some(Overlay::Confirm(plan)) = &s.overlay else {
        panic!("{:?}", s.overlay)
    };
    assert!(
        plan.summary.contains("to Phương"),
        "the typed person, not an unassign: {}",
        plan.summary
    );
    // Nothing typed, nothing chosen: Enter does not unassign them all.
    let mut s = loaded();
    for _ in 0..3 {
        update(&mut s, key(' '));
    }
    update(&mut s, key('a'));
    update(&mut s, code(KeyCode::Enter));
    assert!(
        matches!(&s.overlay, Some(Overlay::Picker(_))),
        "{:?}",
        s.overlay
    );
    assert!(matches!(&s.notice, Some(Notice::Info(t)) if t.contains("Space chooses")));
    // Ctrl-U clears what was typed; nothing matching: Enter changes nothing.
    let mut s = loaded();
    update(&mut s, key('a'));
    update(&mut s, key('z'));
    update(&mut s, key('z'));
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!()
    };
    assert!(p.matches.is_empty());
    assert!(performed(&update(&mut s, code(KeyCode::Enter))).is_empty());
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!()
    };
    assert!(p.query.is_empty() && !p.matches.is_empty());
    // One conversation: the typed person is added to who is there.
    s.overlay = None;
    s.convs.get_mut(&"p_0".into()).unwrap().assignee_ids = vec![UserId::new("u1")];
    update(&mut s, key('a'));
    for c in "phuong".chars() {
        update(&mut s, key(c));
    }
    let ops = performed(&update(&mut s, code(KeyCode::Enter)));
    assert_eq!(
        ops[0].1,
        Op::Assign(vec![UserId::new("u1"), UserId::new("u2")])
    );
}

#[test]
fn me_is_found_on_each_page_by_name() {
    let mut s = two_pages();
    // The same person has another id on page b.
    update(
        &mut s,
        Msg::Staff(
            PageId::new("b"),
            Ok(Staff {
                users: vec![user("b8", "Bình"), user("b9", "Anh")],
                ..Staff::default()
            }),
        ),
    );
    s.settings.me = Some(UserId::new("u1"));
    update(&mut s, key('P')); // page b
    let ops = performed(&update(&mut s, key('A')));
    assert_eq!(
        ops[0].1,
        Op::Assign(vec![UserId::new("b9")]),
        "b's id for me"
    );
    // The Mine filter, over all pages, means each page's own id.
    s.convs.get_mut(&"a_1".into()).unwrap().assignee_ids = vec![UserId::new("u1")];
    s.convs.get_mut(&"b_1".into()).unwrap().assignee_ids = vec![UserId::new("b9")];
    s.convs.get_mut(&"b_0".into()).unwrap().assignee_ids = vec![];
    update(&mut s, key('P')); // all pages
    update(&mut s, key('f'));
    for c in "mine".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(visible_ids(&s), ["a_1", "b_1"]);
    // Not staff on a page at all: asked there, with the page named.
    update(
        &mut s,
        Msg::Staff(
            PageId::new("b"),
            Ok(Staff {
                users: vec![user("b8", "Bình")],
                ..Staff::default()
            }),
        ),
    );
    update(&mut s, key('F'));
    update(&mut s, key('P'));
    update(&mut s, key('P')); // page b again
    assert!(performed(&update(&mut s, key('A'))).is_empty());
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("{:?}", s.overlay)
    };
    assert_eq!(p.kind, crate::app::picker::PickerKind::Me);
    assert_eq!(p.items.len(), 1, "only this page's staff");
    assert!(
        matches!(&s.notice, Some(Notice::Info(t)) if t.contains("not among the staff of Pancake Café")),
        "{:?}",
        s.notice
    );
    // Space chooses, as Enter does.
    let cmds = update(&mut s, key(' '));
    assert!(cmds.contains(&Cmd::RememberMe(UserId::new("b8"))));
}

#[test]
fn configured_views_keep_a_way_back_to_all() {
    let mut s = loaded();
    s.view_configs = vec![crate::app::filter::ViewConfig {
        name: "Unread VIP".into(),
        filter: Some("unread tag:vip".into()),
        ..Default::default()
    }];
    // Views resolve when tags (and staff) are known.
    update(
        &mut s,
        Msg::Tags(
            PageId::new("p"),
            Ok(vec![tag("0", "Orders"), tag("1", "VIP")]),
        ),
    );
    let names: Vec<&str> = s.views.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["All", "Unread VIP"]);
    update(&mut s, key('2'));
    assert_eq!(s.view, 1);
    assert!(s.visible.len() < s.convs.items.len());
    update(&mut s, key('F'));
    assert_eq!(s.view, 0, "F goes back to All");
    assert_eq!(s.visible.len(), s.convs.items.len());
}

#[test]
fn search_puts_the_best_matches_first() {
    let mut s = loaded();
    s.convs.get_mut(&"p_1".into()).unwrap().customer.name = "Phạm Lành".into();
    s.convs.get_mut(&"p_3".into()).unwrap().customer.name = "Lan".into();
    s.convs.get_mut(&"p_2".into()).unwrap().snippet = "chị lan ơi".into();
    update(&mut s, key('/'));
    for c in "lan".chars() {
        update(&mut s, key(c));
    }
    let order: Vec<&str> = s
        .visible
        .iter()
        .map(|&i| s.convs.items[i].id.as_str())
        .collect();
    assert_eq!(order, ["p_3", "p_1", "p_2"], "name, word start, snippet");
}
