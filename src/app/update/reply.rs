//! Replies: what kind of reply a conversation takes (inbox message,
//! comment reply, private reply to a comment, and when Facebook refuses
//! one), canned replies filled in, and sending the composer's text.

use crate::api::file_reply::FileReply;
use crate::api::{ConversationId, ConversationType, Reply};
use crate::app::msg::Cmd;
use crate::app::state::State;
use crate::i18n::Said;
use crate::text::sanitize_input;

use super::{act, drafts, notify, notify_error};

/// Insert canned reply `i`, placeholders filled, and remember its tags.
pub(super) fn insert_canned(state: &mut State, i: usize) {
    let Some(canned) = state.canned.get(i).cloned() else {
        return;
    };
    let Some(c) = state.composer.as_ref() else {
        return;
    };
    let Some(conv) = state.convs.get(&c.conv) else {
        return;
    };
    let p = state.page_index(&conv.page_id).unwrap_or(0);
    let agent = state
        .me_on(p)
        .and_then(|m| state.pages[p].staff.find(&m).map(|u| u.name.clone()))
        .unwrap_or_default();
    let customer = conv.customer.name.clone();
    let page_name = state.page_of(&conv).name.clone();
    let text = crate::app::canned::fill(
        &canned.text,
        &crate::app::canned::Fill {
            customer_name: &customer,
            page_name: &page_name,
            agent_name: &agent,
        },
    );
    if let Some(c) = state.composer.as_mut() {
        c.input.insert(&text);
        for t in canned.tags {
            if !c.add_tags.contains(&t) {
                c.add_tags.push(t);
            }
        }
    }
}

/// The customer comment a comment reply answers: the newest one loaded.
fn last_comment<'a>(state: &'a State, conv: &ConversationId) -> Option<&'a crate::api::Message> {
    state
        .thread
        .as_ref()
        .filter(|t| &t.conv == conv)
        .and_then(|t| {
            t.messages
                .iter()
                .rev()
                .find(|m| !m.from_page && !m.is_removed)
        })
}

/// Seconds a comment may be old for a private reply (Facebook's rule, pancake-api.md § Send).
const PRIVATE_REPLY_MAX_AGE: i64 = 7 * 86_400;

/// Why a private reply is not possible now, if it is not.
fn private_reply_refusal(state: &State, conv: &ConversationId) -> Option<Said> {
    let c = state.convs.get(conv)?;
    if c.kind == ConversationType::Inbox {
        return Some(Said::new("private-refused-inbox"));
    }
    let Some(comment) = last_comment(state, conv) else {
        return Some(Said::new("private-refused-loading"));
    };
    if state.private_replied.contains(&comment.id) {
        return Some(Said::new("private-refused-once"));
    }
    let age = comment.inserted_at.map(|t| state.now.0 - t.0);
    if age.is_none_or(|a| a > PRIVATE_REPLY_MAX_AGE) {
        return Some(Said::new("private-refused-old"));
    }
    None
}

pub(super) fn toggle_private(state: &mut State) {
    let Some(conv) = state.composer.as_ref().map(|c| c.conv.clone()) else {
        return;
    };
    if state.composer.as_ref().is_some_and(|c| c.private) {
        if let Some(c) = state.composer.as_mut() {
            c.private = false;
        }
        notify(state, Said::new("notice-replying-as-comment"));
        return;
    }
    match private_reply_refusal(state, &conv) {
        Some(why) => notify_error(state, Said::new("notice-no-private-reply").arg("why", why)),
        None => {
            if let Some(c) = state.composer.as_mut() {
                c.private = true;
            }
            notify(state, Said::new("notice-private-reply"));
        }
    }
}

/// Send the composer's text as the right kind of reply for the conversation.
pub(super) fn send(state: &mut State) -> Vec<Cmd> {
    let Some(c) = state.composer.as_ref() else {
        return vec![];
    };
    if !c.files.checking.is_empty() {
        let n = c.files.checking.len();
        notify_error(state, Said::new("notice-still-checking").arg("count", n));
        return vec![];
    }
    if c.is_empty() {
        notify_error(state, Said::new("notice-nothing-to-send"));
        return vec![];
    }
    let conv_id = c.conv.clone();
    let text = sanitize_input(&c.input.text);
    let blank = c.input.is_blank();
    let Some(conv) = state.convs.get(&conv_id) else {
        return vec![];
    };
    let private = c.private;
    let add_tags = c.add_tags.clone();
    let files = c.files.attached.clone();
    let post_id = conv.post_id.clone();
    let inbox = matches!(
        conv.kind,
        ConversationType::Inbox | ConversationType::Other(_)
    );
    if !files.is_empty() && (!inbox || private) {
        // `content_ids` go with `reply_inbox` only (pancake-api.md § Send).
        notify_error(state, Said::new("notice-files-inbox-only"));
        return vec![];
    }
    let reply = match conv.kind {
        _ if !files.is_empty() => Reply::Files(FileReply {
            message: if blank { String::new() } else { text },
            files,
            text_sent: false,
        }),
        ConversationType::Inbox | ConversationType::Other(_) => Reply::Inbox { message: text },
        _ => {
            if private && let Some(why) = private_reply_refusal(state, &conv_id) {
                notify_error(state, Said::new("notice-no-private-reply").arg("why", why));
                return vec![];
            }
            let Some(m) = last_comment(state, &conv_id) else {
                notify_error(state, Said::new("notice-wait-for-comments"));
                return vec![];
            };
            if private {
                Reply::Private {
                    post_id: post_id.unwrap_or_default(),
                    message_id: m.id.clone(),
                    from_id: m.from_id.clone().unwrap_or_default(),
                    message: text,
                }
            } else {
                Reply::Comment {
                    message_id: m.id.clone(),
                    message: text,
                }
            }
        }
    };
    if let Reply::Private { message_id, .. } = &reply {
        state.private_replied.insert(message_id.clone());
    }
    state.composer = None;
    state.drafts.remove(&conv_id);
    let mut cmds = act::reply(state, &conv_id, reply);
    // Sent: its draft's row goes.
    cmds.push(drafts::save_kept(state, &conv_id));
    // Tags that come with the canned replies used.
    for name in add_tags {
        let folded = crate::text::fold(&name);
        let tag = state
            .convs
            .get(&conv_id)
            .map(|c| &state.page_of(&c).tags)
            .and_then(|tags| tags.iter().find(|t| crate::text::fold(&t.name) == folded))
            .map(|t| t.id.clone());
        match tag {
            Some(id)
                if !state
                    .convs
                    .get(&conv_id)
                    .is_some_and(|c| c.tags.contains(&id)) =>
            {
                cmds.extend(act::toggle_tag(state, &conv_id, id, false));
            }
            Some(_) => {}
            None => notify_error(
                state,
                Said::new("notice-canned-tag-missing").arg("tag", format!("{name:?}")),
            ),
        }
    }
    cmds
}
