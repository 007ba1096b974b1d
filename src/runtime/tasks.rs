//! Commands become background tasks on the throttled client and the local
//! store; each answers with messages on the channel. Tasks never touch the UI.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::oneshot;

use crate::api::{ApiError, ConversationId, PageApi, PageId, UnixSeconds};
use crate::app::actions::{ActionId, Op};
use crate::app::{Cmd, Msg, Outcome};
use crate::store::{OutboxEntry, Store};

/// What a page's commands run on: its API handle (token, own rate budget)
/// and its local cache.
#[derive(Clone)]
pub struct PageRuntime {
    pub api: PageApi,
    pub store: Option<Arc<Store>>,
}

/// Spawns the work a command asks for, on the page it names.
#[derive(Clone)]
pub struct Tasks {
    pages: Arc<HashMap<PageId, PageRuntime>>,
    tx: UnboundedSender<Msg>,
    queues: Arc<Mutex<Queues>>,
}

/// Per conversation, the last action handed out: the next one starts when it
/// has ended, so a retried action never lands after a later one (an undo, a
/// second toggle) on the same conversation.
#[derive(Default)]
struct Queues {
    next: u64,
    last: HashMap<ConversationId, (u64, oneshot::Receiver<()>)>,
}

/// The handles of one page, for one command.
struct On<'a> {
    api: &'a PageApi,
    store: Option<&'a Arc<Store>>,
    tx: &'a UnboundedSender<Msg>,
}

impl Tasks {
    pub fn new(pages: Vec<PageRuntime>, tx: UnboundedSender<Msg>) -> Self {
        let pages = pages
            .into_iter()
            .map(|p| (p.api.page_id().clone(), p))
            .collect();
        Tasks {
            pages: Arc::new(pages),
            tx,
            queues: Arc::default(),
        }
    }

    /// Join the conversation's queue (in the order commands are spawned):
    /// what to wait for, and what to drop when done.
    fn enqueue(&self, conv: &ConversationId) -> (Option<oneshot::Receiver<()>>, Turn) {
        let (done, wait) = oneshot::channel();
        let mut q = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        q.next += 1;
        let seq = q.next;
        let before = q.last.insert(conv.clone(), (seq, wait)).map(|(_, rx)| rx);
        let turn = Turn {
            queues: self.queues.clone(),
            conv: conv.clone(),
            seq,
            _done: done,
        };
        (before, turn)
    }

    pub fn spawn(&self, cmd: Cmd) {
        let this = self.clone();
        let queued = match &cmd {
            Cmd::Perform { conv, .. } => Some(self.enqueue(conv)),
            _ => None,
        };
        tokio::spawn(async move {
            let _turn = match queued {
                Some((before, turn)) => {
                    if let Some(before) = before {
                        // Err = the previous action ended (its sender dropped).
                        let _ = before.await;
                    }
                    Some(turn)
                }
                None => None,
            };
            if let Some(msg) = this.run(cmd).await {
                // The app may be gone (quitting): nothing to tell.
                let _ = this.tx.send(msg);
            }
        });
    }

    /// Run one command; the message it answers with, if any.
    pub async fn run(&self, cmd: Cmd) -> Option<Msg> {
        let page = match &cmd {
            Cmd::LoadConversations { page, .. }
            | Cmd::LoadMessages { page, .. }
            | Cmd::LoadTags(page)
            | Cmd::LoadStaff(page)
            | Cmd::Perform { page, .. }
            | Cmd::SaveConversations(page, _)
            | Cmd::SaveMessages { page, .. }
            | Cmd::SaveMeta(page, _)
            | Cmd::SaveDrafts(page, _) => Some(page.clone()),
            _ => None,
        };
        match page {
            Some(page) => {
                let rt = self.pages.get(&page)?;
                let on = On {
                    api: &rt.api,
                    store: rt.store.as_ref(),
                    tx: &self.tx,
                };
                on.run(cmd).await
            }
            None => self.run_unpaged(cmd).await,
        }
    }

    /// Commands that are not about one page.
    async fn run_unpaged(&self, cmd: Cmd) -> Option<Msg> {
        Some(match cmd {
            Cmd::RememberMe(user) => {
                if let Err(e) = crate::config::remember_me(&user) {
                    tracing::warn!("could not remember who you are: {e}");
                }
                Msg::Remembered
            }
            // The editor needs the terminal: the event loop runs it itself.
            Cmd::Edit { conv, .. } => Msg::Edited {
                conv,
                result: Err("the editor cannot run in the background".into()),
            },
            Cmd::ForgetOutbox(ids) => {
                for (page, id) in ids {
                    if let Some(store) = self.pages.get(&page).and_then(|p| p.store.clone()) {
                        blocking(Some(&store), move |s| s.outbox_remove(id)).await;
                    }
                }
                return None;
            }
            _ => return None,
        })
    }
}

