//! Moving in the list, search, views and the filter panel.

use super::*;
use crate::api::quirks::Support;

#[test]
fn list_keys_move_and_scroll() {
    let mut s = loaded();
    assert_eq!(selected(&s), "p_0");
    press_all(&mut s, "j Down");
    assert_eq!(selected(&s), "p_2");
    press(&mut s, "k");
    assert_eq!(selected(&s), "p_1");
    press(&mut s, "G");
    assert_eq!(selected(&s), "p_4");
    assert_eq!(s.offset, 2, "3 rows: the last row is in view");
    press(&mut s, "g");
    assert_eq!((selected(&s), s.offset), ("p_0", 0));
    press(&mut s, "PgDn");
    assert_eq!(selected(&s), "p_3");
    press(&mut s, "PgUp");
    assert_eq!(selected(&s), "p_0");
    press(&mut s, "k");
    assert_eq!(selected(&s), "p_0", "clamped at the top");
}

#[test]
fn resize_updates_the_viewport_and_keeps_the_selection_visible() {
    let mut s = loaded();
    press(&mut s, "G");
    update(
        &mut s,
        Msg::Resize(Viewport {
            list_rows: 1,
            ..Viewport::default()
        }),
    );
    assert_eq!(s.offset, 4);
}

#[test]
fn search_filters_as_you_type_and_esc_clears() {
    let mut s = loaded();
    press(&mut s, "/");
    assert!(s.search.editing);
    press(&mut s, "3");
    assert_eq!(s.visible.len(), 1);
    assert_eq!(selected(&s), "p_3");
    press(&mut s, "Enter");
    assert!(!s.search.editing && s.search.is_active());
    press_all(&mut s, "j Esc");
    assert!(!s.search.is_active());
    assert_eq!(s.visible.len(), 5);
    assert_eq!(selected(&s), "p_3", "the selection survives clearing");
}

#[test]
fn n_and_shift_n_walk_the_matches() {
    let mut s = loaded();
    press_all(&mut s, "/ C Enter n");
    assert_eq!(selected(&s), "p_1");
    press(&mut s, "N");
    assert_eq!(selected(&s), "p_0");
}

#[test]
fn views_switch_with_digits_and_brackets_and_count() {
    let mut s = loaded();
    s.settings.me = Some(UserId::new("u1"));
    s.convs.get_mut("p_2").unwrap().assignee_ids = vec![UserId::new("u1")];
    press(&mut s, "u"); // re-filter happens on view switch; p_0 now unread
    let names: Vec<&str> = s.tabs.views.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["All", "Unread", "Mine", "Unassigned", "Snoozed"]);
    let cmds = press(&mut s, "2");
    assert!(cmds.is_empty(), "local-only filter: nothing to fetch");
    assert_eq!(s.tabs.active, 1);
    assert!(s.visible.iter().all(|&i| !s.convs.at(i).seen));
    assert_eq!(s.visible.len(), 3, "p_0 (just marked unread), p_1, p_3");
    press(&mut s, "]");
    assert_eq!(s.visible.len(), 1);
    assert_eq!(selected(&s), "p_2");
    press(&mut s, "]");
    assert_eq!(s.visible.len(), 4, "unassigned");
    assert_eq!(s.tabs.counts, vec![5, 3, 1, 4, 0]);
    press(&mut s, "[");
    assert_eq!(s.tabs.active, 2);
    press(&mut s, "F");
    assert_eq!((s.tabs.active, s.visible.len()), (0, 5));
}

