//! The page's statistics routes (pancake-api.md § Statistics): pages,
//! tags, users, engagements; new customers by `group_by`; page customers
//! by time, paged.

use super::answer::{Answer, err, ok, refused};
use super::query::Params;
use crate::sim::data::Page;
use crate::sim::day;
use crate::sim::world::World;

/// `GET statistics/{which}`.
pub(super) fn statistics(world: &World, page: &Page, which: &str, q: &Params) -> Answer {
    let range = match which {
        "pages" | "tags" => match (
            q.one("since").and_then(|s| s.parse().ok()),
            q.one("until").and_then(|s| s.parse().ok()),
        ) {
            (Some(since), Some(until)) => Some(day::Range { since, until }),
            _ => return refused("since and until are required (unix seconds)"),
        },
        _ => q.one("date_range").and_then(day::Range::from_date_range),
    };
    let Some(r) = range else {
        return refused("date_range is required (dd/mm/YYYY HH:MM:SS - dd/mm/YYYY HH:MM:SS)");
    };
    let g = &world.generator;
    match which {
        "pages" => ok(day::page_stats_json(g, page, r)),
        "tags" => ok(day::tag_stats_json(page, r)),
        "users" => ok(day::user_stats_json(g, page, r)),
        "customer_engagements" => {
            let users = q.list("user_ids", true);
            ok(day::engagement_json(g, page, r, &users))
        }
        // There is no `statistics/page_customers`: new customers are
        // `page_customers` with `group_by`.
        _ => err(404, "no such endpoint"),
    }
}

/// `GET page_customers` with `group_by`: new customers per day, hour or page.
pub(super) fn new_customers(world: &World, page: &Page, q: &Params) -> Answer {
    let Some(r) = q.one("date_range").and_then(day::Range::from_date_range) else {
        return refused("date_range is required (dd/mm/YYYY - dd/mm/YYYY)");
    };
    match q.one("group_by") {
        Some(g @ ("day" | "hour" | "page_id")) => {
            ok(day::new_customers_json(&world.generator, page, r, g))
        }
        _ => refused("group_by must be day, hour or page_id"),
    }
}

/// `GET page_customers` without `group_by`: the page's customers between
/// `since` and `until`, paged.
pub(super) fn page_customers(page: &Page, q: &Params) -> Answer {
    let (Some(since), Some(until)) = (
        q.one("since").and_then(|s| s.parse().ok()),
        q.one("until").and_then(|s| s.parse().ok()),
    ) else {
        return refused("since and until are required (unix seconds)");
    };
    let Some(number) = q
        .one("page_number")
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| *n >= 1)
    else {
        return refused("page_number is required (from 1)");
    };
    let size = match q.one("page_size").map(|n| n.parse::<usize>()) {
        None => None,
        Some(Ok(n)) if (1..=100).contains(&n) => Some(n),
        Some(_) => return refused("page_size must be between 1 and 100"),
    };
    ok(day::page_customers_json(
        page,
        day::Range { since, until },
        number,
        size,
    ))
}
