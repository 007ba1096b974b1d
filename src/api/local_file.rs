//! A file of the jump box read for an upload: opened once without
//! following a symbolic link (`O_NOFOLLOW`: a link named `order-17.txt`
//! could point at the token file), a regular file only (checked with
//! `fstat` on the opened file, so a FIFO or a device is never read from),
//! read up to [`MAX_UPLOAD_BYTES`], checked ([`check_upload`]) and
//! identified ([`FileIdentity`]). Read again for the upload, it must be the
//! file attached ([`read_attached`]), or it is refused: never different
//! bytes uploaded without the agent knowing. Blocking: run off the async
//! workers.

use std::fs::{File, FileType, Metadata};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::file_reply::{FileIdentity, OutgoingFile};
use super::upload::{MAX_UPLOAD_BYTES, Upload, UploadError, check_upload};
use crate::text::sanitize_line;

/// Read and check the file at `path` (as typed, `~` expanded): what goes
/// up, and what it is to recognise it later.
pub fn read_upload(path: &Path) -> Result<(Upload, FileIdentity), UploadError> {
    let shown = sanitize_line(&path.display().to_string());
    let name = sanitize_line(
        &path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    let unreadable = |message: String| UploadError::Unreadable {
        path: shown.clone(),
        message,
    };
    let file = open(path).map_err(|e| refused(path, &name, e, &unreadable))?;
    let before = file.metadata().map_err(|e| unreadable(e.to_string()))?;
    if !before.file_type().is_file() {
        return Err(UploadError::NotAFile {
            name,
            what: what_it_is(before.file_type()),
        });
    }
    let too_large = |size: u64| UploadError::TooLarge {
        name: name.clone(),
        size,
        max: MAX_UPLOAD_BYTES,
    };
    if before.len() > MAX_UPLOAD_BYTES {
        return Err(too_large(before.len()));
    }
    let mut bytes = Vec::with_capacity(before.len() as usize);
    (&file)
        .take(MAX_UPLOAD_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_UPLOAD_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let after = file.metadata().map_err(|e| unreadable(e.to_string()))?;
    if bytes.len() as u64 != before.len() || !same_file(&before, &after) {
        return Err(unreadable(
            "it changed while it was read (still being written?): try again".into(),
        ));
    }
    let identity = FileIdentity {
        dev: before.dev(),
        ino: before.ino(),
        size: before.len(),
        mtime: before.mtime(),
        mtime_nsec: before.mtime_nsec(),
        sha256: Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((check_upload(&name, bytes.into())?, identity))
}

/// A file of a reply read again for its upload: the bytes attached, or
/// why not (it changed, or the entry is older than identities).
pub fn read_attached(file: &OutgoingFile) -> Result<Upload, UploadError> {
    let changed = |how: String| UploadError::Changed {
        name: file.name.clone(),
        how,
    };
    let (upload, now) = match read_upload(Path::new(&file.path)) {
        Ok(read) => read,
        Err(UploadError::Symlink { target, .. }) => {
            return Err(changed(format!(" (it is a symbolic link to {target} now)")));
        }
        Err(UploadError::NotAFile { what, .. }) => {
            return Err(changed(format!(" (it is {what} now)")));
        }
        Err(e) => return Err(e),
    };
    match &file.identity {
        Some(then) if *then == now => Ok(upload),
        Some(_) => Err(changed(String::new())),
        None => Err(UploadError::NotIdentified {
            name: file.name.clone(),
        }),
    }
}

/// Open for reading, the last component not followed, without waiting (a
/// FIFO with no writer would block `open` for ever; on a regular file
/// `O_NONBLOCK` changes nothing).
fn open(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

/// Why `open` failed, in words: a symbolic link (refused, its target
/// said), something that is not a file, or the system's reason.
fn refused(
    path: &Path,
    name: &str,
    e: std::io::Error,
    unreadable: &dyn Fn(String) -> UploadError,
) -> UploadError {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => UploadError::Symlink {
            name: name.to_owned(),
            target: std::fs::read_link(path).map_or_else(
                |_| "a path that cannot be read".into(),
                |t| sanitize_line(&t.display().to_string()),
            ),
        },
        Ok(m) if !m.is_file() && !m.is_dir() => UploadError::NotAFile {
            name: name.to_owned(),
            what: what_it_is(m.file_type()),
        },
        _ => unreadable(e.to_string()),
    }
}

fn what_it_is(t: FileType) -> &'static str {
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "something else"
    }
}

/// The same file, unchanged, by `fstat`.
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    (a.dev(), a.ino(), a.len(), a.mtime(), a.mtime_nsec())
        == (b.dev(), b.ino(), b.len(), b.mtime(), b.mtime_nsec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("pancake-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_file_too_large_is_refused_before_it_is_read() {
        let dir = dir("upload");
        let big = dir.join("big.jpg");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(MAX_UPLOAD_BYTES + 10).unwrap();
        assert!(matches!(
            read_upload(&big),
            Err(UploadError::TooLarge { .. })
        ));
        let e = read_upload(&dir.join("none.jpg")).unwrap_err();
        assert!(e.to_string().starts_with("cannot read "), "{e}");
        let e = read_upload(&dir).unwrap_err();
        assert!(
            e.to_string().contains("is a directory, not a regular file"),
            "{e}"
        );
        std::fs::write(dir.join("ok.png"), b"\x89PNG\r\n\x1a\nrest").unwrap();
        let (up, id) = read_upload(&dir.join("ok.png")).unwrap();
        assert_eq!(up.mime, "image/png");
        assert_eq!(id.size, 12);
        // sha256sum of those 12 bytes.
        assert_eq!(
            id.sha256,
            "f02a830cf03a1cf756c0461481db682bc9254a5a399f847494d33850c3ff7156"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A link named like an order, to the token: refused with its target
    /// said, the target not read (its access time kept) nor changed.
    #[test]
    fn a_symbolic_link_is_refused_and_its_target_left_alone() {
        let dir = dir("symlink");
        let token = dir.join("token");
        std::fs::write(&token, "EAAB-page-token").unwrap();
        let link = dir.join("order-17.txt");
        std::os::unix::fs::symlink(&token, &link).unwrap();
        let before = std::fs::metadata(&token).unwrap();
        let e = read_upload(&link).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "order-17.txt is a symbolic link to {}: attach the file itself",
                token.display()
            )
        );
        let after = std::fs::metadata(&token).unwrap();
        assert_eq!(std::fs::read(&token).unwrap(), b"EAAB-page-token");
        assert!(same_file(&before, &after));
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A FIFO nobody writes to: refused at once (a blocking open or read
    /// would never return; the answer is awaited with a bound so such a
    /// regression fails instead of hanging).
    #[test]
    fn a_fifo_is_refused_without_hanging() {
        let dir = dir("fifo");
        let fifo = dir.join("order.txt");
        let c = std::ffi::CString::new(fifo.display().to_string()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates it.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let (tx, rx) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || {
            let _ = tx.send(read_upload(&path));
        });
        let e = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("read_upload returned")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "order.txt is a named pipe (FIFO), not a regular file: attach a regular file"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn attached(path: &Path) -> OutgoingFile {
        let (up, identity) = read_upload(path).unwrap();
        OutgoingFile {
            path: path.display().to_string(),
            name: up.name,
            size: identity.size,
            kind: up.kind,
            identity: Some(identity),
            uploaded: None,
            sent: false,
        }
    }

    /// Read again for the upload: the same bytes, or refused with the
    /// reason; an entry without an identity is refused too.
    #[test]
    fn a_file_read_again_is_the_one_attached_or_refused() {
        let dir = dir("attached");
        let path = dir.join("order-17.txt");
        std::fs::write(&path, "đơn 17: 2 bánh").unwrap();
        let file = attached(&path);
        let up = read_attached(&file).unwrap();
        assert_eq!(&up.bytes[..], "đơn 17: 2 bánh".as_bytes());

        // Same size, other bytes.
        std::fs::write(&path, "đơn 17: 9 bánh").unwrap();
        let e = read_attached(&file).unwrap_err();
        assert_eq!(e.to_string(), "order-17.txt changed since you attached it");
        // Attached again as it is now: sent as it is now.
        let again = attached(&path);
        assert_eq!(
            &read_attached(&again).unwrap().bytes[..],
            "đơn 17: 9 bánh".as_bytes()
        );

        // Replaced by a link to the token.
        let token = dir.join("token");
        std::fs::write(&token, "EAAB-page-token").unwrap();
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(&token, &path).unwrap();
        let e = read_attached(&again).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "order-17.txt changed since you attached it (it is a symbolic link to {} now)",
                token.display()
            )
        );

        let note = dir.join("note.txt");
        std::fs::write(&note, "ghi chú").unwrap();
        let old = OutgoingFile {
            identity: None,
            ..attached(&note)
        };
        let e = read_attached(&old).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("note.txt was attached by an older"),
            "{e}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
