//! What an agent's day needs from the simulator: the statistics (pancake-api.md § Statistics),
//! `page_customers`, and uploads. The figures are computed from the
//! conversations the simulator holds, so a test can check them against the
//! same world:
//!
//! - new customers: a customer (by `customer_id`) counts on the local day of
//!   their first contact (the earliest `inserted_at` of their conversations);
//! - tags: the conversations active in the period (`updated_at` inside it)
//!   holding each tag;
//! - staff: messages a staff member sent in the period (`admin`), inbox and
//!   comments apart, the conversations they sent them in, and the average
//!   time from a customer's first unanswered message to that staff member's
//!   reply, for replies in the period (milliseconds);
//! - engagement: the customers' messages in the period per UTC hour (of the
//!   conversations assigned to `user_ids`, when given);
//! - page statistics: one row per UTC hour with the counts above, the
//!   page's replies and the phone numbers captured.
//!
//! Days and hours are counted in the simulated pages' zone, UTC+07:00
//! (Vietnam), which is also how `date_range` is read; a day bucket's `date`
//! is its local midnight written in UTC (`...T17:00:00` the day before). The
//! answers have the shapes of pancake-api.md § Statistics.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde_json::{Value, json};

use super::data::{Conv, Gen, Page};
use crate::api::stats::parse_date_range;

pub use super::upload::{attachment_type_of, message_kind, multipart_file, static_mime};

/// The simulated pages' zone.
pub fn time_zone() -> TimeZone {
    TimeZone::fixed(jiff::tz::offset(7))
}

/// A period in unix seconds, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub since: i64,
    pub until: i64,
}

impl Range {
    fn has(&self, t: i64) -> bool {
        (self.since..=self.until).contains(&t)
    }

    /// From the `date_range` (pancake-api.md § Statistics), read in the pages' zone.
    pub fn from_date_range(s: &str) -> Option<Range> {
        let (a, b) = parse_date_range(s)?;
        let tz = time_zone();
        let since = a.to_zoned(tz.clone()).ok()?.timestamp().as_second();
        let until = b.to_zoned(tz).ok()?.timestamp().as_second();
        (since <= until).then_some(Range { since, until })
    }
}

fn day(t: i64) -> Date {
    jiff::Timestamp::from_second(t)
        .map(|ts| ts.to_zoned(time_zone()).date())
        .unwrap_or_default()
}

fn hour(t: i64) -> usize {
    jiff::Timestamp::from_second(t)
        .map(|ts| ts.to_zoned(time_zone()).hour() as usize)
        .unwrap_or(0)
}

/// Each customer's first contact (earliest conversation), by customer id.
pub fn first_contacts(page: &Page) -> HashMap<&str, (i64, &Conv)> {
    let mut first: HashMap<&str, (i64, &Conv)> = HashMap::new();
    for c in &page.convs {
        let e = first
            .entry(c.customer_id.as_str())
            .or_insert((c.inserted_at, c));
        if c.inserted_at < e.0 {
            *e = (c.inserted_at, c);
        }
    }
    first
}

pub fn new_customers(page: &Page, r: Range) -> BTreeMap<Date, u64> {
    let mut out = BTreeMap::new();
    for (at, _) in first_contacts(page).values() {
        if r.has(*at) {
            *out.entry(day(*at)).or_default() += 1;
        }
    }
    out
}

pub fn tag_counts(page: &Page, r: Range) -> BTreeMap<i64, u64> {
    let mut out = BTreeMap::new();
    for c in page.convs.iter().filter(|c| r.has(c.updated_at)) {
        for t in &c.tags {
            *out.entry(*t).or_default() += 1;
        }
    }
    out
}

/// One day (or hour) of the page statistics.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayRow {
    pub new_customers: u64,
    pub customer_inbox: u64,
    pub customer_comment: u64,
    pub page_inbox: u64,
    pub page_comment: u64,
    pub phone_numbers: u64,
    /// INBOX conversations begun.
    pub new_inbox: u64,
}

/// One staff member's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaffRow {
    /// Inbox messages sent.
    pub inbox: u64,
    /// Comment replies sent.
    pub comment: u64,
    /// Inbox conversations replied in.
    pub unique_inbox: u64,
    /// Comment threads replied in.
    pub unique_comment: u64,
    /// Conversations replied in whose phone number was captured in the period.
    pub phone_numbers: u64,
    /// Conversations replied in whose customer is new in the period.
    pub new_customers_replied: u64,
    /// Seconds of each first response.
    pub first_responses: Vec<i64>,
}

impl StaffRow {
    /// Seconds, rounded down.
    pub fn avg_first_response(&self) -> Option<u64> {
        self.avg_response_ms().map(|ms| ms / 1000)
    }

