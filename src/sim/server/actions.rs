//! POST on a conversation: tags, assign, read, unread, and sends
//! (`messages`: replies, comment replies, private replies).

use std::collections::HashMap;

use serde_json::{Value, json};

use super::answer::{Answer, err, facebook_refusal, ok, refused, wire};
use crate::sim::Faults;
use crate::sim::data::{Attachment, Conv, LinkKey, Msg, REPLY_WINDOW, Sender};
use crate::sim::day;
use crate::sim::world::{World, now, private_reply_refusal};

/// POST on a conversation: tags, assign, read, unread, messages. What is
/// processed but refused answers HTTP 200 + `success: false`, as the real
/// service does.
pub(super) fn change(
    world: &mut World,
    f: &Faults,
    pid: &str,
    cid: &str,
    action: &str,
    body: &Value,
) -> Answer {
    let now = now();
    let new_id = (action == "messages").then(|| world.new_message_id());
    let gen_thread = {
        let page = world.page(pid).expect("checked");
        let Some(c) = page.index.get(cid).map(|&i| &page.convs[i]) else {
            return err(404, "conversation not found");
        };
        (action == "messages").then(|| world.generator.thread(page, c))
    };
    let page = world.page_mut(pid).expect("checked");
    let (users, tag_ids): (Vec<String>, Vec<i64>) = (
        page.users.iter().map(|u| u.id.clone()).collect(),
        page.tags.iter().map(|t| t.id).collect(),
    );
    let page_name = page.name.clone();
    // What a reply's `content_ids` may name (without the bytes).
    let uploads: HashMap<String, day::SimUpload> = if action == "messages" {
        page.uploads
            .iter()
            .map(|(id, u)| {
                let meta = day::SimUpload {
                    name: u.name.clone(),
                    mime: u.mime.clone(),
                    attachment_type: u.attachment_type,
                    bytes: Vec::new(),
                };
                (id.clone(), meta)
            })
            .collect()
    } else {
        HashMap::new()
    };
    let admin = |id: Option<&str>| {
        id.and_then(|id| page.users.iter().find(|u| u.id == id))
            .map(|u| (u.id.clone(), u.name.clone()))
    };
    let sender = admin(body["sender_id"].as_str());
    let c: &mut Conv = {
        let i = page.index[cid];
        &mut page.convs[i]
    };
    match action {
        "tags" => {
            let tag = match &body["tag_id"] {
                Value::String(s) => s.parse::<i64>().ok(),
                Value::Number(n) => n.as_i64(),
                _ => None,
            };
            let Some(tag) = tag.filter(|t| tag_ids.contains(t)) else {
                return refused("unknown tag_id");
            };
            match body["action"].as_str() {
                Some("add") => {
                    if !c.tags.contains(&tag) {
                        c.tags.push(tag);
                    }
                }
                Some("remove") => c.tags.retain(|t| *t != tag),
                _ => return refused("action must be add or remove"),
            }
            c.tag_history.push(crate::sim::data::SimTagChange {
                tag,
                added: body["action"] == "add",
                editor: (String::new(), "Pancake API".into()),
                at: now,
            });
            c.updated_at = now;
            ok(json!({"success": true, "data": c.tags, "timestamp": now}))
        }
        "assign" => {
            let Some(ids) = body["assignee_ids"].as_array() else {
                return refused("assignee_ids must be an array");
            };
            let ids: Vec<String> = ids
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            if let Some(bad) = ids.iter().find(|id| !users.contains(id)) {
                return refused(&format!("{bad} is not an active user of this page"));
            }
            // Replaces the whole list (pancake-api.md § Assign).
            c.assignees = ids;
            c.updated_at = now;
            ok(json!({"success": true, "data": {"assignee_ids": c.assignees}}))
        }
        "read" | "unread" => {
            c.seen = action == "read";
            c.updated_at = now;
            ok(json!({"success": true}))
        }
        "messages" => {
            // `message` and `content_ids` are mutually exclusive: both in
            // one request answer HTTP 500 (pancake-api.md § Send).
            // (`reply_comment` takes both.)
            let given = |k: &str| body.get(k).is_some_and(|v| !v.is_null());
            if body["action"] == "reply_inbox" && given("message") && given("content_ids") {
                return err(500, "Internal server error");
            }
            // Uploaded files (`content_ids` from `upload_contents`).
            let mut attachments = Vec::new();
            if let Some(ids) = body.get("content_ids").filter(|v| !v.is_null()) {
                let Some(ids) = ids.as_array() else {
                    return refused("content_ids must be an array");
                };
                for id in ids {
                    let Some(u) = id.as_str().and_then(|id| uploads.get(id)) else {
                        return refused("content_id not found: upload the file first");
                    };
                    attachments.push(Attachment::Media {
                        kind: day::message_kind(u.attachment_type),
                        link: format!(
                            "https://content.sim.example/{pid}/{}/{}",
                            id.as_str().unwrap_or_default(),
                            u.name
                        ),
                        key: LinkKey::Url,
                        name: u.name.clone(),
                        mime: day::static_mime(&u.mime),
                    });
                }
            }
            let text = body["message"].as_str().unwrap_or_default();
            if text.trim().is_empty() && attachments.is_empty() {
                return refused("message is required");
            }
            if let Some((code, sub)) = c.refuse {
                return Answer::Json(200, facebook_refusal(code, sub));
            }
            let thread = gen_thread.unwrap_or_default();
            let comment = |id: &Value| -> Option<Msg> {
                let id = id.as_str()?;
                thread
                    .iter()
                    .find(|m| m.id == id && m.from_id != pid)
                    .cloned()
            };
            match body["action"].as_str() {
                Some("reply_inbox") if c.kind == "INBOX" => {
                    // Facebook's 24-hour window after the customer's last message.
                    if now - c.last_customer_at > REPLY_WINDOW {
                        let (code, sub) = wire::OUTSIDE_WINDOW;
                        return Answer::Json(200, facebook_refusal(code, sub));
                    }
                }
                Some("reply_inbox") => return refused("reply_inbox is for INBOX conversations"),
                Some("reply_comment") if c.kind == "INBOX" => {
                    return refused("reply_comment is for comment conversations");
                }
                Some("reply_comment") => {
                    if comment(&body["message_id"]).is_none() {
                        return refused("message_id is not a comment of this conversation");
                    }
                }
                Some("private_replies") => {
                    let m = comment(&body["message_id"]);
                    if let Some(why) = private_reply_refusal(c, m.as_ref(), now) {
                        return refused(why);
                    }
                    c.private_replied.push(m.map(|m| m.id).unwrap_or_default());
                }
                _ => return refused("unknown action"),
            }
            let ghost = f.ghost_private_replies && body["action"] == "private_replies";
            let msg = Msg {
                id: new_id.unwrap_or_default(),
                from_id: pid.to_owned(),
                from_name: page_name,
                admin: sender,
                text: text.to_owned(),
                attachments,
                at: now.max(c.updated_at),
                hidden: false,
                removed: false,
            };
            c.last_sender = Sender::Page(msg.admin.clone());
            c.extra.push(msg.clone());
            c.snippet = match msg.attachments.first() {
                Some(Attachment::Media { kind, .. }) if text.trim().is_empty() => {
                    format!("[{kind}]")
                }
                _ => text.to_owned(),
            };
            c.updated_at = now;
            // A page reply marks the conversation read.
            c.seen = true;
            if ghost {
                // Delivered and stored, yet reported as failed.
                return refused(wire::GHOST_PRIVATE_REPLY);
            }
            // The reference's answer: the id and the text as a string.
            ok(json!({"success": true, "id": msg.id, "message": msg.text}))
        }
        _ => err(404, "no such endpoint"),
    }
}
