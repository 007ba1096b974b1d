//! One table of commands: the keymap, the help overlay and the hint bar all
//! come from it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Open,
    Back,
    SwitchFocus,
    TagPicker,
    StaffPicker,
    ToggleRead,
    Reply,
    Search,
    Refresh,
    Outbox,
    NextPage,
    NextMatch,
    PrevMatch,
    Filter,
    ClearFilter,
    NextView,
    PrevView,
    Mark,
    MarkAll,
    ClearMarks,
    AssignMe,
    UnassignMe,
    Undo,
    RetryFailed,
    DismissFailed,
    Help,
    Quit,
}

pub struct Binding {
    /// The command's name in `config.toml` (`[keys]`).
    pub name: &'static str,
    pub keys: &'static [&'static str],
    pub command: Command,
    pub help: &'static str,
}

/// The default keymap (the help overlay lists it in this order).
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { name: "down", keys: &["j", "Down"], command: Command::Down, help: "move down" },
    Binding { name: "up", keys: &["k", "Up"], command: Command::Up, help: "move up" },
    Binding { name: "top", keys: &["g", "Home"], command: Command::Top, help: "go to the top" },
    Binding { name: "bottom", keys: &["G", "End"], command: Command::Bottom, help: "go to the bottom" },
    Binding { name: "page_down", keys: &["PgDn", "C-d"], command: Command::PageDown, help: "page down" },
    Binding { name: "page_up", keys: &["PgUp", "C-u"], command: Command::PageUp, help: "page up" },
    Binding { name: "open", keys: &["Enter", "l"], command: Command::Open, help: "open the conversation" },
    Binding { name: "back", keys: &["Esc", "h"], command: Command::Back, help: "back to the list / clear search" },
    Binding { name: "switch_focus", keys: &["Tab"], command: Command::SwitchFocus, help: "switch list / thread" },
    Binding { name: "tag_picker", keys: &["t"], command: Command::TagPicker, help: "tag picker" },
    Binding { name: "staff_picker", keys: &["a"], command: Command::StaffPicker, help: "assign staff" },
    Binding { name: "toggle_read", keys: &["u"], command: Command::ToggleRead, help: "toggle read / unread" },
    Binding { name: "reply", keys: &["r"], command: Command::Reply, help: "reply" },
    Binding { name: "search", keys: &["/"], command: Command::Search, help: "search loaded conversations" },
    Binding { name: "filter", keys: &["f"], command: Command::Filter, help: "filter panel" },
    Binding { name: "clear_filter", keys: &["F"], command: Command::ClearFilter, help: "clear the filter" },
    Binding { name: "next_view", keys: &["]"], command: Command::NextView, help: "next view (1-9 pick one)" },
    Binding { name: "prev_view", keys: &["["], command: Command::PrevView, help: "previous view" },
    Binding { name: "next_match", keys: &["n"], command: Command::NextMatch, help: "next search match" },
    Binding { name: "prev_match", keys: &["N"], command: Command::PrevMatch, help: "previous search match" },
    Binding { name: "mark", keys: &[" "], command: Command::Mark, help: "mark / unmark for a bulk action" },
    Binding { name: "mark_all", keys: &["*"], command: Command::MarkAll, help: "mark every conversation listed" },
    Binding { name: "clear_marks", keys: &["V"], command: Command::ClearMarks, help: "clear the marks" },
    Binding { name: "assign_me", keys: &["A"], command: Command::AssignMe, help: "assign to me (selected or marked)" },
    Binding { name: "unassign_me", keys: &["U"], command: Command::UnassignMe, help: "remove me (selected or marked)" },
    Binding { name: "next_page", keys: &["P"], command: Command::NextPage, help: "next page, then all pages merged" },
    Binding { name: "refresh", keys: &["R"], command: Command::Refresh, help: "refresh now" },
    Binding { name: "undo", keys: &["z"], command: Command::Undo, help: "undo your last action (again: the one before)" },
    Binding { name: "outbox", keys: &["o"], command: Command::Outbox, help: "outbox: unconfirmed actions, cancel or resend" },
    Binding { name: "retry_failed", keys: &["x"], command: Command::RetryFailed, help: "retry failed actions" },
    Binding { name: "dismiss_failed", keys: &["X"], command: Command::DismissFailed, help: "dismiss failed actions" },
    Binding { name: "help", keys: &["?"], command: Command::Help, help: "this help" },
    Binding { name: "quit", keys: &["q", "C-c"], command: Command::Quit, help: "quit" },
];

/// Keys inside the pickers and the composer (for the help overlay).
pub const POPUP_HELP: &[(&str, &str)] = &[
    (
        "type",
        "filter the picker (accents optional: \"phuong\" finds \"Phương\")",
    ),
    ("Up/Down", "move in the picker"),
    ("Space", "tag: toggle now · staff: toggle in the selection"),
    ("Enter", "tag: toggle now · staff: assign the selection"),
    (
        "Esc",
        "close the picker / keep the draft and close the composer",
    ),
    (
        "with marks: t a u A U",
        "act on every marked conversation after a preview (Enter confirms)",
    ),
    ("Enter (composer)", "send the reply"),
    ("Alt-Enter, C-j", "new line in the reply"),
];