#[test]
fn the_filter_panel_parses_live_sends_server_parts_and_clears() {
    let mut s = loaded();
    s.convs.get_mut("p_1").unwrap().tags = vec![TagId::new("0")];
    press(&mut s, "f");
    type_text(&mut s, "inbox tag:ord unread 24h");
    let Some(Overlay::Filter(edit)) = &s.overlay else {
        panic!()
    };
    let f = edit.parsed.as_ref().unwrap();
    assert_eq!(f.tags, vec!["Orders".to_string()]);
    let cmds = press(&mut s, "Enter");
    assert!(s.overlay.is_none());
    assert_eq!(s.visible.len(), 1);
    assert_eq!(selected(&s), "p_1");
    match &cmds[..] {
        [
            Cmd::LoadConversations {
                mode: LoadMode::Filter,
                query,
                cursor: None,
                ..
            },
        ] => {
            assert_eq!(query.tags, vec![TagId::new("0")]);
            assert_eq!(query.types, vec![ConversationType::Inbox]);
            assert_eq!(query.since, Some(UnixSeconds(NOW - 86_400)), "seconds");
            assert!(!query.unread_first);
        }
        other => panic!("{other:?}"),
    }
    // The filtered fetch pages until empty and brings in what was not loaded.
    let filter_gen = s.filter_generation;
    let mut extra = conv(7, NOW - 50, false);
    extra.tags = vec![TagId::new("0")];
    let cmds = net(update(
        &mut s,
        Msg::Conversations {
            page: PageId::new("p"),
            generation: filter_gen,
            mode: LoadMode::Filter,
            cursor: None,
            result: Ok(vec![extra]),
        },
    ));
    assert!(
        matches!(&cmds[..], [Cmd::LoadConversations { mode: LoadMode::Filter, cursor: Some(c), .. }] if c.as_str() == "p_7")
    );
    assert_eq!(s.visible.len(), 2);
    // A bad word keeps the panel open with the reason.
    press_all(&mut s, "f ! Enter");
    assert!(matches!(&s.overlay, Some(Overlay::Filter(e)) if e.parsed.is_err()));
    press_all(&mut s, "Esc F");
    assert!(s.custom_filter.is_none());
    assert_eq!(s.visible.len(), 6);
    // An answer of the old filter is ignored.
    let stale = update(
        &mut s,
        Msg::Conversations {
            page: PageId::new("p"),
            generation: filter_gen,
            mode: LoadMode::Filter,
            cursor: Some("p_7".into()),
            result: Ok(vec![conv(8, NOW, false)]),
        },
    );
    assert!(stale.is_empty() && s.convs.get("p_8").is_none());
}

#[test]
fn tab_counts_follow_actions_on_the_next_tick_and_the_row_stays() {
    let mut s = loaded();
    let unread_before = s.tabs.counts[1];
    assert_eq!(unread_before, s.convs.unread());
    press(&mut s, "u"); // p_0 was read
    assert_eq!(selected(&s), "p_0");
    tick(&mut s, NOW + 1);
    assert_eq!(
        s.tabs.counts[1],
        unread_before + 1,
        "the Unread tab counts it"
    );
    assert_eq!(s.tabs.counts[1], s.convs.unread(), "tab and title agree");
    // In the Unread view, reading the selected row keeps it under the cursor.
    press(&mut s, "2");
    let before = visible_ids(&s).len();
    let sel = selected(&s).to_owned();
    press(&mut s, "u");
    tick(&mut s, NOW + 2);
    assert_eq!(visible_ids(&s).len(), before);
    assert_eq!(selected(&s), sel);
    assert_eq!(s.tabs.counts[1], before - 1);
}

#[test]
fn configured_views_keep_a_way_back_to_all() {
    let mut s = loaded();
    s.tabs.configs = vec![crate::app::filter::ViewConfig {
        name: "Unread VIP".into(),
        filter: Some("unread tag:vip".into()),
        ..Default::default()
    }];
    // Views resolve when tags (and staff) are known.
    feed_tags(&mut s, "p", Ok(vec![tag("0", "Orders"), tag("1", "VIP")]));
    let names: Vec<&str> = s.tabs.views.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["All", "Unread VIP", "Snoozed"]);
    press(&mut s, "2");
    assert_eq!(s.tabs.active, 1);
    assert!(s.visible.len() < s.convs.len());
    press(&mut s, "F");
    assert_eq!(s.tabs.active, 0, "F goes back to All");
    assert_eq!(s.visible.len(), s.convs.len());
}

