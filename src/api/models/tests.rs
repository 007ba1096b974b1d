//! The models' unit tests: each shape decoded, text sanitized.

use super::*;
use crate::api::ids::{ConversationId, PageId, TagId, UserId};
use crate::api::time::UnixSeconds;

fn page() -> PageId {
    PageId::new("105")
}

#[test]
fn reference_shape_decodes() {
    let raw: RawConversation = serde_json::from_str(
        r#"{"id":"105_77","type":"COMMENT","page_id":105,
            "customers":[{"id":"c1","fb_id":77,"name":"Nguyễn Thị Phương"}],
            "from":{"id":"77","name":"ignored"},"snippet":"Còn size M không?",
            "seen":false,"tags":[0,1],"assignee_ids":["u1"],"post_id":"105_9",
            "message_count":"12","inserted_at":"2026-05-20T03:11:05",
            "updated_at":"2026-05-28T08:14:22Z","extra":{"nested":[1,2]},
            "recent_phone_numbers":[{"phone_number":"0901234567"}]}"#,
    )
    .unwrap();
    let c = raw.into_model(&page());
    assert_eq!(c.page_id, PageId::new("105"));
    assert_eq!(c.kind, ConversationType::Comment);
    assert_eq!(c.customer.page_customer_id.as_deref(), Some("c1"));
    assert_eq!(c.customer.psid.as_deref(), Some("77"));
    assert_eq!(c.customer.name, "Nguyễn Thị Phương");
    assert!(!c.seen);
    assert_eq!(c.tags, vec![TagId::new("0"), TagId::new("1")]);
    assert_eq!(c.message_count, Some(12));
    assert_eq!(c.updated_at, UnixSeconds::parse("2026-05-28T08:14:22"));
    assert_eq!(c.phones, vec!["0901234567".to_string()]);
}

#[test]
fn seed_article_shape_decodes() {
    let raw: RawConversation = serde_json::from_str(
        r#"{"id":"conv_abc123","type":"INBOX","page_uid":"123456789",
            "updated_at":"2026-05-28T08:14:22Z","inserted_at":"2026-05-20T03:11:05Z",
            "tags":["tag_id_1","tag_id_2"],
            "last_message":{"text":"Hi, do you still have size M in stock?","sender":"customer","created_at":"2026-05-28T08:14:22Z"},
            "participants":[{"name":"John Doe","email":null,"phone":"+1234567890"}]}"#,
    )
    .unwrap();
    let c = raw.into_model(&page());
    assert_eq!(c.page_id, PageId::new("123456789"));
    assert_eq!(c.customer.name, "John Doe");
    assert_eq!(c.snippet, "Hi, do you still have size M in stock?");
    assert_eq!(c.tags[0], TagId::new("tag_id_1"));
    assert!(c.seen, "no seen field: not invented as unread");
    assert_eq!(c.phones, vec!["+1234567890".to_string()]);
}

#[test]
fn nulls_and_missing_fields_are_tolerated() {
    let raw: RawConversation = serde_json::from_str(
        r#"{"id":5,"type":null,"customers":null,"tags":null,"assignee_ids":null,
            "seen":null,"updated_at":null,"snippet":null}"#,
    )
    .unwrap();
    let c = raw.into_model(&page());
    assert_eq!(c.id, ConversationId::new("5"));
    assert_eq!(c.page_id, page());
    assert_eq!(c.customer.name, "(unknown customer)");
    assert!(c.tags.is_empty() && c.assignee_ids.is_empty());
}

#[test]
fn hostile_text_is_sanitized_at_the_boundary() {
    let raw: RawConversation = serde_json::from_str(
        r#"{"id":"1","customers":[{"name":"\u001b]0;pwned\u0007Eve\r\nX"}],
            "snippet":"\u001b[2Jhi\tthere"}"#,
    )
    .unwrap();
    let c = raw.into_model(&page());
    assert!(
        !c.customer.name.chars().any(char::is_control),
        "{:?}",
        c.customer.name
    );
    assert!(!c.snippet.chars().any(char::is_control), "{:?}", c.snippet);
}

#[test]
fn message_prefers_original_and_strips_html_otherwise() {
    let m: RawMessage = serde_json::from_str(
        r#"{"id":"m1","from":{"id":"105","name":"Shop"},"message":"<b>x</b>","original_message":"plain",
            "attachments":[{"type":"PHOTO","url":"https://x/y.jpg"}],"is_removed":1}"#,
    )
    .unwrap();
    let m = m.into_model(&page());
    assert_eq!(m.text, "plain");
    assert!(m.from_page);
    assert!(m.is_removed);
    assert_eq!(m.attachments[0].kind, "photo");
    assert_eq!(
        strip_html("<div>Hello &amp; welcome<br/>to <i>Pancake</i></div><p>ok &#x1F600;</p>"),
        "Hello & welcome\nto Pancake\nok 😀"
    );
}

#[test]
fn tags_staff_and_pages_decode() {
    let tags: RawTagList = serde_json::from_str(
        r##"{"tags":[{"id":1,"text":"Orders","color":"#2ecc71","lighten_color":"#a3e4be"},{"id":"2","name":"X","color":"bad"}]}"##,
    )
    .unwrap();
    let tags: Vec<Tag> = tags.tags.into_iter().map(Tag::from).collect();
    assert_eq!(tags[0].color, Some(Rgb(0x2e, 0xcc, 0x71)));
    assert_eq!(tags[1].name, "X");
    assert_eq!(tags[1].color, None);

    let staff: RawUsers = serde_json::from_str(
        r#"{"success":true,"users":[{"id":"u1","name":"Anh","status":"busy","is_online":true}],
            "disabled_users":[{"id":"u9","name":"Gone"}],
            "round_robin_users":{"inbox":["u1"]}}"#,
    )
    .unwrap();
    let staff = Staff::from(staff);
    assert_eq!(staff.users[0].status, StaffStatus::Busy);
    assert_eq!(staff.find(&UserId::new("u9")).unwrap().name, "Gone");
    assert_eq!(staff.round_robin.inbox, vec![UserId::new("u1")]);
    // The cache of a version that kept the rotation as two lists.
    let cached: Staff = serde_json::from_str(
        r#"{"users": [], "disabled": [], "round_robin_inbox": ["u1"], "round_robin_comment": []}"#,
    )
    .expect("an older cache still loads");
    assert_eq!(cached.round_robin, RoundRobin::default());
}
