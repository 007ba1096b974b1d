//! The command palette: every command of the list and thread, with its keys
//! and help text, read from the key table (so a new command is in it the
//! day it is bound); typed words filter it fuzzily, recent commands come
//! first (kept across restarts by name, see `config::recent_commands`).

use crate::app::keys::{BINDINGS, Bound, Command, Keymap};
use crate::text::fuzzy_rank;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaletteItem {
    pub command: Command,
    /// The keys that run it, as the agent's keymap has them (`j Down`).
    pub keys: String,
    /// `name: help`, matched against what is typed.
    pub label: String,
    /// Run from the palette lately (this session or the last ones).
    pub recent: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Palette {
    pub query: String,
    pub items: Vec<PaletteItem>,
    /// Indices into `items` that match, best first, with the matched char
    /// positions in the label.
    pub matches: Vec<(usize, Vec<usize>)>,
    pub cursor: usize,
}

impl Palette {
    /// Every list/thread command but the palette itself; `recent` (latest
    /// first) in front.
    pub fn new(keymap: &Keymap, recent: &[Command], lang: crate::i18n::Lang) -> Self {
        let mut items: Vec<PaletteItem> = BINDINGS
            .iter()
            .filter_map(|b| match b.does {
                Bound::List(Command::Palette) => None,
                Bound::List(c) => Some(PaletteItem {
                    command: c,
                    keys: keymap.keys_of(c).join(" "),
                    label: format!("{}: {}", b.name.replace('_', " "), b.describe(lang)),
                    recent: recent.contains(&c),
                }),
                _ => None,
            })
            .collect();
        // Stable: recent ones by recency, the rest in the table's order.
        items.sort_by_key(|it| {
            recent
                .iter()
                .position(|r| *r == it.command)
                .unwrap_or(usize::MAX)
        });
        let mut p = Palette {
            query: String::new(),
            items,
            matches: Vec::new(),
            cursor: 0,
        };
        p.refilter();
        p
    }

    pub fn refilter(&mut self) {
        self.matches = fuzzy_rank(&self.query, self.items.iter().map(|it| it.label.as_str()));
        self.cursor = self.cursor.min(self.matches.len().saturating_sub(1));
    }

    pub fn move_by(&mut self, delta: isize) {
        let n = self.matches.len();
        if n > 0 {
            self.cursor = (self.cursor as isize + delta).rem_euclid(n as isize) as usize;
        }
    }

    pub fn highlighted(&self) -> Option<&PaletteItem> {
        self.matches.get(self.cursor).map(|(i, _)| &self.items[*i])
    }
}

/// Recent commands kept for the palette.
pub const RECENT_MAX: usize = 8;

/// A list/thread command's name in the key table (as `config.toml` has it).
pub fn name_of(c: Command) -> &'static str {
    BINDINGS
        .iter()
        .find(|b| b.does == Bound::List(c))
        .map_or("", |b| b.name)
}

/// The commands of these names, in order (unknown names, from an older
/// version, are left out).
pub fn named(names: &[String]) -> Vec<Command> {
    let mut out = Vec::new();
    for n in names {
        let found = BINDINGS.iter().find_map(|b| match b.does {
            Bound::List(c) if b.name == n.as_str() && !out.contains(&c) => Some(c),
            _ => None,
        });
        out.extend(found);
    }
    out.truncate(RECENT_MAX);
    out
}

/// `c` was run from the palette: first in the recent list.
pub fn remember(recent: &mut Vec<Command>, c: Command) {
    recent.retain(|r| *r != c);
    recent.insert(0, c);
    recent.truncate(RECENT_MAX);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_commands_are_kept_by_name_and_read_back() {
        let cs = [Command::ToggleRead, Command::Snooze, Command::Down];
        let names: Vec<String> = cs.iter().map(|c| name_of(*c).to_owned()).collect();
        assert!(names.iter().all(|n| !n.is_empty()), "{names:?}");
        assert_eq!(named(&names), cs);
        let mut odd = vec!["no_such_command".to_owned()];
        odd.extend(names.iter().cloned());
        odd.push(names[0].clone());
        assert_eq!(named(&odd), cs, "unknown and repeated names left out");
        let p = Palette::new(&Keymap::default(), &named(&names), crate::i18n::Lang::En);
        assert_eq!(p.items[0].command, Command::ToggleRead);
        assert!(p.items[0].recent && !p.items[3].recent);
    }

    /// In Vietnamese the palette lists the Vietnamese words and finds
    /// them typed without accents, as the list search does.
    #[test]
    fn the_vietnamese_names_are_found_without_accents() {
        let mut p = Palette::new(&Keymap::default(), &[], crate::i18n::Lang::Vi);
        for (typed, command) in [
            ("gan nhan", Command::TagPicker),
            ("danh dau chua doc", Command::ToggleRead),
            ("hen lai", Command::Snooze),
        ] {
            p.query = typed.into();
            p.refilter();
            let found = p.highlighted().expect(typed);
            assert_eq!(found.command, command, "{typed}: {}", found.label);
        }
        let tag = p.items.iter().find(|it| it.command == Command::TagPicker);
        assert_eq!(tag.unwrap().label, "tag picker: gắn nhãn");
    }
}
