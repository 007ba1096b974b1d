//! The local cache and the durable outbox: one SQLite file per page in the
//! platform cache dir.
//!
//! SQLite (rusqlite, bundled: nothing to install on a jump box) because the
//! cache must take 100,000 conversations, update a few rows at a time, and
//! survive a crash mid-write; a JSON file rewritten whole does none of that.
//! Rows hold the clean models as JSON beside the columns we query by.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::api::Op;
use crate::api::{Conversation, ConversationId, Message, PageId, UnixSeconds};
use crate::i18n::Said;

mod drafts;
mod files;
mod open;
mod owner;
mod reminders;
mod rows;
mod trouble;

pub use drafts::Draft;
pub use files::{clear, inspect, unconfirmed};
use files::{open_read_only, read_outbox};
pub use owner::{Claim, OutboxRows};
pub use reminders::Reminder;

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
    /// Seen by `cache info`, which changes nothing: the next start
    /// rebuilds it.
    #[error(
        "cache {path}: from another version of the app: the next start rebuilds it \
         and carries its {waiting} outbox action(s) over"
    )]
    OtherVersion { path: PathBuf, waiting: usize },
    #[error("cache {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl StoreError {
    /// What went wrong and what to do, as a message of the catalogs
    /// (`store-*` of `errors.ftl`): the path and the system's reason as
    /// they are. Its English is the `Display` (logs keep that).
    pub fn said(&self) -> Said {
        // On one line, as the status bar shows it (the system's words may
        // hold anything).
        let path = |p: &Path| crate::text::sanitize_line(&p.display().to_string());
        let reason = |r: &str| crate::text::sanitize_line(r);
        match self {
            StoreError::Sqlite { path: p, message }
            | StoreError::Unreadable { path: p, message } => Said::new("store-error")
                .arg("path", path(p))
                .arg("reason", reason(message)),
            StoreError::Busy {
                path: p,
                message,
                waited,
            } => Said::new("store-busy")
                .arg("path", path(p))
                .arg("seconds", *waited)
                .arg("reason", reason(message)),
            StoreError::Disk { path: p, message } => Said::new("store-disk")
                .arg("path", path(p))
                .arg("reason", reason(message)),
            StoreError::OtherVersion { path: p, waiting } => Said::new("store-other-version")
                .arg("path", path(p))
                .arg("count", *waiting),
            StoreError::Io { path: p, source } => Said::new("store-error")
                .arg("path", path(p))
                .arg("reason", reason(&source.to_string())),
        }
    }
}

/// Notices of the cache in one line, in order; none: `None`.
pub fn joined(notices: impl IntoIterator<Item = Said>) -> Option<Said> {
    let mut notices: Vec<Said> = notices.into_iter().collect();
    let last = notices.pop()?;
    Some(notices.into_iter().rev().fold(last, |more, first| {
        Said::new("store-notices")
            .arg("first", first)
            .arg("more", more)
    }))
}

/// An action written down before it is sent, removed once Pancake confirms it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub conv: ConversationId,
    pub op: Op,
    /// What it is, put into words where it is shown (plain words when an
    /// older version wrote it).
    pub label: Said,
    pub created_at: UnixSeconds,
    /// Set just before the request leaves: after a crash, a reply in this state
    /// may or may not have reached Pancake, so it is not sent again blindly.
    pub sending: bool,
    /// It failed in a way only the agent can settle (a reply that may have
    /// been posted, or one Facebook refused for good): after a restart it
    /// waits for the agent with this reason instead of going by itself.
    #[serde(default)]
    pub held: Option<Said>,
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
    ///
    /// Without the customer's record and tag history: the list does not
    /// hold them (`app::convs::rest`), [`Store::load_conversation`] reads
    /// them for the one opened.
    pub fn load_newest(
        &self,
        skip: usize,
        limit: Option<usize>,
    ) -> Result<Vec<Conversation>, StoreError> {
        let limit = limit.map_or(-1, |l| l as i64);
        self.with(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT CASE WHEN json_valid(data)
                     THEN json_remove(data, '$.page_customer', '$.tag_history') END
                 FROM conversations ORDER BY updated_at DESC LIMIT ?1 OFFSET ?2",
            )?;
            let rows = stmt.query_map(params![limit, skip as i64], |r| {
                r.get::<_, Option<String>>(0)
            })?;
            let mut out = Vec::new();
            for row in rows {
                // A row that no longer decodes is skipped, not fatal.
                if let Some(conv) = row?.and_then(|r| serde_json::from_str(&r).ok()) {
                    out.push(conv);
                }
            }
            Ok(out)
        })
    }

    /// One cached conversation, whole (its record and tag history too).
    pub fn load_conversation(
        &self,
        id: &ConversationId,
    ) -> Result<Option<Conversation>, StoreError> {
        self.with(|c| {
            let row: Option<String> = c
                .prepare_cached("SELECT data FROM conversations WHERE id = ?1")?
                .query_row([id.as_str()], |r| r.get(0))
                .optional()?;
            Ok(row.as_deref().and_then(rows::conversation_of))
        })
    }

    /// The customer's record of conversation `id` changed as Pancake
    /// confirmed (`change`), in the row itself: for a record the list does
    /// not hold (`app::convs::rest`). Nothing when the row has none.
    pub fn update_record(
        &self,
        id: &ConversationId,
        change: impl FnOnce(&mut crate::api::customer_record::PageCustomer),
    ) -> Result<(), StoreError> {
        self.with(|c| {
            let tx = c.transaction()?;
            let row: Option<String> = tx
                .query_row(
                    "SELECT data FROM conversations WHERE id = ?1",
                    [id.as_str()],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(mut conv) = row.as_deref().and_then(rows::conversation_of)
                && let Some(record) = conv.page_customer.as_deref_mut()
            {
                change(record);
                tx.execute(
                    "UPDATE conversations SET data = ?1 WHERE id = ?2",
                    params![rows::row_of(&conv, None), id.as_str()],
                )?;
            }
            tx.commit()
        })
    }

    /// Upsert conversations; a copy older than the cached one is ignored
    /// (newer `updated_at` wins, as in the app). A copy without the record
    /// or the tag history keeps the row's (`rows`).
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
                let mut held = tx.prepare_cached("SELECT data FROM conversations WHERE id = ?1")?;
                for conv in convs {
                    let row: Option<String> = if rows::lacks_rest(conv) {
                        held.query_row([conv.id.as_str()], |r| r.get(0)).optional()?
                    } else {
                        None
                    };
                    let data = rows::row_of(conv, row.as_deref());
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

#[cfg(test)]
mod tests;
