//! The API client against the simulator, over real HTTP on 127.0.0.1.
//! The simulator's request log is the oracle for what went over the wire.

use std::collections::HashSet;
use std::time::Duration;

use pancake_tui::api::retry::RetryPolicy;
use pancake_tui::api::{
    ApiError, AssigneeChange, Client, ClientConfig, ConversationId, ConversationQuery,
    ConversationType, OrderBy, PageApi, PageId, Reply, TagAction, TagId, UnixSeconds, UserId,
};
use pancake_tui::sim::{Faults, LoggedRequest, SimConfig, SimHandle, Simulator};
use secrecy::SecretString;

/// Generous bound for waiting on an event.
const PATIENCE: Duration = Duration::from_secs(30);

async fn sim(conversations: usize, rate_limit: u32) -> SimHandle {
    Simulator::start(SimConfig {
        conversations,
        rate_limit,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts")
}

fn client(sim: &SimHandle, rate_limit: u32, retry: RetryPolicy) -> Client {
    Client::new(ClientConfig {
        base_url: sim.base_url(),
        rate_limit,
        retry,
        timeout: Duration::from_secs(10),
        ..ClientConfig::default()
    })
    .unwrap()
}

fn page(sim: &SimHandle, client: &Client) -> PageApi {
    let main = sim.main_page();
    client.page(PageId::new(main.id), SecretString::from(main.token))
}

/// A fast setup for behaviour tests that are not about the rate limit.
async fn fast() -> (SimHandle, PageApi) {
    let sim = sim(3000, 0).await;
    let c = client(&sim, 0, RetryPolicy::default());
    let api = page(&sim, &c);
    (sim, api)
}

fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        delays: vec![Duration::from_millis(20); 3],
    }
}

fn query_of(r: &LoggedRequest, key: &str) -> Vec<String> {
    r.query
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .collect()
}

