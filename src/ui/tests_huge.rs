//! Huge inputs rendered into TestBackend: a 100 KB name and snippet (and a
//! 100 KB word with no break), 10,000 emoji, an open thread of 5,000
//! messages. At 80x24 and 120x40 every row stays within the width, the pane
//! borders are intact and no cell holds a control character; the thread
//! scrolls to the top and back through the update function. The fixtures are
//! `bench::huge`'s, so `bench ui` times exactly what is checked here.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use crate::app::fixtures::{feed_messages, press};
use crate::app::{self, Cmd, Focus, Msg, State};
use crate::bench::huge;
use crate::text::display_width;

use super::test_screen::{shows, shows_none};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn draw(state: &State, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| super::render(state, f)).unwrap();
    t
}

/// The screen as lines of text (wide characters' filler cells skipped).
fn lines(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < buf.area.width {
                let sym = buf[(x, y)].symbol();
                line.push_str(sym);
                x += display_width(sym).max(1) as u16;
            }
            line
        })
        .collect()
}

/// Every row fits its width exactly, no cell holds a control character, and
/// each pane's box is whole: four corners, both sides on every inner row.
fn assert_sound(t: &Terminal<TestBackend>, state: &State) {
    let buf = t.backend().buffer();
    let (w, h) = (buf.area.width, buf.area.height);
    let screen = lines(t).join("\n");
    for y in 0..h {
        let mut x = 0u16;
        while x < w {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars().any(char::is_control),
                "control character at ({x}, {y}): {sym:?}"
            );
            assert!(
                crate::text::is_settled(sym),
                "a grapheme terminals measure differently at ({x}, {y}): {sym:?}\n{screen}"
            );
            let sw = display_width(sym).max(1) as u16;
            assert!(
                x + sw <= w,
                "row {y} overflows {w} columns: {sym:?} at {x}\n{screen}"
            );
            x += sw;
        }
    }
    let a = super::layout::areas(Rect::new(0, 0, w, h), state);
    for (name, r) in [
        ("list", a.list),
        ("thread", a.thread),
        ("composer", a.composer),
    ] {
        let Some(r) = r else { continue };
        let (l, rt, top, bottom) = (r.x, r.x + r.width - 1, r.y, r.y + r.height - 1);
        let at = |x: u16, y: u16| buf[(x, y)].symbol().to_owned();
        assert_eq!(at(l, top), "┌", "{name} top left\n{screen}");
        assert_eq!(at(rt, top), "┐", "{name} top right\n{screen}");
        assert_eq!(at(l, bottom), "└", "{name} bottom left\n{screen}");
        assert_eq!(at(rt, bottom), "┘", "{name} bottom right\n{screen}");
        for y in top + 1..bottom {
            assert_eq!(at(l, y), "│", "{name} left side, row {y}\n{screen}");
            assert_eq!(at(rt, y), "│", "{name} right side, row {y}\n{screen}");
        }
        // The composer's bottom edge carries its key hints.
        for x in (l + 1..rt).filter(|_| name != "composer") {
            assert_eq!(at(x, bottom), "─", "{name} bottom, column {x}\n{screen}");
        }
    }
}

/// `state` drawn at `w`x`h`, checked sound (`assert_sound`): its rows.
fn sound_rows(state: &State, w: u16, h: u16) -> Vec<String> {
    let t = draw(state, w, h);
    assert_sound(&t, state);
    lines(&t)
}

#[test]
fn a_100_kb_name_and_snippet_stay_inside_their_cells() {
    for (w, h) in SIZES {
        let mut s = huge::big_text_state(w, h);
        let rows = sound_rows(&s, w, h);
        let first = rows
            .iter()
            .find(|r| r.contains("Shop ơi còn"))
            .unwrap_or_else(|| panic!("the huge row is shown\n{}", rows.join("\n")));
        assert!(first.contains('…'), "cut with an ellipsis: {first}");
        assert!(
            rows.iter().any(|r| r.contains("xxxxxxxx…")),
            "the unbroken word is cut too\n{}",
            rows.join("\n")
        );
        // Its thread: the title carries the name, cut to the pane.
        press(&mut s, "Enter");
        let top = &sound_rows(&s, w, h)[0];
        assert!(top.matches("Shop ơi còn").count() >= 1, "{top}");
        // The composer under it, with a 100 KB draft pasted in.
        press(&mut s, "r");
        app::update(&mut s, Msg::Paste(huge::big_text(huge::BIG_TEXT_BYTES)));
        assert!(sound_rows(&s, w, h).iter().any(|r| r.contains("Reply ·")));
    }
}

