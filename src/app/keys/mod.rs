//! The keys: one typed table (`table`) with a section per input mode, the
//! keymap in use (the table's defaults with the agent's `[keys]`,
//! `[keys.picker]` ... from config.toml), and everything shown from it:
//! the help, the hints, the README's key list.

mod key;
mod table;

use std::collections::{BTreeMap, HashMap};

use ratatui::crossterm::event::KeyEvent;

use crate::i18n::{Lang, tr};

pub use key::Key;
pub use table::{
    AttachKey, BINDINGS, Binding, Bound, Command, ComposerKey, ConfirmKey, FilterKey, HelpKey,
    LinksKey, Mode, ModeKey, NoteFormKey, NotesKey, OutboxKey, PickerKey, SearchKey, StatsKey,
};

/// What a command may be given in `config.toml`: one key or several.
///
/// ```toml
/// [keys]
/// tag_picker = "T"
/// down = ["j", "Down", "C-n"]
/// undo = []            # no key
///
/// [keys.composer]
/// send = "C-s"
/// new_line = ["Enter", "A-Enter"]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub enum KeySpec {
    One(String),
    Many(Vec<String>),
}

impl KeySpec {
    fn keys(&self) -> &[String] {
        match self {
            KeySpec::One(k) => std::slice::from_ref(k),
            KeySpec::Many(v) => v,
        }
    }
}

/// An entry of `[keys]`: a list command's keys, or a mode's section.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub enum KeyEntry {
    Keys(KeySpec),
    Section(BTreeMap<String, KeySpec>),
}

