//! One owner per outbox entry, whatever the number of windows open on the
//! page: the entry is sent by its owner only, so it reaches Pancake once.
//!
//! Each open [`Store`] is an owner: it holds an exclusive `flock` on a lock
//! file of its own beside the cache (`<cache>.owners/<pid>-<nanos>.lock`),
//! which the kernel releases when the process ends, however it ends (kill -9
//! included). Each outbox row names its owner (the `owner` column, the lock
//! file's name). A row is sent only after it is claimed, and a claim is one
//! `BEGIN IMMEDIATE` transaction (so no two processes claim at once): it
//! reads the row's owner and takes the row only if it has none, is this
//! store already, or its lock can be taken (that owner is gone). A new
//! action is written owned by its store. The whole outbox is claimed and
//! read the same way at start and every few seconds after (the runtime's
//! outbox watcher): what a window that closed or died left is taken over,
//! and what a live window owns is shown, not sent.
//!
//! Why a lock file per store rather than one lock on the cache: a lock
//! tells "somebody is here", a lock per owner tells "this owner is here",
//! which is what a row needs to know. Why `flock` and not a pid: a pid is
//! reused, a released lock is not held by anyone.
//!
//! A lock file is made under a temporary name, locked, then renamed into
//! place, so a file under its `.lock` name is never seen unlocked while its
//! owner lives; an unlocked one (its owner gone) may be removed by anyone.

use std::collections::HashMap;
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{OutboxEntry, Store, StoreError};

/// The lock that makes a store an owner, held until the store is dropped
/// (or the process ends).
pub(super) struct Owner {
    token: String,
    dir: PathBuf,
    _lock: File,
}

/// The dir of the owners' lock files of the cache at `db`.
fn owners_dir(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}.owners", db.display()))
}

impl Owner {
    /// Become an owner of the cache at `db`; lock files of owners that are
    /// gone are swept up on the way.
    pub(super) fn take(db: &Path) -> std::io::Result<Owner> {
        let dir = owners_dir(db);
        crate::private::create_dir(&dir)?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let token = format!("{}-{nanos}", std::process::id());
        let fresh = dir.join(format!("{token}.new"));
        crate::private::write(&fresh, b"")?;
        let lock = File::open(&fresh)?;
        lock.lock()?;
        std::fs::rename(&fresh, dir.join(format!("{token}.lock")))?;
        let owner = Owner {
            token,
            dir,
            _lock: lock,
        };
        owner.sweep();
        Ok(owner)
    }

    fn lock_file(&self, token: &str) -> PathBuf {
        self.dir.join(format!("{token}.lock"))
    }

    /// Whether the owner `token` still holds its lock. Its lock file, found
    /// free, is removed. Anything unclear counts as alive: a row is never
    /// taken from an owner that may still send it.
    fn alive(&self, token: &str) -> bool {
        if token == self.token {
            return true;
        }
        if token.is_empty() || !token.chars().all(|c| c.is_ascii_digit() || c == '-') {
            // Not a name this code writes: nobody holds it.
            return false;
        }
        let path = self.lock_file(token);
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return false,
            Err(_) => return true,
        };
        match file.try_lock() {
            Ok(()) => {
                let _ = std::fs::remove_file(&path);
                false
            }
            Err(TryLockError::WouldBlock) => true,
            Err(TryLockError::Error(_)) => true,
        }
    }

    /// Remove the lock files of owners that are gone.
    fn sweep(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(token) = name.strip_suffix(".lock") {
                self.alive(token);
            }
        }
    }

    /// Whether a row owned by `owner` may be taken by this store.
    fn may_take(&self, owner: Option<&str>, seen: &mut HashMap<String, bool>) -> bool {
        match owner {
            None => true,
            Some(o) if o == self.token => true,
            Some(o) => !*seen.entry(o.to_owned()).or_insert_with(|| self.alive(o)),
        }
    }
}

impl Drop for Owner {
    fn drop(&mut self) {
        // Removed while still locked; the lock goes with the file handle.
        let _ = std::fs::remove_file(self.lock_file(&self.token));
    }
}

