//! Drafts through the real tasks and store: saved, read back in order after
//! this window's writes, the debounce timer, and a store that refuses the
//! write said on the status bar.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::UnboundedReceiver;

use crate::api::{ConversationId, PageId, UnixSeconds};
use crate::app::{Cmd, Msg, Notice, Settings, State, update};
use crate::runtime::test_sim::tasks_on;
use crate::store::{Draft, Store};

/// Generous: a message this late is a failure, not a slow machine.
const PATIENCE: Duration = Duration::from_secs(20);

async fn next(rx: &mut UnboundedReceiver<Msg>) -> Msg {
    tokio::time::timeout(PATIENCE, rx.recv())
        .await
        .expect("an answer in time")
        .expect("the channel open")
}

fn store(name: &str) -> (Arc<Store>, PageId) {
    let dir = std::env::temp_dir().join(format!("pancake-rt-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let page = PageId::new("p");
    let (s, _) = Store::open(&crate::store::page_path(&dir, &page)).unwrap();
    (Arc::new(s), page)
}

fn draft(text: &str) -> Draft {
    Draft {
        conv: ConversationId::new("c1"),
        text: text.into(),
        files: vec!["/tmp/a.png".into()],
        updated: UnixSeconds(1),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_is_saved_then_read_back_and_the_timer_wakes_the_app() {
    let (store, page) = store("rw");
    // Nothing listens there: no task here calls the API.
    let (tasks, mut rx) = tasks_on("http://127.0.0.1:9".into(), &page, "t", Some(store.clone()));
    tasks.spawn(Cmd::SaveDraft(page.clone(), draft("một")));
    tasks.spawn(Cmd::SaveDraft(page.clone(), draft("hai")));
    // Read after the saves queued before it: the last one.
    tasks.spawn(Cmd::LoadDraft(page.clone(), "c1".into()));
    for _ in 0..2 {
        assert!(matches!(
            next(&mut rx).await,
            Msg::DraftSaved { result: Ok(()), .. }
        ));
    }
    match next(&mut rx).await {
        Msg::DraftLoaded { conv, result } => {
            assert_eq!(conv.as_str(), "c1");
            assert_eq!(result, Ok(Some(draft("hai"))));
        }
        other => panic!("{other:?}"),
    }
    let started = Instant::now();
    let after = Duration::from_millis(50);
    tasks.spawn(Cmd::DraftTimer {
        conv: "c1".into(),
        seq: 7,
        after,
    });
    assert!(matches!(next(&mut rx).await, Msg::DraftDue { seq: 7, .. }));
    assert!(started.elapsed() >= after);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_the_store_refuses_is_said_on_the_status_bar() {
    let (store, page) = store("refused");
    // The table's name taken by a view: every write to it fails.
    let path = store.path().to_owned();
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch("CREATE VIEW drafts AS SELECT 1 AS conv")
        .unwrap();
    drop(c);
    let (tasks, mut rx) = tasks_on("http://127.0.0.1:9".into(), &page, "t", Some(store));
    tasks.spawn(Cmd::SaveDraft(page.clone(), draft("một")));
    let msg = next(&mut rx).await;
    assert!(
        matches!(&msg, Msg::DraftSaved { result: Err(_), .. }),
        "{msg:?}"
    );
    let mut s = State::new(vec![(page, "Page".into())], Settings::default());
    update(&mut s, msg);
    assert!(
        matches!(&s.notice, Some(Notice::Error(t)) if t.starts_with("the draft was not saved: cache ")),
        "{:?}",
        s.notice
    );
    assert!(s.drafts_unsaved.contains(&ConversationId::new("c1")));
}
