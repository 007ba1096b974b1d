//! The page's posts: `GET /public_api/v1/pages/{page_id}/posts`
//! (pancake-api.md § Posts: `since`, `until`, `page_number` from 1 and
//! `page_size` at most 30, all required), read to show a COMMENT
//! conversation's post above its comments.
//!
//! Fields relied on, each optional and read loosely: `id`, the text as
//! `message` (else `content`, `story`), the time as `inserted_at` (else
//! `created_time`), under `posts` (else `data`).

use crate::api::RequestKind;
use serde::{Deserialize, Serialize};

use super::client::{PageApi, decode};
use super::error::ApiError;
use super::lenient::{Lenient, loose_string};
use super::time::{UnixSeconds, de_opt_time};
use crate::text::sanitize_block;

/// Posts asked per call (the most the reference allows).
pub const POSTS_PAGE_SIZE: u32 = 30;
/// Days before a comment conversation began that its post is looked for.
pub const POST_LOOK_BACK_DAYS: i64 = 180;
/// Calls made to find one post before saying "post not found".
pub const POST_PAGES: u32 = 3;

/// A post of the page, clean.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// Verbatim.
    pub id: String,
    /// Sanitized, several lines allowed.
    pub text: String,
    pub at: Option<UnixSeconds>,
}

#[derive(Debug, Deserialize)]
struct RawPost {
    #[serde(default, deserialize_with = "loose_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    message: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    content: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    story: Option<String>,
    #[serde(default, deserialize_with = "de_opt_time")]
    inserted_at: Option<UnixSeconds>,
    #[serde(default, deserialize_with = "de_opt_time")]
    created_time: Option<UnixSeconds>,
}

#[derive(Debug, Deserialize)]
struct RawPosts {
    #[serde(default)]
    posts: Option<Lenient<RawPost>>,
    #[serde(default)]
    data: Option<Lenient<RawPost>>,
}

/// The posts of one answer; an answer without a list is an error.
pub fn decode_posts(bytes: &[u8]) -> Result<Vec<Post>, ApiError> {
    const WHAT: RequestKind = RequestKind::Posts;
    let raw: RawPosts = decode(WHAT, bytes)?;
    let list = raw.posts.or(raw.data).ok_or(ApiError::Decode {
        what: WHAT,
        detail: crate::api::decode_problem::DecodeProblem::Missing("posts").into(),
    })?;
    list.log_skipped("posts", "posts");
    Ok(list
        .items
        .into_iter()
        .filter_map(|p| {
            let text = p.message.or(p.content).or(p.story).unwrap_or_default();
            Some(Post {
                id: p.id.filter(|i| !i.is_empty())?,
                text: sanitize_block(&super::models::strip_html(&text)),
                at: p.inserted_at.or(p.created_time),
            })
        })
        .collect())
}

impl PageApi {
    /// One page of posts, newest first.
    pub async fn posts(&self, page_number: u32, since: UnixSeconds) -> Result<Vec<Post>, ApiError> {
        let until = UnixSeconds::now().max(since);
        let query = vec![
            ("since", since.0.to_string()),
            ("until", until.0.to_string()),
            ("page_number", page_number.max(1).to_string()),
            ("page_size", POSTS_PAGE_SIZE.to_string()),
        ];
        decode_posts(&self.read(RequestKind::Posts, "/posts", query).await?)
    }

    /// The post `post_id`, looked for in at most `max_calls` pages
    /// (`None`: not among them; a short page ends the walk).
    pub async fn find_post(
        &self,
        post_id: &str,
        since: UnixSeconds,
        max_calls: u32,
    ) -> Result<Option<Post>, ApiError> {
        for n in 1..=max_calls.max(1) {
            let posts = self.posts(n, since).await?;
            let short = posts.len() < POSTS_PAGE_SIZE as usize;
            if let Some(p) = posts.into_iter().find(|p| p.id == post_id) {
                return Ok(Some(p));
            }
            if short {
                break;
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_decode_loosely_and_sanitized() {
        let posts = decode_posts(
            br#"{"success":true,"posts":[
                {"id":"105_1","message":"Sale <b>50%</b>\u001b[31m","inserted_at":"2026-11-30T09:15:00"},
                {"id":2,"story":"x","created_time":1780000000},
                {"message":"no id"}, 7]}"#,
        )
        .unwrap();
        assert_eq!(posts.len(), 2);
        assert_eq!(posts[0].text, "Sale 50%");
        assert_eq!(posts[1].id, "2");
        assert!(decode_posts(br#"{"success":true}"#).is_err());
    }
}