    /// Milliseconds, as Pancake's `average_response_time`.
    pub fn avg_response_ms(&self) -> Option<u64> {
        (!self.first_responses.is_empty()).then(|| {
            (self.first_responses.iter().sum::<i64>() * 1000 / self.first_responses.len() as i64)
                .max(0) as u64
        })
    }

    /// Conversations replied in.
    pub fn handled(&self) -> u64 {
        self.unique_inbox + self.unique_comment
    }
}

/// One hour of the engagement statistics (customers' messages).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EngagementRow {
    pub inbox: u64,
    pub comment: u64,
    pub new_customer: u64,
    pub new_customer_from_inbox: u64,
}

/// Everything the message walk gives.
#[derive(Clone, Debug, Default)]
pub struct Walk {
    pub days: BTreeMap<Date, DayRow>,
    /// The same rows per UTC hour (the hour's start, unix seconds).
    pub hour_rows: BTreeMap<i64, DayRow>,
    pub staff: BTreeMap<String, StaffRow>,
    /// Customers' messages per local hour of the day.
    pub hours: [u64; 24],
    /// The engagement per UTC hour (its start).
    pub engagement: BTreeMap<i64, EngagementRow>,
}

fn hour_start(t: i64) -> i64 {
    t - t.rem_euclid(3600)
}

impl Walk {
    fn row(&mut self, t: i64, f: impl Fn(&mut DayRow)) {
        f(self.days.entry(day(t)).or_default());
        f(self.hour_rows.entry(hour_start(t)).or_default());
    }
}

/// Walk the messages of the period (threads are generated, so only the
/// conversations that can have messages in it are read).
pub fn walk(g: &Gen, page: &Page, r: Range, user_ids: &[String]) -> Walk {
    let mut w = Walk::default();
    let first = first_contacts(page);
    let is_new = |c: &Conv| {
        first
            .get(c.customer_id.as_str())
            .is_some_and(|(at, _)| r.has(*at))
    };
    for (at, c) in first.values() {
        if r.has(*at) {
            w.row(*at, |d| d.new_customers += 1);
            let e = w.engagement.entry(hour_start(*at)).or_default();
            e.new_customer += 1;
            if c.kind == "INBOX" {
                e.new_customer_from_inbox += 1;
            }
        }
    }
    for c in &page.convs {
        let phone_in_range = c.phone.is_some() && r.has(c.looks.phone_captured);
        if phone_in_range {
            w.row(c.looks.phone_captured, |d| d.phone_numbers += 1);
        }
        if c.kind == "INBOX" && r.has(c.inserted_at) {
            w.row(c.inserted_at, |d| d.new_inbox += 1);
        }
        if c.updated_at < r.since || c.inserted_at > r.until {
            continue;
        }
        let counted_hours = user_ids.is_empty() || c.assignees.iter().any(|a| user_ids.contains(a));
        let inbox = c.kind == "INBOX";
        let mut waiting: Option<i64> = None;
        let mut handled: BTreeSet<&str> = BTreeSet::new();
        let thread = g.thread(page, c);
        for m in &thread {
            let from_page = m.from_id == page.id;
            if !from_page {
                waiting.get_or_insert(m.at);
            }
            if !r.has(m.at) {
                if from_page {
                    waiting = None;
                }
                continue;
            }
            w.row(m.at, |row| match (from_page, inbox) {
                (false, true) => row.customer_inbox += 1,
                (false, false) => row.customer_comment += 1,
                (true, true) => row.page_inbox += 1,
                (true, false) => row.page_comment += 1,
            });
            if !from_page {
                if counted_hours {
                    w.hours[hour(m.at)] += 1;
                    let e = w.engagement.entry(hour_start(m.at)).or_default();
                    if inbox {
                        e.inbox += 1;
                    } else {
                        e.comment += 1;
                    }
                }
                continue;
            }
            if let Some((id, _)) = &m.admin
                && page.users.iter().any(|u| &u.id == id)
            {
                let s = w.staff.entry(id.clone()).or_default();
                if inbox {
                    s.inbox += 1;
                } else {
                    s.comment += 1;
                }
                if let Some(since) = waiting {
                    s.first_responses.push(m.at - since);
                }
                if handled.insert(id) {
                    if inbox {
                        s.unique_inbox += 1;
                    } else {
                        s.unique_comment += 1;
                    }
                    if phone_in_range {
                        s.phone_numbers += 1;
                    }
                    if is_new(c) {
                        s.new_customers_replied += 1;
                    }
                }
            }
            waiting = None;
        }
    }
    w
}

/// A time as the statistics write it: UTC with `Z` (`2026-11-19T17:00:00Z`).
fn utc_json(t: i64) -> Value {
    json!(
        jiff::Timestamp::from_second(t)
            .map(|ts| ts.to_string())
            .unwrap_or_default()
    )
}

