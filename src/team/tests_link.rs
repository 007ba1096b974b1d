//! The team's link on a real `redis-server`: one reader, news to the
//! others, entries read as untrusted, a read shared, Redis gone and back.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

use crate::api::PageId;
use crate::api::budget::test_server::RedisServer;
use crate::app::fixtures::conv;

use super::event::TeamEvent;
use super::link::TeamLink;
use super::shared_read::Source;
use super::status::{News, Role};

/// Long enough for anything here on a loaded machine; the tests wait for
/// events, never for time.
const WITHIN: Duration = Duration::from_secs(20);

fn page() -> PageId {
    PageId::new("p")
}

fn link(server: &RedisServer) -> (Arc<TeamLink>, UnboundedReceiver<News>) {
    let client = crate::api::budget::tls::client(&server.url(), None).unwrap();
    let (tx, rx) = unbounded_channel();
    (TeamLink::start(client, page(), tx), rx)
}

/// The next news that `want` accepts (others are passed over).
async fn next(rx: &mut UnboundedReceiver<News>, want: impl Fn(&News) -> bool) -> News {
    tokio::time::timeout(WITHIN, async {
        loop {
            let n = rx.recv().await.expect("the link is alive");
            if want(&n) {
                return n;
            }
        }
    })
    .await
    .expect("the news came in time")
}

fn role_is(role: Role) -> impl Fn(&News) -> bool {
    move |n| matches!(n, News::Status(s) if s.role == role)
}

fn is_event(n: &News) -> bool {
    matches!(n, News::Event(_))
}

fn news_of(i: usize) -> TeamEvent {
    TeamEvent::Conversations {
        conversations: vec![conv(i, 1_800_000_000 + i as i64, false)],
        partial: false,
    }
}

