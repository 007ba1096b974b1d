//! Commands become background tasks on the throttled client and the local
//! store; each answers with messages on the channel. Tasks never touch the UI.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::oneshot;

use crate::api::file_reply::FileReply;
use crate::api::{ApiError, ConversationId, PageApi, PageId, UnixSeconds};
use crate::api::{NoteOp, Op, Reply};
use crate::app::actions::ActionId;
use crate::app::{Cmd, Msg, Outcome};
use crate::store::{OutboxEntry, Store};

use super::outbox::OutboxWriter;

/// What a page's commands run on: its API handle (token, own rate budget)
/// and its local cache.
#[derive(Clone)]
pub struct PageRuntime {
    pub api: PageApi,
    pub store: Option<Arc<Store>>,
}

/// Start the system opener on an `http(s)` link: the URL is one argument
/// (no shell) and starts with the scheme, so it is never read as an option.
async fn open_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err("not an http(s) link".into());
    }
    let url = url.to_owned();
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let status = tokio::task::spawn_blocking(move || {
        let mut cmd = std::process::Command::new(opener);
        cmd.arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        super::child::without_secrets(&mut cmd);
        cmd.status()
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(|e| format!("{opener}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{opener} said {status}"))
    }
}

/// `f` on a thread that may block (the file system); `stopped` says what
/// stopped if that thread died.
async fn off_thread<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, String> + Send + 'static,
    stopped: &str,
) -> Result<T, String> {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| Err(format!("{stopped}: {e}")))
}

/// Spawns the work a command asks for, on the page it names.
#[derive(Clone)]
pub struct Tasks {
    pages: Arc<HashMap<PageId, PageRuntime>>,
    writers: Arc<HashMap<PageId, OutboxWriter>>,
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
struct On {
    api: PageApi,
    store: Option<Arc<Store>>,
    tx: UnboundedSender<Msg>,
}

/// An action to send: what `Cmd::Perform` carries (the conversation and the
/// op are in its outbox entry).
struct Action {
    page: PageId,
    id: ActionId,
    bulk: bool,
    entry: OutboxEntry,
    /// It was in the outbox before this attempt (a retry, or restored after
    /// a restart): an earlier attempt may have reached Pancake.
    again: bool,
}

impl Tasks {
    /// Must be called inside a tokio runtime (each page's outbox writer is a
    /// task).
    pub fn new(pages: Vec<PageRuntime>, tx: UnboundedSender<Msg>) -> Self {
        let writers = pages
            .iter()
            .filter_map(|p| {
                let store = p.store.clone()?;
                Some((p.api.page_id().clone(), OutboxWriter::start(store)))
            })
            .collect();
        let pages = pages
            .into_iter()
            .map(|p| (p.api.page_id().clone(), p))
            .collect();
        Tasks {
            pages: Arc::new(pages),
            writers: Arc::new(writers),
            tx,
            queues: Arc::default(),
        }
    }

