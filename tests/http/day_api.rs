//! An agent's day through the API client against the simulator over real
//! HTTP: statistics checked against the simulator's own conversations,
//! errors inside HTTP 200 and rate limits on the same retry path, the
//! page's customers, a customer's other conversations, uploads and replies
//! with them. The simulator's request log is the oracle for the wire.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use jiff::civil::Date;
use pancake_tui::api::customers::CustomerQuery;
use pancake_tui::api::stats::Period;
use pancake_tui::api::upload::check_upload;
use pancake_tui::api::{ApiError, Client, ClientConfig, ConversationId, PageApi, PageId, Reply};
use pancake_tui::api::{UnixSeconds, retry::RetryPolicy};
use pancake_tui::sim::{Faults, SimConfig, SimHandle, Simulator, day};
use secrecy::SecretString;
use serde_json::Value;

async fn sim(conversations: usize, rate_limit: u32) -> SimHandle {
    Simulator::start(SimConfig {
        conversations,
        rate_limit,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts")
}

fn client(sim: &SimHandle, rate_limit: u32) -> Client {
    Client::new(ClientConfig {
        base_url: sim.base_url(),
        rate_limit,
        retry: RetryPolicy {
            delays: vec![Duration::from_millis(50); 8],
        },
        timeout: Duration::from_secs(20),
        ..ClientConfig::default()
    })
    .unwrap()
}

fn page(sim: &SimHandle, client: &Client) -> PageApi {
    let main = sim.main_page();
    client.page(PageId::new(main.id), SecretString::from(main.token))
}

fn week(now: UnixSeconds) -> Period {
    Period::last_days(now, 7, day::time_zone())
}

fn local_day(t: i64) -> Date {
    jiff::Timestamp::from_second(t)
        .unwrap()
        .to_zoned(day::time_zone())
        .date()
}

fn secs(v: &Value) -> i64 {
    UnixSeconds::parse(v.as_str().unwrap()).unwrap().0
}

/// Every conversation of the page as the list serves it.
fn conversations(sim: &SimHandle, page: &str) -> Vec<Value> {
    sim.conversation_ids(page)
        .iter()
        .map(|id| sim.conversation_json(page, id).unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_figures_agree_with_the_simulators_conversations() {
    let sim = sim(600, 5).await;
    let c = client(&sim, 5);
    let api = page(&sim, &c);
    let main = sim.main_page().id;
    let period = week(UnixSeconds::now());
    let (since, until) = (period.since.0, period.until.0);
    let stats = api.page_stats(&period).await.unwrap();
    assert!(stats.unavailable.is_empty(), "{:?}", stats.unavailable);

    let convs = conversations(&sim, &main);
    // New customers: first contact per customer id, on its local day.
    let mut first: HashMap<String, i64> = HashMap::new();
    for v in &convs {
        let at = secs(&v["inserted_at"]);
        let e = first
            .entry(v["customer_id"].as_str().unwrap().to_owned())
            .or_insert(at);
        *e = (*e).min(at);
    }
    // The new-customer statistics take whole days (`date_range` in days):
    // the first day counts from its midnight, not from `since`'s hour; every
    // day of the range has its bucket, zero or not.
    let mut per_day: BTreeMap<Date, u64> = BTreeMap::new();
    let mut d = local_day(since);
    while d <= local_day(until) {
        per_day.insert(d, 0);
        d = d.tomorrow().unwrap();
    }
    for at in first.values() {
        if let Some(n) = per_day.get_mut(&local_day(*at)) {
            *n += 1;
        }
    }
    assert!(per_day.values().any(|n| *n > 0), "new customers this week");
    assert_eq!(
        stats.new_customers_per_day,
        per_day.into_iter().collect::<Vec<_>>()
    );
    // The page statistics take instants (`since`/`until` in seconds).
    let exact = first
        .values()
        .filter(|t| (since..=until).contains(*t))
        .count() as u64;
    assert_eq!(stats.totals.new_customers, Some(exact));

    // Tags: the active conversations holding each, named from the tag list.
    let names: HashMap<String, String> = sim.tags_json(&main)["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].to_string(), t["text"].as_str().unwrap().to_owned()))
        .collect();
    let mut tags: HashMap<String, u64> = HashMap::new();
    for v in convs
        .iter()
        .filter(|v| (since..=until).contains(&secs(&v["updated_at"])))
    {
        for t in v["tags"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| !t.is_null())
        {
            *tags.entry(names[&t.to_string()].clone()).or_default() += 1;
        }
    }
    let got: HashMap<String, u64> = stats
        .by_tag
        .iter()
        .map(|t| (t.name.clone(), t.count))
        .collect();
    assert_eq!(got, tags);
    assert!(
        stats.by_tag.windows(2).all(|w| w[0].count >= w[1].count),
        "most first"
    );

    // Engagement: the customers' messages of the week per local hour.
    let mut hours = [0u64; 24];
    for v in &convs {
        for m in sim.messages_json(&main, v["id"].as_str().unwrap()) {
            let at = secs(&m["inserted_at"]);
            if m["from"]["id"] != Value::String(main.clone()) && (since..=until).contains(&at) {
                let h = jiff::Timestamp::from_second(at)
                    .unwrap()
                    .to_zoned(day::time_zone())
                    .hour();
                hours[h as usize] += 1;
            }
        }
    }
    assert!(hours.iter().sum::<u64>() > 0);
    assert_eq!(stats.engagement_by_hour, Some(hours));
    assert_eq!(
        stats.totals.customer.inbox.unwrap() + stats.totals.customer.comments.unwrap(),
        hours.iter().sum::<u64>()
    );

    // Staff: every active member, with the simulator's figures.
    let walk = sim.day_walk(&main, since, until).unwrap();
    let users = sim.users_json(&main);
    let active = users["users"].as_array().unwrap();
    assert_eq!(stats.staff.len(), active.len());
    for u in active {
        let id = u["id"].as_str().unwrap();
        let f = stats
            .staff
            .iter()
            .find(|s| s.user_id.as_ref().map(|i| i.as_str()) == Some(id))
            .expect("each staff member");
        assert_eq!(f.name, u["name"].as_str().unwrap());
        let w = walk.staff.get(id).cloned().unwrap_or_default();
        assert_eq!(f.conversations(), Some(w.handled()));
        assert_eq!(f.total_engagement, Some(w.handled()));
        assert_eq!(
            (f.inbox_count, f.comment_count),
            (Some(w.inbox), Some(w.comment))
        );
        assert_eq!(f.average_response_ms, w.avg_response_ms());
        assert_eq!(f.phone_number_count, Some(w.phone_numbers));
    }
    assert!(stats.staff.iter().any(|s| s.conversations() > Some(0)));

    // On the wire: each endpoint once, with the seed's parameters.
    let log = sim.requests();
    let find = |suffix: &str| {
        log.iter()
            .find(|r| r.path.ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix} requested"))
    };
    let users_req = find("/statistics/users");
    let range = &users_req
        .query
        .iter()
        .find(|(k, _)| k == "date_range")
        .unwrap()
        .1;
    assert_eq!(range, &period.date_range());
    assert!(range.contains(" - ") && range.len() == 41, "{range}");
    let e = find("/statistics/customer_engagements");
    assert!(e.query.contains(&("by_hour".into(), "true".into())));
    let n = find("/page_customers");
    assert!(n.query.contains(&("group_by".into(), "day".into())));
    assert!(
        !log.iter()
            .any(|r| r.path.contains("/statistics/page_customers"))
    );
    let p = find("/statistics/pages");
    assert!(p.query.contains(&("since".into(), since.to_string())));
    assert!(log.iter().all(|r| r.ok()), "no error at 5 per second");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_inside_http_200_are_waited_out_like_any_request() {
    let sim = sim(200, 2).await;
    sim.set_faults(Faults {
        body_errors: 1.0,
        ..Faults::default()
    });
    // The client allows 5 per second; the simulator only 2.
    let c = client(&sim, 5);
    let api = page(&sim, &c);
    let period = week(UnixSeconds::now());
    let stats = api.page_stats(&period).await.unwrap();
    assert!(stats.unavailable.is_empty(), "{:?}", stats.unavailable);
    assert!(!stats.new_customers_per_day.is_empty());
    let log = sim.requests();
    let limited: Vec<_> = log.iter().filter(|r| r.rate_limited()).collect();
    assert!(!limited.is_empty(), "the simulator said too many");
    assert!(
        limited
            .iter()
            .all(|r| r.status == 200 && r.error_code == Some(429))
    );
    assert!(c.stats().retries.load(std::sync::atomic::Ordering::Relaxed) > 0);
    for part in [
        "/statistics/pages",
        "/statistics/tags",
        "/statistics/users",
        "/statistics/customer_engagements",
        "/page_customers",
    ] {
        assert!(
            log.iter().any(|r| r.path.ends_with(part) && r.ok()),
            "{part} answered in the end"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_part_is_named_and_the_rest_shown_but_a_bad_token_is_the_error() {
    let sim = sim(100, 0).await;
    let c = client(&sim, 0);
    let main = sim.main_page();
    let period = week(UnixSeconds::now());
    let bad = c.page(PageId::new(&main.id), SecretString::from("not-the-token"));
    let e = bad.page_stats(&period).await.unwrap_err();
    assert!(e.is_page_token_rejected(), "{e}");
    assert!(!e.to_string().contains("not-the-token"));
    // A page of malformed answers: every part unavailable, said in words.
    sim.set_faults(Faults {
        malformed: true,
        ..Faults::default()
    });
    let stats = page(&sim, &c).page_stats(&period).await.unwrap();
    assert!(stats.new_customers_per_day.is_empty() && stats.by_tag.is_empty());
    assert_eq!(stats.engagement_by_hour, None, "nothing invented");
    assert_eq!(stats.totals.new_customers, None);
    let parts: Vec<&str> = stats.unavailable.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        parts,
        [
            "page statistics",
            "new customers",
            "tags",
            "staff",
            "engagement"
        ]
    );
    assert!(
        stats.unavailable[0]
            .1
            .starts_with("unexpected reply from Pancake"),
        "{:?}",
        stats.unavailable
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_users_of_several_pages_come_in_one_call_with_the_user_token() {
    let sim = sim(100, 5).await;
    let c = client(&sim, 5);
    let user = c.user(SecretString::from(sim.user_token()));
    let ids: Vec<PageId> = sim.pages().iter().map(|p| PageId::new(&p.id)).collect();
    let period = week(UnixSeconds::now());
    let rows = user.user_stats_pages(&ids, &period).await.unwrap().value;
    for p in &ids {
        let n = rows
            .iter()
            .filter(|r| r.page_id.as_ref() == Some(p))
            .count();
        assert_eq!(n, 8, "every active staff member of {p}");
    }
    let log = sim.requests();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].path, "/api/v1/statistics/user");
    let joined: Vec<&str> = ids.iter().map(|p| p.as_str()).collect();
    assert!(
        log[0]
            .query
            .contains(&("page_ids".into(), joined.join(",")))
    );
    assert!(
        log[0].query.iter().all(|(k, _)| k != "access_token"),
        "the log keeps no token"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn customers_page_by_100_with_notes_and_other_conversations_are_found_by_id() {
    let sim = sim(300, 0).await;
    let c = client(&sim, 0);
    let api = page(&sim, &c);
    let main = sim.main_page().id;
    let now = UnixSeconds::now();
    let mut all = Vec::new();
    for n in 1..=4 {
        let page = api
            .page_customers(&CustomerQuery {
                since: UnixSeconds(0),
                until: now,
                page_number: n,
                page_size: 500,
            })
            .await
            .unwrap();
        assert_eq!(page.total, Some(300));
        all.extend(page.customers);
    }
    assert_eq!(all.len(), 300, "three pages of 100 and an empty one");
    let log = sim.requests();
    assert!(
        log.iter()
            .all(|r| r.query.contains(&("page_size".into(), "100".into()))),
        "never more than 100"
    );
    assert!(
        all.windows(2)
            .all(|w| w[0].first_contact >= w[1].first_contact)
    );
    // Each customer is one of the conversations' customers, name and phone alike.
    let convs = conversations(&sim, &main);
    for cust in &all {
        let v = convs
            .iter()
            .find(|v| v["customer_id"].as_str() == cust.customer.global_id.as_deref())
            .expect("a conversation's customer");
        assert_eq!(cust.first_contact.unwrap().0, secs(&v["inserted_at"]));
        let phone = v.get("recent_phone_numbers").map(|p| {
            p[0].as_str()
                .unwrap_or_else(|| p[0]["phone_number"].as_str().unwrap())
        });
        assert_eq!(cust.phones.first().map(String::as_str), phone);
    }
    assert!(all.iter().any(|c| c.last_order_note().is_some()));
    assert!(
        all.iter()
            .any(|c| c.notes.iter().any(|n| n.removed) || c.notes.len() > 1)
    );

    // One customer, two conversations.
    let ids = sim.conversation_ids(&main);
    let (a, b) = (&ids[3], &ids[250]);
    assert!(sim.share_customer(&main, a, b));
    let customer = sim.conversation_json(&main, a).unwrap()["customer_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let others = api
        .customer_conversations(&customer, Some(&ConversationId::new(a.clone())), None, 10)
        .await
        .unwrap();
    assert_eq!(
        others.iter().map(|c| c.id.to_string()).collect::<Vec<_>>(),
        vec![b.to_owned()]
    );
    let found = api
        .find_customer(Some(&customer), None, UnixSeconds(0), now, 5)
        .await
        .unwrap()
        .expect("found");
    assert_eq!(found.customer.global_id.as_deref(), Some(customer.as_str()));
    assert_ne!(
        found.customer.page_customer_id.as_deref(),
        Some(customer.as_str())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_is_uploaded_and_sent_and_the_thread_shows_it() {
    let sim = sim(100, 5).await;
    let c = client(&sim, 5);
    let api = page(&sim, &c);
    let main = sim.main_page().id;
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0];
    jpeg.extend((0..5000u32).map(|i| (i % 251) as u8));
    let file = check_upload("bánh kem.jpg", jpeg.clone().into()).unwrap();
    let up = api.upload(&file).await.unwrap();
    assert_eq!(up.attachment_type, "PHOTO");
    let stored = sim.upload(&main, &up.content_id).expect("stored");
    assert_eq!(stored.bytes, jpeg);
    assert_eq!(
        (stored.name.as_str(), stored.mime.as_str()),
        ("bánh kem.jpg", "image/jpeg")
    );
    let log = sim.requests();
    let r = log.last().unwrap();
    assert!(r.path.ends_with("/upload_contents") && r.ok());
    assert!(r.body.starts_with("multipart/form-data"), "{}", r.body);

    let conv = sim
        .conversation_ids(&main)
        .into_iter()
        .find(|id| {
            sim.reply_window_open(&main, id) == Some(true)
                && sim.conversation_json(&main, id).unwrap()["type"] == "INBOX"
        })
        .expect("an inbox conversation inside the 24 hours");
    let conv = ConversationId::new(conv);
    // The text, then the photo by its content id: two sends, as the
    // reference wants them (never `message` with `content_ids`).
    let text = Reply::Inbox {
        message: "Dạ mẫu bánh đây ạ".into(),
    };
    let sent = api.send(&conv, &text).await.unwrap().expect("the message");
    assert_eq!(sent.text, "Dạ mẫu bánh đây ạ");
    assert!(sent.from_page);
    let photo = Reply::Attachments {
        content_ids: vec![up.content_id.clone()],
    };
    let sent = api.send(&conv, &photo).await.unwrap().expect("its id");
    let later = api.messages(&conv, None, None).await.unwrap();
    let last = later.last().unwrap();
    assert_eq!(last.id, sent.id);
    assert_eq!(later[later.len() - 2].text, "Dạ mẫu bánh đây ạ");
    assert_eq!(last.attachments.len(), 1);
    assert_eq!(last.attachments[0].kind, "photo");
    assert_eq!(last.attachments[0].name.as_deref(), Some("bánh kem.jpg"));
    assert!(
        last.attachments[0]
            .url
            .as_deref()
            .unwrap()
            .contains(&up.content_id)
    );
    let body: Value =
        serde_json::from_str(&sim.requests().iter().rev().nth(1).unwrap().body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"action": "reply_inbox", "content_ids": [up.content_id]})
    );

    // Both fields in one send: HTTP 500, as the reference says.
    let path = format!(
        "{}/public_api/v1/pages/{main}/conversations/{}/messages?page_access_token={}",
        sim.base_url(),
        conv.as_str(),
        sim.main_page().token
    );
    let both = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(&path)
        .json(&serde_json::json!({
            "action": "reply_inbox", "message": "hi", "content_ids": [up.content_id]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(both.status().as_u16(), 500);

    // A content id the page never got is refused, in Pancake's words.
    let bad = Reply::Attachments {
        content_ids: vec!["nope".into()],
    };
    let e = api.send(&conv, &bad).await.unwrap_err();
    assert!(matches!(e, ApiError::Failed { .. }), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_error_never_shows_the_page_token() {
    let sim = sim(50, 0).await;
    let file = check_upload("a.png", bytes::Bytes::from_static(b"\x89PNG\r\n\x1a\nx")).unwrap();
    const SECRET: &str = "page-token-SECRET-4242";
    // Refused by the simulator (a wrong token), then no server at all.
    let c = client(&sim, 0);
    let wrong = c.page(PageId::new(sim.main_page().id), SecretString::from(SECRET));
    let e = wrong.upload(&file).await.unwrap_err();
    assert!(e.is_page_token_rejected(), "{e}");
    let closed = Client::new(ClientConfig {
        base_url: "http://127.0.0.1:1/api".into(),
        retry: RetryPolicy { delays: vec![] },
        ..ClientConfig::default()
    })
    .unwrap();
    let e = closed
        .page(PageId::new("105"), SecretString::from(SECRET))
        .upload(&file)
        .await
        .unwrap_err();
    for text in [e.to_string(), format!("{e:?}")] {
        assert!(!text.contains(SECRET), "{text}");
        assert!(!text.contains("page_access_token"), "{text}");
    }
}
