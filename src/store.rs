//! The local cache and the durable outbox: one SQLite file per page in the
//! platform cache dir.
//!
//! SQLite (rusqlite, bundled: nothing to install on a jump box) because the
//! cache must take 100,000 conversations, update a few rows at a time, and
//! survive a crash mid-write; a JSON file rewritten whole does none of that.
//! Rows hold the clean models as JSON beside the columns we query by.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::api::Op;
use crate::api::{Conversation, ConversationId, Message, PageId, UnixSeconds};
use crate::private;

mod drafts;
mod owner;
mod trouble;

pub use drafts::Draft;
pub use owner::{Claim, OutboxRows};

/// Bumped when the layout changes; an older cache is rebuilt, not migrated.
const SCHEMA_VERSION: i64 = 1;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cache {path}: {message}")]
    Sqlite { path: PathBuf, message: String },
    /// Not a database, or a corrupt one: the only trouble a rebuild mends.
    #[error("cache {path}: {message}")]
    Unreadable { path: PathBuf, message: String },
    #[error(
        "cache {path}: another program holds it and did not let go within {waited} s \
         ({message}); close that program (a sqlite3 shell, a backup) and try again; \
         nothing in the cache was moved or lost"
    )]
    Busy {
        path: PathBuf,
        message: String,
        waited: u64,
    },
    #[error(
        "cache {path}: {message}; free some disk space (or raise the file size limit) \
         and try again; nothing in the cache was moved or lost"
    )]
    Disk { path: PathBuf, message: String },
    #[error("cache {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// An action written down before it is sent, removed once Pancake confirms it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub conv: ConversationId,
    pub op: Op,
    pub label: String,
    pub created_at: UnixSeconds,
    /// Set just before the request leaves: after a crash, a reply in this state
    /// may or may not have reached Pancake, so it is not sent again blindly.
    pub sending: bool,
    /// It failed in a way only the agent can settle (a reply that may have
    /// been posted, or one Facebook refused for good): after a restart it
    /// waits for the agent with this reason instead of going by itself.
    #[serde(default)]
    pub held: Option<String>,
}

/// What `cache info` prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Info {
    pub path: PathBuf,
    pub bytes: u64,
    pub conversations: u64,
    pub threads: u64,
    pub outbox: u64,
}

pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
    /// This store as the owner of the outbox rows it sends (`owner.rs`).
    owner: owner::Owner,
}

/// The cache file of a page under `dir`.
pub fn page_path(dir: &Path, page: &PageId) -> PathBuf {
    let safe: String = page
        .as_str()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    dir.join("pages").join(format!("{safe}.sqlite"))
}

