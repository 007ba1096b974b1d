//! The help overlay and rebound keys.

use super::*;

#[test]
fn help_opens_and_closes_and_swallows_keys() {
    let mut s = loaded();
    update(&mut s, key('?'));
    assert_eq!(s.overlay, Some(Overlay::Help { scroll: 0 }));
    update(&mut s, key('j'));
    assert_eq!(selected(&s), "p_0");
    update(&mut s, key('?'));
    assert!(s.overlay.is_none());
}

#[test]
fn help_scrolls_within_its_rows_on_a_short_terminal() {
    let mut s = loaded();
    s.viewport.height = 24;
    let rows = crate::app::keys::help_rows(&s.settings.keymap).len();
    let max = rows - 22;
    let scroll = |s: &State| match s.overlay {
        Some(Overlay::Help { scroll }) => scroll,
        ref o => panic!("help closed: {o:?}"),
    };
    update(&mut s, key('?'));
    update(&mut s, key('j'));
    update(&mut s, code(KeyCode::Down));
    assert_eq!(scroll(&s), 2);
    update(&mut s, key('k'));
    assert_eq!(scroll(&s), 1);
    update(&mut s, key('G'));
    assert_eq!(scroll(&s), max);
    update(&mut s, key('j'));
    assert_eq!(scroll(&s), max, "not past the last row");
    update(&mut s, code(KeyCode::PageUp));
    assert_eq!(scroll(&s), max.saturating_sub(21));
    update(&mut s, key('g'));
    assert_eq!(scroll(&s), 0);
    assert_eq!(selected(&s), "p_0", "the list did not move");
    update(&mut s, code(KeyCode::Esc));
    assert!(s.overlay.is_none());
    // Tall enough for every row: nothing to scroll.
    s.viewport.height = 60;
    update(&mut s, key('?'));
    update(&mut s, key('G'));
    assert_eq!(scroll(&s), 0);
}

#[test]
fn rebound_keys_drive_the_same_commands() {
    let mut s = loaded();
    let table: std::collections::BTreeMap<String, crate::app::keys::KeySpec> =
        toml::from_str("help = \"H\"\ntoggle_read = \"m\"\ndown = \"C-n\"").unwrap();
    s.settings.keymap = crate::app::keys::Keymap::new(&table).unwrap();
    update(&mut s, key('?'));
    assert!(s.overlay.is_none(), "? is no longer help");
    update(&mut s, key('H'));
    assert!(matches!(s.overlay, Some(Overlay::Help { .. })));
    update(&mut s, key('H'));
    assert!(s.overlay.is_none(), "the help key closes it");
    assert!(performed(&update(&mut s, key('u'))).is_empty(), "u is free");
    assert_eq!(
        performed(&update(&mut s, key('m'))).len(),
        1,
        "m toggles read"
    );
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL)),
    );
    assert_eq!(selected(&s), "p_1");
}
