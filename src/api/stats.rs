//! The statistics (pancake-api.md § Statistics): page, tags, users (one page, or several with
//! the user token), engagement by hour, new customers.
//!
//! The parameters are the seed's. The **paths** come from the index of the
//! official reference (developer.pancake.biz: `statistics/pages`,
//! `statistics/tags`, `statistics/users`, `statistics/customer_engagements`,
//! medium confidence); the new-customer path and the multi-page path are not
//! in that index and are inferred (low): they live in [`paths`] only.
//!
//! The **answers are undocumented** (pancake-api.md § Statistics). Each decoder below says
//! exactly which fields it relies on; every field is read loosely (a number
//! as a string, a float, a missing key), every list element by element
//! ([`Lenient`]), and what is not there stays `None` or empty: the model
//! shows what Pancake sent, never a made-up zero.

use std::collections::BTreeMap;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::client::{PageApi, Request, UserApi, decode};
use super::error::ApiError;
use super::ids::{PageId, TagId, UserId};
use super::lenient::{Lenient, lenient_opt, loose_string, loose_u64};
use super::time::UnixSeconds;
use crate::text::sanitize_line;

/// Where each statistics endpoint lives, in one place.
pub mod paths {
    /// Under `/public_api/v1/pages/{page_id}` (page token).
    pub const PAGE: &str = "/statistics/pages";
    pub const TAGS: &str = "/statistics/tags";
    pub const USERS: &str = "/statistics/users";
    pub const ENGAGEMENT: &str = "/statistics/customer_engagements";
    /// Inferred (low confidence): the reference names it "New customer
    /// statistics" beside `page_customers`.
    pub const NEW_CUSTOMERS: &str = "/statistics/page_customers";
    /// Under the user API root `/v1` (user token, `page_ids`). Inferred (low).
    pub const USERS_MULTIPLE_PAGES: &str = "/v1/statistics/users";
}

/// A period to report on, and the zone its days and hours are counted in.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    pub since: UnixSeconds,
    pub until: UnixSeconds,
    pub tz: TimeZone,
}

impl Period {
    /// The last `days` days up to `now` (`days` = 1: the last 24 hours).
    pub fn last_days(now: UnixSeconds, days: u32, tz: TimeZone) -> Period {
        Period {
            since: UnixSeconds(now.0 - i64::from(days) * 86_400),
            until: now,
            tz,
        }
    }

    /// `27/07/2021 00:00:00 - 26/08/2021 23:59:59` in the period's zone
    /// (pancake-api.md § Statistics: the `date_range` of the users and engagement statistics).
    pub fn date_range(&self) -> String {
        format!(
            "{} - {}",
            fmt_local(self.since, &self.tz, "%d/%m/%Y %H:%M:%S"),
            fmt_local(self.until, &self.tz, "%d/%m/%Y %H:%M:%S")
        )
    }

    /// `20/07/2020 - 20/08/2020` (pancake-api.md § Statistics: the form for new customers).
    pub fn date_range_days(&self) -> String {
        format!(
            "{} - {}",
            fmt_local(self.since, &self.tz, "%d/%m/%Y"),
            fmt_local(self.until, &self.tz, "%d/%m/%Y")
        )
    }

    /// The local days the period touches, oldest first.
    pub fn days(&self) -> Vec<Date> {
        let (Some(a), Some(b)) = (local(self.since, &self.tz), local(self.until, &self.tz)) else {
            return vec![];
        };
        let mut out = Vec::new();
        let mut d = a.date();
        while d <= b.date() && out.len() < 4000 {
            out.push(d);
            match d.tomorrow() {
                Ok(n) => d = n,
                Err(_) => break,
            }
        }
        out
    }
}

fn local(t: UnixSeconds, tz: &TimeZone) -> Option<DateTime> {
    jiff::Timestamp::from_second(t.0)
        .ok()
        .map(|ts| ts.to_zoned(tz.clone()).datetime())
}

fn fmt_local(t: UnixSeconds, tz: &TimeZone, f: &str) -> String {
    local(t, tz)
        .map(|d| d.strftime(f).to_string())
        .unwrap_or_default()
}

/// The start of a report: `24h`, `7d`, `30d` before `now`, or a day
/// `2026-11-01` (its local midnight in `tz`).
pub fn parse_since(s: &str, now: UnixSeconds, tz: &TimeZone) -> Result<UnixSeconds, String> {
    let s = s.trim();
    let bad = || format!("--since {s:?}: say 24h, 7d, 30d or a day such as 2026-11-01");
    if let Ok(d) = s.parse::<Date>() {
        let t = d
            .to_zoned(tz.clone())
            .map_err(|_| bad())?
            .timestamp()
            .as_second();
        return if t < now.0 {
            Ok(UnixSeconds(t))
        } else {
            Err(format!("--since {s}: that day has not begun yet"))
        };
    }
    let (n, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?);
    let n: i64 = n.parse().map_err(|_| bad())?;
    let per = match unit {
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => return Err(bad()),
    };
    if n == 0 || n > 3660 {
        return Err(bad());
    }
    Ok(UnixSeconds(now.0 - n * per))
}

