//! Files only their owner reads: on a shared jump box the cache holds
//! customers' names, phone numbers and messages, and the drafts, the log and
//! the remembered "me" are personal too.
//!
//! Every dir the app makes is 0700 and every file 0600, whatever the umask:
//! they are created with those modes and then set to them explicitly (a
//! umask can only take bits away, and an existing file keeps its old mode).
//! An existing dir or file open to others is tightened, and the caller says so.

use std::io;
use std::path::{Path, PathBuf};

/// Mode of a private dir.
pub const DIR_MODE: u32 = 0o700;
/// Mode of a private file.
pub const FILE_MODE: u32 = 0o600;

/// Create `dir` (and missing parents) as private dirs; an existing `dir` is
/// tightened. Returns whether `dir` existed and was open to others.
pub fn create_dir(dir: &Path) -> io::Result<bool> {
    let existed = dir.is_dir();
    if !existed {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, DIR_MODE);
        b.create(dir)?;
    }
    let loose = tighten(dir, DIR_MODE)?;
    Ok(existed && loose)
}

/// This user's own dir in a place others may write (`/tmp`): made 0700 if
/// absent; one already there is used only if it is a dir (a symbolic link
/// is never followed), owned by this user and closed to others. Anything
/// else is an error that says what to do ([`refusal`] tells which), and
/// nothing is changed.
pub fn own_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt};
    match std::fs::DirBuilder::new().mode(DIR_MODE).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let m = std::fs::symlink_metadata(dir)?;
    // SAFETY: getuid has no arguments and cannot fail.
    let me = unsafe { libc::getuid() };
    let why = if !m.file_type().is_dir() {
        NotOwn::NotADir
    } else if m.uid() != me {
        NotOwn::OtherUser(m.uid())
    } else if m.mode() & 0o077 != 0 {
        NotOwn::OpenToOthers(m.mode() & 0o777)
    } else {
        return Ok(());
    };
    Err(io::Error::other(Refused {
        dir: dir.to_owned(),
        why,
    }))
}

/// Why [`own_dir`] refused a dir.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotOwn {
    /// A symbolic link, a file or anything else put there.
    NotADir,
    /// Another user's (their uid).
    OtherUser(u32),
    /// Open to the group or others (its permission bits).
    OpenToOthers(u32),
}

impl NotOwn {
    /// What to do about `dir`, in a few words (the log and the status bar
    /// say it): `/tmp/pancake-tui-1000 is open to others: chmod 700 it`.
    pub fn words(self, dir: &Path) -> String {
        let shown = dir.display();
        match self {
            NotOwn::NotADir => {
                format!("{shown} is a symbolic link or a file, not a directory: remove it")
            }
            NotOwn::OtherUser(uid) => format!(
                "{shown} belongs to another user, uid {uid}: have it removed, or set XDG_RUNTIME_DIR"
            ),
            NotOwn::OpenToOthers(_) => format!("{shown} is open to others: chmod 700 it"),
        }
    }
}

/// Why [`own_dir`] refused `dir`, if that is what `e` says.
pub fn refusal(e: &io::Error) -> Option<NotOwn> {
    e.get_ref()?.downcast_ref::<Refused>().map(|r| r.why)
}

/// [`own_dir`]'s refusal, inside its `io::Error`.
#[derive(Debug)]
struct Refused {
    dir: PathBuf,
    why: NotOwn,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.why.words(&self.dir))
    }
}

impl std::error::Error for Refused {}

/// Create (or open) `path` as a private file and truncate it; then write.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut f = open_options().write(true).truncate(true).open(path)?;
    set_mode_of(&f, FILE_MODE)?;
    f.write_all(bytes)
}

/// Make sure the file `path` exists and is private (0600), without changing
/// its content. Returns whether it existed and was open to others.
pub fn touch(path: &Path) -> io::Result<bool> {
    let existed = path.exists();
    let f = open_options().append(true).open(path)?;
    let loose = mode_of(&f)? & 0o077 != 0;
    set_mode_of(&f, FILE_MODE)?;
    Ok(existed && loose)
}

/// Set `path` to `mode` if it has any group or other bits (or differs in
/// the owner's). Returns whether it was open to others. A missing path is
/// not an error (false).
pub fn tighten(path: &Path, mode: u32) -> io::Result<bool> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    if meta.file_type().is_symlink() {
        // Never follow a link to change someone else's file.
        return Ok(false);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let current = meta.permissions().mode() & 0o7777;
        if current != mode {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
        }
        Ok(current & 0o077 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = mode;
        Ok(false)
    }
}

/// The mode of `path` (permission bits), for tests and reports.
pub fn mode(path: &Path) -> io::Result<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Ok(std::fs::metadata(path)?.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(0)
    }
}

/// Open options that create a file 0600 (before the umask; the caller sets
/// the mode right after).
fn open_options() -> std::fs::OpenOptions {
    let mut o = std::fs::OpenOptions::new();
    o.create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, FILE_MODE);
    o
}