/// The name of a key as the table writes it.
pub fn key_name(k: &KeyEvent) -> Option<String> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let name = match k.code {
        KeyCode::Char(c) if ctrl => format!("C-{}", c.to_ascii_lowercase()),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "Down".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        _ => return None,
    };
    Some(name)
}

/// What `[keys]` in `config.toml` may give a command: one key or several.
///
/// ```toml
/// [keys]
/// tag_picker = "T"
/// down = ["j", "Down", "C-n"]
/// undo = []            # no key
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

/// The keymap in use: the table's defaults with the agent's `[keys]`.
/// A key given to a command is taken from the command that had it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    /// The keys of each of `BINDINGS`, in the table's order.
    keys: Vec<Vec<String>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            keys: BINDINGS
                .iter()
                .map(|b| b.keys.iter().map(|k| (*k).to_owned()).collect())
                .collect(),
        }
    }
}

impl Keymap {
    /// The defaults with `overrides` (command name -> keys) applied; an
    /// unknown command, an unknown key or a key given twice is an error
    /// that says what to write instead.
    pub fn new<'a>(
        overrides: impl IntoIterator<Item = (&'a String, &'a KeySpec)>,
    ) -> Result<Self, String> {
        let mut map = Keymap::default();
        let mut given: Vec<(usize, Vec<String>)> = Vec::new();
        let mut owner: std::collections::HashMap<String, &str> = Default::default();
        for (name, spec) in overrides {
            let Some(i) = BINDINGS.iter().position(|b| b.name == name.as_str()) else {
                let names: Vec<&str> = BINDINGS.iter().map(|b| b.name).collect();
                return Err(format!(
                    "unknown command {name:?}; the commands are: {}",
                    names.join(", ")
                ));
            };
            let mut keys = Vec::new();
            for k in spec.keys() {
                let key = normalize(k).map_err(|e| format!("{name}: {e}"))?;
                if key == "C-c" && BINDINGS[i].command != Command::Quit {
                    return Err(format!("{name}: C-c always quits"));
                }
                if let Some(other) = owner.insert(key.clone(), BINDINGS[i].name) {
                    return Err(format!(
                        "key {} is given to both {other} and {name}",
                        display_key(&key)
                    ));
                }
                keys.push(key);
            }
            given.push((i, keys));
        }
        for keys in &mut map.keys {
            keys.retain(|k| !owner.contains_key(k));
        }
        for (i, keys) in given {
            map.keys[i] = keys;
        }
        Ok(map)
    }

    /// The command bound to a key, if any.
    pub fn command_for(&self, k: &KeyEvent) -> Option<Command> {
        let name = key_name(k)?;
        self.keys
            .iter()
            .position(|keys| keys.contains(&name))
            .map(|i| BINDINGS[i].command)
    }

    /// The keys of a command, as the agent would type their names.
    pub fn keys_of(&self, c: Command) -> Vec<&str> {
        BINDINGS
            .iter()
            .position(|b| b.command == c)
            .map(|i| self.keys[i].iter().map(|k| display_key(k)).collect())
            .unwrap_or_default()
    }

    /// The first key of a command, for hints ("? help"); `None` when the
    /// agent left it without a key.
    pub fn hint(&self, c: Command) -> Option<&str> {
        self.keys_of(c).into_iter().next()
    }

    /// Hints such as "f filter · / search" for the commands that have a
    /// key (a command the agent left without one is not offered).
    pub fn hints(&self, items: &[(Command, &str)]) -> String {
        items
            .iter()
            .filter_map(|(c, what)| self.hint(*c).map(|k| format!("{k} {what}")))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// Every binding with its keys, in the table's order (for the help).
    pub fn rows(&self) -> Vec<(String, &'static str)> {
        BINDINGS
            .iter()
            .zip(&self.keys)
            .map(|(b, keys)| {
                let names: Vec<&str> = keys.iter().map(|k| display_key(k)).collect();
                let names = if names.is_empty() {
                    "(no key)".to_owned()
                } else {
                    names.join(", ")
                };
                (names, b.help)
            })
            .collect()
    }
}

