//! The host budget in a shared dir where someone planted something at the
//! book's name: a symlink to a victim, a FIFO, a hard link, a poisoned or
//! huge book, a lock held for ever. Real files in a temp dir; every try
//! runs in a thread whose answer is awaited with a generous timeout (the
//! oracle for "never hangs").

use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::super::page_key;
use super::*;

const W: Duration = Duration::from_millis(300);
/// Far more than any try may take (its lock deadline is [`LOCK_WITHIN`]).
const GENEROUS: Duration = Duration::from_secs(10);
const VICTIM: &[u8] = b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIvictim lan@jumpbox\n";

/// A fresh shared dir (0770, as `budget_dir`) and a victim file outside it.
fn place(name: &str) -> (PathBuf, PathBuf) {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let root = std::env::temp_dir().join(format!(
        "pancake-hostile-{name}-{}-{nanos}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("home/.ssh")).unwrap();
    let victim = root.join("home/.ssh/authorized_keys");
    std::fs::write(&victim, VICTIM).unwrap();
    (root.join("budget"), victim)
}

/// The budget of a page in the shared `dir`, lease and window `W`; the
/// dir is made by this first open, as by an inbox.
fn open(dir: &Path) -> Arc<HostBudget> {
    let key = page_key("api", "105384912345678");
    Arc::new(HostBudget::open_in(dir, true, &key, 2, W, W).unwrap())
}

/// One try in its own thread: its answer, or a failure if none comes
/// within [`GENEROUS`].
fn try_in_thread(b: &Arc<HostBudget>, priority: Priority) -> (Try, Duration) {
    let (tx, rx) = mpsc::channel();
    let b = b.clone();
    std::thread::spawn(move || {
        let start = Instant::now();
        let t = b.try_or_own(priority, [1, 1, 1]);
        let _ = tx.send((t, start.elapsed()));
    });
    rx.recv_timeout(GENEROUS)
        .expect("a try returns within its deadline")
}

/// Try until a slot of the shared book is granted (not this process's own
/// budget), waiting as the budget says: how long it took.
fn until_shared_slot(b: &Arc<HostBudget>) -> (SlotId, Duration) {
    let start = Instant::now();
    loop {
        match try_in_thread(b, Priority::Interactive).0 {
            Try::Granted(SlotId::Host(0)) => std::thread::sleep(Duration::from_millis(20)),
            Try::Granted(s) => return (s, start.elapsed()),
            Try::Wait(d) => std::thread::sleep(d),
        }
        assert!(start.elapsed() < GENEROUS, "never granted a shared slot");
    }
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string; mkfifo only makes a node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o666) }, 0, "mkfifo");
}

/// A regular file of one link now sits at the book's name, holding a book.
fn a_book_is_there(b: &HostBudget) {
    let m = std::fs::symlink_metadata(b.path()).unwrap();
    assert!(m.file_type().is_file() && m.nlink() == 1, "{m:?}");
    let bytes = std::fs::read(b.path()).unwrap();
    assert!(super::Book::parse(&bytes).is_some(), "{bytes:?}");
}