/// The keymap in use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    /// The keys of each of `BINDINGS`, in the table's order.
    keys: Vec<Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            keys: BINDINGS
                .iter()
                .map(|b| {
                    b.keys
                        .iter()
                        .map(|k| Key::parse(k).expect("the table's keys parse"))
                        .collect()
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The defaults with the list's `overrides` (command name -> keys).
    pub fn new<'a>(
        overrides: impl IntoIterator<Item = (&'a String, &'a KeySpec)>,
    ) -> Result<Self, String> {
        let mut map = Keymap::default();
        map.apply(Mode::List, overrides)?;
        Ok(map)
    }

    /// The defaults with the whole `[keys]` table of config.toml.
    pub fn from_config(table: &BTreeMap<String, KeyEntry>) -> Result<Self, String> {
        let mut map = Keymap::default();
        let list = table.iter().filter_map(|(name, e)| match e {
            KeyEntry::Keys(spec) => Some((name, spec)),
            KeyEntry::Section(_) => None,
        });
        map.apply(Mode::List, list)?;
        for (name, e) in table {
            let KeyEntry::Section(section) = e else {
                continue;
            };
            let Some(mode) = Mode::ALL.into_iter().find(|m| m.section() == name) else {
                let names: Vec<&str> = Mode::ALL.iter().map(|m| m.section()).collect();
                return Err(format!(
                    "unknown section [keys.{name}]; the sections are: {}",
                    names.join(", ")
                ));
            };
            map.apply(mode, section).map_err(|e| match mode {
                Mode::List => e,
                _ => format!("[keys.{name}] {e}"),
            })?;
        }
        Ok(map)
    }

    /// Give a mode's commands the keys the agent wrote. A key given to a
    /// command is taken from the command of the same mode that had it; an
    /// unknown command or key, or a key given twice, is an error that says
    /// what to write instead.
    fn apply<'a>(
        &mut self,
        mode: Mode,
        overrides: impl IntoIterator<Item = (&'a String, &'a KeySpec)>,
    ) -> Result<(), String> {
        let mut given: Vec<(usize, Vec<Key>)> = Vec::new();
        let mut owner: HashMap<Key, &str> = HashMap::new();
        let quit = Key::parse("C-c").expect("C-c");
        for (name, spec) in overrides {
            let Some(i) = BINDINGS
                .iter()
                .position(|b| b.mode() == mode && b.name == name.as_str())
            else {
                let names: Vec<&str> = BINDINGS
                    .iter()
                    .filter(|b| b.mode() == mode)
                    .map(|b| b.name)
                    .collect();
                return Err(format!(
                    "unknown command {name:?}; the commands are: {}",
                    names.join(", ")
                ));
            };
            let mut keys = Vec::new();
            for written in spec.keys() {
                let key = Key::parse(written).map_err(|e| format!("{name}: {e}"))?;
                if key == quit && BINDINGS[i].does != Bound::List(Command::Quit) {
                    return Err(format!("{name}: C-c always quits"));
                }
                if mode == Mode::List
                    && matches!(
                        key.code,
                        ratatui::crossterm::event::KeyCode::Char('1'..='9')
                    )
                    && key.is_text()
                {
                    return Err(format!(
                        "{name}: {written:?} is kept for switching views (1-9)"
                    ));
                }
                if mode.takes_text()
                    && key.is_text()
                    && key.code != ratatui::crossterm::event::KeyCode::Char(' ')
                {
                    return Err(format!(
                        "{name}: {written:?} is typed text here; give it a key with C- or A-, or a named key"
                    ));
                }
                if let Some(other) = owner.insert(key, BINDINGS[i].name) {
                    return Err(format!("key {key} is given to both {other} and {name}"));
                }
                keys.push(key);
            }
            given.push((i, keys));
        }
        for (i, keys) in self.keys.iter_mut().enumerate() {
            if BINDINGS[i].mode() == mode {
                keys.retain(|k| !owner.contains_key(k));
            }
        }
        for (i, keys) in given {
            self.keys[i] = keys;
        }
        Ok(())
    }

    /// What a key does in a mode, if anything.
    pub fn lookup(&self, mode: Mode, k: &KeyEvent) -> Option<Bound> {
        let key = Key::from_event(k);
        BINDINGS
            .iter()
            .zip(&self.keys)
            .find(|(b, keys)| b.mode() == mode && keys.contains(&key))
            .map(|(b, _)| b.does)
    }

    /// The command a key is in the mode of `T`.
    pub fn get<T: ModeKey>(&self, k: &KeyEvent) -> Option<T> {
        self.lookup(T::MODE, k).and_then(T::from_bound)
    }

    /// The list command bound to a key, if any.
    pub fn command_for(&self, k: &KeyEvent) -> Option<Command> {
        self.get(k)
    }

    fn index(&self, does: Bound) -> Option<usize> {
        BINDINGS.iter().position(|b| b.does == does)
    }

    /// The keys of a command, as the agent would write them.
    pub fn keys_of(&self, c: impl Into<Bound>) -> Vec<String> {
        self.index(c.into())
            .map(|i| self.keys[i].iter().map(Key::to_string).collect())
            .unwrap_or_default()
    }

    /// The first key of a command, for hints ("? help"); `None` when the
    /// agent left it without a key.
    pub fn hint(&self, c: impl Into<Bound>) -> Option<String> {
        self.keys_of(c).into_iter().next()
    }

    /// Hints such as "f filter · / search" for the commands that have a
    /// key (a command the agent left without one is not offered).
    pub fn hints<T: Into<Bound> + Copy>(&self, items: &[(T, &str)]) -> String {
        items
            .iter()
            .filter_map(|(c, what)| self.hint(*c).map(|k| format!("{k} {what}")))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// A hint line for a popup: each item is the commands that do one
    /// thing (their first keys joined by "/") and what it is; an item
    /// without commands is plain words ("type to filter"); one whose
    /// commands have no key is left out.
    ///
    /// `[(&[Toggle, Choose], "toggle"), (&[], "type to filter"), (&[Close], "close")]`
    /// gives "Space/Enter toggle · type to filter · Esc close".
    pub fn hint_line<T: Into<Bound> + Copy>(&self, items: &[(&[T], &str)]) -> String {
        items
            .iter()
            .filter_map(|(cmds, what)| {
                if cmds.is_empty() {
                    return Some((*what).to_owned());
                }
                let keys: Vec<String> = cmds.iter().filter_map(|c| self.hint(*c)).collect();
                (!keys.is_empty()).then(|| format!("{} {what}", keys.join("/")))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The keys of a binding, joined for a table ("(no key)" when none).
    fn keys_text(&self, i: usize) -> String {
        let names: Vec<String> = self.keys[i].iter().map(Key::to_string).collect();
        if names.is_empty() {
            "(no key)".to_owned()
        } else {
            names.join(", ")
        }
    }

    /// Every binding of a mode with its keys, in the table's order.
    pub fn rows(&self, mode: Mode) -> Vec<(String, &'static Binding)> {
        BINDINGS
            .iter()
            .enumerate()
            .filter(|(_, b)| b.mode() == mode)
            .map(|(i, b)| (self.keys_text(i), b))
            .collect()
    }
}

/// A row of the help overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpRow {
    Key(String, String),
    Heading(String),
}

/// Everything the help overlay lists, from the keymap in use, mode by
/// mode, in `lang`.
pub fn help_rows(keymap: &Keymap, lang: Lang) -> Vec<HelpRow> {
    let mut rows = Vec::new();
    for mode in Mode::ALL {
        if mode != Mode::List {
            rows.push(HelpRow::Heading(mode.title(lang)));
        }
        rows.extend(
            keymap
                .rows(mode)
                .into_iter()
                .map(|(keys, b)| HelpRow::Key(keys, b.describe(lang))),
        );
        if mode == Mode::List {
            rows.push(HelpRow::Key("1 … 9".into(), tr(lang, "key-views")));
        }
    }
    rows
}

/// The key list of the README (and of `pancake-tui keys`): a table per
/// mode, with each command's config name, in `lang`.
pub fn markdown(keymap: &Keymap, lang: Lang) -> String {
    let mut out = String::new();
    for mode in Mode::ALL {
        let section = match mode {
            Mode::List => "[keys]".to_owned(),
            m => format!("[keys.{}]", m.section()),
        };
        out.push_str(&format!("**{}** · `{section}`\n\n", mode.title(lang)));
        let head = tr(lang, "keys-table-head");
        out.push_str(&format!("{head}\n|---|---|---|\n"));
        for (keys, b) in keymap.rows(mode) {
            let keys = keys.replace('|', "\\|");
            let does = b.describe(lang);
            out.push_str(&format!("| `{keys}` | {does} | `{}` |\n", b.name));
        }
        if mode == Mode::List {
            let views = tr(lang, "key-views");
            out.push_str(&format!("| `1` … `9` | {views} | |\n"));
        }
        out.push('\n');
    }
    out
}

/// Rows of the help shown at once on a terminal `height` rows high: when
/// they do not all fit, the box takes the whole height less its border and
/// the status bar's row (the status stays in sight under the help).
pub fn help_visible_rows(rows: usize, height: u16) -> usize {
    rows.min((height as usize).saturating_sub(3))
}

/// How far the help can scroll on a terminal `height` rows high.
pub fn help_max_scroll(keymap: &Keymap, height: u16) -> usize {
    // As many rows in every language.
    let rows = help_rows(keymap, Lang::En).len();
    rows - help_visible_rows(rows, height)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn no_key_is_bound_twice_in_a_mode_and_names_are_distinct() {
        let map = Keymap::default();
        for mode in Mode::ALL {
            let mut keys = std::collections::HashSet::new();
            let mut names = std::collections::HashSet::new();
            for (i, b) in BINDINGS
                .iter()
                .enumerate()
                .filter(|(_, b)| b.mode() == mode)
            {
                assert!(names.insert(b.name), "{:?}: {} twice", mode, b.name);
                for k in &map.keys[i] {
                    assert!(keys.insert(*k), "{mode:?}: {k} bound twice");
                }
            }
        }
    }

    #[test]
    fn text_modes_bind_no_printable_key_but_space() {
        let map = Keymap::default();
        for (i, b) in BINDINGS.iter().enumerate() {
            if b.mode().takes_text() {
                for k in &map.keys[i] {
                    assert!(
                        !k.is_text() || k.code == KeyCode::Char(' '),
                        "{}: {k} would swallow typing",
                        b.name
                    );
                }
            }
        }
    }

    fn keymap(toml_text: &str) -> Result<Keymap, String> {
        let table: BTreeMap<String, KeyEntry> = toml::from_str(toml_text).unwrap();
        Keymap::from_config(&table)
    }

    #[test]
    fn overrides_replace_a_commands_keys_and_take_them_from_others() {
        let map = keymap("tag_picker = \"T\"\nreply = [\"t\", \"C-R\"]\nundo = []").unwrap();
        let k = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert_eq!(
            map.command_for(&k(KeyCode::Char('T'))),
            Some(Command::TagPicker)
        );
        assert_eq!(
            map.command_for(&k(KeyCode::Char('t'))),
            Some(Command::Reply)
        );
        assert_eq!(
            map.command_for(&KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Command::Reply)
        );
        // `r` was reply's: now nothing; `z` was undo's: now nothing.
        assert_eq!(map.command_for(&k(KeyCode::Char('r'))), None);
        assert_eq!(map.command_for(&k(KeyCode::Char('z'))), None);
        assert_eq!(map.keys_of(Command::Reply), vec!["t", "C-r"]);
        assert_eq!(map.hint(Command::Undo), None);
        // Untouched commands keep their defaults.
        assert_eq!(map.command_for(&k(KeyCode::Char('j'))), Some(Command::Down));
        // Taking a key from another command leaves it its other keys.
        let map = keymap("reply = \"j\"").unwrap();
        assert_eq!(map.keys_of(Command::Down), vec!["Down"]);
        let map = keymap("mark = \"space\"\nopen = \"ENTER\"").unwrap();
        assert_eq!(map.command_for(&k(KeyCode::Char(' '))), Some(Command::Mark));
        assert_eq!(map.hint(Command::Mark).as_deref(), Some("Space"));
    }

    #[test]
    fn sections_rebind_popup_keys_and_alt_is_its_own_key() {
        // As in config.toml under [keys]: sections are [keys.composer] there.
        let map = keymap(
            "reply = \"A-r\"\n\n[composer]\nsend = \"C-s\"\nnew_line = [\"Enter\", \"A-Enter\"]\n\n\
             [picker]\nchoose = [\"Enter\", \"C-y\"]\n",
        )
        .unwrap();
        let ev = |c, m| KeyEvent::new(c, m);
        assert_eq!(
            map.get::<ComposerKey>(&ev(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Some(ComposerKey::Send)
        );
        assert_eq!(
            map.get::<ComposerKey>(&ev(KeyCode::Enter, KeyModifiers::NONE)),
            Some(ComposerKey::NewLine)
        );
        assert_eq!(
            map.get::<PickerKey>(&ev(KeyCode::Char('y'), KeyModifiers::CONTROL)),
            Some(PickerKey::Choose)
        );
        // The same key means something else in another mode.
        assert_eq!(
            map.command_for(&ev(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Command::Open)
        );
        assert_eq!(
            map.command_for(&ev(KeyCode::Char('r'), KeyModifiers::ALT)),
            Some(Command::Reply)
        );
        assert_eq!(
            map.command_for(&ev(KeyCode::Char('r'), KeyModifiers::NONE)),
            None
        );
        assert!(markdown(&map, Lang::En).contains("| `C-s` | send the reply | `send` |"));
    }

    #[test]
    fn bad_overrides_say_what_to_write() {
        // The configuration, and what its error says (each part).
        let cases: [(&str, &[&str]); 8] = [
            ("tagg = \"T\"", &["unknown command \"tagg\"", "tag_picker"]),
            (
                "reply = \"Hyper-x\"",
                &["reply: unknown key \"Hyper-x\"", "PgDn"],
            ),
            ("reply = \"t\"\nundo = \"t\"", &["key t is given to both"]),
            ("reply = \"3\"", &["views"]),
            ("reply = \"C-c\"", &["C-c always quits"]),
            (
                "[composer]\nsend = \"s\"",
                &["[keys.composer] send: \"s\" is typed text here"],
            ),
            (
                "[pickr]\nchoose = \"C-y\"",
                &["unknown section [keys.pickr]", "picker"],
            ),
            (
                "[picker]\nchose = \"C-y\"",
                &["[keys.picker] unknown command \"chose\"", "choose"],
            ),
        ];
        for (config, says) in cases {
            let err = keymap(config).unwrap_err();
            for part in says {
                assert!(err.contains(part), "{config:?}: {part:?} not in {err}");
            }
        }
        assert!(keymap("quit = [\"q\", \"C-c\"]").is_ok());
    }

    #[test]
    fn keys_resolve() {
        let cases = [
            ('j', KeyModifiers::NONE, Some(Command::Down)),
            ('j', KeyModifiers::ALT, None), // Alt-j is not j
            ('c', KeyModifiers::CONTROL, Some(Command::Quit)),
            ('G', KeyModifiers::SHIFT, Some(Command::Bottom)),
            ('Q', KeyModifiers::SHIFT, None),
        ];
        let map = Keymap::default();
        for (c, m, command) in cases {
            let key = KeyEvent::new(KeyCode::Char(c), m);
            assert_eq!(map.command_for(&key), command, "{m:?} {c}");
        }
    }

    /// The README's key lists, in English and in Vietnamese, are this
    /// table: regenerate them with `cargo run -- keys --lang en` (and
    /// `--lang vi`) when the table or the catalogs change.
    #[test]
    fn the_readme_key_lists_are_the_table() {
        let readme = include_str!("../../../README.md");
        for (marker, lang, code) in [("keys", Lang::En, "en"), ("keys vi", Lang::Vi, "vi")] {
            let start = format!(
                "<!-- {marker}: generated by `pancake-tui keys --lang {code}`, checked by a test -->\n"
            );
            let end = format!("<!-- /{marker} -->");
            let a = readme.find(&start).expect("the README's key list marker") + start.len();
            let b = readme[a..].find(&end).expect("the end marker") + a;
            assert_eq!(
                readme[a..b].trim(),
                markdown(&Keymap::default(), lang).trim(),
                "README key list ({code}) is stale: run `cargo run -- keys --lang {code}` and paste it"
            );
        }
    }
}
