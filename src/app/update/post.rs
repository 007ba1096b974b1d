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
    // A post comes before its comments: asked from a while before the
    // conversation began (or before now, when that is not known).
    let from = conv.inserted_at.unwrap_or(state.now);
    let since =
        crate::api::UnixSeconds((from.0 - crate::api::posts::POST_LOOK_BACK_DAYS * 86_400).max(0));
    state.posts.insert(key, PostCard::Loading);
    vec![Cmd::LoadPost {
        page,
        post_id,
        since,
    }]
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
    vec![]
}
