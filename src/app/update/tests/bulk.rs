//! Marks and bulk actions: the preview, its confirmation and the requests.

use super::*;

#[test]
fn marks_toggle_all_and_clear() {
    let mut s = loaded();
    press(&mut s, "Space");
    assert!(s.marks.contains(&ConversationId::new("p_0")));
    assert_eq!(selected(&s), "p_1", "marking moves down");
    press(&mut s, "Space");
    assert_eq!(s.marks.len(), 2);
    press_all(&mut s, "k Space");
    assert_eq!(s.marks.len(), 1, "unmarked");
    press(&mut s, "*");
    assert_eq!(s.marks.len(), 5);
    press(&mut s, "V");
    assert!(s.marks.is_empty());
}

#[test]
fn bulk_tag_previews_cost_then_sends_one_request_per_conversation() {
    let mut s = loaded();
    s.convs.get_mut("p_1").unwrap().tags = vec![TagId::new("0")];
    press_all(&mut s, "* t");
    let cmds = press(&mut s, "Enter"); // "Orders" (id 0)
    assert!(cmds.is_empty(), "nothing is sent before confirming");
    let Some(Overlay::Confirm(plan)) = &s.overlay else {
        panic!("{:?}", s.overlay)
    };
    assert_eq!(plan.requests(), 4, "p_1 already has it");
    assert_eq!(
        plan.preview(5),
        "tag 4 conversations \"Orders\": 4 requests, about 1 s (1 already done, skipped)"
    );
    let cmds = press(&mut s, "Enter");
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
    answer(&mut s, ops[0].0, Ok(Outcome::Tags(vec![TagId::new("0")])));
    answer(&mut s, ops[1].0, Err(server_error()));
    for (id, _) in &ops[2..] {
        answer(&mut s, *id, Ok(Outcome::Tags(vec![TagId::new("0")])));
    }
    let b = s.bulk.as_ref().unwrap();
    assert_eq!((b.done, b.failed), (3, 1));
    assert!(matches!(&s.notice, Some(Notice::Info(t)) if t.contains("3 done, 1 failed")));
    assert_eq!(
        performed(&press(&mut s, "x")).len(),
        1,
        "the failure retries"
    );
    answer(&mut s, ops[1].0, Ok(Outcome::Tags(vec![TagId::new("0")])));
    let b = s.bulk.as_ref().unwrap();
    assert_eq!((b.done, b.failed), (4, 0), "the retried one counts once");
    assert!(matches!(&s.notice, Some(Notice::Info(t)) if t.contains("4 done, 0 failed")));
}

#[test]
fn bulk_confirm_can_be_cancelled() {
    let mut s = loaded();
    press_all(&mut s, "* u");
    assert!(matches!(s.overlay, Some(Overlay::Confirm(_))));
    assert!(press(&mut s, "Esc").is_empty());
    assert!(s.overlay.is_none());
    assert_eq!(s.marks.len(), 5, "marks stay for another try");
    // A search hides some of them now: the preview says so.
    press(&mut s, "/");
    type_text(&mut s, "Customer 1");
    press(&mut s, "Enter");
    assert_eq!(s.visible.len(), 1);
    press(&mut s, "u");
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
    press_all(&mut s, "Space Space Space a Down Space Enter");
    let Some(Overlay::Confirm(plan)) = &s.overlay else {
        panic!()
    };
    assert!(
        plan.summary.contains("assign 3 conversations to Phương"),
        "{}",
        plan.summary
    );
    let ops = performed(&press(&mut s, "Enter"));
    assert!(
        ops.iter()
            .all(|(_, op)| *op == Op::Assign(vec![UserId::new("u2")]))
    );

    // Assign to me: asks who I am once, then adds me, keeping u2.
    let mut s2 = s.clone();
    press_all(&mut s2, "g A");
    let Some(Overlay::Picker(p)) = &s2.overlay else {
        panic!()
    };
    assert_eq!(p.kind, crate::app::picker::PickerKind::Me);
    let cmds = press(&mut s2, "Enter"); // "Anh" = u1
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
    press(&mut s, "g");
    s.convs.get_mut("p_0").unwrap().assignee_ids = vec![UserId::new("u1"), UserId::new("u2")];
    let ops = performed(&press(&mut s, "U"));
    assert_eq!(ops[0].1, Op::Assign(vec![UserId::new("u2")]));
}

#[test]
fn a_typed_name_and_enter_assigns_that_person_never_nobody() {
    // Bulk: mark three, a, type a name, Enter: re-assign to that person.
    let mut s = loaded();
    for _ in 0..3 {
        press(&mut s, "Space");
    }
    press(&mut s, "a");
    type_text(&mut s, "phuong");
    press(&mut s, "Enter");
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
        press(&mut s, "Space");
    }
    press_all(&mut s, "a Enter");
    assert!(
        matches!(&s.overlay, Some(Overlay::Picker(_))),
        "{:?}",
        s.overlay
    );
    assert!(matches!(&s.notice, Some(Notice::Info(t)) if t.contains("Space chooses")));
    // Ctrl-U clears what was typed; nothing matching: Enter changes nothing.
    let mut s = loaded();
    press(&mut s, "a");
    type_text(&mut s, "zz");
    let p = picker(&s);
    assert!(p.matches.is_empty());
    assert!(performed(&press(&mut s, "Enter")).is_empty());
    press(&mut s, "C-u");
    let p = picker(&s);
    assert!(p.query.is_empty() && !p.matches.is_empty());
    // One conversation: the typed person is added to who is there.
    s.overlay = None;
    s.convs.get_mut("p_0").unwrap().assignee_ids = vec![UserId::new("u1")];
    press(&mut s, "a");
    type_text(&mut s, "phuong");
    let ops = performed(&press(&mut s, "Enter"));
    assert_eq!(
        ops[0].1,
        Op::Assign(vec![UserId::new("u1"), UserId::new("u2")])
    );
}
