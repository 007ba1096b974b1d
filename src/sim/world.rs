//! The simulator's state: queries and changes as the seeds describe them,
//! and the JSON the real service sends.

use serde_json::{Value, json};

use super::data::{Conv, DAY, Gen, Msg, Page, Shape, naive};

/// Conversations per list call (seed 003).
pub const LIST_PAGE: usize = 60;
/// Messages without `current_count` (seed 002), then per older page (seed 003).
pub const NEWEST: usize = 20;
pub const OLDER: usize = 30;

pub struct World {
    pub generator: Gen,
    pub pages: Vec<Page>,
    pub user_token: String,
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

    /// Messages: the newest 20 without `current_count`; else 30 older ones
    /// from that position (counted from the newest). Oldest first.
    pub fn messages(&self, page: &Page, c: &Conv, current_count: Option<usize>) -> Vec<Value> {
        let all = self.generator.thread(page, c);
        let (skip, take) = match current_count {
            None => (0, NEWEST),
            Some(n) => (n, OLDER),
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

/// A conversation as the reference (or, on the varied page, a looser shape).
pub fn conv_json(page: &Page, c: &Conv) -> Value {
    let ts = |t: i64| match page.shape {
        Shape::Reference => json!(naive(t)),
        Shape::Varied => json!(format!("{}Z", naive(t))),
    };
    let tags: Vec<Value> = c
        .tags
        .iter()
        .enumerate()
        .map(|(i, t)| match (page.shape, i % 3) {
            (Shape::Reference, _) | (Shape::Varied, 0) => json!(t),
            (Shape::Varied, 1) => json!(t.to_string()),
            _ => json!({"id": t, "text": page.tags.iter().find(|x| x.id == *t).map(|x| x.text.clone())}),
        })
        .collect();
    let mut v = json!({
        "id": c.id,
        "type": c.kind,
        "page_id": page.id,
        "customers": [{"id": c.customer_id, "fb_id": c.psid, "name": c.name}],
        "from": {"id": c.psid, "name": c.name},
        "snippet": c.snippet,
        "seen": c.seen,
        "tags": tags,
        "assignee_ids": c.assignees,
        "post_id": c.post_id,
        "message_count": c.message_count(),
        "inserted_at": ts(c.inserted_at),
        "updated_at": ts(c.updated_at),
        "last_customer_message_at": ts(c.last_customer_at),
    });
    if let Some(p) = &c.phone {
        v["recent_phone_numbers"] = json!([{"phone_number": p}]);
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

pub fn msg_json(page: &Page, c: &Conv, m: &Msg) -> Value {
    let mut from = json!({"id": m.from_id, "name": m.from_name});
    if let Some((id, name)) = &m.admin {
        from["admin_id"] = json!(id);
        from["admin_name"] = json!(name);
        from["uid"] = json!(id);
    }
    let html = format!(
        "<div>{}</div>",
        m.text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('\n', "<br>")
    );
    json!({
        "id": m.id,
        "conversation_id": c.id,
        "from": from,
        "message": html,
        "original_message": m.text,
        "attachments": m.attachments.iter().map(|a| json!({
            "type": a.kind, "url": a.url, "name": a.name, "mime_type": a.mime
        })).collect::<Vec<_>>(),
        "inserted_at": naive(m.at),
        "type": if c.kind == "INBOX" { "INBOX" } else { "COMMENT" },
        "is_hidden": m.hidden,
        "is_removed": m.removed,
        "page_id": page.id,
    })
}

/// Why a private reply is refused, if it is (seed 002: once per comment,
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
