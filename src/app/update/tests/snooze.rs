//! Follow up later (snooze) and the command palette.

use super::*;
use crate::app::palette::Palette;
use crate::app::snooze::{SnoozeEdit, SnoozeRow};
use crate::store::Reminder;

/// `loaded()` with its times in UTC.
fn utc() -> State {
    let mut s = loaded();
    s.settings.tz = jiff::tz::TimeZone::UTC;
    s
}

fn saved(cmds: &[Cmd]) -> Vec<(String, i64)> {
    cmds.iter()
        .filter_map(|c| match c {
            Cmd::SaveReminder(r) => Some((r.conv.to_string(), r.due.0)),
            _ => None,
        })
        .collect()
}

fn cancelled(cmds: &[Cmd]) -> Vec<String> {
    cmds.iter()
        .filter_map(|c| match c {
            Cmd::CancelReminder(p, conv) => {
                assert_eq!(p.as_str(), "p");
                Some(conv.to_string())
            }
            _ => None,
        })
        .collect()
}

fn notice(s: &State) -> String {
    match &s.notice {
        Some(Notice::Info(t) | Notice::Error(t)) => t.clone(),
        None => String::new(),
    }
}

/// The open snooze dialog.
fn dialog(s: &State) -> &SnoozeEdit {
    match &s.overlay {
        Some(Overlay::Snooze(edit)) => edit,
        other => panic!("no snooze dialog: {other:?}"),
    }
}

/// `s`, and the snooze dialog it opens.
fn open_dialog(s: &mut State) -> &SnoozeEdit {
    press(s, "s");
    dialog(s)
}

/// The open palette.
fn palette(s: &State) -> &Palette {
    match &s.overlay {
        Some(Overlay::Palette(p)) => p,
        other => panic!("no palette: {other:?}"),
    }
}

fn snoozed_view(s: &State) -> usize {
    s.tabs
        .views
        .iter()
        .position(|v| v.name == "Snoozed")
        .unwrap()
}

#[test]
fn a_preset_snoozes_out_of_the_default_views_into_snoozed() {
    let mut s = utc();
    assert_eq!(selected(&s), "p_0");
    let edit = open_dialog(&mut s);
    assert_eq!(edit.row(), SnoozeRow::Preset(0), "in 1 h first");
    assert_eq!(edit.current, None);
    let cmds = press(&mut s, "Enter");
    assert!(s.overlay.is_none());
    assert_eq!(saved(&cmds), [("p_0".to_string(), NOW + 3600)]);
    assert!(net(cmds).is_empty(), "nothing goes to Pancake yet");
    assert!(!visible_ids(&s).contains(&"p_0"), "out of All");
    assert!(notice(&s).contains("until"), "{}", notice(&s));
    let v = snoozed_view(&s);
    assert_eq!(v, 4, "after the existing views");
    assert_eq!(s.tabs.counts[0], 4);
    assert_eq!(s.tabs.counts[v], 1);
    press(&mut s, "5");
    assert_eq!(visible_ids(&s), ["p_0"]);
}

#[test]
fn a_typed_time_is_read_live_and_a_wrong_one_keeps_the_dialog() {
    let mut s = utc();
    press(&mut s, "s");
    type_text(&mut s, "soon");
    assert_eq!(
        dialog(&s).row(),
        SnoozeRow::Typed,
        "typing moves to the line"
    );
    let cmds = press(&mut s, "Enter");
    assert!(cmds.is_empty());
    assert!(matches!(s.overlay, Some(Overlay::Snooze(_))), "still open");
    assert!(matches!(&s.notice, Some(Notice::Error(e)) if e.contains("soon")));
    for _ in 0..4 {
        press(&mut s, "Backspace");
    }
    type_text(&mut s, "in");
    press(&mut s, "Space");
    type_text(&mut s, "2h");
    let cmds = press(&mut s, "Enter");
    assert_eq!(saved(&cmds), [("p_0".to_string(), NOW + 7200)]);
}

#[test]
fn snoozing_the_marked_ones_snoozes_each_and_clears_the_marks() {
    let mut s = utc();
    press_all(&mut s, "Space Space"); // Space marks and moves on
    assert_eq!(s.marks.len(), 2);
    assert_eq!(open_dialog(&mut s).target_name, "2 marked conversations");
    press(&mut s, "Down"); // this evening: 18:00 UTC, NOW is 08:00
    let cmds = press(&mut s, "Enter");
    let evening = NOW + 10 * 3600;
    assert_eq!(
        saved(&cmds),
        [("p_0".to_string(), evening), ("p_1".to_string(), evening)]
    );
    assert!(s.marks.is_empty());
    assert_eq!(visible_ids(&s), ["p_2", "p_3", "p_4"]);
}

