//! Property tests over every decode path of `models`: no input panics, and
//! every display text of a decoded model is clean.
//!
//! Inputs are arbitrary JSON trees (objects whose keys are often the real
//! field names, so the decoders get past the first level) and mutations of
//! reference-shaped payloads (a conversation page, messages, a send answer,
//! tags, users, pages): a field replaced by a wrong type, null, a huge or
//! negative number, a string with control characters, escape sequences, bidi
//! overrides or HTML entities that decode to them; or removed. Each payload
//! also goes through `serde_json::from_slice` whole and cut short.
//!
//! Clean means: no control character (message texts may keep `\n`, which
//! `sanitize_block` keeps; tabs are expanded), no ESC, no C1, no bidi
//! embedding/override/isolate. Ids are kept verbatim by design (see
//! `models`), so they are only required not to panic.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::ids::{PageId, TagId, UserId};
use super::models::{
    Conversation, Message, Page, RawConversation, RawConversationList, RawMessage, RawMessageList,
    RawPageList, RawTagList, RawUsers, Staff, Tag,
};

fn is_bidi_or_invisible(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{200E}' | '\u{200F}'
        | '\u{061C}' | '\u{FEFF}')
}

/// A one-line display string: nothing that could steer the terminal.
fn check_line(what: &str, s: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        !s.chars()
            .any(|c| c.is_control() || c == '\u{1b}' || is_bidi_or_invisible(c)),
        "{} not clean: {:?}",
        what,
        s
    );
    Ok(())
}

/// A multi-line message text: `\n` is the only control character kept.
fn check_block(what: &str, s: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        !s.chars()
            .any(|c| (c.is_control() && c != '\n') || is_bidi_or_invisible(c)),
        "{} not clean: {:?}",
        what,
        s
    );
    Ok(())
}

fn check_conversation(c: &Conversation) -> Result<(), TestCaseError> {
    check_line("customer name", &c.customer.name)?;
    check_line("snippet", &c.snippet)?;
    check_line("type", c.kind.as_wire())?;
    for p in &c.phones {
        check_line("phone", p)?;
    }
    Ok(())
}

fn check_message(m: &Message) -> Result<(), TestCaseError> {
    check_line("sender", &m.from_name)?;
    if let Some(a) = &m.admin_name {
        check_line("admin name", a)?;
    }
    check_block("message text", &m.text)?;
    if let Some(q) = &m.quote {
        check_line("quote", &q.text)?;
        if let Some(who) = &q.from_name {
            check_line("quoted sender", who)?;
        }
    }
    if let Some(k) = &m.kind {
        check_line("message type", k)?;
    }
    for a in &m.attachments {
        check_line("attachment type", &a.kind)?;
        for s in [&a.name, &a.url, &a.mime_type].into_iter().flatten() {
            check_line("attachment field", s)?;
        }
    }
    Ok(())
}

/// Every public decode path of `models`, as the client uses them.
fn decode_everything(v: &Value) -> Result<(), TestCaseError> {
    let page = PageId::new("105384912345678");
    if let Ok(list) = serde_json::from_value::<RawConversationList>(v.clone()) {
        for c in list.conversations.into_iter().flatten() {
            check_conversation(&c.into_model(&page))?;
        }
    }
    if let Ok(c) = serde_json::from_value::<RawConversation>(v.clone()) {
        check_conversation(&c.into_model(&page))?;
    }
    if let Ok(list) = serde_json::from_value::<RawMessageList>(v.clone()) {
        for m in list.messages.into_iter().flatten() {
            check_message(&m.into_model(&page))?;
        }
    }
    // The send answer: the created message under `data` or `message`.
    for m in [v, &v["data"], &v["message"]] {
        if let Ok(m) = serde_json::from_value::<RawMessage>(m.clone()) {
            check_message(&m.into_model(&page))?;
        }
    }
    if let Ok(list) = serde_json::from_value::<RawTagList>(v.clone()) {
        for t in list.tags {
            check_line("tag name", &Tag::from(t).name)?;
        }
    }
    if let Ok(users) = serde_json::from_value::<RawUsers>(v.clone()) {
        let staff = Staff::from(users);
        for u in staff.users.iter().chain(&staff.disabled) {
            check_line("staff name", &u.name)?;
        }
    }
    if let Ok(list) = serde_json::from_value::<RawPageList>(v.clone()) {
        let raw = list
            .categorized
            .map(|c| c.activated)
            .into_iter()
            .flatten()
            .chain(list.pages.into_iter().flatten());
        for p in raw {
            check_line("page name", &Page::from(p).name)?;
        }
    }
    // Tag and assign answers: id lists.
    let _ = serde_json::from_value::<Vec<TagId>>(v["data"].clone());
    let _ = serde_json::from_value::<Vec<UserId>>(v["data"]["assignee_ids"].clone());
    Ok(())
}