impl On<'_> {
    async fn run(&self, cmd: Cmd) -> Option<Msg> {
        let api = self.api;
        Some(match cmd {
            Cmd::LoadConversations {
                page,
                generation,
                mode,
                query,
                cursor,
            } => Msg::Conversations {
                page,
                generation,
                mode,
                result: api
                    .background()
                    .conversations(&query, cursor.as_ref())
                    .await,
                cursor,
            },
            Cmd::LoadMessages {
                page,
                conv,
                customer_id,
                current_count,
            } => {
                if current_count.is_none() {
                    self.send_cached_thread(&page, &conv).await;
                }
                Msg::Messages {
                    page,
                    result: api
                        .messages(&conv, customer_id.as_deref(), current_count)
                        .await,
                    older: current_count.is_some(),
                    conv,
                }
            }
            Cmd::LoadTags(page) => Msg::Tags(page, api.background().tags().await),
            Cmd::LoadStaff(page) => Msg::Staff(page, api.background().staff().await),
            Cmd::Perform {
                page: _,
                id,
                conv,
                op,
                bulk,
                outbox,
                label,
            } => {
                let api = if bulk { api.background() } else { api.clone() };
                let entry = OutboxEntry {
                    conv: conv.clone(),
                    op: op.clone(),
                    label,
                    created_at: UnixSeconds::now(),
                    sending: false,
                };
                let outbox = self.outbox_before_sending(id, outbox, entry.clone()).await;
                let result = perform(&api, &conv, op).await;
                self.outbox_after(outbox, entry, result.is_ok()).await;
                Msg::ActionDone { id, result }
            }
            Cmd::SaveConversations(_, convs) => {
                self.blocking(move |s| s.save_conversations(&convs)).await;
                return None;
            }
            Cmd::SaveMessages { conv, messages, .. } => {
                self.blocking(move |s| s.save_messages(&conv, &messages))
                    .await;
                return None;
            }
            Cmd::SaveMeta(_, meta) => {
                self.blocking(move |s| s.save_meta("sync", &meta)).await;
                return None;
            }
            Cmd::SaveDrafts(_, drafts) => {
                self.blocking(move |s| s.save_meta("drafts", &drafts)).await;
                return None;
            }
            _ => return None,
        })
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, crate::store::StoreError> + Send + 'static,
    ) -> Option<T> {
        blocking(self.store, f).await
    }

    /// Paint the cached messages of a thread while the network call runs.
    async fn send_cached_thread(&self, page: &PageId, conv: &ConversationId) {
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

    /// Write the action down (once) and mark it as leaving.
    async fn outbox_before_sending(
        &self,
        id: ActionId,
        outbox: Option<i64>,
        entry: OutboxEntry,
    ) -> Option<i64> {
        let sending = OutboxEntry {
            sending: true,
            ..entry
        };
        match outbox {
            Some(oid) => {
                self.blocking(move |s| s.outbox_update(oid, &sending)).await;
                Some(oid)
            }
            None => {
                let oid = self.blocking(move |s| s.outbox_add(&sending)).await?;
                let _ = self.tx.send(Msg::Queued { id, outbox: oid });
                Some(oid)
            }
        }
    }

    /// Confirmed: gone from the outbox. Not confirmed: kept, not leaving.
    async fn outbox_after(&self, outbox: Option<i64>, entry: OutboxEntry, ok: bool) {
        let Some(oid) = outbox else { return };
        if ok {
            self.blocking(move |s| s.outbox_remove(oid)).await;
        } else {
            self.blocking(move |s| s.outbox_update(oid, &entry)).await;
        }
    }
}

/// An action's place in its conversation's queue; dropping it lets the next
/// one go.
struct Turn {
    queues: Arc<Mutex<Queues>>,
    conv: ConversationId,
    seq: u64,
    _done: oneshot::Sender<()>,
}

impl Drop for Turn {
    fn drop(&mut self) {
        let mut q = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        if q.last
            .get(&self.conv)
            .is_some_and(|(seq, _)| *seq == self.seq)
        {
            q.last.remove(&self.conv);
        }
    }
}

/// Run a store call off the async workers; failures are logged (the cache is
/// a convenience, never a reason to stop the agent).
async fn blocking<T: Send + 'static>(
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

async fn perform(api: &PageApi, conv: &ConversationId, op: Op) -> Result<Outcome, ApiError> {
    Ok(match op {
        Op::Tag(action, tag) => Outcome::Tags(api.tag(conv, action, &tag).await?),
        Op::Assign(list) => Outcome::Assignees(api.set_assignees(conv, &list).await?),
        Op::Read => {
            api.mark_read(conv).await?;
            Outcome::Done
        }
        Op::Unread => {
            api.mark_unread(conv).await?;
            Outcome::Done
        }
        Op::Reply(reply) => Outcome::Sent(api.send(conv, &reply).await?),
    })
}
