use super::event::*;
use crate::api::models::Staff;
use crate::api::models::User;
use crate::api::{Conversation, ConversationId, PageId, TagId, UserId};

fn page() -> PageId {
    PageId::new("p1")
}

fn conversation(id: &str, page: &str) -> Conversation {
    let raw = serde_json::json!({
        "id": id,
        "page_id": page,
        "type": "INBOX",
        "snippet": "hello",
        "seen": false,
        "tags": [1],
        "customers": [{"id": "pc1", "name": "Lan"}],
    });
    let raw: crate::api::models::RawConversation = serde_json::from_value(raw).unwrap();
    raw.into_model(&PageId::new(page))
}

fn fields(entry: [(&'static str, String); 4]) -> Vec<(String, Vec<u8>)> {
    entry
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.into_bytes()))
        .collect()
}

#[test]
fn an_entry_reads_back_as_written() {
    let event = TeamEvent::Conversations {
        conversations: vec![conversation("p1_c1", "p1")],
        partial: false,
    };
    let written = encode_entry(&page(), "agent-a", &event).unwrap();
    let entry = decode_entry(&page(), &fields(written)).unwrap();
    assert_eq!(entry.origin, "agent-a");
    assert_eq!(entry.event, event);
}

#[test]
fn an_entry_naming_another_page_or_holding_its_conversations_is_skipped() {
    let event = TeamEvent::Seen {
        conversation: ConversationId::new("p1_c1"),
        seen: true,
    };
    let written = fields(encode_entry(&PageId::new("p2"), "a", &event).unwrap());
    assert_eq!(decode_entry(&page(), &written), Err(Skip::OtherPage));
    let smuggled = TeamEvent::Conversations {
        conversations: vec![conversation("p2_c1", "p2")],
        partial: false,
    };
    let written = fields(encode_entry(&page(), "a", &smuggled).unwrap());
    assert_eq!(decode_entry(&page(), &written), Err(Skip::OtherPage));
}

#[test]
fn junk_another_version_and_a_huge_body_are_skipped() {
    let mut f = fields(encode_entry(&page(), "a", &TeamEvent::Tags { tags: Vec::new() }).unwrap());
    f[0].1 = b"2".to_vec();
    assert_eq!(decode_entry(&page(), &f), Err(Skip::Version));
    f[0].1 = b"1".to_vec();
    f[3].1 = b"{\"kind\":\"launch\"}".to_vec();
    assert!(matches!(decode_entry(&page(), &f), Err(Skip::Malformed(_))));
    f[3].1 = vec![b' '; MAX_ENTRY_BYTES + 1];
    assert_eq!(
        decode_entry(&page(), &f),
        Err(Skip::TooBig(MAX_ENTRY_BYTES + 1))
    );
    assert!(matches!(
        decode_entry(&page(), &f[..2]),
        Err(Skip::Malformed(_))
    ));
}

#[test]
fn texts_are_sanitized_again_and_lists_cut() {
    let mut c = conversation("p1_c1", "p1");
    c.customer.name = "Lan\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J".into();
    c.snippet = "a\u{1b}[31mred\r\nline".into();
    c.tags = (0..5_000).map(|i| TagId::new(i.to_string())).collect();
    let staff = Staff {
        users: vec![User {
            id: UserId::new("u1"),
            name: "Bad\u{9b}31mName".into(),
            fb_id: None,
            status: Default::default(),
            is_online: false,
        }],
        ..Staff::default()
    };
    for event in [
        TeamEvent::Conversations {
            conversations: vec![c],
            partial: false,
        },
        TeamEvent::Staff { staff },
    ] {
        let f = fields(encode_entry(&page(), "a\u{1b}[2Jb", &event).unwrap());
        let entry = decode_entry(&page(), &f).unwrap();
        assert!(!entry.origin.contains('\u{1b}'));
        let shown = format!("{:?}", entry.event);
        assert!(
            !shown.contains("\\u{1b}") && !shown.contains("\\u{9b}"),
            "{shown}"
        );
        if let TeamEvent::Conversations { conversations, .. } = entry.event {
            assert_eq!(conversations[0].tags.len(), MAX_LIST);
            assert!(!conversations[0].snippet.contains('\n'));
        }
    }
}

#[test]
fn an_entry_with_an_empty_or_control_id_is_skipped() {
    for id in ["", "p1_\u{1b}[2J"] {
        let event = TeamEvent::Tagged {
            conversation: ConversationId::new(id),
            tags: Vec::new(),
        };
        let f = fields(encode_entry(&page(), "a", &event).unwrap());
        assert!(matches!(decode_entry(&page(), &f), Err(Skip::Malformed(_))));
    }
}

#[test]
fn an_event_too_big_to_write_is_not_written() {
    let mut c = conversation("p1_c1", "p1");
    c.snippet = "x".repeat(MAX_ENTRY_BYTES);
    let event = TeamEvent::Conversations {
        conversations: vec![c],
        partial: false,
    };
    assert!(encode_entry(&page(), "a", &event).is_none());
}