/// A row of the help overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpRow {
    Key(String, &'static str),
    Heading(&'static str),
}

/// Everything the help overlay lists, from the keymap in use.
pub fn help_rows(keymap: &Keymap) -> Vec<HelpRow> {
    let mut rows: Vec<HelpRow> = keymap
        .rows()
        .into_iter()
        .map(|(keys, what)| HelpRow::Key(keys, what))
        .collect();
    rows.push(HelpRow::Key("1 … 9".into(), "switch to view 1 … 9"));
    rows.push(HelpRow::Heading("In pickers and the composer"));
    rows.extend(
        POPUP_HELP
            .iter()
            .map(|(k, what)| HelpRow::Key((*k).into(), what)),
    );
    rows.push(HelpRow::Key(
        "C-t  C-e  C-p".into(),
        "composer: canned replies · $EDITOR · private reply",
    ));
    rows
}

/// Rows of the help shown at once on a terminal `height` rows high (the
/// box takes the whole height when the rows do not fit, less its border).
pub fn help_visible_rows(rows: usize, height: u16) -> usize {
    rows.min((height as usize).saturating_sub(2))
}

/// How far the help can scroll on a terminal `height` rows high.
pub fn help_max_scroll(keymap: &Keymap, height: u16) -> usize {
    let rows = help_rows(keymap).len();
    rows - help_visible_rows(rows, height)
}

/// The name shown for a key (`Space` for the space bar).
pub fn display_key(k: &str) -> &str {
    if k == " " { "Space" } else { k }
}

/// A key as written in `config.toml`, in the table's spelling.
fn normalize(k: &str) -> Result<String, String> {
    const NAMED: &[(&str, &str)] = &[
        ("space", " "),
        ("down", "Down"),
        ("up", "Up"),
        ("left", "Left"),
        ("right", "Right"),
        ("home", "Home"),
        ("end", "End"),
        ("pgdn", "PgDn"),
        ("pagedown", "PgDn"),
        ("pgup", "PgUp"),
        ("pageup", "PgUp"),
        ("enter", "Enter"),
        ("esc", "Esc"),
        ("escape", "Esc"),
        ("tab", "Tab"),
        ("s-tab", "S-Tab"),
        ("backtab", "S-Tab"),
        ("backspace", "Backspace"),
    ];
    let lower = k.to_lowercase();
    if let Some((_, name)) = NAMED.iter().find(|(n, _)| *n == lower) {
        return Ok((*name).to_owned());
    }
    let ctrl = ["c-", "ctrl-", "ctrl+", "control-"]
        .iter()
        .find_map(|p| lower.strip_prefix(p));
    let mut chars = k.chars();
    match (ctrl, chars.next(), chars.next()) {
        (Some(rest), _, _) if rest.len() == 1 && rest.chars().all(|c| c.is_ascii_alphabetic()) => {
            Ok(format!("C-{rest}"))
        }
        (None, Some(c), None) if ('1'..='9').contains(&c) => {
            Err(format!("{k:?} is kept for switching views (1-9)"))
        }
        (None, Some(c), None) if !c.is_control() => Ok(c.to_string()),
        _ => Err(format!(
            "unknown key {k:?}: write a character (\"t\", \"T\", \"?\"), C-x for Ctrl, \
             or one of Space, Enter, Esc, Tab, S-Tab, Backspace, Up, Down, Left, Right, \
             Home, End, PgUp, PgDn"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = std::collections::HashSet::new();
        for b in BINDINGS {
            for k in b.keys {
                assert!(seen.insert(*k), "{k} bound twice");
            }
        }
    }

    fn keymap(toml_text: &str) -> Result<Keymap, String> {
        let table: std::collections::BTreeMap<String, KeySpec> = toml::from_str(toml_text).unwrap();
        Keymap::new(&table)
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
        assert_eq!(map.hint(Command::Mark), Some("Space"));
    }

    #[test]
    fn bad_overrides_say_what_to_write() {
        let err = keymap("tagg = \"T\"").unwrap_err();
        assert!(
            err.contains("unknown command \"tagg\"") && err.contains("tag_picker"),
            "{err}"
        );
        let err = keymap("reply = \"Hyper-x\"").unwrap_err();
        assert!(
            err.contains("reply: unknown key") && err.contains("PgDn"),
            "{err}"
        );
        let err = keymap("reply = \"t\"\nundo = \"t\"").unwrap_err();
        assert!(err.contains("key t is given to both"), "{err}");
        let err = keymap("reply = \"3\"").unwrap_err();
        assert!(err.contains("views"), "{err}");
        let err = keymap("reply = \"C-c\"").unwrap_err();
        assert!(err.contains("C-c always quits"), "{err}");
        assert!(keymap("quit = [\"q\", \"C-c\"]").is_ok());
    }

    #[test]
    fn every_command_has_a_distinct_config_name() {
        let mut seen = std::collections::HashSet::new();
        for b in BINDINGS {
            assert!(seen.insert(b.name), "{} twice", b.name);
        }
    }

    #[test]
    fn keys_resolve() {
        let k = |c, m| KeyEvent::new(c, m);
        assert_eq!(
            Keymap::default().command_for(&k(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Command::Down)
        );
        assert_eq!(
            Keymap::default().command_for(&k(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Command::Quit)
        );
        assert_eq!(
            Keymap::default().command_for(&k(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Command::Bottom)
        );
        assert_eq!(
            Keymap::default().command_for(&k(KeyCode::Char('Q'), KeyModifiers::SHIFT)),
            None
        );
    }
}