/// Add the `owner` column to an outbox made before it (additive: the
/// schema version does not change). One transaction, so two processes
/// opening an old cache at once do not both add it.
pub(super) fn add_owner_column(conn: &mut Connection) -> rusqlite::Result<()> {
    let has = |c: &Connection| -> rusqlite::Result<bool> {
        c.prepare("SELECT 1 FROM pragma_table_info('outbox') WHERE name = 'owner'")?
            .exists([])
    };
    if has(conn)? {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if !has(&tx)? {
        tx.execute_batch("ALTER TABLE outbox ADD COLUMN owner TEXT")?;
    }
    tx.commit()
}

/// What a claim of one outbox row found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// This store owns it now: it may be sent.
    Mine,
    /// A live window owns it: it is not sent from here.
    Theirs,
    /// No such row any more (confirmed or cancelled elsewhere).
    Gone,
}

/// The outbox as one store sees it, after claiming what was free.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutboxRows {
    /// Taken over just now: no owner, or an owner that is gone.
    pub claimed: Vec<(i64, OutboxEntry)>,
    /// This store's already.
    pub ours: Vec<(i64, OutboxEntry)>,
    /// A live window's: shown, not sent from here.
    pub theirs: Vec<(i64, OutboxEntry)>,
}

impl Store {
    /// The name of this store as an owner of outbox rows.
    pub fn owner(&self) -> &str {
        &self.owner.token
    }

