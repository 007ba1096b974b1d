//! Several pages at once: scopes, each page's own tags, staff and budget.

use super::*;

#[test]
fn p_shows_each_page_then_all_pages_merged_by_activity() {
    let mut s = two_pages();
    assert_eq!(s.pages[0].short, "Tiệm Bánh");
    assert_eq!(s.pages[1].short, "Café");
    assert_eq!(visible_ids(&s), ["a_0", "a_1"]);
    press(&mut s, "P");
    assert_eq!(s.scope, Scope::Page(1));
    assert_eq!(visible_ids(&s), ["b_0", "b_1"]);
    press(&mut s, "P");
    assert_eq!(s.scope, Scope::All);
    assert_eq!(visible_ids(&s), ["a_0", "b_0", "a_1", "b_1"]);
    assert_eq!(s.tabs.counts[0], 4, "tab counts cover the pages shown");
    press(&mut s, "P");
    assert_eq!(s.scope, Scope::Page(0));

    let mut one = loaded();
    press(&mut one, "P");
    assert_eq!(one.scope, Scope::Page(0), "nothing to switch to");
}

#[test]
fn a_tag_filter_means_each_pages_own_tag_ids() {
    let mut s = two_pages();
    press_all(&mut s, "P P f");
    type_text(&mut s, "tag:orders");
    let cmds = press(&mut s, "Enter");
    // "Orders" is id 1 on page a and id 7 on page b; id 1 on b is "Ship COD".
    assert_eq!(visible_ids(&s), ["a_0", "b_0"]);
    let asked: Vec<(&str, Vec<&str>)> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::LoadConversations {
                page,
                query,
                mode: LoadMode::Filter,
                ..
            } => Some((
                page.as_str(),
                query.tags.iter().map(|t| t.as_str()).collect(),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(asked, [("a", vec!["1"]), ("b", vec!["7"])]);

    // A page without the tag is not asked at all.
    press_all(&mut s, "f C-u");
    type_text(&mut s, "tag:vip");
    let cmds = press(&mut s, "Enter");
    assert_eq!(visible_ids(&s), ["a_1"]);
    assert_eq!(pages_asked(&cmds), ["a"]);
}

#[test]
fn actions_go_to_the_page_of_their_conversation() {
    let mut s = two_pages();
    press_all(&mut s, "P P");
    assert_eq!(
        selected(&s),
        "b_0",
        "the selection stays on its conversation"
    );
    let cmds = press(&mut s, "u");
    assert!(
        matches!(&cmds[..], [Cmd::Perform { page, conv, op: Op::Unread, .. }]
            if page.as_str() == "b" && conv.as_str() == "b_0"),
        "{cmds:?}"
    );
    // The tag picker offers the tags of that page.
    press(&mut s, "t");
    let p = picker(&s);
    let labels: Vec<&str> = p.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["Ship COD", "orders"]);
}

#[test]
fn a_bulk_tag_stays_on_one_page_but_read_crosses_pages() {
    let mut s = two_pages();
    press_all(&mut s, "P P * t");
    assert!(s.overlay.is_none(), "no picker for marks on two pages");
    assert!(
        matches!(&s.notice, Some(Notice::Error(e)) if e.contains("2 pages")),
        "{:?}",
        s.notice
    );
    press(&mut s, "u");
    let Some(Overlay::Confirm(plan)) = &s.overlay else {
        panic!("no preview: {:?}", s.notice)
    };
    assert_eq!(plan.requests(), 4);
    assert_eq!(plan.busiest, 2, "two requests on each page's own budget");
    let cmds = press(&mut s, "Enter");
    let mut pages: Vec<&str> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::Perform { page, .. } => Some(page.as_str()),
            _ => None,
        })
        .collect();
    pages.sort();
    assert_eq!(pages, ["a", "a", "b", "b"]);
}

#[test]
fn one_page_failing_does_not_take_the_others_offline() {
    let mut s = two_pages();
    s.pages[1].sync.loading = true;
    feed_page(
        &mut s,
        "b",
        LoadMode::Poll,
        None,
        Err(ApiError::Unauthorized {
            status: 401,
            credential: crate::api::error::Credential::PageToken,
        }),
    );
    assert!(s.pages[1].sync.error.is_some());
    assert!(s.pages[0].sync.error.is_none());
    assert!(s.sync_summary().error.is_none(), "page a alone is shown");
    press_all(&mut s, "P P");
    let all = s.sync_summary();
    assert!(
        all.error
            .as_deref()
            .is_some_and(|e| e.starts_with("Pancake Café: ")),
        "{:?}",
        all.error
    );
    assert!(!all.offline);
}

#[test]
fn short_page_names_drop_the_words_all_share() {
    use crate::app::state::short_names;
    let names = [
        "Tiệm Bánh Pancake",
        "Pancake Café Đà Lạt",
        "Bếp pancake Sài Gòn",
    ];
    assert_eq!(
        short_names(names.iter().copied()),
        ["Tiệm Bánh", "Café Đà Lạt", "Bếp Sài Gòn"]
    );
    assert_eq!(short_names(["Pancake"].iter().copied()), ["Pancake"]);
    assert_eq!(
        short_names(["Pancake", "Pancake Huế"].iter().copied()),
        ["Pancake", "Huế"]
    );
}

#[test]
fn me_is_found_on_each_page_by_name() {
    let mut s = two_pages();
    // The same person has another id on page b.
    feed_staff(
        &mut s,
        "b",
        Ok(staff(vec![user("b8", "Bình"), user("b9", "Anh")])),
    );
    s.settings.me = Some(UserId::new("u1"));
    press(&mut s, "P"); // page b
    let ops = performed(&press(&mut s, "A"));
    assert_eq!(
        ops[0].1,
        Op::Assign(vec![UserId::new("b9")]),
        "b's id for me"
    );
    // The Mine filter, over all pages, means each page's own id.
    s.convs.get_mut("a_1").unwrap().assignee_ids = vec![UserId::new("u1")];
    s.convs.get_mut("b_1").unwrap().assignee_ids = vec![UserId::new("b9")];
    s.convs.get_mut("b_0").unwrap().assignee_ids = vec![];
    press(&mut s, "P"); // all pages
    press(&mut s, "f");
    type_text(&mut s, "mine");
    press(&mut s, "Enter");
    assert_eq!(visible_ids(&s), ["a_1", "b_1"]);
    // Not staff on a page at all: asked there, with the page named.
    feed_staff(&mut s, "b", Ok(staff(vec![user("b8", "Bình")])));
    press_all(&mut s, "F P");
    press(&mut s, "P"); // page b again
    assert!(performed(&press(&mut s, "A")).is_empty());
    let p = picker(&s);
    assert_eq!(p.kind, crate::app::picker::PickerKind::Me);
    assert_eq!(p.items.len(), 1, "only this page's staff");
    assert!(
        matches!(&s.notice, Some(Notice::Info(t)) if t.contains("not among the staff of Pancake Café")),
        "{:?}",
        s.notice
    );
    // Space chooses, as Enter does.
    let cmds = press(&mut s, "Space");
    assert!(cmds.contains(&Cmd::RememberMe(UserId::new("b8"))));
}
