//! The team on Redis: who polls for news (the reader, for one agent; the
//! others only reconcile), the team's news and a colleague's changes
//! applied, and the polls that follow the team's status.

use super::*;
use crate::team::{News, Role, Status, TeamEvent};

fn status(role: Role, relay: bool) -> Msg {
    Msg::Team(PageId::new("p"), News::Status(Status { role, relay }))
}

fn event(e: TeamEvent) -> Msg {
    Msg::Team(PageId::new("p"), News::Event(e))
}

/// `loaded()` with its backfill over: the next poll is scheduled.
fn synced(agents: usize) -> State {
    let mut s = loaded();
    s.pages[0].agents = agents;
    feed(&mut s, LoadMode::Backfill, Some("p_4"), Ok(vec![]));
    s
}

fn next_poll(s: &State) -> i64 {
    s.pages[0].sync.next_poll.expect("a poll scheduled").0 - NOW
}

#[test]
fn the_reader_polls_for_one_agent_and_the_others_only_reconcile() {
    // Alone, thirty agents on a 5/s page poll every 24 s each.
    assert_eq!(next_poll(&synced(30)), 24);
    // The team's reader polls as one agent alone would: every 2 s.
    let mut s = synced(30);
    update(&mut s, status(Role::Reader, false));
    let cmds = tick(&mut s, NOW + 2);
    assert!(matches!(
        &cmds[..],
        [Cmd::LoadConversations {
            mode: LoadMode::Poll,
            ..
        }]
    ));
    feed(&mut s, LoadMode::Poll, None, Ok(vec![]));
    assert_eq!(next_poll(&s), 2 + 2, "2 s after this poll");
    // A follower reconciles every two minutes, whatever the team.
    let mut s = synced(30);
    update(&mut s, status(Role::Follower, false));
    assert_eq!(next_poll(&s), 120);
    assert!(tick(&mut s, NOW + 60).is_empty(), "no poll for news");
    // With a webhook relay, the reader too only reconciles.
    let mut s = synced(30);
    update(&mut s, status(Role::Reader, true));
    assert_eq!(next_poll(&s), 120);
}

#[test]
fn a_follower_polls_at_once_when_it_becomes_the_reader_or_redis_goes() {
    for then in [Role::Reader, Role::Down, Role::Unfed] {
        let mut s = synced(30);
        update(&mut s, status(Role::Follower, false));
        update(&mut s, status(then, false));
        let cmds = tick(&mut s, NOW + 1);
        assert!(
            matches!(
                &cmds[..],
                [Cmd::LoadConversations {
                    mode: LoadMode::Poll,
                    ..
                }]
            ),
            "{then:?}: {cmds:?}"
        );
        assert!(s.dirty, "the status bar says it");
    }
    // Back from a Redis that was away: a reconcile at once brings what the
    // stream carried meanwhile.
    let mut s = synced(30);
    update(&mut s, status(Role::Down, false));
    feed(&mut s, LoadMode::Poll, None, Ok(vec![]));
    update(&mut s, status(Role::Follower, false));
    assert_eq!(next_poll(&s), 0);
}

#[test]
fn the_teams_news_fill_the_list_ring_and_refresh_the_open_thread() {
    let mut s = synced(30);
    s.settings.notify = true;
    update(&mut s, status(Role::Follower, false));
    press(&mut s, "Enter"); // p_0 open
    feed_messages(&mut s, "p_0", false, Ok(vec![]));
    let mut news = conv(9, NOW + 5, false);
    news.snippet = "tin mới".into();
    let mut moved = conv(0, NOW + 6, true);
    moved.snippet = "p_0 moved".into();
    let cmds = update(
        &mut s,
        event(TeamEvent::Conversations {
            conversations: vec![news, moved],
            partial: false,
        }),
    );
    assert_eq!(
        s.convs.get(&ConversationId::new("p_9")).unwrap().snippet,
        "tin mới"
    );
    assert_eq!(rings(&cmds), 1, "a new unread conversation rings");
    assert!(cmds.iter().any(|c| matches!(c, Cmd::SaveConversations(..))));
    assert!(
        cmds.iter().any(|c| matches!(c,
            Cmd::LoadMessages { conv, current_count: None, as_of: Some(at), .. }
                if conv.as_str() == "p_0" && at.0 == NOW + 6)),
        "the open thread moved: read at that change (once for the team) {cmds:?}"
    );
    // Older news than what the list holds change nothing.
    let stale = conv(9, NOW, true);
    update(
        &mut s,
        event(TeamEvent::Conversations {
            conversations: vec![stale],
            partial: false,
        }),
    );
    assert!(!s.convs.get(&ConversationId::new("p_9")).unwrap().seen);
}

#[test]
fn a_colleagues_tag_assignment_and_read_show_at_once() {
    let mut s = synced(3);
    let p1 = ConversationId::new("p_1");
    update(
        &mut s,
        event(TeamEvent::Tagged {
            conversation: p1.clone(),
            tags: vec![TagId::new("1")],
        }),
    );
    update(
        &mut s,
        event(TeamEvent::Assigned {
            conversation: p1.clone(),
            assignees: vec![UserId::new("u2")],
        }),
    );
    let cmds = update(
        &mut s,
        event(TeamEvent::Seen {
            conversation: p1.clone(),
            seen: true,
        }),
    );
    assert!(cmds.iter().any(|c| matches!(c, Cmd::SaveConversations(..))));
    let c = s.convs.get(&p1).unwrap();
    assert_eq!(c.tags, vec![TagId::new("1")]);
    assert_eq!(c.assignee_ids, vec![UserId::new("u2")]);
    assert!(c.seen);
    // A conversation this inbox does not know waits for the news.
    let cmds = update(
        &mut s,
        event(TeamEvent::Seen {
            conversation: ConversationId::new("p_77"),
            seen: true,
        }),
    );
    assert!(cmds.is_empty());
}

#[test]
fn the_status_bar_says_where_the_news_come_from() {
    let mut s = synced(3);
    for (role, relay, words) in [
        (Role::Reader, false, "team: reading the page for the team"),
        (Role::Follower, false, "team: news from the team"),
        (Role::Follower, true, "team: news from the webhook relay"),
        (Role::Down, false, "team: Redis unreachable, polling alone"),
    ] {
        update(&mut s, status(role, relay));
        assert_eq!(s.pages[0].team.words(), Some(words));
    }
}

#[test]
fn a_webhooks_news_moves_the_row_and_keeps_its_tags_and_assignees() {
    let mut s = synced(3);
    let p1 = ConversationId::new("p_1");
    update(
        &mut s,
        event(TeamEvent::Tagged {
            conversation: p1.clone(),
            tags: vec![TagId::new("1")],
        }),
    );
    // A webhook knows the last message, not the tags.
    let mut hooked = conv(1, NOW + 30, false);
    hooked.snippet = "Cho mình đặt 3 hộp".into();
    hooked.tags.clear();
    hooked.message_count = None;
    update(
        &mut s,
        event(TeamEvent::Conversations {
            conversations: vec![hooked],
            partial: true,
        }),
    );
    let c = s.convs.get(&p1).unwrap();
    assert_eq!(c.snippet, "Cho mình đặt 3 hộp");
    assert_eq!(c.updated_at, Some(UnixSeconds(NOW + 30)));
    assert_eq!(c.tags, vec![TagId::new("1")], "tags kept");
    assert_eq!(c.message_count, Some(3));
    assert_eq!(visible_ids(&s).first(), Some(&"p_1"), "moved to the top");
}