    /// Claim row `id` for this store and write `entry` (the action as it
    /// leaves) into it, in one transaction: the row is sent only when this
    /// answers [`Claim::Mine`].
    pub fn outbox_claim(&self, id: i64, entry: &OutboxEntry) -> Result<Claim, StoreError> {
        let text = serde_json::to_string(entry).unwrap_or_default();
        let owner = &self.owner;
        self.with(|c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let row: Option<Option<String>> = tx
                .query_row("SELECT owner FROM outbox WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            let claim = match row {
                None => Claim::Gone,
                Some(o) if owner.may_take(o.as_deref(), &mut HashMap::new()) => {
                    tx.execute(
                        "UPDATE outbox SET owner = ?2, entry = ?3 WHERE id = ?1",
                        params![id, owner.token, text],
                    )?;
                    Claim::Mine
                }
                Some(_) => Claim::Theirs,
            };
            tx.commit()?;
            Ok(claim)
        })
    }

    /// The whole outbox, oldest first, after claiming (in one transaction)
    /// every row whose owner is gone or that has none.
    pub fn outbox_rows(&self) -> Result<OutboxRows, StoreError> {
        let owner = &self.owner;
        self.with(|c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let rows: Vec<(i64, String, Option<String>)> = {
                let mut stmt = tx.prepare("SELECT id, entry, owner FROM outbox ORDER BY id")?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let mut seen = HashMap::new();
            let mut out = OutboxRows::default();
            for (id, text, o) in rows {
                // A row this version cannot read is left to whoever can.
                let Ok(entry) = serde_json::from_str::<OutboxEntry>(&text) else {
                    continue;
                };
                if o.as_deref() == Some(owner.token.as_str()) {
                    out.ours.push((id, entry));
                } else if owner.may_take(o.as_deref(), &mut seen) {
                    tx.execute(
                        "UPDATE outbox SET owner = ?2 WHERE id = ?1",
                        params![id, owner.token],
                    )?;
                    out.claimed.push((id, entry));
                } else {
                    out.theirs.push((id, entry));
                }
            }
            tx.commit()?;
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ConversationId, Op, PageId, Reply, UnixSeconds};
    use crate::store::page_path;

    fn entry(text: &str) -> OutboxEntry {
        OutboxEntry {
            conv: ConversationId::new("c1"),
            op: Op::Reply(Reply::Inbox {
                message: text.into(),
            }),
            label: format!("reply {text}").into(),
            created_at: UnixSeconds(1),
            sending: false,
            held: None,
        }
    }

    fn ids(rows: &[(i64, OutboxEntry)]) -> Vec<i64> {
        rows.iter().map(|(id, _)| *id).collect()
    }

    /// Two stores on one file (two windows): each sends only what it owns,
    /// sees the other's rows as theirs, and takes them over once the other
    /// is gone: closed, or killed with its lock held by another process
    /// until then.
    #[test]
    fn one_owner_per_row_and_ownership_passes_on_when_the_owner_goes() {
        let dir = std::env::temp_dir().join(format!("pancake-owner-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = page_path(&dir, &PageId::new("105"));
        let (a, _) = Store::open(&path).unwrap();
        let (b, _) = Store::open(&path).unwrap();
        assert_ne!(a.owner(), b.owner());
        let id = a.outbox_add(&entry("một")).unwrap();
        let leaving = OutboxEntry {
            sending: true,
            ..entry("một")
        };
        // B cannot take A's row while A lives, at start or later.
        let seen = b.outbox_rows().unwrap();
        assert_eq!(
            (ids(&seen.claimed), ids(&seen.ours), ids(&seen.theirs)),
            (vec![], vec![], vec![id])
        );
        assert_eq!(b.outbox_claim(id, &leaving).unwrap(), Claim::Theirs);
        assert_eq!(a.outbox_claim(id, &leaving).unwrap(), Claim::Mine);
        assert!(
            a.outbox().unwrap()[0].1.sending,
            "the claim wrote the entry"
        );
        assert_eq!(ids(&a.outbox_rows().unwrap().ours), vec![id]);
        // A closes: B takes the row over, with what A wrote.
        drop(a);
        let seen = b.outbox_rows().unwrap();
        assert_eq!(ids(&seen.claimed), vec![id]);
        assert!(seen.claimed[0].1.sending);
        assert_eq!(b.outbox_claim(id, &leaving).unwrap(), Claim::Mine);
        // A third store finds it B's; once B removed it, gone.
        let (c, _) = Store::open(&path).unwrap();
        assert_eq!(c.outbox_claim(id, &leaving).unwrap(), Claim::Theirs);
        b.outbox_remove(id).unwrap();
        assert_eq!(c.outbox_claim(id, &leaving).unwrap(), Claim::Gone);

        // An owner in another process, killed (kill -9): its lock file is
        // locked here and the lock handed to a child, which holds it alone
        // once this process's handle is closed.
        let owners = dir.join("pages").join("105.sqlite.owners");
        let lock_path = owners.join("4242-1.lock");
        let lock = File::create(&lock_path).unwrap();
        lock.lock().unwrap();
        let mut holder = std::process::Command::new("sleep")
            .arg("600")
            .stdin(lock.try_clone().unwrap())
            .spawn()
            .unwrap();
        drop(lock);
        let id2 = c.outbox_add(&entry("hai")).unwrap();
        Connection::open(&path)
            .unwrap()
            .execute("UPDATE outbox SET owner = '4242-1' WHERE id = ?1", [id2])
            .unwrap();
        assert_eq!(c.outbox_claim(id2, &leaving).unwrap(), Claim::Theirs);
        assert_eq!(ids(&c.outbox_rows().unwrap().theirs), vec![id2]);
        assert!(lock_path.exists(), "a live owner's lock file stays");
        holder.kill().unwrap();
        holder.wait().unwrap();
        assert_eq!(ids(&c.outbox_rows().unwrap().claimed), vec![id2]);
        assert!(!lock_path.exists(), "the dead owner's lock file is swept");
        assert_eq!(b.outbox_claim(id2, &leaving).unwrap(), Claim::Theirs);
        assert_eq!(c.outbox_claim(id2, &leaving).unwrap(), Claim::Mine);
        drop((b, c));
        let left: Vec<_> = std::fs::read_dir(&owners).unwrap().flatten().collect();
        assert!(left.is_empty(), "every owner's lock file gone: {left:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A cache made before owners (its outbox has no `owner` column, its
    /// rows no owner) gains the column on open, same schema version, and
    /// its rows go to the first store that looks.
    #[test]
    fn an_outbox_from_before_owners_gains_the_column_and_its_rows_are_claimed() {
        let dir = std::env::temp_dir().join(format!("pancake-owner-old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = page_path(&dir, &PageId::new("105"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(
                "CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, entry TEXT NOT NULL);
                 PRAGMA user_version = 1;",
            )
            .unwrap();
            let text = serde_json::to_string(&entry("cũ")).unwrap();
            c.execute("INSERT INTO outbox (entry) VALUES (?1)", [text])
                .unwrap();
        }
        let (a, notice) = Store::open(&path).unwrap();
        assert!(
            !notice
                .as_ref()
                .map(|n| n.words(crate::i18n::Lang::En))
                .unwrap_or_default()
                .contains("rebuilt"),
            "not rebuilt: {notice:?}"
        );
        let (b, _) = Store::open(&path).unwrap();
        let seen = a.outbox_rows().unwrap();
        assert_eq!(seen.claimed.len(), 1);
        assert_eq!(seen.claimed[0].1, entry("cũ"));
        assert_eq!(b.outbox_rows().unwrap().theirs.len(), 1);
        drop((a, b));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
