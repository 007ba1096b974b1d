//! What went wrong with a cache file, said for people, and sorted for
//! [`Store::open`](super::Store::open): only a file that is really
//! unreadable (not a database, corrupt) is moved aside and rebuilt. A file
//! another program holds, or a disk that is full or failing, is left as it
//! is: moving it aside would strand its outbox, and a new file would fail
//! the same way.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode};

use super::{StoreError, beside};

/// How long a write waits for another connection (another window of the
/// inbox, a `sqlite3` shell) to let go of the file before it gives up.
pub(super) const BUSY_WAIT: Duration = Duration::from_secs(5);

/// `e`, met on the cache at `path` (through `conn` when there is one: the
/// operating system's reason for an I/O error is read from it).
pub(super) fn of(path: &Path, e: rusqlite::Error, conn: Option<&Connection>) -> StoreError {
    let path = path.to_owned();
    let mut message = e.to_string();
    let code = e.sqlite_error_code();
    if matches!(code, Some(ErrorCode::SystemIoFailure | ErrorCode::DiskFull))
        && let Some(errno) = conn.and_then(system_errno)
    {
        // "disk I/O error" alone does not say why: "File too large",
        // "No space left on device" do.
        message = format!("{message}: {}", std::io::Error::from_raw_os_error(errno));
    }
    match code {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            StoreError::Unreadable { path, message }
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy {
            path,
            message,
            waited: BUSY_WAIT.as_secs(),
        },
        Some(
            ErrorCode::DiskFull
            | ErrorCode::SystemIoFailure
            | ErrorCode::TooBig
            | ErrorCode::ReadOnly
            | ErrorCode::CannotOpen
            | ErrorCode::PermissionDenied,
        ) => StoreError::Disk { path, message },
        _ => StoreError::Sqlite { path, message },
    }
}

/// Undo [`Store::discard`](super::Store::discard) when what it was for
/// failed (best effort: the new file is dropped, the old one comes back
/// with its outbox for the next start).
pub(super) fn put_back(path: &Path, aside: &Path) {
    for (from, to) in [
        (aside.to_owned(), path.to_owned()),
        (beside(aside, "-wal"), beside(path, "-wal")),
        (beside(aside, "-shm"), beside(path, "-shm")),
    ] {
        if from.exists() {
            let _ = std::fs::rename(&from, &to);
        } else {
            let _ = std::fs::remove_file(&to);
        }
    }
}

/// The `errno` of the last failed system call SQLite made on `conn`.
fn system_errno(conn: &Connection) -> Option<i32> {
    // SAFETY: the handle is the live connection `conn` borrows, and
    // `sqlite3_system_errno` only reads a field of it.
    let errno = unsafe { rusqlite::ffi::sqlite3_system_errno(conn.handle()) };
    (errno != 0).then_some(errno)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ConversationId, Op, PageId, UnixSeconds};
    use crate::store::{OutboxEntry, Store, page_path};

    #[test]
    fn each_trouble_is_sorted_and_said_for_people() {
        let p = Path::new("/c/p.sqlite");
        let sqlite =
            |code: i32| rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None);
        assert!(matches!(
            of(p, sqlite(rusqlite::ffi::SQLITE_NOTADB), None),
            StoreError::Unreadable { .. }
        ));
        assert!(matches!(
            of(p, sqlite(rusqlite::ffi::SQLITE_CORRUPT), None),
            StoreError::Unreadable { .. }
        ));
        let busy = of(p, sqlite(rusqlite::ffi::SQLITE_BUSY), None).to_string();
        assert!(busy.contains("another program holds it"), "{busy}");
        assert!(busy.contains("try again"), "{busy}");
        let full = of(p, sqlite(rusqlite::ffi::SQLITE_FULL), None).to_string();
        assert!(full.contains("free some disk space"), "{full}");
        assert!(full.contains("nothing in the cache was moved"), "{full}");
        assert!(matches!(
            of(p, sqlite(rusqlite::ffi::SQLITE_IOERR), None),
            StoreError::Disk { .. }
        ));
    }

    /// Another connection holds the file (`BEGIN EXCLUSIVE`, in the
    /// rollback journal mode a `sqlite3` shell may leave it in): opening
    /// waits, then fails saying what to do; nothing is moved aside or
    /// rebuilt, and once the lock goes the outbox is all there.
    #[test]
    fn a_held_lock_at_start_is_an_error_that_says_what_to_do_and_moves_nothing() {
        let dir = std::env::temp_dir().join(format!("pancake-held-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = page_path(&dir, &PageId::new("105"));
        let entry = OutboxEntry {
            conv: ConversationId::new("c1"),
            op: Op::Unread,
            label: "mark c1 unread".into(),
            created_at: UnixSeconds(1),
            sending: false,
            held: None,
        };
        let id = Store::open(&path).unwrap().0.outbox_add(&entry).unwrap();
        let files = || -> Vec<String> {
            let mut v: Vec<String> = std::fs::read_dir(path.parent().unwrap())
                .unwrap()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        };
        // Held in WAL mode (as the app leaves it): readers are not blocked,
        // the open goes through.
        let holder = Connection::open(&path).unwrap();
        holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
        Store::open(&path).expect("a held write lock does not stop a WAL open");
        holder.execute_batch("ROLLBACK").unwrap();
        // Held in rollback journal mode: nobody reads.
        holder
            .pragma_update(None, "journal_mode", "DELETE")
            .unwrap();
        holder
            .execute_batch("BEGIN EXCLUSIVE; INSERT INTO meta VALUES ('k', '1');")
            .unwrap();
        let before = files();
        let started = std::time::Instant::now();
        let e = match Store::open(&path) {
            Ok(_) => panic!("opened a file another connection holds exclusively"),
            Err(e) => e,
        };
        assert!(
            started.elapsed() >= BUSY_WAIT - Duration::from_millis(100),
            "it waited first: {:?}",
            started.elapsed()
        );
        assert!(matches!(e, StoreError::Busy { .. }), "{e:?}");
        let said = e.to_string();
        assert!(said.contains("another program holds it"), "{said}");
        assert!(said.contains("close that program"), "{said}");
        assert!(!said.contains("rebuilt"), "{said}");
        assert_eq!(files(), before, "nothing moved aside");
        holder.execute_batch("ROLLBACK").unwrap();
        drop(holder);
        let (s, notice) = Store::open(&path).unwrap();
        assert!(notice.is_none(), "{notice:?}");
        assert_eq!(
            s.outbox().unwrap(),
            vec![(id, entry)],
            "the outbox is all there"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
