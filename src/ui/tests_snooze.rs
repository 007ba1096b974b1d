//! The snooze dialog, the Snoozed view and the command palette, rendered
//! into ratatui's TestBackend (text checked, and an 80x24 snapshot of each).

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::State;
use crate::app::fixtures::{self, NOW, press, press_all, type_text};

/// `loaded()` (5 conversations, Customer 0 newest) at 80x24, times in UTC;
/// NOW is Friday 15 Jan 2027 08:00.
fn state() -> State {
    let mut s = fixtures::loaded();
    s.viewport = super::layout::viewport(80, 24);
    s.settings.tz = jiff::tz::TimeZone::UTC;
    s
}

fn text(s: &State) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| super::render(s, f)).unwrap();
    super::frame_text(t.backend().buffer())
}

#[test]
fn the_snooze_dialog_shows_each_preset_as_a_local_time_and_reads_the_typed_line() {
    let mut s = state();
    press(&mut s, "s");
    let out = text(&s);
    assert!(out.contains("Follow up later: Customer 0"), "{out}");
    assert!(out.contains("in 1 h"), "{out}");
    assert!(
        out.contains("Fri 15 Jan 09:00"),
        "in 1 h, local time\n{out}"
    );
    assert!(out.contains("Fri 15 Jan 18:00"), "this evening\n{out}");
    assert!(out.contains("Sat 16 Jan 09:00"), "tomorrow\n{out}");
    assert!(out.contains("Mon 18 Jan 09:00"), "next Monday\n{out}");
    assert!(out.contains("type a time"), "{out}");
    insta::assert_snapshot!("snooze_dialog", out);
    type_text(&mut s, "mon");
    press(&mut s, "Space");
    type_text(&mut s, "14:30");
    let out = text(&s);
    assert!(out.contains("> mon 14:30"), "{out}");
    assert!(out.contains("Mon 18 Jan 14:30"), "read as typed\n{out}");
    press_all(&mut s, "C-u");
    type_text(&mut s, "whenever");
    let out = text(&s);
    assert!(
        out.contains("cannot read \"whenever\""),
        "the error, live\n{out}"
    );
}

#[test]
fn the_snoozed_view_lists_them_with_their_times_and_s_offers_cancel() {
    let mut s = state();
    press(&mut s, "s");
    press(&mut s, "Enter");
    press_all(&mut s, "j s Down Down Enter");
    let out = text(&s);
    assert!(out.contains("5 Snoozed 2"), "{out}");
    assert!(!out.contains("Customer 0"), "out of All\n{out}");
    press(&mut s, "5");
    let out = text(&s);
    assert!(out.contains("until Fri 15 Jan 09:00"), "{out}");
    assert!(out.contains("until Sat 16 Jan 09:00"), "{out}");
    let first = out.find("Customer 0").unwrap();
    assert!(
        first < out.find("Customer 2").unwrap(),
        "soonest first\n{out}"
    );
    insta::assert_snapshot!("snoozed_view", out);
    press(&mut s, "s");
    let out = text(&s);
    assert!(out.contains("snoozed until Fri 15 Jan 09:00"), "{out}");
    assert!(out.contains("cancel the snooze"), "{out}");
}

#[test]
fn the_palette_lists_commands_with_their_keys_and_filters() {
    let mut s = state();
    press(&mut s, ":");
    let out = text(&s);
    assert!(out.contains("Commands"), "{out}");
    assert!(out.contains("move down"), "{out}");
    assert!(out.contains("j Down"), "keys beside each\n{out}");
    insta::assert_snapshot!("palette", out);
    type_text(&mut s, "snooze");
    let out = text(&s);
    assert!(out.contains("snooze: follow up later"), "{out}");
    assert!(!out.contains("move down"), "{out}");
    type_text(&mut s, "qqqq");
    assert!(text(&s).contains("no command matches"));
    let _ = NOW;
}
