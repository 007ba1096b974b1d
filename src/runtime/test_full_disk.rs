//! A full disk while an action is written down: it is not sent, and the
//! agent is told why. The disk is made full for one process only: the test
//! runs itself again as a child with `RLIMIT_FSIZE` at the cache files'
//! sizes (and SIGXFSZ ignored, so a write past it fails with EFBIG rather
//! than killing the child); the simulator runs here, in the parent, and
//! its record is the oracle.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::sync::Arc;

use crate::api::{ConversationId, Op, PageId, Reply};
use crate::app::{Cmd, Msg};
use crate::runtime::test_sim::{inbox_on_sim, tasks_on};
use crate::store::{Store, page_path};

/// Set in the child: `path`, `base_url`, `token`, `page`, `conv` joined
/// by newlines.
const CHILD: &str = "PANCAKE_TEST_FULL_DISK_CHILD";

const TEXT: &str = "Dạ shop gửi đơn ạ";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_that_cannot_be_written_down_is_not_sent_and_says_why() {
    if let Ok(spec) = std::env::var(CHILD) {
        return child(&spec).await;
    }
    let (sim, main, page, conv) = inbox_on_sim().await;
    let dir = std::env::temp_dir().join(format!("pancake-full-disk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = page_path(&dir, &page);
    // This process keeps the cache open, so its WAL (with what was written
    // here, not yet checkpointed) and shared memory stay as they are: any
    // write of the child's goes past their ends.
    let (store, _) = Store::open(&path).unwrap();
    let convs: Vec<_> = (0..20)
        .map(|i| {
            let mut c = crate::app::fixtures::conv(i, 1_000 + i as i64, false);
            c.page_id = page.clone();
            c
        })
        .collect();
    store.save_conversations(&convs).unwrap();
    let size = |suffix: &str| {
        std::fs::metadata(format!("{}{suffix}", path.display())).map_or(0, |m| m.len())
    };
    let limit = size("").max(size("-wal")).max(size("-shm"));
    assert!(size("-wal") > 0, "the WAL holds the writes");

    let spec = [
        path.display().to_string(),
        sim.base_url(),
        main.token.clone(),
        page.as_str().to_owned(),
        conv.clone(),
    ]
    .join("\n");
    let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "runtime::test_full_disk::a_reply_that_cannot_be_written_down_is_not_sent_and_says_why",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD, spec)
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = tokio::task::spawn_blocking(move || {
        let mut child = cmd.spawn().unwrap();
        let mut text = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        (child.wait().unwrap(), text, err)
    })
    .await
    .unwrap();
    let (status, text, err) = out;
    assert!(status.success(), "the child: {status}\n{text}\n{err}");
    let said = text
        .lines()
        .find_map(|l| l.split_once("CHILD: ").map(|(_, said)| said))
        .unwrap_or_else(|| panic!("the child's answer\n{text}\n{err}"));
    assert!(said.starts_with("not kept: "), "{said}");
    assert!(
        said.contains("File too large"),
        "the reason is said: {said}"
    );
    assert!(
        said.contains("free some disk space"),
        "and what to do: {said}"
    );
    let sent: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect();
    assert!(sent.is_empty(), "nothing reached Pancake: {sent:?}");
    assert!(
        store.outbox().unwrap().is_empty(),
        "and nothing half written"
    );
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

/// In the child, past the file size limit: a reply made as the app makes
/// it; what came back is printed for the parent.
async fn child(spec: &str) {
    let v: Vec<&str> = spec.lines().collect();
    let (path, url, token, page, conv) = (v[0], v[1], v[2], PageId::new(v[3]), v[4]);
    let (store, _) = Store::open(std::path::Path::new(path)).expect("the child opens the cache");
    let (tasks, mut rx) = tasks_on(url.to_owned(), &page, token, Some(Arc::new(store)));
    tasks.spawn(Cmd::Perform {
        page: page.clone(),
        id: 1,
        conv: ConversationId::new(conv),
        op: Op::Reply(Reply::Inbox {
            message: TEXT.into(),
        }),
        bulk: false,
        outbox: None,
        label: "reply".into(),
    });
    let said = loop {
        match rx.recv().await {
            Some(Msg::NotKept { why, .. }) => {
                break format!("not kept: {}", why.words(crate::i18n::Lang::En));
            }
            Some(Msg::ActionDone { result, .. }) => break format!("done: {result:?}"),
            Some(_) => {}
            None => break "the tasks stopped".to_owned(),
        }
    };
    println!("CHILD: {said}");
}
