//! Replies: the composer, sending and failing, drafts, canned and private
//! replies, the external editor.

use super::*;

#[test]
fn reply_composes_multiline_sends_and_confirms() {
    let mut s = loaded();
    let cmds = press(&mut s, "r");
    assert!(s.composer.is_some());
    assert!(
        cmds.iter().any(|c| matches!(c, Cmd::LoadMessages { .. })),
        "thread opens under it"
    );
    type_text(&mut s, "Chào");
    press(&mut s, "A-Enter");
    update(&mut s, Msg::Paste("bạn 😍\x1b[31m".into()));
    let cmds = press(&mut s, "Enter");
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
    assert_eq!(s.thread.as_ref().unwrap().outgoing.len(), 1);
    assert_thread_shows(&s, "sending");
    answer(&mut s, id, Ok(Outcome::Sent(Some(msg("sent1", NOW, true)))));
    let t = s.thread.as_ref().unwrap();
    assert!(t.outgoing.is_empty());
    assert!(t.messages.iter().any(|m| m.id == "sent1"));
}

/// `loaded()` with the composer open on p_0 and `text` typed into it.
fn drafting(text: &str) -> State {
    let mut s = loaded();
    press(&mut s, "r");
    type_text(&mut s, text);
    s
}

/// Send "hi" from the open thread of `loaded()` and answer it with `e`.
fn reply_answered(e: ApiError) -> State {
    let mut s = drafting("hi");
    fails(&mut s, "Enter", e);
    s
}

#[test]
fn a_reply_outside_facebooks_24_hours_says_so_and_is_never_resent_by_itself() {
    let mut s = reply_answered(ApiError::OutsideWindow {
        message: "(#10) This message is sent outside of allowed window.".into(),
    });
    assert_thread_shows(&s, "FAILED: Facebook allows replies only within 24 h");
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
    assert_thread_shows(&s, "MAY HAVE BEEN SENT");
    assert_thread_lacks(&s, "FAILED");
    let a = s.actions.failed().next().unwrap();
    assert!(a.uncertain && !a.transient, "the agent decides");
}

#[test]
fn a_failed_reply_stays_visible_and_esc_keeps_a_draft() {
    let mut s = drafting("hi");
    let cmds = press(&mut s, "Esc");
    assert!(s.composer.is_none());
    assert_eq!(s.drafts.get("p_0").map(String::as_str), Some("hi"));
    assert_eq!(
        cmds,
        vec![Cmd::SaveDraft(PageId::new("p"), draft("p_0", "hi", &[]))],
        "kept on disk"
    );
    press(&mut s, "r");
    assert_eq!(s.composer.as_ref().unwrap().input.text, "hi");
    fails(&mut s, "Enter", server_error());
    assert!(s.thread.as_ref().unwrap().outgoing[0].failed.is_some());
    assert_thread_shows(&s, "FAILED");
    // Another thread, then back: the failed reply is still there.
    press_all(&mut s, "Esc j Enter");
    assert!(s.thread.as_ref().unwrap().outgoing.is_empty());
    press_all(&mut s, "Esc k Enter");
    assert_eq!(s.thread.as_ref().unwrap().conv.as_str(), "p_0");
    assert_thread_shows(&s, "FAILED");
    let cmds = press(&mut s, "x");
    assert!(
        matches!(&performed(&cmds)[0].1, Op::Reply(Reply::Inbox { message }) if message == "hi")
    );
    // On its way again.
    assert_thread_shows(&s, "sending…");
    // It never left this machine: it will go by itself, and says so.
    let id = s.actions.items[0].id;
    answer(&mut s, id, Err(unreachable()));
    assert_thread_shows(&s, "not sent yet, goes when Pancake answers");
}

