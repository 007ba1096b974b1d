//! What the render tests read off a screen: the frame as text, and checks
//! that name the text they miss and print the screen they looked at.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::State;

/// `state` drawn at `w`x`h`, as a terminal shows it (`frame_text`).
pub fn frame(state: &State, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| super::render(state, f)).unwrap();
    super::frame_text(t.backend().buffer())
}

/// The first line of `screen` that holds `needle`; else panics, printing it.
#[track_caller]
pub fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}\n{screen}"))
}

/// Every one of `needles` is on `screen` (a frame, or one line of it).
#[track_caller]
pub fn shows(screen: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            screen.contains(needle),
            "{needle:?} is not on the screen:\n{screen}"
        );
    }
}

/// None of `needles` is on `screen` (a frame, or one line of it).
#[track_caller]
pub fn shows_none(screen: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            !screen.contains(needle),
            "{needle:?} is on the screen:\n{screen}"
        );
    }
}