#[test]
fn a_symlink_planted_at_the_book_is_never_written_through() {
    let (dir, victim) = place("symlink");
    let b = open(&dir);
    std::os::unix::fs::symlink(&victim, b.path()).unwrap();
    let (slot, _) = until_shared_slot(&b);
    b.release(&slot, false);
    let (slot, _) = until_shared_slot(&b);
    b.release(&slot, true);
    assert_eq!(std::fs::read(&victim).unwrap(), VICTIM, "the victim");
    a_book_is_there(&b);
    assert_eq!(b.unshared(), None);
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

#[test]
fn a_hard_link_to_a_victim_is_replaced_not_written() {
    let (dir, victim) = place("hardlink");
    let b = open(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::hard_link(&victim, b.path()).unwrap();
    let (slot, _) = until_shared_slot(&b);
    b.release(&slot, false);
    assert_eq!(std::fs::read(&victim).unwrap(), VICTIM);
    a_book_is_there(&b);
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

#[test]
fn a_fifo_planted_at_the_book_neither_hangs_nor_is_written() {
    let (dir, _) = place("fifo");
    let b = open(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    mkfifo(b.path());
    // Its read end held open by the test: anything written would wait in it.
    let reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(b.path())
        .unwrap();
    let (t, took) = try_in_thread(&b, Priority::Interactive);
    assert!(
        matches!(t, Try::Granted(SlotId::Host(id)) if id != 0),
        "{t:?}"
    );
    assert!(took < GENEROUS, "{took:?}");
    let mut buf = [0u8; 64];
    let n = std::io::Read::read(&mut &reader, &mut buf).unwrap_or(0);
    assert_eq!(n, 0, "written into the FIFO: {:?}", &buf[..n]);
    a_book_is_there(&b);
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

/// A book of 20 slots that never end (live and dead holders, in flight and
/// answered), 1,000 agents present in the future, waiters of a million
/// requests seen in the future.
fn poison(now: u64) -> String {
    let live = std::os::unix::process::parent_id();
    let mut slots = Vec::new();
    for i in 0..20u64 {
        let pid = [live, 0, u32::MAX, 1][i as usize % 4];
        slots.push(format!(
            r#"{{"pid":{pid},"user":{i},"id":{i},"until":{},"done":{}}}"#,
            u64::MAX,
            i % 3 == 0
        ));
    }
    let waiters: Vec<String> = (0..1_000)
        .map(|i| {
            format!(
                r#"{{"pid":{live},"user":{i},"n":[1000000,1000000,1000000],"seen":{}}}"#,
                now + 1_000_000_000
            )
        })
        .collect();
    let present: Vec<String> = (0..1_000)
        .map(|i| format!(r#"{{"pid":{live},"user":{i},"seen":{}}}"#, u64::MAX - i))
        .collect();
    format!(
        r#"{{"slots":[{}],"waiters":[{}],"present":[{}]}}"#,
        slots.join(","),
        waiters.join(","),
        present.join(",")
    )
}

#[test]
fn a_poisoned_book_frees_within_a_lease_and_counts_nobody_from_the_future() {
    let (dir, _) = place("poison");
    let b = open(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(b.path(), poison(monotonic_ms())).unwrap();
    // Background: it would defer to the poisoned waiters if they counted.
    let start = Instant::now();
    let slot = loop {
        match try_in_thread(&b, Priority::Background).0 {
            Try::Granted(SlotId::Host(0)) => panic!("fell back to its own budget"),
            Try::Granted(s) => break s,
            Try::Wait(d) => std::thread::sleep(d),
        }
        assert!(start.elapsed() < GENEROUS, "never granted");
    };
    let took = start.elapsed();
    // Lease and window are both W here: the poison held the page one W
    // (a loaded machine may add a little).
    assert!(took < W + Duration::from_secs(1), "{took:?}");
    assert_eq!(b.agents(), 1, "nobody present from the future");
    b.release(&slot, false);
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

#[test]
fn a_huge_book_is_read_only_to_its_cap_and_replaced() {
    let (dir, _) = place("huge");
    let b = open(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut huge = String::from(r#"{"slots":[],"waiters":["#);
    while huge.len() < 8 * 1024 * 1024 {
        huge.push_str(r#"{"pid":1,"user":1,"n":[1,1,1],"seen":1},"#);
    }
    std::fs::write(b.path(), &huge).unwrap();
    let (_, took) = until_shared_slot(&b);
    assert!(took < GENEROUS, "{took:?}");
    let len = std::fs::metadata(b.path()).unwrap().len();
    assert!(len < 1024, "replaced by a small book: {len} bytes");
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

#[test]
fn a_lock_held_for_ever_falls_back_to_the_own_budget_and_comes_back() {
    let (dir, _) = place("held");
    let b = open(&dir);
    let (slot, _) = until_shared_slot(&b); // makes the file
    b.release(&slot, true);
    let holder = std::fs::File::open(b.path()).unwrap();
    holder.lock().unwrap();
    let (t, took) = try_in_thread(&b, Priority::Interactive);
    assert_eq!(t, Try::Granted(SlotId::Host(0)), "its own budget");
    assert!(took >= LOCK_WITHIN, "tried until the deadline: {took:?}");
    assert_eq!(b.unshared(), Some(Unshared::Busy));
    // Meanwhile tries do not wait for the lock again.
    let (t, took) = try_in_thread(&b, Priority::Interactive);
    assert_eq!(t, Try::Granted(SlotId::Host(0)));
    assert!(took < LOCK_WITHIN, "{took:?}");
    drop(holder);
    let _ = until_shared_slot(&b);
    assert_eq!(b.unshared(), None, "shared again");
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

#[test]
fn a_torn_book_of_ours_is_replaced_by_rename_not_rewritten() {
    let (dir, _) = place("torn");
    let b = open(&dir);
    let (slot, _) = until_shared_slot(&b);
    b.release(&slot, true);
    std::fs::write(b.path(), r#"{"slots":[{"pid""#).unwrap();
    let before = std::fs::metadata(b.path()).unwrap().ino();
    let _ = until_shared_slot(&b);
    assert_ne!(std::fs::metadata(b.path()).unwrap().ino(), before);
    a_book_is_there(&b);
    // Nothing left beside it.
    let names: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// What is found at the book's name.
    #[derive(Debug, Clone)]
    enum Planted {
        Bytes(Vec<u8>),
        /// A book with any numbers in it.
        Book(Vec<(u32, u64, bool)>, Vec<(u32, [u32; 3], u64)>),
        Symlink,
        HardLink,
        Fifo,
    }

    fn planted() -> impl Strategy<Value = Planted> {
        prop_oneof![
            4 => proptest::collection::vec(any::<u8>(), 0..2048).prop_map(Planted::Bytes),
            2 => proptest::collection::vec(".{0,64}", 0..8)
                .prop_map(|parts| Planted::Bytes(parts.concat().into_bytes())),
            4 => (
                proptest::collection::vec(any::<(u32, u64, bool)>(), 0..40),
                proptest::collection::vec(any::<(u32, [u32; 3], u64)>(), 0..40),
            )
                .prop_map(|(s, w)| Planted::Book(s, w)),
            1 => Just(Planted::Symlink),
            1 => Just(Planted::HardLink),
            1 => Just(Planted::Fifo),
        ]
    }

    fn book_of(slots: &[(u32, u64, bool)], waiters: &[(u32, [u32; 3], u64)]) -> String {
        let s: Vec<String> = slots
            .iter()
            .enumerate()
            .map(|(i, (pid, until, done))| {
                format!(r#"{{"pid":{pid},"user":{i},"id":{i},"until":{until},"done":{done}}}"#)
            })
            .collect();
        let w: Vec<String> = waiters
            .iter()
            .enumerate()
            .map(|(i, (pid, n, seen))| {
                format!(
                    r#"{{"pid":{pid},"user":{i},"n":[{},{},{}],"seen":{seen}}}"#,
                    n[0], n[1], n[2]
                )
            })
            .collect();
        format!(
            r#"{{"slots":[{}],"waiters":[{}]}}"#,
            s.join(","),
            w.join(",")
        )
    }

    proptest! {
        // Failing cases are kept beside this file (the project's top level
        // holds only the crate's own dirs).
        #![proptest_config(ProptestConfig {
            cases: 64,
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::WithSource("regressions"),
            )),
            ..ProptestConfig::default()
        })]

        #[test]
        fn whatever_is_planted_no_panic_no_hang_no_write_through(p in planted()) {
            let (dir, victim) = place("prop");
            let b = open(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            let mut fifo_reader = None;
            match &p {
                Planted::Bytes(bytes) => std::fs::write(b.path(), bytes).unwrap(),
                Planted::Book(s, w) => std::fs::write(b.path(), book_of(s, w)).unwrap(),
                Planted::Symlink => std::os::unix::fs::symlink(&victim, b.path()).unwrap(),
                Planted::HardLink => std::fs::hard_link(&victim, b.path()).unwrap(),
                Planted::Fifo => {
                    mkfifo(b.path());
                    fifo_reader = Some(
                        std::fs::OpenOptions::new()
                            .read(true)
                            .custom_flags(libc::O_NONBLOCK)
                            .open(b.path())
                            .unwrap(),
                    );
                }
            }
            let now = monotonic_ms();
            let (t, took) = try_in_thread(&b, Priority::Bulk);
            prop_assert!(took < GENEROUS);
            prop_assert!(
                !matches!(t, Try::Granted(SlotId::Host(0))),
                "fell back to its own budget: {:?}", b.unshared()
            );
            if let Try::Granted(s) = &t {
                b.release(s, false);
            }
            prop_assert_eq!(std::fs::read(&victim).unwrap(), VICTIM);
            if let Some(r) = fifo_reader {
                let mut buf = [0u8; 64];
                let n = std::io::Read::read(&mut &r, &mut buf).unwrap_or(0);
                prop_assert_eq!(n, 0);
                let kept = std::fs::symlink_metadata(b.path()).unwrap();
                prop_assert!(!kept.file_type().is_fifo());
            }
            a_book_is_there(&b);
            // What the book holds now is within what this version writes.
            let book = super::super::Book::parse(&std::fs::read(b.path()).unwrap()).unwrap();
            let end = monotonic_ms() + W.as_millis() as u64;
            prop_assert!(book.slots.len() <= super::super::super::MAX_SLOTS);
            for s in &book.slots {
                prop_assert!(s.until <= end, "{:?} (now {})", s, now);
            }
            let _ = std::fs::remove_dir_all(dir.parent().unwrap());
        }
    }
}
