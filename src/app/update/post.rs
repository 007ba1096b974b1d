//! A COMMENT conversation's post, shown above its comments: looked up once
//! per post (`posts`, a few pages at most) and kept for the session.

use crate::api::posts::Post;
use crate::api::{ApiError, ConversationType, PageId};
use crate::app::customer::PostCard;
use crate::app::msg::Cmd;
use crate::app::state::State;

/// The lookup the open thread's post needs, if it is a comment
/// conversation's and not known yet (or the last lookup failed).
pub fn ensure(state: &mut State) -> Vec<Cmd> {
    let Some(conv) = state.thread.as_ref().and_then(|t| state.convs.get(&t.conv)) else {
        return vec![];
    };
    if conv.kind != ConversationType::Comment {
        return vec![];
    }
    let Some(post_id) = conv.post_id.clone() else {
        return vec![];
    };
    let key = (conv.page_id.clone(), post_id.clone());
    if state
        .posts
        .get(&key)
        .is_some_and(|p| !matches!(p, PostCard::Failed(_)))
    {
        return vec![];
    }
    let page = conv.page_id.clone();
    state.posts.insert(key, PostCard::Loading);
    vec![Cmd::LoadPost { page, post_id }]
}

pub fn on_post(
    state: &mut State,
    page: PageId,
    post_id: String,
    result: Result<Option<Post>, ApiError>,
) -> Vec<Cmd> {
    let card = match result {
        Ok(Some(p)) => PostCard::Found(p),
        Ok(None) => PostCard::NotFound,
        Err(e) => PostCard::Failed(e.to_string()),
    };
    state.posts.insert((page, post_id), card);
    state.dirty = true;
    vec![]
}
