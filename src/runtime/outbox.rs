//! Writes actions into a page's durable outbox, in the order the agent made
//! them, the moment they are made: an action queued behind another on the
//! same conversation, or waiting for the page's rate budget, is already on
//! disk if the app is killed. One writer per page; what arrives while it
//! writes goes down together in one transaction (a bulk of 300 is a handful
//! of transactions, not 300).

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use crate::store::{OutboxEntry, Store};

enum Job {
    Add(OutboxEntry, oneshot::Sender<Option<i64>>),
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

    /// Queue `entry` (in call order); the answer is its outbox id, or `None`
    /// when the cache could not take it (the action is still sent).
    pub fn add(&self, entry: OutboxEntry) -> oneshot::Receiver<Option<i64>> {
        let (tx, rx) = oneshot::channel();
        let _ = self.jobs.send(Job::Add(entry, tx));
        rx
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
        let mut flushed = Vec::new();
        for job in batch {
            match job {
                Job::Add(entry, answer) => {
                    entries.push(entry);
                    answers.push(answer);
                }
                Job::Flush(done) => flushed.push(done),
            }
        }
        let ids = if entries.is_empty() {
            Vec::new()
        } else {
            let store = store.clone();
            match tokio::task::spawn_blocking(move || store.outbox_add_many(&entries)).await {
                Ok(Ok(ids)) => ids,
                Ok(Err(e)) => {
                    tracing::warn!("outbox: {e}");
                    Vec::new()
                }
                Err(_) => Vec::new(),
            }
        };
        for (i, answer) in answers.into_iter().enumerate() {
            let _ = answer.send(ids.get(i).copied());
        }
        for done in flushed {
            let _ = done.send(());
        }
    }
}
