//! The simulator's state: queries and changes as pancake-api.md § List, Messages, Tags, Assign and Send describe them,
//! and the JSON the real service sends.

use serde_json::{Value, json};

use super::data::{
    Attachment, Conv, DAY, Gen, LinkKey, Msg, Page, Sender, Shape, TimeFormat, naive,
};

/// Conversations per list call (pancake-api.md § List).
pub const LIST_PAGE: usize = 60;
/// Messages per page: the newest without `current_count`, then as many
/// older ones per step (pancake-api.md § Messages).
pub const MESSAGES_PAGE: usize = 30;

pub struct World {
    pub generator: Gen,
    pub pages: Vec<Page>,
    pub user_token: String,
    /// User calls answer `error_code` 103.
    pub user_token_expired: bool,
    pub next_msg: u64,
}

/// Filters of the v2 list, as received.
#[derive(Debug, Default)]
pub struct ListQuery {
    pub types: Vec<String>,
    pub tags: Vec<i64>,
    pub post_ids: Vec<String>,
    pub since: Option<i64>,
    pub until: Option<i64>,
    pub unread_first: bool,
    pub by_inserted: bool,
    pub cursor: Option<String>,
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl World {
    pub fn page(&self, id: &str) -> Option<&Page> {
        self.pages.iter().find(|p| p.id == id)
    }

    pub fn page_mut(&mut self, id: &str) -> Option<&mut Page> {
        self.pages.iter_mut().find(|p| p.id == id)
    }

    /// One call of the v2 list.
    pub fn list(&self, page: &Page, q: &ListQuery) -> Vec<Value> {
        let mut hits: Vec<&Conv> = page
            .convs
            .iter()
            .filter(|c| q.types.is_empty() || q.types.iter().any(|t| t == c.kind))
            .filter(|c| q.tags.is_empty() || q.tags.iter().any(|t| c.tags.contains(t)))
            .filter(|c| {
                q.post_ids.is_empty() || c.post_id.as_ref().is_some_and(|p| q.post_ids.contains(p))
            })
            .filter(|c| q.since.is_none_or(|s| c.updated_at >= s))
            .filter(|c| q.until.is_none_or(|u| c.updated_at <= u))
            .collect();
        let key = |c: &Conv| {
            if q.by_inserted {
                c.inserted_at
            } else {
                c.updated_at
            }
        };
        hits.sort_by(|a, b| {
            let unread = |c: &Conv| q.unread_first && !c.seen;
            unread(b)
                .cmp(&unread(a))
                .then(key(b).cmp(&key(a)))
                .then(b.id.cmp(&a.id))
        });
        let start = match &q.cursor {
            None => 0,
            Some(id) => match hits.iter().position(|c| &c.id == id) {
                Some(p) => p + 1,
                None => return vec![],
            },
        };
        hits.iter()
            .skip(start)
            .take(LIST_PAGE)
            .map(|c| conv_json(page, c))
            .collect()
    }

    /// Messages: the newest 30 without `current_count`; else 30 older ones
    /// from that position (counted from the newest). Oldest first.
    pub fn messages(&self, page: &Page, c: &Conv, current_count: Option<usize>) -> Vec<Value> {
        let all = self.generator.thread(page, c);
        let (skip, take) = match current_count {
            None => (0, MESSAGES_PAGE),
            Some(n) => (n, MESSAGES_PAGE),
        };
        let end = all.len().saturating_sub(skip);
        let start = end.saturating_sub(take);
        all[start..end]
            .iter()
            .map(|m| msg_json(page, c, m))
            .collect()
    }

    pub fn new_message_id(&mut self) -> String {
        self.next_msg += 1;
        format!("m_new_{}", self.next_msg)
    }
}

/// Time fields of a conversation, each with its own format (`Looks::times`).
const INSERTED: u32 = 0;
const UPDATED: u32 = 1;
const LAST_CUSTOMER: u32 = 2;

/// A conversation as the real service sends it (pancake-api.md § Shapes): top-level
/// `customer_id`, `from.id` = the PSID, `customers` sometimes absent, `null`
/// among the tags, phones as objects or strings, mixed time formats. The
/// varied page also mixes ints, strings and objects in `tags` and keeps the
/// older documented `last_message`.
pub fn conv_json(page: &Page, c: &Conv) -> Value {
    let ts = |field: u32, t: i64| json!(TimeFormat::pick(c.looks.times, field).write(t));
    let mut tags: Vec<Value> = c
        .tags
        .iter()
        .enumerate()
        // Each conversation starts the int / string / object rotation
        // elsewhere (it has at most two tags).
        .map(|(i, t)| match (page.shape, (i + (c.seed % 3) as usize) % 3) {
            (Shape::Reference, _) | (Shape::Varied, 0) => json!(t),
            (Shape::Varied, 1) => json!(t.to_string()),
            _ => {
                let def = page.tags.iter().find(|x| x.id == *t);
                json!({"id": t, "text": def.map(|x| x.text.clone()), "color": def.map(|x| x.color)})
            }
        })
        .collect();
    if let Some(at) = c.looks.null_tag.filter(|_| !tags.is_empty()) {
        tags.insert(at.min(tags.len()), Value::Null);
    }
    let last_sent_by = match &c.last_sender {
        Sender::Customer => json!({
            "id": c.psid, "email": customer_email(c), "admin_name": c.name
        }),
        Sender::Page(Some((id, name))) => json!({
            "id": id,
            "email": page.users.iter().find(|u| &u.id == id).map(|u| u.email.clone()),
            "admin_name": name
        }),
        Sender::Page(None) => json!({"id": page.id, "email": null, "admin_name": page.name}),
    };
    let mut v = json!({
        "id": c.id,
        "type": c.kind,
        "page_id": page.id,
        "customer_id": c.customer_id,
        "customers": [{"id": c.page_customer_id, "fb_id": c.psid, "name": c.name}],
        "from": {"id": c.psid, "name": c.name},
        "snippet": c.snippet,
        "seen": c.seen,
        "tags": tags,
        "assignee_ids": c.assignees,
        "post_id": c.post_id,
        "message_count": c.message_count(),
        "inserted_at": ts(INSERTED, c.inserted_at),
        "updated_at": ts(UPDATED, c.updated_at),
        "last_customer_message_at": ts(LAST_CUSTOMER, c.last_customer_at),
        "last_sent_by": last_sent_by,
        "has_phone": c.phone.is_some(),
        "thread_id": c.looks.thread_id,
        "page_customer": page_customer_json(c, c.inserted_at),
        "tag_histories": tag_histories_json(page, c),
    });
    if c.looks.no_customers {
        v.as_object_mut().map(|o| o.remove("customers"));
    }
    if let Some(p) = &c.phone {
        v["recent_phone_numbers"] = if c.looks.plain_phone {
            json!([p])
        } else {
            json!([{"phone_number": p, "captured": naive(c.looks.phone_captured)}])
        };
    }
    if page.shape == Shape::Varied {
        v["page_id"] = json!(page.id.parse::<u64>().unwrap_or(0));
        v["last_message"] = json!({"text": c.snippet, "sender": "customer"});
        v["ad_ids"] = json!([]);
        if c.psid.ends_with('1') {
            v.as_object_mut().map(|o| o.remove("message_count"));
        }
    }
    v
}

/// A page customer's notes as Pancake serves them: `created_at` and
/// `removed_at` in unix **milliseconds** (the OpenAPI's integers).
pub fn notes_json(c: &Conv) -> Vec<Value> {
    c.notes
        .iter()
        .map(|n| {
            let mut v = json!({
                "id": n.id,
                "message": n.message,
                "order_id": n.order_id,
                "created_at": n.created_at * 1000,
                "created_by": {"uid": null, "fb_name": "Pancake"},
            });
            if let Some(r) = n.removed_at {
                v["removed_at"] = json!(r * 1000);
            }
            v
        })
        .collect()
}

/// The page customer's record (`page_customer` in a conversation, a row of
/// `page_customers`), first contact `first` (pancake-api.md § Customers).
pub fn page_customer_json(c: &Conv, first: i64) -> Value {
    let phones: Vec<String> = c
        .phone_numbers
        .clone()
        .unwrap_or_else(|| c.phone.iter().cloned().collect());
    let orders: Vec<Value> = c
        .notes
        .iter()
        .filter(|n| n.removed_at.is_none())
        .filter_map(|n| {
            let id = n.order_id.as_ref()?;
            Some(json!({
                "id": id, "status_name": "Đã giao", "total_price": 150_000 + (n.created_at % 7) * 10_000,
                "inserted_at": naive(n.created_at),
            }))
        })
        .collect();
    json!({
        "id": c.page_customer_id,
        "customer_id": c.customer_id,
        "global_id": c.customer_id,
        "psid": c.psid,
        "name": c.name,
        "gender": c.gender,
        "birthday": c.birthday,
        "phone_numbers": phones,
        "inserted_at": naive(first),
        "notes": if c.notes.is_empty() { Value::Null } else { json!(notes_json(c)) },
        "recent_orders": orders,
    })
}

/// `tag_histories` (our reading of its shape, pancake-api.md § Customers):
/// `{tag: {id, text}, action: add|remove, editor: {id, name}, inserted_at}`.
fn tag_histories_json(page: &Page, c: &Conv) -> Vec<Value> {
    c.tag_history
        .iter()
        .map(|h| {
            let text = page
                .tags
                .iter()
                .find(|t| t.id == h.tag)
                .map(|t| t.text.clone());
            json!({
                "tag": {"id": h.tag, "text": text},
                "action": if h.added { "add" } else { "remove" },
                "editor": {"id": h.editor.0, "name": h.editor.1},
                "inserted_at": naive(h.at),
            })
        })
        .collect()
}

/// Post `i` of the page (newest first), as `GET posts` serves it.
pub fn post_json(page: &Page, i: usize, id: &str) -> Value {
    const TEXTS: &[&str] = &[
        "Sale cuối tuần: giảm 30% toàn bộ áo khoác",
        "Hàng mới về: váy hoa size S-XL\nInbox để được tư vấn",
        "Livestream tối nay 20h: xả kho",
        "Freeship đơn từ 300k",
    ];
    let _ = page;
    json!({
        "id": id,
        "message": TEXTS[i % TEXTS.len()],
        "type": "status",
        "inserted_at": naive(now() - 3 * 86_400 * (i as i64 + 1)),
    })
}

/// A customer's email as Pancake shows it.
pub fn customer_email(c: &Conv) -> String {
    format!("{}@facebook.com", c.psid)
}

fn link_json(key: LinkKey, link: &str) -> (&'static str, Value) {
    match key {
        LinkKey::Url => ("url", json!(link)),
        LinkKey::FileUrl => ("file_url", json!(link)),
        LinkKey::PreviewUrl => ("preview_url", json!(link)),
        LinkKey::Src => ("src", json!(link)),
        LinkKey::PayloadUrl => ("payload", json!({"url": link})),
        LinkKey::ImageDataUrl => (
            "image_data",
            json!({"url": link, "width": 480, "height": 360}),
        ),
    }
}

pub fn attachment_json(a: &Attachment) -> Value {
    match a {
        Attachment::Media {
            kind,
            link,
            key,
            name,
            mime,
        } => {
            let mut v = json!({"type": kind, "name": name, "mime_type": mime});
            let (k, l) = link_json(*key, link);
            v[k] = l;
            v
        }
        Attachment::Reaction { emoji } => json!({"type": "reaction", "emoji": emoji}),
        Attachment::Template { title, link } => json!({
            "type": "template",
            "title": title,
            "payload": {"template_type": "button", "text": title, "buttons": [
                {"type": "web_url", "url": link, "title": "Xem đơn hàng"}
            ]}
        }),
        Attachment::SystemMessage { text } => json!({"type": "system_message", "message": text}),
        Attachment::Quote {
            text,
            from_id,
            from_name,
            attachments,
        } => json!({
            "type": "replied_message",
            "message": text,
            "from": {"id": from_id, "name": from_name},
            "attachments": attachments.iter().map(attachment_json).collect::<Vec<_>>(),
        }),
    }
}

/// A message as the real service sends it: `message` HTML,
/// `original_message` plain; a page message's `from.id` is the page id (with
/// the staff member's `admin_id` / `admin_name` / `uid` when one wrote it), a
/// customer's is the PSID.
pub fn msg_json(page: &Page, c: &Conv, m: &Msg) -> Value {
    let mut from = json!({"id": m.from_id, "name": m.from_name});
    if m.from_id == c.psid {
        from["email"] = json!(customer_email(c));
    }
    if let Some((id, name)) = &m.admin {
        from["admin_id"] = json!(id);
        from["admin_name"] = json!(name);
        from["uid"] = json!(id);
        if let Some(u) = page.users.iter().find(|u| &u.id == id) {
            from["email"] = json!(u.email);
        }
    }
    let html = format!(
        "<div>{}</div>",
        m.text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('\n', "<br>")
    );
    let format = TimeFormat::pick(
        m.id.bytes()
            .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64)),
        0,
    );
    let mut v = json!({
        "id": m.id,
        "conversation_id": c.id,
        "from": from,
        "message": html,
        "original_message": m.text,
        "attachments": m.attachments.iter().map(attachment_json).collect::<Vec<_>>(),
        "inserted_at": format.write(m.at),
        "type": if c.kind == "INBOX" { "INBOX" } else { "COMMENT" },
        "is_hidden": m.hidden,
        "is_removed": m.removed,
        "page_id": page.id,
    });
    if c.kind != "INBOX" {
        let customers = m.from_id != page.id;
        v["can_comment"] = json!(true);
        v["can_reply_privately"] =
            json!(customers && private_reply_refusal(c, Some(m), now()).is_none());
    }
    v
}

