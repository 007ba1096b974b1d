//! Writes actions into a page's durable outbox, in the order the agent made
//! them, the moment they are made: an action queued behind another on the
//! same conversation, or waiting for the page's rate budget, is already on
//! disk if the app is killed. One writer per page; what arrives while it
//! writes goes down together in one transaction (a bulk of 300 is a handful
//! of transactions, not 300).
//!
//! The page's other writes (reminders, drafts, the sync state) go through
//! the same writer, so they land in the order they were made: a snooze
//! changed and then cancelled is cancelled on disk too.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use crate::api::PageId;
use crate::app::Msg;
use crate::app::actions::ActionId;
use crate::i18n::Said;
use crate::store::{Claim, OutboxEntry, Store, StoreError};

/// How often a window looks at its pages' outboxes for what other windows
/// of the inbox added, finished, or left behind when they closed or died.
const WATCH_EVERY: Duration = Duration::from_secs(2);

/// A write to the page's store, and what it is about (for the log).
type Write = (
    &'static str,
    Box<dyn FnOnce(&Store) -> Result<(), StoreError> + Send>,
);

/// Its outbox id, or why it could not be written.
type Added = Result<i64, Said>;

enum Job {
    /// Boxed: an entry (its label and reason kept as messages) is much
    /// larger than the other jobs.
    Add(Box<OutboxEntry>, oneshot::Sender<Added>),
    Write(Write),
    Flush(oneshot::Sender<()>),
}

/// The handle of a page's writer task.
#[derive(Clone)]
pub struct OutboxWriter {
    jobs: mpsc::UnboundedSender<Job>,
}

impl OutboxWriter {
    /// Start the writer; must be called inside a tokio runtime.
    pub fn start(store: Arc<Store>) -> Self {
        let (jobs, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(store, rx));
        OutboxWriter { jobs }
    }

    /// Queue `entry` (in call order); the answer is its outbox id, or why
    /// the cache could not take it (then the action must not be sent: a
    /// crash would lose what it did, or send it twice).
    pub fn add(&self, entry: OutboxEntry) -> oneshot::Receiver<Added> {
        let (tx, rx) = oneshot::channel();
        let _ = self.jobs.send(Job::Add(Box::new(entry), tx));
        rx
    }

    /// Queue a write to the page's store, after every one queued before it
    /// (a failure is logged: the cache is a cache).
    pub fn write(
        &self,
        what: &'static str,
        f: impl FnOnce(&Store) -> Result<(), StoreError> + Send + 'static,
    ) {
        let _ = self.jobs.send(Job::Write((what, Box::new(f))));
    }

    /// Wait until everything queued before this call is on disk.
    pub async fn flush(&self) {
        let (tx, rx) = oneshot::channel();
        if self.jobs.send(Job::Flush(tx)).is_ok() {
            let _ = rx.await;
        }
    }
}

async fn run(store: Arc<Store>, mut rx: mpsc::UnboundedReceiver<Job>) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while let Ok(more) = rx.try_recv() {
            batch.push(more);
        }
        let mut entries = Vec::new();
        let mut answers = Vec::new();
        let mut writes: Vec<Write> = Vec::new();
        let mut flushed = Vec::new();
        for job in batch {
            match job {
                Job::Add(entry, answer) => {
                    entries.push(*entry);
                    answers.push(answer);
                }
                Job::Write(w) => writes.push(w),
                Job::Flush(done) => flushed.push(done),
            }
        }
        let ids = if entries.is_empty() {
            Ok(Vec::new())
        } else {
            let store = store.clone();
            match tokio::task::spawn_blocking(move || store.outbox_add_many(&entries)).await {
                Ok(Ok(ids)) => Ok(ids),
                Ok(Err(e)) => {
                    tracing::warn!("outbox: {e}");
                    Err(e.said())
                }
                Err(e) => Err(Said::new("store-writer-stopped").arg("reason", e.to_string())),
            }
        };
        for (i, answer) in answers.into_iter().enumerate() {
            let added = match &ids {
                Ok(ids) => ids
                    .get(i)
                    .copied()
                    .ok_or_else(|| Said::new("store-not-written")),
                Err(e) => Err(e.clone()),
            };
            let _ = answer.send(added);
        }
        if !writes.is_empty() {
            let store = store.clone();
            let _ = tokio::task::spawn_blocking(move || {
                for (what, write) in writes {
                    if let Err(e) = write(&store) {
                        tracing::warn!("{what}: {e}");
                    }
                }
            })
            .await;
        }
        for done in flushed {
            let _ = done.send(());
        }
    }
}

