//! Commands become background tasks on the throttled client and the local
//! store; each answers with messages on the channel. Tasks never touch the UI.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::mpsc::UnboundedSender;

use crate::api::{PageApi, PageId, UnixSeconds};
use crate::app::actions::ActionId;
use crate::app::{Cmd, Msg};
use crate::store::{OutboxEntry, Store};

use super::outbox::OutboxWriter;

mod depths;
mod opener;
mod page;
mod perform;
mod queue;
mod team;

use opener::open_url;
use page::{On, blocking};
use perform::{note_already_there, perform};
use queue::Queues;

/// What a page's commands run on: its API handle (token, own rate budget)
/// and its local cache.
#[derive(Clone)]
pub struct PageRuntime {
    pub api: PageApi,
    pub store: Option<Arc<Store>>,
    /// The page's team on Redis (none: this inbox reads alone).
    pub team: Option<Arc<crate::team::TeamLink>>,
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
    /// Per page, how deep each cursor of the backfill is.
    depths: Arc<HashMap<PageId, Arc<depths::Depths>>>,
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
        let depths = pages
            .iter()
            .map(|p| (p.api.page_id().clone(), Arc::default()))
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
            depths: Arc::new(depths),
        }
    }

    fn depths(&self, page: &PageId) -> Arc<depths::Depths> {
        self.depths.get(page).cloned().unwrap_or_default()
    }

    /// Wait until every action made so far is written in its page's outbox.
    pub async fn flush_outbox(&self) {
        for w in self.writers.values() {
            w.flush().await;
        }
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
                let result = on.list(mode, &query, cursor.as_ref()).await;
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
                as_of,
            } => self.on(&page.clone(), async move |on| {
                if current_count.is_none() {
                    on.send_cached_thread(&page, &conv).await;
                }
                let result = on
                    .thread(&conv, customer_id.as_deref(), current_count, as_of)
                    .await;
                Some(Msg::Messages {
                    page,
                    result,
                    older: current_count.is_some(),
                    conv,
                })
            }),
            Cmd::LoadTags(page) => self.on(&page.clone(), async move |on| {
                Some(Msg::Tags(page, on.tags().await))
            }),
            Cmd::LoadStaff(page) => self.on(&page.clone(), async move |on| {
                Some(Msg::Staff(page, on.staff().await))
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
            Cmd::LoadRecord { page, conv } => self.on(&page, async move |on| {
                let c = conv.clone();
                let mut found = on.blocking(move |s| s.load_conversation(&c)).await??;
                Some(Msg::Record {
                    rest: crate::app::convs::Rest::take(&mut found),
                    conv,
                })
            }),
            Cmd::UpdateRecord {
                page,
                conv,
                changes,
            } => self.on(&page, async move |on| {
                on.blocking(move |s| {
                    s.update_record(&conv, |r| {
                        crate::app::customer::apply_changes(r, &changes);
                    })
                })
                .await;
                None
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
            // The event loop runs these on its terminal; without one (the
            // bench) there is nothing to run them on.
            cmd
            @ (Cmd::Edit(_) | Cmd::Copy(_) | Cmd::Ring | Cmd::Exit | Cmd::SearchStep { .. }) => {
                not_a_task(&cmd)
            }
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
            team: rt.team.clone(),
            depths: self.depths(page),
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
                        .unwrap_or_else(|_| Err(crate::i18n::Said::new("store-writer-gone")));
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
                team: rt.team.clone(),
                depths: this.depths(&action.page),
            };
            let msg = on.perform(action, outbox).await;
            let _ = this.tx.send(msg);
        });
    }
}

/// A command for the terminal reached a place with none (the bench, or
/// a command that is a task reached the loop's terminal): nothing runs.
pub fn not_a_task(cmd: &Cmd) {
    tracing::debug!("not run without the event loop's terminal: {cmd:?}");
}

#[cfg(test)]
mod tests;
