//! A budget file in a dir other users may write (`budget_dir`, group
//! writable), opened as hostile: its name is predictable, so anyone of the
//! group may have put a symlink, a FIFO, a hard link or junk there.
//!
//! - The name is opened `O_NOFOLLOW | O_NONBLOCK` (a symlink is refused, a
//!   FIFO does not block) and must be a regular file with one link (fstat
//!   after open): a symlink's target or a hard link's other name is never
//!   opened for writing.
//! - At most [`MAX_BYTES`] are read.
//! - Anything else there, and a book that does not parse, is replaced by a
//!   new file made beside it (`O_CREAT | O_EXCL | O_NOFOLLOW`, a unique
//!   name) and renamed over the name: what was planted is unlinked from
//!   the name, never written through.
//! - The lock (`flock`, as every version takes it) is tried until a
//!   deadline, never waited for without end.
//!
//! Once a file can be replaced by rename, a process may hold an fd on an
//! inode the name no longer names, and lock a different file than the
//! others. So the file is opened anew at each use, and after the lock is
//! taken the name is checked to still name the locked inode (`lstat`, the
//! same dev and inode): if not, it is closed and opened again. A process
//! that replaces the file does it while holding the lock of the old one,
//! so whoever locks the old inode after it sees the name moved on. Opening
//! per use costs one `open` and one `lstat` per try (microseconds), and no
//! fd lives long enough to go stale.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The most bytes read from a book (a real one is under a few KB).
pub(crate) const MAX_BYTES: u64 = 256 * 1024;

/// Why a shared file could not be used.
#[derive(Debug)]
pub(crate) enum Error {
    /// Its lock was held past the deadline (by a stopped process, or on
    /// purpose).
    Busy,
    /// It could not be opened, read, written or replaced.
    Io(io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Busy => write!(f, "its lock is held by another process past the deadline"),
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// A budget file, open and locked; unlocked when dropped (closed).
pub(crate) struct Locked {
    file: File,
    path: PathBuf,
    mode: u32,
    /// Its bytes, or `None` when longer than [`MAX_BYTES`].
    bytes: Option<Vec<u8>>,
}

impl Locked {
    pub fn bytes(&self) -> Option<&[u8]> {
        self.bytes.as_deref()
    }

    /// Write `bytes` over the book: in place (the name was checked to be
    /// this regular file of one link, locked).
    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.file.seek(SeekFrom::Start(0))?;
        self.file.write_all(bytes)?;
        self.file.set_len(bytes.len() as u64)
    }

    /// Write `bytes` into a new file beside the book and rename it over the
    /// name (a book that did not parse: torn, or planted junk). In a sticky
    /// dir another user's file cannot be renamed over; then it is written
    /// in place, which is safe for the same reason [`Locked::write`] is.
    pub fn replace(&mut self, bytes: &[u8]) -> io::Result<()> {
        match replace_with(&self.path, self.mode, bytes) {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => self.write(bytes),
            Err(e) => Err(e),
        }
    }
}

/// Open the budget file at `path` (made with `mode` when new) and lock it,
/// reading at most [`MAX_BYTES`] of it; give up at `deadline`.
pub(crate) fn lock(path: &Path, mode: u32, deadline: Instant) -> Result<Locked, Error> {
    loop {
        if Instant::now() >= deadline {
            return Err(Error::Busy);
        }
        let file = match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => match create(path, mode) {
                Ok(f) => f,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e.into()),
            },
            Err(e) => return Err(e.into()),
            // Never opened: a symlink, a FIFO, a device, a dir, a hard link.
            Ok(m) if !usable(&m) => {
                replace_planted(path, mode, &m, deadline)?;
                continue;
            }
            Ok(_) => match open_existing(path) {
                Ok(f) => f,
                // Swapped for a symlink (ELOOP) or removed since the lstat.
                Err(e)
                    if e.raw_os_error() == Some(libc::ELOOP)
                        || e.kind() == io::ErrorKind::NotFound =>
                {
                    continue;
                }
                Err(e) => return Err(e.into()),
            },
        };
        let opened = file.metadata()?;
        if !usable(&opened) {
            // Swapped for a FIFO or a hard link since the lstat: closed
            // unread, and replaced at the next turn.
            continue;
        }
        lock_until(&file, deadline)?;
        // Still the file the name names (not replaced while we waited)?
        match std::fs::symlink_metadata(path) {
            Ok(now) if same(&now, &opened) && usable(&now) => {}
            _ => continue,
        }
        let mut bytes = Vec::new();
        (&file).take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
        let bytes = (bytes.len() as u64 <= MAX_BYTES).then_some(bytes);
        return Ok(Locked {
            file,
            path: path.to_owned(),
            mode,
            bytes,
        });
    }
}

