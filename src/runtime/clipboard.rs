//! The agent's clipboard through the terminal: OSC 52. Our code writes the
//! sequence and base64-encodes the text itself; the text is a sanitized URL
//! (no control characters), so nothing from the API can end the sequence
//! early or start another. Over SSH it reaches the agent's own terminal; in
//! tmux it needs `set -g set-clipboard on`.

use std::io::Write;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648).
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The OSC 52 sequence that puts `text` on the clipboard (`c`), BEL-ended.
pub fn osc52(text: &str) -> String {
    let clean = crate::text::sanitize_line(text);
    format!("\x1b]52;c;{}\x07", base64(clean.as_bytes()))
}

/// Write it to the terminal now (between frames).
pub fn copy(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
    }

    #[test]
    fn the_sequence_carries_only_base64_of_the_clean_text() {
        let seq = osc52("https://x.vn/a\x1b]52;c;evil\x07b");
        assert!(seq.starts_with("\x1b]52;c;") && seq.ends_with('\x07'));
        let body = &seq[7..seq.len() - 1];
        assert!(
            body.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
        assert_eq!(seq.matches('\x1b').count(), 1);
    }
}
