//! The store's tests: the cache, outbox and reminders on disk, private
//! files, and rebuilding a corrupt or old cache.

use super::*;
use crate::api::{TagAction, TagId};
use crate::i18n::Lang;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pancake-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn conv(i: usize, updated: i64, snippet: &str) -> Conversation {
    let mut c = crate::app::fixtures::conv(i, updated, false);
    c.id = ConversationId::new(format!("c{i}"));
    c.customer.name = format!("Khách {i}");
    c.snippet = snippet.into();
    c.tags = vec![TagId::new("1")];
    c
}

#[test]
fn reminders_are_kept_on_disk_changed_cancelled_and_found_when_due() {
    let dir = tmp("reminders");
    let path = dir.join("pages").join("p.sqlite");
    let r = |page: &str, conv: &str, due: i64| Reminder {
        page_id: PageId::new(page),
        conv: ConversationId::new(conv),
        due: UnixSeconds(due),
        created: UnixSeconds(100),
    };
    {
        let (s, _) = Store::open(&path).unwrap();
        assert!(s.reminders().unwrap().is_empty(), "a new cache has none");
        s.reminder_set(&r("p", "c1", 5_000)).unwrap();
        s.reminder_set(&r("p", "c2", 2_000)).unwrap();
        s.reminder_set(&r("q", "c1", 9_000)).unwrap();
        // `s` again on c1 changes its time.
        s.reminder_set(&r("p", "c1", 3_000)).unwrap();
    }
    // A restart: the file on disk holds them.
    let (s, _) = Store::open(&path).unwrap();
    let all = s.reminders().unwrap();
    assert_eq!(
        all.iter()
            .map(|x| (x.page_id.as_str(), x.conv.as_str(), x.due.0))
            .collect::<Vec<_>>(),
        [("p", "c2", 2_000), ("p", "c1", 3_000), ("q", "c1", 9_000)]
    );
    let due = s.reminders_due_before(UnixSeconds(3_000)).unwrap();
    assert_eq!(due.len(), 2, "due at the very second counts");
    assert!(
        s.reminders_due_before(UnixSeconds(1_999))
            .unwrap()
            .is_empty()
    );
    assert!(
        s.reminder_cancel(&PageId::new("p"), &ConversationId::new("c2"))
            .unwrap()
    );
    assert!(
        !s.reminder_cancel(&PageId::new("p"), &ConversationId::new("c2"))
            .unwrap()
    );
    assert_eq!(s.reminders().unwrap().len(), 2);
    assert_eq!(
        s.info().unwrap().outbox,
        0,
        "the rest of the cache is untouched"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn conversations_round_trip_and_newer_wins() {
    let dir = tmp("rt");
    let (s, notice) = Store::open(&page_path(&dir, &PageId::new("105"))).unwrap();
    assert!(notice.is_none());
    s.save_conversations(&[conv(1, 100, "a"), conv(2, 200, "b")])
        .unwrap();
    s.save_conversations(&[conv(1, 50, "older"), conv(2, 300, "newer")])
        .unwrap();
    let mut all = s.load_conversations().unwrap();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].snippet, "a", "an older copy does not overwrite");
    assert_eq!(all[1].snippet, "newer");
    s.save_meta("last_sync", &UnixSeconds(300)).unwrap();
    assert_eq!(
        s.load_meta::<UnixSeconds>("last_sync").unwrap(),
        Some(UnixSeconds(300))
    );
    assert_eq!(s.info().unwrap().conversations, 2);
}

