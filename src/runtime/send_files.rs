//! A reply with files on its way: each file not uploaded yet is read and
//! checked again, and must be the file attached (`read_attached`: same
//! file, same bytes; changed, it is refused with the reason) and uploaded
//! (`upload_contents`), then the text alone and the files in one send by
//! content ids ([`FileReply::next_send`], pancake-api.md § Send). After every step the
//! reply as it stands goes to `keep` (the outbox and the app), so a retry,
//! after a restart too, neither uploads nor sends a file twice.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use crate::api::file_reply::FileReply;
use crate::api::local_file::read_attached;
use crate::api::{ApiError, ConversationId, Op, PageApi, Reply};
use crate::app::actions::ActionId;
use crate::app::{Msg, Outcome};
use crate::store::{OutboxEntry, Store};

/// Where the reply as it stands is kept after each step.
pub struct Keep {
    pub tx: UnboundedSender<Msg>,
    pub id: ActionId,
    pub store: Option<Arc<Store>>,
    /// Its outbox entry (none: the cache could not take it).
    pub outbox: Option<i64>,
    pub entry: OutboxEntry,
}

impl Keep {
    /// Write it to the outbox entry (leaving: a crash now is settled by the
    /// agent) and tell the app, with the file going up now. A write that
    /// fails stops the reply before its next step: after a crash, what went
    /// could not be told from what did not, and a retry would send it twice.
    async fn keep(&self, files: &FileReply, uploading: Option<usize>) -> Result<(), ApiError> {
        // The app hears first: if the disk refuses, its copy is still right
        // (a retry sends only what is left).
        let _ = self.tx.send(Msg::FilesProgress {
            id: self.id,
            files: files.clone(),
            uploading,
        });
        let (Some(oid), Some(store)) = (self.outbox, self.store.clone()) else {
            return Ok(());
        };
        let entry = OutboxEntry {
            op: Op::Reply(Reply::Files(files.clone())),
            sending: true,
            held: None,
            ..self.entry.clone()
        };
        let written = tokio::task::spawn_blocking(move || store.outbox_update(oid, &entry)).await;
        let why = match written {
            Ok(Ok(())) => return Ok(()),
            Ok(Err(e)) => e.said(),
            Err(e) => crate::i18n::Said::verbatim(e.to_string()),
        };
        tracing::warn!("outbox: {}", why.words(crate::i18n::Lang::En));
        Err(ApiError::NotKept(why))
    }
}