/// The page caches under `dir`, by path.
pub fn cached_pages(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("pages"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "sqlite"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The platform cache dir of the app.
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("vn", "pancake", "pancake-tui")
        .map(|d| d.cache_dir().to_path_buf())
}

impl Store {
    /// Open (or create) the cache at `path`. A corrupt or old-format file is
    /// moved aside and rebuilt; the returned notice says so. A file that is
    /// busy (after a wait), on a full or failing disk, is an error and stays
    /// as it is, its outbox with it (`trouble.rs`).
    ///
    /// The dirs are 0700 and the files (`-wal` and `-shm` included) 0600
    /// whatever the umask; an existing cache open to others is tightened and
    /// the notice says so.
    pub fn open(path: &Path) -> Result<(Store, Option<String>), StoreError> {
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
        let private_notice = tightened.notice();
        let why = match Self::try_open(path) {
            Ok(Some(store)) => return Ok((store, private_notice)),
            Ok(None) => "the cache was from another version and was rebuilt".to_owned(),
            Err(e @ StoreError::Unreadable { .. }) => {
                format!("the cache was unreadable ({e}) and was rebuilt")
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
        let mut notice = match private_notice {
            Some(p) => format!("{p}; {why}"),
            None => why,
        };
        if carried > 0 {
            notice.push_str(&format!(
                "; {carried} unconfirmed action(s) carried over to the new one"
            ));
        }
        if !old_drafts.is_empty() {
            notice.push_str(&format!("; {} draft(s) carried over", old_drafts.len()));
        }
        let lost = old.as_ref().map_or(0, |o| o.unreadable);
        if old.is_none() || lost > 0 {
            let what = if lost > 0 {
                format!("{lost} action(s) of its outbox could not be read")
            } else {
                "its outbox could not be read".to_owned()
            };
            notice.push_str(&format!(
                "; {what}: the old file is kept as {}",
                aside.display()
            ));
        }
        Ok((store, Some(notice)))
    }

    fn err(path: &Path, message: impl std::fmt::Display) -> StoreError {
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

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let mut conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        let r = f(&mut conn);
        r.map_err(|m| trouble::of(&self.path, m, Some(&*conn)))
    }

    /// One statement; how many rows it changed.
    fn run(&self, sql: &str, params: impl rusqlite::Params) -> Result<usize, StoreError> {
        self.with(|c| c.execute(sql, params))
    }

    /// Every cached conversation (any order; the app sorts).
    pub fn load_conversations(&self) -> Result<Vec<Conversation>, StoreError> {
        self.load_newest(0, None)
    }

    /// Cached conversations by activity, newest first: `limit` of them (all
    /// with `None`) after the first `skip`. Start-up reads a screenful first
    /// and the rest while the list is already on screen.
    pub fn load_newest(
        &self,
        skip: usize,
        limit: Option<usize>,
    ) -> Result<Vec<Conversation>, StoreError> {
        let limit = limit.map_or(-1, |l| l as i64);
        self.with(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT data FROM conversations ORDER BY updated_at DESC LIMIT ?1 OFFSET ?2",
            )?;
            let rows = stmt.query_map(params![limit, skip as i64], |r| r.get::<_, String>(0))?;
            let mut out = Vec::new();
            for row in rows {
                // A row that no longer decodes is skipped, not fatal.
                if let Ok(conv) = serde_json::from_str(&row?) {
                    out.push(conv);
                }
            }
            Ok(out)
        })
    }

    /// Upsert conversations; a copy older than the cached one is ignored
    /// (newer `updated_at` wins, as in the app).
    pub fn save_conversations(&self, convs: &[Conversation]) -> Result<(), StoreError> {
        self.with(|c| {
            let tx = c.transaction()?;
            {
                let mut stmt = tx.prepare_cached(
                    "INSERT INTO conversations (id, updated_at, data) VALUES (?1, ?2, ?3)
                     ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at, data = excluded.data
                     WHERE excluded.updated_at IS NULL OR conversations.updated_at IS NULL
                        OR excluded.updated_at >= conversations.updated_at",
                )?;
                for conv in convs {
                    let data = serde_json::to_string(conv).unwrap_or_default();
                    stmt.execute(params![conv.id.as_str(), conv.updated_at.map(|t| t.0), data])?;
                }
            }
            tx.commit()
        })
    }

    pub fn save_messages(&self, conv: &ConversationId, msgs: &[Message]) -> Result<(), StoreError> {
        self.with(|c| {
            let tx = c.transaction()?;
            {
                let mut stmt = tx.prepare_cached(
                    "INSERT OR REPLACE INTO messages (conv, id, inserted_at, data) VALUES (?1, ?2, ?3, ?4)",
                )?;
                for m in msgs.iter().filter(|m| !m.id.is_empty()) {
                    let data = serde_json::to_string(m).unwrap_or_default();
                    stmt.execute(params![conv.as_str(), m.id, m.inserted_at.map(|t| t.0), data])?;
                }
            }
            tx.commit()
        })
    }

    /// The cached messages of a thread, oldest first.
    pub fn load_messages(&self, conv: &ConversationId) -> Result<Vec<Message>, StoreError> {
        self.with(|c| {
            let mut stmt =
                c.prepare("SELECT data FROM messages WHERE conv = ?1 ORDER BY inserted_at, id")?;
            let rows = stmt.query_map([conv.as_str()], |r| r.get::<_, String>(0))?;
            Ok(rows
                .filter_map(|r| r.ok())
                .filter_map(|d| serde_json::from_str(&d).ok())
                .collect())
        })
    }

    pub fn save_meta<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        let text = serde_json::to_string(value).unwrap_or_default();
        let sql = "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)";
        self.run(sql, params![key, text]).map(|_| ())
    }

    pub fn load_meta<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        let text: Option<String> = self.with(|c| {
            c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()
        })?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// Write an action down before it is sent. Returns its outbox id.
    pub fn outbox_add(&self, entry: &OutboxEntry) -> Result<i64, StoreError> {
        let ids = self.outbox_add_many(std::slice::from_ref(entry))?;
        Ok(ids[0])
    }

    /// Write several actions down in one transaction, in order; their ids.
    pub fn outbox_add_many(&self, entries: &[OutboxEntry]) -> Result<Vec<i64>, StoreError> {
        let owner = self.owner();
        self.with(|c| {
            let tx = c.transaction()?;
            let mut ids = Vec::with_capacity(entries.len());
            for entry in entries {
                let text = serde_json::to_string(entry).unwrap_or_default();
                // Owned by this store from the start (`owner.rs`).
                tx.execute(
                    "INSERT INTO outbox (entry, owner) VALUES (?1, ?2)",
                    params![text, owner],
                )?;
                ids.push(tx.last_insert_rowid());
            }
            tx.commit()?;
            Ok(ids)
        })
    }

    pub fn outbox_update(&self, id: i64, entry: &OutboxEntry) -> Result<(), StoreError> {
        let text = serde_json::to_string(entry).unwrap_or_default();
        let sql = "UPDATE outbox SET entry = ?2 WHERE id = ?1";
        self.run(sql, params![id, text]).map(|_| ())
    }

    /// Pancake confirmed it (or the agent cancelled it).
    pub fn outbox_remove(&self, id: i64) -> Result<(), StoreError> {
        self.run("DELETE FROM outbox WHERE id = ?1", [id])
            .map(|_| ())
    }

    /// What is still waiting, oldest first.
    pub fn outbox(&self) -> Result<Vec<(i64, OutboxEntry)>, StoreError> {
        self.with(|c| {
            let mut stmt = c.prepare("SELECT id, entry FROM outbox ORDER BY id")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            Ok(rows
                .filter_map(|r| r.ok())
                .filter_map(|(id, e)| serde_json::from_str(&e).ok().map(|e| (id, e)))
                .collect())
        })
    }

    pub fn info(&self) -> Result<Info, StoreError> {
        self.with(|c| info_of(c, &self.path))
    }
}

