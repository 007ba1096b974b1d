//! What the simulator's uploads read: a multipart body's file, and the
//! attachment type and message kind Pancake gives a file by its MIME type
//! (`upload_contents`, pancake-api.md § Send).

pub fn attachment_type_of(mime: &str) -> &'static str {
    match mime.split('/').next().unwrap_or("") {
        "image" => "PHOTO",
        "video" => "VIDEO",
        "audio" => "AUDIO_ATTACHMENT_ID",
        _ => "DOCUMENT",
    }
}

/// How a message shows an upload (the thread's attachment kinds).
pub fn message_kind(attachment_type: &str) -> &'static str {
    match attachment_type {
        "PHOTO" => "photo",
        "VIDEO" => "video",
        "AUDIO_ATTACHMENT_ID" => "audio",
        _ => "file",
    }
}

/// The MIME types the simulator keeps by name (an attachment's is static).
pub fn static_mime(m: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "video/mp4",
        "video/quicktime",
        "audio/mp4",
        "audio/mpeg",
        "application/pdf",
        "text/plain",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ];
    KNOWN
        .iter()
        .find(|k| k.eq_ignore_ascii_case(m))
        .copied()
        .unwrap_or("application/octet-stream")
}

/// The `file` field of a `multipart/form-data` body: its file name, type
/// and bytes. `None`: not multipart, or no `file` field.
pub fn multipart_file(content_type: &str, body: &[u8]) -> Option<(String, String, Vec<u8>)> {
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))?
        .trim_matches('"');
    let delim = format!("--{boundary}");
    let delim = delim.as_bytes();
    let find = |hay: &[u8], needle: &[u8], from: usize| -> Option<usize> {
        hay.get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| p + from)
    };
    let mut at = find(body, delim, 0)?;
    loop {
        let start = at + delim.len();
        if body.get(start..start + 2) == Some(b"--") {
            return None;
        }
        let next = find(body, delim, start)?;
        let part = body.get(start..next)?;
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        let split = find(part, b"\r\n\r\n", 0)?;
        let head = String::from_utf8_lossy(&part[..split]).into_owned();
        let content = &part[split + 4..];
        let mut name = None;
        let mut filename = String::new();
        let mut mime = "application/octet-stream".to_owned();
        for line in head.lines() {
            let (k, v) = line.split_once(':').unwrap_or((line, ""));
            if k.eq_ignore_ascii_case("content-disposition") {
                for p in v.split(';').map(str::trim) {
                    if let Some(n) = p.strip_prefix("name=") {
                        name = Some(n.trim_matches('"').to_owned());
                    }
                    if let Some(f) = p.strip_prefix("filename=") {
                        filename = f.trim_matches('"').to_owned();
                    }
                }
            } else if k.eq_ignore_ascii_case("content-type") {
                mime = v.trim().to_owned();
            }
        }
        if name.as_deref() == Some("file") {
            return Some((filename, mime, content.to_vec()));
        }
        at = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multipart_file_is_found_among_fields() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nhello\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b\xc3\xa1nh.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\r\n\x00\r\n--XyZ--\r\n";
        let (name, mime, bytes) =
            multipart_file("multipart/form-data; boundary=XyZ", body).unwrap();
        assert_eq!((name.as_str(), mime.as_str()), ("bánh.jpg", "image/jpeg"));
        assert_eq!(bytes, b"\xff\xd8\xff\r\n\x00");
        assert!(multipart_file("application/json", body).is_none());
        assert!(multipart_file("multipart/form-data; boundary=Q", body).is_none());
    }
}