/// A regular file with one name: the only thing a book is read from or
/// written into.
fn usable(m: &std::fs::Metadata) -> bool {
    m.file_type().is_file() && m.nlink() == 1
}

fn same(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

fn hostile() -> std::fs::OpenOptions {
    let mut o = std::fs::OpenOptions::new();
    o.read(true)
        .write(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC);
    o
}

fn open_existing(path: &Path) -> io::Result<File> {
    hostile().open(path)
}

/// A new file at `path` (fails if anything is there), `mode` whatever the
/// umask.
fn create(path: &Path, mode: u32) -> io::Result<File> {
    let f = hostile().create_new(true).mode(mode).open(path)?;
    f.set_permissions(std::fs::Permissions::from_mode(mode))?;
    Ok(f)
}

/// Take the file's exclusive lock, trying until `deadline` (never
/// blocking: the holder may never let go).
fn lock_until(file: &File, deadline: Instant) -> Result<(), Error> {
    let mut pause = Duration::from_micros(200);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => return Err(e.into()),
        }
        let now = Instant::now();
        if now >= deadline {
            return Err(Error::Busy);
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(5));
    }
}

/// Something not a book is at `path` (`seen`): replace it by a new empty
/// file. Under the dir's lock, so two processes that saw it do not both
/// replace it (the second sees the new file), and only if the name still
/// names what was seen.
fn replace_planted(
    path: &Path,
    mode: u32,
    seen: &std::fs::Metadata,
    deadline: Instant,
) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let dir_file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_CLOEXEC)
        .open(dir)?;
    lock_until(&dir_file, deadline)?;
    match std::fs::symlink_metadata(path) {
        Ok(now) if same(&now, seen) => {}
        _ => return Ok(()), // someone else dealt with it
    }
    replace_with(path, mode, b"").map_err(|e| {
        Error::Io(io::Error::new(
            e.kind(),
            format!(
                "{} is not a regular file and cannot be replaced ({e}); remove it",
                path.display()
            ),
        ))
    })?;
    tracing::warn!(
        "rate budget: {} was not a regular file of one link (planted?); replaced by a new one, what was there left untouched",
        path.display()
    );
    Ok(())
}

/// Make a new file beside `path` holding `bytes` and rename it over `path`.
fn replace_with(path: &Path, mode: u32, bytes: &[u8]) -> io::Result<()> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tries = 0;
    let (new_path, mut file) = loop {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let new_path = path.with_file_name(format!(
            ".{name}.{}.{}.{nanos:x}.new",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        match create(&new_path, mode) {
            Ok(f) => break (new_path, f),
            // Someone planted that name too: another one.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 8 => tries += 1,
            Err(e) => return Err(e),
        }
    };
    let done = file
        .write_all(bytes)
        .and_then(|()| std::fs::rename(&new_path, path));
    if done.is_err() {
        let _ = std::fs::remove_file(&new_path);
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("pancake-shared-file-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_symlink_is_never_opened_even_when_it_slips_past_the_lstat() {
        let d = tmp("nofollow");
        std::fs::write(d.join("victim"), "v").unwrap();
        std::os::unix::fs::symlink(d.join("victim"), d.join("book")).unwrap();
        let e = open_existing(&d.join("book")).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::ELOOP), "{e}");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_dir_planted_at_the_name_is_an_error_said_not_a_hang() {
        let d = tmp("dir");
        std::fs::create_dir(d.join("book")).unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        let e = lock(&d.join("book"), 0o600, deadline)
            .err()
            .expect("an error");
        assert!(matches!(e, Error::Io(_)), "{e}");
        assert!(e.to_string().contains("remove it"), "{e}");
        assert!(Instant::now() < deadline);
        assert!(d.join("book").is_dir(), "left as it was");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_replaced_book_leaves_nothing_beside_it_and_reads_to_the_cap() {
        let d = tmp("replace");
        let path = d.join("book");
        std::fs::write(&path, vec![b'x'; MAX_BYTES as usize + 10]).unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut l = lock(&path, 0o600, deadline).unwrap();
        assert!(l.bytes().is_none(), "over the cap");
        l.replace(b"{}").unwrap();
        drop(l);
        assert_eq!(std::fs::read(&path).unwrap(), b"{}");
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
        let _ = std::fs::remove_dir_all(&d);
    }
}