/// Read a `date_range` back (`dd/mm/YYYY[ HH:MM:SS] - dd/mm/YYYY[ HH:MM:SS]`;
/// a day alone is its whole day): the start and end as local times.
pub fn parse_date_range(s: &str) -> Option<(DateTime, DateTime)> {
    let (a, b) = s.split_once(" - ")?;
    let one = |s: &str, end: bool| -> Option<DateTime> {
        let s = s.trim();
        if let Ok(dt) = DateTime::strptime("%d/%m/%Y %H:%M:%S", s) {
            return Some(dt);
        }
        let d = Date::strptime("%d/%m/%Y", s).ok()?;
        Some(if end {
            d.at(23, 59, 59, 0)
        } else {
            d.at(0, 0, 0, 0)
        })
    };
    Some((one(a, false)?, one(b, true)?))
}

/// A day as a statistics row may name it: `2026-11-20`, `2026-11-20T00:00:00`
/// (naive, its date taken as is), `20/11/2026`, or a unix time (its day in `tz`).
pub fn parse_day(s: &str, tz: &TimeZone) -> Option<Date> {
    let s = s.trim();
    if let Ok(d) = s.parse::<Date>() {
        return Some(d);
    }
    if let Ok(d) = Date::strptime("%d/%m/%Y", s) {
        return Some(d);
    }
    if let Ok(dt) = s.parse::<DateTime>() {
        return Some(dt.date());
    }
    if let Some(t) = UnixSeconds::parse(s) {
        return local(t, tz).map(|d| d.date());
    }
    None
}

// ---------------------------------------------------------------------------
// The model.

/// A page's figures over a period: what Pancake sent, nothing invented.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PageStats {
    pub page_id: Option<PageId>,
    pub page_name: Option<String>,
    pub since: UnixSeconds,
    pub until: UnixSeconds,
    /// The sums of the page statistics' rows (`statistics/pages`).
    pub totals: PageTotals,
    /// New customers per local day (new customer statistics, `group_by=day`).
    pub new_customers_per_day: Vec<(Date, u64)>,
    /// Conversations per tag, most first (tag statistics).
    pub by_tag: Vec<TagCount>,
    /// Each staff member's figures (users statistics).
    pub staff: Vec<StaffFigures>,
    /// Engagement per local hour of the day, 0..24 (`by_hour=true`).
    pub engagement_by_hour: Option<[u64; 24]>,
    /// The parts Pancake did not give (a refusal, an unreadable answer): which
    /// and why, in words for people.
    pub unavailable: Vec<(String, String)>,
}

/// Sums over the rows of `statistics/pages`; `None`: no row had the field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageTotals {
    pub new_customers: Option<u64>,
    /// Messages from customers.
    pub customer: InboxComments,
    /// Replies by the page.
    pub page: InboxComments,
    pub phone_numbers: Option<u64>,
}

impl PageTotals {
    /// Each figure with its name in `stats --format csv` and `json`.
    pub fn figures(&self) -> [(&'static str, Option<u64>); 6] {
        [
            ("new_customers", self.new_customers),
            ("customer_inbox", self.customer.inbox),
            ("customer_comment", self.customer.comments),
            ("page_inbox", self.page.inbox),
            ("page_comment", self.page.comments),
            ("phone_numbers", self.phone_numbers),
        ]
    }
}

/// Flat, one key a figure (as the CSV names them).
impl Serialize for PageTotals {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let figures = self.figures();
        let mut out = s.serialize_struct("PageTotals", figures.len())?;
        for (name, v) in figures {
            out.serialize_field(name, &v)?;
        }
        out.end()
    }
}

/// Messages in the inbox and comments on posts: Pancake counts them apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InboxComments {
    pub inbox: Option<u64>,
    pub comments: Option<u64>,
}