/// The local days of the period, oldest first.
fn days_of(r: Range) -> Vec<Date> {
    let (a, b) = (day(r.since), day(r.until));
    let mut out = vec![];
    let mut d = a;
    while d <= b && out.len() < 4000 {
        out.push(d);
        match d.tomorrow() {
            Ok(n) => d = n,
            Err(_) => break,
        }
    }
    out
}

/// A day's label in the statistics' `categories`: `26/8`.
fn label(d: Date) -> String {
    format!("{}/{}", d.day(), d.month())
}

/// A local day's midnight written in UTC, naive: `2026-11-19T17:00:00` for
/// 2026-11-20 at UTC+07:00 (pancake-api.md § Statistics: the day buckets).
pub fn midnight_utc(d: Date) -> String {
    d.to_zoned(time_zone())
        .map(|z| z.timestamp().to_zoned(TimeZone::UTC).datetime().to_string())
        .unwrap_or_default()
}

/// `statistics/pages`: one row per UTC hour with activity.
pub fn page_stats_json(g: &Gen, page: &Page, r: Range) -> Value {
    let w = walk(g, page, r, &[]);
    let rows: Vec<Value> = w
        .hour_rows
        .iter()
        .map(|(h, row)| {
            json!({
                "hour": utc_json(*h),
                "new_customer_count": row.new_customers,
                "customer_inbox_count": row.customer_inbox,
                "customer_comment_count": row.customer_comment,
                "page_inbox_count": row.page_inbox,
                "page_comment_count": row.page_comment,
                "phone_number_count": row.phone_numbers,
                "uniq_phone_number_count": row.phone_numbers,
                "new_inbox_count": row.new_inbox,
                "today_uniq_website_referral": 0,
                "today_website_guest_referral": 0,
            })
        })
        .collect();
    json!({"success": true, "data": rows})
}

/// Conversations active (`updated_at`) on each of `days` per tag id.
fn tag_series(page: &Page, r: Range, days: &[Date]) -> Value {
    let mut series = serde_json::Map::new();
    for t in &page.tags {
        let counts: Vec<u64> = days
            .iter()
            .map(|d| {
                page.convs
                    .iter()
                    .filter(|c| {
                        r.has(c.updated_at) && day(c.updated_at) == *d && c.tags.contains(&t.id)
                    })
                    .count() as u64
            })
            .collect();
        series.insert(t.id.to_string(), json!(counts));
    }
    json!({"categories": days.iter().map(|d| label(*d)).collect::<Vec<_>>(), "series": series})
}

/// `statistics/tags`: per tag id, the conversations active in the period on
/// each local day; `data_today` the same for the last day; the tag list.
pub fn tag_stats_json(page: &Page, r: Range) -> Value {
    let days = days_of(r);
    let today = days.last().copied().map(|d| vec![d]).unwrap_or_default();
    json!({
        "success": true,
        "data": tag_series(page, r, &days),
        "data_today": tag_series(page, r, &today),
        "tags": page.tags.iter().map(|t| json!({
            "id": t.id, "text": t.text, "color": t.color, "lighten_color": t.lighten,
            "description": null,
        })).collect::<Vec<_>>(),
    })
}

/// One page's `data` of the users statistics: every active staff member,
/// the average response time (milliseconds) only when there was one.
pub fn user_data(g: &Gen, page: &Page, r: Range) -> Value {
    let w = walk(g, page, r, &[]);
    let mut statistics = serde_json::Map::new();
    let mut users = serde_json::Map::new();
    for u in &page.users {
        let s = w.staff.get(&u.id).cloned().unwrap_or_default();
        let mut v = json!({
            "user_name": u.name,
            "user_fb_id": u.fb_id,
            "inbox_count": s.inbox,
            "comment_count": s.comment,
            "unique_inbox_count": s.unique_inbox,
            "unique_comment_count": s.unique_comment,
            "private_reply_count": 0,
            "phone_number_count": s.phone_numbers,
        });
        if let Some(ms) = s.avg_response_ms() {
            v["average_response_time"] = json!(ms);
        }
        users.insert(u.id.clone(), v);
        statistics.insert(
            u.id.clone(),
            json!([{"hour": utc_json(hour_start(r.since)), "inbox_count": s.inbox, "comment_count": s.comment}]),
        );
    }
    json!({"statistics": statistics, "users": users})
}

pub fn user_stats_json(g: &Gen, page: &Page, r: Range) -> Value {
    json!({"success": true, "data": user_data(g, page, r)})
}

