//! What an agent's day needs from the simulator: the statistics (pancake-api.md § Statistics),
//! `page_customers`, and uploads. The figures are computed from the
//! conversations the simulator holds, so a test can check them against the
//! same world:
//!
//! - new customers: a customer (by `customer_id`) counts on the local day of
//!   their first contact (the earliest `inserted_at` of their conversations);
//! - tags: the conversations active in the period (`updated_at` inside it)
//!   holding each tag;
//! - staff: messages a staff member sent in the period (`admin`), the
//!   conversations they sent them in (handled), and the average time from a
//!   customer's first unanswered message to that staff member's reply, for
//!   replies in the period;
//! - engagement by hour: the customers' messages in the period per local
//!   hour (of the conversations assigned to `user_ids`, when given);
//! - page statistics: one row per local day with the counts above, the
//!   page's replies and the phone numbers captured.
//!
//! Days and hours are counted in the simulated pages' zone, UTC+07:00
//! (Vietnam), which is also how `date_range` is read. The answers' shapes
//! are the simulator's choice (the real ones are undocumented); the client
//! reads other shapes too (see `api::stats`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde_json::{Value, json};

use super::data::{Conv, Gen, Page};
use crate::api::stats::parse_date_range;

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

/// One day of the page statistics.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayRow {
    pub new_customers: u64,
    pub customer_inbox: u64,
    pub customer_comment: u64,
    pub page_inbox: u64,
    pub page_comment: u64,
    pub phone_numbers: u64,
}

/// One staff member's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaffRow {
    pub handled: u64,
    pub sent: u64,
    /// Seconds of each first response.
    pub first_responses: Vec<i64>,
}

impl StaffRow {
    pub fn avg_first_response(&self) -> Option<u64> {
        (!self.first_responses.is_empty()).then(|| {
            (self.first_responses.iter().sum::<i64>() / self.first_responses.len() as i64).max(0)
                as u64
        })
    }
}

/// Everything the message walk gives.
#[derive(Clone, Debug, Default)]
pub struct Walk {
    pub days: BTreeMap<Date, DayRow>,
    pub staff: BTreeMap<String, StaffRow>,
    pub hours: [u64; 24],
}

/// Walk the messages of the period (threads are generated, so only the
/// conversations that can have messages in it are read).
pub fn walk(g: &Gen, page: &Page, r: Range, user_ids: &[String]) -> Walk {
    let mut w = Walk::default();
    for (at, _) in first_contacts(page).values() {
        if r.has(*at) {
            w.days.entry(day(*at)).or_default().new_customers += 1;
        }
    }
    for c in &page.convs {
        if c.phone.is_some() && r.has(c.looks.phone_captured) {
            w.days
                .entry(day(c.looks.phone_captured))
                .or_default()
                .phone_numbers += 1;
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
            let row = w.days.entry(day(m.at)).or_default();
            match (from_page, inbox) {
                (false, true) => row.customer_inbox += 1,
                (false, false) => row.customer_comment += 1,
                (true, true) => row.page_inbox += 1,
                (true, false) => row.page_comment += 1,
            }
            if !from_page {
                if counted_hours {
                    w.hours[hour(m.at)] += 1;
                }
                continue;
            }
            if let Some((id, _)) = &m.admin
                && page.users.iter().any(|u| &u.id == id)
            {
                let s = w.staff.entry(id.clone()).or_default();
                s.sent += 1;
                if let Some(since) = waiting {
                    s.first_responses.push(m.at - since);
                }
                if handled.insert(id) {
                    s.handled += 1;
                }
            }
            waiting = None;
        }
    }
    w
}

fn date_json(d: Date) -> Value {
    json!(d.to_string())
}

/// `statistics/pages`: one row per local day of the period.
pub fn page_stats_json(g: &Gen, page: &Page, r: Range) -> Value {
    let w = walk(g, page, r, &[]);
    let rows: Vec<Value> = w
        .days
        .iter()
        .map(|(d, row)| {
            json!({
                "date": date_json(*d),
                "new_customer_count": row.new_customers,
                "customer_inbox_count": row.customer_inbox,
                "customer_comment_count": row.customer_comment,
                "page_inbox_count": row.page_inbox,
                "page_comment_count": row.page_comment,
                "phone_number_count": row.phone_numbers,
            })
        })
        .collect();
    json!({"success": true, "data": rows})
}

pub fn tag_stats_json(page: &Page, r: Range) -> Value {
    let rows: Vec<Value> = tag_counts(page, r)
        .into_iter()
        .map(|(id, n)| {
            let def = page.tags.iter().find(|t| t.id == id);
            json!({"tag": {"id": id, "text": def.map(|t| t.text.clone())}, "total": n})
        })
        .collect();
    json!({"success": true, "data": rows})
}

/// The rows of the users statistics: every active staff member, with the
/// average first response only when there was one.
pub fn user_rows(g: &Gen, page: &Page, r: Range) -> Vec<Value> {
    let w = walk(g, page, r, &[]);
    page.users
        .iter()
        .map(|u| {
            let s = w.staff.get(&u.id).cloned().unwrap_or_default();
            let mut v = json!({
                "user": {"id": u.id, "name": u.name},
                "conversation_count": s.handled,
                "message_count": s.sent,
            });
            if let Some(avg) = s.avg_first_response() {
                v["average_first_response_time"] = json!(avg);
            }
            v
        })
        .collect()
}

