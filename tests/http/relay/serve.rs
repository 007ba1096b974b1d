//! The relay started in process (`team::relay::serve`), its answers and
//! what reaches the stream.

use std::time::Duration;

use secrecy::SecretString;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use pancake_tui::api::PageId;
use pancake_tui::team::TeamEvent;
use pancake_tui::team::relay::{self, AllowedNet, RedisState, RelayConfig, RelayHandle};

use super::{PAGE, Redis, SECRET, entries, event, free_port, get, post, wait_until};

async fn start(url: &str, id: &str, tweak: impl FnOnce(&mut RelayConfig)) -> RelayHandle {
    let mut cfg = RelayConfig::new(url, vec![PageId::new(PAGE)]);
    cfg.id = id.to_owned();
    cfg.secret = Some(SecretString::from(SECRET));
    cfg.max_body = 4096;
    tweak(&mut cfg);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    relay::serve(listener, cfg).await.expect("the relay starts")
}

fn hook_url(r: &RelayHandle) -> String {
    format!("http://{}/hook/{SECRET}", r.addr())
}

/// Until the relay has written (or found written) `n` events.
async fn settled(r: &RelayHandle, n: u64) {
    wait_until("the relay to write its events", || async {
        let h = r.health();
        h.published + h.duplicates >= n
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_reach_the_stream_once_whichever_relay_gets_them() {
    let Some(redis) = Redis::start("events_reach_the_stream_once_whichever_relay_gets_them") else {
        return;
    };
    let url = redis.url();
    let one = start(&url, "one", |_| {}).await;
    let two = start(&url, "two", |_| {}).await;
    let body = event("m_2001", "Cho mình đặt 3 hộp bánh").to_string();
    let (status, text) = post(&hook_url(&one), body.as_bytes()).await;
    assert_eq!((status, text.as_str()), (200, "ok\n"));
    wait_until("two entries in the stream", || async {
        entries(&url, PAGE).await.len() == 2
    })
    .await;
    let got = entries(&url, PAGE).await;
    assert!(got.iter().all(|e| e.origin == "relay:one"));
    match &got[0].event {
        TeamEvent::Conversations { conversations, .. } => {
            assert_eq!(conversations[0].snippet, "Cho mình đặt 3 hộp bánh");
            assert!(conversations[0].updated_at.is_some());
        }
        e => panic!("{e:?}"),
    }
    match &got[1].event {
        TeamEvent::Messages { messages, .. } => assert_eq!(messages[0].id, "m_2001"),
        e => panic!("{e:?}"),
    }
    // The same event again, to the same relay and to another one: written
    // by nobody.
    assert_eq!(post(&hook_url(&one), body.as_bytes()).await.0, 200);
    assert_eq!(post(&hook_url(&two), body.as_bytes()).await.0, 200);
    settled(&one, 2).await;
    settled(&two, 1).await;
    assert_eq!(one.health().published, 1);
    assert_eq!(one.health().duplicates, 1);
    assert_eq!(two.health().published, 0);
    assert_eq!(two.health().duplicates, 1);
    assert_eq!(entries(&url, PAGE).await.len(), 2);
    // The message edited is news again.
    let edited = event("m_2001", "Cho mình đặt 4 hộp bánh").to_string();
    assert_eq!(post(&hook_url(&two), edited.as_bytes()).await.0, 200);
    settled(&two, 2).await;
    assert_eq!(two.health().published, 1);
    assert_eq!(entries(&url, PAGE).await.len(), 4);
    // Each relay says it relays the page.
    let presence = get(&url, &relay::presence_key(&PageId::new(PAGE))).await;
    assert!(
        matches!(presence.as_deref(), Some("one" | "two")),
        "{presence:?}"
    );
    one.shutdown(Duration::from_secs(2)).await;
    two.shutdown(Duration::from_secs(2)).await;
    assert_eq!(
        get(&url, &relay::presence_key(&PageId::new(PAGE))).await,
        None,
        "the presence key is removed on stop"
    );
}

/// One raw request; the status and the answer (the connection closed by
/// the relay or after 10 s).
async fn raw(r: &RelayHandle, request: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(r.addr()).await.unwrap();
    s.write_all(request).await.unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(Duration::from_secs(10), s.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => {
                got.extend_from_slice(&buf[..n]);
                if got.windows(4).any(|w| w == b"\r\n\r\n") && got.ends_with(b"\n") {
                    let text = String::from_utf8_lossy(&got);
                    if text.contains("too large\n") {
                        break;
                    }
                }
            }
            _ => break,
        }
    }
    let text = String::from_utf8_lossy(&got).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_answer_in_few_words_and_never_echo_the_body() {
    let Some(redis) = Redis::start("refusals_answer_in_few_words_and_never_echo_the_body") else {
        return;
    };
    let url = redis.url();
    let r = start(&url, "guard", |_| {}).await;
    let marker = "ECHO-MARKER-7731";
    let body = event("m_3001", marker).to_string();
    let addr = r.addr();
    let mut answers = Vec::new();
    for (path, want) in [
        (format!("/hook/{SECRET}x"), 404),
        ("/hook".to_owned(), 404),
        (format!("/hook/{}", &SECRET[..10]), 404),
        ("/".to_owned(), 404),
    ] {
        let (status, text) = post(&format!("http://{addr}{path}"), body.as_bytes()).await;
        assert_eq!(status, want, "{path}");
        answers.push(text);
    }
    let got = reqwest::get(hook_url(&r)).await.unwrap();
    assert_eq!(got.status().as_u16(), 405);
    // The counters from this machine, not through a proxy.
    let health = format!("http://{addr}/health");
    let got = reqwest::get(&health).await.unwrap();
    assert_eq!(got.status().as_u16(), 200);
    assert!(got.text().await.unwrap().contains("\"relay\":\"guard\""));
    let proxied = reqwest::Client::new()
        .get(&health)
        .header("x-forwarded-for", "198.51.100.7")
        .send()
        .await
        .unwrap();
    assert_eq!(proxied.status().as_u16(), 404);
    // Not a webhook, another page's, an unknown event.
    let (status, text) = post(&hook_url(&r), format!("{{\"x\": \"{marker}").as_bytes()).await;
    assert_eq!(status, 400);
    answers.push(text);
    let mut other = event("m_3002", marker);
    other["page_id"] = "200000000000001".into();
    let (status, text) = post(&hook_url(&r), other.to_string().as_bytes()).await;
    assert_eq!((status, text.as_str()), (200, "ok\n"));
    // Over the cap (4 KB): said at once from the declared length, the
    // body never sent.
    let head = format!(
        "POST /hook/{SECRET} HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{{\"m\": \"{marker}"
    );
    let (status, text) = raw(&r, head.as_bytes()).await;
    assert_eq!(status, 413, "{text}");
    answers.push(text);
    // Over the cap without a length (chunked): refused as it passes the cap.
    let chunk = format!("{{\"m\": \"{marker}{}\"}}", "x".repeat(5000));
    let chunked = format!(
        "POST /hook/{SECRET} HTTP/1.1\r\nHost: relay\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        chunk.len()
    );
    let (status, text) = raw(&r, chunked.as_bytes()).await;
    assert_eq!(status, 413, "{text}");
    answers.push(text);
    for a in &answers {
        assert!(!a.contains(marker) && !a.contains(SECRET), "{a}");
    }
    let h = r.health();
    assert_eq!(
        (h.refused_path, h.too_big, h.malformed, h.ignored_page),
        (5, 2, 1, 1)
    );
    assert_eq!(h.received, 0);

    // Allowed addresses: loopback is not one of them.
    let fenced = start(&url, "fenced", |c| {
        c.allow = vec![AllowedNet::parse("203.0.113.0/24").unwrap()];
    })
    .await;
    let (status, text) = post(&hook_url(&fenced), body.as_bytes()).await;
    assert_eq!(status, 403);
    assert!(!text.contains(marker));
    assert_eq!(fenced.health().refused_addr, 1);
    let open = start(&url, "open", |c| {
        c.secret = None;
        c.allow = vec![AllowedNet::parse("127.0.0.0/8").unwrap()];
    })
    .await;
    let (status, _) = post(&format!("http://{}/hook", open.addr()), body.as_bytes()).await;
    assert_eq!(status, 200);
    wait_until("the allowed address's event in the stream", || async {
        entries(&url, PAGE).await.len() == 2
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_away_the_relay_answers_and_publishes_when_it_is_back() {
    let test = "redis_away_the_relay_answers_and_publishes_when_it_is_back";
    // Without redis-server the test says it skipped before anything else.
    let Some(probe) = Redis::start(test) else {
        return;
    };
    drop(probe);
    let port = free_port();
    let url = format!("redis://127.0.0.1:{port}/0");
    let r = start(&url, "patient", |_| {}).await;
    let body = event("m_4001", "Gửi lúc Redis vắng").to_string();
    let (status, _) = post(&hook_url(&r), body.as_bytes()).await;
    assert_eq!(status, 200);
    wait_until("the relay to see Redis down", || async {
        r.health().redis == RedisState::Down
    })
    .await;
    // Kept (the counter dips while a connection is being tried).
    wait_until("the event kept", || async { r.health().queued == 1 }).await;
    let Some(mut redis) = Redis::on(port, test) else {
        return;
    };
    wait_until("the kept event in the stream", || async {
        entries(&url, PAGE).await.len() == 2
    })
    .await;
    assert_eq!(r.health().published, 1);
    assert_eq!(r.health().queued, 0);
    assert_eq!(r.health().redis, RedisState::Up);
    // Redis lost while connected, then back (empty): the next event waits
    // for it, and the connection is made again.
    redis.stop();
    let body = event("m_4002", "Gửi khi Redis khởi động lại").to_string();
    assert_eq!(post(&hook_url(&r), body.as_bytes()).await.0, 200);
    wait_until("the relay to see Redis down again", || async {
        r.health().redis == RedisState::Down
    })
    .await;
    let Some(_redis) = Redis::on(port, test) else {
        return;
    };
    wait_until("the second event in the new Redis", || async {
        entries(&url, PAGE).await.len() == 2
    })
    .await;
    assert_eq!(r.health().published, 2);
}
