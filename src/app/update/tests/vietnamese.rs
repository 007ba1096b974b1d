//! With `language = "vi"`, each input mode answers the agent in
//! Vietnamese: a key of the mode that leaves a word in the status bar (or
//! in the mode's own line), checked against the Vietnamese catalog.

use super::*;
use crate::i18n::{Lang, Said};

/// `loaded()` as a Vietnamese agent's window builds it.
fn vi() -> State {
    let mut s = loaded();
    s.settings.lang = Lang::Vi;
    s.tabs.views = crate::app::filter::default_views(Lang::Vi);
    s
}

fn said(s: &State) -> String {
    match &s.notice {
        Some(Notice::Info(t) | Notice::Error(t)) => t.clone(),
        None => String::new(),
    }
}

/// What the status bar says for `id`, in Vietnamese.
fn vi_words(id: &str) -> String {
    Said::new(id).words(Lang::Vi)
}

#[test]
fn the_list_and_the_thread() {
    let mut s = vi();
    press(&mut s, "P");
    assert_eq!(said(&s), vi_words("notice-one-page"));
    press(&mut s, "z");
    assert_eq!(said(&s), "không còn gì để hoàn tác");
    press(&mut s, "Enter");
    press(&mut s, "u");
    let label = s.actions.items[0].label.words(Lang::Vi);
    assert!(
        label.starts_with("đánh dấu ") && label.ends_with(" chưa đọc"),
        "{label}"
    );
}

#[test]
fn the_composer_and_the_canned_replies() {
    let mut s = vi();
    press(&mut s, "r");
    press(&mut s, "Enter");
    assert_eq!(said(&s), vi_words("notice-nothing-to-send"));
    press(&mut s, "C-t");
    assert_eq!(said(&s), vi_words("notice-no-canned"));
    type_text(&mut s, "Dạ");
    press(&mut s, "Esc");
    assert_eq!(said(&s), "đã giữ bản nháp");
}

#[test]
fn the_attach_prompt() {
    let mut s = vi();
    press_all(&mut s, "r C-o");
    press(&mut s, "Enter");
    let Some(Overlay::Attach(p)) = &s.overlay else {
        panic!("the attach prompt: {:?}", s.overlay)
    };
    assert_eq!(
        p.status,
        crate::app::attach::PromptStatus::Failed("gõ đường dẫn của tệp (Tab để gợi ý)".into())
    );
}

#[test]
fn the_tag_picker_and_the_staff_picker() {
    let mut s = vi();
    press_all(&mut s, "t Space");
    let label = s.actions.items[0].label.words(Lang::Vi);
    assert!(label.starts_with("gắn nhãn \"Orders\" cho "), "{label}");
    press_all(&mut s, "Esc a");
    type_text(&mut s, "zzzz");
    press(&mut s, "Enter");
    assert_eq!(said(&s), "không ai khớp: không đổi gì");
}

#[test]
fn who_am_i() {
    let mut s = vi();
    s.settings.me = None;
    press(&mut s, "A");
    assert_eq!(said(&s), vi_words("notice-who-are-you"));
    press(&mut s, "Enter");
    assert!(said(&s).starts_with("bạn là "), "{}", said(&s));
}

#[test]
fn the_palette_finds_vietnamese_names_without_accents() {
    let mut s = vi();
    press(&mut s, ":");
    type_text(&mut s, "gan nhan");
    press(&mut s, "Enter");
    assert!(
        matches!(&s.overlay, Some(Overlay::Picker(p)) if p.kind == crate::app::picker::PickerKind::Tags),
        "{:?}",
        s.overlay
    );
}

#[test]
fn the_outbox_and_the_links() {
    let mut s = vi();
    press(&mut s, "o");
    assert_eq!(said(&s), vi_words("notice-outbox-empty"));
    press(&mut s, "v");
    assert_eq!(said(&s), vi_words("notice-open-first-links"));
}

#[test]
fn the_customer_editor() {
    let mut s = vi();
    press(&mut s, "C");
    assert_eq!(said(&s), vi_words("notice-open-first-notes"));
    press(&mut s, "c");
    assert_eq!(said(&s), vi_words("notice-open-first-customer"));
}

/// The filter panel: why a line means nothing, in Vietnamese, the word at
/// fault as typed; Enter keeps the panel open.
#[test]
fn the_filter_panel() {
    let mut s = vi();
    press(&mut s, "f");
    type_text(&mut s, "unread tag:khong-co");
    press(&mut s, "Enter");
    let Some(Overlay::Filter(edit)) = &s.overlay else {
        panic!("the panel stays open: {:?}", s.overlay)
    };
    let why = edit.parsed.as_ref().unwrap_err();
    assert_eq!(why.said().words(Lang::Vi), "không có nhãn \"khong-co\"");
    assert_eq!(why.to_string(), "no tag \"khong-co\"", "a log's words");
}

#[test]
fn a_bulk_action_s_preview() {
    let mut s = vi();
    press_all(&mut s, "Space j Space");
    assert_eq!(said(&s), "");
    press(&mut s, "u");
    assert!(
        matches!(s.overlay, Some(Overlay::Confirm(_))),
        "{:?}",
        s.overlay
    );
    press(&mut s, "Esc");
    assert_eq!(said(&s), "đã hủy");
}

#[test]
fn the_stats_screen() {
    let mut s = vi();
    press(&mut s, "S");
    press(&mut s, "r");
    assert_eq!(said(&s), "đang hỏi Pancake số liệu này rồi");
}

/// A saved view that names no tag of the pages: the whole notice on the
/// status bar is Vietnamese, the filter's reason included (it comes from
/// the typed error's message, not its English).
#[test]
fn a_saved_view_that_does_not_resolve_is_said_whole_in_vietnamese() {
    let mut s = vi();
    s.tabs.configs = vec![
        crate::app::filter::ViewConfig {
            name: "Khách VIP".into(),
            filter: Some("unread tag:nope".into()),
            ..Default::default()
        },
        crate::app::filter::ViewConfig {
            name: "Đơn".into(),
            tags: vec!["khong-co".into()],
            ..Default::default()
        },
    ];
    feed_tags(&mut s, "p", Ok(vec![tag("0", "Orders"), tag("1", "VIP")]));
    // The last view's error is the one left on the status bar.
    assert_eq!(
        said(&s),
        "cấu hình: chế độ xem \"Đơn\": không có nhãn \"khong-co\""
    );
    assert!(matches!(s.notice, Some(Notice::Error(_))));
    // The filter line's error of the first view, alone: Vietnamese too.
    s.tabs.configs.truncate(1);
    feed_tags(&mut s, "p", Ok(vec![tag("0", "Orders"), tag("1", "VIP")]));
    let words = said(&s);
    assert!(
        words.starts_with("cấu hình: chế độ xem \"Khách VIP\": "),
        "{words}"
    );
    assert!(
        words.contains(
            &Said::new("filter-error-no-tag")
                .arg("name", "nope")
                .words(Lang::Vi)
        ),
        "{words}"
    );
    assert!(!words.contains("no tag"), "{words}");
}