/// `statistics/customer_engagements`: the customers' messages per UTC hour
/// (top-level `statistics`), per local day (`data` series), and each staff
/// member's engagement.
pub fn engagement_json(g: &Gen, page: &Page, r: Range, user_ids: &[String]) -> Value {
    let w = walk(g, page, r, user_ids);
    let rows: Vec<Value> = w
        .engagement
        .iter()
        .map(|(h, e)| {
            json!({
                "hour": utc_json(*h),
                "inbox": e.inbox,
                "comment": e.comment,
                "total": e.inbox + e.comment,
                "new_customer": e.new_customer,
                "new_customer_from_inbox": e.new_customer_from_inbox,
            })
        })
        .collect();
    let days = days_of(r);
    let per_day = |f: &dyn Fn(&EngagementRow) -> u64| -> Vec<u64> {
        days.iter()
            .map(|d| {
                w.engagement
                    .iter()
                    .filter(|(h, _)| day(**h) == *d)
                    .map(|(_, e)| f(e))
                    .sum()
            })
            .collect()
    };
    let users: Vec<Value> = page
        .users
        .iter()
        .map(|u| {
            let s = w.staff.get(&u.id).cloned().unwrap_or_default();
            json!({
                "user_id": u.id, "name": u.name,
                "total_engagement": s.handled(),
                "new_customer_replied_count": s.new_customers_replied,
                "order_count": 0, "old_order_count": 0,
            })
        })
        .collect();
    json!({
        "success": true,
        "data": {
            "categories": days.iter().map(|d| label(*d)).collect::<Vec<_>>(),
            "series": [
                {"name": "inbox", "data": per_day(&|e| e.inbox)},
                {"name": "comment", "data": per_day(&|e| e.comment)},
                {"name": "total", "data": per_day(&|e| e.inbox + e.comment)},
            ],
        },
        "statistics": rows,
        "users_engagements": users,
    })
}

/// New customers (`page_customers?date_range&group_by`): by local day (every
/// day of the range, its `date` the local midnight written in UTC), by
/// hour, or by page.
pub fn new_customers_json(g: &Gen, page: &Page, r: Range, group_by: &str) -> Value {
    let w = walk(g, page, r, &[]);
    let first = first_contacts(page);
    let new_phone = |pick: &dyn Fn(i64) -> bool| -> u64 {
        first
            .values()
            .filter(|(at, c)| {
                r.has(*at)
                    && c.phone.is_some()
                    && r.has(c.looks.phone_captured)
                    && pick(c.looks.phone_captured)
            })
            .count() as u64
    };
    let bucket = |at: String, row: Option<&DayRow>, pick: &dyn Fn(i64) -> bool| {
        let row = row.cloned().unwrap_or_default();
        json!({
            "date": at,
            "new_customer_count": row.new_customers,
            "new_page_inbox_count": row.new_inbox,
            "new_phone_number_count": new_phone(pick),
            "phone_number_count": row.phone_numbers,
        })
    };
    let data: Vec<Value> = match group_by {
        "hour" => w
            .hour_rows
            .iter()
            .map(|(h, row)| {
                let h = *h;
                bucket(super::data::naive(h), Some(row), &|t| hour_start(t) == h)
            })
            .collect(),
        "page_id" => {
            let n: u64 = w.days.values().map(|d| d.new_customers).sum();
            vec![json!({"page_id": page.id, "new_customer_count": n})]
        }
        _ => days_of(r)
            .into_iter()
            .map(|d| bucket(midnight_utc(d), w.days.get(&d), &|t| day(t) == d))
            .collect(),
    };
    json!({"success": true, "data": data})
}

/// `page_customers`: customers whose first contact is in the period, newest
/// first, `page_size` (at most 100; none: all) per `page_number` (from 1).
pub fn page_customers_json(
    page: &Page,
    r: Range,
    page_number: usize,
    page_size: Option<usize>,
) -> Value {
    let mut list: Vec<(i64, &Conv)> = first_contacts(page)
        .into_values()
        .filter(|(at, _)| r.has(*at))
        .collect();
    list.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.customer_id.cmp(&a.1.customer_id)));
    let total = list.len();
    let size = page_size.unwrap_or(total.max(1));
    let rows: Vec<Value> = list
        .into_iter()
        .skip((page_number - 1) * size)
        .take(size)
        .map(|(at, c)| super::world::page_customer_json(c, at))
        .collect();
    json!({"success": true, "total": total, "customers": rows})
}

pub use super::data::SimUpload;

/// Pancake's limit for most channels.
pub const MAX_UPLOAD: usize = 25_000_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ranges_are_read_in_the_pages_zone() {
        let r = Range::from_date_range("20/11/2026 00:00:00 - 20/11/2026 23:59:59").unwrap();
        assert_eq!(r.until - r.since, 86_399);
        // Midnight in Vietnam is 17:00 UTC the day before.
        assert_eq!(
            jiff::Timestamp::from_second(r.since).unwrap().to_string(),
            "2026-11-19T17:00:00Z"
        );
        assert!(Range::from_date_range("nonsense").is_none());
    }
}
