//! The jump box's files for the composer: a path with `~` expanded, the
//! entries of a directory for Tab, a file read and checked before it is
//! attached (`api::local_file::read_upload`: opened once without following
//! a symbolic link, a regular file only, size first, then type by name and
//! content, and identified for the upload). Blocking: run off the async
//! workers.

use std::path::PathBuf;

use crate::api::file_reply::OutgoingFile;
use crate::api::local_file::read_upload;
use crate::app::attach::{PathEntry, split_line};

/// Most entries of one directory offered for completion.
const MAX_ENTRIES: usize = 10_000;

/// `~` and `~/...` are the home directory.
pub fn expand(path: &str, home: Option<&str>) -> PathBuf {
    match (path.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            PathBuf::from(format!("{home}{rest}"))
        }
        _ => PathBuf::from(path),
    }
}

fn home() -> Option<String> {
    std::env::var("HOME").ok().filter(|h| !h.is_empty())
}

/// The entries of the directory a prompt line is in (its part up to the
/// last `/`; none: the current directory).
pub fn list(line: &str) -> Result<Vec<PathEntry>, String> {
    let (dir, _) = split_line(line);
    let path = if dir.is_empty() {
        PathBuf::from(".")
    } else {
        expand(dir, home().as_deref())
    };
    let read = std::fs::read_dir(&path).map_err(|e| {
        let shown = crate::text::sanitize_line(&path.display().to_string());
        format!("cannot list {shown}: {e}")
    })?;
    Ok(read
        .filter_map(|e| e.ok())
        .take(MAX_ENTRIES)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            // Follows links: a link to a directory completes as one.
            let dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
            Some(PathEntry { name, dir })
        })
        .collect())
}

/// Read and check a file to attach: what the composer and the outbox keep
/// of it, or why it cannot be sent, in words.
pub fn check(typed: &str) -> Result<OutgoingFile, String> {
    let path = expand(typed.trim(), home().as_deref());
    let (upload, identity) = read_upload(&path).map_err(|e| e.to_string())?;
    // Made absolute, links not resolved: the upload opens this path again,
    // without following a link either.
    let path = std::path::absolute(&path).unwrap_or(path);
    Ok(OutgoingFile {
        path: path.display().to_string(),
        name: upload.name,
        size: upload.bytes.len() as u64,
        kind: upload.kind,
        identity: Some(identity),
        uploaded: None,
        sent: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::attach::complete;

    #[test]
    fn tab_completes_over_a_real_directory_and_enter_checks_the_file() {
        let dir = std::env::temp_dir().join(format!("pancake-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("ảnh")).unwrap();
        std::fs::write(dir.join("bánh.png"), b"\x89PNG\r\n\x1a\nrest").unwrap();
        std::fs::write(dir.join("bánh.txt"), b"gia 250k").unwrap();
        std::fs::write(dir.join("run.exe"), b"MZ").unwrap();
        let base = format!("{}/", dir.display());

        let line = format!("{base}b");
        let c = complete(&line, &list(&line).unwrap());
        assert_eq!(c.line, format!("{base}bánh."));
        assert_eq!(c.candidates, vec!["bánh.png", "bánh.txt"]);
        let line = format!("{base}ả");
        assert_eq!(
            complete(&line, &list(&line).unwrap()).line,
            format!("{base}ảnh/")
        );
        assert!(
            list("/no/such/dir/x")
                .unwrap_err()
                .starts_with("cannot list /no/such/dir")
        );

        let f = check(&format!("{base}bánh.png")).unwrap();
        assert_eq!((f.name.as_str(), f.size), ("bánh.png", 12));
        assert_eq!(f.describe(), "bánh.png · 12 B · photo");
        let e = check(&format!("{base}run.exe")).unwrap_err();
        assert!(e.contains(".exe files cannot be sent"), "{e}");
        let e = check(&format!("{base}none.png")).unwrap_err();
        assert!(
            e.starts_with("cannot read ") && e.contains("No such file"),
            "{e}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let locked = dir.join("locked.png");
            std::fs::write(&locked, b"\x89PNG\r\n\x1a\nrest").unwrap();
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
            // root reads it all the same.
            if std::fs::read(&locked).is_err() {
                let e = check(&locked.display().to_string()).unwrap_err();
                assert!(e.contains("ermission denied"), "{e}");
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_tilde_is_home() {
        assert_eq!(
            expand("~/a.png", Some("/home/lan")),
            PathBuf::from("/home/lan/a.png")
        );
        assert_eq!(expand("~", Some("/home/lan")), PathBuf::from("/home/lan"));
        assert_eq!(
            expand("~minh/a", Some("/home/lan")),
            PathBuf::from("~minh/a")
        );
        assert_eq!(expand("/x/~", Some("/h")), PathBuf::from("/x/~"));
    }
}
