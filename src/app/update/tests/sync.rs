//! Syncing the list: the first backfill, polls and their budget, back-off when
//! Pancake fails, the cache painted first, tags and staff fetched again.

use super::*;

#[test]
fn init_loads_tags_staff_and_the_first_page() {
    let mut s = blank(&[("p", "Page")]);
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
    let cmds = tick(&mut s, NOW + 2);
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
    press_all(&mut s, "j j");
    assert_eq!(selected(&s), "p_2");
    // p_4 gets a new message: it moves to the top; the selection stays on p_2.
    let mut fresh = conv(4, NOW + 50, false);
    fresh.snippet = "new!".into();
    let stale = conv(3, NOW - 10_000, true);
    feed(&mut s, LoadMode::Poll, None, Ok(vec![fresh, stale]));
    assert_eq!(s.convs.at(s.visible[0]).id.as_str(), "p_4");
    assert_eq!(s.convs.get("p_4").unwrap().snippet, "new!");
    assert_eq!(
        s.convs.get("p_3").unwrap().updated_at,
        Some(UnixSeconds(NOW - 300))
    );
    assert_eq!(selected(&s), "p_2");
}

#[test]
fn a_failing_sync_backs_off_and_resumes_at_the_same_cursor() {
    let mut s = loaded();
    feed(&mut s, LoadMode::Backfill, Some("p_4"), Err(network_down()));
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
    assert!(tick(&mut s, NOW + 1).is_empty());
    let cmds = tick(&mut s, NOW + 2);
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
    let cmds = press(&mut s, "R");
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
    assert!(press(&mut s, "R").is_empty(), "backfill in flight");
    feed(&mut s, LoadMode::Backfill, Some("p_4"), Ok(vec![]));
    let cmds = press(&mut s, "R");
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
    tick(&mut s, NOW);
    assert_eq!(s.spinner, before + 1);
    feed(&mut s, LoadMode::Backfill, Some("p_4"), Ok(vec![]));
    s.dirty = false;
    tick(&mut s, NOW);
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

#[test]
fn polls_share_a_quarter_of_the_budget_between_the_agents_of_a_page() {
    let s = Settings::default();
    let every = |agents| crate::app::update::sync::poll_interval(&s, agents);
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
    press(&mut s, "Enter");
    let open = s.thread.as_ref().unwrap().conv.clone();
    feed_messages(
        &mut s,
        open.as_str(),
        false,
        Ok(vec![msg("m1", NOW, false)]),
    );
    tick(&mut s, NOW + 2);
    // The same conversation, unchanged: no thread fetch, and a short page
    // ends the poll.
    let same = s.convs.get(&open).unwrap().clone();
    let cmds = net(feed(&mut s, LoadMode::Poll, None, Ok(vec![same.clone()])));
    assert!(cmds.is_empty(), "{cmds:?}");
    // It moved: the thread is fetched at once, still one list request.
    tick(&mut s, NOW + 4);
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
    let cmds = feed(&mut s, LoadMode::Backfill, Some("p_4"), Ok(vec![]));
    assert_eq!(rings(&cmds), 0, "the first load rings nothing");
    // The agent marks p_1 unread: Pancake's answer comes back in a poll.
    let mut own = s.convs.get("p_1").unwrap().clone();
    own.seen = false;
    s.convs.get_mut("p_1").unwrap().seen = false;
    own.updated_at = Some(UnixSeconds(NOW + 1));
    tick(&mut s, NOW + 2);
    let cmds = feed(&mut s, LoadMode::Poll, None, Ok(vec![own]));
    assert_eq!(rings(&cmds), 0, "{:?}", s.convs.get("p_1"));
    // A customer writes on p_3.
    let mut news = s.convs.get("p_3").unwrap().clone();
    news.seen = false;
    news.updated_at = Some(UnixSeconds(NOW + 3));
    news.last_customer_message_at = Some(UnixSeconds(NOW + 3));
    tick(&mut s, NOW + 4);
    let cmds = feed(&mut s, LoadMode::Poll, None, Ok(vec![news.clone()]));
    assert_eq!(rings(&cmds), 1);
    // Off in config: no bell.
    s.settings.notify = false;
    news.updated_at = Some(UnixSeconds(NOW + 5));
    news.last_customer_message_at = Some(UnixSeconds(NOW + 5));
    tick(&mut s, NOW + 6);
    let cmds = feed(&mut s, LoadMode::Poll, None, Ok(vec![news]));
    assert_eq!(rings(&cmds), 0);
}

#[test]
fn a_complete_cache_paints_first_then_polls_the_delta() {
    let mut s = at_now(&[("p", "Page")]);
    let cached = crate::app::Cached {
        page: PageId::new("p"),
        conversations: (0..3).map(|i| conv(i, NOW - i as i64, true)).collect(),
        meta: crate::app::Meta {
            last_sync: Some(UnixSeconds(NOW - 600)),
            complete: true,
            ..Default::default()
        },
        outbox: vec![],
        drafts: vec![draft("p_1", "nháp", &[])],
        reminders: vec![],
        notice: None,
    };
    update(&mut s, Msg::Cached(Box::new(cached)));
    assert_eq!(
        s.drafts.get("p_1").map(String::as_str),
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
    assert_eq!(s.convs.at(s.visible[0]).id.as_str(), "p_9", "newest on top");
    assert_eq!(selected(&s), "p_0", "the selection stays put");
}

#[test]
fn tags_and_staff_that_failed_offline_are_fetched_when_pancake_answers() {
    let mut s = loaded();
    let page = || PageId::new("p");
    // Offline, with tags and staff from the cache: no extra error, the
    // status bar already says offline.
    feed_tags(&mut s, "p", Err(network_down()));
    feed_staff(&mut s, "p", Err(network_down()));
    assert!(s.notice.is_none(), "{:?}", s.notice);
    assert!(!s.pages[0].tags.is_empty());
    let cmds = feed(&mut s, LoadMode::Poll, None, Ok(vec![]));
    assert!(cmds.contains(&Cmd::LoadTags(page())), "{cmds:?}");
    assert!(cmds.contains(&Cmd::LoadStaff(page())), "{cmds:?}");
    let cmds = feed(&mut s, LoadMode::Poll, None, Ok(vec![]));
    assert!(!cmds.contains(&Cmd::LoadTags(page())), "once: {cmds:?}");
    // With nothing cached, the agent is told.
    s.pages[0].tags.clear();
    feed_tags(&mut s, "p", Err(network_down()));
    assert!(
        matches!(&s.notice, Some(Notice::Error(t)) if t.contains("tags not loaded")),
        "{:?}",
        s.notice
    );
}

#[test]
fn the_rest_of_the_cache_merges_under_the_first_screenful() {
    let mut s = at_now(&[("p", "Page")]);
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