/// The same payload as bytes, whole and cut at `cut` (a truncated reply).
fn decode_bytes(v: &Value, cut: usize) {
    let text = v.to_string();
    let mut end = cut.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    for bytes in [text.as_bytes(), &text.as_bytes()[..end]] {
        let _ = serde_json::from_slice::<RawConversationList>(bytes);
        let _ = serde_json::from_slice::<RawMessageList>(bytes);
        let _ = serde_json::from_slice::<RawTagList>(bytes);
        let _ = serde_json::from_slice::<RawUsers>(bytes);
        let _ = serde_json::from_slice::<RawPageList>(bytes);
    }
}

// ---------------------------------------------------------------- inputs

/// Pieces of hostile text.
const NASTY: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}]52;c;ZWNobw==\u{7}",
    "\u{1b}[?1000h",
    "\u{1b}P1$q\u{1b}\\",
    "\u{1b}",
    "\u{9b}31m",
    "\u{9d}8;;http://evil\u{9c}",
    "\u{85}",
    "ok\rFAKE",
    "\r\n",
    "\n",
    "\t",
    "\u{0}",
    "\u{7f}",
    "\u{8}\u{8}",
    "\u{202e}gnp.exe",
    "\u{2066}x\u{2069}",
    "\u{200b}\u{feff}\u{200f}",
    "\u{2028}\u{2029}",
    "👩‍👩‍👧‍👦",
    "🇻🇳",
    "Nguye\u{302}\u{303}n",
    "你好",
    "مرحبا",
    "<br><div>x</div><p>",
    "&#27;[2J",
    "&#x1b;]0;t&#7;",
    "&#x9b;31m",
    "&#x202e;",
    "&#0;&#x110000;&#xD800;",
    "&amp;&lt;&gt;&nbsp;",
    "<",
    "&",
    "2026-05-28T08:14:22",
    "-9223372036854775808",
    "99999999999999999999",
    "1e400",
    "NaN",
    "#2ecc71",
    "#ééé",
    "",
    " ",
];

fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(NASTY), 0..6).prop_map(|v| v.concat()),
        1 => any::<String>(),
        1 => prop::collection::vec(
            prop_oneof![any::<char>(), prop::sample::select(vec!['\u{1b}', '[', ']', '\u{7}', ';', '\n', '\r', '\u{9b}', 'a'])],
            0..40
        )
        .prop_map(|v| v.into_iter().collect()),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        prop::sample::select(vec![
            json!(i64::MIN),
            json!(i64::MAX),
            json!(u64::MAX),
            json!(-1),
            json!(0),
            json!(1.5),
            json!(-1e300),
            json!(1e300),
            json!(100_000_000_001i64),
        ]),
    ]
}