#[test]
fn search_puts_the_best_matches_first() {
    let mut s = loaded();
    s.convs.get_mut("p_1").unwrap().customer.name = "Phạm Lành".into();
    s.convs.get_mut("p_3").unwrap().customer.name = "Lan".into();
    s.convs.get_mut("p_2").unwrap().snippet = "chị lan ơi".into();
    press(&mut s, "/");
    type_text(&mut s, "lan");
    let order: Vec<&str> = s.visible.iter().map(|&i| s.convs.row(i).id()).collect();
    assert_eq!(order, ["p_3", "p_1", "p_2"], "name, word start, snippet");
}

/// Pancake answers the type filter with server errors (all the call's
/// retries): the same request goes again at once without its types; that
/// answers, so the types are refused: said once, remembered in the page's
/// cache, applied here (the next start never sends them).
#[test]
fn a_type_filter_pancake_refuses_is_applied_here_said_once_and_remembered() {
    let mut s = loaded();
    s.convs.get_mut("p_1").unwrap().tags = vec![TagId::new("0")];
    press(&mut s, "f");
    type_text(&mut s, "inbox tag:orders");
    let cmds = press(&mut s, "Enter");
    assert!(matches!(&cmds[..], [Cmd::LoadConversations { query, .. }]
        if query.types == vec![ConversationType::Inbox]));
    let refused = ApiError::Server {
        status: 500,
        attempts: 4,
    };
    let cmds = feed(&mut s, LoadMode::Filter, None, Err(refused.clone()));
    match &cmds[..] {
        [
            Cmd::LoadConversations {
                query,
                mode: LoadMode::Filter,
                ..
            },
        ] => {
            assert!(query.types.is_empty(), "asked again without the types");
            assert_eq!(query.tags, vec![TagId::new("0")], "the rest still asked");
        }
        other => panic!("nothing said or kept yet: {other:?}"),
    }
    assert!(s.notice.is_none(), "{:?}", s.notice);
    // It answers: a COMMENT conversation of the tag comes back too, and the
    // local filter keeps it out.
    let mut comment = conv(8, NOW - 20, false);
    comment.kind = ConversationType::Comment;
    comment.tags = vec![TagId::new("0")];
    let cmds = feed(&mut s, LoadMode::Filter, None, Ok(vec![comment]));
    let saved = cmds.iter().find_map(|c| match c {
        Cmd::SaveMeta(_, meta) => Some(meta.clone()),
        _ => None,
    });
    let saved = saved.expect("remembered in the cache");
    assert_eq!(saved.quirks.type_filter, Support::Refused);
    assert!(
        matches!(&s.notice, Some(Notice::Error(t)) if t.contains("type filter")),
        "{:?}",
        s.notice
    );
    assert!(s.convs.get("p_8").is_some(), "the answer is kept");
    assert_eq!(visible_ids(&s), ["p_1"], "INBOX only, filtered here");
    // Next start: the cache says so, and the types are never sent again.
    let mut s = loaded();
    s.pages[0].quirks = saved.quirks;
    press(&mut s, "f");
    type_text(&mut s, "inbox tag:orders");
    let cmds = press(&mut s, "Enter");
    assert!(matches!(&cmds[..], [Cmd::LoadConversations { query, .. }] if query.types.is_empty()));
    // A type alone is then the whole list: nothing to ask Pancake.
    press(&mut s, "f");
    for _ in 0.."inbox tag:orders".chars().count() {
        press(&mut s, "Backspace");
    }
    type_text(&mut s, "inbox");
    assert!(net(press(&mut s, "Enter")).is_empty());
}

