//! `GET posts`: the page's posts, paged.

use serde_json::{Value, json};

use super::answer::{Answer, ok, refused};
use super::query::Params;

/// Posts served per page when `page_size` is not given.
const POSTS_PAGE_SIZE: usize = 30;

/// `GET posts`: the page's posts, newest first, `page_number` from 1 and
/// `page_size` 1..=100 (our reading, pancake-api.md § Posts).
pub(super) fn posts(page: &crate::sim::data::Page, q: &Params) -> Answer {
    // All four required (pancake-api.md § Posts).
    let seconds = |k| q.one(k).and_then(|s| s.parse::<i64>().ok());
    if seconds("since").is_none() || seconds("until").is_none() {
        return refused("since and until are required (unix seconds)");
    }
    let number = match q.one("page_number").map(str::parse::<usize>) {
        Some(Ok(n)) if n >= 1 => n,
        _ => return refused("page_number is required (from 1)"),
    };
    let size = match q.one("page_size").map(str::parse::<usize>) {
        Some(Ok(n)) if (1..=POSTS_PAGE_SIZE).contains(&n) => n,
        _ => return refused("page_size is required (1 to 30)"),
    };
    let rows: Vec<Value> = page
        .posts
        .iter()
        .enumerate()
        .skip((number - 1) * size)
        .take(size)
        .map(|(i, id)| crate::sim::world::post_json(page, i, id))
        .collect();
    ok(json!({"success": true, "total": page.posts.len(), "posts": rows}))
}
