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
    pub keys: &'static [&'static str],
    pub command: Command,
    pub help: &'static str,
}

/// The default keymap (the help overlay lists it in this order).
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { keys: &["j", "Down"], command: Command::Down, help: "move down" },
    Binding { keys: &["k", "Up"], command: Command::Up, help: "move up" },
    Binding { keys: &["g", "Home"], command: Command::Top, help: "go to the top" },
    Binding { keys: &["G", "End"], command: Command::Bottom, help: "go to the bottom" },
    Binding { keys: &["PgDn", "C-d"], command: Command::PageDown, help: "page down" },
    Binding { keys: &["PgUp", "C-u"], command: Command::PageUp, help: "page up" },
    Binding { keys: &["Enter", "l"], command: Command::Open, help: "open the conversation" },
    Binding { keys: &["Esc", "h"], command: Command::Back, help: "back to the list / clear search" },
    Binding { keys: &["Tab"], command: Command::SwitchFocus, help: "switch list / thread" },
    Binding { keys: &["t"], command: Command::TagPicker, help: "tag picker" },
    Binding { keys: &["a"], command: Command::StaffPicker, help: "assign staff" },
    Binding { keys: &["u"], command: Command::ToggleRead, help: "toggle read / unread" },
    Binding { keys: &["r"], command: Command::Reply, help: "reply" },
    Binding { keys: &["/"], command: Command::Search, help: "search loaded conversations" },
    Binding { keys: &["f"], command: Command::Filter, help: "filter panel" },
    Binding { keys: &["F"], command: Command::ClearFilter, help: "clear the filter" },
    Binding { keys: &["]"], command: Command::NextView, help: "next view (1-9 pick one)" },
    Binding { keys: &["["], command: Command::PrevView, help: "previous view" },
    Binding { keys: &["n"], command: Command::NextMatch, help: "next search match" },
    Binding { keys: &["N"], command: Command::PrevMatch, help: "previous search match" },
    Binding { keys: &[" "], command: Command::Mark, help: "mark / unmark for a bulk action" },
    Binding { keys: &["*"], command: Command::MarkAll, help: "mark every conversation listed" },
    Binding { keys: &["V"], command: Command::ClearMarks, help: "clear the marks" },
    Binding { keys: &["A"], command: Command::AssignMe, help: "assign to me (selected or marked)" },
    Binding { keys: &["U"], command: Command::UnassignMe, help: "remove me (selected or marked)" },
    Binding { keys: &["P"], command: Command::NextPage, help: "next page, then all pages merged" },
    Binding { keys: &["R"], command: Command::Refresh, help: "refresh now" },
    Binding { keys: &["z"], command: Command::Undo, help: "undo the last action (sends its reverse)" },
    Binding { keys: &["o"], command: Command::Outbox, help: "outbox: unconfirmed actions, cancel or resend" },
    Binding { keys: &["x"], command: Command::RetryFailed, help: "retry failed actions" },
    Binding { keys: &["X"], command: Command::DismissFailed, help: "dismiss failed actions" },
    Binding { keys: &["?"], command: Command::Help, help: "this help" },
    Binding { keys: &["q", "C-c"], command: Command::Quit, help: "quit" },
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

/// The command bound to a key, if any.
pub fn command_for(k: &KeyEvent) -> Option<Command> {
    let name = key_name(k)?;
    BINDINGS
        .iter()
        .find(|b| b.keys.contains(&name.as_str()))
        .map(|b| b.command)
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

    #[test]
    fn keys_resolve() {
        let k = |c, m| KeyEvent::new(c, m);
        assert_eq!(
            command_for(&k(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Command::Down)
        );
        assert_eq!(
            command_for(&k(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Command::Quit)
        );
        assert_eq!(
            command_for(&k(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Command::Bottom)
        );
        assert_eq!(
            command_for(&k(KeyCode::Char('Q'), KeyModifiers::SHIFT)),
            None
        );
    }
}
