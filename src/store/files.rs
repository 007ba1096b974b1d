//! The cache files read without opening a [`Store`]: `cache info`, the
//! unconfirmed actions before `cache clear`, and the clearing itself.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{Info, OutboxEntry, SCHEMA_VERSION, Store, StoreError, cached_pages, info_of};

pub(super) fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// What `cache info` says of one file, read without changing anything: a
/// cache of another version is reported, not rebuilt.
pub fn inspect(path: &Path) -> Result<Info, StoreError> {
    let e = |m: rusqlite::Error| Store::err(path, m);
    let conn = open_read_only(path).map_err(e)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(e)?;
    if version != SCHEMA_VERSION {
        let waiting = read_outbox(path).map_or(0, |o| o.entries.len() + o.unreadable);
        return Err(StoreError::OtherVersion {
            path: path.to_owned(),
            waiting,
        });
    }
    info_of(&conn, path).map_err(e)
}

/// The outbox of a file, read-only: the entries this version understands,
/// and how many rows it does not. `None` when it cannot be read at all.
pub(super) struct OldOutbox {
    pub(super) entries: Vec<OutboxEntry>,
    pub(super) unreadable: usize,
}

pub(super) fn read_outbox(path: &Path) -> Option<OldOutbox> {
    let conn = open_read_only(path).ok()?;
    let has_table: bool = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'outbox'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .ok()?
        > 0;
    if !has_table {
        return Some(OldOutbox {
            entries: Vec::new(),
            unreadable: 0,
        });
    }
    let mut stmt = conn.prepare("SELECT entry FROM outbox ORDER BY id").ok()?;
    let rows: Vec<rusqlite::Result<String>> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .ok()?
        .collect();
    let mut old = OldOutbox {
        entries: Vec::new(),
        unreadable: 0,
    };
    for row in rows {
        match row.ok().and_then(|t| serde_json::from_str(&t).ok()) {
            Some(e) => old.entries.push(e),
            None => old.unreadable += 1,
        }
    }
    Some(old)
}

/// Actions not yet confirmed by Pancake in the caches under `dir`: per
/// file, how many (files whose outbox cannot be read count as one).
pub fn unconfirmed(dir: &Path) -> Vec<(PathBuf, usize)> {
    cached_pages(dir)
        .into_iter()
        .filter_map(|p| {
            let n = read_outbox(&p).map_or(1, |o| o.entries.len() + o.unreadable);
            (n > 0).then_some((p, n))
        })
        .collect()
}

/// Remove every page's cache under `dir`, the outbox too: the caller has
/// checked [`unconfirmed`] with the agent first.
pub fn clear(dir: &Path) -> Result<usize, StoreError> {
    let pages = dir.join("pages");
    let Ok(entries) = std::fs::read_dir(&pages) else {
        return Ok(0);
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let gone = if entry.path().is_dir() {
            // A cache's owners' lock files (`owner.rs`).
            std::fs::remove_dir_all(entry.path())
        } else {
            std::fs::remove_file(entry.path())
        };
        gone.map_err(|source| StoreError::Io {
            path: entry.path(),
            source,
        })?;
        removed += 1;
    }
    Ok(removed)
}