    /// Wait until every action made so far is written in its page's outbox.
    pub async fn flush_outbox(&self) {
        for w in self.writers.values() {
            w.flush().await;
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

    /// Start the work a command asks for. One match over every command:
    /// a command that nothing runs does not compile.
    pub fn spawn(&self, cmd: Cmd) {
        match cmd {
            Cmd::Perform {
                page,
                id,
                conv,
                op,
                bulk,
                outbox,
                label,
            } => {
                let entry = OutboxEntry {
                    conv,
                    op,
                    label,
                    created_at: UnixSeconds::now(),
                    sending: false,
                    held: None,
                };
                let action = Action {
                    page,
                    id,
                    bulk,
                    entry,
                    again: outbox.is_some(),
                };
                self.spawn_action(action, outbox);
            }
            Cmd::LoadConversations {
                page,
                generation,
                mode,
                query,
                cursor,
            } => self.on(&page.clone(), async move |on| {
                let result = on
                    .api
                    .background()
                    .conversations(&query, cursor.as_ref())
                    .await;
                Some(Msg::Conversations {
                    page,
                    generation,
                    mode,
                    result,
                    cursor,
                })
            }),
            Cmd::LoadMessages {
                page,
                conv,
                customer_id,
                current_count,
            } => self.on(&page.clone(), async move |on| {
                if current_count.is_none() {
                    on.send_cached_thread(&page, &conv).await;
                }
                let result = on
                    .api
                    .messages(&conv, customer_id.as_deref(), current_count)
                    .await;
                Some(Msg::Messages {
                    page,
                    result,
                    older: current_count.is_some(),
                    conv,
                })
            }),
            Cmd::LoadTags(page) => self.on(&page.clone(), async move |on| {
                Some(Msg::Tags(page, on.api.background().tags().await))
            }),
            Cmd::LoadStaff(page) => self.on(&page.clone(), async move |on| {
                Some(Msg::Staff(page, on.api.background().staff().await))
            }),
            Cmd::SaveConversations(page, convs) => self.on(&page, async move |on| {
                on.blocking(move |s| s.save_conversations(&convs)).await;
                None
            }),
            Cmd::SaveMessages {
                page,
                conv,
                messages,
            } => self.on(&page, async move |on| {
                on.blocking(move |s| s.save_messages(&conv, &messages))
                    .await;
                None
            }),
            // The page's small writes, in the order they were made.
            Cmd::SaveMeta(page, meta) => {
                self.write(&page, "sync state", move |s| s.save_meta("sync", &meta));
            }
            Cmd::SaveReminder(r) => {
                let page = r.page_id.clone();
                self.write(&page, "snooze", move |s| s.reminder_set(&r));
            }
            Cmd::CancelReminder(page, conv) => {
                let p = page.clone();
                self.write(&page, "snooze", move |s| {
                    s.reminder_cancel(&p, &conv).map(|_| ())
                });
            }
            // A draft's row, after the page's writes before it; the answer
            // says whether it is on disk.
            Cmd::SaveDraft(page, draft) => {
                let tx = self.tx.clone();
                self.write(&page, "draft", move |s| {
                    let result = s.draft_save(&draft);
                    let answer = result.as_ref().map(|_| ()).map_err(|e| e.to_string());
                    let _ = tx.send(Msg::DraftSaved {
                        conv: draft.conv,
                        result: answer,
                    });
                    result
                });
            }
            // Read through the same writer: after this window's own saves.
            Cmd::LoadDraft(page, conv) => {
                let tx = self.tx.clone();
                self.write(&page, "draft", move |s| {
                    let result = s.draft(&conv).map_err(|e| e.to_string());
                    let _ = tx.send(Msg::DraftLoaded { conv, result });
                    Ok(())
                });
            }
            Cmd::DraftTimer { conv, seq, after } => self.off_page(async move {
                tokio::time::sleep(after).await;
                Some(Msg::DraftDue { conv, seq })
            }),
            Cmd::ForgetOutbox(ids) => {
                let pages = self.pages.clone();
                tokio::spawn(async move {
                    for (page, id) in ids {
                        let store = pages.get(&page).and_then(|p| p.store.clone());
                        blocking(store.as_ref(), move |s| s.outbox_remove(id)).await;
                    }
                });
            }
            Cmd::LoadCustomer {
                page,
                customer_id,
                psid,
                conv,
                since,
                until,
            } => self.on(&page.clone(), async move |on| {
                let api = on.api.background();
                let result = async {
                    let found = api
                        .find_customer(Some(&customer_id), psid.as_deref(), since, until, 3)
                        .await?;
                    let from = found.as_ref().and_then(|c| c.first_contact).or(Some(since));
                    let others = api
                        .customer_conversations(&customer_id, Some(&conv), from, 2)
                        .await?;
                    Ok((found, others))
                }
                .await;
                Some(Msg::Customer {
                    page,
                    customer_id,
                    result,
                })
            }),
            Cmd::LoadNotes {
                page,
                conv,
                customer,
            } => self.on(&page.clone(), async move |on| {
                let result = on.api.customer_notes(&conv, &customer).await;
                Some(Msg::Notes {
                    page,
                    customer,
                    result,
                })
            }),
            Cmd::LoadPost {
                page,
                post_id,
                since,
            } => self.on(&page.clone(), async move |on| {
                let result = on
                    .api
                    .background()
                    .find_post(&post_id, since, crate::api::posts::POST_PAGES)
                    .await;
                Some(Msg::Post {
                    page,
                    post_id,
                    result,
                })
            }),
            Cmd::CheckFile { conv, path, from } => self.off_page(async move {
                let typed = path.clone();
                let check = move || super::files::check(&path);
                let result = off_thread(check, "the check stopped").await;
                Some(Msg::FileChecked {
                    conv,
                    typed,
                    from,
                    result,
                })
            }),
            Cmd::ListPath(line) => self.off_page(async move {
                let l = line.clone();
                let result = off_thread(move || super::files::list(&l), "listing stopped").await;
                Some(Msg::PathListed { line, result })
            }),
            Cmd::LoadStats {
                page,
                period,
                range,
                seq,
            } => self.on(&page.clone(), async move |on| {
                // The lowest lane: the agent's actions and the list poll go
                // first, and a whole screen of figures waits for them.
                let result = on.api.bulk().page_stats(&range).await.map(Box::new);
                Some(Msg::Stats {
                    page,
                    period,
                    seq,
                    result,
                })
            }),
            Cmd::OpenUrl(url) => self.off_page(async move {
                let result = open_url(&url).await;
                Some(Msg::Opened { url, result })
            }),
            Cmd::RememberRecent(names) => self.off_page(async move {
                let save = move || crate::config::remember_recent_commands(&names);
                if let Ok(Err(e)) = tokio::task::spawn_blocking(save).await {
                    tracing::warn!("could not keep the recent commands: {e}");
                }
                None
            }),
            Cmd::RememberMe(user) => self.off_page(async move {
                let save = move || crate::config::remember_me(&user);
                if let Ok(Err(e)) = tokio::task::spawn_blocking(save).await {
                    tracing::warn!("could not remember who you are: {e}");
                }
                Some(Msg::Remembered)
            }),
        }
    }

    /// Run `work`, which needs no page (the jump box's files, a browser,
    /// the state directory); the message it answers with goes to the app.
    fn off_page(&self, work: impl Future<Output = Option<Msg>> + Send + 'static) {
        let tx = self.tx.clone();
        tokio::spawn(async move {
            if let Some(msg) = work.await {
                // The app may be gone (quitting): nothing to tell.
                let _ = tx.send(msg);
            }
        });
    }

    /// Run `work` on the handles of `page` (a page not configured: nothing
    /// to do); the message it answers with goes to the app.
    fn on<F>(&self, page: &PageId, work: impl FnOnce(On) -> F + Send + 'static)
    where
        F: Future<Output = Option<Msg>> + Send,
    {
        let Some(rt) = self.pages.get(page) else {
            return;
        };
        let on = On {
            api: rt.api.clone(),
            store: rt.store.clone(),
            tx: self.tx.clone(),
        };
        self.off_page(async move { work(on).await });
    }

    /// A write to `page`'s store through its writer, after those before it.
    fn write(
        &self,
        page: &PageId,
        what: &'static str,
        f: impl FnOnce(&Store) -> Result<(), crate::store::StoreError> + Send + 'static,
    ) {
        if let Some(w) = self.writers.get(page) {
            w.write(what, f);
        }
    }

    /// An action is written to the outbox now (in the order they are made),
    /// then waits for the actions before it on its conversation, then goes.
    fn spawn_action(&self, action: Action, outbox: Option<i64>) {
        let written = match outbox {
            Some(_) => None,
            None => self
                .writers
                .get(&action.page)
                .map(|w| w.add(action.entry.clone())),
        };
        let (before, turn) = self.enqueue(&action.entry.conv);
        let this = self.clone();
        tokio::spawn(async move {
            let outbox = match written {
                Some(rx) => {
                    let added = rx
                        .await
                        .unwrap_or_else(|_| Err("the outbox writer stopped".into()));
                    match added {
                        Ok(oid) => {
                            let _ = this.tx.send(Msg::Queued {
                                id: action.id,
                                outbox: oid,
                            });
                            Some(oid)
                        }
                        // Not written down, not sent: a crash would lose it
                        // or send it twice. The agent is told why.
                        Err(why) => {
                            let _ = this.tx.send(Msg::NotKept { id: action.id, why });
                            return;
                        }
                    }
                }
                None => outbox,
            };
            if let Some(before) = before {
                // Err = the previous action ended (its sender dropped).
                let _ = before.await;
            }
            let _turn = turn;
            let Some(rt) = this.pages.get(&action.page) else {
                return;
            };
            let on = On {
                api: rt.api.clone(),
                store: rt.store.clone(),
                tx: this.tx.clone(),
            };
            let msg = on.perform(action, outbox).await;
            let _ = this.tx.send(msg);
        });
    }
}

impl On {
    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, crate::store::StoreError> + Send + 'static,
    ) -> Option<T> {
        blocking(self.store.as_ref(), f).await
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

    /// Send an action (already in the outbox when it has an id there), mark
    /// it as leaving first, and keep the outbox in step with the answer.
    async fn perform(&self, action: Action, outbox: Option<i64>) -> Msg {
        let api = if action.bulk {
            self.api.bulk()
        } else {
            self.api.clone()
        };
        if let (Some(oid), Some(store)) = (outbox, self.store.clone())
            && let Some(stop) = super::outbox::claim(store, oid, &action.entry, action.id).await
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
                (!(e.is_transient() && e.never_arrived())).then(|| e.to_string())
            }
            // Files not all uploaded: nothing posted; a passing trouble
            // goes again by itself, anything else waits for the agent.
            (Op::Reply(_), Err(e)) => (!e.is_transient()).then(|| e.to_string()),
            _ => None,
        };
        let entry = OutboxEntry {
            held,
            op,
            ..action.entry
        };
        self.outbox_after(outbox, entry, result.is_ok()).await;
        Msg::ActionDone {
            id: action.id,
            result,
        }
    }

    /// A reply with files: after each upload and send, the reply as it
    /// stands is written to its outbox entry and told to the app (the
    /// status bar shows the upload; a retry starts from there).
    async fn send_files(
        &self,
        api: &PageApi,
        action: &Action,
        outbox: Option<i64>,
        files: FileReply,
    ) -> (FileReply, Result<Outcome, ApiError>) {
        let keep = super::send_files::Keep {
            tx: self.tx.clone(),
            id: action.id,
            store: self.store.clone(),
            outbox,
            entry: action.entry.clone(),
        };
        super::send_files::send_files(api, &action.entry.conv, files, &keep).await
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

/// Send one action. Pancake answering 200 with a body that cannot be read
/// did the thing: marking it failed would invite a second send (a duplicate
/// message to the customer); the next sync brings the conversation's true
/// state.
async fn perform(api: &PageApi, conv: &ConversationId, op: Op) -> Result<Outcome, ApiError> {
    let reply = matches!(op, Op::Reply(_));
    match send(api, conv, op).await {
        Err(ApiError::Decode { what, detail }) => {
            tracing::warn!(what, %detail, "action done, answer unreadable");
            Ok(if reply {
                Outcome::Sent(None)
            } else {
                Outcome::Done
            })
        }
        other => other,
    }
}

async fn send(api: &PageApi, conv: &ConversationId, op: Op) -> Result<Outcome, ApiError> {
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
        Op::Note { customer, note } => {
            api.note(&customer, &note).await?;
            Outcome::Done
        }
        Op::Customer { customer, changes } => {
            api.update_customer(&customer, &changes).await?;
            Outcome::Done
        }
    })
}

/// Whether the page customer already has a live note `message` written
/// since `at` (ten minutes of clock difference allowed): an earlier
/// attempt added it. A note of that text without a time is not taken for
/// it (it may be an older one).
async fn note_already_there(
    api: &PageApi,
    conv: &ConversationId,
    customer: &str,
    message: &str,
    at: UnixSeconds,
) -> Result<bool, ApiError> {
    let notes = api.customer_notes(conv, customer).await?;
    let wanted = crate::text::sanitize_block(message);
    Ok(notes.iter().any(|n| {
        !n.removed
            && n.message.trim() == wanted.trim()
            && n.created_at.is_some_and(|t| t.0 >= at.0 - 600)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Reply, TagAction, TagId};
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
                label: format!("action {i}"),
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
        for (arrived, text) in [(true, "Khách hẹn gọi lại 18h"), (false, "Giao trước 10h")]
        {
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
}
