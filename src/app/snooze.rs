//! Follow up later: the snooze dialog (presets, a typed time read as it is
//! typed with [`crate::remind::parse_when_in`], and on a snoozed conversation
//! a way to cancel). Plain data; the keys are in `update/input/snooze.rs`.

use crate::api::{ConversationId, UnixSeconds};
use crate::i18n::Lang;

/// A preset of the dialog: what its row says and the words
/// `parse_when_in` reads, in each language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// The row's label, a `time.ftl` id.
    pub label: &'static str,
    /// The words read in English.
    pub en: &'static str,
    /// The words read in Vietnamese.
    pub vi: &'static str,
}

impl Preset {
    /// The row's label in `lang`.
    pub fn label(&self, lang: Lang) -> String {
        crate::i18n::tr(lang, self.label)
    }

    /// What `parse_when_in` reads for this preset in `lang`.
    pub fn words(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Vi => self.vi,
        }
    }
}

/// The presets, in the dialog's order.
pub const PRESETS: &[Preset] = &[
    Preset {
        label: "snooze-preset-hour",
        en: "in 1h",
        vi: "1 tiếng nữa",
    },
    Preset {
        label: "snooze-preset-evening",
        en: "this evening",
        vi: "tối nay",
    },
    Preset {
        label: "snooze-preset-tomorrow",
        en: "tomorrow 9:00",
        vi: "mai 9:00",
    },
    Preset {
        label: "snooze-preset-next-monday",
        en: "next monday 9:00",
        vi: "thứ hai tuần sau 9:00",
    },
];

/// A row of the dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnoozeRow {
    Preset(usize),
    /// The time typed on the line.
    Typed,
    /// Cancel the snooze (offered when the conversation is snoozed).
    Cancel,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnoozeEdit {
    /// The conversations snoozed (the selected one, or the marked ones).
    pub targets: Vec<ConversationId>,
    /// Sanitized: a customer's name, or "3 marked conversations".
    pub target_name: String,
    /// When the (single) target is due now, if it is snoozed.
    pub current: Option<UnixSeconds>,
    /// The typed time.
    pub line: String,
    /// Position in [`SnoozeEdit::rows`].
    pub cursor: usize,
}

impl SnoozeEdit {
    pub fn new(
        targets: Vec<ConversationId>,
        target_name: String,
        current: Option<UnixSeconds>,
    ) -> Self {
        SnoozeEdit {
            targets,
            target_name,
            current,
            line: String::new(),
            cursor: 0,
        }
    }

    /// Presets, the typed line, then "cancel" on a snoozed conversation.
    pub fn rows(&self) -> Vec<SnoozeRow> {
        let mut rows: Vec<SnoozeRow> = (0..PRESETS.len()).map(SnoozeRow::Preset).collect();
        rows.push(SnoozeRow::Typed);
        if self.current.is_some() {
            rows.push(SnoozeRow::Cancel);
        }
        rows
    }

    pub fn row(&self) -> SnoozeRow {
        let rows = self.rows();
        rows[self.cursor.min(rows.len() - 1)]
    }

    pub fn move_by(&mut self, delta: isize) {
        let n = self.rows().len() as isize;
        self.cursor = (self.cursor as isize + delta).rem_euclid(n) as usize;
    }

    /// Typing goes to the line, and the cursor with it.
    pub fn type_char(&mut self, c: char) {
        self.line.push(c);
        self.cursor = PRESETS.len();
    }

    pub fn delete_char(&mut self) {
        self.line.pop();
        self.cursor = PRESETS.len();
    }
}

/// When a row means, seen at `now` in `tz` (the error for people, in
/// `lang`, when it means nothing: "this evening" after 18:00, an
/// unreadable line). `lang` also decides what a bare `9h` is
/// ([`crate::remind::parse_when_in`]).
pub fn when(
    edit: &SnoozeEdit,
    row: SnoozeRow,
    now: UnixSeconds,
    tz: &jiff::tz::TimeZone,
    lang: Lang,
) -> Option<Result<UnixSeconds, String>> {
    let words = match row {
        SnoozeRow::Preset(i) => PRESETS[i].words(lang),
        SnoozeRow::Typed => edit.line.as_str(),
        SnoozeRow::Cancel => return None,
    };
    let now = jiff::Timestamp::from_second(now.0).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    Some(
        crate::remind::parse_when_in(words, now, tz, lang)
            .map(|t| UnixSeconds(t.as_second()))
            .map_err(|e| e.say(lang)),
    )
}

/// `Tue 02 Dec 09:00` (`T3 02/12 09:00` in Vietnamese) in `tz`: a due
/// time as a row says it.
pub fn due_label(due: UnixSeconds, tz: &jiff::tz::TimeZone, lang: Lang) -> String {
    crate::app::times::due(due, tz, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Friday 15 Jan 2027 08:00 UTC.
    const NOW: UnixSeconds = UnixSeconds(1_800_000_000);

    /// Each preset means the same instant in both languages.
    #[test]
    fn the_presets_mean_the_same_in_both_languages() {
        let tz = jiff::tz::TimeZone::UTC;
        let edit = SnoozeEdit::new(vec![], String::new(), None);
        for (i, preset) in PRESETS.iter().enumerate() {
            let row = SnoozeRow::Preset(i);
            let en = when(&edit, row, NOW, &tz, Lang::En);
            let vi = when(&edit, row, NOW, &tz, Lang::Vi);
            assert!(matches!(en, Some(Ok(_))), "{preset:?}: {en:?}");
            assert_eq!(en, vi, "{preset:?}");
        }
        let labels = |lang| PRESETS.iter().map(|p| p.label(lang)).collect::<Vec<_>>();
        assert_eq!(
            labels(Lang::En),
            [
                "in 1 h",
                "this evening",
                "tomorrow 9:00",
                "next Monday 9:00"
            ]
        );
        assert_eq!(
            labels(Lang::Vi),
            ["1 tiếng nữa", "tối nay", "mai 9:00", "thứ hai tuần sau 9h"]
        );
    }
}