/// Claim outbox entry `oid` for this window and mark it as leaving, in one
/// transaction, before action `id` is sent: only the window owning the
/// entry sends it (`store/owner.rs`), and a mark that cannot be written
/// stops it (after a crash it could not be told from one never sent).
/// `None`: go; else the message that stops it.
pub async fn claim(store: Arc<Store>, oid: i64, entry: &OutboxEntry, id: ActionId) -> Option<Msg> {
    let sending = OutboxEntry {
        sending: true,
        held: None,
        ..entry.clone()
    };
    let claim = move || store.outbox_claim(oid, &sending);
    let why = match tokio::task::spawn_blocking(claim).await {
        Ok(Ok(Claim::Mine)) => return None,
        Ok(Ok(Claim::Theirs)) => return Some(Msg::NotOurs { id, gone: false }),
        Ok(Ok(Claim::Gone)) => return Some(Msg::NotOurs { id, gone: true }),
        Ok(Err(e)) => e.said(),
        Err(e) => Said::verbatim(e.to_string()),
    };
    Some(Msg::NotKept { id, why })
}

/// Look at `page`'s outbox now and every [`WATCH_EVERY`]: take over what
/// a window that is gone left (`store/owner.rs`), and tell the app what
/// other windows own. Ends when the app is gone.
pub fn watch(store: Arc<Store>, page: PageId, tx: mpsc::UnboundedSender<Msg>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(WATCH_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let s = store.clone();
            let rows = match tokio::task::spawn_blocking(move || s.outbox_rows()).await {
                Ok(Ok(rows)) => rows,
                Ok(Err(e)) => {
                    tracing::warn!("outbox watch: {e}");
                    continue;
                }
                Err(_) => return,
            };
            let msg = Msg::OutboxSeen {
                page: page.clone(),
                claimed: rows.claimed,
                theirs: rows.theirs,
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ConversationId, PageId, UnixSeconds};
    use crate::store::Reminder;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn writes_land_in_the_order_they_were_made() {
        let dir = std::env::temp_dir().join(format!("pancake-writer-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = crate::store::page_path(&dir, &PageId::new("p"));
        let store = Arc::new(Store::open(&path).unwrap().0);
        let w = OutboxWriter::start(store.clone());
        let r = |due| Reminder {
            page_id: PageId::new("p"),
            conv: ConversationId::new(format!("c{}", due % 3)),
            due: UnixSeconds(due),
            created: UnixSeconds(1),
        };
        // Set, change, cancel, many times over three conversations: the
        // last word on each is what the disk holds.
        for due in 1..=300i64 {
            let rem = r(due);
            if due % 7 == 0 {
                w.write("cancel", move |s| {
                    s.reminder_cancel(&rem.page_id, &rem.conv).map(|_| ())
                });
            } else {
                w.write("set", move |s| s.reminder_set(&rem));
            }
        }
        w.flush().await;
        let mut left: Vec<(String, i64)> = store
            .reminders()
            .unwrap()
            .into_iter()
            .map(|r| (r.conv.as_str().to_owned(), r.due.0))
            .collect();
        left.sort();
        // c0: 300 (set), c1: 298 (set), c2: 299 (set); 294 was a cancel
        // of c0 and 287 of c2, both overwritten by later sets.
        assert_eq!(
            left,
            [("c0".into(), 300), ("c1".into(), 298), ("c2".into(), 299)]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