pub fn user_stats_json(g: &Gen, page: &Page, r: Range) -> Value {
    json!({"success": true, "data": {"statistics": user_rows(g, page, r)}})
}

pub fn engagement_json(g: &Gen, page: &Page, r: Range, user_ids: &[String]) -> Value {
    let w = walk(g, page, r, user_ids);
    let rows: Vec<Value> = (0..24)
        .map(|h| json!({"hour": format!("{h:02}"), "total": w.hours[h]}))
        .collect();
    json!({"success": true, "data": {"by_hour": rows}})
}

/// New customer statistics: by day (`{"date", "count"}` rows), by hour of
/// the day, or by page.
pub fn new_customers_json(page: &Page, r: Range, group_by: &str) -> Value {
    let data = match group_by {
        "hour" => {
            let mut hours = [0u64; 24];
            for (at, _) in first_contacts(page).values() {
                if r.has(*at) {
                    hours[hour(*at)] += 1;
                }
            }
            json!(
                (0..24)
                    .map(|h| json!({"hour": h, "count": hours[h]}))
                    .collect::<Vec<_>>()
            )
        }
        "page_id" => {
            let n: u64 = new_customers(page, r).values().sum();
            json!([{"page_id": page.id, "count": n}])
        }
        _ => json!(
            new_customers(page, r)
                .into_iter()
                .map(|(d, n)| json!({"date": date_json(d), "count": n}))
                .collect::<Vec<_>>()
        ),
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

pub fn attachment_type_of(mime: &str) -> &'static str {
    match mime.split('/').next().unwrap_or("") {
        "image" => "PHOTO",
        "video" => "VIDEO",
        "audio" => "AUDIO_ATTACHMENT_ID",
        _ => "DOCUMENT",
    }
}

/// How a message shows an upload (the thread's attachment kinds).
pub fn message_kind(attachment_type: &str) -> &'static str {
    match attachment_type {
        "PHOTO" => "photo",
        "VIDEO" => "video",
        "AUDIO_ATTACHMENT_ID" => "audio",
        _ => "file",
    }
}

/// The MIME types the simulator keeps by name (an attachment's is static).
pub fn static_mime(m: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "video/mp4",
        "video/quicktime",
        "audio/mp4",
        "audio/mpeg",
        "application/pdf",
        "text/plain",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ];
    KNOWN
        .iter()
        .find(|k| k.eq_ignore_ascii_case(m))
        .copied()
        .unwrap_or("application/octet-stream")
}

/// The `file` field of a `multipart/form-data` body: its file name, type
/// and bytes. `None`: not multipart, or no `file` field.
pub fn multipart_file(content_type: &str, body: &[u8]) -> Option<(String, String, Vec<u8>)> {
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))?
        .trim_matches('"');
    let delim = format!("--{boundary}");
    let delim = delim.as_bytes();
    let find = |hay: &[u8], needle: &[u8], from: usize| -> Option<usize> {
        hay.get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| p + from)
    };
    let mut at = find(body, delim, 0)?;
    loop {
        let start = at + delim.len();
        if body.get(start..start + 2) == Some(b"--") {
            return None;
        }
        let next = find(body, delim, start)?;
        let part = body.get(start..next)?;
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        let split = find(part, b"\r\n\r\n", 0)?;
        let head = String::from_utf8_lossy(&part[..split]).into_owned();
        let content = &part[split + 4..];
        let mut name = None;
        let mut filename = String::new();
        let mut mime = "application/octet-stream".to_owned();
        for line in head.lines() {
            let (k, v) = line.split_once(':').unwrap_or((line, ""));
            if k.eq_ignore_ascii_case("content-disposition") {
                for p in v.split(';').map(str::trim) {
                    if let Some(n) = p.strip_prefix("name=") {
                        name = Some(n.trim_matches('"').to_owned());
                    }
                    if let Some(f) = p.strip_prefix("filename=") {
                        filename = f.trim_matches('"').to_owned();
                    }
                }
            } else if k.eq_ignore_ascii_case("content-type") {
                mime = v.trim().to_owned();
            }
        }
        if name.as_deref() == Some("file") {
            return Some((filename, mime, content.to_vec()));
        }
        at = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multipart_file_is_found_among_fields() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nhello\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b\xc3\xa1nh.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\r\n\x00\r\n--XyZ--\r\n";
        let (name, mime, bytes) =
            multipart_file("multipart/form-data; boundary=XyZ", body).unwrap();
        assert_eq!((name.as_str(), mime.as_str()), ("bánh.jpg", "image/jpeg"));
        assert_eq!(bytes, b"\xff\xd8\xff\r\n\x00");
        assert!(multipart_file("application/json", body).is_none());
        assert!(multipart_file("multipart/form-data; boundary=Q", body).is_none());
    }

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