/// A snoozed conversation: when it comes back ("follow up later", README § Keys).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub page_id: PageId,
    pub conv: ConversationId,
    pub due: UnixSeconds,
    pub created: UnixSeconds,
}

/// The reminders table, made on first use (so an existing cache gains it
/// without a new schema version; it is part of the page's file).
const REMINDERS: &str = "CREATE TABLE IF NOT EXISTS reminders (
     page_id TEXT NOT NULL, conv TEXT NOT NULL, due INTEGER NOT NULL, created INTEGER NOT NULL,
     PRIMARY KEY (page_id, conv));
 CREATE INDEX IF NOT EXISTS reminders_due ON reminders (due);";

fn reminder_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Reminder> {
    Ok(Reminder {
        page_id: PageId::new(r.get::<_, String>(0)?),
        conv: ConversationId::new(r.get::<_, String>(1)?),
        due: UnixSeconds(r.get(2)?),
        created: UnixSeconds(r.get(3)?),
    })
}

impl Store {
    /// Snooze a conversation until `due`; a second call changes the time
    /// (one reminder per conversation).
    pub fn reminder_set(&self, r: &Reminder) -> Result<(), StoreError> {
        self.with(|c| {
            c.execute_batch(REMINDERS)?;
            c.execute(
                "INSERT INTO reminders (page_id, conv, due, created) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (page_id, conv) DO UPDATE SET due = excluded.due, created = excluded.created",
                params![r.page_id.as_str(), r.conv.as_str(), r.due.0, r.created.0],
            )
            .map(|_| ())
        })
    }

