//! The attachments and links of a thread (`v`): what the list shows and
//! what Enter copies. Everything here comes from the API and is already
//! sanitized by the decoder; links found in message text are cut at the
//! first character a URL does not hold.

use crate::api::Message;
use crate::api::models::AttachmentShape;

/// One entry of the list: an attachment with a link, or a link in a
/// message's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// `photo`, `file`, `video` ... for an attachment, `link` for text.
    pub kind: String,
    /// The file name when the attachment has one, else empty.
    pub name: String,
    /// The sanitized URL (no control characters, no escape sequences).
    pub url: String,
    /// Sent by the page (true) or the customer.
    pub from_page: bool,
}

impl Link {
    /// Whether the system opener may be given it: `http(s)` only, so a
    /// `file:` URL or an argument-looking string never reaches `xdg-open`.
    pub fn openable(&self) -> bool {
        let lower = self.url.to_ascii_lowercase();
        (lower.starts_with("https://") || lower.starts_with("http://"))
            && !self.url.chars().any(char::is_whitespace)
    }
}

/// The links of `messages` (oldest first, as a thread holds them), newest
/// first, each URL once.
pub fn thread_links(messages: &[Message]) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    for m in messages.iter().rev() {
        if m.is_removed {
            continue;
        }
        let mut of_message = Vec::new();
        for a in &m.attachments {
            if a.shape() != AttachmentShape::File {
                continue;
            }
            let Some(url) = a.url.as_deref().map(crate::text::sanitize_line) else {
                continue;
            };
            if url.is_empty() {
                continue;
            }
            of_message.push(Link {
                kind: a.kind.clone(),
                name: a.name.clone().unwrap_or_default(),
                url,
                from_page: m.from_page,
            });
        }
        for url in text_links(&m.text) {
            of_message.push(Link {
                kind: "link".into(),
                name: String::new(),
                url,
                from_page: m.from_page,
            });
        }
        for l in of_message {
            if !out.iter().any(|o| o.url == l.url) {
                out.push(l);
            }
        }
    }
    out
}

/// The `http://` and `https://` links in a text, in order.
pub fn text_links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = find_scheme(rest) {
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| c.is_whitespace() || c.is_control() || "<>\"'`{}|\\^".contains(c))
            .unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']']);
        if url.len() > "https://".len() {
            out.push(crate::text::sanitize_line(url));
        }
        rest = &tail[end.max(1)..];
    }
    out
}

fn find_scheme(s: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    match (lower.find("https://"), lower.find("http://")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::Attachment;
    use crate::app::fixtures::msg;

    #[test]
    fn links_come_from_attachments_and_text_newest_first_once_each() {
        let mut a = msg("m1", 1, false);
        a.text = "xem https://shop.vn/p/1, và http://x.vn/a?b=1.".into();
        a.attachments = vec![
            Attachment {
                kind: "photo".into(),
                name: Some("ao.jpg".into()),
                url: Some("https://cdn.vn/ao.jpg".into()),
                mime_type: None,
            },
            Attachment {
                kind: "sticker".into(),
                name: None,
                url: Some("https://cdn.vn/sticker.png".into()),
                mime_type: None,
            },
        ];
        let mut b = msg("m2", 2, true);
        b.text = "lại https://shop.vn/p/1".into();
        let links = thread_links(&[a, b]);
        let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://shop.vn/p/1",
                "https://cdn.vn/ao.jpg",
                "http://x.vn/a?b=1"
            ]
        );
        assert!(links[0].from_page);
        assert_eq!(links[1].kind, "photo");
        assert_eq!(links[1].name, "ao.jpg");
    }

    #[test]
    fn only_web_links_are_openable() {
        let l = |url: &str| Link {
            kind: "file".into(),
            name: String::new(),
            url: url.into(),
            from_page: false,
        };
        assert!(l("https://a.vn/x").openable());
        assert!(!l("file:///etc/passwd").openable());
        assert!(!l("--help").openable());
        assert!(text_links("http:// nothing").is_empty());
    }
}
