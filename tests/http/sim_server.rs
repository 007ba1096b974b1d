//! The simulator over raw HTTP: the documented behaviours (src/api/pancake-api.md) that the client hides,
//! and the real service's shapes and errors (src/api/pancake-api.md § Shapes, Errors in 200).

use std::collections::BTreeSet;
use std::time::Duration;

use pancake_tui::sim::{Faults, SimConfig, SimHandle, Simulator};
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

/// Errors come in the body (HTTP 200) with this share, until changed.
fn body_errors(sim: &SimHandle, share: f64) {
    sim.set_faults(Faults {
        body_errors: share,
        ..Faults::default()
    });
}

/// An error inside an HTTP 200, as the real service sends it.
fn assert_body_error(status: u16, v: &Value, code: i64, message: &str) {
    assert_eq!(status, 200, "{v}");
    assert_eq!(
        v,
        &json!({"success": false, "message": message, "error_code": code})
    );
}

/// Processed but refused: HTTP 200, `success: false` and why.
fn assert_refused(status: u16, v: &Value, why: &str) {
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["success"], false, "{v}");
    assert!(v["message"].as_str().unwrap().contains(why), "{v}");
}

/// Every conversation of a page over HTTP, following the cursor.
async fn list_all(sim: &SimHandle, page: usize) -> Vec<Value> {
    let p = &sim.pages()[page];
    let path = format!("/public_api/v2/pages/{}/conversations", p.id);
    let mut all: Vec<Value> = Vec::new();
    loop {
        let last = all.last().map(|c| c["id"].as_str().unwrap().to_string());
        let mut q = vec![("page_access_token", p.token.as_str())];
        if let Some(l) = &last {
            q.push(("last_conversation_id", l));
        }
        let (s, v) = get(sim, &path, &q).await;
        assert_eq!(s, 200);
        let batch = v["conversations"].as_array().unwrap().clone();
        if batch.is_empty() {
            return all;
        }
        all.extend(batch);
    }
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
async fn the_sixth_request_in_a_second_is_rate_limited_in_either_form_and_other_pages_are_unaffected()
 {
    let sim = sim(100, 5).await;
    let pages = sim.pages();
    let path = |p: &str| format!("/public_api/v1/pages/{p}/tags");
    // The main page answers its 429 as HTTP 429, the café page in the body.
    for (page, share, other) in [(&pages[0], 0.0, &pages[2]), (&pages[1], 1.0, &pages[2])] {
        body_errors(&sim, share);
        sim.clear_requests();
        let mut answers = Vec::new();
        for _ in 0..6 {
            answers.push(get(&sim, &path(&page.id), &[("page_access_token", &page.token)]).await);
        }
        let (other_status, _) = get(
            &sim,
            &path(&other.id),
            &[("page_access_token", &other.token)],
        )
        .await;
        let log = sim.requests();
        let window = log[5].at - log[0].at;
        if window >= Duration::from_secs(1) {
            continue; // a slow machine: no burst to judge
        }
        assert!(log[..5].iter().all(|r| r.ok()), "{log:?}");
        assert!(log[5].rate_limited(), "{:?}", log[5]);
        assert!(!log[5].ok());
        let (status, body) = &answers[5];
        if share == 0.0 {
            assert_eq!(*status, 429);
            assert_eq!(log[5].error_code, None);
        } else {
            assert_body_error(*status, body, 429, "Too many requests");
            assert_eq!(log[5].error_code, Some(429));
        }
        assert_eq!(other_status, 200, "another page has its own budget");
        assert!(log[6].ok());
    }
}

#[tokio::test]
async fn a_429_storm_answers_http_429_with_retry_after_or_429_in_the_body() {
    let sim = sim(20, 0).await;
    let p = sim.main_page();
    let url = format!("{}/public_api/v1/pages/{}/tags", sim.base_url(), p.id);
    sim.set_faults(Faults {
        storm_429: true,
        body_errors: 0.0,
        ..Faults::default()
    });
    let r = http()
        .get(&url)
        .query(&[("page_access_token", &p.token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "1");
    sim.set_faults(Faults {
        storm_429: true,
        body_errors: 1.0,
        ..Faults::default()
    });
    let (s, v) = get(
        &sim,
        &format!("/public_api/v1/pages/{}/tags", p.id),
        &[("page_access_token", &p.token)],
    )
    .await;
    assert_body_error(s, &v, 429, "Too many requests");
    let log = sim.requests();
    assert_eq!(log.len(), 2);
    assert!(log.iter().all(|r| r.rate_limited() && !r.ok()), "{log:?}");
    assert_eq!(
        log.iter()
            .map(|r| (r.status, r.error_code))
            .collect::<Vec<_>>(),
        [(429, None), (200, Some(429))]
    );
    // By default half of the error answers come in the body.
    sim.set_faults(Faults {
        storm_429: true,
        ..Faults::default()
    });
    sim.clear_requests();
    for _ in 0..40 {
        get(
            &sim,
            &format!("/public_api/v1/pages/{}/tags", p.id),
            &[("page_access_token", &p.token)],
        )
        .await;
    }
    let log = sim.requests();
    assert!(log.iter().all(|r| r.rate_limited()));
    let in_body = log.iter().filter(|r| r.status == 200).count();
    assert!((5..=35).contains(&in_body), "{in_body} of 40 in the body");
}

#[tokio::test]
async fn server_errors_come_as_5xx_or_as_error_code_500_in_a_200() {
    let sim = sim(20, 0).await;
    let p = sim.main_page();
    let path = format!("/public_api/v1/pages/{}/users", p.id);
    for share in [0.0, 1.0] {
        sim.set_faults(Faults {
            error_rate: 1.0,
            body_errors: share,
            ..Faults::default()
        });
        let (s, v) = get(&sim, &path, &[("page_access_token", &p.token)]).await;
        if share == 0.0 {
            assert!([500, 502, 503].contains(&s), "{s}");
        } else {
            assert_body_error(s, &v, 500, "Internal server error");
        }
    }
    let log = sim.requests();
    assert!(log.iter().all(|r| r.server_error() && !r.ok()), "{log:?}");
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
    let (s, v) = post(
        &sim,
        &format!("{base}/tags"),
        &p.token,
        json!({"action": "add", "tag_id": "999"}),
    )
    .await;
    assert_refused(s, &v, "unknown tag_id");
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
    let (s, v) = post(
        &sim,
        &format!("{base}/assign"),
        &p.token,
        json!({"assignee_ids": [disabled]}),
    )
    .await;
    assert_refused(s, &v, "is not an active user");
    assert_eq!(
        sim.conversation_json(&p.id, &cid).unwrap()["assignee_ids"],
        json!([two]),
        "a refused assign changes nothing"
    );
    let log = sim.requests();
    assert!(
        !log.last().unwrap().ok(),
        "the log calls a refusal what it is"
    );
    assert_eq!(log.last().unwrap().error_code, None);
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
    let (s, v) = post(&sim, &path(comment_conv), &p.token, body(&fresh["id"])).await;
    assert_eq!((s, &v["success"]), (200, &json!(true)), "{v}");
    let (s, v) = post(&sim, &path(comment_conv), &p.token, body(&fresh["id"])).await;
    assert_refused(s, &v, "already");
    let (s, v) = post(&sim, &path(inbox_conv), &p.token, body(&json!("m"))).await;
    assert_refused(s, &v, "comments");
    let (s, v) = post(
        &sim,
        &path(comment_conv),
        &p.token,
        json!({"action": "reply_inbox", "message": "x"}),
    )
    .await;
    assert_refused(s, &v, "reply_inbox is for INBOX");
    let (s, v) = post(
        &sim,
        &path(comment_conv),
        &p.token,
        json!({"action": "reply_comment", "message_id": "nope", "message": "x"}),
    )
    .await;
    assert_refused(s, &v, "message_id");
    let (s, v) = post(
        &sim,
        &path(comment_conv),
        &p.token,
        json!({"action": "reply_comment", "message_id": fresh["id"], "message": "Dạ"}),
    )
    .await;
    assert_eq!((s, &v["success"]), (200, &json!(true)), "{v}");
    let (s, v) = post(
        &sim,
        &path(inbox_conv),
        &p.token,
        json!({"action": "reply_inbox", "message": "Dạ ạ"}),
    )
    .await;
    assert_eq!((s, &v["success"]), (200, &json!(true)), "{v}");
    // The reference's answer: the id and the text as a string.
    assert_eq!(v["message"], "Dạ ạ", "{v}");
    let stored = sim.messages_json(&p.id, inbox_conv);
    let last = stored.last().unwrap();
    assert_eq!(last["original_message"], "Dạ ạ");
    assert_eq!(last["id"], v["id"]);
    assert_eq!(last["from"]["id"], p.id.as_str(), "a page message");
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

#[tokio::test]
async fn conversations_come_in_the_real_services_shapes() {
    let sim = sim(400, 0).await;
    let main = list_all(&sim, 0).await;
    assert_eq!(main.len(), 400);
    let null_tags = main
        .iter()
        .filter(|c| c["tags"].as_array().unwrap().contains(&Value::Null))
        .count();
    assert!(
        null_tags > 0,
        "some conversations carry a null among their tags"
    );
    let without: Vec<&Value> = main
        .iter()
        .filter(|c| c.get("customers").is_none())
        .collect();
    assert!(!without.is_empty(), "some come without `customers`");
    for c in &main {
        // Who it is, with or without `customers`.
        let uuid = c["customer_id"].as_str().unwrap();
        let psid = c["from"]["id"].as_str().unwrap();
        assert_ne!(uuid, psid, "from.id is the PSID, never the UUID");
        assert!(c["id"].as_str().unwrap().ends_with(psid));
        // Three ids, three values: `customers[0].id` is the page
        // customer's (= `page_customer.id`), not the global `customer_id`.
        let pc = &c["page_customer"];
        assert_eq!(pc["customer_id"], uuid);
        assert_eq!(pc["psid"], psid);
        assert_ne!(pc["id"], uuid);
        if let Some(cs) = c.get("customers") {
            assert_eq!(cs[0]["id"], pc["id"]);
            assert_eq!(cs[0]["fb_id"], psid);
        }
        assert!(c["from"]["name"].is_string());
        assert!(c["has_phone"].is_boolean());
        assert_eq!(c["has_phone"], c.get("recent_phone_numbers").is_some());
        assert!(c.get("thread_id").is_some());
        let by = &c["last_sent_by"];
        let email = by["email"].as_str();
        if by["id"] == psid {
            assert_eq!(email, Some(format!("{psid}@facebook.com").as_str()));
        } else {
            assert!(email.is_none_or(|e| !e.ends_with("@facebook.com")), "{by}");
        }
    }
    assert!(
        main.iter()
            .any(|c| c["last_sent_by"]["id"] != c["from"]["id"]),
        "some threads end with the page's message"
    );
    let phones: Vec<&Value> = main
        .iter()
        .filter_map(|c| c.get("recent_phone_numbers"))
        .flat_map(|p| p.as_array().unwrap())
        .collect();
    assert!(phones.iter().any(|p| p.is_string()), "plain string phones");
    assert!(
        phones.iter().any(|p| p["phone_number"].is_string()
            && p["captured"].as_str().is_some_and(|t| t.len() == 19)),
        "object phones with a naive captured time"
    );
    let times: BTreeSet<&str> = main
        .iter()
        .flat_map(|c| {
            ["inserted_at", "updated_at", "last_customer_message_at"]
                .map(|k| c[k].as_str().unwrap())
        })
        .map(|t| match t.len() {
            19 => "naive",
            20 if t.ends_with('Z') => "zulu",
            26 if t.as_bytes()[19] == b'.' => "micros",
            _ => panic!("unexpected time {t}"),
        })
        .collect();
    assert_eq!(times, BTreeSet::from(["micros", "naive", "zulu"]));
    assert!(
        main.iter()
            .any(|c| c["snippet"].as_str().unwrap().contains("<br>")
                || c["snippet"].as_str().unwrap().contains("&amp;")),
        "HTML in some snippets"
    );
    // The varied page keeps its mix of tag forms, with nulls too.
    let tags: Vec<Value> = list_all(&sim, 1)
        .await
        .iter()
        .flat_map(|c| c["tags"].as_array().unwrap().clone())
        .collect();
    assert!(tags.iter().any(Value::is_null));
    assert!(tags.iter().any(Value::is_i64));
    assert!(tags.iter().any(Value::is_string));
    assert!(tags.iter().any(Value::is_object));
    // Not every page id is digits.
    let third = &sim.pages()[2];
    assert_eq!(third.id, "igo_17841405822304914");
    let insta = list_all(&sim, 2).await;
    assert_eq!(insta.len(), 120);
    assert!(insta.iter().all(|c| {
        c["page_id"] == third.id.as_str()
            && c["id"]
                .as_str()
                .unwrap()
                .starts_with("igo_17841405822304914_")
    }));
}

/// The link of a media attachment, wherever it is.
fn link_key(a: &Value) -> Option<&'static str> {
    [
        ("url", &a["url"]),
        ("file_url", &a["file_url"]),
        ("preview_url", &a["preview_url"]),
        ("src", &a["src"]),
        ("payload.url", &a["payload"]["url"]),
        ("image_data.url", &a["image_data"]["url"]),
    ]
    .into_iter()
    .find(|(_, v)| v.is_string())
    .map(|(k, _)| k)
}

#[tokio::test]
async fn messages_carry_every_attachment_shape_and_quotes() {
    let sim = sim(300, 0).await;
    let p = sim.main_page();
    let mut keys = BTreeSet::new();
    let mut types = BTreeSet::new();
    let mut quoted: Option<(String, Value)> = None;
    let (mut page_msgs, mut staff_msgs, mut customer_msgs) = (0, 0, 0);
    for cid in sim.conversation_ids(&p.id) {
        let conv = sim.conversation_json(&p.id, &cid).unwrap();
        let thread = sim.messages_json(&p.id, &cid);
        for (i, m) in thread.iter().enumerate() {
            if m["from"]["id"] == p.id.as_str() {
                page_msgs += 1;
                if m["from"]["admin_id"].is_string() {
                    staff_msgs += 1;
                    assert_eq!(m["from"]["admin_id"], m["from"]["uid"]);
                    assert!(m["from"]["admin_name"].is_string());
                }
            } else {
                customer_msgs += 1;
                assert_eq!(
                    m["from"]["id"], conv["from"]["id"],
                    "a customer's from.id is the PSID"
                );
            }
            assert!(m["message"].as_str().unwrap().starts_with("<div>"));
            assert!(!m["original_message"].as_str().unwrap().contains("<div>"));
            for a in m["attachments"].as_array().unwrap() {
                let t = a["type"].as_str().unwrap().to_owned();
                if ["photo", "video", "file", "audio", "sticker", "like"].contains(&t.as_str()) {
                    keys.insert(link_key(a).unwrap_or_else(|| panic!("no link in {a}")));
                }
                if t == "replied_message" {
                    assert!(
                        thread[..i]
                            .iter()
                            .any(|e| e["original_message"] == a["message"]
                                && e["from"]["id"] == a["from"]["id"]),
                        "quotes an earlier message of the thread: {a}"
                    );
                    assert!(a["from"]["name"].is_string() && a["attachments"].is_array());
                    quoted.get_or_insert((cid.clone(), m["id"].clone()));
                }
                types.insert(t);
            }
        }
    }
    assert!(page_msgs > staff_msgs && staff_msgs > 0 && customer_msgs > 0);
    assert_eq!(
        keys,
        BTreeSet::from([
            "url",
            "file_url",
            "preview_url",
            "src",
            "payload.url",
            "image_data.url"
        ])
    );
    for t in [
        "photo",
        "video",
        "file",
        "audio",
        "sticker",
        "like",
        "reaction",
        "template",
        "system_message",
        "replied_message",
    ] {
        assert!(types.contains(t), "{t} missing from {types:?}");
    }
    // Over HTTP, the same quote.
    let (cid, mid) = quoted.unwrap();
    let path = format!("/public_api/v1/pages/{}/conversations/{cid}/messages", p.id);
    let mut current = 0;
    let found = loop {
        let n = current.to_string();
        let mut q = vec![("page_access_token", p.token.as_str())];
        if current > 0 {
            q.push(("current_count", &n));
        }
        let (_, v) = get(&sim, &path, &q).await;
        let msgs = v["messages"].as_array().unwrap().clone();
        if let Some(m) = msgs.iter().find(|m| m["id"] == mid) {
            break m.clone();
        }
        assert!(!msgs.is_empty(), "the quoting message is in the thread");
        current += msgs.len();
    };
    assert!(
        found["attachments"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["type"] == "replied_message")
    );
}

#[tokio::test]
async fn messages_take_no_customer_id_or_the_uuid_never_the_psid() {
    let sim = sim(30, 0).await;
    let p = sim.main_page();
    let cid = sim.conversation_ids(&p.id)[0].clone();
    let conv = sim.conversation_json(&p.id, &cid).unwrap();
    let uuid = conv["customer_id"].as_str().unwrap();
    let psid = conv["from"]["id"].as_str().unwrap();
    let path = format!("/public_api/v1/pages/{}/conversations/{cid}/messages", p.id);
    let t = ("page_access_token", p.token.as_str());
    for q in [
        vec![t],
        vec![t, ("customer_id", "")],
        vec![t, ("customer_id", uuid)],
    ] {
        let (s, v) = get(&sim, &path, &q).await;
        assert_eq!(s, 200);
        assert_eq!(v["success"], true, "{q:?}: {v}");
        assert!(!v["messages"].as_array().unwrap().is_empty());
    }
    let (s, v) = get(&sim, &path, &[t, ("customer_id", psid)]).await;
    assert_eq!(s, 200);
    assert_eq!(
        v,
        json!({"success": false, "message": "Không tìm thấy khách hàng (customer not found)"})
    );
    let last = sim.requests().pop().unwrap();
    assert!(!last.ok() && last.error_code.is_none(), "{last:?}");
}

#[tokio::test]
async fn the_query_is_read_as_phoenix_does() {
    let sim = sim(400, 0).await;
    let p = sim.main_page();
    let path = format!("/public_api/v2/pages/{}/conversations", p.id);
    let t = ("page_access_token", p.token.as_str());
    let kinds = |v: &Value| -> BTreeSet<String> {
        v["conversations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["type"].as_str().unwrap().to_owned())
            .collect()
    };
    let (_, v) = get(&sim, &path, &[t, ("type", "INBOX"), ("type", "COMMENT")]).await;
    assert_eq!(
        kinds(&v),
        BTreeSet::from(["COMMENT".into()]),
        "the last plain value wins"
    );
    let (_, v) = get(
        &sim,
        &path,
        &[t, ("type[]", "INBOX"), ("type[]", "COMMENT")],
    )
    .await;
    assert_eq!(
        kinds(&v),
        BTreeSet::from(["COMMENT".into(), "INBOX".into()])
    );
    // Tags: comma-joined (pancake-api.md § List) or tags[]; the same conversations.
    let ids = |v: &Value| -> Vec<Value> {
        v["conversations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].clone())
            .collect()
    };
    let (_, a) = get(&sim, &path, &[t, ("tags", "1,4")]).await;
    let (_, b) = get(&sim, &path, &[t, ("tags[]", "1"), ("tags[]", "4")]).await;
    assert!(!ids(&a).is_empty());
    assert_eq!(ids(&a), ids(&b));
    for c in a["conversations"].as_array().unwrap() {
        let tags = c["tags"].as_array().unwrap();
        assert!(tags.contains(&json!(1)) || tags.contains(&json!(4)), "{c}");
    }
    // post_ids[] and comma-joined post_ids; a repeated plain one keeps the last.
    let posts: Vec<String> = (0..2)
        .map(|i| format!("{}_{}", p.id, 900_000 + i))
        .collect();
    let joined = posts.join(",");
    let post_set = |v: &Value| -> BTreeSet<String> {
        v["conversations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["post_id"].as_str().unwrap().to_owned())
            .collect()
    };
    let both: BTreeSet<String> = posts.iter().cloned().collect();
    let (_, v) = get(
        &sim,
        &path,
        &[t, ("post_ids[]", &posts[0]), ("post_ids[]", &posts[1])],
    )
    .await;
    assert_eq!(post_set(&v), both);
    let (_, v) = get(&sim, &path, &[t, ("post_ids", &joined)]).await;
    assert_eq!(post_set(&v), both);
    let (_, v) = get(
        &sim,
        &path,
        &[t, ("post_ids", &posts[0]), ("post_ids", &posts[1])],
    )
    .await;
    assert_eq!(post_set(&v), BTreeSet::from([posts[1].clone()]));
}

#[tokio::test]
async fn token_errors_come_as_the_real_service_sends_them() {
    let sim = sim(20, 0).await;
    let p = sim.main_page();
    let tags = format!("/public_api/v1/pages/{}/tags", p.id);
    // A wrong page token: 102 in the body, or HTTP 401.
    body_errors(&sim, 1.0);
    let (s, v) = get(&sim, &tags, &[("page_access_token", "wrong")]).await;
    assert_body_error(s, &v, 102, "Invalid access_token");
    body_errors(&sim, 0.0);
    let (s, _) = get(&sim, &tags, &[("page_access_token", "wrong")]).await;
    assert_eq!(s, 401);
    let log = sim.requests();
    assert_eq!(log[0].error_code, Some(102));
    assert_eq!((log[1].status, log[1].error_code), (401, None));

    // Revoked: the old token answers 105, the user token generates the new one.
    let new = sim.revoke_page_token(&p.id).unwrap();
    assert_ne!(new, p.token);
    assert_eq!(sim.main_page().token, new);
    let (s, v) = get(&sim, &tags, &[("page_access_token", &p.token)]).await;
    assert_body_error(s, &v, 105, "access_token has been revoked");
    let generate = format!("/v1/pages/{}/generate_page_access_token", p.id);
    let r = http()
        .post(format!("{}{generate}", sim.base_url()))
        .query(&[("access_token", sim.user_token())])
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["page_access_token"], new.as_str());
    let (s, v) = get(&sim, &tags, &[("page_access_token", &new)]).await;
    assert_eq!(s, 200);
    assert!(v["tags"].is_array());

    // An expired subscription: every page call answers 122.
    assert!(sim.expire_subscription(&p.id, true));
    let (s, v) = get(&sim, &tags, &[("page_access_token", &new)]).await;
    assert_body_error(s, &v, 122, "Page subscription expired");
    let cid = sim.conversation_ids(&p.id)[0].clone();
    let (s, v) = post(
        &sim,
        &format!("/public_api/v1/pages/{}/conversations/{cid}/read", p.id),
        &new,
        json!({}),
    )
    .await;
    assert_body_error(s, &v, 122, "Page subscription expired");
    assert!(sim.expire_subscription(&p.id, false));
    let (s, v) = get(&sim, &tags, &[("page_access_token", &new)]).await;
    assert_eq!((s, v["tags"].is_array()), (200, true));

    // An expired user token: 103; a wrong one still 200 without the keys.
    sim.expire_user_token(true);
    let (s, v) = get(&sim, "/v1/pages", &[("access_token", &sim.user_token())]).await;
    assert_body_error(s, &v, 103, "access_token has expired");
    let r = http()
        .post(format!("{}{generate}", sim.base_url()))
        .query(&[("access_token", sim.user_token())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["error_code"], 103);
    let (s, v) = get(&sim, "/v1/pages", &[("access_token", "wrong")]).await;
    assert_eq!((s, v), (200, json!({"success": false})));
    sim.expire_user_token(false);
    let (_, v) = get(&sim, "/v1/pages", &[("access_token", &sim.user_token())]).await;
    assert_eq!(v["categorized"]["activated"].as_array().unwrap().len(), 3);
    let codes: Vec<Option<i64>> = sim.requests().iter().map(|r| r.error_code).collect();
    for code in [102, 105, 122, 103] {
        assert!(codes.contains(&Some(code)), "{code} logged: {codes:?}");
    }
}

/// POST a JSON body to an admin endpoint of the simulator.
async fn admin(sim: &SimHandle, what: &str, body: Value) -> Value {
    let r = http()
        .post(format!("{}/__sim/{what}", sim.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    r.json().await.unwrap()
}

#[tokio::test]
async fn the_admin_endpoints_steer_the_same_troubles() {
    let sim = sim(20, 0).await;
    let p = sim.main_page();
    let tags = format!("/public_api/v1/pages/{}/tags", p.id);
    let v = admin(&sim, "revoke_page_token", json!({"page_id": p.id})).await;
    let new = v["page_access_token"].as_str().unwrap().to_owned();
    assert_eq!(sim.main_page().token, new);
    let (s, v) = get(&sim, &tags, &[("page_access_token", &p.token)]).await;
    assert_body_error(s, &v, 105, "access_token has been revoked");
    admin(
        &sim,
        "expire_subscription",
        json!({"page_id": p.id, "expired": true}),
    )
    .await;
    let (s, v) = get(&sim, &tags, &[("page_access_token", &new)]).await;
    assert_body_error(s, &v, 122, "Page subscription expired");
    admin(
        &sim,
        "expire_subscription",
        json!({"page_id": p.id, "expired": false}),
    )
    .await;
    admin(&sim, "expire_user_token", json!({"expired": true})).await;
    let (s, v) = get(&sim, "/v1/pages", &[("access_token", &sim.user_token())]).await;
    assert_body_error(s, &v, 103, "access_token has expired");
    admin(&sim, "expire_user_token", json!({"expired": false})).await;
    let cid = sim.conversation_ids(&p.id)[0].clone();
    let send = format!("/public_api/v1/pages/{}/conversations/{cid}/messages", p.id);
    let reply = json!({"action": "reply_inbox", "message": "Dạ"});
    let reply = if sim.conversation_json(&p.id, &cid).unwrap()["type"] == "INBOX" {
        reply
    } else {
        let mid = sim.messages_json(&p.id, &cid).last().unwrap()["id"].clone();
        json!({"action": "reply_comment", "message_id": mid, "message": "Dạ"})
    };
    admin(
        &sim,
        "refuse_sends",
        json!({"page_id": p.id, "conversation_id": cid, "e_code": 551}),
    )
    .await;
    let (s, v) = post(&sim, &send, &new, reply.clone()).await;
    assert_eq!(s, 200);
    assert_eq!(
        v,
        json!({"success": false, "message": "(#551) This person isn't available right now.", "e_code": 551})
    );
    admin(
        &sim,
        "refuse_sends",
        json!({"page_id": p.id, "conversation_id": cid, "e_code": null}),
    )
    .await;
    let (_, v) = post(&sim, &send, &new, reply).await;
    assert_eq!(v["success"], true, "{v}");
    let v = admin(
        &sim,
        "faults",
        json!({"storm_429": true, "body_errors": 1.0, "ghost_private_replies": true}),
    )
    .await;
    assert_eq!(v["success"], true);
    let (s, v) = get(&sim, &tags, &[("page_access_token", &new)]).await;
    assert_body_error(s, &v, 429, "Too many requests");
    // The log over HTTP carries the new fields.
    let r = http()
        .get(format!("{}/__sim/requests", sim.base_url()))
        .send()
        .await
        .unwrap();
    let log: Value = r.json().await.unwrap();
    let last = log.as_array().unwrap().last().unwrap();
    assert_eq!(
        (last["error_code"].clone(), last["success"].clone()),
        (json!(429), json!(false))
    );
}

#[tokio::test]
async fn replies_outside_facebooks_24_hour_window_are_refused() {
    let sim = sim(400, 0).await;
    let p = sim.main_page();
    let ids = sim.conversation_ids(&p.id);
    // The top of the list can be answered; most further down cannot.
    assert!(
        ids.iter()
            .take(20)
            .all(|id| sim.reply_window_open(&p.id, id) == Some(true))
    );
    let closed = ids
        .iter()
        .filter(|id| sim.reply_window_open(&p.id, id) == Some(false))
        .count();
    assert!(closed > ids.len() / 2, "{closed} of {}", ids.len());
    let inbox = |open: bool| {
        ids.iter()
            .find(|id| {
                sim.conversation_json(&p.id, id).unwrap()["type"] == "INBOX"
                    && sim.reply_window_open(&p.id, id) == Some(open)
            })
            .unwrap()
            .clone()
    };
    let (old, fresh) = (inbox(false), inbox(true));
    let send = |c: &str| format!("/public_api/v1/pages/{}/conversations/{c}/messages", p.id);
    let reply = json!({"action": "reply_inbox", "message": "Dạ shop đây ạ"});
    let before = sim.messages_json(&p.id, &old).len();
    let (s, v) = post(&sim, &send(&old), &p.token, reply.clone()).await;
    assert_eq!(s, 200);
    assert_eq!(
        v,
        json!({"success": false, "message": "(#10) This message is sent outside of allowed window.",
               "e_code": 10, "e_subcode": 2018278})
    );
    assert_eq!(sim.messages_json(&p.id, &old).len(), before, "nothing sent");
    let last = sim.requests().pop().unwrap();
    assert_eq!((last.ok(), last.error_code), (false, Some(10)));
    let (_, v) = post(&sim, &send(&fresh), &p.token, reply.clone()).await;
    assert_eq!(v["success"], true, "{v}");
    // The customer writes again: the window opens.
    sim.inject_customer_message(&p.id, &old, "Shop ơi?");
    assert_eq!(sim.reply_window_open(&p.id, &old), Some(true));
    let (_, v) = post(&sim, &send(&old), &p.token, reply).await;
    assert_eq!(v["success"], true, "{v}");
}

#[tokio::test]
async fn refused_sends_carry_facebooks_codes_until_cleared() {
    let sim = sim(50, 0).await;
    let p = sim.main_page();
    let cid = sim
        .conversation_ids(&p.id)
        .into_iter()
        .find(|id| sim.conversation_json(&p.id, id).unwrap()["type"] == "INBOX")
        .unwrap();
    let send = format!("/public_api/v1/pages/{}/conversations/{cid}/messages", p.id);
    let reply = json!({"action": "reply_inbox", "message": "Dạ"});
    let before = sim.messages_json(&p.id, &cid).len();
    assert!(sim.refuse_sends(&p.id, &cid, Some((551, 0))));
    let (s, v) = post(&sim, &send, &p.token, reply.clone()).await;
    assert_eq!(s, 200);
    assert_eq!(
        v,
        json!({"success": false, "message": "(#551) This person isn't available right now.", "e_code": 551})
    );
    assert!(sim.refuse_sends(&p.id, &cid, Some((368, 3_252_001))));
    let (s, v) = post(&sim, &send, &p.token, reply.clone()).await;
    assert_eq!(
        (s, &v["success"], &v["e_code"], &v["e_subcode"]),
        (200, &json!(false), &json!(368), &json!(3252001))
    );
    assert!(v["message"].is_string());
    assert_eq!(sim.messages_json(&p.id, &cid).len(), before, "nothing sent");
    // Other actions on it still work.
    let (_, v) = post(
        &sim,
        &format!("/public_api/v1/pages/{}/conversations/{cid}/read", p.id),
        &p.token,
        json!({}),
    )
    .await;
    assert_eq!(v["success"], true);
    assert!(sim.refuse_sends(&p.id, &cid, None));
    let (_, v) = post(&sim, &send, &p.token, reply).await;
    assert_eq!(v["success"], true, "{v}");
    assert_eq!(sim.messages_json(&p.id, &cid).len(), before + 1);
    let codes: Vec<Option<i64>> = sim.requests().iter().map(|r| r.error_code).collect();
    assert_eq!(codes, [Some(551), Some(368), None, None]);
    assert!(!sim.refuse_sends(&p.id, "nope", None));
}

#[tokio::test]
async fn ghost_private_replies_are_delivered_though_reported_failed() {
    let sim = sim(400, 0).await;
    let p = sim.main_page();
    let cid = sim
        .conversation_ids(&p.id)
        .into_iter()
        .find(|id| sim.conversation_json(&p.id, id).unwrap()["type"] == "COMMENT")
        .unwrap();
    sim.inject_customer_message(&p.id, &cid, "giá bao nhiêu?");
    let comment = sim.messages_json(&p.id, &cid).last().unwrap().clone();
    sim.set_faults(Faults {
        ghost_private_replies: true,
        ..Faults::default()
    });
    let send = format!("/public_api/v1/pages/{}/conversations/{cid}/messages", p.id);
    let body = json!({"action": "private_replies", "post_id": "x", "message_id": comment["id"],
                      "from_id": comment["from"]["id"], "message": "Dạ shop inbox ạ"});
    let (s, v) = post(&sim, &send, &p.token, body.clone()).await;
    assert_eq!(s, 200);
    assert_eq!(v["success"], false, "{v}");
    assert!(v["message"].is_string());
    assert!(
        sim.messages_json(&p.id, &cid)
            .iter()
            .any(|m| m["original_message"] == "Dạ shop inbox ạ"),
        "delivered all the same"
    );
    assert!(!sim.requests().pop().unwrap().ok());
    // It counted: the comment has had its one private reply.
    let (_, v) = post(&sim, &send, &p.token, body).await;
    assert!(v["message"].as_str().unwrap().contains("already"), "{v}");
}

/// The statistics in the shapes of pancake-api.md § Statistics; no
/// `statistics/page_customers`; `page_customers` is both the customer list
/// and, with `group_by`, the new customers per day (local midnight at UTC+7
/// written in UTC: 17:00 the day before).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_statistics_answer_in_the_documented_shapes() {
    let sim = sim(200, 0).await;
    let main = sim.main_page();
    let base = format!("/public_api/v1/pages/{}", main.id);
    let token = ("page_access_token", main.token.as_str());
    let now = pancake_tui::api::UnixSeconds::now().0;
    let (since, until) = ((now - 7 * 86_400).to_string(), now.to_string());
    let instants = [token, ("since", since.as_str()), ("until", until.as_str())];
    let range = pancake_tui::api::stats::Period::last_days(
        pancake_tui::api::UnixSeconds(now),
        7,
        pancake_tui::sim::day::time_zone(),
    );
    let (dr, days) = (range.date_range(), range.date_range_days());

    let (s, v) = get(&sim, &format!("{base}/statistics/pages"), &instants).await;
    assert_eq!(s, 200);
    let rows = v["data"].as_array().unwrap();
    assert!(
        !rows.is_empty()
            && rows
                .iter()
                .all(|r| r["hour"].is_string() && r["page_inbox_count"].is_u64())
    );

    let (_, v) = get(&sim, &format!("{base}/statistics/tags"), &instants).await;
    let categories = v["data"]["categories"].as_array().unwrap().len();
    assert_eq!(categories, 8, "eight local days touched: {v}");
    let series = v["data"]["series"].as_object().unwrap();
    assert!(
        series
            .values()
            .all(|a| a.as_array().unwrap().len() == categories)
    );
    assert!(v["data_today"]["series"].is_object());
    assert!(
        v["tags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["lighten_color"].is_string())
    );

    let (_, v) = get(
        &sim,
        &format!("{base}/statistics/users"),
        &[token, ("date_range", &dr)],
    )
    .await;
    let users = v["data"]["users"].as_object().unwrap();
    assert_eq!(users.len(), 8);
    assert!(
        users
            .values()
            .all(|u| u["user_name"].is_string() && u["unique_inbox_count"].is_u64())
    );
    assert!(
        users
            .values()
            .any(|u| u["average_response_time"].as_u64() > Some(1000)),
        "ms"
    );
    assert!(v["data"]["statistics"].is_object());

    let (_, v) = get(
        &sim,
        &format!("{base}/statistics/customer_engagements"),
        &[token, ("date_range", &dr), ("by_hour", "true")],
    )
    .await;
    assert!(v["data"]["series"].is_array() && v["data"]["categories"].is_array());
    let hours = v["statistics"].as_array().unwrap();
    assert!(
        hours
            .iter()
            .all(|h| h["hour"].as_str().unwrap().ends_with(":00:00Z"))
    );
    assert!(hours.iter().all(
        |h| h["total"] == json!(h["inbox"].as_u64().unwrap() + h["comment"].as_u64().unwrap())
    ));
    assert_eq!(v["users_engagements"].as_array().unwrap().len(), 8);

    let (s, _) = get(
        &sim,
        &format!("{base}/statistics/page_customers"),
        &[token, ("date_range", &days), ("group_by", "day")],
    )
    .await;
    assert_eq!(s, 404, "there is no statistics/page_customers");
    let (s, v) = get(
        &sim,
        &format!("{base}/page_customers"),
        &[token, ("date_range", &days), ("group_by", "day")],
    )
    .await;
    assert_eq!(s, 200);
    let buckets = v["data"].as_array().unwrap();
    assert_eq!(buckets.len(), 8, "every local day: {v}");
    assert!(
        buckets
            .iter()
            .all(|b| b["date"].as_str().unwrap().ends_with("T17:00:00"))
    );
    assert!(
        buckets
            .iter()
            .any(|b| b["new_customer_count"].as_u64() > Some(0))
    );
    // The customer list, on the same path.
    let (s, v) = get(
        &sim,
        &format!("{base}/page_customers"),
        &[
            token,
            ("since", "0"),
            ("until", until.as_str()),
            ("page_number", "1"),
            ("page_size", "10"),
        ],
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["customers"].as_array().unwrap().len(), 10);
}

async fn send(
    sim: &SimHandle,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: Value,
) -> (u16, Value) {
    let r = http()
        .request(method, format!("{}{path}", sim.base_url()))
        .query(&[("page_access_token", token)])
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// Notes, customer fixes, posts and the messages call's customer id:
/// served as pancake-api.md says, strictly.
#[tokio::test]
async fn notes_customer_fixes_and_posts_are_served_strictly() {
    use reqwest::Method;
    let sim = sim(30, 1000).await;
    let p = sim.main_page();
    let tok = p.token.as_str();
    let id = sim.conversation_ids(&p.id)[0].clone();
    let conv = sim.conversation_json(&p.id, &id).unwrap();
    let pc = conv["page_customer"]["id"].as_str().unwrap().to_owned();
    let base = format!("/public_api/v1/pages/{}", p.id);
    let notes = format!("{base}/page_customers/{pc}/notes");
    // The messages call takes the page customer's id or the global one,
    // never the PSID; its answer carries the notes.
    let messages = format!("{base}/conversations/{id}/messages");
    for ok_id in [pc.as_str(), conv["customer_id"].as_str().unwrap()] {
        let (s, v) = get(
            &sim,
            &messages,
            &[("page_access_token", tok), ("customer_id", ok_id)],
        )
        .await;
        assert_eq!((s, &v["success"]), (200, &json!(true)), "{v}");
        assert!(v["notes"].is_array());
    }
    let psid = conv["from"]["id"].as_str().unwrap();
    let (s, v) = get(
        &sim,
        &messages,
        &[("page_access_token", tok), ("customer_id", psid)],
    )
    .await;
    assert_refused(s, &v, "customer not found");

    // Add, edit, delete; each refused when it makes no sense.
    let before = sim.conversation_json(&p.id, &id).unwrap()["page_customer"]["notes"]
        .as_array()
        .map_or(0, Vec::len);
    let (s, v) = send(&sim, Method::POST, &notes, tok, json!({"message": "  "})).await;
    assert_refused(s, &v, "message is required");
    let (s, _) = send(
        &sim,
        Method::POST,
        &format!("{base}/page_customers/nobody/notes"),
        tok,
        json!({"message": "x"}),
    )
    .await;
    assert_eq!(s, 404);
    let (s, v) = send(
        &sim,
        Method::POST,
        &notes,
        tok,
        json!({"message": "gọi lại 18h"}),
    )
    .await;
    assert_eq!((s, v), (200, json!({"success": true})));
    let served = sim.conversation_json(&p.id, &id).unwrap()["page_customer"]["notes"].clone();
    assert_eq!(served.as_array().unwrap().len(), before + 1);
    let note = served.as_array().unwrap().last().unwrap().clone();
    assert_eq!(note["message"], "gọi lại 18h");
    let note_id = note["id"].as_str().unwrap();
    let (s, v) = send(
        &sim,
        Method::PUT,
        &notes,
        tok,
        json!({"note_id": "nope", "message": "x"}),
    )
    .await;
    assert_refused(s, &v, "note_id not found");
    let (s, v) = send(
        &sim,
        Method::PUT,
        &notes,
        tok,
        json!({"note_id": note_id, "message": "gọi lại 19h"}),
    )
    .await;
    assert_eq!((s, v), (200, json!({"success": true})));
    let (s, v) = send(
        &sim,
        Method::DELETE,
        &notes,
        tok,
        json!({"note_id": note_id}),
    )
    .await;
    assert_eq!((s, v), (200, json!({"success": true})));
    let (s, v) = send(
        &sim,
        Method::DELETE,
        &notes,
        tok,
        json!({"note_id": note_id}),
    )
    .await;
    assert_refused(s, &v, "note_id not found");
    let last = sim.conversation_json(&p.id, &id).unwrap()["page_customer"]["notes"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["message"], "gọi lại 19h");
    assert!(last["removed_at"].is_number());

    // The record: a bad gender or date changes nothing.
    let customer = format!("{base}/page_customers/{pc}");
    for bad in [
        json!({"gender": "robot"}),
        json!({"birthday": "1990-02-30"}),
        json!({"birthday": "21/07/1994"}),
    ] {
        let (s, v) = send(&sim, Method::PUT, &customer, tok, json!({"changes": bad})).await;
        assert_refused(s, &v, "must be");
    }
    let changes = json!({"changes": {"name": "Hà Test", "gender": "female", "birthday": "1994-07-21", "phone_numbers": ["0912000111"]}});
    let (s, v) = send(&sim, Method::PUT, &customer, tok, changes).await;
    assert_eq!((s, v), (200, json!({"success": true})));
    let r = sim.conversation_json(&p.id, &id).unwrap()["page_customer"].clone();
    assert_eq!(
        (
            &r["name"],
            &r["gender"],
            &r["birthday"],
            &r["phone_numbers"]
        ),
        (
            &json!("Hà Test"),
            &json!("female"),
            &json!("1994-07-21"),
            &json!(["0912000111"])
        )
    );

    // Posts, paged; since, until, page_number and page_size (at most 30)
    // all required (pancake-api.md § Posts).
    let posts = format!("{base}/posts");
    let until = pancake_tui::api::UnixSeconds::now().0.to_string();
    let window = [("since", "0"), ("until", until.as_str())];
    let page_of = |n: &'static str, size: &'static str| {
        let mut q = vec![
            ("page_access_token", tok),
            ("page_number", n),
            ("page_size", size),
        ];
        q.extend(window);
        q
    };
    let (s, v) = get(&sim, &posts, &page_of("1", "4")).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["posts"].as_array().unwrap().len(), 4);
    let (_, v2) = get(&sim, &posts, &page_of("2", "4")).await;
    assert_ne!(v["posts"][0]["id"], v2["posts"][0]["id"]);
    let (s, v) = get(&sim, &posts, &page_of("1", "31")).await;
    assert_refused(s, &v, "page_size");
    let (s, v) = get(
        &sim,
        &posts,
        &[
            ("page_access_token", tok),
            ("page_number", "1"),
            ("page_size", "4"),
        ],
    )
    .await;
    assert_refused(s, &v, "since and until");
    // The request log records them all (the end-to-end oracle).
    let log = sim.requests();
    assert!(
        log.iter()
            .any(|r| r.method == "DELETE" && r.path.ends_with("/notes"))
    );
    assert!(
        log.iter()
            .any(|r| r.method == "PUT" && r.path.ends_with(&pc))
    );
}
