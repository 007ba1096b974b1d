//! The tasks' tests: actions queued, sent and answered against the simulator.

use super::*;
use crate::api::{ConversationId, NoteOp, Op, Reply, TagAction, TagId};
use crate::app::Outcome;
use crate::runtime::test_sim::{inbox_on_sim, tasks_on};
use crate::sim::Faults;

/// Each op as an action of the agent on `conv`, in order.
fn perform_all(tasks: &Tasks, page: &PageId, conv: &ConversationId, ops: &[Op]) {
    for (i, op) in ops.iter().enumerate() {
        tasks.spawn(Cmd::Perform {
            page: page.clone(),
            id: i as u64 + 1,
            conv: conv.clone(),
            op: op.clone(),
            bulk: false,
            outbox: None,
            label: format!("action {i}").into(),
        });
    }
}

/// Pancake unreachable: the first action on a conversation keeps
/// retrying while the next ones wait their turn. Killed now, the next
/// start must find all of them, in order.
#[tokio::test]
async fn every_action_is_in_the_outbox_before_its_turn_comes() {
    let dir = std::env::temp_dir().join(format!("pancake-tasks-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let page = PageId::new("105");
    let (store, _) = Store::open(&crate::store::page_path(&dir, &page)).unwrap();
    let store = Arc::new(store);
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (tasks, mut rx) = tasks_on(
        format!("http://127.0.0.1:{port}"),
        &page,
        "t",
        Some(store.clone()),
    );
    let conv = ConversationId::new("c1");
    let ops = [
        Op::Unread,
        Op::Tag(TagAction::Add, TagId::new("3")),
        Op::Assign(vec![]),
        Op::Read,
    ];
    perform_all(&tasks, &page, &conv, &ops);
    tasks.flush_outbox().await;
    let written: Vec<Op> = store
        .outbox()
        .unwrap()
        .into_iter()
        .map(|(_, e)| e.op)
        .collect();
    assert_eq!(written, ops.to_vec(), "all four, in the order made");
    // And the app is told where each one is.
    let mut queued = 0;
    while queued < ops.len() {
        match rx.recv().await {
            Some(Msg::Queued { .. }) => queued += 1,
            Some(_) => {}
            None => break,
        }
    }
    assert_eq!(queued, ops.len());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The app was killed (kill -9) after a note add was written ahead and
/// left, before Pancake's answer was kept: the outbox still has it,
/// marked as leaving. Restarted, the note is read back first: one that
/// arrived is not added again; one that did not goes once.
#[tokio::test]
async fn a_note_add_interrupted_by_a_crash_is_never_added_twice() {
    let (sim, main, page, conv_id) = inbox_on_sim().await;
    let conv = ConversationId::new(conv_id.clone());
    let customer = sim.conversation_json(&main.id, &conv_id).unwrap()["page_customer"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let dir = std::env::temp_dir().join(format!("pancake-note-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = crate::store::page_path(&dir, &page);
    let notes_of = |sim: &crate::sim::SimHandle| -> Vec<String> {
        sim.conversation_json(&main.id, &conv_id).unwrap()["page_customer"]["notes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|n| n["removed_at"].is_null())
            .filter_map(|n| n["message"].as_str().map(str::to_owned))
            .collect()
    };
    let posts = |sim: &crate::sim::SimHandle| {
        sim.requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path.ends_with("/notes"))
            .count()
    };
    for (arrived, text) in [(true, "Khách hẹn gọi lại 18h"), (false, "Giao trước 10h")] {
        let op = Op::Note {
            customer: customer.clone(),
            note: NoteOp::Add {
                message: text.into(),
                at: UnixSeconds::now(),
            },
        };
        // Before the crash: written ahead, marked as leaving, and (or
        // not) received by Pancake; its answer never kept.
        let oid = {
            let (store, _) = Store::open(&path).unwrap();
            let entry = OutboxEntry {
                conv: conv.clone(),
                op: op.clone(),
                label: "note".into(),
                created_at: UnixSeconds::now(),
                sending: true,
                held: None,
            };
            store.outbox_add(&entry).unwrap()
        };
        if arrived {
            let (first, _) = tasks_on(sim.base_url(), &page, &main.token, None);
            let api = first.pages[&page].api.clone();
            if let Op::Note { customer, note } = &op {
                api.note(customer, note).await.unwrap();
            }
        }
        let before = posts(&sim);
        // Restarted: the entry is sent again from the outbox, as the
        // restore does with an entry that is not a reply.
        let (store, _) = Store::open(&path).unwrap();
        let store = Arc::new(store);
        let restored = store.outbox().unwrap();
        assert_eq!(restored.len(), 1);
        assert!(restored[0].1.sending, "it was leaving when the app died");
        let (tasks, mut rx) = tasks_on(sim.base_url(), &page, &main.token, Some(store.clone()));
        tasks.spawn(Cmd::Perform {
            page: page.clone(),
            id: 1,
            conv: conv.clone(),
            op: restored[0].1.op.clone(),
            bulk: false,
            outbox: Some(oid),
            label: "note".into(),
        });
        loop {
            match rx.recv().await {
                Some(Msg::ActionDone { result, .. }) => {
                    assert!(result.is_ok(), "{result:?}");
                    break;
                }
                Some(_) => {}
                None => panic!("the tasks stopped"),
            }
        }
        let sent_now = posts(&sim) - before;
        assert_eq!(sent_now, usize::from(!arrived), "arrived: {arrived}");
        let notes = notes_of(&sim);
        assert_eq!(
            notes.iter().filter(|n| n.as_str() == text).count(),
            1,
            "exactly once: {notes:?}"
        );
        assert!(
            store.outbox().unwrap().is_empty(),
            "confirmed: out of the outbox"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Pancake made the change and answered 200 with a body that cannot be
/// read: the action is done, not failed (a failed reply invites a
/// second send, a duplicate message to the customer).
#[tokio::test]
async fn a_change_answered_with_an_unreadable_200_is_done_not_failed() {
    let (sim, main, page, conv_id) = inbox_on_sim().await;
    let (tasks, mut rx) = tasks_on(sim.base_url(), &page, &main.token, None);
    let conv = ConversationId::new(conv_id.clone());
    let tag = sim.tags_json(&main.id)["tags"][0]["id"].clone();
    sim.set_faults(Faults {
        malformed: true,
        ..Faults::default()
    });
    let ops = [
        Op::Tag(
            TagAction::Add,
            TagId::new(tag.to_string().trim_matches('"')),
        ),
        Op::Reply(Reply::Inbox {
            message: "Dạ em gửi ạ".into(),
        }),
    ];
    perform_all(&tasks, &page, &conv, &ops);
    let mut done = Vec::new();
    while done.len() < ops.len() {
        if let Some(Msg::ActionDone { id, result }) = rx.recv().await {
            done.push((id, result.map_err(|e| e.to_string())));
        }
    }
    done.sort_by_key(|(id, _)| *id);
    assert_eq!(done[0].1, Ok(Outcome::Done));
    assert_eq!(done[1].1, Ok(Outcome::Sent(None)));
    // And the simulator did both.
    let c = sim.conversation_json(&main.id, &conv_id).unwrap();
    assert!(c["tags"].as_array().unwrap().contains(&tag), "{c}");
    let posts = sim
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(posts, 2, "each sent once");
}
