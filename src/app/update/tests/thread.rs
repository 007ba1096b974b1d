//! The open thread: opening it, its messages, older pages and its polls.

use super::*;

/// The newest page of a thread (a full one: 30 messages, pancake-api.md
/// § Messages): m0..m29, a second apart up to `NOW` - 971, every third
/// from the page.
fn newest_page() -> Vec<Message> {
    (0..30)
        .map(|i| msg(&format!("m{i}"), NOW - 1000 + i, i % 3 == 0))
        .collect()
}

#[test]
fn enter_opens_the_thread_and_marks_it_read() {
    let mut s = loaded();
    press(&mut s, "j"); // p_1 is unread
    assert!(!s.selected_conversation().unwrap().seen);
    let cmds = press(&mut s, "Enter");
    assert_eq!(s.focus, Focus::Thread);
    assert!(cmds.iter().any(|c| matches!(c,
        Cmd::LoadMessages { current_count: None, customer_id: Some(cid), .. } if cid == "c1")));
    assert_eq!(performed(&cmds).len(), 1);
    assert_eq!(performed(&cmds)[0].1, Op::Read);
    assert!(s.selected_conversation().unwrap().seen, "optimistic");
    assert_eq!(s.actions.pending(), 1);
    // Esc goes back; l opens again without reloading.
    press(&mut s, "Esc");
    assert_eq!(s.focus, Focus::List);
    let cmds = press(&mut s, "l");
    assert!(cmds.is_empty());
    assert_eq!(s.focus, Focus::Thread);
    press_all(&mut s, "h Tab");
    assert_eq!(s.focus, Focus::Thread);
    press(&mut s, "Tab");
    assert_eq!(s.focus, Focus::List);
}

#[test]
fn opening_a_read_thread_or_with_the_setting_off_does_not_mark_read() {
    let mut s = loaded();
    let cmds = press(&mut s, "Enter"); // p_0 is read
    assert!(performed(&cmds).is_empty());
    let mut s = loaded();
    s.settings.mark_read_on_open = false;
    press(&mut s, "j");
    assert!(performed(&press(&mut s, "Enter")).is_empty());
}

#[test]
fn messages_fill_the_thread_and_scrolling_up_loads_older_ones() {
    let mut s = loaded();
    s.convs.get_mut("p_0").unwrap().message_count = Some(100);
    press(&mut s, "Enter");
    let newest = newest_page();
    feed_messages(&mut s, "p_0", false, Ok(newest));
    let t = s.thread.as_ref().unwrap();
    assert_eq!(t.messages.len(), 30);
    assert!(!t.loading && t.scroll == 0 && !t.lines.is_empty());
    // Scroll to the top: ask for older ones from position 30.
    let cmds = press(&mut s, "g");
    assert!(matches!(
        &cmds[..],
        [Cmd::LoadMessages {
            current_count: Some(30),
            ..
        }]
    ));
    assert!(press(&mut s, "k").is_empty(), "one request at a time");
    let older: Vec<Message> = (0..30)
        .map(|i| msg(&format!("o{i}"), NOW - 5000 + i, false))
        .collect();
    feed_messages(&mut s, "p_0", true, Ok(older));
    let t = s.thread.as_ref().unwrap();
    assert_eq!(t.messages.len(), 60);
    assert_eq!(t.messages[0].id, "o0", "oldest first");
    assert!(!t.exhausted, "a full page: there may be more");
    // A short page may be short for an odd message the decoder skipped:
    // asked once more; an empty answer is the beginning.
    let cmds = press(&mut s, "g");
    assert_eq!(cmds.len(), 1);
    let first: Vec<Message> = (0..12)
        .map(|i| msg(&format!("f{i}"), NOW - 9000 + i, false))
        .collect();
    feed_messages(&mut s, "p_0", true, Ok(first));
    let t = s.thread.as_ref().unwrap();
    assert_eq!(t.messages.len(), 72);
    assert!(!t.exhausted);
    let cmds = press(&mut s, "g");
    assert_eq!(cmds.len(), 1);
    feed_messages(&mut s, "p_0", true, Ok(vec![]));
    assert!(s.thread.as_ref().unwrap().exhausted);
    press(&mut s, "G");
    assert_eq!(s.thread.as_ref().unwrap().scroll, 0);
}