/// The request fails without its types too: not the filter's fault.
/// Nothing is learned or kept, and the error shows as any would.
#[test]
fn a_type_filter_failing_without_its_types_too_is_not_taken_as_refused() {
    let mut s = loaded();
    press(&mut s, "f");
    type_text(&mut s, "inbox");
    press(&mut s, "Enter");
    let down = ApiError::Server {
        status: 503,
        attempts: 4,
    };
    let cmds = feed(&mut s, LoadMode::Filter, None, Err(down.clone()));
    assert!(
        matches!(&cmds[..], [Cmd::LoadConversations { query, .. }] if query.types.is_empty()),
        "the plain list asked: {cmds:?}"
    );
    let cmds = feed(&mut s, LoadMode::Filter, None, Err(down));
    assert!(cmds.is_empty(), "{cmds:?}");
    assert_eq!(s.pages[0].quirks.type_filter, Support::Unknown);
    assert!(matches!(&s.notice, Some(Notice::Error(t)) if t.contains("filter not fetched")));
    // Asked with its types again next time.
    press(&mut s, "f");
    let cmds = net(press(&mut s, "Enter"));
    assert!(
        matches!(&cmds[..], [Cmd::LoadConversations { query, .. }] if !query.types.is_empty()),
        "{cmds:?}"
    );
}

/// The view counts follow what changed (a poll, an action, a colleague's
/// change, a snooze, a newer copy, a scope switch) rather than being
/// recounted: after each step they equal a count over every conversation.
#[test]
fn view_counts_kept_from_changes_equal_a_full_count() {
    let mut s = loaded();
    s.settings.me = Some(UserId::new("u1"));
    let full = |s: &State| {
        let mut fresh = s.clone();
        fresh.tabs.counted = None;
        crate::app::update::list::recount_views(&mut fresh);
        fresh.tabs.counts
    };
    let check = |s: &mut State, what: &str| {
        tick(s, NOW);
        crate::app::update::list::recount_views(s);
        assert_eq!(s.tabs.counts, full(s), "after {what}");
    };
    check(&mut s, "loading");
    // A poll: one newer and unread, one new, one older copy ignored.
    let mut newer = conv(3, NOW + 50, false);
    newer.assignee_ids = vec![UserId::new("u1")];
    let older = conv(1, NOW - 10_000, true);
    feed(
        &mut s,
        LoadMode::Poll,
        None,
        Ok(vec![newer, conv(7, NOW + 60, false), older]),
    );
    check(&mut s, "a poll");
    // The agent reads, tags and assigns (pending, then confirmed).
    press_all(&mut s, "g Enter Esc");
    check(&mut s, "opening (read)");
    press_all(&mut s, "j u");
    check(&mut s, "marking unread");
    // Marked read twice over before a count: counted from what it was first.
    s.convs.get_mut("p_2").unwrap().seen = false;
    s.convs.get_mut("p_2").unwrap().seen = true;
    s.convs.get_mut("p_2").unwrap().assignee_ids = vec![UserId::new("u1")];
    check(&mut s, "two changes of one conversation");
    // A snooze takes one out of every view but Snoozed.
    press_all(&mut s, "g");
    press(&mut s, "s");
    press(&mut s, "Enter");
    check(&mut s, "a snooze");
    // Another page's conversations, then the list shows one page only.
    let mut q = conv(8, NOW + 70, false);
    q.page_id = PageId::new("q");
    q.id = ConversationId::new("q_8");
    feed(&mut s, LoadMode::Poll, None, Ok(vec![q]));
    check(&mut s, "a conversation of another page");
    assert!(s.tabs.counts.iter().any(|&n| n > 0));
}

