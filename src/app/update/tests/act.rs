//! Actions (tag, assign, read): optimistic, confirmed or rolled back, retried,
//! undone; the outbox across restarts and while offline; quitting with
//! actions in flight.

use super::*;

#[test]
fn tag_picker_toggles_at_once_and_the_server_data_is_the_truth() {
    let mut s = loaded();
    press(&mut s, "t");
    assert!(matches!(s.overlay, Some(Overlay::Picker(_))));
    let cmds = press(&mut s, "Space");
    let (id, op) = performed(&cmds).remove(0);
    assert_eq!(op, Op::Tag(TagAction::Add, TagId::new("0")));
    assert_eq!(s.convs.get("p_0").unwrap().tags, vec![TagId::new("0")]);
    assert_eq!(s.actions.pending(), 1);
    // The server says the conversation has tags 0 and 1 (someone else added 1).
    answer(
        &mut s,
        id,
        Ok(Outcome::Tags(vec![TagId::new("0"), TagId::new("1")])),
    );
    assert_eq!(s.convs.get("p_0").unwrap().tags.len(), 2);
    assert_eq!(s.actions.pending(), 0);
    // Enter on the highlighted (checked) tag removes it; Esc closes.
    let cmds = press(&mut s, "Enter");
    assert_eq!(
        performed(&cmds)[0].1,
        Op::Tag(TagAction::Remove, TagId::new("0"))
    );
    press(&mut s, "Esc");
    assert!(s.overlay.is_none());
}

/// The open tag picker follows the conversation: a rollback unchecks
/// the tag, Pancake's answer checks what the conversation really has.
#[test]
fn the_open_tag_picker_shows_the_tags_the_conversation_has_now() {
    let mut s = loaded();
    press(&mut s, "t");
    let id = action_of(&mut s, "Space");
    assert!(picker(&s).items[0].checked, "optimistic");
    answer(&mut s, id, Err(server_error()));
    assert!(
        !picker(&s).items[0].checked,
        "rolled back: the conversation does not have it"
    );
    let id = action_of(&mut s, "Space");
    answer(
        &mut s,
        id,
        Ok(Outcome::Tags(vec![TagId::new("0"), TagId::new("1")])),
    );
    let checks: Vec<bool> = picker(&s).items.iter().map(|i| i.checked).collect();
    assert_eq!(&checks[..2], [true, true], "what Pancake says it has");
}

#[test]
fn a_failed_action_rolls_back_stays_listed_and_retries() {
    let mut s = loaded();
    press(&mut s, "t");
    let id = action_of(&mut s, "Space");
    press(&mut s, "Esc");
    answer(&mut s, id, Err(server_error()));
    assert!(s.convs.get("p_0").unwrap().tags.is_empty(), "rolled back");
    assert_eq!(s.actions.failed().count(), 1);
    assert!(
        matches!(&s.actions.get(id).unwrap().status, ActionStatus::Failed(why) if why.words(crate::i18n::Lang::En).contains("503"))
    );
    assert!(
        matches!(&s.notice, Some(Notice::Error(t)) if t.contains("tag \"Orders\"") && t.contains("x retries"))
    );
    let cmds = press(&mut s, "x");
    assert_eq!(
        performed(&cmds),
        vec![(id, Op::Tag(TagAction::Add, TagId::new("0")))]
    );
    assert_eq!(s.convs.get("p_0").unwrap().tags, vec![TagId::new("0")]);
    answer(&mut s, id, Ok(Outcome::Tags(vec![TagId::new("0")])));
    assert_eq!(s.actions.items.len(), 0);
    assert_eq!(s.actions.confirmed, 1);
}

#[test]
fn dismissing_failed_actions() {
    let mut s = loaded();
    fails(&mut s, "u", server_error());
    press(&mut s, "X");
    assert!(s.actions.items.is_empty());
}

#[test]
fn staff_picker_keeps_existing_assignees_and_sends_one_full_list() {
    let mut s = loaded();
    s.convs.get_mut("p_0").unwrap().assignee_ids = vec![UserId::new("u1"), UserId::new("u9")];
    press(&mut s, "a");
    let p = picker(&s);
    assert_eq!(p.items.len(), 2, "disabled users are not offered");
    assert!(p.items[0].checked);
    press(&mut s, "Down");
    press(&mut s, "Space"); // select u2
    let cmds = press(&mut s, "Enter");
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
    assert_eq!(s.convs.get("p_0").unwrap().assignee_ids.len(), 3);
    // Confirmed with the server's list.
    answer(
        &mut s,
        ops[0].0,
        Ok(Outcome::Assignees(vec![
            UserId::new("u1"),
            UserId::new("u2"),
        ])),
    );
    assert_eq!(s.convs.get("p_0").unwrap().assignee_ids.len(), 2);
}