#[test]
fn answers_for_a_thread_no_longer_open_are_dropped_and_errors_shown() {
    let mut s = loaded();
    press(&mut s, "Enter");
    feed_messages(&mut s, "p_3", false, Ok(vec![msg("x", NOW, false)]));
    assert!(s.thread.as_ref().unwrap().messages.is_empty());
    feed_messages(&mut s, "p_0", false, Err(server_error()));
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
    press(&mut s, "Enter");
    feed_messages(&mut s, "p_0", false, Ok(vec![msg("m1", NOW, false)]));
    assert!(
        tick(&mut s, NOW + 5)
            .iter()
            .all(|c| !matches!(c, Cmd::LoadMessages { .. }))
    );
    // Nothing told it changed: the safety net polls it after a minute.
    let cmds = tick(&mut s, NOW + 60);
    assert!(cmds.iter().any(|c| matches!(
        c,
        Cmd::LoadMessages {
            current_count: None,
            ..
        }
    )));
}

#[test]
fn a_thread_poll_that_brings_nothing_new_does_not_lay_the_thread_out_again() {
    let mut s = loaded();
    press(&mut s, "Enter");
    let newest = newest_page();
    feed_messages(&mut s, "p_0", false, Ok(newest.clone()));
    let marker = crate::app::thread::ThreadLine {
        kind: crate::app::thread::LineKind::Note,
        text: "laid out before".into(),
    };
    s.thread.as_mut().unwrap().lines.push(marker.clone());
    feed_messages(&mut s, "p_0", false, Ok(newest.clone()));
    assert_eq!(s.thread.as_ref().unwrap().lines.last(), Some(&marker));
    // A new message does lay it out again.
    let mut more = newest;
    more.push(msg("m30", NOW, false));
    feed_messages(&mut s, "p_0", false, Ok(more));
    let t = s.thread.as_ref().unwrap();
    assert_ne!(t.lines.last(), Some(&marker));
    assert_eq!(t.messages.len(), 31);
}

/// Pancake refuses the messages call for the page customer's id: the
/// thread is asked again with the global id, and once that is answered the
/// page keeps that way (in its cache): the next thread is asked so at once.
#[test]
fn a_thread_refused_for_its_customer_id_is_asked_the_next_way_and_the_page_keeps_it() {
    use crate::api::quirks::ThreadAsk;
    let mut s = loaded();
    let cmds = press(&mut s, "Enter");
    assert!(cmds.iter().any(|c| matches!(c,
        Cmd::LoadMessages { customer_id: Some(id), .. } if id == "c0")));
    let refusal = ApiError::Failed {
        what: crate::api::RequestKind::Messages,
        code: None,
        message: "customer not found".into(),
    };
    let cmds = feed_messages(&mut s, "p_0", false, Err(refusal.clone()));
    assert!(
        matches!(&cmds[..], [Cmd::LoadMessages { customer_id: Some(id), current_count: None, .. }] if id == "g0"),
        "{cmds:?}"
    );
    assert!(
        s.thread.as_ref().unwrap().error.is_none(),
        "not shown: asked again"
    );
    let cmds = feed_messages(&mut s, "p_0", false, Ok(newest_page()));
    let kept = cmds.iter().find_map(|c| match c {
        Cmd::SaveMeta(_, m) => Some(m.quirks.thread),
        _ => None,
    });
    assert_eq!(kept, Some(ThreadAsk::GlobalId));
    assert_eq!(s.thread.as_ref().unwrap().messages.len(), 30);
    // The next thread: the global id at once.
    press_all(&mut s, "Esc j");
    let cmds = press(&mut s, "Enter");
    assert!(cmds.iter().any(|c| matches!(c,
        Cmd::LoadMessages { customer_id: Some(id), .. } if id == "g1")));
    // Refused that way too: then without any id; then nothing is left and
    // the refusal shows.
    let cmds = feed_messages(&mut s, "p_1", false, Err(refusal.clone()));
    assert!(matches!(
        &cmds[..],
        [Cmd::LoadMessages {
            customer_id: None,
            ..
        }]
    ));
    let cmds = feed_messages(&mut s, "p_1", false, Err(refusal));
    assert!(net(cmds).is_empty());
    assert!(s.thread.as_ref().unwrap().error.is_some());
}
