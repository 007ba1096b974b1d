//! The customer panel with the page customer's record, the tag history and
//! the notes (with a change refused), and a COMMENT thread's post above
//! its comments, rendered into ratatui's TestBackend.

use crate::api::customers::{CustomerNote, PageCustomer, RecentOrder, TagChange};
use crate::api::models::Customer;
use crate::api::posts::Post;
use crate::api::{ConversationType, PageId, UnixSeconds};
use crate::app::State;
use crate::app::fixtures::{self, NOW, answer, press, press_all, server_error, type_text};
use crate::app::{Msg, update};

use super::test_screen::{frame, line_with, shows, shows_none};

fn state(w: u16, h: u16) -> State {
    let mut s = fixtures::loaded();
    s.viewport = super::layout::viewport(w, h);
    s.settings.tz = jiff::tz::TimeZone::UTC;
    s
}

fn record() -> PageCustomer {
    let note = |id: &str, text: &str, at: i64, removed: bool| CustomerNote {
        id: Some(id.into()),
        message: text.into(),
        order_id: None,
        created_at: Some(UnixSeconds(at)),
        removed,
    };
    PageCustomer {
        customer: Customer {
            page_customer_id: Some("c0".into()),
            legacy_id: None,
            global_id: Some("g0".into()),
            psid: Some("7000000000000001".into()),
            name: "Trịnh Mai Anh".into(),
        },
        phones: vec!["0912000111".into()],
        first_contact: Some(UnixSeconds(NOW - 86_400 * 40)),
        notes: vec![
            note("n1", "Khách quen, giao buổi sáng", NOW - 86_400 * 3, false),
            note("n0", "số cũ sai", NOW - 86_400 * 4, true),
        ],
        gender: Some("female".into()),
        birthday: Some("1994-07-21".into()),
        recent_orders: vec![RecentOrder {
            id: Some("55012".into()),
            summary: "Đã giao · 320000".into(),
            at: Some(UnixSeconds(NOW - 86_400 * 2)),
        }],
    }
}

/// The thread and its customer panel open, a note "Hẹn giao thứ bảy"
/// added in the editor and refused by Pancake, the editor closed.
fn a_note_refused(s: &mut State) {
    press_all(s, "Enter c C a");
    type_text(s, "Hẹn giao thứ bảy");
    let cmds = press(s, "Enter");
    let id = fixtures::performed(&cmds)[0].0;
    answer(s, id, Err(server_error()));
    press(s, "Esc");
}

#[test]
fn the_panel_shows_the_record_the_tag_history_and_the_notes_with_a_refused_one() {
    let mut s = state(200, 50);
    {
        let mut c = s.convs.get_mut("p_0").unwrap();
        c.page_customer = Some(Box::new(record()));
        c.tag_history = vec![TagChange {
            tag_id: Some("999".into()),
            tag_name: Some("Đặt hàng".into()),
            added: true,
            editor: Some("Lê Thu Hà".into()),
            at: Some(UnixSeconds(NOW - 7200)),
        }];
    }
    a_note_refused(&mut s);
    let out = frame(&s, 200, 50);
    shows(
        &out,
        &[
            " Customer ",
            "Trịnh Mai Anh",
            "0912000111",
            "female",
            "1994-07-21",
            "recent orders",
            "#55012 2027-01-13 Đã giao · 320000",
            "first      2026-12-06",
            "tag history",
            "01-15 06:00 +Đặt hàng Lê Thu Hà",
            "notes: 2",
            "· 2027-01-12 Khách quen, giao",
            "! 2027-01-15 Hẹn giao thứ bảy",
            "not saved:",
        ],
    );
    shows_none(&out, &["số cũ sai"]); // removed
    // A fix refused: said in the panel, with why.
    press_all(&mut s, "C f Tab Tab Tab C-u");
    type_text(&mut s, "1994-07-22");
    let cmds = press(&mut s, "Enter");
    let id = fixtures::performed(&cmds)[0].0;
    shows(&frame(&s, 200, 50), &["… fix birthday of Customer 0"]);
    answer(&mut s, id, Err(server_error()));
    press(&mut s, "Esc");
    shows(&frame(&s, 200, 50), &["! fix birthday of Customer 0 not"]);
    // The editor lists the same notes with its keys.
    press(&mut s, "C");
    let out = frame(&s, 200, 50);
    shows(&out, &["notes and record", "a add", "d delete", "f fix"]);
    shows(line_with(&out, "Hẹn giao"), &["!"]);
    // In Vietnamese the dates are day first.
    press(&mut s, "Esc");
    s.settings.lang = crate::i18n::Lang::Vi;
    let out = frame(&s, 200, 50);
    shows(
        &out,
        &[
            "#55012 13/01/2027 Đã giao",
            "06/12/2026",
            "15/01 06:00 +Đặt hàng Lê Thu Hà",
            "· 12/01/2027 Khách quen, giao",
        ],
    );
    shows_none(&out, &["2027-01-13", "01-15 06:00"]);
}

/// The panel and the notes editor in Vietnamese at 80x24, beside the
/// English of the test above: the words from the Vietnamese catalog, a
/// refused note said in it, every bordered line whole.
#[test]
fn the_panel_and_the_notes_editor_in_vietnamese_at_80x24() {
    let mut s = state(80, 24);
    s.settings.lang = crate::i18n::Lang::Vi;
    s.tabs.views = crate::app::filter::default_views(s.settings.lang);
    {
        let mut c = s.convs.get_mut("p_0").unwrap();
        c.page_customer = Some(Box::new(record()));
    }
    a_note_refused(&mut s);
    let panel = frame(&s, 80, 24);
    insta::assert_snapshot!("customer_panel_vi", panel);
    shows(
        &panel,
        &["Khách hàng", "giới tính", "ngày sinh", "đơn gần đây"],
    );
    press(&mut s, "C");
    let editor = frame(&s, 80, 24);
    insta::assert_snapshot!("notes_editor_vi", editor);
    shows(&editor, &["ghi chú và thông tin", "a thêm", "d xóa"]);
    // Every bordered line whole (the frame's text drops trailing blanks).
    for screen in [&panel, &editor] {
        for line in screen.lines().filter(|l| l.starts_with(['┌', '│', '└'])) {
            assert_eq!(crate::text::display_width(line), 80, "{line}\n{screen}");
            assert!(line.ends_with(['┐', '│', '┘']), "{line}\n{screen}");
        }
    }
}