#[test]
fn blank_replies_are_not_sent_and_comments_answer_the_last_comment() {
    let mut s = loaded();
    press(&mut s, "r");
    assert!(performed(&press(&mut s, "Enter")).is_empty());
    press(&mut s, "Esc");

    let mut s = loaded();
    s.convs.get_mut("p_0").unwrap().kind = ConversationType::Comment;
    press(&mut s, "r");
    feed_messages(
        &mut s,
        "p_0",
        false,
        Ok(vec![msg("cm1", NOW - 5, false), msg("pg1", NOW - 1, true)]),
    );
    press(&mut s, "k");
    let cmds = press(&mut s, "Enter");
    assert!(matches!(&performed(&cmds)[0].1,
        Op::Reply(Reply::Comment { message_id, .. }) if message_id == "cm1"));
}

#[test]
fn canned_replies_fill_placeholders_and_add_their_tags_on_send() {
    let mut s = loaded();
    s.canned = crate::app::canned::parse(
        "[[replies]]\nname = \"Hi\"\ntext = \"Chào {customer_name} từ {page_name}\"\ntags = [\"orders\"]\n",
    )
    .unwrap();
    press_all(&mut s, "r C-t");
    assert!(
        matches!(&s.overlay, Some(Overlay::Picker(p)) if p.kind == crate::app::picker::PickerKind::Canned)
    );
    press(&mut s, "Enter");
    assert!(s.overlay.is_none());
    assert_eq!(
        s.composer.as_ref().unwrap().input.text,
        "Chào Customer 0 từ Page"
    );
    let ops = performed(&press(&mut s, "Enter"));
    assert_eq!(ops.len(), 2);
    assert!(
        matches!(&ops[0].1, Op::Reply(Reply::Inbox { message }) if message == "Chào Customer 0 từ Page")
    );
    assert_eq!(ops[1].1, Op::Tag(TagAction::Add, TagId::new("0")));
}

#[test]
fn private_replies_only_where_facebook_allows_and_once() {
    let mut s = loaded();
    s.convs.get_mut("p_0").unwrap().kind = ConversationType::Comment;
    s.convs.get_mut("p_0").unwrap().post_id = Some("post1".into());
    press(&mut s, "r");
    let mut old = msg("old", NOW - 8 * 86_400, false);
    old.from_id = Some("cust".into());
    feed_messages(&mut s, "p_0", false, Ok(vec![old]));
    press(&mut s, "C-p");
    assert!(!s.composer.as_ref().unwrap().private);
    assert!(matches!(&s.notice, Some(Notice::Error(t)) if t.contains("7 days")));
    let mut fresh = msg("new", NOW - 3600, false);
    fresh.from_id = Some("cust".into());
    feed_messages(&mut s, "p_0", false, Ok(vec![fresh]));
    press(&mut s, "C-p");
    assert!(s.composer.as_ref().unwrap().private);
    type_text(&mut s, "ok");
    let ops = performed(&press(&mut s, "Enter"));
    assert_eq!(
        ops[0].1,
        Op::Reply(Reply::Private {
            post_id: "post1".into(),
            message_id: "new".into(),
            from_id: "cust".into(),
            message: "ok".into()
        })
    );
    press_all(&mut s, "r C-p");
    assert!(matches!(&s.notice, Some(Notice::Error(t)) if t.contains("already")));
    // Inbox conversations explain why not.
    let mut s = loaded();
    press_all(&mut s, "r C-p");
    assert!(matches!(&s.notice, Some(Notice::Error(t)) if t.contains("inbox")));
}

#[test]
fn ctrl_e_hands_the_draft_to_the_editor_and_takes_it_back() {
    let mut s = drafting("a");
    let cmds = press(&mut s, "C-e");
    assert_eq!(
        cmds,
        [Cmd::Edit(crate::app::EditRequest {
            conv: "p_0".into(),
            text: "a".into()
        })],
        "the editor alone, on the terminal"
    );
    assert!(
        cmds.iter().all(Cmd::on_terminal),
        "the editor is not a task"
    );
    update(
        &mut s,
        Msg::Edited {
            conv: "p_0".into(),
            result: Ok("line 1\nline 2\x1b[2J\n".into()),
        },
    );
    let text = s.composer.as_ref().unwrap().input.text.clone();
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
    assert_eq!(s.composer.as_ref().unwrap().input.text, text, "kept");
    assert!(matches!(&s.notice, Some(Notice::Error(t)) if t.contains("vi exited")));
}
