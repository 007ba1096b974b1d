//! The handles of one page for one command, and what runs on them: the
//! cached thread, an action sent and its outbox row after.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use crate::api::file_reply::FileReply;
use crate::api::{ApiError, ConversationId, PageApi, PageId};
use crate::api::{NoteOp, Op, Reply};
use crate::app::{Msg, Outcome};
use crate::store::{OutboxEntry, Store};

use super::{Action, note_already_there, perform};

/// The handles of one page, for one command.
pub(super) struct On {
    pub(super) api: PageApi,
    pub(super) store: Option<Arc<Store>>,
    pub(super) tx: UnboundedSender<Msg>,
    /// The page's team on Redis, if any.
    pub(super) team: Option<Arc<crate::team::TeamLink>>,
    pub(super) depths: Arc<super::depths::Depths>,
}

impl On {
    pub(super) async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, crate::store::StoreError> + Send + 'static,
    ) -> Option<T> {
        blocking(self.store.as_ref(), f).await
    }

    /// Paint the cached messages of a thread while the network call runs.
    pub(super) async fn send_cached_thread(&self, page: &PageId, conv: &ConversationId) {
        let c = conv.clone();
        if let Some(msgs) = self.blocking(move |s| s.load_messages(&c)).await
            && !msgs.is_empty()
        {
            let _ = self.tx.send(Msg::Messages {
                page: page.clone(),
                conv: conv.clone(),
                older: false,
                result: Ok(msgs),
            });
        }
    }

    /// Send an action (already in the outbox when it has an id there), mark
    /// it as leaving first, and keep the outbox in step with the answer.
    pub(super) async fn perform(&self, action: Action, outbox: Option<i64>) -> Msg {
        let api = if action.bulk {
            self.api.bulk()
        } else {
            self.api.clone()
        };
        if let (Some(oid), Some(store)) = (outbox, self.store.clone())
            && let Some(stop) =
                super::super::outbox::claim(store, oid, &action.entry, action.id).await
        {
            return stop;
        }
        let (op, result) = match action.entry.op.clone() {
            Op::Reply(Reply::Files(files)) => {
                let (files, result) = self.send_files(&api, &action, outbox, files).await;
                (Op::Reply(Reply::Files(files)), result)
            }
            // A note that an earlier attempt may have added is read back
            // first: Pancake has no idempotency key (pancake-api.md § Notes).
            Op::Note {
                customer,
                note: NoteOp::Add { message, at },
            } if action.again => {
                let result =
                    match note_already_there(&api, &action.entry.conv, &customer, &message, at)
                        .await
                    {
                        Ok(true) => Ok(Outcome::Done),
                        Ok(false) => {
                            perform(&api, &action.entry.conv, action.entry.op.clone()).await
                        }
                        Err(e) => Err(e),
                    };
                (action.entry.op.clone(), result)
            }
            op => {
                let result = perform(&api, &action.entry.conv, op.clone()).await;
                (op, result)
            }
        };
        let held = match (&op, &result) {
            // A reply (or a note added) that may have arrived, or that
            // Facebook refused for good, is never sent again without the
            // agent, restart or not.
            (_, Err(e)) if op.may_have_posted() => {
                (!(e.is_transient() && e.never_arrived())).then(|| e.said())
            }
            // Files not all uploaded: nothing posted; a passing trouble
            // goes again by itself, anything else waits for the agent.
            (Op::Reply(_), Err(e)) => (!e.is_transient()).then(|| e.said()),
            _ => None,
        };
        let entry = OutboxEntry {
            held,
            op,
            ..action.entry
        };
        self.publish_done(&entry.conv, &entry.op, &result);
        self.outbox_after(outbox, entry, result.is_ok()).await;
        Msg::ActionDone {
            id: action.id,
            result,
        }
    }

    /// A reply with files: after each upload and send, the reply as it
    /// stands is written to its outbox entry and told to the app (the
    /// status bar shows the upload; a retry starts from there).
    pub(super) async fn send_files(
        &self,
        api: &PageApi,
        action: &Action,
        outbox: Option<i64>,
        files: FileReply,
    ) -> (FileReply, Result<Outcome, ApiError>) {
        let keep = super::super::send_files::Keep {
            tx: self.tx.clone(),
            id: action.id,
            store: self.store.clone(),
            outbox,
            entry: action.entry.clone(),
        };
        super::super::send_files::send_files(api, &action.entry.conv, files, &keep).await
    }

    /// Confirmed: gone from the outbox. Not confirmed: kept, not leaving.
    pub(super) async fn outbox_after(&self, outbox: Option<i64>, entry: OutboxEntry, ok: bool) {
        let Some(oid) = outbox else { return };
        if ok {
            self.blocking(move |s| s.outbox_remove(oid)).await;
        } else {
            self.blocking(move |s| s.outbox_update(oid, &entry)).await;
        }
    }
}

/// Run a store call off the async workers; failures are logged (the cache is
/// a convenience, never a reason to stop the agent).
pub(super) async fn blocking<T: Send + 'static>(
    store: Option<&Arc<Store>>,
    f: impl FnOnce(&Store) -> Result<T, crate::store::StoreError> + Send + 'static,
) -> Option<T> {
    let store = store?.clone();
    match tokio::task::spawn_blocking(move || f(&store)).await {
        Ok(Ok(v)) => Some(v),
        Ok(Err(e)) => {
            tracing::warn!("cache: {e}");
            None
        }
        Err(_) => None,
    }
}
