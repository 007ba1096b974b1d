//! `read_hook` on bodies in the shapes of Pancake's webhooks
//! (pancake-api.md § Webhooks), every name, phone and text invented.

use std::collections::HashSet;

use serde_json::{Value, json};

use super::webhook::{Hook, Ignored, News, read_hook};
use crate::api::{PageId, UnixSeconds};
use crate::team::event::{Entry, TeamEvent, decode_entry};

const PAGE: &str = "105384912345678";
const ORIGIN: &str = "relay:test.1";

fn pages() -> HashSet<PageId> {
    [PageId::new(PAGE)].into_iter().collect()
}

/// A customer's new message, as a `messaging` event carries it.
fn messaging(text: &str) -> Value {
    json!({
        "event_type": "messaging",
        "page_id": PAGE,
        "data": {
            "conversation": {
                "id": format!("{PAGE}_7001"),
                "type": "INBOX",
                "page_id": PAGE,
                "from": {"id": "7001", "name": "Khách Thử Một"},
                "snippet": "an older snippet",
                "tags": [3],
                "recent_phone_numbers": [{"phone_number": "0900000001"}]
            },
            "message": {
                "id": "m_1001",
                "conversation_id": format!("{PAGE}_7001"),
                "page_id": PAGE,
                "from": {"id": "7001", "name": "Khách Thử Một", "page_customer_id": "pc-42"},
                "message": "<div>Còn bánh bông lan không?</div>",
                "original_message": text,
                "inserted_at": "2026-05-28T08:14:22",
                "type": "INBOX",
                "attachments": []
            }
        }
    })
}

fn read(body: &Value) -> Hook {
    read_hook(body.to_string().as_bytes(), &pages(), ORIGIN).expect("a webhook")
}

fn news(body: &Value) -> News {
    match read(body) {
        Hook::News(n) => n,
        Hook::Ignored(why) => panic!("left aside: {why}"),
    }
}

/// The entries as an inbox reads them back from the stream.
fn read_back(n: &News) -> Vec<Entry> {
    n.entries
        .iter()
        .map(|e| {
            let fields: Vec<(String, Vec<u8>)> = e
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.as_bytes().to_vec()))
                .collect();
            decode_entry(&n.page, &fields).expect("an entry the inboxes read")
        })
        .collect()
}

fn refused(body: &[u8]) -> String {
    match read_hook(body, &pages(), ORIGIN) {
        Err(why) => why.0,
        Ok(h) => panic!("taken: {h:?}"),
    }
}

#[test]
fn a_customer_message_is_a_conversation_then_a_message() {
    let n = news(&messaging("Còn bánh bông lan không?\nMai lấy 2 cái"));
    assert_eq!(n.page.as_str(), PAGE);
    assert!(n.event.starts_with("m_1001:"), "{}", n.event);
    let entries = read_back(&n);
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|e| e.origin == ORIGIN));
    let at = UnixSeconds::parse("2026-05-28T08:14:22");
    match &entries[0].event {
        TeamEvent::Conversations { conversations, .. } => {
            assert_eq!(conversations.len(), 1);
            let c = &conversations[0];
            assert_eq!(c.id.as_str(), format!("{PAGE}_7001"));
            assert_eq!(c.page_id.as_str(), PAGE);
            assert_eq!(c.snippet, "Còn bánh bông lan không?");
            assert_eq!(c.updated_at, at);
            assert_eq!(c.last_customer_message_at, at);
            assert_eq!(c.customer.name, "Khách Thử Một");
            assert_eq!(c.customer.psid.as_deref(), Some("7001"));
            assert_eq!(c.customer.page_customer_id.as_deref(), Some("pc-42"));
            assert_eq!(c.phones, vec!["0900000001".to_owned()]);
            assert!(!c.seen, "a customer's new message is unread");
        }
        other => panic!("first entry: {other:?}"),
    }
    match &entries[1].event {
        TeamEvent::Messages {
            conversation,
            messages,
        } => {
            assert_eq!(conversation.as_str(), format!("{PAGE}_7001"));
            assert_eq!(messages.len(), 1);
            let m = &messages[0];
            assert_eq!(m.id, "m_1001");
            assert_eq!(m.text, "Còn bánh bông lan không?\nMai lấy 2 cái");
            assert!(!m.from_page);
            assert_eq!(m.inserted_at, at);
        }
        other => panic!("second entry: {other:?}"),
    }
}