impl InboxComments {
    /// Pancake gave either figure.
    pub fn given(&self) -> bool {
        self.inbox.is_some() || self.comments.is_some()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TagCount {
    pub tag_id: Option<TagId>,
    /// Sanitized; the id when Pancake sent no name and the tag list has none.
    pub name: String,
    pub count: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StaffFigures {
    pub user_id: Option<UserId>,
    /// Sanitized; may be empty when only an id came (see `page_stats`, which
    /// fills it from the staff list).
    pub name: String,
    /// Set by the multi-page statistics.
    pub page_id: Option<PageId>,
    /// Conversations the staff member handled (replied in).
    pub handled: Option<u64>,
    /// Messages sent.
    pub messages_sent: Option<u64>,
    /// Average time to the first reply, seconds.
    pub avg_first_response_secs: Option<u64>,
}

// ---------------------------------------------------------------------------
// Decoders. Common to all: the body is JSON (`success: false` was an error
// already, see `client::classify`); its figures are under `data` (or, failing
// that, the key the endpoint is named after, or the top level).

fn data_of<'a>(what: &'static str, v: &'a Value, also: &[&str]) -> Result<&'a Value, ApiError> {
    let mut found = v;
    for k in std::iter::once(&"data").chain(also) {
        if let Some(d) = v.get(*k).filter(|d| !d.is_null()) {
            found = d;
            break;
        }
    }
    let kind = match found {
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        _ => return Ok(found),
    };
    Err(ApiError::Decode {
        what,
        detail: format!("the figures are {kind}, not a list or an object"),
    })
}

/// Rows that may come as a list, or as an object keyed by day / tag / hour
/// (then each key is given to the row as `key`).
fn rows<T: serde::de::DeserializeOwned>(v: &Value, key_field: &str) -> Lenient<T> {
    match v {
        Value::Array(_) => serde_json::from_value(v.clone()).unwrap_or_default(),
        Value::Object(map) => {
            let list: Vec<Value> = map
                .iter()
                .map(|(k, val)| match val {
                    Value::Object(o) => {
                        let mut o = o.clone();
                        o.entry(key_field.to_owned())
                            .or_insert_with(|| Value::String(k.clone()));
                        Value::Object(o)
                    }
                    other => serde_json::json!({ key_field: k, "count": other }),
                })
                .collect();
            serde_json::from_value(Value::Array(list)).unwrap_or_default()
        }
        _ => Lenient::default(),
    }
}

fn log_skipped<T>(what: &str, l: &Lenient<T>) {
    l.log_skipped(what, "statistics");
}

/// One row of `statistics/pages`. Relied on: the counts
/// `new_customer_count`, `customer_inbox_count`, `customer_comment_count`,
/// `page_inbox_count`, `page_comment_count`, `phone_number_count` (each
/// optional); the row's time is not needed (the rows are summed).
#[derive(Debug, Deserialize)]
struct RawPageRow {
    #[serde(default, deserialize_with = "loose_u64")]
    new_customer_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    customer_inbox_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    customer_comment_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    page_inbox_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    page_comment_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    phone_number_count: Option<u64>,
}

fn add(sum: &mut Option<u64>, v: Option<u64>) {
    if let Some(v) = v {
        *sum = Some(sum.unwrap_or(0).saturating_add(v));
    }
}

pub fn decode_page_totals(bytes: &[u8]) -> Result<PageTotals, ApiError> {
    const WHAT: &str = "the page statistics";
    let v: Value = decode(WHAT, bytes)?;
    let d = data_of(WHAT, &v, &["statistics"])?;
    // One object of totals is one row.
    let list: Lenient<RawPageRow> = match d {
        Value::Object(_) if d.get("new_customer_count").is_some() => {
            serde_json::from_value(Value::Array(vec![d.clone()])).unwrap_or_default()
        }
        _ => rows(d, "date"),
    };
    log_skipped("page statistics row", &list);
    let mut t = PageTotals::default();
    for r in list.items {
        add(&mut t.new_customers, r.new_customer_count);
        add(&mut t.customer.inbox, r.customer_inbox_count);
        add(&mut t.customer.comments, r.customer_comment_count);
        add(&mut t.page.inbox, r.page_inbox_count);
        add(&mut t.page.comments, r.page_comment_count);
        add(&mut t.phone_numbers, r.phone_number_count);
    }
    Ok(t)
}

/// A row's figure as `count`, `total` or `value` (the first given).
#[derive(Debug, Default, Deserialize)]
struct RawFigure {
    #[serde(default, deserialize_with = "loose_u64")]
    count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    total: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    value: Option<u64>,
}

impl RawFigure {
    fn get(&self) -> Option<u64> {
        self.count.or(self.total).or(self.value)
    }
}

#[derive(Debug, Default, Deserialize)]
struct RawNamed {
    #[serde(default, deserialize_with = "loose_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    text: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
}

/// One row of `statistics/tags`. Relied on: the tag as `tag` (an object
/// `{id, text|name}`, or an id), else `tag_id` / `id`; its name as
/// `tag_name` / `text` / `name` (optional: the tag list names it); the
/// count as `count`, `total`, `value` or `conversation_count`. An object
/// keyed by tag id (or name) → count is read too.
#[derive(Debug, Deserialize)]
struct RawTagRow {
    #[serde(default)]
    tag: Option<Value>,
    #[serde(default, deserialize_with = "loose_string")]
    tag_id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    tag_name: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    text: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
    /// The object key, when the rows came keyed.
    #[serde(default, deserialize_with = "loose_string")]
    key: Option<String>,
    #[serde(flatten)]
    figure: RawFigure,
    #[serde(default, deserialize_with = "loose_u64")]
    conversation_count: Option<u64>,
}

pub fn decode_tag_stats(bytes: &[u8]) -> Result<Vec<TagCount>, ApiError> {
    const WHAT: &str = "the tag statistics";
    let v: Value = decode(WHAT, bytes)?;
    let list: Lenient<RawTagRow> = rows(data_of(WHAT, &v, &["tags"])?, "key");
    log_skipped("tag statistics row", &list);
    let mut out: Vec<TagCount> = Vec::new();
    for r in list.items {
        let (tag_obj_id, tag_obj_name) = match &r.tag {
            Some(Value::Object(_)) => {
                let n: RawNamed = r
                    .tag
                    .clone()
                    .and_then(|t| serde_json::from_value(t).ok())
                    .unwrap_or_default();
                (n.id, n.text.or(n.name))
            }
            Some(Value::String(s)) => (Some(s.clone()), None),
            Some(Value::Number(n)) => (Some(n.to_string()), None),
            _ => (None, None),
        };
        let Some(count) = r.figure.get().or(r.conversation_count) else {
            continue;
        };
        let id = tag_obj_id.or(r.tag_id).or(r.id);
        let name = tag_obj_name.or(r.tag_name).or(r.text).or(r.name);
        // A keyed row: the key is the id when it looks like one, else a name.
        let (id, name) = match (id, name, r.key) {
            (None, None, Some(k)) if k.chars().all(|c| c.is_ascii_digit()) => (Some(k), None),
            (None, None, Some(k)) => (None, Some(k)),
            (id, name, _) => (id, name),
        };
        if id.is_none() && name.is_none() {
            continue;
        }
        out.push(TagCount {
            name: sanitize_line(name.as_deref().or(id.as_deref()).unwrap_or_default()),
            tag_id: id.map(TagId::new),
            count,
        });
    }
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    Ok(out)
}

/// One row of the users statistics. Relied on: the staff member's id as
/// `user_id`, `id`, `uid` or `user.id`; the name as `name`, `user_name`,
/// `fb_name` or `user.name` (optional); conversations handled as
/// `conversation_count`, `handled` or `total_conversation`; messages sent as
/// `message_count` or `sent_message_count`; the average first response in
/// seconds as `average_first_response_time`, `avg_first_response_time` or
/// `first_response_time` (each optional); `page_id` when several pages
/// are in one answer.
#[derive(Debug, Deserialize)]
struct RawUserRow {
    #[serde(default, deserialize_with = "loose_string")]
    user_id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    uid: Option<String>,
    #[serde(default, deserialize_with = "lenient_opt")]
    user: Option<RawNamed>,
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    user_name: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    fb_name: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    page_id: Option<String>,
    #[serde(default, deserialize_with = "loose_u64")]
    conversation_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    handled: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    total_conversation: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    message_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    sent_message_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    average_first_response_time: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    avg_first_response_time: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    first_response_time: Option<u64>,
}

impl RawUserRow {
    fn into_model(self, page: Option<&str>) -> Option<StaffFigures> {
        let user = self.user.unwrap_or_default();
        let id = self.user_id.or(self.id).or(self.uid).or(user.id);
        let name = self
            .name
            .or(self.user_name)
            .or(self.fb_name)
            .or(user.name)
            .or(user.text);
        if id.is_none() && name.is_none() {
            return None;
        }
        Some(StaffFigures {
            user_id: id.map(UserId::new),
            name: sanitize_line(name.as_deref().unwrap_or_default()),
            page_id: self.page_id.as_deref().or(page).map(PageId::new),
            handled: self
                .conversation_count
                .or(self.handled)
                .or(self.total_conversation),
            messages_sent: self.message_count.or(self.sent_message_count),
            avg_first_response_secs: self
                .average_first_response_time
                .or(self.avg_first_response_time)
                .or(self.first_response_time),
        })
    }
}

fn user_rows(d: &Value, page: Option<&str>) -> Vec<StaffFigures> {
    // `{data: {statistics|users: [...]}}` or `{data: [...]}`.
    let d = match d {
        Value::Object(o) if o.contains_key("statistics") => &o["statistics"],
        Value::Object(o) if o.contains_key("users") => &o["users"],
        other => other,
    };
    let list: Lenient<RawUserRow> = match d {
        Value::Array(_) => serde_json::from_value(d.clone()).unwrap_or_default(),
        _ => rows(d, "user_id"),
    };
    log_skipped("users statistics row", &list);
    list.items
        .into_iter()
        .filter_map(|r| r.into_model(page))
        .collect()
}

pub fn decode_user_stats(bytes: &[u8]) -> Result<Vec<StaffFigures>, ApiError> {
    const WHAT: &str = "the users statistics";
    let v: Value = decode(WHAT, bytes)?;
    Ok(user_rows(
        data_of(WHAT, &v, &["statistics", "users"])?,
        None,
    ))
}

/// The multi-page answer: a list whose rows carry `page_id`, or an object
/// keyed by page id whose values are one page's rows.
pub fn decode_user_stats_pages(bytes: &[u8]) -> Result<Vec<StaffFigures>, ApiError> {
    const WHAT: &str = "the users statistics of several pages";
    let v: Value = decode(WHAT, bytes)?;
    let d = data_of(WHAT, &v, &["statistics", "pages"])?;
    match d {
        Value::Object(map) if !map.contains_key("statistics") && !map.contains_key("users") => {
            Ok(map
                .iter()
                .flat_map(|(page, rows)| user_rows(rows, Some(page)))
                .collect())
        }
        other => Ok(user_rows(other, None)),
    }
}

/// One hour of the engagement statistics. Relied on: the hour (0..23) as
/// `hour` (a number, `"07"`, or a time whose hour is taken) or the object
/// key; the figure as `total`, `count`, `value` or `engagement` (else the sum
/// of `inbox` and `comment`). A plain list of 24 numbers is read as hours
/// 0..23.
#[derive(Debug, Deserialize)]
struct RawHourRow {
    #[serde(default, deserialize_with = "loose_string")]
    hour: Option<String>,
    #[serde(flatten)]
    figure: RawFigure,
    #[serde(default, deserialize_with = "loose_u64")]
    engagement: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    inbox: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    comment: Option<u64>,
}

fn hour_of(s: &str) -> Option<usize> {
    let s = s.trim();
    if let Ok(h) = s.parse::<usize>() {
        return (h < 24).then_some(h);
    }
    if let Ok(dt) = s.parse::<DateTime>() {
        return Some(dt.hour() as usize);
    }
    // `07:00`, `7h`
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<usize>().ok().filter(|h| *h < 24)
}

pub fn decode_engagement(bytes: &[u8]) -> Result<Option<[u64; 24]>, ApiError> {
    const WHAT: &str = "the engagement statistics";
    let v: Value = decode(WHAT, bytes)?;
    let mut d = data_of(WHAT, &v, &["statistics"])?;
    for k in ["by_hour", "hours", "statistics"] {
        if let Some(inner) = d.get(k) {
            d = inner;
        }
    }
    let mut out = [0u64; 24];
    let mut any = false;
    if let Value::Array(a) = d
        && a.len() == 24
        && a.iter().all(|x| x.is_number() || x.is_string())
    {
        for (h, x) in a.iter().enumerate() {
            if let Some(n) = x
                .as_u64()
                .or_else(|| x.as_f64().map(|f| f.max(0.0) as u64))
                .or_else(|| x.as_str().and_then(|s| s.parse().ok()))
            {
                out[h] = n;
                any = true;
            }
        }
        return Ok(any.then_some(out));
    }
    let list: Lenient<RawHourRow> = rows(d, "hour");
    log_skipped("engagement statistics row", &list);
    for r in list.items {
        let Some(h) = r.hour.as_deref().and_then(hour_of) else {
            continue;
        };
        let n = r
            .figure
            .get()
            .or(r.engagement)
            .or_else(|| match (r.inbox, r.comment) {
                (None, None) => None,
                (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
            });
        if let Some(n) = n {
            out[h] = out[h].saturating_add(n);
            any = true;
        }
    }
    Ok(any.then_some(out))
}

/// One day of the new customer statistics (`group_by=day`). Relied on: the
/// day as `date`, `day`, `time` or the object key (forms of [`parse_day`]);
/// the figure as `count`, `total`, `value` or `new_customer_count`.
#[derive(Debug, Deserialize)]
struct RawDayRow {
    #[serde(default, deserialize_with = "loose_string")]
    date: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    day: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    time: Option<String>,
    #[serde(flatten)]
    figure: RawFigure,
    #[serde(default, deserialize_with = "loose_u64")]
    new_customer_count: Option<u64>,
}

pub fn decode_new_customers(bytes: &[u8], tz: &TimeZone) -> Result<Vec<(Date, u64)>, ApiError> {
    const WHAT: &str = "the new customer statistics";
    let v: Value = decode(WHAT, bytes)?;
    let list: Lenient<RawDayRow> = rows(data_of(WHAT, &v, &["statistics", "customers"])?, "date");
    log_skipped("new customer statistics row", &list);
    let mut days: BTreeMap<Date, u64> = BTreeMap::new();
    for r in list.items {
        let Some(day) = r.date.or(r.day).or(r.time).and_then(|s| parse_day(&s, tz)) else {
            continue;
        };
        if let Some(n) = r.figure.get().or(r.new_customer_count) {
            *days.entry(day).or_default() += n;
        }
    }
    Ok(days.into_iter().collect())
}

// ---------------------------------------------------------------------------
// Calls.

/// `since`/`until` in unix seconds, as `statistics/pages` and `statistics/tags`
/// take them (pancake-api.md § Statistics).
fn since_until(p: &Period) -> Vec<(&'static str, String)> {
    vec![
        ("since", p.since.0.to_string()),
        ("until", p.until.0.to_string()),
    ]
}

impl PageApi {
    /// `statistics/pages`, its rows summed.
    pub async fn page_totals(&self, p: &Period) -> Result<PageTotals, ApiError> {
        let bytes = self
            .read("the page statistics", paths::PAGE, since_until(p))
            .await?;
        decode_page_totals(&bytes)
    }

    /// `statistics/tags`: conversations per tag, most first (names as
    /// Pancake sent them, else the tag id).
    pub async fn tag_stats(&self, p: &Period) -> Result<Vec<TagCount>, ApiError> {
        let bytes = self
            .read("the tag statistics", paths::TAGS, since_until(p))
            .await?;
        decode_tag_stats(&bytes)
    }

    /// `statistics/users` with `date_range`.
    pub async fn user_stats(&self, p: &Period) -> Result<Vec<StaffFigures>, ApiError> {
        let bytes = self
            .read(
                "the users statistics",
                paths::USERS,
                vec![("date_range", p.date_range())],
            )
            .await?;
        decode_user_stats(&bytes)
    }

    /// `statistics/customer_engagements` with `by_hour=true` (and `user_ids`
    /// when some are given).
    pub async fn engagement_by_hour(
        &self,
        p: &Period,
        user_ids: &[UserId],
    ) -> Result<Option<[u64; 24]>, ApiError> {
        let mut query = vec![("date_range", p.date_range()), ("by_hour", "true".into())];
        if !user_ids.is_empty() {
            let ids: Vec<&str> = user_ids.iter().map(UserId::as_str).collect();
            query.push(("user_ids", ids.join(",")));
        }
        let bytes = self
            .read("the engagement statistics", paths::ENGAGEMENT, query)
            .await?;
        decode_engagement(&bytes)
    }

    /// New customer statistics with `group_by=day`.
    pub async fn new_customers_per_day(&self, p: &Period) -> Result<Vec<(Date, u64)>, ApiError> {
        let bytes = self
            .read(
                "the new customer statistics",
                paths::NEW_CUSTOMERS,
                vec![
                    ("group_by", "day".to_owned()),
                    // The seed's example for this endpoint is days only.
                    ("date_range", p.date_range_days()),
                ],
            )
            .await?;
        decode_new_customers(&bytes, &p.tz)
    }

    /// Every figure of the page over `p` (7 requests within the page's
    /// budget: the five statistics, then the tag and staff lists to name
    /// what came as ids only). A part Pancake refuses or answers unreadably
    /// is listed in `unavailable` and the rest is shown; a failure that
    /// concerns every call (the token, the subscription, the network, the
    /// rate limit after its retries) is the error.
    pub async fn page_stats(&self, p: &Period) -> Result<PageStats, ApiError> {
        self.page_stats_parts(p, true).await
    }

    /// [`Self::page_stats`], without the users statistics when `staff` is
    /// false (they come from the multi-page call instead).
    pub async fn page_stats_parts(&self, p: &Period, staff: bool) -> Result<PageStats, ApiError> {
        let mut out = PageStats {
            page_id: Some(self.page_id().clone()),
            since: p.since,
            until: p.until,
            ..PageStats::default()
        };
        let totals = self.page_totals(p).await;
        if let Some(t) = part(&mut out, "page statistics", totals)? {
            out.totals = t;
        }
        let days = self.new_customers_per_day(p).await;
        if let Some(d) = part(&mut out, "new customers", days)? {
            out.new_customers_per_day = d;
        }
        let tags = self.tag_stats(p).await;
        if let Some(t) = part(&mut out, "tags", tags)? {
            out.by_tag = t;
        }
        if staff {
            let staff = self.user_stats(p).await;
            if let Some(s) = part(&mut out, "staff", staff)? {
                out.staff = s;
            }
        }
        let hours = self.engagement_by_hour(p, &[]).await;
        if let Some(h) = part(&mut out, "engagement", hours)? {
            out.engagement_by_hour = h;
        }
        self.name_ids(&mut out).await?;
        Ok(out)
    }

    /// Tags and staff that came as ids only get their names from the lists.
    async fn name_ids(&self, out: &mut PageStats) -> Result<(), ApiError> {
        let unnamed_tag = |t: &TagCount| t.tag_id.as_ref().is_some_and(|i| i.as_str() == t.name);
        if out.by_tag.iter().any(unnamed_tag) {
            let tags = self.tags().await;
            if let Some(tags) = part(out, "tag names", tags)? {
                for t in out.by_tag.iter_mut() {
                    if let Some(def) = tags.iter().find(|d| Some(&d.id) == t.tag_id.as_ref()) {
                        t.name = def.name.clone();
                    }
                }
            }
        }
        if out.staff.iter().any(|s| s.name.is_empty()) {
            let staff = self.staff().await;
            if let Some(staff) = part(out, "staff names", staff)? {
                name_staff(&mut out.staff, &staff);
            }
        }
        Ok(())
    }
}

/// Fill empty staff names from the page's staff list (active and disabled).
pub fn name_staff(figures: &mut [StaffFigures], staff: &super::models::Staff) {
    for f in figures.iter_mut().filter(|f| f.name.is_empty()) {
        if let Some(u) = staff
            .users
            .iter()
            .chain(&staff.disabled)
            .find(|u| Some(&u.id) == f.user_id.as_ref())
        {
            f.name = u.name.clone();
        }
    }
}

/// Keep a part, or note why it is missing; errors that concern every call
/// stop the whole report.
fn part<T>(out: &mut PageStats, name: &str, r: Result<T, ApiError>) -> Result<Option<T>, ApiError> {
    match r {
        Ok(t) => Ok(Some(t)),
        Err(
            e @ (ApiError::Decode { .. }
            | ApiError::NotFound { .. }
            | ApiError::Failed { .. }
            | ApiError::Rejected { .. }
            | ApiError::Forbidden { .. }),
        ) => {
            out.unavailable.push((name.to_owned(), e.to_string()));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

impl UserApi {
    /// The users statistics of several pages at once, with the user token
    /// (pancake-api.md § Statistics: `page_ids` comma-joined, `date_range`). Each row names its
    /// page.
    pub async fn user_stats_pages(
        &self,
        pages: &[PageId],
        p: &Period,
    ) -> Result<Vec<StaffFigures>, ApiError> {
        let ids: Vec<&str> = pages.iter().map(PageId::as_str).collect();
        let bytes = self
            .request(
                Request::get(
                    "the users statistics of several pages",
                    paths::USERS_MULTIPLE_PAGES.into(),
                )
                .query(vec![
                    ("page_ids", ids.join(",")),
                    ("date_range", p.date_range()),
                ]),
            )
            .await?;
        decode_user_stats_pages(&bytes)
    }
}

// ---------------------------------------------------------------------------
// Output for people and machines (the `stats` subcommand; the UI may reuse
// the formatting of durations).

/// `45s`, `12m`, `2h05m`.
pub fn human_duration(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs}s"),
        60..3600 => format!("{}m", secs / 60),
        _ => format!("{}h{:02}m", secs / 3600, secs % 3600 / 60),
    }
}

fn opt(n: Option<u64>) -> String {
    n.map_or("-".into(), |n| n.to_string())
}

/// The report as a table for a terminal (one page after the other).
pub fn render_table(all: &[PageStats]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for p in all {
        let title = p
            .page_name
            .clone()
            .or(p.page_id.as_ref().map(|i| i.to_string()))
            .unwrap_or_else(|| "all pages".into());
        let _ = writeln!(s, "== {} ==", sanitize_line(&title));
        let t = &p.totals;
        let _ = writeln!(
            s,
            "totals: new customers {}, customer messages {} inbox / {} comments, page replies {} inbox / {} comments, phone numbers {}",
            opt(t.new_customers),
            opt(t.customer.inbox),
            opt(t.customer.comments),
            opt(t.page.inbox),
            opt(t.page.comments),
            opt(t.phone_numbers)
        );
        let _ = writeln!(s, "new customers per day:");
        for (d, n) in &p.new_customers_per_day {
            let _ = writeln!(s, "  {d}  {n:>6}");
        }
        let _ = writeln!(s, "conversations by tag:");
        for t in &p.by_tag {
            let _ = writeln!(s, "  {:<24} {:>6}", t.name, t.count);
        }
        let _ = writeln!(
            s,
            "staff:\n  {:<24} {:>8} {:>8} {:>14}",
            "name", "handled", "sent", "first reply"
        );
        for u in &p.staff {
            let _ = writeln!(
                s,
                "  {:<24} {:>8} {:>8} {:>14}",
                u.name,
                opt(u.handled),
                opt(u.messages_sent),
                u.avg_first_response_secs.map_or("-".into(), human_duration)
            );
        }
        match &p.engagement_by_hour {
            Some(h) => {
                let row: Vec<String> = h.iter().map(u64::to_string).collect();
                let _ = writeln!(s, "engagement by hour (0-23): {}", row.join(" "));
            }
            None => {
                let _ = writeln!(s, "engagement by hour: -");
            }
        }
        for (part, why) in &p.unavailable {
            let _ = writeln!(s, "unavailable: {part}: {why}");
        }
        s.push('\n');
    }
    s
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The report as CSV: `page,section,key,metric,value`, one figure a line.
pub fn render_csv(all: &[PageStats]) -> String {
    let mut s = String::from("page,section,key,metric,value\n");
    let mut line = |page: &str, section: &str, key: &str, metric: &str, value: String| {
        s.push_str(&format!(
            "{},{},{},{},{}\n",
            csv_field(page),
            section,
            csv_field(key),
            metric,
            value
        ));
    };
    for p in all {
        let page = p
            .page_id
            .as_ref()
            .map(|i| i.to_string())
            .unwrap_or_default();
        for (metric, v) in p.totals.figures() {
            if let Some(v) = v {
                line(&page, "totals", "", metric, v.to_string());
            }
        }
        for (d, n) in &p.new_customers_per_day {
            line(
                &page,
                "new_customers",
                &d.to_string(),
                "count",
                n.to_string(),
            );
        }
        for t in &p.by_tag {
            line(&page, "tags", &t.name, "count", t.count.to_string());
        }
        for u in &p.staff {
            let page = u
                .page_id
                .as_ref()
                .map(|i| i.to_string())
                .unwrap_or(page.clone());
            for (metric, v) in [
                ("handled", u.handled),
                ("messages_sent", u.messages_sent),
                ("avg_first_response_secs", u.avg_first_response_secs),
            ] {
                if let Some(v) = v {
                    line(&page, "staff", &u.name, metric, v.to_string());
                }
            }
        }
        if let Some(h) = &p.engagement_by_hour {
            for (i, n) in h.iter().enumerate() {
                line(&page, "engagement", &i.to_string(), "count", n.to_string());
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz7() -> TimeZone {
        TimeZone::fixed(jiff::tz::offset(7))
    }

    #[test]
    fn date_ranges_are_written_and_read_in_the_seed_form() {
        // 2021-07-27 00:00:00 +07:00
        let p = Period {
            since: UnixSeconds(1_627_318_800),
            until: UnixSeconds(1_627_318_800 + 30 * 86_400 + 86_399),
            tz: tz7(),
        };
        assert_eq!(p.date_range(), "27/07/2021 00:00:00 - 26/08/2021 23:59:59");
        assert_eq!(p.date_range_days(), "27/07/2021 - 26/08/2021");
        let (a, b) = parse_date_range(&p.date_range()).unwrap();
        assert_eq!(a.to_string(), "2021-07-27T00:00:00");
        assert_eq!(b.to_string(), "2021-08-26T23:59:59");
        let (a, b) = parse_date_range("20/07/2020 - 20/08/2020").unwrap();
        assert_eq!((a.hour(), b.hour(), b.second()), (0, 23, 59));
        assert!(parse_date_range("2020-07-20").is_none());
        assert_eq!(p.days().len(), 31);
    }

    #[test]
    fn since_takes_spans_and_days() {
        let now = UnixSeconds(1_627_318_800 + 86_400);
        assert_eq!(
            parse_since("7d", now, &tz7()),
            Ok(UnixSeconds(now.0 - 7 * 86_400))
        );
        assert_eq!(
            parse_since("24h", now, &tz7()),
            Ok(UnixSeconds(now.0 - 86_400))
        );
        assert_eq!(
            parse_since("2021-07-27", now, &tz7()),
            Ok(UnixSeconds(1_627_318_800))
        );
        assert!(
            parse_since("2031-01-01", now, &tz7())
                .unwrap_err()
                .contains("not begun")
        );
        assert!(
            parse_since("soon", now, &tz7())
                .unwrap_err()
                .contains("say 24h")
        );
        assert!(parse_since("0d", now, &tz7()).is_err());
    }

    #[test]
    fn page_rows_are_summed_and_missing_fields_stay_missing() {
        let t = decode_page_totals(
            br#"{"success":true,"data":[
                {"date":"2026-11-20","new_customer_count":3,"customer_inbox_count":"10"},
                {"date":"2026-11-21","new_customer_count":2.0,"customer_inbox_count":null},
                null, "odd"]}"#,
        )
        .unwrap();
        assert_eq!(t.new_customers, Some(5));
        assert_eq!(t.customer.inbox, Some(10));
        assert_eq!(t.page.inbox, None);
        let t = decode_page_totals(br#"{"data":{"new_customer_count":7}}"#).unwrap();
        assert_eq!(t.new_customers, Some(7));
        assert!(decode_page_totals(b"<html>").is_err());
        let e = decode_page_totals(br#"{"success":true,"data":"not a list"}"#).unwrap_err();
        assert!(e.to_string().contains("a string, not a list"), "{e}");
    }

    #[test]
    fn totals_are_written_flat_under_the_names_the_csv_uses() {
        let t = decode_page_totals(
            br#"{"data":{"new_customer_count":9,"customer_inbox_count":140,
                "customer_comment_count":12,"page_inbox_count":120,"phone_number_count":4}}"#,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(&t).unwrap(),
            serde_json::json!({
                "new_customers": 9, "customer_inbox": 140, "customer_comment": 12,
                "page_inbox": 120, "page_comment": null, "phone_numbers": 4
            })
        );
    }

    #[test]
    fn tag_rows_in_several_shapes() {
        let list = decode_tag_stats(
            br#"{"data":[{"tag":{"id":3,"text":"Orders"},"total":9},
                          {"tag_id":"1","count":"4"},
                          {"tag":5,"value":2},
                          {"name":"no count"}]}"#,
        )
        .unwrap();
        assert_eq!(list.len(), 3);
        assert_eq!(
            (list[0].name.as_str(), list[0].count, list[0].tag_id.clone()),
            ("Orders", 9, Some(TagId::new("3")))
        );
        assert_eq!(list[1].name, "1", "no name: the id stands in");
        let keyed = decode_tag_stats(br#"{"data":{"3":9,"VIP":2}}"#).unwrap();
        assert_eq!(keyed[0].tag_id, Some(TagId::new("3")));
        assert_eq!(keyed[1].name, "VIP");
        assert_eq!(keyed[1].tag_id, None);
    }

    #[test]
    fn users_rows_take_ids_names_and_figures_from_their_aliases() {
        let list = decode_user_stats(
            br#"{"data":{"statistics":[
                {"user":{"id":"u1","name":"Lan"},"conversation_count":4,"message_count":"9","average_first_response_time":125.7},
                {"user_id":"u2","handled":1},
                {"nothing":true}]}}"#,
        )
        .unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].name, "Lan");
        assert_eq!(list[0].avg_first_response_secs, Some(125));
        assert_eq!(list[1].user_id, Some(UserId::new("u2")));
        assert_eq!(list[1].messages_sent, None);
        let multi = decode_user_stats_pages(
            br#"{"data":{"p1":[{"user_id":"u1","conversation_count":2}],"p2":[{"user_id":"u9"}]}}"#,
        )
        .unwrap();
        assert_eq!(multi.len(), 2);
        assert_eq!(multi[1].page_id, Some(PageId::new("p2")));
        let flat =
            decode_user_stats_pages(br#"{"data":[{"user_id":"u1","page_id":"p1"}]}"#).unwrap();
        assert_eq!(flat[0].page_id, Some(PageId::new("p1")));
    }

    #[test]
    fn engagement_by_hour_in_several_shapes() {
        let mut list = vec![0u64; 24];
        list[9] = 4;
        let plain = serde_json::json!({"data": list}).to_string();
        assert_eq!(decode_engagement(plain.as_bytes()).unwrap().unwrap()[9], 4);
        let rows = decode_engagement(
            br#"{"data":{"by_hour":[{"hour":"07","total":3},{"hour":"2026-11-20T21:00:00","inbox":1,"comment":2},{"hour":30,"total":1}]}}"#,
        )
        .unwrap()
        .unwrap();
        assert_eq!((rows[7], rows[21]), (3, 3));
        let keyed = decode_engagement(br#"{"data":{"0":1,"23":"2"}}"#)
            .unwrap()
            .unwrap();
        assert_eq!((keyed[0], keyed[23]), (1, 2));
        assert_eq!(decode_engagement(br#"{"data":[]}"#).unwrap(), None);
    }

    #[test]
    fn new_customers_per_day_in_several_shapes() {
        let tz = tz7();
        let d = decode_new_customers(
            br#"{"data":[{"date":"2026-11-20","count":3},{"time":"21/11/2026","total":"2"},{"date":"never","count":1}]}"#,
            &tz,
        )
        .unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(d[0], ("2026-11-20".parse().unwrap(), 3));
        let keyed = decode_new_customers(br#"{"data":{"2026-11-22T00:00:00":5}}"#, &tz).unwrap();
        assert_eq!(keyed, vec![("2026-11-22".parse().unwrap(), 5)]);
    }

    #[test]
    fn csv_quotes_names_and_the_table_says_what_is_missing() {
        let p = PageStats {
            page_id: Some(PageId::new("p1")),
            by_tag: vec![TagCount {
                tag_id: None,
                name: "a, \"b\"".into(),
                count: 2,
            }],
            unavailable: vec![("tags".into(), "refused".into())],
            ..Default::default()
        };
        let csv = render_csv(std::slice::from_ref(&p));
        assert!(csv.contains("p1,tags,\"a, \"\"b\"\"\",count,2"), "{csv}");
        let table = render_table(&[p]);
        assert!(table.contains("engagement by hour: -"));
        assert!(table.contains("unavailable: tags: refused"));
        assert_eq!(human_duration(7260), "2h01m");
    }
}
