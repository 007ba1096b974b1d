//! `v`: the thread's attachments and links; Enter asks the runtime for the
//! clipboard, `o` for the opener (only with a local display).

use super::*;
use crate::api::models::Attachment;

fn with_links() -> State {
    let mut s = loaded();
    press(&mut s, "Enter");
    let mut photo = msg("m1", NOW - 50, false);
    photo.attachments = vec![Attachment {
        kind: "photo".into(),
        name: Some("ao.jpg".into()),
        url: Some("https://cdn.vn/ao.jpg".into()),
        mime_type: None,
    }];
    let mut text = msg("m2", NOW - 40, true);
    text.text = "đơn đây: https://shop.vn/o/7.".into();
    feed_messages(&mut s, "p_0", false, Ok(vec![photo, text]));
    s
}

fn links_overlay(s: &State) -> (usize, Vec<String>) {
    match &s.overlay {
        Some(Overlay::Links { cursor, items }) => {
            (*cursor, items.iter().map(|l| l.url.clone()).collect())
        }
        other => panic!("not the links: {other:?}"),
    }
}

#[test]
fn v_lists_the_links_newest_first_and_enter_asks_for_the_clipboard() {
    let mut s = with_links();
    assert!(press(&mut s, "v").is_empty());
    let (cursor, urls) = links_overlay(&s);
    assert_eq!(cursor, 0);
    assert_eq!(urls, ["https://shop.vn/o/7", "https://cdn.vn/ao.jpg"]);
    press(&mut s, "j");
    assert_eq!(links_overlay(&s).0, 1);
    press(&mut s, "j");
    assert_eq!(links_overlay(&s).0, 1, "stays on the last");
    press(&mut s, "1");
    assert_eq!(links_overlay(&s).0, 0);
    press(&mut s, "9");
    assert_eq!(links_overlay(&s).0, 0, "no ninth link");
    press(&mut s, "2");
    let cmds = press(&mut s, "Enter");
    assert_eq!(cmds, [Cmd::Copy("https://cdn.vn/ao.jpg".into())]);
    assert!(
        cmds.iter().all(Cmd::on_terminal),
        "the clipboard is the terminal's, not a task"
    );
    assert!(s.overlay.is_none());
    assert!(matches!(&s.notice,
        Some(Notice::Info(n)) if n.starts_with("copied https://cdn.vn/ao.jpg to the clipboard")));
}

#[test]
fn o_opens_only_with_a_local_display_and_only_web_links() {
    let mut s = with_links();
    press(&mut s, "v");
    assert!(press(&mut s, "o").is_empty());
    assert!(matches!(&s.notice, Some(Notice::Error(n)) if n.contains("no local display")));
    assert!(s.overlay.is_some(), "still open to copy instead");
    s.settings.local_display = true;
    let cmds = press(&mut s, "o");
    assert_eq!(cmds, [Cmd::OpenUrl("https://shop.vn/o/7".into())]);
    assert!(s.overlay.is_none());
    let cmds = update(
        &mut s,
        Msg::Opened {
            url: "https://shop.vn/o/7".into(),
            result: Err("xdg-open: not found".into()),
        },
    );
    assert!(cmds.is_empty());
    assert!(matches!(&s.notice, Some(Notice::Error(n)) if n.contains("could not open")));
}

#[test]
fn v_without_a_thread_or_links_says_so_and_esc_closes() {
    let mut s = loaded();
    press(&mut s, "v");
    assert!(s.overlay.is_none());
    assert!(matches!(&s.notice, Some(Notice::Info(n)) if n.contains("open a conversation")));
    press(&mut s, "Enter");
    feed_messages(&mut s, "p_0", false, Ok(vec![msg("m1", NOW - 5, false)]));
    press(&mut s, "v");
    assert!(s.overlay.is_none());
    assert!(matches!(&s.notice, Some(Notice::Info(n)) if n.contains("no attachments")));
    let mut s = with_links();
    press(&mut s, "v");
    assert!(press(&mut s, "Esc").is_empty(), "nothing copied");
    assert!(s.overlay.is_none());
}