/// The record's form in Vietnamese at 80x24: the gender in Vietnamese
/// (Pancake's `female`), the accepted words in the help, a bad date said
/// in Vietnamese under the fields.
#[test]
fn the_record_form_in_vietnamese_says_why_a_date_is_refused() {
    let mut s = state(80, 24);
    s.settings.lang = crate::i18n::Lang::Vi;
    s.tabs.views = crate::app::filter::default_views(s.settings.lang);
    {
        let mut c = s.convs.get_mut("p_0").unwrap();
        c.page_customer = Some(Box::new(record()));
    }
    press_all(&mut s, "Enter c C f Tab Tab Tab C-u");
    type_text(&mut s, "21/07/1994");
    assert!(fixtures::performed(&press(&mut s, "Enter")).is_empty());
    let form = frame(&s, 80, 24);
    insta::assert_snapshot!("record_form_vi", form);
    shows(
        &form,
        &[
            "giới tính  nữ",
            "giới tính: nam, nữ, không rõ",
            "! ngày sinh: \"21/07/1994\" không phải ngày hợp lệ",
        ],
    );
    shows_none(&form, &["female", "is not a date"]);
}

#[test]
fn a_comment_thread_shows_its_post_above_the_comments() {
    let mut s = state(120, 30);
    {
        let mut c = s.convs.get_mut("p_0").unwrap();
        c.kind = ConversationType::Comment;
        c.post_id = Some("p_900".into());
    }
    let cmds = press(&mut s, "Enter");
    assert!(
        cmds.iter()
            .any(|c| matches!(c, crate::app::Cmd::LoadPost { post_id, .. } if post_id == "p_900")),
        "{cmds:?}"
    );
    shows(&frame(&s, 120, 30), &["post: loading…"]);
    update(
        &mut s,
        Msg::Post {
            page: PageId::new("p"),
            post_id: "p_900".into(),
            result: Ok(Some(Post {
                id: "p_900".into(),
                text: "Sale cuối tuần: giảm 30%\nInbox để được tư vấn".into(),
                at: Some(UnixSeconds(NOW - 86_400)),
            })),
        },
    );
    let out = frame(&s, 120, 30);
    shows(
        &out,
        &[
            "post 2027-01-14 08:00",
            "│ Sale cuối tuần: giảm 30%",
            "│ Inbox để được tư vấn",
        ],
    );
    let post = out.find("Sale cuối tuần").unwrap();
    let comment = out.find("hello 0").unwrap_or(usize::MAX);
    assert!(post < comment, "the post above the comments\n{out}");
    update(
        &mut s,
        Msg::Post {
            page: PageId::new("p"),
            post_id: "p_900".into(),
            result: Ok(None),
        },
    );
    shows(&frame(&s, 120, 30), &["post not found"]);
}

/// The panel lists the customer's other loaded conversations as found when
/// the thread opened, and follows what arrives after: one of theirs that
/// is new joins, one that turns out to be someone else's leaves.
#[test]
fn the_customers_other_conversations_follow_what_arrives() {
    let mut s = state(200, 50);
    {
        let mut c = s.convs.get_mut("p_3").unwrap();
        c.customer.page_customer_id = Some("c0".into());
        c.snippet = "đơn cũ của chị".into();
    }
    press_all(&mut s, "Enter c");
    let out = frame(&s, 200, 50);
    shows(&out, &["other conversations: 1", "inbox đơn cũ của chị"]);
    // A new conversation of theirs comes with a poll.
    let mut new = fixtures::conv(40, NOW + 50, false);
    new.customer.page_customer_id = Some("c0".into());
    new.snippet = "chị hỏi thêm size L".into();
    fixtures::feed(&mut s, crate::app::LoadMode::Poll, None, Ok(vec![new]));
    let out = frame(&s, 200, 50);
    shows(&out, &["other conversations: 2", "inbox chị hỏi thêm"]);
    // p_3 was another customer's after all.
    let mut moved = s.convs.get("p_3").unwrap();
    moved.customer.page_customer_id = Some("c3".into());
    moved.updated_at = Some(UnixSeconds(NOW + 60));
    fixtures::feed(&mut s, crate::app::LoadMode::Poll, None, Ok(vec![moved]));
    let out = frame(&s, 200, 50);
    shows(&out, &["other conversations: 1", "inbox chị hỏi thêm"]);
    shows_none(&out, &["inbox đơn cũ của chị"]);
    // The open conversation's customer id changes with news: its others
    // are found again (p_3 is theirs now, the new one is not).
    let mut open = s.convs.get("p_0").unwrap();
    open.customer.page_customer_id = Some("c3".into());
    open.updated_at = Some(UnixSeconds(NOW + 70));
    fixtures::feed(&mut s, crate::app::LoadMode::Poll, None, Ok(vec![open]));
    let out = frame(&s, 200, 50);
    shows(&out, &["other conversations: 1", "inbox đơn cũ của chị"]);
    shows_none(&out, &["inbox chị hỏi thêm"]);
}
