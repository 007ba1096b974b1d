//! The help overlay and rebound keys.

use super::*;

#[test]
fn help_opens_and_closes_and_swallows_keys() {
    let mut s = loaded();
    press(&mut s, "?");
    assert_eq!(s.overlay, Some(Overlay::Help { scroll: 0 }));
    press(&mut s, "j");
    assert_eq!(selected(&s), "p_0");
    press(&mut s, "?");
    assert!(s.overlay.is_none());
}

#[test]
fn help_scrolls_within_its_rows_on_a_short_terminal() {
    let mut s = loaded();
    s.viewport.height = 24;
    let rows = crate::app::keys::help_rows(&s.settings.keymap, s.settings.lang).len();
    let max = rows - 21;
    let scroll = |s: &State| match s.overlay {
        Some(Overlay::Help { scroll }) => scroll,
        ref o => panic!("help closed: {o:?}"),
    };
    press_all(&mut s, "? j Down");
    assert_eq!(scroll(&s), 2);
    press(&mut s, "k");
    assert_eq!(scroll(&s), 1);
    press(&mut s, "G");
    assert_eq!(scroll(&s), max);
    press(&mut s, "j");
    assert_eq!(scroll(&s), max, "not past the last row");
    press(&mut s, "PgUp");
    assert_eq!(scroll(&s), max.saturating_sub(21));
    press(&mut s, "g");
    assert_eq!(scroll(&s), 0);
    assert_eq!(selected(&s), "p_0", "the list did not move");
    press(&mut s, "Esc");
    assert!(s.overlay.is_none());
    // Tall enough for every row: nothing to scroll.
    s.viewport.height = 200;
    press_all(&mut s, "? G");
    assert_eq!(scroll(&s), 0);
}

#[test]
fn rebound_keys_drive_the_same_commands() {
    let mut s = loaded();
    let table: std::collections::BTreeMap<String, crate::app::keys::KeySpec> =
        toml::from_str("help = \"H\"\ntoggle_read = \"m\"\ndown = \"C-n\"").unwrap();
    s.settings.keymap = crate::app::keys::Keymap::new(&table).unwrap();
    press(&mut s, "?");
    assert!(s.overlay.is_none(), "? is no longer help");
    press(&mut s, "H");
    assert!(matches!(s.overlay, Some(Overlay::Help { .. })));
    press(&mut s, "H");
    assert!(s.overlay.is_none(), "the help key closes it");
    assert!(performed(&press(&mut s, "u")).is_empty(), "u is free");
    assert_eq!(performed(&press(&mut s, "m")).len(), 1, "m toggles read");
    press(&mut s, "C-n");
    assert_eq!(selected(&s), "p_1");
}