#[test]
fn staff_picker_with_no_change_sends_nothing_and_filters_by_typing() {
    let mut s = loaded();
    press(&mut s, "a");
    type_text(&mut s, "anh");
    let p = picker(&s);
    assert_eq!(p.matches.len(), 1);
    assert_eq!(p.highlighted().unwrap().label, "Anh");
    press_all(&mut s, "Backspace Backspace Backspace");
    let p = picker(&s);
    assert_eq!(p.matches.len(), 2);
    assert!(performed(&press(&mut s, "Enter")).is_empty());
}

#[test]
fn u_toggles_read_and_unread() {
    let mut s = loaded();
    let cmds = press(&mut s, "u");
    assert_eq!(performed(&cmds)[0].1, Op::Unread);
    assert!(!s.selected_conversation().unwrap().seen);
    let cmds = press(&mut s, "u");
    assert_eq!(performed(&cmds)[0].1, Op::Read);
}

#[test]
fn a_poll_older_than_a_pending_action_does_not_undo_it() {
    let mut s = loaded();
    press(&mut s, "u"); // p_0 unread, pending
    let mut polled = conv(0, NOW + 1, true); // the server has not seen it yet
    polled.snippet = "polled".into();
    feed(&mut s, LoadMode::Poll, None, Ok(vec![polled]));
    let c = s.convs.get("p_0").unwrap();
    assert_eq!(c.snippet, "polled");
    assert!(!c.seen, "the pending unread is re-applied");
}

#[test]
fn quit_waits_for_actions_in_flight() {
    let mut s = loaded();
    assert!(exits(&press(&mut s, "q")), "nothing pending: quit at once");

    let mut s = loaded();
    let id = action_of(&mut s, "u");
    assert!(!exits(&press(&mut s, "q")) && s.quitting.is_some());
    assert!(exits(&answer(&mut s, id, Ok(Outcome::Done))));

    let mut s = loaded();
    press_all(&mut s, "u q");
    assert!(exits(&tick(&mut s, NOW + 5)), "the grace period ends");

    let mut s = loaded();
    press_all(&mut s, "u q");
    assert!(exits(&press(&mut s, "q")), "q twice quits now");

    let mut s = loaded();
    assert!(exits(&press(&mut s, "C-c")));
    let mut s = loaded();
    assert!(exits(&update(&mut s, Msg::Terminate)));
}

#[test]
fn the_outbox_is_resent_after_a_restart_except_uncertain_replies() {
    let mut s = at_now(&[("p", "Page")]);
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
    assert!(!s.convs.get("p_0").unwrap().seen, "re-applied");
    let failed: Vec<_> = s.actions.failed().collect();
    assert_eq!(failed.len(), 1, "the reply waits for the agent");
    assert!(
        matches!(&failed[0].status, ActionStatus::Failed(w) if w.words(crate::i18n::Lang::En).contains("may have reached"))
    );
    // Dismissing it forgets the outbox entry and keeps the text as a draft.
    let cmds = press(&mut s, "X");
    assert_eq!(
        cmds,
        vec![
            Cmd::SaveDraft(PageId::new("p"), draft("p_0", "hi", &[])),
            Cmd::ForgetOutbox(vec![(PageId::new("p"), 8)])
        ]
    );
    assert_eq!(s.drafts.get("p_0").map(String::as_str), Some("hi"));
}