async fn wait_until(mut cond: impl FnMut() -> bool) {
    tokio::time::timeout(PATIENCE, async {
        while !cond() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .expect("the awaited event happened");
}

#[tokio::test]
async fn pages_to_the_end_of_3000_with_no_duplicate_and_no_gap() {
    let (sim, api) = fast().await;
    let mut seen = Vec::new();
    let mut cursor: Option<ConversationId> = None;
    let mut calls = 0;
    loop {
        let batch = api
            .conversations(&ConversationQuery::default(), cursor.as_ref())
            .await
            .unwrap();
        calls += 1;
        assert!(batch.len() <= 60, "at most 60 per call");
        let Some(last) = batch.last() else { break };
        cursor = Some(last.id.clone());
        seen.extend(batch.into_iter().map(|c| c.id.to_string()));
    }
    assert_eq!(calls, 51, "50 full pages and the empty one");
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "no duplicate");
    assert_eq!(
        seen,
        sim.conversation_ids(&sim.main_page().id),
        "no gap, same order"
    );
}

#[tokio::test]
async fn every_server_filter_is_sent_as_the_seeds_say_and_applied() {
    let (sim, api) = fast().await;
    let all = api
        .conversations(&ConversationQuery::default(), None)
        .await
        .unwrap();
    let tag = all
        .iter()
        .find_map(|c| c.tags.first().cloned())
        .expect("tagged conversations");
    let post = {
        let comments = api
            .conversations(
                &ConversationQuery {
                    types: vec![ConversationType::Comment],
                    ..Default::default()
                },
                None,
            )
            .await
            .unwrap();
        assert!(!comments.is_empty());
        assert!(comments.iter().all(|c| c.kind == ConversationType::Comment));
        comments[0]
            .post_id
            .clone()
            .expect("comments carry post ids")
    };
    let now = UnixSeconds::now();
    let since = UnixSeconds(now.0 - 86_400);
    sim.clear_requests();
    let q = ConversationQuery {
        types: vec![ConversationType::Inbox, ConversationType::Comment],
        tags: vec![tag.clone()],
        since: Some(since),
        until: Some(now),
        unread_first: true,
        order_by: Some(OrderBy::UpdatedAt),
        ..Default::default()
    };
    let got = api.conversations(&q, None).await.unwrap();
    let log = sim.requests();
    let r = log.last().unwrap();
    assert_eq!(
        query_of(r, "type[]"),
        ["INBOX", "COMMENT"],
        "a list is sent as type[] (the service keeps only the last plain type)"
    );
    assert_eq!(query_of(r, "tags"), [tag.to_string()], "tags as ids");
    assert_eq!(
        query_of(r, "since"),
        [since.0.to_string()],
        "seconds, not milliseconds"
    );
    assert_eq!(query_of(r, "until"), [now.0.to_string()]);
    assert_eq!(query_of(r, "unread_first"), ["true"]);
    assert_eq!(query_of(r, "order_by"), ["updated_at"]);
    assert!(
        query_of(r, "page_access_token").is_empty(),
        "the log holds no token"
    );
    for c in &got {
        assert!(c.tags.contains(&tag));
        assert!(c.updated_at.unwrap() >= since && c.updated_at.unwrap() <= now);
    }
    let first_read = got.iter().position(|c| c.seen).unwrap_or(got.len());
    assert!(got[first_read..].iter().all(|c| c.seen), "unread first");

    let on_post = api
        .conversations(
            &ConversationQuery {
                post_ids: vec![post.clone()],
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    assert!(!on_post.is_empty() && on_post.iter().all(|c| c.post_id.as_deref() == Some(&post)));

    let by_insert = api
        .conversations(
            &ConversationQuery {
                order_by: Some(OrderBy::InsertedAt),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    assert!(
        by_insert
            .windows(2)
            .all(|w| w[0].inserted_at >= w[1].inserted_at)
    );
}

#[tokio::test]
async fn messages_page_newest_first_then_older() {
    let (sim, api) = fast().await;
    let all = api
        .conversations(&ConversationQuery::default(), None)
        .await
        .unwrap();
    let long = all
        .iter()
        .find(|c| c.message_count.unwrap_or(0) > 60)
        .expect("a long thread");
    let total = sim
        .messages_json(&sim.main_page().id, long.id.as_str())
        .len();
    let cid = long.customer.messages_id();
    // 30 a page (pancake-api.md § Messages).
    let newest = api.messages(&long.id, cid, None).await.unwrap();
    assert_eq!(newest.len(), 30);
    let older = api.messages(&long.id, cid, Some(30)).await.unwrap();
    assert_eq!(older.len(), 30);
    assert!(older.last().unwrap().inserted_at <= newest[0].inserted_at);
    let mut loaded = newest.len() + older.len();
    while loaded < total {
        let more = api.messages(&long.id, cid, Some(loaded)).await.unwrap();
        assert!(!more.is_empty());
        loaded += more.len();
    }
    assert!(
        api.messages(&long.id, cid, Some(loaded))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn tags_staff_and_tagging_with_data_as_the_truth() {
    let (sim, api) = fast().await;
    let tags = api.tags().await.unwrap();
    assert!(tags.len() >= 5 && tags.iter().all(|t| t.color.is_some()));
    let staff = api.staff().await.unwrap();
    assert!(staff.users.len() >= 6 && !staff.disabled.is_empty());

    let conv = api
        .conversations(&ConversationQuery::default(), None)
        .await
        .unwrap()[0]
        .clone();
    let tag = tags
        .iter()
        .find(|t| !conv.tags.contains(&t.id))
        .unwrap()
        .id
        .clone();
    sim.clear_requests();
    let after = api.tag(&conv.id, TagAction::Add, &tag).await.unwrap();
    assert!(after.contains(&tag));
    let body: serde_json::Value = serde_json::from_str(&sim.requests()[0].body).unwrap();
    assert_eq!(
        body["tag_id"],
        serde_json::json!(tag.to_string()),
        "tag id sent as a string"
    );
    assert_eq!(body["action"], "add");
    let server = sim
        .conversation_json(&sim.main_page().id, conv.id.as_str())
        .unwrap();
    let server_tags: Vec<TagId> = serde_json::from_value(server["tags"].clone()).unwrap();
    assert_eq!(server_tags, after);
    assert!(
        server["tags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t.is_number()),
        "ints in lists"
    );
    let after = api.tag(&conv.id, TagAction::Remove, &tag).await.unwrap();
    assert!(!after.contains(&tag));
}

#[tokio::test]
async fn assign_merges_and_never_drops_anyone() {
    let (sim, api) = fast().await;
    let staff = api.staff().await.unwrap();
    let (a, b, c) = (
        staff.users[0].id.clone(),
        staff.users[1].id.clone(),
        staff.users[2].id.clone(),
    );
    let conv = api
        .conversations(&ConversationQuery::default(), None)
        .await
        .unwrap()[3]
        .clone();
    let set = api
        .set_assignees(&conv.id, &[a.clone(), b.clone()])
        .await
        .unwrap();
    assert_eq!(set, vec![a.clone(), b.clone()]);
    let merged = api
        .change_assignees(&conv.id, &set, &AssigneeChange::Add(c.clone()))
        .await
        .unwrap();
    assert_eq!(merged, vec![a.clone(), b.clone(), c.clone()]);
    let server = sim
        .conversation_json(&sim.main_page().id, conv.id.as_str())
        .unwrap();
    let ids: Vec<UserId> = serde_json::from_value(server["assignee_ids"].clone()).unwrap();
    assert_eq!(ids, vec![a.clone(), b.clone(), c.clone()]);
    let removed = api
        .change_assignees(&conv.id, &ids, &AssigneeChange::Remove(b.clone()))
        .await
        .unwrap();
    assert_eq!(removed, vec![a, c]);
}

#[tokio::test]
async fn read_unread_and_send_change_the_server_state() {
    let (sim, api) = fast().await;
    let pid = sim.main_page().id;
    let convs = api
        .conversations(&ConversationQuery::default(), None)
        .await
        .unwrap();
    let conv = convs
        .iter()
        .find(|c| c.kind == ConversationType::Inbox)
        .unwrap()
        .clone();
    let before = sim.conversation_json(&pid, conv.id.as_str()).unwrap()["updated_at"].clone();
    api.mark_unread(&conv.id).await.unwrap();
    assert_eq!(
        sim.conversation_json(&pid, conv.id.as_str()).unwrap()["seen"],
        false
    );
    api.mark_read(&conv.id).await.unwrap();
    assert_eq!(
        sim.conversation_json(&pid, conv.id.as_str()).unwrap()["seen"],
        true
    );
    let text = "Dạ shop gửi ạ 🙏\ndòng 2";
    let sent = api
        .send(
            &conv.id,
            &Reply::Inbox {
                message: text.into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(sent.expect("the created message").text, text);
    let thread = sim.messages_json(&pid, conv.id.as_str());
    assert!(
        thread
            .iter()
            .any(|m| m["original_message"] == text || m["message"] == text)
    );
    let after = sim.conversation_json(&pid, conv.id.as_str()).unwrap()["updated_at"].clone();
    assert_ne!(before, after, "updated_at moves on change");
}

#[tokio::test]
async fn wrong_token_fails_at_once_without_retry_and_wrong_page_is_404() {
    let sim = sim(100, 0).await;
    let c = client(&sim, 0, quick_retries());
    let bad = c.page(
        PageId::new(sim.main_page().id),
        SecretString::from("not-the-token-0123456789".to_string()),
    );
    let e = bad.tags().await.unwrap_err();
    // HTTP 401, or HTTP 200 with error_code 102 as the real service mostly answers.
    let shown = e.to_string();
    assert!(e.is_page_token_rejected(), "{e}");
    assert!(
        shown == "token rejected by Pancake (401): check PANCAKE_PAGE_ACCESS_TOKEN"
            || shown == "token rejected by Pancake (error 102): check PANCAKE_PAGE_ACCESS_TOKEN",
        "{shown}"
    );
    assert_eq!(sim.requests().len(), 1, "no retry on a rejected token");
    let nowhere = c.page(
        PageId::new("999999"),
        SecretString::from(sim.main_page().token),
    );
    let e = nowhere.tags().await.unwrap_err();
    assert!(matches!(e, ApiError::NotFound { .. }), "{e}");
    assert!(e.to_string().contains("PANCAKE_PAGE_ID"));
}

#[tokio::test]
async fn recovers_from_a_429_storm_and_from_5xx() {
    let sim = sim(100, 0).await;
    let c = client(&sim, 0, RetryPolicy::default());
    let api = page(&sim, &c);
    sim.set_faults(Faults {
        storm_429: true,
        ..Faults::default()
    });
    let call = tokio::spawn({
        let api = api.clone();
        async move { api.tags().await }
    });
    wait_until(|| sim.requests().iter().any(|r| r.rate_limited())).await;
    sim.set_faults(Faults::default());
    assert!(call.await.unwrap().is_ok(), "recovered after the storm");
    assert!(
        c.stats()
            .rate_limited
            .load(std::sync::atomic::Ordering::Relaxed)
            >= 1
    );

    sim.clear_requests();
    sim.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    let call = tokio::spawn({
        let api = api.clone();
        async move { api.staff().await }
    });
    wait_until(|| sim.requests().iter().any(|r| r.server_error())).await;
    sim.set_faults(Faults::default());
    assert!(call.await.unwrap().is_ok(), "recovered after the 5xx");
    let log = sim.requests();
    assert!(
        log.len() >= 2 && log.last().is_some_and(|r| r.ok()),
        "{log:?}"
    );
}

#[tokio::test]
async fn gives_up_after_three_retries_with_words() {
    let sim = sim(100, 0).await;
    let c = client(&sim, 0, quick_retries());
    let api = page(&sim, &c);
    sim.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    let e = api.tags().await.unwrap_err();
    assert!(matches!(e, ApiError::Server { attempts: 4, .. }), "{e}");
    assert_eq!(sim.requests().len(), 4, "1 try + 3 retries");
    // A reply is never repeated after an ambiguous 5xx (it could be sent twice).
    sim.clear_requests();
    let conv = ConversationId::new(sim.conversation_ids(&sim.main_page().id)[0].clone());
    let e = api
        .send(
            &conv,
            &Reply::Inbox {
                message: "x".into(),
            },
        )
        .await
        .unwrap_err();
    assert!(e.is_transient());
    assert_eq!(sim.requests().len(), 1);
}

#[tokio::test]
async fn throttle_keeps_20_concurrent_callers_within_5_per_second() {
    let sim = sim(600, 5).await;
    let c = client(&sim, 5, RetryPolicy::default());
    let api = page(&sim, &c);
    let mut tasks = Vec::new();
    for i in 0..20 {
        let api = if i % 2 == 0 {
            api.clone()
        } else {
            api.background()
        };
        tasks.push(tokio::spawn(async move { api.tags().await.map(|_| ()) }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let log = sim.requests();
    assert_eq!(log.len(), 20);
    assert!(log.iter().all(|r| r.ok()), "no 429 at all");
    // The log is in answer order; windows are about arrival.
    let mut times: Vec<Duration> = log.iter().map(|r| r.at).collect();
    times.sort();
    for (i, t) in times.iter().enumerate() {
        let in_window = times[i..]
            .iter()
            .take_while(|u| **u - *t < Duration::from_secs(1))
            .count();
        assert!(in_window <= 5, "{in_window} requests within 1 s of {t:?}");
    }
}

#[tokio::test]
async fn requests_that_reach_the_server_late_never_bunch_into_a_429() {
    // A loaded machine or a slow network delays some requests more than
    // others; the server counts arrivals. 40 requests, 0-400 ms late each.
    let sim = sim(600, 5).await;
    sim.set_faults(Faults {
        arrival_jitter: Duration::from_millis(400),
        ..Faults::default()
    });
    let c = client(&sim, 5, RetryPolicy::default());
    let api = page(&sim, &c);
    let mut tasks = Vec::new();
    for _ in 0..40 {
        let api = api.clone();
        tasks.push(tokio::spawn(async move { api.tags().await.map(|_| ()) }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let log = sim.requests();
    let limited = log.iter().filter(|r| r.rate_limited()).count();
    assert_eq!(limited, 0, "none of {} requests rate limited", log.len());
    assert_eq!(log.len(), 40);
}

#[tokio::test]
async fn malformed_replies_are_errors_not_panics() {
    let (sim, api) = fast().await;
    sim.set_faults(Faults {
        malformed: true,
        ..Faults::default()
    });
    let conv = ConversationId::new(sim.conversation_ids(&sim.main_page().id)[0].clone());
    let results: Vec<Result<(), ApiError>> = vec![
        api.conversations(&ConversationQuery::default(), None)
            .await
            .map(|_| ()),
        api.tags().await.map(|_| ()),
        api.staff().await.map(|_| ()),
        api.messages(&conv, Some("x"), None).await.map(|_| ()),
        api.tag(&conv, TagAction::Add, &TagId::new("1"))
            .await
            .map(|_| ()),
    ];
    for r in results {
        let e = r.unwrap_err();
        assert!(matches!(e, ApiError::Decode { .. }), "{e}");
        assert!(e.to_string().starts_with("unexpected reply from Pancake"));
    }
}

#[tokio::test]
async fn the_token_is_absent_from_every_error() {
    let sim = sim(100, 0).await;
    let token = sim.main_page().token;
    let c = client(&sim, 0, quick_retries());
    let api = page(&sim, &c);
    let conv = ConversationId::new(sim.conversation_ids(&sim.main_page().id)[0].clone());
    let mut errors: Vec<ApiError> = Vec::new();
    for faults in [
        Faults {
            error_rate: 1.0,
            ..Faults::default()
        },
        Faults {
            storm_429: true,
            ..Faults::default()
        },
        Faults {
            drop_rate: 1.0,
            ..Faults::default()
        },
        Faults {
            malformed: true,
            ..Faults::default()
        },
    ] {
        sim.set_faults(faults);
        errors.push(api.tags().await.unwrap_err());
        // A send answered `success: true` with a malformed body is accepted.
        if let Err(e) = api
            .send(
                &conv,
                &Reply::Inbox {
                    message: "x".into(),
                },
            )
            .await
        {
            errors.push(e);
        }
    }
    sim.set_faults(Faults::default());
    errors.push(
        api.messages(&ConversationId::new("nope"), None, None)
            .await
            .unwrap_err(),
    );
    // Timeouts and refused connections.
    let slow = Client::new(ClientConfig {
        base_url: sim.base_url(),
        rate_limit: 0,
        timeout: Duration::from_millis(100),
        retry: RetryPolicy::none(),
        ..ClientConfig::default()
    })
    .unwrap();
    sim.set_faults(Faults {
        latency: Duration::from_millis(500),
        ..Faults::default()
    });
    errors.push(page(&sim, &slow).tags().await.unwrap_err());
    sim.set_faults(Faults::default());
    let addr = sim.addr();
    sim.shutdown().await;
    let refused = Client::new(ClientConfig {
        base_url: format!("http://{addr}/api"),
        rate_limit: 0,
        retry: RetryPolicy::none(),
        ..ClientConfig::default()
    })
    .unwrap();
    let e = refused
        .page(PageId::new("1"), SecretString::from(token.clone()))
        .tags()
        .await
        .unwrap_err();
    assert!(e.is_offline(), "{e}");
    errors.push(e);
    assert!(errors.iter().any(|e| matches!(e, ApiError::Timeout { .. })));
    for e in &errors {
        let shown = format!("{e} {e:?}");
        assert!(!shown.contains(&token), "token leaked: {shown}");
        assert!(!shown.contains("access_token="), "{shown}");
    }
}

#[tokio::test]
async fn user_token_lists_pages_and_generates_page_tokens() {
    let sim = sim(10, 0).await;
    let c = client(&sim, 0, quick_retries());
    let user = c.user(SecretString::from(sim.user_token()));
    let pages = user.pages().await.unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[0].name, "Tiệm Bánh Pancake");
    let token = user.generate_page_token(&pages[0].id).await.unwrap();
    // The generated token works for that page.
    let api = c.page(pages[0].id.clone(), token);
    assert!(!api.tags().await.unwrap().is_empty());
    // A wrong user token answers 200 without the expected keys: rejected.
    let wrong = c.user(SecretString::from("wrong-user-token-123".to_string()));
    let e = wrong.pages().await.unwrap_err();
    assert_eq!(
        e.to_string(),
        "token rejected by Pancake (an answer without data): check PANCAKE_ACCESS_TOKEN"
    );
    assert!(!format!("{e:?}").contains("wrong-user-token-123"));
}

/// An answer that never ends (or one far too large) is read up to the cap
/// and dropped: the call ends with an error, not with the machine's memory.
#[tokio::test]
async fn an_endless_answer_is_read_no_further_than_the_cap() {
    let sim = sim(50, 0).await;
    let c = client(&sim, 0, quick_retries());
    let api = page(&sim, &c);
    sim.set_faults(Faults {
        endless_answers: true,
        ..Faults::default()
    });
    let e = tokio::time::timeout(PATIENCE, api.tags())
        .await
        .expect("the call ends")
        .unwrap_err();
    assert!(
        matches!(e, ApiError::Decode { .. }) && e.to_string().contains("over 8 MB"),
        "{e}"
    );
    let cap = pancake_tui::api::client::MAX_ANSWER_BYTES as u64;
    let sent = sim.streamed_bytes();
    assert!(sent >= cap - 64 * 1024, "read up to the cap: {sent}");
    // What the server wrote past the cap sat in loopback's socket buffers
    // at most; the client stopped reading.
    assert!(sent <= cap + 32_000_000, "read no further: {sent}");
    assert_eq!(
        sim.requests().len(),
        1,
        "asked once: an unreadable answer is not asked again"
    );
}
