//! Opening a page's cache: dirs and files made private, the schema made,
//! and a corrupt or old-format file moved aside and rebuilt with its
//! outbox and drafts carried over.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::Connection;

use crate::api::UnixSeconds;
use crate::i18n::Said;
use crate::private;

use super::{SCHEMA_VERSION, Store, StoreError, beside, drafts, owner, read_outbox, trouble};

impl Store {
    /// Open (or create) the cache at `path`. A corrupt or old-format file is
    /// moved aside and rebuilt; the returned notice says so. A file that is
    /// busy (after a wait), on a full or failing disk, is an error and stays
    /// as it is, its outbox with it (`trouble.rs`).
    ///
    /// The dirs are 0700 and the files (`-wal` and `-shm` included) 0600
    /// whatever the umask; an existing cache open to others is tightened and
    /// the notice says so.
    pub fn open(path: &Path) -> Result<(Store, Option<Said>), StoreError> {
        let mut tightened = private::Tightened::default();
        if let Some(dir) = path.parent() {
            // The app's own cache dir above `pages/` (never a dir it did not
            // make, such as /tmp for a cache file put there by hand).
            if dir.file_name().is_some_and(|n| n == "pages")
                && let Some(top) = dir.parent()
            {
                tightened.note(top, private::create_dir(top));
            }
            let made = private::create_dir(dir);
            if let Err(source) = made {
                return Err(StoreError::Io {
                    path: dir.to_owned(),
                    source,
                });
            }
            tightened.note(dir, made);
        }
        for file in [path.to_owned(), beside(path, "-wal"), beside(path, "-shm")] {
            let loose = private::tighten(&file, private::FILE_MODE);
            tightened.note(&file, loose);
        }
        // "X was open to other users of this machine; now only you can read it".
        let private_notice = tightened.notice().map(|(paths, count)| {
            Said::new("store-tightened")
                .arg("paths", paths)
                .arg("count", count)
        });
        let why = match Self::try_open(path) {
            Ok(Some(store)) => return Ok((store, private_notice)),
            Ok(None) => Said::new("store-rebuilt-version"),
            Err(e @ StoreError::Unreadable { .. }) => {
                Said::new("store-rebuilt-unreadable").arg("error", e.said())
            }
            Err(e) => return Err(e),
        };
        // The cache can be rebuilt from Pancake; the outbox cannot: what the
        // agent did and Pancake has not confirmed is carried over.
        let old = read_outbox(path);
        // Drafts too: the agent's unsent text is not Pancake's to give back.
        let old_drafts = drafts::read_old(path);
        let aside = Self::discard(path)?;
        let carry = || -> Result<(Store, usize), StoreError> {
            let store = Self::try_open(path)?.ok_or_else(|| Self::err(path, "cannot create"))?;
            let carried = match &old {
                Some(o) if !o.entries.is_empty() => store.outbox_add_many(&o.entries)?.len(),
                _ => 0,
            };
            for d in &old_drafts {
                store.draft_save(d)?;
            }
            Ok((store, carried))
        };
        let (store, carried) = match carry() {
            Ok(done) => done,
            Err(e) => {
                // Not carried over (the disk filled up meanwhile): the old
                // file goes back, so its outbox waits for the next start.
                trouble::put_back(path, &aside);
                return Err(e);
            }
        };
        let mut notices: Vec<Said> = private_notice.into_iter().chain([why]).collect();
        if carried > 0 {
            notices.push(Said::new("store-carried").arg("count", carried));
        }
        if !old_drafts.is_empty() {
            notices.push(Said::new("store-drafts-carried").arg("count", old_drafts.len()));
        }
        let lost = old.as_ref().map_or(0, |o| o.unreadable);
        let aside = aside.display().to_string();
        if lost > 0 {
            notices.push(
                Said::new("store-outbox-lost")
                    .arg("count", lost)
                    .arg("path", aside),
            );
        } else if old.is_none() {
            notices.push(Said::new("store-outbox-unreadable").arg("path", aside));
        }
        Ok((store, super::joined(notices)))
    }

    pub(super) fn err(path: &Path, message: impl std::fmt::Display) -> StoreError {
        StoreError::Sqlite {
            path: path.to_owned(),
            message: message.to_string(),
        }
    }

    /// `Ok(None)`: a readable database of another schema version.
    fn try_open(path: &Path) -> Result<Option<Store>, StoreError> {
        let e = |m: rusqlite::Error| trouble::of(path, m, None);
        // Made 0600 before SQLite sees it: SQLite creates the file 0644 and
        // gives its `-wal` and `-shm` the mode of the database file.
        private::touch(path).map_err(|source| StoreError::Io {
            path: path.to_owned(),
            source,
        })?;
        let mut conn = Connection::open(path).map_err(e)?;
        // Another window of the inbox may be writing: wait for it.
        conn.busy_timeout(trouble::BUSY_WAIT).map_err(e)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(e)?;
        for file in [beside(path, "-wal"), beside(path, "-shm")] {
            private::tighten(&file, private::FILE_MODE)
                .map_err(|source| StoreError::Io { path: file, source })?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(e)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(e)?;
        if version != 0 && version != SCHEMA_VERSION {
            return Ok(None);
        }
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS conversations (
                 id TEXT PRIMARY KEY, updated_at INTEGER, data TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS messages (
                 conv TEXT NOT NULL, id TEXT NOT NULL, inserted_at INTEGER, data TEXT NOT NULL,
                 PRIMARY KEY (conv, id));
             CREATE INDEX IF NOT EXISTS conversations_newest ON conversations (updated_at DESC);
             CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS outbox (
                 id INTEGER PRIMARY KEY AUTOINCREMENT, entry TEXT NOT NULL);",
        )
        .map_err(e)?;
        if version != SCHEMA_VERSION {
            conn.pragma_update(None, "user_version", SCHEMA_VERSION)
                .map_err(e)?;
        }
        owner::add_owner_column(&mut conn).map_err(e)?;
        let owner = owner::Owner::take(path).map_err(|source| StoreError::Io {
            path: path.to_owned(),
            source,
        })?;
        Ok(Some(Store {
            conn: Mutex::new(conn),
            path: path.to_owned(),
            owner,
        }))
    }

    /// Move a bad file (and its WAL and shared memory, under the same
    /// stamped name) aside so a fresh one can be made; where it went.
    fn discard(path: &Path) -> Result<PathBuf, StoreError> {
        let aside = path.with_extension(format!("broken-{}", UnixSeconds::now().0));
        for (from, to) in [
            (path.to_owned(), aside.clone()),
            (beside(path, "-wal"), beside(&aside, "-wal")),
            (beside(path, "-shm"), beside(&aside, "-shm")),
        ] {
            if from.exists() {
                std::fs::rename(&from, &to)
                    .map_err(|source| StoreError::Io { path: from, source })?;
            }
        }
        Ok(aside)
    }
}