/// A search over a list longer than one step shows the matches of the
/// first rows at once, says how far it went, goes on step by step when the
/// runtime answers, ignores a step of a search typed over, and ends with
/// every match ranked as a search in one go would.
#[test]
fn a_long_search_goes_in_steps_and_a_new_key_starts_over() {
    use crate::app::search::SCAN_STEP;
    let n = SCAN_STEP * 2 + 500;
    let mut convs = crate::app::fixtures::synthetic_conversations(n);
    // One name far down the list, and one at the top.
    convs[n - 3].customer.name = "Zed Quill".into();
    convs[1].customer.name = "Quinn".into();
    let mut s = crate::app::fixtures::state_of(convs);
    press(&mut s, "/");
    let cmds = update(&mut s, Msg::Key(key_event("q")));
    let steps: Vec<u64> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::SearchStep { generation } => Some(*generation),
            _ => None,
        })
        .collect();
    let first = s.search.scan.clone().expect("still going");
    assert_eq!(steps, [first.generation], "the next step is asked once");
    assert_eq!(first.percent(), 100 * SCAN_STEP / n);
    assert!(
        visible_ids(&s).contains(&"p_1"),
        "a match of the first rows shows at once"
    );
    // The agent types on: the old scan's step does nothing.
    update(&mut s, Msg::Key(key_event("u")));
    let scan = s.search.scan.clone().expect("a new scan");
    assert_ne!(scan.generation, first.generation);
    update(
        &mut s,
        Msg::SearchStep {
            generation: first.generation,
        },
    );
    assert_eq!(s.search.scan.as_ref().map(|x| x.next), Some(SCAN_STEP));
    // The runtime answers each step asked for.
    let mut rounds = 0;
    while let Some(g) = s.search.scan.as_ref().map(|x| x.generation) {
        let cmds = update(&mut s, Msg::SearchStep { generation: g });
        rounds += 1;
        assert!(
            s.search.scan.is_none() || cmds.contains(&Cmd::SearchStep { generation: g }),
            "each step asks for the next"
        );
    }
    assert_eq!(rounds, 2);
    assert_eq!(s.visible, ranked_at_once(&s));
    assert!(visible_ids(&s).contains(&format!("p_{}", n - 3).as_str()));
}

/// The rows the view and search on show when every row of the list is
/// filtered and ranked in one pass: the best rank first, each rank in
/// list order.
fn ranked_at_once(s: &State) -> Vec<usize> {
    use crate::app::search;
    let q = search::Query::new(s.search.folded());
    let me = s.me_per_page();
    let filter = s.filter().matcher(&s.pages, s.now, &me);
    let mut all: Vec<(search::Rank, usize)> = s
        .convs
        .order
        .iter()
        .filter(|&&i| filter.matches(&s.convs.row(i)))
        .filter_map(|&i| search::rank(&q, &s.convs.row(i)).map(|r| (r, i)))
        .collect();
    all.sort_by_key(|(r, _)| *r);
    all.into_iter().map(|(_, i)| i).collect()
}

