//! The team's news (another inbox of the page, or a webhook relay,
//! published it on Redis) and the team's status: who reads the page for
//! everyone, and so whether this inbox polls for news or only reconciles.

use crate::api::{Conversation, ConversationId, PageId, UnixSeconds};
use crate::app::msg::Cmd;
use crate::app::state::State;
use crate::team::{News, Role, Status, TeamEvent};

use super::{list, sync};

pub fn on_news(state: &mut State, page: &PageId, news: News) -> Vec<Cmd> {
    let Some(p) = state.page_index(page) else {
        return vec![];
    };
    match news {
        News::Status(status) => on_status(state, p, status),
        News::Event(event) => on_event(state, p, event),
    }
}

/// The page's next poll moves with the team: sooner when this inbox must
/// now poll for news itself (it became the reader, Redis went away, the
/// reader went quiet) or rejoined after Redis was away (a reconcile then
/// brings what was missed); later when the team's news come to it.
fn on_status(state: &mut State, p: usize, status: Status) -> Vec<Cmd> {
    let was = std::mem::replace(&mut state.pages[p].team, status);
    let rejoined = was.role == Role::Down && status.role != Role::Down;
    let now = state.now;
    let then = UnixSeconds(now.0 + sync::news_interval(&state.settings, &state.pages[p]));
    let sync = &mut state.pages[p].sync;
    let Some(next) = sync.next_poll else {
        return vec![];
    };
    sync.next_poll = Some(if rejoined || (status.polls_news() && !was.polls_news()) {
        now.min(next)
    } else if status.polls_news() {
        // The reader polls for one agent: sooner than as one of many.
        then.min(next)
    } else {
        then.max(next)
    });
    vec![]
}

fn on_event(state: &mut State, p: usize, event: TeamEvent) -> Vec<Cmd> {
    let page = state.pages[p].id.clone();
    match event {
        TeamEvent::Conversations {
            conversations,
            partial,
        } => {
            let news = if partial {
                conversations
                    .into_iter()
                    .map(|c| merged(state, c))
                    .collect()
            } else {
                conversations
            };
            sync::apply_news(state, p, news)
        }
        TeamEvent::Tags { tags } => super::update(state, crate::app::Msg::Tags(page, Ok(tags))),
        TeamEvent::Staff { staff } => super::update(state, crate::app::Msg::Staff(page, Ok(staff))),
        TeamEvent::Tagged { conversation, tags } => {
            change(state, &page, &conversation, |c| c.tags = tags)
        }
        TeamEvent::Assigned {
            conversation,
            assignees,
        } => change(state, &page, &conversation, |c| c.assignee_ids = assignees),
        TeamEvent::Seen { conversation, seen } => {
            change(state, &page, &conversation, |c| c.seen = seen)
        }
        // A message comes with its conversation's news (the conversation
        // moved), which fetches the open thread: nothing more to do here.
        TeamEvent::Messages { .. } => vec![],
    }
}

/// What a webhook said of a conversation (its last message: snippet,
/// time, read state, the customer's name and ids), over what this inbox
/// has of it: its tags, assignees, counts and the rest stay.
fn merged(state: &State, news: Conversation) -> Conversation {
    let Some(held) = state.convs.get(&news.id) else {
        return news;
    };
    let mut c = held.clone();
    if news.updated_at < held.updated_at {
        return c;
    }
    c.updated_at = news.updated_at;
    c.snippet = news.snippet;
    c.seen = news.seen;
    c.last_customer_message_at = news
        .last_customer_message_at
        .max(held.last_customer_message_at);
    if !news.customer.name.is_empty() {
        c.customer.name = news.customer.name;
    }
    let ids = [
        (
            &mut c.customer.page_customer_id,
            news.customer.page_customer_id,
        ),
        (&mut c.customer.psid, news.customer.psid),
        (&mut c.customer.global_id, news.customer.global_id),
    ];
    for (mine, theirs) in ids {
        if mine.is_none() {
            *mine = theirs;
        }
    }
    c
}

/// A colleague's change, confirmed by Pancake, on a conversation this
/// inbox knows (one it does not know comes with the next news). This
/// inbox's own pending change on it still shows over it.
fn change(
    state: &mut State,
    page: &PageId,
    conv: &ConversationId,
    f: impl FnOnce(&mut Conversation),
) -> Vec<Cmd> {
    let Some(i) = state.convs.position(conv) else {
        return vec![];
    };
    let mut c = state.convs.at(i).clone();
    if &c.page_id != page {
        return vec![];
    }
    f(&mut c);
    if list::ingest(state, vec![c.clone()]) > 0 {
        return vec![Cmd::SaveConversations(page.clone(), vec![c])];
    }
    vec![]
}