async fn raw(server: &RedisServer, args: &[&str]) -> redis::Value {
    let client = redis::Client::open(server.url()).unwrap();
    let mut c = client.get_multiplexed_async_connection().await.unwrap();
    let mut cmd = redis::cmd(args[0]);
    for a in &args[1..] {
        cmd.arg(*a);
    }
    cmd.query_async(&mut c).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_reader_for_the_team_its_news_reach_the_others_and_a_follower_takes_over() {
    let Some(server) = RedisServer::start("one_reader_for_the_team") else {
        return;
    };
    let (a, mut a_rx) = link(&server);
    next(&mut a_rx, role_is(Role::Reader)).await;
    let (b, mut b_rx) = link(&server);
    next(&mut b_rx, role_is(Role::Follower)).await;
    assert_eq!(a.status().role, Role::Reader, "one reader: the first");

    // The reader's news reach the follower; each skips its own.
    a.publish(news_of(1));
    let got = next(&mut b_rx, is_event).await;
    assert_eq!(got, News::Event(news_of(1)));
    b.publish(news_of(2));
    let got = next(&mut a_rx, is_event).await;
    assert_eq!(got, News::Event(news_of(2)), "A never hears its own news");

    // Entries written by anyone: another page's, malformed, too big, of
    // another version: skipped and counted; the good one after them comes.
    let s = super::stream_key(super::link::PREFIX, &page());
    let big = "x".repeat(super::event::MAX_ENTRY_BYTES + 1);
    let good = serde_json::to_string(&news_of(3)).unwrap();
    for body in ["{not json", &big] {
        raw(
            &server,
            &[
                "XADD", &s, "*", "v", "1", "page", "p", "origin", "x", "body", body,
            ],
        )
        .await;
    }
    raw(
        &server,
        &[
            "XADD", &s, "*", "v", "1", "page", "q", "origin", "x", "body", &good,
        ],
    )
    .await;
    raw(
        &server,
        &[
            "XADD", &s, "*", "v", "9", "page", "p", "origin", "x", "body", &good,
        ],
    )
    .await;
    raw(
        &server,
        &[
            "XADD", &s, "*", "v", "1", "page", "p", "origin", "relay:x", "body", &good,
        ],
    )
    .await;
    let got = next(&mut b_rx, is_event).await;
    assert_eq!(got, News::Event(news_of(3)));
    assert_eq!(b.skipped.load(Ordering::Relaxed), 4);

    // The reader goes (its inbox quits): the follower reads from now on.
    drop(a);
    next(&mut b_rx, role_is(Role::Reader)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_is_asked_of_pancake_once_for_the_team() {
    let Some(server) = RedisServer::start("a_read_is_asked_of_pancake_once") else {
        return;
    };
    let (a, _a_rx) = link(&server);
    let (b, _b_rx) = link(&server);
    let asked = Arc::new(AtomicUsize::new(0));
    let gate = Arc::new(tokio::sync::Notify::new());
    // A asks first, and Pancake is slow to answer it.
    let first = tokio::spawn({
        let (a, asked, gate) = (a.clone(), asked.clone(), gate.clone());
        async move {
            a.read_once("list:top", Duration::from_secs(60), async {
                asked.fetch_add(1, Ordering::SeqCst);
                gate.notified().await;
                Ok(news_of(7))
            })
            .await
        }
    });
    // B asks while A's read is claimed: it waits for A's answer.
    let claim = "pancake-tui:claim:p:list:top";
    tokio::time::timeout(WITHIN, async {
        while raw(&server, &["EXISTS", claim]).await != redis::Value::Int(1) {
            tokio::task::yield_now().await;
        }
    })
    .await
    .expect("A claimed the read");
    let second = tokio::spawn({
        let (b, asked) = (b.clone(), asked.clone());
        async move {
            b.read_once("list:top", Duration::from_secs(60), async {
                asked.fetch_add(1, Ordering::SeqCst);
                Ok(news_of(8))
            })
            .await
        }
    });
    gate.notify_one();
    let (a_got, a_src) = first.await.unwrap().unwrap();
    let (b_got, b_src) = second.await.unwrap().unwrap();
    assert_eq!((a_got.clone(), a_src), (news_of(7), Source::Pancake));
    assert_eq!((b_got, b_src), (news_of(7), Source::Team));
    assert_eq!(asked.load(Ordering::SeqCst), 1, "Pancake was asked once");

    // What is left in Redis is read as untrusted: planted junk is a miss.
    raw(
        &server,
        &[
            "SET",
            "pancake-tui:read:p:tags",
            "{\"kind\":\"tags\",\"tags\":[{\"id\":\"\"}]}",
        ],
    )
    .await;
    let (got, src) = b
        .read_once("tags", Duration::from_secs(60), async {
            Ok(TeamEvent::Tags { tags: vec![] })
        })
        .await
        .unwrap();
    assert_eq!(
        (got, src),
        (TeamEvent::Tags { tags: vec![] }, Source::Pancake)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_gone_the_inbox_polls_alone_and_rejoins_when_it_is_back() {
    let Some(mut server) = RedisServer::start("redis_gone_the_inbox_polls_alone") else {
        return;
    };
    let (a, mut a_rx) = link(&server);
    next(&mut a_rx, role_is(Role::Reader)).await;
    server.stop();
    next(&mut a_rx, role_is(Role::Down)).await;
    assert!(a.status().polls_news());
    // Nothing waits on a Redis that is gone: a read goes to Pancake.
    let (_, src) = a
        .read_once("staff", Duration::from_secs(60), async {
            Ok(TeamEvent::Tags { tags: vec![] })
        })
        .await
        .unwrap();
    assert_eq!(src, Source::Pancake);
    server.restart();
    next(&mut a_rx, role_is(Role::Reader)).await;
    // And its news flow again (on a new connection of the stream's own).
    let (_b, mut b_rx) = link(&server);
    next(&mut b_rx, role_is(Role::Follower)).await;
    a.publish(news_of(4));
    assert_eq!(next(&mut b_rx, is_event).await, News::Event(news_of(4)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_webhook_relay_on_the_page_stops_polling_for_news_even_for_the_reader() {
    let Some(server) = RedisServer::start("a_webhook_relay_on_the_page_stops_polling") else {
        return;
    };
    let (a, mut a_rx) = link(&server);
    next(&mut a_rx, role_is(Role::Reader)).await;
    assert!(a.status().polls_news());
    let presence = crate::team::relay::presence_key(&page());
    raw(&server, &["SET", &presence, "relay-1", "PX", "15000"]).await;
    next(&mut a_rx, |n| matches!(n, News::Status(s) if s.relay)).await;
    assert!(!a.status().polls_news(), "the relay brings the news");
    // The relay stopped (its key expired or removed): polling again.
    raw(&server, &["DEL", &presence]).await;
    next(&mut a_rx, |n| matches!(n, News::Status(s) if !s.relay)).await;
    assert!(a.status().polls_news());
}
