//! The snooze dialog, the Snoozed view and the command palette, rendered
//! into ratatui's TestBackend (text checked, and an 80x24 snapshot of each).

use crate::app::State;
use crate::app::fixtures::{self, NOW, press, press_all, type_text};

use super::test_screen::{frame, shows, shows_none};

/// `loaded()` (5 conversations, Customer 0 newest) at 80x24, times in UTC;
/// NOW is Friday 15 Jan 2027 08:00.
fn state() -> State {
    let mut s = fixtures::loaded();
    s.viewport = super::layout::viewport(80, 24);
    s.settings.tz = jiff::tz::TimeZone::UTC;
    s
}

fn text(s: &State) -> String {
    frame(s, 80, 24)
}

#[test]
fn the_snooze_dialog_shows_each_preset_as_a_local_time_and_reads_the_typed_line() {
    let mut s = state();
    press(&mut s, "s");
    let out = text(&s);
    shows(
        &out,
        &[
            "Follow up later: Customer 0",
            "in 1 h",
            "Fri 15 Jan 09:00", // in 1 h, local time
            "Fri 15 Jan 18:00", // this evening
            "Sat 16 Jan 09:00", // tomorrow
            "Mon 18 Jan 09:00", // next Monday
            "type a time",
        ],
    );
    insta::assert_snapshot!("snooze_dialog", out);
    type_text(&mut s, "mon");
    press(&mut s, "Space");
    type_text(&mut s, "14:30");
    // Read as typed.
    shows(&text(&s), &["> mon 14:30", "Mon 18 Jan 14:30"]);
    press_all(&mut s, "C-u");
    type_text(&mut s, "whenever");
    // The error, live.
    shows(&text(&s), &["cannot read \"whenever\""]);
}

/// `words` typed on the line, spaces pressed as the Space key.
fn type_words(s: &mut State, words: &str) {
    for (i, w) in words.split(' ').enumerate() {
        if i > 0 {
            press(s, "Space");
        }
        type_text(s, w);
    }
}

#[test]
fn the_snooze_dialog_in_vietnamese_reads_vietnamese_times_with_or_without_accents() {
    let mut s = state();
    s.settings.lang = crate::i18n::Lang::Vi;
    press(&mut s, "s");
    let out = text(&s);
    shows(
        &out,
        &[
            "Xử lý sau: Customer 0",
            "1 tiếng nữa",
            "T6 15/01 09:00", // 1 tiếng nữa
            "tối nay",
            "T6 15/01 18:00",
            "mai 9:00",
            "T7 16/01 09:00",
            "thứ hai tuần sau 9h",
            "T2 18/01 09:00",
            "gõ giờ: 1 tiếng nữa, 30 phút",
        ],
    );
    shows_none(&out, &["Fri", "Jan", "in 1 h", "tomorrow"]);
    insta::assert_snapshot!("snooze_dialog_vi", out);
    type_words(&mut s, "toi nay");
    shows(&text(&s), &["> toi nay", "T6 15/01 18:00"]);
    press_all(&mut s, "C-u");
    type_words(&mut s, "thứ hai 14h30");
    shows(&text(&s), &["> thứ hai 14h30", "T2 18/01 14:30"]);
    press_all(&mut s, "C-u");
    // A bare `9h` is nine o'clock to a Vietnamese agent.
    type_text(&mut s, "9h");
    shows(&text(&s), &["T7 16/01 09:00"]);
    press_all(&mut s, "C-u");
    type_words(&mut s, "lúc nào đó");
    let out = text(&s);
    shows(&out, &["không hiểu \"lúc nào đó\""]);
    // The longest Vietnamese error is cut inside the box, its border kept.
    let row = out.lines().find(|l| l.contains("> lúc nào đó")).unwrap();
    assert!(row.ends_with("…│       │"), "{row}");
    // Chosen: the notice and the Snoozed view say the due time in Vietnamese.
    press_all(&mut s, "C-u");
    type_words(&mut s, "chiều mai");
    press(&mut s, "Enter");
    press(&mut s, "5");
    let out = text(&s);
    shows(&out, &["đến T7 16/01 14:00"]);
    insta::assert_snapshot!("snoozed_view_vi", out);
}

#[test]
fn the_snoozed_view_lists_them_with_their_times_and_s_offers_cancel() {
    let mut s = state();
    press_all(&mut s, "s Enter j s Down Down Enter");
    let out = text(&s);
    shows(&out, &["5 Snoozed 2"]);
    shows_none(&out, &["Customer 0"]); // out of All
    press(&mut s, "5");
    let out = text(&s);
    shows(&out, &["until Fri 15 Jan 09:00", "until Sat 16 Jan 09:00"]);
    let first = out.find("Customer 0").unwrap();
    assert!(
        first < out.find("Customer 2").unwrap(),
        "soonest first\n{out}"
    );
    insta::assert_snapshot!("snoozed_view", out);
    press(&mut s, "s");
    shows(
        &text(&s),
        &["snoozed until Fri 15 Jan 09:00", "cancel the snooze"],
    );
}

#[test]
fn the_palette_lists_commands_with_their_keys_and_filters() {
    let mut s = state();
    press(&mut s, ":");
    let out = text(&s);
    // The commands, keys beside each.
    shows(&out, &["Commands", "move down", "j Down"]);
    insta::assert_snapshot!("palette", out);
    type_text(&mut s, "snooze");
    let out = text(&s);
    shows(&out, &["snooze: follow up later"]);
    shows_none(&out, &["move down"]);
    type_text(&mut s, "qqqq");
    shows(&text(&s), &["no command matches"]);
    let _ = NOW;
}