#[test]
fn a_reply_held_for_the_agent_stays_held_after_a_restart() {
    let mut s = blank(&[("p", "Page")]);
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
    let tag_id = fails(&mut s, "u", unreachable());
    press(&mut s, "r");
    type_text(&mut s, "y");
    let reply_id = action_of(&mut s, "Enter");
    // The answer timed out: Pancake may have posted it.
    answer(
        &mut s,
        reply_id,
        Err(ApiError::Timeout {
            timeout: std::time::Duration::from_secs(15),
        }),
    );
    // A reply that never left (no connection at all) is certainly unsent.
    press(&mut s, "r");
    type_text(&mut s, "k");
    let unsent_reply = fails(&mut s, "Enter", unreachable());
    let bad = rejected(crate::api::RequestKind::Tag, "no");
    // On another conversation: a later `u` on the same one would make the
    // first failure moot.
    press_all(&mut s, "Esc j");
    fails(&mut s, "u", bad);
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
fn z_sends_the_reverse_of_the_last_action() {
    let mut s = loaded();
    s.convs.get_mut("p_0").unwrap().assignee_ids = vec![UserId::new("u1")];
    press_all(&mut s, "t Space Esc");
    let ops = performed(&press(&mut s, "z"));
    assert_eq!(ops[0].1, Op::Tag(TagAction::Remove, TagId::new("0")));
    assert!(s.convs.get("p_0").unwrap().tags.is_empty());
    // Assign, then undo restores the previous list exactly.
    press_all(&mut s, "a Down Space Enter");
    let ops = performed(&press(&mut s, "z"));
    assert_eq!(ops[0].1, Op::Assign(vec![UserId::new("u1")]));
    // Read state flips back.
    press(&mut s, "u");
    let ops = performed(&press(&mut s, "z"));
    assert_eq!(ops[0].1, Op::Read);
    // Each z above took its action off the stack: nothing is left.
    assert!(press(&mut s, "z").is_empty());
    assert!(matches!(&s.notice, Some(Notice::Info(t)) if t.contains("nothing to undo")));
}

#[test]
fn z_walks_back_several_actions_and_says_it_skips_replies() {
    let mut s = loaded();
    press(&mut s, "t");
    press(&mut s, "Space"); // tag "Orders" on p_0
    press_all(&mut s, "Esc j");
    press(&mut s, "u"); // p_1: unread -> read
    press(&mut s, "r");
    type_text(&mut s, "ok");
    press(&mut s, "Enter"); // a reply on p_1
    press(&mut s, "Esc");
    // z: the reply is skipped and said so; the read is undone.
    let ops = performed(&press(&mut s, "z"));
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].1, Op::Unread);
    assert!(
        matches!(&s.notice, Some(Notice::Info(t))
            if t.contains("skipped a reply") && t.contains("1 more to undo")),
        "{:?}",
        s.notice
    );
    // z again: the action before, not the undo just made.
    let ops = performed(&press(&mut s, "z"));
    assert_eq!(ops[0].1, Op::Tag(TagAction::Remove, TagId::new("0")));
    assert!(press(&mut s, "z").is_empty());
}

#[test]
fn a_later_action_on_the_same_thing_makes_an_older_failure_moot() {
    let mut s = loaded();
    let failed = |s: &mut State, id| answer(s, id, Err(server_error()));
    // Tag 0 added, failed for now; the agent undoes it instead.
    press(&mut s, "t");
    let add = action_of(&mut s, "Space");
    press(&mut s, "Esc");
    failed(&mut s, add);
    s.actions.get_mut(add).unwrap().outbox = Some(7);
    let cmds = press(&mut s, "z");
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
    assert!(performed(&press(&mut s, "x")).is_empty(), "nor does x");

    // Read state: `u` then `u` again while the first is in flight. The first
    // fails after the second was queued: no rollback over the second, no resend.
    let seen0 = s.selected_conversation().unwrap().seen;
    let first = action_of(&mut s, "u");
    let second = action_of(&mut s, "u");
    failed(&mut s, first);
    assert!(s.actions.get(first).is_none());
    assert_eq!(s.selected_conversation().unwrap().seen, seen0);
    assert_eq!(s.actions.get(second).unwrap().status, ActionStatus::Pending);

    // Other things are not touched: a failed tag stays while assigning.
    press(&mut s, "t");
    let tag = action_of(&mut s, "Space");
    press(&mut s, "Esc");
    failed(&mut s, tag);
    press_all(&mut s, "a Space Enter");
    assert!(matches!(
        s.actions.get(tag).unwrap().status,
        ActionStatus::Failed(_)
    ));
}

#[test]
fn the_outbox_cancels_an_action_waiting_for_pancake_and_it_never_goes() {
    let mut s = loaded();
    let cmds = press(&mut s, "u"); // p_0: read -> unread
    let (id, _) = performed(&cmds)[0].clone();
    update(&mut s, Msg::Queued { id, outbox: 5 });
    // Still on its way: it cannot be called back.
    press(&mut s, "o");
    assert_eq!(s.overlay, Some(Overlay::Outbox { cursor: 0 }));
    assert!(net(press(&mut s, "d")).is_empty());
    assert_eq!(s.actions.items.len(), 1);
    assert!(
        matches!(&s.notice, Some(Notice::Info(t)) if t.contains("on its way")),
        "{:?}",
        s.notice
    );
    // Pancake is away: it fails for a passing reason and waits to go again.
    answer(&mut s, id, Err(server_error()));
    assert!(s.actions.items[0].transient);
    let cmds = press(&mut s, "d");
    assert_eq!(cmds, vec![Cmd::ForgetOutbox(vec![(PageId::new("p"), 5)])]);
    assert!(s.actions.items.is_empty());
    assert_eq!(s.overlay, None, "an empty outbox closes");
    assert!(
        s.convs.get(&ConversationId::new("p_0")).unwrap().seen,
        "rolled back when it failed, and stays so"
    );
    // Pancake answers again: nothing is resent.
    s.pages[0].sync.loading = true;
    let cmds = feed(&mut s, LoadMode::Poll, None, Ok(vec![]));
    assert!(performed(&cmds).is_empty(), "{cmds:?}");
}