#[test]
fn the_cache_is_private_whatever_the_umask_and_an_open_one_is_tightened() {
    use std::os::unix::fs::PermissionsExt;
    crate::private::tests::umask_022();
    let dir = tmp("private");
    let path = page_path(&dir, &PageId::new("105"));
    let files = || [path.clone(), beside(&path, "-wal"), beside(&path, "-shm")];
    let mode = |p: &Path| crate::private::mode(p).unwrap();
    {
        let (s, notice) = Store::open(&path).unwrap();
        assert!(notice.is_none(), "{notice:?}");
        s.save_conversations(&[conv(1, 100, "a")]).unwrap();
        s.save_meta("drafts", &"a draft").unwrap();
        for f in files() {
            assert!(f.exists(), "{}", f.display());
            assert_eq!(mode(&f), 0o600, "{}", f.display());
        }
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join("pages")), 0o700);
        // A checkpoint that truncates the WAL keeps it private.
        s.with(|c| c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);"))
            .unwrap();
        s.save_conversations(&[conv(2, 200, "b")]).unwrap();
        assert_eq!(mode(&beside(&path, "-wal")), 0o600);
    }
    // An older cache left open to others (0755 / 0644).
    for d in [dir.clone(), dir.join("pages")] {
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    for f in files() {
        if f.exists() {
            std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    let (s, notice) = Store::open(&path).unwrap();
    let said = notice.expect("a notice");
    let vi = said.words(Lang::Vi);
    assert!(
        vi.contains(" đã để người dùng khác trên máy này đọc được; giờ chỉ bạn đọc được"),
        "{vi}"
    );
    let notice = said.words(Lang::En);
    assert!(notice.contains("open to other users"), "{notice}");
    assert!(notice.contains("105.sqlite"), "{notice}");
    s.save_conversations(&[conv(3, 300, "c")]).unwrap();
    for f in files() {
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("pages")), 0o700);
    assert_eq!(s.load_conversations().unwrap().len(), 3, "nothing lost");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_newest_come_first_in_chunks() {
    let dir = tmp("newest");
    let (s, _) = Store::open(&page_path(&dir, &PageId::new("105"))).unwrap();
    let convs: Vec<Conversation> = (0..25)
        .map(|i| conv(i, 1000 + (i as i64 * 7) % 25, "x"))
        .collect();
    s.save_conversations(&convs).unwrap();
    let head = s.load_newest(0, Some(10)).unwrap();
    let times: Vec<_> = head.iter().map(|c| c.updated_at.unwrap().0).collect();
    assert_eq!(times, (1015..1025).rev().collect::<Vec<_>>());
    let rest = s.load_newest(10, None).unwrap();
    assert_eq!(rest.len(), 15);
    assert!(rest.iter().all(|c| c.updated_at.unwrap().0 < 1015));
}

#[test]
fn the_outbox_survives_reopening_until_removed() {
    let dir = tmp("outbox");
    let path = page_path(&dir, &PageId::new("105"));
    let entry = OutboxEntry {
        conv: ConversationId::new("c1"),
        op: Op::Tag(TagAction::Add, TagId::new("2")),
        label: "tag".into(),
        created_at: UnixSeconds(1),
        sending: false,
        held: None,
    };
    let id = {
        let (s, _) = Store::open(&path).unwrap();
        s.outbox_add(&entry).unwrap()
    };
    let (s, _) = Store::open(&path).unwrap();
    assert_eq!(s.outbox().unwrap(), vec![(id, entry.clone())]);
    s.outbox_update(
        id,
        &OutboxEntry {
            sending: true,
            held: None,
            ..entry
        },
    )
    .unwrap();
    assert!(s.outbox().unwrap()[0].1.sending);
    s.outbox_remove(id).unwrap();
    assert!(s.outbox().unwrap().is_empty());
}

#[test]
fn corrupt_and_old_caches_are_rebuilt_with_a_message() {
    let dir = tmp("corrupt");
    let path = page_path(&dir, &PageId::new("105"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        b"this is not a database, just garbage bytes.............",
    )
    .unwrap();
    let (s, notice) = Store::open(&path).unwrap();
    assert!(notice.unwrap().words(Lang::En).contains("rebuilt"));
    s.save_conversations(&[conv(1, 1, "x")]).unwrap();
    drop(s);
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let (s, notice) = Store::open(&path).unwrap();
    assert!(notice.unwrap().words(Lang::En).contains("another version"));
    assert!(s.load_conversations().unwrap().is_empty());
    assert!(clear(&dir).unwrap() >= 1);
}

#[test]
fn a_rebuilt_cache_keeps_the_outbox_and_looking_changes_nothing() {
    let dir = tmp("rebuild-outbox");
    let path = page_path(&dir, &PageId::new("105"));
    let entry = |i: u32| OutboxEntry {
        conv: ConversationId::new(format!("c{i}")),
        op: Op::Unread,
        label: format!("mark {i} unread").into(),
        created_at: UnixSeconds(1),
        sending: false,
        held: None,
    };
    {
        let (s, _) = Store::open(&path).unwrap();
        s.outbox_add_many(&[entry(1), entry(2)]).unwrap();
        s.save_conversations(&[conv(1, 1, "x")]).unwrap();
        s.draft_save(&Draft {
            conv: ConversationId::new("c7"),
            text: "Dạ em gửi lại ạ".into(),
            files: vec!["/home/an/order-17.txt".into()],
            updated: UnixSeconds(5),
        })
        .unwrap();
    }
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
        c.execute(
            "INSERT INTO outbox (entry) VALUES ('{\"from\": \"the future\"}')",
            [],
        )
        .unwrap();
    }
    // `cache info` reads without rebuilding.
    let e = inspect(&path).unwrap_err();
    let vi = e.said().words(Lang::Vi);
    assert!(
        vi.contains("lần mở tới sẽ tạo lại nó và chuyển 3 thao tác"),
        "{vi}"
    );
    assert!(
        e.said()
            .words(Lang::En)
            .contains("carries its 3 outbox actions over")
    );
    let e = e.to_string();
    assert!(
        e.contains("another version") && e.contains("3 outbox action(s)"),
        "{e}"
    );
    let version: i64 = Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 99, "inspecting changed nothing");
    assert_eq!(unconfirmed(&dir), vec![(path.clone(), 3)]);

    // The next start rebuilds it and carries over what it can read.
    let (s, said) = Store::open(&path).unwrap();
    let said = said.unwrap();
    let notice = said.words(Lang::En);
    // In Vietnamese, each part of the notice (the path as it is).
    let vi = said.words(Lang::Vi);
    for part in [
        "bộ nhớ đệm thuộc phiên bản khác nên đã được tạo lại",
        "; đã chuyển 2 thao tác chưa được xác nhận sang tệp mới",
        "; đã chuyển 1 bản nháp sang tệp mới",
        "; 1 thao tác trong hộp thư đi của tệp cũ không đọc được: tệp cũ được giữ lại ở ",
        ".broken-",
    ] {
        assert!(vi.contains(part), "{part:?} in {vi}");
    }
    assert!(!vi.contains("carried") && !vi.contains("rebuilt"), "{vi}");
    assert!(
        notice.contains("2 unconfirmed actions carried over"),
        "{notice}"
    );
    assert!(
        notice.contains("1 action of its outbox could not be read"),
        "{notice}"
    );
    let kept: Vec<OutboxEntry> = s.outbox().unwrap().into_iter().map(|(_, e)| e).collect();
    assert_eq!(kept, vec![entry(1), entry(2)]);
    // The agent's unsent text too.
    assert!(notice.contains("1 draft carried over"), "{notice}");
    let d = s.draft(&ConversationId::new("c7")).unwrap().unwrap();
    assert_eq!(
        (d.text.as_str(), d.files.as_slice()),
        ("Dạ em gửi lại ạ", &["/home/an/order-17.txt".to_owned()][..])
    );
    assert!(
        s.load_conversations().unwrap().is_empty(),
        "the cache itself is new"
    );
    assert_eq!(inspect(&path).unwrap().outbox, 2);
    // The old file is kept aside, its WAL under the same stamped name.
    let aside: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("broken-"))
        .collect();
    assert!(!aside.is_empty(), "{aside:?}");
    assert!(
        aside.iter().all(|n| n.starts_with("105.broken-")),
        "{aside:?}"
    );
}