/// A poll while a view or a search goes through a long list in steps
/// patches the part the scan went through, and the scan goes on from
/// where it was: the rows shown do not shrink back to a first step's, a
/// conversation that moves up from the part not yet scanned shows once,
/// and the end is what ranking every row at once gives. Once the search
/// went to the end, a poll puts what arrived in its rank (no new scan).
#[test]
fn a_poll_during_a_scan_patches_what_it_went_through() {
    use crate::app::search::SCAN_STEP;
    let n = SCAN_STEP * 2 + 500;
    for keys in ["2", "/ m i n h Enter"] {
        let mut s = crate::app::fixtures::synthetic_state(n);
        let deep = format!("p_{}", n - 3);
        s.convs.get_mut(deep.as_str()).unwrap().customer.name = "Minh Xa".into();
        press_all(&mut s, keys);
        let scan = s.search.scan.clone().expect("going in steps");
        assert_eq!(scan.next, SCAN_STEP, "{keys}");
        let before = s.visible.len();
        let now = s.now;
        // The deep one moves to the top; the first row shown no longer
        // belongs (read, renamed); a new one comes.
        let mut up = s.convs.get(deep.as_str()).unwrap();
        assert!(!up.seen, "{keys}: the deep one is unread");
        up.updated_at = Some(UnixSeconds(now.0 + 10));
        let first = s.convs.at(s.visible[0]);
        let mut gone = first.clone();
        gone.seen = true;
        gone.customer.name = "Zz".into();
        gone.snippet = "ok".into();
        gone.updated_at = first.updated_at.map(|t| UnixSeconds(t.0 + 1));
        let mut new = crate::app::fixtures::synthetic_range(now, n..n + 1).remove(0);
        new.seen = false;
        new.customer.name = "Minh Mới".into();
        new.updated_at = Some(UnixSeconds(now.0 + 7));
        let new_id = new.id.to_string();
        // One changes but stays far down: the scan reaches it, once.
        let stays = format!("p_{}", n - 9);
        let mut deeper = s.convs.get(stays.as_str()).unwrap();
        assert!(!deeper.seen, "{keys}: the deeper one is unread");
        deeper.customer.name = "Minh Sâu".into();
        deeper.updated_at = deeper.updated_at.map(|t| UnixSeconds(t.0 + 1));
        feed(
            &mut s,
            crate::app::LoadMode::Poll,
            None,
            Ok(vec![up, gone, new, deeper]),
        );
        assert!(!visible_ids(&s).contains(&stays.as_str()), "{keys}");
        let going = s.search.scan.clone().expect("still going");
        assert_eq!(
            going.generation, scan.generation,
            "{keys}: not started over"
        );
        assert_eq!(
            going.next,
            SCAN_STEP + 2,
            "{keys}: two came into the part scanned"
        );
        assert_eq!(
            &visible_ids(&s)[..2],
            [deep.as_str(), new_id.as_str()],
            "{keys}"
        );
        assert!(!visible_ids(&s).contains(&first.id.as_str()), "{keys}");
        assert_eq!(s.visible.len(), before + 1, "{keys}");
        finish_scan(&mut s);
        assert_eq!(s.visible, ranked_at_once(&s), "{keys}");
        assert!(visible_ids(&s).contains(&stays.as_str()), "{keys}");
        assert_eq!(s.search.scan, None);

        // After the end: a poll puts what arrived at its place.
        let far = format!("p_{}", n - 6);
        let mut c = s.convs.get(far.as_str()).unwrap();
        c.customer.name = "Minh Gần".into();
        c.seen = false;
        c.updated_at = Some(UnixSeconds(now.0 + 8));
        feed(&mut s, crate::app::LoadMode::Poll, None, Ok(vec![c]));
        assert_eq!(s.search.scan, None, "{keys}: no new scan");
        assert_eq!(s.visible, ranked_at_once(&s), "{keys}");
        assert_eq!(visible_ids(&s)[1], far, "{keys}");
    }
}

/// A view over a list longer than a step filters it in steps: the first
/// rows' matches at once, the rest after each frame, conversations that
/// arrive meanwhile reached by the same scan, and the end the same as
/// filtering every row in one pass.
#[test]
fn a_view_over_a_long_list_filters_in_steps_to_what_one_pass_gives() {
    use crate::app::search::SCAN_STEP;
    let n = SCAN_STEP * 2 + 500;
    let mut s = crate::app::fixtures::synthetic_state(n);
    let cmds = press(&mut s, "2");
    let scan = s.search.scan.clone().expect("going in steps");
    assert!(cmds.contains(&Cmd::SearchStep {
        generation: scan.generation
    }));
    assert_eq!(scan.next, SCAN_STEP);
    let first = s.visible.len();
    assert!(first > 0 && first <= SCAN_STEP, "{first}");
    assert!(s.visible.iter().all(|&i| !s.convs.row(i).seen()));
    // Older conversations arrive during the scan, unread and read.
    let now = s.now;
    let more = crate::app::fixtures::synthetic_range(now, n..n + 30);
    crate::app::fixtures::backfill(&mut s, "p", more);
    let mut rounds = 0;
    while let Some(g) = s.search.scan.as_ref().map(|x| x.generation) {
        update(&mut s, Msg::SearchStep { generation: g });
        rounds += 1;
    }
    assert_eq!(rounds, 2);
    assert_eq!(s.visible, ranked_at_once(&s));
    assert!(visible_ids(&s).contains(&format!("p_{n}").as_str()));
    // Back to All: every row, no scan.
    press(&mut s, "1");
    assert!(s.search.scan.is_none());
    assert_eq!(s.visible.len(), n + 30);
}