/// Why a private reply is refused, if it is (pancake-api.md § Send: once per comment,
/// comment at most 7 days old, comments only).
pub fn private_reply_refusal(c: &Conv, comment: Option<&Msg>, now: i64) -> Option<&'static str> {
    if c.kind == "INBOX" {
        return Some("private replies are only for comments");
    }
    let Some(m) = comment else {
        return Some("no such comment in this conversation");
    };
    if c.private_replied.contains(&m.id) {
        return Some("this comment already received its private reply");
    }
    if now - m.at > 7 * DAY {
        return Some("the comment is more than 7 days old");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::data::{FRESH, REPLY_WINDOW};

    fn page(n: usize, shape: Shape) -> (Gen, Page) {
        let g = Gen {
            seed: 42,
            now: now(),
        };
        let p = g.page(n, "105384912345678", "Tiệm", "t", shape, true);
        (g, p)
    }

    #[test]
    fn conversations_look_as_the_real_service_sends_them() {
        let (_, p) = page(3000, Shape::Reference);
        let all: Vec<Value> = p.convs.iter().map(|c| conv_json(&p, c)).collect();
        let tagged = all
            .iter()
            .filter(|v| !v["tags"].as_array().unwrap().is_empty())
            .count();
        let with_null = all
            .iter()
            .filter(|v| v["tags"].as_array().unwrap().contains(&Value::Null))
            .count();
        let share = with_null as f64 / tagged as f64;
        assert!((0.05..0.11).contains(&share), "{with_null} of {tagged}");
        let without = all.iter().filter(|v| v.get("customers").is_none()).count();
        assert!((200..400).contains(&without), "{without} without customers");
        for v in &all {
            let cid = v["customer_id"].as_str().unwrap();
            assert_eq!(cid.len(), 36, "a UUID: {cid}");
            assert_ne!(v["from"]["id"], v["customer_id"], "from.id is the PSID");
            // Three ids, three values (pancake-api.md § Three customer ids).
            let pc = &v["page_customer"];
            assert_eq!(pc["customer_id"], v["customer_id"]);
            assert_eq!(pc["psid"], v["from"]["id"]);
            assert_ne!(pc["id"], v["customer_id"]);
            assert_ne!(pc["id"], v["from"]["id"]);
            if let Some(cs) = v.get("customers") {
                assert_eq!(cs[0]["id"], pc["id"]);
                assert_eq!(cs[0]["fb_id"], v["from"]["id"]);
            }
            assert!(v["has_phone"].is_boolean());
            assert!(v["last_sent_by"]["id"].is_string());
        }
        let phones: Vec<&Value> = all
            .iter()
            .filter_map(|v| v.get("recent_phone_numbers"))
            .map(|p| &p[0])
            .collect();
        assert!(phones.iter().any(|p| p.is_string()));
        assert!(
            phones
                .iter()
                .any(|p| p["phone_number"].is_string() && p["captured"].is_string())
        );
        let times: Vec<&str> = all
            .iter()
            .map(|v| v["updated_at"].as_str().unwrap())
            .collect();
        assert!(times.iter().any(|t| t.len() == 19));
        assert!(
            times
                .iter()
                .any(|t| t.len() == 26 && t.as_bytes()[19] == b'.')
        );
        assert!(times.iter().any(|t| t.ends_with('Z')));
        assert!(
            all.iter()
                .any(|v| v["snippet"].as_str().unwrap().contains("<br>"))
        );
        let by_customer = |v: &&Value| {
            v["last_sent_by"]["email"]
                .as_str()
                .is_some_and(|e| e.ends_with("@facebook.com"))
        };
        assert!(all.iter().any(|v| by_customer(&v)));
        assert!(all.iter().any(|v| !by_customer(&v)));
    }

    #[test]
    fn the_varied_page_mixes_tag_forms_with_nulls() {
        let (_, p) = page(300, Shape::Varied);
        let tags: Vec<Value> = p
            .convs
            .iter()
            .flat_map(|c| conv_json(&p, c)["tags"].as_array().unwrap().clone())
            .collect();
        assert!(tags.iter().any(Value::is_null));
        assert!(tags.iter().any(Value::is_i64));
        assert!(tags.iter().any(Value::is_string));
        assert!(tags.iter().any(Value::is_object));
    }

    #[test]
    fn the_top_of_the_list_is_inside_the_reply_window_and_most_of_the_rest_is_not() {
        for n in [10, 50, 3000] {
            let (_, p) = page(n, Shape::Reference);
            let mut convs: Vec<&Conv> = p.convs.iter().collect();
            convs.sort_by_key(|c| std::cmp::Reverse(c.updated_at));
            let open = |c: &&Conv| now() - c.last_customer_at <= REPLY_WINDOW;
            assert!(convs.iter().take(FRESH).all(open), "{n}");
            if n == 3000 {
                let closed = convs.iter().filter(|c| !open(c)).count();
                assert!(closed > n * 8 / 10, "{closed} of {n} outside the window");
            }
        }
    }

    /// Where the served attachments put their link, every form in turn.
    const LINK_KEYS: [&str; 6] = [
        "url",
        "file_url",
        "preview_url",
        "src",
        "payload",
        "image_data",
    ];

    #[test]
    fn threads_quote_earlier_messages_and_vary_attachment_links() {
        let (g, p) = page(400, Shape::Reference);
        let mut keys = std::collections::BTreeSet::new();
        let mut quotes = 0;
        for c in &p.convs {
            let thread: Vec<Value> = g.thread(&p, c).iter().map(|m| msg_json(&p, c, m)).collect();
            for (i, m) in thread.iter().enumerate() {
                for a in m["attachments"].as_array().unwrap() {
                    keys.insert(a["type"].as_str().unwrap().to_owned());
                    for k in LINK_KEYS {
                        if a.get(k).is_some() && a["type"] != "template" {
                            keys.insert(k.to_owned());
                        }
                    }
                    if a["type"] == "replied_message" {
                        quotes += 1;
                        assert!(
                            thread[..i]
                                .iter()
                                .any(|e| e["original_message"] == a["message"]
                                    && e["from"]["id"] == a["from"]["id"]),
                            "quotes an earlier message: {a}"
                        );
                    }
                }
            }
        }
        for k in LINK_KEYS.into_iter().chain([
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
        ]) {
            assert!(keys.contains(k), "{k} missing from {keys:?}");
        }
        assert!(quotes > 100, "{quotes}");
    }
}