/// The list is read without the customer's records and tag histories; the
/// one opened is read whole; a copy saved without them (an action's, from
/// the list) keeps the row's, and a row an older version wrote reads the
/// same.
#[test]
fn the_record_stays_on_disk_until_a_conversation_is_opened() {
    let dir = tmp("record");
    let (s, _) = Store::open(&page_path(&dir, &PageId::new("105"))).unwrap();
    let full = crate::app::fixtures::synthetic_conversations(3);
    s.save_conversations(&full).unwrap();
    let listed = s.load_newest(0, None).unwrap();
    assert_eq!(listed.len(), 3);
    for (l, f) in listed.iter().zip(&full) {
        assert!(l.page_customer.is_none() && l.tag_history.is_empty());
        let lean = Conversation {
            page_customer: None,
            tag_history: Vec::new(),
            ..f.clone()
        };
        assert_eq!(l, &lean, "everything else is there");
    }
    assert_eq!(
        s.load_conversation(&full[0].id).unwrap().as_ref(),
        Some(&full[0])
    );

    // Marked read from the list: the record and history stay on disk.
    let mut read = listed[0].clone();
    read.seen = !read.seen;
    read.updated_at = read.updated_at.map(|t| UnixSeconds(t.0 + 1));
    s.save_conversations(std::slice::from_ref(&read)).unwrap();
    let back = s.load_conversation(&read.id).unwrap().unwrap();
    assert_eq!(back.seen, read.seen);
    assert_eq!(back.page_customer, full[0].page_customer);
    assert_eq!(back.tag_history, full[0].tag_history);

    // A row as an older version wrote it.
    let old = serde_json::to_string(&full[1]).unwrap();
    s.run(
        "UPDATE conversations SET data = ?1 WHERE id = ?2",
        params![old, full[1].id.as_str()],
    )
    .unwrap();
    assert_eq!(
        s.load_conversation(&full[1].id).unwrap().as_ref(),
        Some(&full[1])
    );
    assert!(
        s.load_newest(0, None)
            .unwrap()
            .iter()
            .any(|c| c.id == full[1].id)
    );
    assert_eq!(
        s.load_conversation(&ConversationId::new("nope")).unwrap(),
        None
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The cache's errors, said for people in the agent's language: the path
/// and the system's reason as they are, the advice translated. Their
/// English is the `Display` logs keep, word for word.
#[test]
fn the_caches_errors_are_said_in_the_agents_language() {
    let path = PathBuf::from("/home/an/.cache/pancake-tui/pages/105.sqlite");
    let errors = [
        StoreError::Sqlite {
            path: path.clone(),
            message: "no such table: outbox".into(),
        },
        StoreError::Unreadable {
            path: path.clone(),
            message: "file is not a database".into(),
        },
        StoreError::Busy {
            path: path.clone(),
            message: "database is locked".into(),
            waited: 5,
        },
        StoreError::Disk {
            path: path.clone(),
            message: "disk I/O error: No space left on device".into(),
        },
        StoreError::Io {
            path: path.clone(),
            source: std::io::Error::other("Permission denied"),
        },
    ];
    for e in &errors {
        assert_eq!(e.said().words(Lang::En), e.to_string());
        let vi = e.said().words(Lang::Vi);
        assert!(
            vi.starts_with("bộ nhớ đệm /home/an/.cache/pancake-tui/pages/105.sqlite: "),
            "{vi}"
        );
        assert!(!vi.contains("cache ") && !vi.contains("try again"), "{vi}");
    }
    assert_eq!(
        errors[2].said().words(Lang::Vi),
        "bộ nhớ đệm /home/an/.cache/pancake-tui/pages/105.sqlite: một chương trình khác đang \
         giữ tệp và không nhả ra sau 5 giây (database is locked); hãy đóng chương trình đó \
         (một cửa sổ sqlite3, một bản sao lưu) rồi thử lại; không có gì trong bộ nhớ đệm bị \
         dời đi hay mất"
    );
    let disk = errors[3].said().words(Lang::Vi);
    assert!(
        disk.contains(": disk I/O error: No space left on device; hãy giải phóng dung lượng đĩa"),
        "{disk}"
    );
    // Notices in one line, in order.
    let one = |n: usize| Said::new("store-drafts-carried").arg("count", n);
    assert_eq!(
        crate::store::joined([one(1), one(2), one(3)])
            .unwrap()
            .words(Lang::En),
        "1 draft carried over; 2 drafts carried over; 3 drafts carried over"
    );
    assert_eq!(crate::store::joined([]), None);
}

/// A record change made in the row itself keeps the rest of it; a row
/// that no longer decodes (cut short, hand-edited) is skipped when the list
/// is read, not the end of the read.
#[test]
fn a_record_is_changed_in_its_row_and_a_broken_row_is_skipped() {
    let dir = tmp("record-row");
    let (s, _) = Store::open(&page_path(&dir, &PageId::new("105"))).unwrap();
    let full = crate::app::fixtures::synthetic_conversations(3);
    s.save_conversations(&full).unwrap();
    s.update_record(&full[0].id, |r| r.gender = Some("unknown".into()))
        .unwrap();
    let back = s.load_conversation(&full[0].id).unwrap().unwrap();
    let mut expected = full[0].clone();
    expected.page_customer.as_mut().unwrap().gender = Some("unknown".into());
    assert_eq!(back, expected);
    s.run(
        "UPDATE conversations SET data = '{\"id\": \"c' WHERE id = ?1",
        [full[1].id.as_str()],
    )
    .unwrap();
    let listed = s.load_newest(0, None).unwrap();
    let ids: Vec<&str> = listed.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, [full[0].id.as_str(), full[2].id.as_str()]);
    assert_eq!(s.load_conversation(&full[1].id).unwrap(), None);
    let _ = std::fs::remove_dir_all(&dir);
}