/// Field names the decoders look for, so random objects reach real fields.
const KEYS: &[&str] = &[
    "id",
    "type",
    "page_id",
    "page_uid",
    "customers",
    "participants",
    "from",
    "name",
    "fb_id",
    "phone",
    "snippet",
    "last_message",
    "text",
    "seen",
    "tags",
    "assignee_ids",
    "post_id",
    "message_count",
    "inserted_at",
    "updated_at",
    "last_customer_message_at",
    "recent_phone_numbers",
    "phone_number",
    "conversations",
    "messages",
    "message",
    "original_message",
    "admin_id",
    "admin_name",
    "attachments",
    "url",
    "mime_type",
    "is_hidden",
    "is_removed",
    "color",
    "lighten_color",
    "users",
    "disabled_users",
    "round_robin_users",
    "inbox",
    "comment",
    "status",
    "is_online",
    "categorized",
    "activated",
    "pages",
    "data",
    "success",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => nasty_string(),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        nasty_string().prop_map(Value::String),
    ]
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Payloads shaped like the reference's answers.
fn reference_payloads() -> Vec<Value> {
    let conversation = json!({
        "id": "105384912345678_7001", "type": "INBOX", "page_id": "105384912345678",
        "customers": [{"id": "c1", "fb_id": "7001", "name": "Nguyễn Thị Phương"}],
        "from": {"id": "7001", "name": "Nguyễn Thị Phương"},
        "snippet": "Còn size M không?", "seen": false, "tags": [0, 1],
        "assignee_ids": ["u1"], "post_id": null, "message_count": 12,
        "inserted_at": "2026-05-20T03:11:05", "updated_at": "2026-05-28T08:14:22",
        "last_customer_message_at": "2026-05-28T08:14:22",
        "recent_phone_numbers": [{"phone_number": "0901234567"}],
        "last_message": {"text": "hi"},
        "participants": [{"name": "John", "phone": "+1234"}]
    });
    let message = json!({
        "id": "m1", "from": {"id": "7001", "name": "Phương", "admin_id": null, "admin_name": null},
        "admin_id": "u1", "admin_name": "Anh",
        "message": "<div>Dạ <b>còn</b> ạ<br/>&amp; 😍</div>", "original_message": "Dạ còn ạ",
        "attachments": [{"type": "photo", "url": "https://x/y.jpg", "name": "y.jpg", "mime_type": "image/jpeg"}],
        "inserted_at": "2026-05-28T08:14:22", "type": "INBOX", "is_hidden": false, "is_removed": 0
    });
    vec![
        json!({"success": true, "conversations": [conversation.clone(), conversation.clone()]}),
        conversation,
        json!({"success": true, "messages": [message.clone(), message.clone()],
               "conv_from": {"id": "7001", "name": "Phương"}}),
        json!({"success": true, "data": message.clone()}),
        json!({"success": true, "message": message}),
        json!({"tags": [{"id": 1, "text": "Orders", "color": "#2ecc71", "lighten_color": "#a3e4be"},
                        {"id": "2", "name": "VIP", "color": "bad"}]}),
        json!({"success": true,
               "users": [{"id": "u1", "name": "Anh", "fb_id": 1, "status": "busy", "is_online": true}],
               "disabled_users": [{"id": "u9", "name": "Gone"}],
               "round_robin_users": {"inbox": ["u1"], "comment": [{"id": "u1"}]}}),
        json!({"success": true, "categorized": {"activated": [{"id": 105, "name": "Tiệm Bánh"}], "inactivated": []}}),
        json!({"pages": [{"id": "204857361928374", "name": "Pancake Café"}]}),
        json!({"success": true, "data": [0, "1", {"id": 2}]}),
        json!({"success": true, "data": {"assignee_ids": ["u1", "u2"]}}),
    ]
}