#[test]
fn the_pages_own_reply_is_news_but_not_the_customers() {
    let mut body = messaging("Dạ còn ạ");
    body["data"]["message"]["from"] = json!({"id": PAGE, "name": "Tiệm Thử"});
    body["data"]["message"]["admin_name"] = json!("Nhân Viên Thử");
    body["data"]["conversation"]["seen"] = json!(true);
    let entries = read_back(&news(&body));
    let TeamEvent::Conversations { conversations, .. } = &entries[0].event else {
        panic!("{entries:?}");
    };
    let c = &conversations[0];
    assert_eq!(c.snippet, "Dạ còn ạ");
    assert!(c.updated_at.is_some());
    assert_eq!(c.last_customer_message_at, None);
    assert!(c.seen);
    let TeamEvent::Messages { messages, .. } = &entries[1].event else {
        panic!("{entries:?}");
    };
    assert!(messages[0].from_page);
    assert_eq!(messages[0].admin_name.as_deref(), Some("Nhân Viên Thử"));
}

#[test]
fn a_message_alone_is_one_entry_of_its_conversation() {
    let mut body = messaging("Cho mình hỏi giá");
    body["data"].as_object_mut().unwrap().remove("conversation");
    let n = news(&body);
    let entries = read_back(&n);
    assert_eq!(entries.len(), 1);
    assert!(matches!(
        &entries[0].event,
        TeamEvent::Messages { conversation, .. } if conversation.as_str() == format!("{PAGE}_7001")
    ));
}

#[test]
fn numbers_as_ids_are_read() {
    let mut body = messaging("Số thay chữ");
    body["page_id"] = json!(105384912345678u64);
    body["data"]["message"]["id"] = json!(987654321);
    let n = news(&body);
    assert_eq!(n.page.as_str(), PAGE);
    assert!(n.event.starts_with("987654321:"));
}

#[test]
fn the_same_message_is_the_same_event_an_edit_is_another() {
    let once = news(&messaging("Giống nhau"));
    let again = news(&messaging("Giống nhau"));
    let edited = news(&messaging("Đã sửa"));
    assert_eq!(once.event, again.event);
    assert_ne!(once.event, edited.event);
    assert!(edited.event.starts_with("m_1001:"));
}

#[test]
fn other_pages_and_other_events_are_left_aside() {
    let mut other = messaging("Trang khác");
    other["page_id"] = json!("200000000000001");
    assert!(matches!(
        read(&other),
        Hook::Ignored(Ignored::OtherPage(p)) if p == "200000000000001"
    ));
    let sub = json!({"event_type": "subscription", "data": {"subscription": {"plan": "x"}}});
    assert!(matches!(read(&sub), Hook::Ignored(Ignored::Subscription)));
    let post = json!({"event_type": "post", "page_id": PAGE, "data": {"post": {"id": "p1"}}});
    assert!(matches!(read(&post), Hook::Ignored(Ignored::Post)));
    let odd = json!({"event_type": "\u{1b}[2Jodd", "page_id": PAGE});
    match read(&odd) {
        Hook::Ignored(Ignored::Kind(k)) => assert!(!k.contains('\u{1b}'), "{k:?}"),
        h => panic!("{h:?}"),
    }
}

#[test]
fn malformed_bodies_are_refused_in_our_words() {
    let secret = "SECRET-MARKER-0451";
    let cases: Vec<Vec<u8>> = vec![
        format!("not json {secret}").into_bytes(),
        format!("[\"{secret}\"]").into_bytes(),
        json!({"page_id": PAGE, "x": secret})
            .to_string()
            .into_bytes(),
        json!({"event_type": "messaging", "data": {"x": secret}})
            .to_string()
            .into_bytes(),
        json!({"event_type": "messaging", "page_id": PAGE, "data": secret})
            .to_string()
            .into_bytes(),
        json!({"event_type": "messaging", "page_id": PAGE, "data": {"x": secret}})
            .to_string()
            .into_bytes(),
        vec![0xff, 0xfe, b'{'],
        Vec::new(),
    ];
    for body in cases {
        let why = refused(&body);
        assert!(!why.contains(secret), "{why}");
        assert!(!why.is_empty());
    }
}

#[test]
fn ids_are_checked() {
    let mut no_id = messaging("x");
    no_id["data"]["message"]
        .as_object_mut()
        .unwrap()
        .remove("id");
    assert!(refused(no_id.to_string().as_bytes()).contains("no id"));

    let mut no_conv_id = messaging("x");
    no_conv_id["data"]["conversation"]
        .as_object_mut()
        .unwrap()
        .remove("id");
    refused(no_conv_id.to_string().as_bytes());

    let mut other_conv = messaging("x");
    other_conv["data"]["message"]["conversation_id"] = json!("1_2");
    assert!(refused(other_conv.to_string().as_bytes()).contains("another conversation"));

    let mut other_page = messaging("x");
    other_page["data"]["conversation"]["page_id"] = json!("200000000000001");
    assert!(refused(other_page.to_string().as_bytes()).contains("another page"));

    let mut msg_page = messaging("x");
    msg_page["data"]["message"]["page_id"] = json!("200000000000001");
    assert!(refused(msg_page.to_string().as_bytes()).contains("another page"));

    let mut control = messaging("x");
    control["data"]["message"]["id"] = json!("m_1\u{1b}[2J");
    refused(control.to_string().as_bytes());

    let mut long = messaging("x");
    long["data"]["message"]["id"] = json!("m".repeat(500));
    refused(long.to_string().as_bytes());

    let mut orphan = messaging("x");
    orphan["data"]
        .as_object_mut()
        .unwrap()
        .remove("conversation");
    orphan["data"]["message"]
        .as_object_mut()
        .unwrap()
        .remove("conversation_id");
    assert!(refused(orphan.to_string().as_bytes()).contains("no conversation"));
}