#[test]
fn when_due_it_is_marked_unread_on_pancake_comes_to_the_top_and_rings() {
    let mut s = utc();
    // p_4 (read, the oldest) snoozed for an hour.
    press_all(&mut s, "G s");
    assert_eq!(saved(&press(&mut s, "Enter")), [("p_4".into(), NOW + 3600)]);
    assert!(
        tick(&mut s, NOW + 3599)
            .iter()
            .all(|c| !matches!(c, Cmd::Perform { .. }))
    );
    assert!(s.snoozes.contains_key("p_4"));
    let cmds = tick(&mut s, NOW + 3600);
    assert_eq!(cancelled(&cmds), ["p_4"]);
    let ops = performed(&cmds);
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].1, Op::Unread);
    assert!(matches!(&cmds[..], [.., Cmd::Perform { conv, .. }] if conv.as_str() == "p_4"));
    assert!(s.snoozes.is_empty());
    assert_eq!(visible_ids(&s)[0], "p_4", "back at the top");
    assert!(!s.convs.get("p_4").unwrap().seen, "unread at once");
    assert_eq!(rings(&cmds), 1);
    assert!(
        notice(&s).contains("follow up: Customer 4"),
        "{}",
        notice(&s)
    );
    assert_eq!(s.tabs.counts[snoozed_view(&s)], 0);
    // It fires once.
    assert!(performed(&tick(&mut s, NOW + 3700)).is_empty());
}

#[test]
fn a_customer_message_before_then_brings_it_back_early_without_an_action() {
    let mut s = utc();
    press_all(&mut s, "G s");
    press(&mut s, "Enter");
    // A poll brings p_4 with a new customer message.
    let mut c = conv(4, NOW + 60, false);
    c.last_customer_message_at = Some(UnixSeconds(NOW + 60));
    feed(&mut s, LoadMode::Poll, None, Ok(vec![c]));
    let cmds = tick(&mut s, NOW + 61);
    assert_eq!(cancelled(&cmds), ["p_4"]);
    assert!(
        performed(&cmds).is_empty(),
        "already unread: nothing to send"
    );
    assert!(s.snoozes.is_empty());
    assert_eq!(visible_ids(&s)[0], "p_4");
    assert_eq!(rings(&cmds), 1);
    assert!(notice(&s).contains("wrote before the snooze ended: Customer 4"));
}

#[test]
fn s_again_offers_change_or_cancel() {
    let mut s = utc();
    press_all(&mut s, "s Enter 5");
    assert_eq!(selected(&s), "p_0");
    let edit = open_dialog(&mut s);
    assert_eq!(edit.current, Some(UnixSeconds(NOW + 3600)));
    assert_eq!(edit.rows().last(), Some(&SnoozeRow::Cancel));
    // Change: tomorrow 9:00.
    press_all(&mut s, "Down Down");
    let cmds = press(&mut s, "Enter");
    assert_eq!(saved(&cmds), [("p_0".into(), NOW + 25 * 3600)]);
    // Cancel: the last row (Up wraps to it).
    press_all(&mut s, "s Up");
    let cmds = press(&mut s, "Enter");
    assert_eq!(cancelled(&cmds), ["p_0"]);
    assert!(performed(&cmds).is_empty());
    assert!(s.snoozes.is_empty());
    assert!(visible_ids(&s).is_empty(), "the Snoozed view is empty now");
    press(&mut s, "1");
    assert_eq!(visible_ids(&s)[0], "p_0");
}

#[test]
fn reminders_from_the_cache_hide_at_once_and_those_due_fire_at_the_next_tick() {
    let mut s = at_now(&[("p", "Page")]);
    s.settings.tz = jiff::tz::TimeZone::UTC;
    let r = |conv: &str, due: i64| Reminder {
        page_id: PageId::new("p"),
        conv: ConversationId::new(conv),
        due: UnixSeconds(due),
        created: UnixSeconds(NOW - 86_400),
    };
    let cached = crate::app::Cached {
        page: PageId::new("p"),
        conversations: (0..3)
            .map(|i| conv(i, NOW - 90_000 - i as i64, true))
            .collect(),
        reminders: vec![r("p_1", NOW - 10), r("p_2", NOW + 3600), r("p_9", NOW - 5)],
        ..Default::default()
    };
    update(&mut s, Msg::Cached(Box::new(cached)));
    assert_eq!(visible_ids(&s), ["p_0"], "snoozed ones are out at once");
    let cmds = tick(&mut s, NOW);
    assert_eq!(cancelled(&cmds), ["p_1"], "p_9 waits until it is loaded");
    assert_eq!(performed(&cmds).len(), 1);
    assert_eq!(visible_ids(&s), ["p_1", "p_0"]);
    assert!(s.snoozes.contains_key("p_9"));
    // p_9 comes with the list: it fires then.
    backfill(&mut s, "p", vec![conv(9, NOW - 95_000, true)]);
    let cmds = tick(&mut s, NOW + 1);
    assert_eq!(cancelled(&cmds), ["p_9"]);
    assert_eq!(performed(&cmds)[0].1, Op::Unread);
}