#[test]
fn the_outbox_retries_one_failed_action_and_a_cancelled_reply_becomes_the_draft() {
    let mut s = loaded();
    let a = action_of(&mut s, "u");
    press(&mut s, "j");
    let b = action_of(&mut s, "u");
    for id in [a, b] {
        answer(
            &mut s,
            id,
            Err(rejected(crate::api::RequestKind::MarkUnread, "bad")),
        );
    }
    press_all(&mut s, "o j");
    let cmds = press(&mut s, "x");
    assert_eq!(
        performed(&cmds).iter().map(|p| p.0).collect::<Vec<_>>(),
        [b]
    );
    assert_eq!(s.overlay, Some(Overlay::Outbox { cursor: 1 }));

    // A reply that failed: cancelling it keeps its text as the draft.
    let mut s = loaded();
    let conv = ConversationId::new("p_0");
    let cmds = crate::app::update::act::reply(
        &mut s,
        &conv,
        Reply::Inbox {
            message: "Dạ shop gửi ạ".into(),
        },
    );
    let id = performed(&cmds)[0].0;
    answer(&mut s, id, Err(server_error()));
    press_all(&mut s, "o d");
    assert!(s.actions.items.is_empty());
    assert_eq!(
        s.drafts.get(&conv).map(String::as_str),
        Some("Dạ shop gửi ạ")
    );
}

/// What the outbox keeps for people to read (an action's label, a held
/// reply's reason) is kept on disk as a message id with its arguments, and
/// put into words in the language of the window that reads it back.
#[test]
fn a_held_reply_read_back_speaks_the_language_of_the_window_showing_it() {
    use crate::i18n::Lang;
    let dir = std::env::temp_dir().join(format!("pancake-held-said-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("page.sqlite");
    let writer = blank(&[("p", "Page")]);
    let c = conv(0, NOW, true);
    let label = super::super::describe::describe(&writer, &c, &Op::Unread);
    let why = ApiError::MaybeSent {
        message: String::new(),
    };
    {
        let (store, _) = crate::store::Store::open(&path).unwrap();
        store
            .outbox_add(&crate::store::OutboxEntry {
                conv: c.id.clone(),
                op: Op::Unread,
                label,
                created_at: UnixSeconds(NOW),
                sending: false,
                held: Some(why.said()),
            })
            .unwrap();
    }
    let shown = |lang: Lang| {
        let (store, _) = crate::store::Store::open(&path).unwrap();
        let rows = store.outbox_rows().unwrap();
        let kept = &rows.claimed.iter().chain(&rows.ours).next().unwrap().1;
        assert_eq!(kept.held.as_ref().unwrap().id, "error-maybe-sent", "a code");
        let mut s = blank(&[("p", "Page")]);
        s.settings.lang = lang;
        let cached = crate::app::Cached {
            page: PageId::new("p"),
            conversations: vec![c.clone()],
            outbox: rows.claimed.into_iter().chain(rows.ours).collect(),
            ..Default::default()
        };
        update(&mut s, Msg::Cached(Box::new(cached)));
        let a = s.actions.failed().next().unwrap().clone();
        assert!(a.uncertain, "known by its code, not its words");
        let ActionStatus::Failed(why) = &a.status else {
            unreachable!()
        };
        (a.label.words(lang), why.words(lang))
    };
    let (label, why) = shown(Lang::En);
    assert!(
        label.starts_with("mark ") && label.ends_with(" unread"),
        "{label}"
    );
    assert!(
        why.starts_with("Pancake said the private reply failed"),
        "{why}"
    );
    let (label, why) = shown(Lang::Vi);
    assert!(
        label.starts_with("đánh dấu ") && label.ends_with(" chưa đọc"),
        "{label}"
    );
    assert!(why.starts_with("Pancake báo trả lời riêng bị lỗi"), "{why}");
    let _ = std::fs::remove_dir_all(&dir);
}