#[test]
fn escape_sequences_do_not_survive() {
    let evil = "Chào\u{1b}]52;c;ZWNobyBoaQ==\u{7} shop\u{1b}[31m đỏ\u{9b}2J\u{202e}";
    let mut body = messaging(evil);
    body["data"]["message"]["from"]["name"] = json!("Khách\u{1b}[H\u{1b}[2J");
    body["data"]["conversation"]["from"]["name"] = json!("Khách\u{1b}[H\u{1b}[2J");
    body["data"]["conversation"]["snippet"] = json!("\u{1b}[5m nhấp nháy");
    let n = news(&body);
    for e in &n.entries {
        for (_, v) in e {
            // Not even escaped in the JSON: the text itself is clean.
            assert!(!v.contains('\u{1b}') && !v.contains("\\u001b"), "{v}");
            assert!(!v.contains('\u{9b}') && !v.contains('\u{202e}'), "{v}");
        }
    }
    let entries = read_back(&n);
    let TeamEvent::Messages { messages, .. } = &entries[1].event else {
        panic!("{entries:?}");
    };
    assert!(messages[0].text.contains("Chào"));
    assert!(messages[0].text.contains("đỏ"));
    assert!(!messages[0].text.chars().any(char::is_control));
    assert!(!messages[0].from_name.chars().any(char::is_control));
}

#[test]
fn a_huge_text_is_cut_to_what_the_inboxes_keep() {
    let n = news(&messaging(&"bánh ".repeat(10_000)));
    let entries = read_back(&n);
    let TeamEvent::Messages { messages, .. } = &entries[1].event else {
        panic!("{entries:?}");
    };
    assert_eq!(messages[0].text.chars().count(), 20_000);
    assert!(n.size() > 20_000);
}

/// The shape of the documented example (pancake-api.md § Webhooks): a
/// conversation without page id, customers or times, ids with a platform
/// prefix, a post beside them; values invented.
#[test]
fn the_documented_shape_is_read() {
    let page = "tt_9000000000000000001";
    let conv = "tt_0:1:9000000000000000002:9000000000000000001";
    let body = json!({
        "data": {
            "conversation": {
                "id": conv,
                "assignee_ids": ["00000000-0000-4000-8000-000000000001"],
                "from": {"id": "tt_9000000000000000002", "name": "Khách Thử Ba"},
                "is_combined": false, "is_removed": false, "is_replied": false,
                "read_watermarks": null, "seen": false, "snippet": "alo shop",
                "tags": [], "type": "INBOX"
            },
            "message": {
                "attachments": [], "can_comment": false, "conversation_id": conv,
                "edit_history": null,
                "from": {
                    "id": "tt_9000000000000000002",
                    "page_customer_id": "00000000-0000-4000-8000-000000000002",
                    "name": "Khách Thử Ba"
                },
                "has_phone": false, "id": "tt_9000000000000000003",
                "inserted_at": "2026-05-28T11:06:07.000000", "is_hidden": false,
                "is_removed": false, "message": "alo shop", "original_message": "alo shop",
                "page_id": page, "parent_id": null, "phone_info": [], "type": "INBOX"
            },
            "post": {"id": "tt_9000000000000000001_1", "message": "Bài đăng thử", "type": "COMMENT"}
        },
        "event_type": "messaging",
        "page_id": page
    });
    let pages: HashSet<PageId> = [PageId::new(page)].into_iter().collect();
    let Ok(Hook::News(n)) = read_hook(body.to_string().as_bytes(), &pages, ORIGIN) else {
        panic!("not read");
    };
    let entries = read_back(&n);
    let TeamEvent::Conversations { conversations, .. } = &entries[0].event else {
        panic!("{entries:?}");
    };
    let c = &conversations[0];
    assert_eq!(c.page_id.as_str(), page);
    assert_eq!(c.id.as_str(), conv);
    assert!(!c.seen);
    assert_eq!(c.assignee_ids.len(), 1);
    assert_eq!(
        c.customer.page_customer_id.as_deref(),
        Some("00000000-0000-4000-8000-000000000002")
    );
    assert_eq!(c.updated_at, UnixSeconds::parse("2026-05-28T11:06:07"));
    assert!(
        matches!(&entries[1].event, TeamEvent::Messages { messages, .. } if messages[0].text == "alo shop")
    );
}