/// Every path to a value inside `v` (object keys and array indices).
fn paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                here.push(Step::Key(k.clone()));
                out.push(here.clone());
                paths(x, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                here.push(Step::Index(i));
                out.push(here.clone());
                paths(x, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// Replace (or, with `None`, remove) the value at `path`.
fn set(v: &mut Value, path: &[Step], new: Option<Value>) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = v;
    for step in parents {
        at = match (step, at) {
            (Step::Key(k), Value::Object(m)) => match m.get_mut(k) {
                Some(x) => x,
                None => return,
            },
            (Step::Index(i), Value::Array(a)) => match a.get_mut(*i) {
                Some(x) => x,
                None => return,
            },
            _ => return,
        };
    }
    match (last, at, new) {
        (Step::Key(k), Value::Object(m), Some(x)) => {
            m.insert(k.clone(), x);
        }
        (Step::Key(k), Value::Object(m), None) => {
            m.remove(k);
        }
        (Step::Index(i), Value::Array(a), Some(x)) if *i < a.len() => a[*i] = x,
        (Step::Index(i), Value::Array(a), None) if *i < a.len() => {
            a.remove(*i);
        }
        _ => {}
    }
}

/// A reference payload with a few fields replaced by hostile values or removed.
fn mutated_reference() -> impl Strategy<Value = Value> {
    let replacement = prop_oneof![
        3 => leaf().prop_map(Some),
        1 => arbitrary_json().prop_map(Some),
        1 => Just(None),
    ];
    (
        any::<prop::sample::Index>(),
        prop::collection::vec((any::<prop::sample::Index>(), replacement), 1..6),
    )
        .prop_map(|(which, edits)| {
            let bases = reference_payloads();
            let mut v = which.get(&bases).clone();
            for (at, new) in edits {
                let mut all = Vec::new();
                paths(&v, &mut Vec::new(), &mut all);
                if all.is_empty() {
                    break;
                }
                let path: &Vec<Step> = at.get(&all);
                set(&mut v, path, new);
            }
            v
        })
}

#[test]
fn reference_payloads_decode_to_clean_models() {
    // The mutations start from payloads that decode: otherwise they would
    // only ever test the error paths.
    let page = PageId::new("105384912345678");
    let p = reference_payloads();
    let list: RawConversationList = serde_json::from_value(p[0].clone()).unwrap();
    assert_eq!(list.conversations.unwrap().items.len(), 2);
    let msgs: RawMessageList = serde_json::from_value(p[2].clone()).unwrap();
    let m = msgs
        .messages
        .unwrap()
        .into_iter()
        .next()
        .unwrap()
        .into_model(&page);
    assert_eq!(m.text, "Dạ còn ạ");
    assert!(serde_json::from_value::<RawTagList>(p[5].clone()).is_ok());
    let staff = Staff::from(serde_json::from_value::<RawUsers>(p[6].clone()).unwrap());
    assert_eq!(staff.users.len(), 1);
    for v in &p {
        decode_everything(v).unwrap();
    }
}

/// A list of `n` reference conversations `c0..cn` with one odd element at
/// `at`: arbitrary JSON, or a reference conversation with one field
/// replaced by arbitrary JSON.
fn list_with_one_odd(n: usize, at: usize, odd: Value, field: usize) -> Value {
    let reference = reference_payloads()[1].clone();
    let mut list: Vec<Value> = (0..n)
        .map(|i| {
            let mut c = reference.clone();
            c["id"] = json!(format!("c{i}"));
            c
        })
        .collect();
    let odd = match odd {
        // Half the time: a real conversation with one field gone wrong.
        Value::Object(_) | Value::Array(_) if field.is_multiple_of(2) => {
            let mut c = reference.clone();
            let keys: Vec<String> = c.as_object().unwrap().keys().cloned().collect();
            let key = &keys[field / 2 % keys.len()];
            c[key.as_str()] = odd;
            if key != "id" {
                c["id"] = json!("odd");
            }
            c
        }
        other => other,
    };
    list.insert(at % (n + 1), odd);
    json!({"success": true, "conversations": list})
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn one_malformed_conversation_never_drops_the_others(
        odd in arbitrary_json(), n in 1usize..8, at in any::<usize>(), field in any::<usize>()
    ) {
        let page = PageId::new("105");
        let bytes = list_with_one_odd(n, at, odd, field).to_string();
        let got = super::client::decode_conversations(bytes.as_bytes(), &page).unwrap();
        prop_assert_eq!(got.items.len() + got.skipped.len(), n + 1);
        let ids: Vec<&str> = got.items.iter().map(|c| c.id.as_str()).collect();
        for i in 0..n {
            let id = format!("c{i}");
            prop_assert!(ids.contains(&id.as_str()), "{} lost: {:?}", id, ids);
        }
        for c in &got.items {
            check_conversation(c)?;
        }
    }

    #[test]
    fn one_malformed_message_never_drops_the_others(
        odd in arbitrary_json(), n in 1usize..8, at in any::<usize>()
    ) {
        let page = PageId::new("105");
        let reference = reference_payloads()[2]["messages"][0].clone();
        let mut list: Vec<Value> = (0..n)
            .map(|i| { let mut m = reference.clone(); m["id"] = json!(format!("m{i}")); m })
            .collect();
        list.insert(at % (n + 1), odd);
        let bytes = json!({"messages": list}).to_string();
        let got = super::client::decode_messages(bytes.as_bytes(), &page).unwrap();
        prop_assert_eq!(got.items.len() + got.skipped.len(), n + 1);
        for i in 0..n {
            let id = format!("m{i}");
            prop_assert!(got.items.iter().any(|m| m.id == id), "{} lost", id);
        }
    }

    #[test]
    fn arbitrary_json_never_panics_and_decodes_clean(v in arbitrary_json(), cut in any::<usize>()) {
        decode_everything(&v)?;
        decode_bytes(&v, cut % 4096);
    }

    #[test]
    fn mutated_reference_payloads_never_panic_and_decode_clean(v in mutated_reference(), cut in any::<usize>()) {
        decode_everything(&v)?;
        decode_bytes(&v, cut % 4096);
    }

    #[test]
    fn hostile_text_in_every_text_field_is_cleaned(s in nasty_string()) {
        let page = PageId::new("105");
        let c: RawConversation = serde_json::from_value(json!({
            "id": "1", "type": s, "snippet": s,
            "customers": [{"name": s, "phone": s}],
            "recent_phone_numbers": [{"phone_number": s}],
        })).unwrap();
        check_conversation(&c.into_model(&page))?;
        let m: RawMessage = serde_json::from_value(json!({
            "id": "m", "from": {"id": "1", "name": s}, "admin_name": s, "type": s,
            "attachments": [{"type": s, "name": s, "url": s, "mime_type": s},
                            {"type": "replied_message", "message": s, "from": {"name": s}},
                            {"type": "reaction", "emoji": s},
                            {"type": "system_message", "message": s},
                            {"type": "file", "payload": {"url": s}, "title": s}],
        })).unwrap();
        check_message(&m.into_model(&page))?;
        // Without `original_message` the HTML `message` is stripped and its
        // entities decoded (`&#27;` is an ESC) before sanitizing.
        let m: RawMessage = serde_json::from_value(json!({"message": s})).unwrap();
        check_message(&m.into_model(&page))?;
        let m: RawMessage = serde_json::from_value(json!({"original_message": s})).unwrap();
        check_message(&m.into_model(&page))?;
        let t: RawTagList = serde_json::from_value(json!({"tags": [{"id": 1, "text": s}]})).unwrap();
        for t in t.tags {
            check_line("tag name", &Tag::from(t).name)?;
        }
        let u: RawUsers = serde_json::from_value(json!({"users": [{"id": "u", "name": s}]})).unwrap();
        for u in Staff::from(u).users {
            check_line("staff name", &u.name)?;
        }
        let p: RawPageList = serde_json::from_value(json!({"pages": [{"id": "1", "name": s}]})).unwrap();
        for p in p.pages.into_iter().flatten() {
            check_line("page name", &Page::from(p).name)?;
        }
    }
}
