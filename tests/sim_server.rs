//! The simulator over raw HTTP: the seeds' behaviours that the client hides.

use std::time::Duration;

use pancake_tui::sim::{SimConfig, SimHandle, Simulator};
use serde_json::{Value, json};

async fn sim(conversations: usize, rate_limit: u32) -> SimHandle {
    Simulator::start(SimConfig {
        conversations,
        rate_limit,
        ..SimConfig::default()
    })
    .await
    .unwrap()
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

async fn get(sim: &SimHandle, path: &str, query: &[(&str, &str)]) -> (u16, Value) {
    let r = http()
        .get(format!("{}{path}", sim.base_url()))
        .query(query)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn post(sim: &SimHandle, path: &str, token: &str, body: Value) -> (u16, Value) {
    let r = http()
        .post(format!("{}{path}", sim.base_url()))
        .query(&[("page_access_token", token)])
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_sixth_request_in_a_second_is_429_and_other_pages_are_unaffected() {
    let sim = sim(100, 5).await;
    let pages = sim.pages();
    let (a, b) = (&pages[0], &pages[1]);
    let path = |p: &str| format!("/public_api/v1/pages/{p}/tags");
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(
            get(&sim, &path(&a.id), &[("page_access_token", &a.token)])
                .await
                .0,
        );
    }
    let (other, _) = get(&sim, &path(&b.id), &[("page_access_token", &b.token)]).await;
    let log = sim.requests();
    let window = log[5].at - log[0].at;
    if window < Duration::from_secs(1) {
        assert_eq!(statuses, [200, 200, 200, 200, 200, 429]);
        assert_eq!(other, 200, "another page has its own budget");
    }
    let r = http()
        .get(format!("{}{}", sim.base_url(), path(&a.id)))
        .query(&[("page_access_token", &a.token)])
        .send()
        .await
        .unwrap();
    if r.status() == 429 {
        assert_eq!(r.headers()["retry-after"], "1");
    }
}

#[tokio::test]
async fn milliseconds_in_since_return_nothing_as_the_seed_warns() {
    let sim = sim(300, 0).await;
    let p = sim.main_page();
    let path = format!("/public_api/v2/pages/{}/conversations", p.id);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let week = (now - 7 * 86_400).to_string();
    let (_, v) = get(
        &sim,
        &path,
        &[("page_access_token", &p.token), ("since", &week)],
    )
    .await;
    assert!(!v["conversations"].as_array().unwrap().is_empty());
    let ms = ((now - 7 * 86_400) * 1000).to_string();
    let (_, v) = get(
        &sim,
        &path,
        &[("page_access_token", &p.token), ("since", &ms)],
    )
    .await;
    assert!(v["conversations"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn tag_ids_as_ints_or_strings_and_assign_replaces() {
    let sim = sim(50, 0).await;
    let p = sim.main_page();
    let cid = sim.conversation_ids(&p.id)[0].clone();
    let base = format!("/public_api/v1/pages/{}/conversations/{cid}", p.id);
    let (s, v) = post(
        &sim,
        &format!("{base}/tags"),
        &p.token,
        json!({"action": "add", "tag_id": 4}),
    )
    .await;
    assert_eq!(s, 200);
    assert!(v["data"].as_array().unwrap().contains(&json!(4)));
    let (_, v) = post(
        &sim,
        &format!("{base}/tags"),
        &p.token,
        json!({"action": "remove", "tag_id": "4"}),
    )
    .await;
    assert!(!v["data"].as_array().unwrap().contains(&json!(4)));
    let (s, _) = post(
        &sim,
        &format!("{base}/tags"),
        &p.token,
        json!({"action": "add", "tag_id": "999"}),
    )
    .await;
    assert_eq!(s, 400);
    let users = sim.users_json(&p.id)["users"].as_array().unwrap().clone();
    let one = users[0]["id"].clone();
    let two = users[1]["id"].clone();
    post(
        &sim,
        &format!("{base}/assign"),
        &p.token,
        json!({"assignee_ids": [one, two]}),
    )
    .await;
    let (_, v) = post(
        &sim,
        &format!("{base}/assign"),
        &p.token,
        json!({"assignee_ids": [two]}),
    )
    .await;
    assert_eq!(
        v["data"]["assignee_ids"],
        json!([two]),
        "the whole list is replaced"
    );
    let disabled = sim.users_json(&p.id)["disabled_users"][0]["id"].clone();
    let (s, _) = post(
        &sim,
        &format!("{base}/assign"),
        &p.token,
        json!({"assignee_ids": [disabled]}),
    )
    .await;
    assert_eq!(s, 400, "disabled users cannot be assigned");
}

#[tokio::test]
async fn private_replies_follow_facebooks_rules() {
    let sim = sim(400, 0).await;
    let p = sim.main_page();
    let ids = sim.conversation_ids(&p.id);
    let comment_conv = ids
        .iter()
        .find(|id| sim.conversation_json(&p.id, id).unwrap()["type"] == "COMMENT")
        .unwrap();
    let inbox_conv = ids
        .iter()
        .find(|id| sim.conversation_json(&p.id, id).unwrap()["type"] == "INBOX")
        .unwrap();
    sim.inject_customer_message(&p.id, comment_conv, "fresh comment");
    let msgs = sim.messages_json(&p.id, comment_conv);
    let fresh = msgs.last().unwrap();
    let body = |mid: &Value| json!({"action": "private_replies", "post_id": "x", "message_id": mid, "from_id": "y", "message": "hi"});
    let path = |c: &str| format!("/public_api/v1/pages/{}/conversations/{c}/messages", p.id);
    let (s, _) = post(&sim, &path(comment_conv), &p.token, body(&fresh["id"])).await;
    assert_eq!(s, 200);
    let (s, v) = post(&sim, &path(comment_conv), &p.token, body(&fresh["id"])).await;
    assert_eq!(s, 400, "once per comment");
    assert!(v["message"].as_str().unwrap().contains("already"));
    let (s, v) = post(&sim, &path(inbox_conv), &p.token, body(&json!("m"))).await;
    assert_eq!(s, 400);
    assert!(v["message"].as_str().unwrap().contains("comments"));
    let (s, _) = post(
        &sim,
        &path(inbox_conv),
        &p.token,
        json!({"action": "reply_inbox", "message": "Dạ ạ"}),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(
        sim.messages_json(&p.id, inbox_conv).last().unwrap()["original_message"],
        "Dạ ạ"
    );
}

#[tokio::test]
async fn user_token_pages_and_tokens() {
    let sim = sim(10, 0).await;
    let (s, v) = get(&sim, "/v1/pages", &[("access_token", &sim.user_token())]).await;
    assert_eq!(s, 200);
    assert_eq!(v["categorized"]["activated"].as_array().unwrap().len(), 3);
    let (s, v) = get(&sim, "/v1/pages", &[("access_token", "wrong")]).await;
    assert_eq!(s, 200, "the real service answers 200 to a wrong user token");
    assert!(v.get("categorized").is_none());
    let p = sim.main_page();
    let r = http()
        .post(format!(
            "{}/v1/pages/{}/generate_page_access_token",
            sim.base_url(),
            p.id
        ))
        .query(&[("access_token", sim.user_token())])
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["page_access_token"], p.token);
    for r in sim.requests() {
        assert!(r.query.iter().all(|(k, _)| !k.contains("token")), "{r:?}");
    }
}

#[tokio::test]
async fn a_hundred_thousand_conversations_start_and_page() {
    let sim = sim(100_000, 0).await;
    let p = sim.main_page();
    let path = format!("/public_api/v2/pages/{}/conversations", p.id);
    let (_, first) = get(&sim, &path, &[("page_access_token", &p.token)]).await;
    let list = first["conversations"].as_array().unwrap();
    assert_eq!(list.len(), 60);
    let last = list[59]["id"].as_str().unwrap().to_string();
    let (_, next) = get(
        &sim,
        &path,
        &[
            ("page_access_token", &p.token),
            ("last_conversation_id", &last),
        ],
    )
    .await;
    assert_eq!(next["conversations"].as_array().unwrap().len(), 60);
    assert_ne!(next["conversations"][0]["id"], list[0]["id"]);
}

#[tokio::test]
async fn updated_at_moves_and_injected_messages_show() {
    let sim = sim(50, 0).await;
    let p = sim.main_page();
    let cid = sim.conversation_ids(&p.id).last().unwrap().clone();
    let before = sim.conversation_json(&p.id, &cid).unwrap();
    sim.inject_customer_message(&p.id, &cid, "new one");
    let after = sim.conversation_json(&p.id, &cid).unwrap();
    assert_ne!(before["updated_at"], after["updated_at"]);
    assert_eq!(after["seen"], false);
    assert_eq!(after["snippet"], "new one");
    assert_eq!(sim.conversation_ids(&p.id)[0], cid, "moved to the top");
}
