//! The contract (`spec.rs`, written from Pancake's reference) against both
//! sides: every request the client builds, every answer the simulator
//! gives, and the fixtures of real answers in `tests/fixtures/`, so the
//! simulator can never drift from Pancake again without a test saying so.

mod check;
mod spec;

use std::time::Duration;

use pancake_tui::api::retry::RetryPolicy;
use pancake_tui::api::stats::Period;
use pancake_tui::api::upload::check_upload;
use pancake_tui::api::{
    AssigneeChange, Client, ClientConfig, ConversationQuery, ConversationType, CustomerChanges,
    Gender, NoteOp, OrderBy, PageApi, PageId, Reply, TagAction, UnixSeconds,
};
use pancake_tui::sim::{SimConfig, SimHandle, Simulator};
use secrecy::SecretString;
use serde_json::{Value, json};

use check::{check_answer, check_request, check_value};

async fn sim() -> SimHandle {
    let sim = Simulator::start(SimConfig {
        conversations: 80,
        rate_limit: 0,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts");
    sim.log_answers(true);
    sim
}

fn api(sim: &SimHandle) -> PageApi {
    let client = Client::new(ClientConfig {
        base_url: sim.base_url(),
        rate_limit: 0,
        retry: RetryPolicy {
            delays: vec![Duration::from_millis(10); 3],
        },
        timeout: Duration::from_secs(10),
        ..ClientConfig::default()
    })
    .unwrap();
    let main = sim.main_page();
    client.page(PageId::new(main.id), SecretString::from(main.token))
}

/// Every logged exchange checked: the request against the contract, and
/// the answer against the endpoint's shape (or the error shape).
fn assert_log_follows_the_contract(sim: &SimHandle) -> Vec<&'static str> {
    let mut problems = Vec::new();
    let mut seen = Vec::new();
    for r in sim.requests() {
        match check_request(&r) {
            Ok(endpoint) => {
                seen.push(endpoint.name);
                problems.extend(check_answer(endpoint, &r));
            }
            Err(why) => problems.extend(why),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    seen
}

/// The client's calls, each kind at least once, against the simulator.
#[tokio::test]
async fn every_request_the_client_builds_and_every_answer_the_simulator_gives_follow_the_contract()
{
    let sim = sim().await;
    let api = api(&sim);
    let page = sim.main_page();
    // The list: plain, every filter, the cursor.
    let first = api
        .conversations(&ConversationQuery::default(), None)
        .await
        .unwrap();
    api.conversations(&ConversationQuery::default(), first.last().map(|c| &c.id))
        .await
        .unwrap();
    let tags = api.tags().await.unwrap();
    let staff = api.staff().await.unwrap();
    api.conversations(
        &ConversationQuery {
            types: vec![ConversationType::Inbox, ConversationType::Comment],
            tags: vec![tags[0].id.clone()],
            post_ids: vec!["p1".into()],
            since: Some(UnixSeconds(1_700_000_000)),
            until: Some(UnixSeconds::now()),
            unread_first: true,
            order_by: Some(OrderBy::InsertedAt),
        },
        None,
    )
    .await
    .unwrap();
    // An inbox conversation whose customer wrote last (the reply window).
    let conv = first
        .iter()
        .find(|c| c.kind == ConversationType::Inbox)
        .expect("an inbox conversation")
        .clone();
    sim.inject_customer_message(&page.id, conv.id.as_str(), "Shop ơi còn hàng không");
    let customer = conv.customer.messages_id();
    api.messages(&conv.id, customer, None).await.unwrap();
    api.messages(&conv.id, customer, Some(30)).await.unwrap();
    api.messages(&conv.id, None, None).await.unwrap();
    // Changes.
    let tag = &tags[0].id;
    api.tag(&conv.id, TagAction::Add, tag).await.unwrap();
    api.tag(&conv.id, TagAction::Remove, tag).await.unwrap();
    let someone = staff.users[0].id.clone();
    api.change_assignees(&conv.id, &[], &AssigneeChange::Add(someone))
        .await
        .unwrap();
    api.mark_unread(&conv.id).await.unwrap();
    api.mark_read(&conv.id).await.unwrap();
    // A text, then a photo by its content id: two sends.
    let png = bytes::Bytes::from_static(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR tiny");
    let uploaded = api
        .upload(&check_upload("banh.png", png).unwrap())
        .await
        .unwrap();
    let text = Reply::Inbox {
        message: "Dạ còn ạ".into(),
    };
    api.send(&conv.id, &text).await.unwrap();
    let photo = Reply::Attachments {
        content_ids: vec![uploaded.content_id],
    };
    api.send(&conv.id, &photo).await.unwrap();
    // The numbers, and the customer list.
    let period = Period::last_days(UnixSeconds::now(), 7, jiff::tz::TimeZone::UTC);
    api.page_stats(&period).await.unwrap();
    let _ = api
        .find_customer(customer, None, UnixSeconds(0), UnixSeconds::now(), 1)
        .await;
    // The customer as Pancake knows them: notes, a record fix, posts.
    let pc = conv
        .customer
        .page_customer_id
        .clone()
        .expect("a page customer id");
    let add = NoteOp::Add {
        message: "Khách quen, giao giờ hành chính".into(),
        at: UnixSeconds::now(),
    };
    api.note(&pc, &add).await.unwrap();
    let notes = api.customer_notes(&conv.id, &pc).await.unwrap();
    let note_id = notes
        .iter()
        .rev()
        .find_map(|n| n.id.clone())
        .expect("the note's id");
    let edit = NoteOp::Edit {
        note_id: note_id.clone(),
        message: "Khách quen".into(),
    };
    api.note(&pc, &edit).await.unwrap();
    api.note(&pc, &NoteOp::Delete { note_id }).await.unwrap();
    let changes = CustomerChanges {
        name: Some("Chị Hoa".into()),
        gender: Some(Gender::Female),
        birthday: Some("1990-02-03".into()),
        phone_numbers: Some(vec!["0901234567".into()]),
    };
    api.update_customer(&pc, &changes).await.unwrap();
    api.posts(1, UnixSeconds(0)).await.unwrap();
    let seen = assert_log_follows_the_contract(&sim);
    for must in [
        "the conversation list",
        "messages",
        "send",
        "upload",
        "tag a conversation",
        "assign",
        "mark read",
        "mark unread",
        "tags",
        "staff",
        "page statistics",
        "engagement statistics",
        "tag statistics",
        "staff statistics",
        "new customers",
        "customers",
        "add a note",
        "edit a note",
        "delete a note",
        "update a customer",
        "posts",
    ] {
        assert!(seen.contains(&must), "{must} was not exercised: {seen:?}");
    }
}

/// The checker itself refuses what Pancake refuses: a send with both
/// `message` and `content_ids`, an `attachment_type`, an unknown query
/// key, a required field missing, a wrong type.
#[test]
fn the_contract_refuses_what_pancake_refuses() {
    use pancake_tui::sim::LoggedRequest;
    let send = |body: Value| LoggedRequest {
        method: "POST".into(),
        path: "/api/public_api/v1/pages/1/conversations/1_2/messages".into(),
        query: vec![],
        body: body.to_string(),
        status: 200,
        at: Duration::ZERO,
        page_id: Some("1".into()),
        error_code: None,
        success: Some(true),
        answer: Some(json!({"success": true, "id": "m1", "message": "x"})),
    };
    let ok = send(json!({"action": "reply_inbox", "message": "hi"}));
    assert!(check_request(&ok).is_ok());
    let both = send(json!({"action": "reply_inbox", "message": "hi", "content_ids": ["c"]}));
    assert!(check_request(&both).is_err(), "both fields");
    let typed =
        send(json!({"action": "reply_inbox", "content_ids": ["c"], "attachment_type": "PHOTO"}));
    assert!(check_request(&typed).is_err(), "attachment_type");
    let neither = send(json!({"action": "reply_inbox"}));
    assert!(check_request(&neither).is_err(), "neither field");
    let mut list = send(json!({}));
    list.method = "GET".into();
    list.path = "/api/public_api/v2/pages/1/conversations".into();
    list.body = String::new();
    list.query = vec![("type".into(), "INBOX".into())];
    assert!(
        check_request(&list).is_err(),
        "a plain `type` is not the array"
    );
    list.query = vec![("type[]".into(), "INBOX".into())];
    let endpoint = check_request(&list).unwrap();
    list.answer = Some(json!({"conversations": [{"id": 5}]}));
    assert!(
        !check_answer(endpoint, &list).is_empty(),
        "an id as a number"
    );
    list.answer = Some(json!({"success": true}));
    assert!(!check_answer(endpoint, &list).is_empty(), "no list");
}

fn fixture(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

fn endpoint(name: &str) -> &'static spec::Endpoint {
    spec::ENDPOINTS
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no endpoint {name}"))
}

/// A fixture with only the elements of its list `key` at `keep`: the
/// fixtures of real answers also hold elements broken on purpose (no id, a
/// string for an object, null) for the leniency tests; here only the
/// well-formed ones, as Pancake sends them.
fn well_formed(file: &str, key: &str, keep: &[usize]) -> Value {
    let mut v = fixture(file);
    let list = v[key].as_array_mut().unwrap();
    *list = keep.iter().map(|&i| list[i].clone()).collect();
    v
}

/// `stats_tags.json` without the series broken on purpose (a string for
/// the counts, a count as text or null).
fn tag_stats_well_formed() -> Value {
    let mut v = fixture("stats_tags.json");
    let series = v["data"]["series"].as_object_mut().unwrap();
    series.retain(|_, counts| {
        counts
            .as_array()
            .is_some_and(|c| c.iter().all(Value::is_number))
    });
    v
}

/// `stats_users.json` with only its well-formed staff member.
fn staff_stats_well_formed() -> Value {
    let mut v = fixture("stats_users.json");
    let users = v["data"]["users"].as_object_mut().unwrap();
    users.retain(|id, _| id == "u-0001");
    v
}

/// The fixtures written from real answers follow the contract too: the
/// contract and the simulator cannot share one misreading.
#[test]
fn the_real_shape_fixtures_follow_the_contract() {
    let cases = [
        (
            "conversations_real.json",
            well_formed("conversations_real.json", "conversations", &[0, 1, 6]),
            "the conversation list",
        ),
        (
            "conversations_page_customer.json",
            fixture("conversations_page_customer.json"),
            "the conversation list",
        ),
        (
            "messages_real.json",
            well_formed("messages_real.json", "messages", &[0, 1, 2]),
            "messages",
        ),
        (
            "tags_real.json",
            well_formed("tags_real.json", "tags", &[0, 1]),
            "tags",
        ),
        (
            "users_real.json",
            well_formed("users_real.json", "users", &[0]),
            "staff",
        ),
        (
            "send_answer_reference.json",
            fixture("send_answer_reference.json"),
            "send",
        ),
        (
            "stats_pages.json",
            well_formed("stats_pages.json", "data", &[0, 3]),
            "page statistics",
        ),
        (
            "stats_customer_engagements.json",
            well_formed(
                "stats_customer_engagements.json",
                "statistics",
                &[0, 1, 2, 3],
            ),
            "engagement statistics",
        ),
        ("stats_tags.json", tag_stats_well_formed(), "tag statistics"),
        (
            "stats_users.json",
            staff_stats_well_formed(),
            "staff statistics",
        ),
        (
            "stats_page_customers.json",
            well_formed("stats_page_customers.json", "data", &[0, 1]),
            "new customers",
        ),
    ];
    for (file, answer, name) in cases {
        let mut problems = Vec::new();
        check_value(&answer, &endpoint(name).answer, file, &mut problems);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
