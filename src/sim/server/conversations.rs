//! Reading conversations: the list (`GET v2 conversations`), a thread
//! (`GET conversations/{id}/messages`), and a conversation as the list
//! would show it now (for tests).

use serde_json::{Value, json};

use super::answer::{Answer, err, ok, refused, wire};
use super::query::Params;
use super::shared::Shared;
use crate::sim::data::Page;
use crate::sim::world::{ListQuery, World, conv_json};
use crate::sim::{Faults, MessagesWant};

/// `GET v2 conversations`: a page of the list, filtered and ordered as the
/// query asks (pancake-api.md § List).
pub(super) fn list(world: &World, page: &Page, q: &Params) -> Answer {
    let lq = ListQuery {
        types: q
            .list("type", false)
            .into_iter()
            .map(|t| t.to_uppercase())
            .collect(),
        tags: q
            .list("tags", true)
            .iter()
            .filter_map(|t| t.parse().ok())
            .collect(),
        post_ids: q.list("post_ids", true),
        since: q.one("since").and_then(|s| s.parse().ok()),
        until: q.one("until").and_then(|s| s.parse().ok()),
        unread_first: q.one("unread_first") == Some("true"),
        by_inserted: q.one("order_by") == Some("inserted_at"),
        cursor: q.one("last_conversation_id").map(str::to_owned),
    };
    ok(json!({"success": true, "conversations": world.list(page, &lq)}))
}

/// `GET conversations/{id}/messages`: the newest 30, then 30 older per
/// `current_count` (pancake-api.md § Messages).
pub(super) fn messages(world: &World, f: &Faults, page: &Page, cid: &str, q: &Params) -> Answer {
    let Some(c) = page.index.get(cid).map(|&i| &page.convs[i]) else {
        return err(404, "conversation not found");
    };
    // Optional; when sent it must be the page customer's id or the
    // global one, never the PSID (pancake-api.md § Messages); a page
    // may take fewer (`Faults::messages_want`).
    let taken = |id: &str| match f.messages_want {
        MessagesWant::Either => id == c.customer_id || id == c.page_customer_id,
        MessagesWant::GlobalOnly => id == c.customer_id,
        MessagesWant::Without => false,
    };
    if q.one("customer_id")
        .is_some_and(|id| !id.is_empty() && !taken(id))
    {
        return refused(wire::CUSTOMER_NOT_FOUND);
    }
    let current = q.one("current_count").and_then(|n| n.parse().ok());
    let msgs = world.messages(page, c, current);
    ok(json!({
        "success": true, "messages": msgs, "conv_from": {"id": c.psid, "name": c.name},
        "customers": [{"id": c.page_customer_id, "fb_id": c.psid, "name": c.name}],
        "global_id": c.customer_id,
        "notes": crate::sim::world::notes_json(c),
    }))
}

/// What the list would show for a conversation now (for tests).
pub fn conversation_value(sh: &Shared, pid: &str, cid: &str) -> Option<Value> {
    let w = sh.world();
    let page = w.page(pid)?;
    let c = page.convs.get(*page.index.get(cid)?)?;
    Some(conv_json(page, c))
}