/// Upload what is left, then send what is left. Returns the reply as it
/// stands with the result: on failure, what was done is in it.
pub async fn send_files(
    api: &PageApi,
    conv: &ConversationId,
    mut files: FileReply,
    keep: &Keep,
) -> (FileReply, Result<Outcome, ApiError>) {
    while let Some(i) = files.next_upload() {
        if let Err(e) = keep.keep(&files, Some(i)).await {
            return (files, Err(e));
        }
        let file = files.files[i].clone();
        let upload = match tokio::task::spawn_blocking(move || read_attached(&file)).await {
            Ok(Ok(u)) => u,
            Ok(Err(e)) => return (files, Err(ApiError::LocalFile(e.to_string()))),
            Err(e) => {
                let e =
                    ApiError::LocalFile(format!("reading {} stopped: {e}", files.files[i].name));
                return (files, Err(e));
            }
        };
        match api.upload(&upload).await {
            Ok(done) => {
                files.files[i].uploaded = Some(done);
            }
            Err(e) => return (files, Err(e)),
        }
    }
    if let Err(e) = keep.keep(&files, None).await {
        return (files, Err(e));
    }
    let mut last = None;
    while let Some((reply, step)) = files.next_send() {
        match api.send(conv, &reply).await {
            Ok(msg) => last = msg.or(last),
            // Pancake answered 200 with a body that cannot be read: it was
            // sent (sending it again would be a duplicate to the customer).
            Err(ApiError::Decode { what, detail }) => {
                tracing::warn!(what = what.english(), %detail, "files sent, answer unreadable");
            }
            Err(e) => return (files, Err(e)),
        }
        files.mark_sent(&step);
        // After the last step a failed write stops nothing (all went; the
        // entry goes with the answer).
        if let Err(e) = keep.keep(&files, None).await
            && files.next_send().is_some()
        {
            return (files, Err(e));
        }
    }
    (files, Ok(Outcome::Sent(last)))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::api::file_reply::FileReply;
    use crate::api::{ConversationId, Op, Reply};
    use crate::app::{Cmd, Msg, Outcome};
    use crate::runtime::test_sim::{inbox_on_sim, tasks_on};
    use crate::store::{Store, page_path};

    /// A reply of `message` with the file at `path`, written to the outbox
    /// as the app writes it before sending: its op and outbox id.
    fn file_reply_kept(
        store: &Store,
        conv: &ConversationId,
        path: &std::path::Path,
        message: &str,
        label: &str,
    ) -> (Op, i64) {
        let file = crate::runtime::files::check(&path.display().to_string()).unwrap();
        let op = Op::Reply(Reply::Files(FileReply {
            message: message.into(),
            files: vec![file],
            text_sent: false,
        }));
        let oid = store
            .outbox_add(&crate::store::OutboxEntry {
                conv: conv.clone(),
                op: op.clone(),
                label: label.into(),
                created_at: crate::api::UnixSeconds::now(),
                sending: false,
                held: None,
            })
            .unwrap();
        (op, oid)
    }

    /// Send refused after the upload: the outbox entry keeps the content
    /// id; the retry (from the entry, as after a restart) sends it without
    /// a second upload, and the simulator has the file's bytes.
    #[tokio::test]
    async fn a_send_that_failed_after_the_upload_is_retried_without_uploading_again() {
        let (sim, main, page, conv_id) = inbox_on_sim().await;
        sim.inject_customer_message(&main.id, &conv_id, "ảnh đâu shop");
        let conv = ConversationId::new(conv_id.clone());
        let dir = std::env::temp_dir().join(format!("pancake-send-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR tiny".to_vec();
        let path = dir.join("bánh.png");
        std::fs::write(&path, &png).unwrap();
        let (store, _) = Store::open(&page_path(&dir, &page)).unwrap();
        let store = Arc::new(store);
        let (tasks, mut rx) = tasks_on(sim.base_url(), &page, &main.token, Some(store.clone()));
        let file = crate::runtime::files::check(&path.display().to_string()).unwrap();
        let op = Op::Reply(Reply::Files(FileReply {
            message: "Dạ ảnh đây ạ".into(),
            files: vec![file],
            text_sent: false,
        }));
        sim.refuse_sends(&main.id, &conv_id, Some((551, 0)));
        let perform = |op: Op, outbox: Option<i64>| Cmd::Perform {
            page: page.clone(),
            id: 1,
            conv: conv.clone(),
            op,
            bulk: false,
            outbox,
            label: "reply with bánh.png".into(),
        };
        tasks.spawn(perform(op, None));
        let mut uploading = 0;
        let result = loop {
            match rx.recv().await.unwrap() {
                Msg::FilesProgress {
                    uploading: Some(0), ..
                } => uploading += 1,
                Msg::ActionDone { result, .. } => break result,
                _ => {}
            }
        };
        assert!(result.is_err(), "{result:?}");
        assert_eq!(uploading, 1, "the app was told of the upload");
        let uploads = || {
            sim.requests()
                .iter()
                .filter(|r| r.path.ends_with("/upload_contents"))
                .count()
        };
        assert_eq!(uploads(), 1);
        let kept = store.outbox().unwrap();
        assert_eq!(kept.len(), 1);
        let (oid, entry) = kept[0].clone();
        assert!(entry.held.is_some(), "waits for the agent");
        let Op::Reply(Reply::Files(f)) = &entry.op else {
            panic!("{:?}", entry.op)
        };
        let content_id = f.files[0]
            .uploaded
            .clone()
            .expect("kept in the outbox")
            .content_id;
        assert!(!f.files[0].sent);

        sim.refuse_sends(&main.id, &conv_id, None);
        tasks.spawn(perform(entry.op.clone(), Some(oid)));
        let result = loop {
            if let Msg::ActionDone { result, .. } = rx.recv().await.unwrap() {
                break result;
            }
        };
        assert!(matches!(result, Ok(Outcome::Sent(_))), "{result:?}");
        assert_eq!(uploads(), 1, "not uploaded again");
        let sends: Vec<serde_json::Value> = sim
            .requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path.ends_with("/messages") && r.ok())
            .map(|r| serde_json::from_str(&r.body).unwrap())
            .collect();
        // The text alone, then the photo by its content id alone.
        assert_eq!(
            sends,
            [
                serde_json::json!({"action": "reply_inbox", "message": "Dạ ảnh đây ạ"}),
                serde_json::json!({"action": "reply_inbox", "content_ids": [content_id]}),
            ]
        );
        assert_eq!(sim.upload(&main.id, &content_id).unwrap().bytes, png);
        assert!(store.outbox().unwrap().is_empty(), "confirmed: gone");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Killed between the text and the files: the outbox says the text
    /// went before the files leave, so what is sent again is the files
    /// alone, whatever happened to them.
    #[tokio::test]
    async fn the_text_is_kept_as_sent_before_the_files_leave_and_never_sent_again() {
        let (sim, main, page, conv_id) = inbox_on_sim().await;
        sim.inject_customer_message(&main.id, &conv_id, "gửi ảnh giúp em");
        let conv = ConversationId::new(conv_id.clone());
        let dir = std::env::temp_dir().join(format!("pancake-text-first-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("mau.png");
        std::fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR mau").unwrap();
        let (store, _) = Store::open(&page_path(&dir, &page)).unwrap();
        let store = Arc::new(store);
        let (tasks, mut rx) = tasks_on(sim.base_url(), &page, &main.token, Some(store.clone()));
        let (op, oid) = file_reply_kept(&store, &conv, &path, "Mẫu này ạ", "reply with mau.png");
        sim.set_faults(crate::sim::Faults {
            park_file_sends: true,
            ..crate::sim::Faults::default()
        });
        let perform = |op: Op| Cmd::Perform {
            page: page.clone(),
            id: 1,
            conv: conv.clone(),
            op,
            bulk: false,
            outbox: Some(oid),
            label: "reply with mau.png".into(),
        };
        tasks.spawn(perform(op));
        // The files' send is on its way (held by the simulator): the text
        // went, and the outbox says so.
        let parked = async {
            while sim.parked_sends() == 0 {
                tokio::task::yield_now().await;
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
        };
        tokio::time::timeout(std::time::Duration::from_secs(30), parked)
            .await
            .expect("the files' send reached the simulator");
        let (_, entry) = store.outbox().unwrap()[0].clone();
        let Op::Reply(Reply::Files(kept)) = &entry.op else {
            panic!("{:?}", entry.op)
        };
        assert!(kept.text_sent && entry.sending, "{kept:?}");
        // It never comes back (the connection drops: maybe sent).
        sim.set_faults(crate::sim::Faults::default());
        let result = loop {
            if let Msg::ActionDone { result, .. } = rx.recv().await.unwrap() {
                break result;
            }
        };
        assert!(result.is_err(), "{result:?}");
        let (_, entry) = store.outbox().unwrap()[0].clone();
        assert!(
            entry.held.is_some(),
            "the agent decides: it may have arrived"
        );
        // The agent sends it again: the files only.
        tasks.spawn(perform(entry.op.clone()));
        let result = loop {
            if let Msg::ActionDone { result, .. } = rx.recv().await.unwrap() {
                break result;
            }
        };
        assert!(matches!(result, Ok(Outcome::Sent(_))), "{result:?}");
        let sent: Vec<serde_json::Value> = sim
            .requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path.ends_with("/messages") && r.ok())
            .map(|r| serde_json::from_str(&r.body).unwrap())
            .collect();
        assert_eq!(sent.len(), 2, "{sent:?}");
        assert_eq!(sent[0]["message"], "Mẫu này ạ");
        assert!(sent[1].get("message").is_none() && sent[1]["content_ids"].is_array());
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Attached, then changed before its upload (the first send or a
    /// retry): refused with the reason, kept for the agent, nothing posted;
    /// then replaced by a link to the token file: refused the same, the
    /// token neither uploaded nor touched.
    #[tokio::test]
    async fn a_file_changed_since_it_was_attached_is_refused_and_nothing_is_uploaded() {
        let (sim, main, page, conv_id) = inbox_on_sim().await;
        let conv = ConversationId::new(conv_id.clone());
        let dir = std::env::temp_dir().join(format!("pancake-changed-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("order-17.txt");
        std::fs::write(&path, "đơn 17: 2 bánh kem").unwrap();
        let token = dir.join("token");
        std::fs::write(&token, "EAAB-page-token").unwrap();
        let (store, _) = Store::open(&page_path(&dir, &page)).unwrap();
        let store = Arc::new(store);
        let (tasks, mut rx) = tasks_on(sim.base_url(), &page, &main.token, Some(store.clone()));
        let (op, oid) = file_reply_kept(
            &store,
            &conv,
            &path,
            "Dạ đơn đây ạ",
            "reply with order-17.txt",
        );
        let mut attempt = async |op: Op| {
            tasks.spawn(Cmd::Perform {
                page: page.clone(),
                id: 1,
                conv: conv.clone(),
                op,
                bulk: false,
                outbox: Some(oid),
                label: "reply with order-17.txt".into(),
            });
            loop {
                if let Msg::ActionDone { result, .. } = rx.recv().await.unwrap() {
                    break result.unwrap_err().to_string();
                }
            }
        };
        // Same size, other bytes.
        std::fs::write(&path, "đơn 17: 9 bánh kem").unwrap();
        let e = attempt(op.clone()).await;
        assert_eq!(
            e,
            "order-17.txt changed since you attached it: attach it again, or cancel the reply from the outbox"
        );
        let (_, entry) = store.outbox().unwrap()[0].clone();
        assert_eq!(
            entry
                .held
                .as_ref()
                .map(|h| h.words(crate::i18n::Lang::En))
                .as_deref(),
            Some(e.as_str()),
            "waits for the agent"
        );

        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(&token, &path).unwrap();
        let e = attempt(entry.op.clone()).await;
        assert!(
            e.starts_with(&format!(
                "order-17.txt changed since you attached it (it is a symbolic link to {} now)",
                token.display()
            )),
            "{e}"
        );
        assert!(
            sim.requests()
                .iter()
                .all(|r| !r.path.ends_with("/upload_contents") && !r.path.ends_with("/messages")),
            "nothing uploaded nor sent"
        );
        assert_eq!(std::fs::read(&token).unwrap(), b"EAAB-page-token");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The outbox refuses to write down that the text went (SQLite says
    /// no, as a full disk would): the photo is not sent, the error says
    /// why, the app still hears the text went, and a retry sends the photo
    /// alone.
    #[tokio::test]
    async fn a_step_not_written_down_stops_the_reply_and_the_retry_sends_only_the_rest() {
        let (sim, main, page, conv_id) = inbox_on_sim().await;
        let conv = ConversationId::new(conv_id.clone());
        let dir = std::env::temp_dir().join(format!("pancake-not-kept-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("mau.png");
        std::fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR mau").unwrap();
        let cache = page_path(&dir, &page);
        let (store, _) = Store::open(&cache).unwrap();
        let store = Arc::new(store);
        let (tasks, mut rx) = tasks_on(sim.base_url(), &page, &main.token, Some(store.clone()));
        let (op, oid) = file_reply_kept(&store, &conv, &path, "Mẫu này ạ", "reply with mau.png");
        // The database itself refuses the write that says the text went.
        let sql = rusqlite::Connection::open(&cache).unwrap();
        sql.execute_batch(
            "CREATE TRIGGER refuse BEFORE UPDATE ON outbox \
             WHEN NEW.entry LIKE '%\"text_sent\":true%' \
             BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END;",
        )
        .unwrap();
        let perform = |op: Op| Cmd::Perform {
            page: page.clone(),
            id: 1,
            conv: conv.clone(),
            op,
            bulk: false,
            outbox: Some(oid),
            label: "reply with mau.png".into(),
        };
        tasks.spawn(perform(op));
        let mut told = None;
        let result = loop {
            match rx.recv().await.unwrap() {
                Msg::FilesProgress { files, .. } => told = Some(files),
                Msg::ActionDone { result, .. } => break result,
                _ => {}
            }
        };
        let e = result.unwrap_err();
        assert!(matches!(e, crate::api::ApiError::NotKept(_)), "{e:?}");
        assert!(e.to_string().contains("database or disk is full"), "{e}");
        let told = told.expect("the app heard of the text");
        assert!(told.text_sent, "{told:?}");
        let sends = |sim: &crate::sim::SimHandle| -> Vec<serde_json::Value> {
            sim.requests()
                .iter()
                .filter(|r| r.method == "POST" && r.path.ends_with("/messages") && r.ok())
                .map(|r| serde_json::from_str(&r.body).unwrap())
                .collect()
        };
        assert_eq!(
            sends(&sim),
            [serde_json::json!({"action": "reply_inbox", "message": "Mẫu này ạ"})],
            "the text alone: the photo waits until it can be written down"
        );
        // The disk has room again: the retry sends the photo alone.
        sql.execute_batch("DROP TRIGGER refuse;").unwrap();
        tasks.spawn(perform(Op::Reply(Reply::Files(told))));
        let result = loop {
            if let Msg::ActionDone { result, .. } = rx.recv().await.unwrap() {
                break result;
            }
        };
        assert!(matches!(result, Ok(Outcome::Sent(_))), "{result:?}");
        let sent = sends(&sim);
        assert_eq!(sent.len(), 2, "{sent:?}");
        assert!(sent[1].get("message").is_none() && sent[1]["content_ids"].is_array());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