#[test]
fn ten_thousand_emoji_stay_inside_their_cells() {
    for (w, h) in SIZES {
        let mut s = huge::emoji_state(w, h);
        let rows = sound_rows(&s, w, h);
        assert!(
            rows.iter().any(|r| r.contains("👩👍VN")),
            "the emoji are drawn\n{}",
            rows.join("\n")
        );
        // A thread message of 10,000 emoji wraps inside the pane.
        press(&mut s, "Enter");
        let mut m = huge::messages(1).remove(0);
        m.text = huge::emoji(huge::EMOJI);
        huge::thread_arrives(&mut s, vec![m]);
        sound_rows(&s, w, h);
        let th = s.thread.as_ref().unwrap();
        assert!(th.lines.len() > huge::EMOJI * 2 / w as usize, "wrapped");
        for l in &th.lines {
            assert!(display_width(&l.text) <= th.width, "{:?}", l.text);
        }
    }
}

#[test]
fn a_5000_message_thread_scrolls_to_the_top_and_back() {
    for (w, h) in SIZES {
        let mut s = huge::opened_state(w, h);
        // Pancake says there are more than the 5,000 loaded.
        s.convs.get_mut("p_0").unwrap().message_count = Some(6_000);
        huge::thread_arrives(&mut s, huge::messages(huge::THREAD_MESSAGES));
        assert_eq!(s.focus, Focus::Thread);
        let rows = sound_rows(&s, w, h);
        let newest = format!("message {}", huge::THREAD_MESSAGES - 1);
        assert!(
            rows.iter().any(|r| r.contains(&newest)),
            "opens at the newest\n{}",
            rows.join("\n")
        );

        // g: to the top, which asks Pancake for older ones.
        let cmds = press(&mut s, "g");
        assert!(
            matches!(&cmds[..], [Cmd::LoadMessages { current_count: Some(n), .. }] if *n == huge::THREAD_MESSAGES),
            "{cmds:?}"
        );
        let out = sound_rows(&s, w, h).join("\n");
        shows(
            &out,
            &[
                "message 0:", // the oldest at the top
                "loading older messages",
                "more lines (G)",
            ],
        );
        // None older after all.
        feed_messages(&mut s, "p_0", true, Ok(vec![]));
        let out = lines(&draw(&s, w, h)).join("\n");
        shows(&out, &["beginning of the conversation"]);
        assert!(press(&mut s, "g").is_empty(), "not asked again");

        // Down a page, then G: back at the newest.
        press(&mut s, "PgDn");
        let out = sound_rows(&s, w, h).join("\n");
        shows_none(&out, &["beginning of the conversation"]);
        press(&mut s, "G");
        let out = sound_rows(&s, w, h).join("\n");
        shows(&out, &[&newest]);
        shows_none(&out, &["more lines (G)"]);

        // The other size: laid out again, still sound at the top.
        let (w2, h2) = if w == 80 { (120, 40) } else { (80, 24) };
        app::update(&mut s, Msg::Resize(super::layout::viewport(w2, h2)));
        press(&mut s, "g");
        shows(&sound_rows(&s, w2, h2).join("\n"), &["message 0:"]);
    }
}

/// A search going through a long list says how far it went on the search
/// line, and the matches so far are listed; the line is plain again once
/// every row was ranked.
#[test]
fn a_search_in_steps_shows_its_progress() {
    use crate::app::search::SCAN_STEP;
    let mut s = crate::app::fixtures::synthetic_state(SCAN_STEP * 4);
    s.viewport = crate::ui::layout::viewport(80, 24);
    press(&mut s, "/");
    press(&mut s, "n");
    let screen = super::test_screen::frame(&s, 80, 24);
    shows(&screen, &["/n▏  searching… 25%", "Nguyễn"]);
    crate::app::fixtures::finish_scan(&mut s);
    let screen = super::test_screen::frame(&s, 80, 24);
    shows_none(&screen, &["searching"]);
    shows(&screen, &["/n▏"]);
}

/// A view going through a long list in steps says how far it went on the
/// filter line; the line is plain again when it is done.
#[test]
fn a_view_in_steps_shows_its_progress() {
    use crate::app::search::SCAN_STEP;
    let mut s = crate::app::fixtures::synthetic_state(SCAN_STEP * 4);
    s.viewport = crate::ui::layout::viewport(100, 24);
    press(&mut s, "2");
    let screen = super::test_screen::frame(&s, 100, 24);
    shows(&screen, &["filter: unread", "filtering… 25%"]);
    crate::app::fixtures::finish_scan(&mut s);
    let screen = super::test_screen::frame(&s, 100, 24);
    shows_none(&screen, &["filtering"]);
    shows(&screen, &["filter: unread"]);
}
