//! Sanitizing untrusted text: escape sequences and invisible format
//! characters removed, control characters replaced, NFC-normalised.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Columns a tab stands for in multi-line text.
const TAB: usize = 4;

/// Invisible format characters removed everywhere: bidi embeddings,
/// overrides and isolates, zero-width space, LRM/RLM/ALM, BOM, word joiner
/// and invisible operators. ZWJ/ZWNJ stay (scripts and emoji need them).
pub(super) fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{200E}' | '\u{200F}'
        | '\u{061C}' | '\u{FEFF}' | '\u{2060}'..='\u{2064}')
}

/// Remove escape sequences: returns the text with every ESC/C1-introduced
/// sequence gone. An unterminated sequence runs to the end of the text.
fn strip_sequences(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| c == '\u{1b}' || ('\u{80}'..='\u{9f}').contains(&c))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        let kind = match c {
            '\u{1b}' => match it.next() {
                Some('[') => Seq::Csi,
                Some(']') => Seq::Str,
                Some('P' | 'X' | '^' | '_') => Seq::Str,
                // ESC followed by intermediates then a final byte (e.g. `ESC ( B`).
                Some(c2) if ('\u{20}'..='\u{2f}').contains(&c2) => {
                    while it.next_if(|x| ('\u{20}'..='\u{2f}').contains(x)).is_some() {}
                    it.next();
                    continue;
                }
                // Two-character sequence (`ESC c`, `ESC 7`, ...).
                _ => continue,
            },
            '\u{9b}' => Seq::Csi,
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => Seq::Str,
            // Other C1 controls are dropped alone.
            '\u{80}'..='\u{9f}' => continue,
            _ => {
                out.push(c);
                continue;
            }
        };
        match kind {
            // Parameters and intermediates, then one final byte 0x40..=0x7E.
            Seq::Csi => {
                for x in it.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&x) {
                        break;
                    }
                }
            }
            // Until BEL, ST (ESC \) or the 8-bit ST.
            Seq::Str => {
                while let Some(x) = it.next() {
                    match x {
                        '\u{7}' | '\u{9c}' => break,
                        '\u{1b}' if it.peek() == Some(&'\\') => {
                            it.next();
                            break;
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    Cow::Owned(out)
}

enum Seq {
    Csi,
    Str,
}

pub(super) fn is_plain_ascii(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// Single-line display form: for list rows, names, tag names, titles and the
/// status bar. Newlines and runs of whitespace become one space, control
/// characters are dropped silently, the result is trimmed.
pub fn sanitize_line(s: &str) -> String {
    if is_plain_ascii(s) && !s.contains("  ") && s.trim() == s {
        return s.to_owned();
    }
    let stripped = strip_sequences(s);
    let mut out = String::with_capacity(stripped.len());
    let mut space = false;
    for c in stripped.nfc() {
        if c.is_whitespace() || c == '\u{2028}' || c == '\u{2029}' {
            space = true;
            continue;
        }
        if c.is_control() || is_invisible_format(c) {
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Multi-line display form: for message texts. `\r\n` and lone `\r` become
/// `\n` (no overwriting a line), tabs expand to spaces, remaining control
/// characters become U+FFFD so tampering stays visible.
pub fn sanitize_block(s: &str) -> String {
    clean_lines(s, true)
}

/// Text the agent pastes or gets back from `$EDITOR`, before it becomes a
/// request body: sequences and controls removed (newlines and tabs kept).
pub fn sanitize_input(s: &str) -> String {
    clean_lines(s, false)
}

fn clean_lines(s: &str, display: bool) -> String {
    let stripped = strip_sequences(s);
    let mut out = String::with_capacity(stripped.len());
    let mut col = 0usize;
    let mut chars = stripped.nfc().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
                col = 0;
            }
            '\n' | '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                col = 0;
            }
            '\t' if display => {
                let n = TAB - col % TAB;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {
                if display {
                    out.push('\u{FFFD}');
                    col += 1;
                }
            }
            c if is_invisible_format(c) => {}
            c => {
                out.push(c);
                col += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            }
        }
    }
    out
}
