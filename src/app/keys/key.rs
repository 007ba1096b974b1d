//! A key as a typed value: a code and the Ctrl and Alt modifiers. Alt-j is
//! not j. Parsed from what the agent writes in `config.toml` and written
//! back the same way in the help, hints and errors.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// Named keys, as written in the table and accepted (any case) in config.
const NAMED: &[(&str, KeyCode)] = &[
    ("Space", KeyCode::Char(' ')),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Escape", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("S-Tab", KeyCode::BackTab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Del", KeyCode::Delete),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PgUp", KeyCode::PageUp),
    ("PageUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("PageDown", KeyCode::PageDown),
];

const KEY_SPELLING: &str = "write a character (\"t\", \"T\", \"?\"), C-x for Ctrl, A-x for Alt, \
     or one of Space, Enter, Esc, Tab, S-Tab, Backspace, Delete, Up, Down, Left, Right, Home, End, \
     PgUp, PgDn (A-Enter, C-Up ... too)";

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// The key a terminal event is. Shift is in the character itself (`G`)
    /// and in S-Tab; a Ctrl letter is lower case whatever Shift says.
    pub fn from_event(k: &KeyEvent) -> Key {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        let alt = k.modifiers.contains(KeyModifiers::ALT);
        let code = match k.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            KeyCode::Tab if k.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            c => c,
        };
        Key { code, ctrl, alt }
    }

    /// A printable character without Ctrl or Alt: text where text is typed.
    pub fn is_text(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl && !self.alt
    }

    /// A key as the agent writes it: `t`, `T`, `C-r`, `A-j`, `Ctrl+Enter`,
    /// `space`, `PgDn`. The error names the key as written.
    pub fn parse(written: &str) -> Result<Key, String> {
        let unknown = || format!("unknown key {written:?}: {KEY_SPELLING}");
        let (mut ctrl, mut alt) = (false, false);
        let mut rest = written;
        loop {
            let lower = rest.to_lowercase();
            let prefix = ["c-", "ctrl-", "ctrl+", "control-"]
                .iter()
                .map(|p| (p, true))
                .chain(
                    ["a-", "alt-", "alt+", "m-", "meta-"]
                        .iter()
                        .map(|p| (p, false)),
                )
                .find(|(p, _)| lower.starts_with(**p) && rest.len() > p.len());
            match prefix {
                Some((p, is_ctrl)) => {
                    if is_ctrl {
                        ctrl = true;
                    } else {
                        alt = true;
                    }
                    rest = &rest[p.len()..];
                }
                None => break,
            }
        }
        let code = if let Some((_, code)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(rest))
        {
            *code
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() => KeyCode::Char(c),
                _ => return Err(unknown()),
            }
        };
        let code = match code {
            KeyCode::Char(c) if ctrl => {
                if !c.is_ascii_alphabetic() {
                    return Err(format!(
                        "{written:?}: Ctrl goes with a letter (C-a … C-z); {KEY_SPELLING}"
                    ));
                }
                KeyCode::Char(c.to_ascii_lowercase())
            }
            c => c,
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("C-")?;
        }
        if self.alt {
            f.write_str("A-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            code => {
                let name = NAMED
                    .iter()
                    .find(|(_, c)| *c == code)
                    .map_or("?", |(n, _)| *n);
                f.write_str(name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_print_as_written() {
        for (written, shown) in [
            ("t", "t"),
            ("T", "T"),
            ("?", "?"),
            ("C-R", "C-r"),
            ("ctrl+x", "C-x"),
            ("A-j", "A-j"),
            ("Alt-Enter", "A-Enter"),
            ("M-x", "A-x"),
            ("C-A-x", "C-A-x"),
            ("space", "Space"),
            (" ", "Space"),
            ("ENTER", "Enter"),
            ("escape", "Esc"),
            ("pagedown", "PgDn"),
            ("backtab", "S-Tab"),
            ("C-Up", "C-Up"),
        ] {
            let k = Key::parse(written).unwrap_or_else(|e| panic!("{written}: {e}"));
            assert_eq!(k.to_string(), shown, "{written}");
            assert_eq!(Key::parse(shown), Ok(k), "{shown} reads back");
        }
        for bad in ["Hyper-x", "ab", "", "C-1", "C-"] {
            let e = Key::parse(bad).unwrap_err();
            assert!(e.contains(&format!("{bad:?}")), "{e}");
        }
    }

    #[test]
    fn alt_j_is_not_j_and_shift_is_in_the_character() {
        let ev = |c, m| Key::from_event(&KeyEvent::new(c, m));
        let j = Key::parse("j").unwrap();
        assert_eq!(ev(KeyCode::Char('j'), KeyModifiers::NONE), j);
        assert_ne!(ev(KeyCode::Char('j'), KeyModifiers::ALT), j);
        assert_eq!(
            ev(KeyCode::Char('j'), KeyModifiers::ALT),
            Key::parse("A-j").unwrap()
        );
        assert_eq!(
            ev(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Key::parse("G").unwrap()
        );
        assert_eq!(
            ev(
                KeyCode::Char('R'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            ),
            Key::parse("C-r").unwrap()
        );
        assert_eq!(
            ev(KeyCode::BackTab, KeyModifiers::SHIFT),
            Key::parse("S-Tab").unwrap()
        );
        assert!(j.is_text() && !Key::parse("C-j").unwrap().is_text());
    }
}