#[test]
fn a_snooze_stays_with_the_page_of_its_conversation() {
    let mut s = two_pages();
    s.settings.tz = jiff::tz::TimeZone::UTC;
    let first = selected(&s).to_string();
    press(&mut s, "s");
    let cmds = press(&mut s, "Enter");
    let [Cmd::SaveReminder(r)] = &cmds[..] else {
        panic!("{cmds:?}")
    };
    assert_eq!(r.conv.as_str(), first);
    assert_eq!(r.page_id, s.convs.get(&r.conv).unwrap().page_id);
}

#[test]
fn the_palette_lists_every_command_with_its_keys_and_runs_it_as_its_key() {
    let mut s = utc();
    press(&mut s, ":");
    let p = palette(&s);
    let list_commands = crate::app::keys::BINDINGS
        .iter()
        .filter(|b| matches!(b.does, crate::app::keys::Bound::List(_)))
        .count();
    assert_eq!(p.items.len(), list_commands - 1, "all but the palette");
    let snooze = p
        .items
        .iter()
        .find(|i| i.command == crate::app::keys::Command::Snooze)
        .unwrap();
    assert_eq!(snooze.keys, "s");
    type_text(&mut s, "toggle read");
    assert_eq!(
        palette(&s).highlighted().map(|i| i.command),
        Some(crate::app::keys::Command::ToggleRead)
    );
    let cmds = press(&mut s, "Enter");
    assert!(s.overlay.is_none());
    assert_eq!(
        performed(&cmds)[0].1,
        Op::Unread,
        "p_0 was read: as u would"
    );
    // A command that opens an overlay keeps it open.
    assert!(
        cmds.contains(&Cmd::RememberRecent(vec!["toggle_read"])),
        "kept for the next start: {cmds:?}"
    );
    let cmds = run_command(&mut s, "tag picker");
    assert!(matches!(s.overlay, Some(Overlay::Picker(_))));
    assert!(cmds.contains(&Cmd::RememberRecent(vec!["tag_picker", "toggle_read"])));
    press(&mut s, "Esc");
    // Recent first, latest on top.
    press(&mut s, ":");
    let p = palette(&s);
    let top: Vec<_> = p
        .items
        .iter()
        .take(2)
        .map(|i| (i.command, i.recent))
        .collect();
    use crate::app::keys::Command::{TagPicker, ToggleRead};
    assert_eq!(top, [(TagPicker, true), (ToggleRead, true)]);
    assert!(!p.items[2].recent);
    press(&mut s, "Esc");
    assert!(s.overlay.is_none());
}

#[test]
fn the_palette_filters_fuzzily_and_says_when_nothing_matches() {
    let s = utc();
    let mut p = Palette::new(&s.settings.keymap, &[], s.settings.lang);
    p.query = "snz".into();
    p.refilter();
    assert_eq!(
        p.highlighted().map(|i| i.command),
        Some(crate::app::keys::Command::Snooze)
    );
    p.query = "zzzzqx".into();
    p.refilter();
    assert!(p.matches.is_empty());
    assert!(p.highlighted().is_none());
}

/// In Vietnamese: what snoozing says, the marked ones named, a typed
/// Vietnamese time read, the due time written as a Vietnamese agent does.
#[test]
fn snoozing_speaks_vietnamese() {
    let mut s = utc();
    s.settings.lang = crate::i18n::Lang::Vi;
    press(&mut s, "s");
    type_text(&mut s, "mai");
    press(&mut s, "Space");
    type_text(&mut s, "9h");
    let cmds = press(&mut s, "Enter");
    // Friday 15 Jan 2027 08:00 UTC: tomorrow is Saturday.
    assert_eq!(saved(&cmds), [("p_0".to_string(), NOW + 86_400 + 3600)]);
    assert_eq!(notice(&s), "đã hẹn lại Customer 0 đến T7 16/01 09:00");
    press_all(&mut s, "5 s Up Enter");
    assert_eq!(notice(&s), "đã hủy hẹn (1)");
    press_all(&mut s, "1 Space Space");
    assert_eq!(
        open_dialog(&mut s).target_name,
        "2 cuộc trò chuyện đã đánh dấu"
    );
    press(&mut s, "Enter");
    assert!(
        notice(&s).starts_with("đã hẹn lại 2 cuộc trò chuyện đến T6 15/01 09:00"),
        "{}",
        notice(&s)
    );
    tick(&mut s, NOW + 3600);
    assert!(
        notice(&s).starts_with("cần xử lý: Customer"),
        "{}",
        notice(&s)
    );
}
