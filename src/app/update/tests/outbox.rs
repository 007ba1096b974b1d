//! The outbox shared by windows: an action not written down is not sent
//! and says why; another window's actions are shown, never sent from
//! here, and taken over when that window is gone.

use super::*;
use crate::store::OutboxEntry;

fn entry(op: Op, sending: bool) -> OutboxEntry {
    OutboxEntry {
        conv: ConversationId::new("p_1"),
        op,
        label: "reply to Customer 1".into(),
        created_at: UnixSeconds(1),
        sending,
        held: None,
    }
}

#[test]
fn an_action_that_could_not_be_written_down_is_not_sent_says_why_and_retries() {
    let mut s = loaded();
    let id = action_of(&mut s, "u");
    let why = "cache /c/p.sqlite: disk I/O error: File too large (os error 27)";
    let cmds = update(
        &mut s,
        Msg::NotKept {
            id,
            why: why.into(),
        },
    );
    assert!(cmds.is_empty());
    let a = s.actions.get(id).unwrap();
    assert!(
        matches!(&a.status, ActionStatus::Failed(w) if w.words(crate::i18n::Lang::En).contains("File too large"))
    );
    assert!(!a.transient, "it does not go again by itself");
    assert!(
        matches!(&s.notice, Some(Notice::Error(t)) if t.contains("NOT SENT") && t.contains("File too large")),
        "{:?}",
        s.notice
    );
    // `x` tries again: written down first, again.
    let cmds = press(&mut s, "x");
    assert!(
        matches!(cmds.as_slice(), [Cmd::Perform { outbox: None, .. }]),
        "{cmds:?}"
    );
}

#[test]
fn another_windows_actions_show_pending_are_never_sent_here_and_are_taken_over() {
    let mut s = loaded();
    let page = PageId::new("p");
    let reply = Op::Reply(Reply::Inbox {
        message: "Dạ".into(),
    });
    // Another window owns entries 3 (a reply leaving) and 4.
    let cmds = update(
        &mut s,
        Msg::OutboxSeen {
            page: page.clone(),
            claimed: vec![],
            theirs: vec![
                (3, entry(reply.clone(), true)),
                (4, entry(Op::Unread, false)),
            ],
        },
    );
    assert!(performed(&cmds).is_empty(), "nothing sent from here");
    assert_eq!(s.actions.elsewhere(), 2);
    assert_eq!(s.actions.pending(), 0, "not this window's to wait for");
    // Seen again: not listed twice.
    update(
        &mut s,
        Msg::OutboxSeen {
            page: page.clone(),
            claimed: vec![],
            theirs: vec![
                (3, entry(reply.clone(), true)),
                (4, entry(Op::Unread, false)),
            ],
        },
    );
    assert_eq!(s.actions.items.len(), 2);
    // It cannot be cancelled from here: that window may be sending it.
    press(&mut s, "o");
    let cmds = press(&mut s, "d");
    assert!(net(cmds).is_empty());
    assert!(
        matches!(&s.notice, Some(Notice::Info(t)) if t.contains("cancel it there")),
        "{:?}",
        s.notice
    );
    assert_eq!(s.actions.items.len(), 2);
    press(&mut s, "Esc");
    // q quits at once: nothing of this window in flight.
    assert!(exits(&press(&mut s, "q")));
    // 4 was finished there; that window then died leaving 3, which this
    // one claimed: a reply that was leaving waits for the agent.
    let cmds = update(
        &mut s,
        Msg::OutboxSeen {
            page: page.clone(),
            claimed: vec![(3, entry(reply.clone(), true))],
            theirs: vec![],
        },
    );
    assert!(performed(&cmds).is_empty(), "{cmds:?}");
    assert_eq!(s.actions.elsewhere(), 0);
    assert_eq!(s.actions.items.len(), 1);
    let a = &s.actions.items[0];
    assert_eq!(a.outbox, Some(3));
    assert!(a.uncertain, "it may have reached Pancake");
    // One not leaving when taken over is sent from here.
    let cmds = update(
        &mut s,
        Msg::OutboxSeen {
            page: page.clone(),
            claimed: vec![(9, entry(Op::Unread, false))],
            theirs: vec![],
        },
    );
    assert!(
        matches!(
            cmds.as_slice(),
            [Cmd::Perform {
                outbox: Some(9),
                ..
            }]
        ),
        "{cmds:?}"
    );
    // A send refused because the entry is another window's: pending there.
    let id = s.actions.items.last().unwrap().id;
    update(&mut s, Msg::NotOurs { id, gone: false });
    assert!(s.actions.get(id).unwrap().elsewhere);
    update(&mut s, Msg::NotOurs { id, gone: true });
    assert!(s.actions.get(id).is_none(), "finished elsewhere");
}