fn mode_of(f: &std::fs::File) -> io::Result<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Ok(f.metadata()?.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = f;
        Ok(0)
    }
}

fn set_mode_of(f: &std::fs::File, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if mode_of(f)? != mode {
            f.set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (f, mode);
    Ok(())
}

/// Paths that were open to others and are private now, for one notice.
#[derive(Debug, Default)]
pub struct Tightened(pub Vec<PathBuf>);

impl Tightened {
    pub fn note(&mut self, path: &Path, was_loose: io::Result<bool>) {
        if matches!(was_loose, Ok(true)) {
            self.0.push(path.to_owned());
        }
    }

    /// The paths made private, as a notice names them ("X, Y"), and how
    /// many; none: `None`.
    pub fn notice(&self) -> Option<(String, usize)> {
        if self.0.is_empty() {
            return None;
        }
        let list: Vec<String> = self.0.iter().map(|p| p.display().to_string()).collect();
        Some((list.join(", "), list.len()))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Run with the usual umask 022, as a new user would; the process umask
    /// is global, so every test that sets it uses the same value.
    pub(crate) fn umask_022() {
        // SAFETY: umask only swaps the process's file mode mask.
        unsafe {
            libc::umask(0o022);
        }
    }

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("pancake-private-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn dirs_and_files_are_private_whatever_the_umask() {
        umask_022();
        let root = tmp("new");
        let dir = root.join("a").join("b");
        assert!(!create_dir(&dir).unwrap(), "new: nothing to report");
        assert_eq!(mode(&dir).unwrap(), 0o700);
        assert_eq!(mode(&root.join("a")).unwrap(), 0o700);
        let f = dir.join("me");
        write(&f, b"42").unwrap();
        assert_eq!(mode(&f).unwrap(), 0o600);
        assert_eq!(std::fs::read(&f).unwrap(), b"42");
        let g = dir.join("log");
        assert!(!touch(&g).unwrap());
        assert_eq!(mode(&g).unwrap(), 0o600);
        let _ = std::fs::remove_dir_all(&root);
    }

    /// A dir in a place others may write: made private, or used only if it
    /// is this user's closed dir; a symlink, an open dir or another user's
    /// is refused and left as it was.
    #[test]
    fn an_own_dir_in_a_shared_place_is_made_private_or_refused() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        umask_022();
        let root = tmp("own");
        std::fs::create_dir_all(&root).unwrap();
        let mine = root.join("pancake-tui-mine");
        own_dir(&mine).unwrap();
        assert_eq!(mode(&mine).unwrap(), 0o700);
        own_dir(&mine).expect("used again");

        let elsewhere = root.join("planted-target");
        std::fs::create_dir_all(&elsewhere).unwrap();
        let link = root.join("pancake-tui-link");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        let e = own_dir(&link).unwrap_err().to_string();
        assert!(
            e.contains("not a directory") && e.contains("remove it"),
            "{e}"
        );
        let why = |d: &Path| refusal(&own_dir(d).unwrap_err());
        assert_eq!(why(&link), Some(NotOwn::NotADir));
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );

        let open = root.join("pancake-tui-open");
        std::fs::create_dir_all(&open).unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
        let e = own_dir(&open).unwrap_err().to_string();
        assert!(e.contains("is open to others: chmod 700 it"), "{e}");
        assert_eq!(why(&open), Some(NotOwn::OpenToOthers(0o777)));
        assert_eq!(mode(&open).unwrap(), 0o777, "left as it was");

        // Another user's (only root can make one here).
        // SAFETY: getuid has no arguments and cannot fail.
        if unsafe { libc::getuid() } == 0 {
            let theirs = root.join("pancake-tui-theirs");
            std::fs::create_dir_all(&theirs).unwrap();
            std::fs::set_permissions(&theirs, std::fs::Permissions::from_mode(0o700)).unwrap();
            std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).unwrap();
            let e = own_dir(&theirs).unwrap_err().to_string();
            assert!(e.contains("belongs to another user, uid 65534"), "{e}");
            assert_eq!(why(&theirs), Some(NotOwn::OtherUser(65534)));
            assert_eq!(std::fs::metadata(&theirs).unwrap().uid(), 65534);
        }
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn open_ones_are_tightened_and_reported() {
        use std::os::unix::fs::PermissionsExt;
        umask_022();
        let root = tmp("open");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
        let f = root.join("x");
        std::fs::write(&f, "secret").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        let mut t = Tightened::default();
        t.note(&root, create_dir(&root));
        t.note(&f, touch(&f));
        assert_eq!(mode(&root).unwrap(), 0o700);
        assert_eq!(mode(&f).unwrap(), 0o600);
        assert_eq!(std::fs::read(&f).unwrap(), b"secret", "content kept");
        let (paths, count) = t.notice().unwrap();
        assert_eq!(count, 2);
        assert!(paths.contains(", "), "{paths}");
        // Already private: nothing to say.
        let mut again = Tightened::default();
        again.note(&root, create_dir(&root));
        assert!(again.notice().is_none());
        let _ = std::fs::remove_dir_all(&root);
    }
}