/// A poll with a view on moves the view's rows as a rebuild would (the
/// rows are patched, not filtered again): one read leaves, one unread
/// again comes back at its place, a new one comes in, one moves up; the
/// cursor stays on its conversation.
#[test]
fn a_poll_patches_a_views_rows_as_a_rebuild_would() {
    let mut s = crate::app::fixtures::synthetic_state(300);
    press(&mut s, "2");
    press_all(&mut s, "j j j");
    let cursor = selected(&s).to_owned();
    let now = s.now;
    let get = |s: &State, id: &str| s.convs.get(id).unwrap();
    let mut read = get(&s, "p_30");
    read.seen = true;
    read.updated_at = Some(UnixSeconds(now.0 + 5));
    let mut unread_again = get(&s, "p_31");
    unread_again.seen = false;
    unread_again.updated_at = unread_again.updated_at.map(|t| UnixSeconds(t.0 + 1));
    let mut up = get(&s, "p_99");
    up.updated_at = Some(UnixSeconds(now.0 + 10));
    // Read here, in place (an action): the poll takes it out as a rebuild
    // would.
    s.convs.get_mut("p_60").unwrap().seen = true;
    let mut new = crate::app::fixtures::synthetic_range(now, 300..301).remove(0);
    new.seen = false;
    new.updated_at = Some(UnixSeconds(now.0 + 7));
    feed(
        &mut s,
        crate::app::LoadMode::Poll,
        None,
        Ok(vec![read, unread_again, up, new]),
    );
    assert_eq!(s.visible, ranked_at_once(&s));
    assert_eq!(&visible_ids(&s)[..2], ["p_99", "p_300"]);
    assert!(visible_ids(&s).contains(&"p_31"));
    assert!(!visible_ids(&s).contains(&"p_30"));
    assert!(!visible_ids(&s).contains(&"p_60"));
    assert_eq!(selected(&s), cursor);
}

/// The cursor stays on its conversation when the rows of a view are built
/// again in steps (a scope switch, a poll during a search) and the first
/// step does not reach it; it is not pulled back once the agent moved.
#[test]
fn a_view_in_steps_keeps_the_cursor_on_its_conversation() {
    use crate::app::search::SCAN_STEP;
    use crate::app::update::list::rebuild_visible;
    let n = SCAN_STEP * 2 + 500;
    let mut s = crate::app::fixtures::synthetic_state(n);
    press(&mut s, "2");
    finish_scan(&mut s);
    let deep = format!("p_{}", n - 3);
    let at = |s: &State, id: &str| s.visible.iter().position(|&i| s.convs.row(i).id() == id);
    s.selected = at(&s, &deep).unwrap();
    rebuild_visible(&mut s);
    assert!(s.search.scan.is_some() && selected(&s) != deep);
    finish_scan(&mut s);
    assert_eq!(selected(&s), deep);
    // Moved during the scan: left where the agent put it.
    rebuild_visible(&mut s);
    press(&mut s, "k");
    let moved_to = selected(&s).to_owned();
    finish_scan(&mut s);
    assert_eq!(selected(&s), moved_to);
    assert_ne!(moved_to, deep);
}