    /// Cancel a conversation's reminder (fired, or the customer wrote first);
    /// whether there was one.
    pub fn reminder_cancel(
        &self,
        page: &PageId,
        conv: &ConversationId,
    ) -> Result<bool, StoreError> {
        self.with(|c| {
            c.execute_batch(REMINDERS)?;
            c.execute(
                "DELETE FROM reminders WHERE page_id = ?1 AND conv = ?2",
                params![page.as_str(), conv.as_str()],
            )
            .map(|n| n > 0)
        })
    }

    /// Every reminder, soonest first.
    pub fn reminders(&self) -> Result<Vec<Reminder>, StoreError> {
        self.reminders_due_before(UnixSeconds(i64::MAX))
    }

    /// The reminders due at or before `t`, soonest first (at start: those
    /// that fell due while the app was closed).
    pub fn reminders_due_before(&self, t: UnixSeconds) -> Result<Vec<Reminder>, StoreError> {
        self.with(|c| {
            c.execute_batch(REMINDERS)?;
            let mut st = c.prepare(
                "SELECT page_id, conv, due, created FROM reminders WHERE due <= ?1
                 ORDER BY due, page_id, conv",
            )?;
            let rows = st.query_map(params![t.0], reminder_of)?;
            rows.collect()
        })
    }
}

fn info_of(c: &Connection, path: &Path) -> rusqlite::Result<Info> {
    let count = |sql: &str| {
        c.query_row(sql, [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
    };
    let bytes = [path.to_owned(), beside(path, "-wal")]
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok().map(|m| m.len()))
        .sum();
    Ok(Info {
        path: path.to_owned(),
        bytes,
        conversations: count("SELECT COUNT(*) FROM conversations")?,
        threads: count("SELECT COUNT(DISTINCT conv) FROM messages")?,
        outbox: count("SELECT COUNT(*) FROM outbox")?,
    })
}

/// SQLite's companion files: `-wal`, `-shm` after the whole file name.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
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
        return Err(Store::err(
            path,
            format!(
                "from another version of the app: the next start rebuilds it \
                 and carries its {waiting} outbox action(s) over"
            ),
        ));
    }
    info_of(&conn, path).map_err(e)
}

/// The outbox of a file, read-only: the entries this version understands,
/// and how many rows it does not. `None` when it cannot be read at all.
struct OldOutbox {
    entries: Vec<OutboxEntry>,
    unreadable: usize,
}

fn read_outbox(path: &Path) -> Option<OldOutbox> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{TagAction, TagId};

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
        let notice = notice.expect("a notice");
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
        assert!(notice.unwrap().contains("rebuilt"));
        s.save_conversations(&[conv(1, 1, "x")]).unwrap();
        drop(s);
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", 99).unwrap();
        }
        let (s, notice) = Store::open(&path).unwrap();
        assert!(notice.unwrap().contains("another version"));
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
            label: format!("mark {i} unread"),
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
        let e = inspect(&path).unwrap_err().to_string();
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
        let (s, notice) = Store::open(&path).unwrap();
        let notice = notice.unwrap();
        assert!(
            notice.contains("2 unconfirmed action(s) carried over"),
            "{notice}"
        );
        assert!(
            notice.contains("1 action(s) of its outbox could not be read"),
            "{notice}"
        );
        let kept: Vec<OutboxEntry> = s.outbox().unwrap().into_iter().map(|(_, e)| e).collect();
        assert_eq!(kept, vec![entry(1), entry(2)]);
        // The agent's unsent text too.
        assert!(notice.contains("1 draft(s) carried over"), "{notice}");
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
}
