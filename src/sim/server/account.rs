//! The user token's routes: the user's pages, the multi-page users
//! statistics, a page's access token.

use serde_json::{Value, json};

use super::answer::{Answer, err, ok, refused};
use super::gate::user_gate;
use super::query::Params;
use super::shared::Shared;
use crate::sim::day;

pub(super) fn user_pages(sh: &Shared, q: &Params) -> Answer {
    let w = sh.world();
    if let Some(problem) = user_gate(&w, q) {
        return problem;
    }
    let pages: Vec<Value> = w
        .pages
        .iter()
        .map(|p| json!({"id": p.id, "name": p.name}))
        .collect();
    ok(json!({"success": true, "categorized": {"activated": pages, "inactivated": []}}))
}

/// Users statistics of several pages with the user token (`page_ids`
/// comma-joined, `date_range`): each page's `data` keyed by page id (the
/// shape is not confirmed, pancake-api.md § Statistics).
pub(super) fn user_stats_pages(sh: &Shared, q: &Params) -> Answer {
    if sh.faults_now().no_multi_page_users {
        return err(404, "no such endpoint");
    }
    let w = sh.world();
    if let Some(problem) = user_gate(&w, q) {
        return problem;
    }
    let Some(r) = q.one("date_range").and_then(day::Range::from_date_range) else {
        return refused("date_range is required (dd/mm/YYYY HH:MM:SS - dd/mm/YYYY HH:MM:SS)");
    };
    let ids = q.list("page_ids", true);
    if ids.is_empty() {
        return refused("page_ids is required");
    }
    let mut data = serde_json::Map::new();
    for id in ids {
        let Some(page) = w.page(&id) else {
            return refused(&format!("page {id} is not one of your pages"));
        };
        data.insert(id, day::user_data(&w.generator, page, r));
    }
    ok(json!({"success": true, "data": data}))
}

pub(super) fn generate_token(sh: &Shared, pid: &str, q: &Params) -> Answer {
    let w = sh.world();
    if let Some(problem) = user_gate(&w, q) {
        return problem;
    }
    match w.page(pid) {
        Some(p) => ok(json!({"success": true, "page_access_token": p.token})),
        None => err(404, "page not found"),
    }
}
