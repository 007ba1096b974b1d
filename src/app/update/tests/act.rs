//! Actions (tag, assign, read): optimistic, confirmed or rolled back, retried,
//! undone; the outbox across restarts and while offline; quitting with
//! actions in flight.

use super::*;

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
    let cmds = crate::app::update::act::reply(
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
