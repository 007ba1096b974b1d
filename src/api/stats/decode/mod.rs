//! The decoders of the statistics answers, in the shapes of pancake-api.md
//! § Statistics. Each says exactly which fields it reads. Every field is read
//! loosely (a number as a string, a float, a missing key), every row by
//! itself: a row that cannot be read is skipped and counted
//! ([`Counted::skipped`]), never fatal; what is not there stays `None` or
//! empty, never a made-up zero.

use crate::api::RequestKind;
use std::collections::BTreeMap;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{PageTotals, StaffFigures, TagCount, local};
use crate::api::client::decode;
use crate::api::decode_problem::{DecodeProblem, JsonKind};
use crate::api::error::ApiError;
use crate::api::ids::{PageId, TagId, UserId};
use crate::api::lenient::{loose_string, loose_u64};
use crate::api::time::UnixSeconds;
use crate::text::sanitize_line;

/// A decoded part and the number of its rows that could not be read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counted<T> {
    pub value: T,
    pub skipped: usize,
}

fn unreadable(what: RequestKind, detail: DecodeProblem) -> ApiError {
    ApiError::Decode {
        what,
        detail: detail.into(),
    }
}

/// `data` of the answer, which must be an object or a list.
fn data(what: RequestKind, v: &Value) -> Result<&Value, ApiError> {
    match v.get("data") {
        Some(d @ (Value::Array(_) | Value::Object(_))) => Ok(d),
        Some(other) => Err(unreadable(
            what,
            DecodeProblem::FiguresNeither(JsonKind::of(other)),
        )),
        None => Err(unreadable(what, DecodeProblem::NoFigures)),
    }
}

/// Each element of a list read by itself: the readable ones, and how many
/// were not (a row of the wrong kind, or with a field of the wrong kind).
fn each<T: DeserializeOwned>(what: &str, v: &Value) -> (Vec<T>, usize) {
    let Value::Array(list) = v else {
        return (vec![], 0);
    };
    let mut out = Vec::with_capacity(list.len());
    let mut skipped = 0;
    for x in list {
        match serde_json::from_value::<T>(x.clone()) {
            Ok(t) if x.is_object() => out.push(t),
            _ => skipped += 1,
        }
    }
    log_skipped(what, skipped);
    (out, skipped)
}

/// Each entry of an object (`{<key>: row}`), read by itself.
fn each_keyed<T: DeserializeOwned>(what: &str, v: &Value) -> (Vec<(String, T)>, usize) {
    let Value::Object(map) = v else {
        return (vec![], 0);
    };
    let mut out = Vec::with_capacity(map.len());
    let mut skipped = 0;
    for (k, x) in map {
        match serde_json::from_value::<T>(x.clone()) {
            Ok(t) => out.push((k.clone(), t)),
            Err(_) => skipped += 1,
        }
    }
    log_skipped(what, skipped);
    (out, skipped)
}

fn log_skipped(what: &str, n: usize) {
    if n > 0 {
        tracing::warn!(
            what,
            skipped = n,
            "skipped statistics rows Pancake sent that could not be read"
        );
    }
}

fn add(sum: &mut Option<u64>, v: Option<u64>) {
    if let Some(v) = v {
        *sum = Some(sum.unwrap_or(0).saturating_add(v));
    }
}

// ---------------------------------------------------------------- pages

/// One hourly row of `statistics/pages`. Read: `new_customer_count`,
/// `customer_inbox_count`, `customer_comment_count`, `page_inbox_count`,
/// `page_comment_count`, `phone_number_count` (each optional; the rows are
/// summed, so their `hour` is not needed).
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

/// `statistics/pages`: `{success, data: [hourly rows]}`, the rows summed (a
/// single object of totals is read as one row).
pub fn decode_page_totals(bytes: &[u8]) -> Result<Counted<PageTotals>, ApiError> {
    const WHAT: RequestKind = RequestKind::PageStatistics;
    let v: Value = decode(WHAT, bytes)?;
    let d = data(WHAT, &v)?;
    let (rows, skipped) = match d {
        Value::Object(_) => {
            each::<RawPageRow>("page statistics row", &Value::Array(vec![d.clone()]))
        }
        _ => each::<RawPageRow>("page statistics row", d),
    };
    let mut t = PageTotals::default();
    for r in rows {
        add(&mut t.new_customers, r.new_customer_count);
        add(&mut t.customer.inbox, r.customer_inbox_count);
        add(&mut t.customer.comments, r.customer_comment_count);
        add(&mut t.page.inbox, r.page_inbox_count);
        add(&mut t.page.comments, r.page_comment_count);
        add(&mut t.phone_numbers, r.phone_number_count);
    }
    Ok(Counted { value: t, skipped })
}

// ---------------------------------------------------------------- tags

/// A tag of the answer's `tags` list: `id`, `text` (the other fields,
/// `color`, `lighten_color`, `description`, are not needed).
#[derive(Debug, Deserialize)]
struct RawTag {
    #[serde(default, deserialize_with = "loose_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    text: Option<String>,
}

/// `statistics/tags`: `{success, data: {categories, series: {<key>: [int
/// per category]}}, data_today, tags: [{id, text, ...}]}`. A tag's count is
/// the sum of its series; the key is a tag's id or its text (which of the
/// two is not confirmed: both are matched against `tags`, an unknown key
/// stands as its own name). Tags whose sum is zero are left out; most
/// first. `data_today` is not read.
pub fn decode_tag_stats(bytes: &[u8]) -> Result<Counted<Vec<TagCount>>, ApiError> {
    const WHAT: RequestKind = RequestKind::TagStatistics;
    let v: Value = decode(WHAT, bytes)?;
    let d = data(WHAT, &v)?;
    let series = match d.get("series") {
        Some(Value::Object(s)) => s,
        Some(other) => {
            return Err(unreadable(
                WHAT,
                DecodeProblem::SeriesNotObject(JsonKind::of(other)),
            ));
        }
        None => return Err(unreadable(WHAT, DecodeProblem::NoSeries)),
    };
    let (defs, mut skipped) = match v.get("tags") {
        Some(list) => each::<RawTag>("tag of the tag statistics", list),
        None => (vec![], 0),
    };
    let mut out = Vec::new();
    for (key, values) in series {
        let Value::Array(values) = values else {
            skipped += 1;
            continue;
        };
        let mut count: Option<u64> = None;
        for x in values {
            let n: Option<u64> = serde_json::from_value::<Loose>(x.clone())
                .ok()
                .and_then(|l| l.0);
            add(&mut count, n);
        }
        let Some(count) = count else {
            skipped += 1;
            continue;
        };
        if count == 0 {
            continue;
        }
        let def = defs
            .iter()
            .find(|t| t.id.as_deref() == Some(key))
            .or_else(|| defs.iter().find(|t| t.text.as_deref() == Some(key)));
        let (id, name) = match def {
            Some(t) => (t.id.clone(), t.text.clone().unwrap_or_else(|| key.clone())),
            None => (None, key.clone()),
        };
        out.push(TagCount {
            tag_id: id.map(TagId::new),
            name: sanitize_line(&name),
            count,
        });
    }
    log_skipped("tag series", skipped);
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    Ok(Counted {
        value: out,
        skipped,
    })
}

/// One number read loosely (`3`, `"3"`, `3.0`).
#[derive(Deserialize)]
struct Loose(#[serde(deserialize_with = "loose_u64")] Option<u64>);

// ---------------------------------------------------------------- users

/// A staff member's figures under `data.users.<user_id>` of
/// `statistics/users`: `user_name`, `inbox_count`, `comment_count`,
/// `unique_inbox_count`, `unique_comment_count`, `private_reply_count`,
/// `phone_number_count`, `average_response_time` (milliseconds), each
/// optional; `page_id` when the multi-page answer names the page in the row.
#[derive(Debug, Deserialize)]
struct RawUser {
    #[serde(default, deserialize_with = "loose_string")]
    user_name: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    page_id: Option<String>,
    #[serde(default, deserialize_with = "loose_u64")]
    inbox_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    comment_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    unique_inbox_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    unique_comment_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    private_reply_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    phone_number_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    average_response_time: Option<u64>,
}

impl RawUser {
    fn into_model(self, id: &str, page: Option<&str>) -> StaffFigures {
        StaffFigures {
            user_id: Some(UserId::new(id)),
            name: sanitize_line(self.user_name.as_deref().unwrap_or_default()),
            page_id: self.page_id.as_deref().or(page).map(PageId::new),
            inbox_count: self.inbox_count,
            comment_count: self.comment_count,
            unique_inbox_count: self.unique_inbox_count,
            unique_comment_count: self.unique_comment_count,
            private_reply_count: self.private_reply_count,
            phone_number_count: self.phone_number_count,
            average_response_ms: self.average_response_time,
            ..StaffFigures::default()
        }
    }
}

/// The staff of one page's `data` (`{statistics: {...}, users: {<user_id>:
/// {...}}}`), by user id. The hourly `statistics` are not read: the figures
/// are the `users` ones.
fn users_of(
    what: RequestKind,
    d: &Value,
    page: Option<&str>,
) -> Result<Counted<Vec<StaffFigures>>, ApiError> {
    let users = match d.get("users") {
        Some(u @ Value::Object(_)) => u,
        Some(other) => {
            return Err(unreadable(
                what,
                DecodeProblem::UsersNotObject(JsonKind::of(other)),
            ));
        }
        None => return Err(unreadable(what, DecodeProblem::NoUsers)),
    };
    let (rows, skipped) = each_keyed::<RawUser>("users statistics row", users);
    Ok(Counted {
        value: rows
            .into_iter()
            .map(|(id, r)| r.into_model(&id, page))
            .collect(),
        skipped,
    })
}

/// `statistics/users`: `{success, data: {statistics: {<user_id>: [hourly
/// rows]}, users: {<user_id>: {...}}}}`.
pub fn decode_user_stats(bytes: &[u8]) -> Result<Counted<Vec<StaffFigures>>, ApiError> {
    const WHAT: RequestKind = RequestKind::UserStatistics;
    let v: Value = decode(WHAT, bytes)?;
    users_of(WHAT, data(WHAT, &v)?, None)
}

/// The multi-page answer (its shape is not confirmed): one page's shape
/// whose rows carry `page_id`, or an object keyed by page id whose values
/// are each one page's `data`.
pub fn decode_user_stats_pages(bytes: &[u8]) -> Result<Counted<Vec<StaffFigures>>, ApiError> {
    const WHAT: RequestKind = RequestKind::UserStatisticsOfPages;
    let v: Value = decode(WHAT, bytes)?;
    let d = data(WHAT, &v)?;
    if d.get("users").is_some() {
        return users_of(WHAT, d, None);
    }
    let Value::Object(pages) = d else {
        return Err(unreadable(WHAT, DecodeProblem::FiguresAreList));
    };
    let mut out = Counted::<Vec<StaffFigures>>::default();
    for (page, per_page) in pages {
        match users_of(WHAT, per_page, Some(page)) {
            Ok(c) => {
                out.value.extend(c.value);
                out.skipped += c.skipped;
            }
            Err(_) => out.skipped += 1,
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- engagement

/// What `statistics/customer_engagements` gives.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Engagement {
    /// The top-level `statistics` rows summed per local hour of the day.
    pub by_hour: Option<[u64; 24]>,
    /// `users_engagements`, per staff member.
    pub users: Vec<StaffFigures>,
}

/// One row of the top-level `statistics`: `hour` (a time, UTC unless it
/// says otherwise), `total` (else `inbox` + `comment`).
#[derive(Debug, Deserialize)]
struct RawHourRow {
    #[serde(default, deserialize_with = "loose_string")]
    hour: Option<String>,
    #[serde(default, deserialize_with = "loose_u64")]
    total: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    inbox: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    comment: Option<u64>,
}

/// One row of `users_engagements`: `user_id`, `name`, `total_engagement`,
/// `new_customer_replied_count`, `order_count` (each optional but the id).
#[derive(Debug, Deserialize)]
struct RawUserEngagement {
    #[serde(deserialize_with = "loose_string")]
    user_id: Option<String>,
    #[serde(default, deserialize_with = "loose_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "loose_u64")]
    total_engagement: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    new_customer_replied_count: Option<u64>,
    #[serde(default, deserialize_with = "loose_u64")]
    order_count: Option<u64>,
}

/// `statistics/customer_engagements`: `{success, data: {categories, series},
/// statistics: [{hour, inbox, comment, total, ...}], users_engagements:
/// [...]}`. The hourly rows are the **top-level** `statistics`; each counts
/// in the local hour (in `tz`) its `hour` falls in. No readable row: `None`
/// (not 24 zeros).
pub fn decode_engagement(bytes: &[u8], tz: &TimeZone) -> Result<Counted<Engagement>, ApiError> {
    const WHAT: RequestKind = RequestKind::EngagementStatistics;
    let v: Value = decode(WHAT, bytes)?;
    let rows = match v.get("statistics") {
        Some(r @ Value::Array(_)) => r,
        Some(other) => {
            return Err(unreadable(
                WHAT,
                DecodeProblem::HourlyNotList(JsonKind::of(other)),
            ));
        }
        None => return Err(unreadable(WHAT, DecodeProblem::NoHourly)),
    };
    let (rows, mut skipped) = each::<RawHourRow>("engagement statistics row", rows);
    let mut hours = [0u64; 24];
    let mut any = false;
    for r in rows {
        let at = r.hour.as_deref().and_then(UnixSeconds::parse);
        let n = r.total.or(match (r.inbox, r.comment) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        });
        let (Some(at), Some(n)) = (at, n) else {
            skipped += 1;
            continue;
        };
        let Some(h) = local(at, tz).map(|d| d.hour() as usize) else {
            skipped += 1;
            continue;
        };
        hours[h] = hours[h].saturating_add(n);
        any = true;
    }
    let (users, more) = match v.get("users_engagements") {
        Some(list) => each::<RawUserEngagement>("users engagement row", list),
        None => (vec![], 0),
    };
    skipped += more;
    let users = users
        .into_iter()
        .filter_map(|u| {
            Some(StaffFigures {
                user_id: Some(UserId::new(u.user_id?)),
                name: sanitize_line(u.name.as_deref().unwrap_or_default()),
                total_engagement: u.total_engagement,
                new_customer_replied_count: u.new_customer_replied_count,
                order_count: u.order_count,
                ..StaffFigures::default()
            })
        })
        .collect();
    Ok(Counted {
        value: Engagement {
            by_hour: any.then_some(hours),
            users,
        },
        skipped,
    })
}

// ---------------------------------------------------------------- new customers

/// The local day of a day bucket of `page_customers?group_by=day`: its
/// `date` is the page's local midnight written in UTC (`16:00:00` of the day
/// before is midnight at UTC+8, `05:00:00` is midnight at UTC−5). The
/// page's offset is read from the bucket's time of day, never from this
/// machine's zone: a time from 12:00 on is the next day's midnight east of
/// Greenwich, one before 12:00 that day's midnight west of it. Offsets from
/// −11:59 to +12:00 are told apart (UTC+13 and +14 are not: their midnight
/// falls at 11:00 and 10:00, read as UTC−11 and −10).
pub fn bucket_local_day(utc: DateTime) -> Option<Date> {
    if utc.hour() >= 12 {
        utc.date().tomorrow().ok()
    } else {
        Some(utc.date())
    }
}

/// A day bucket: `date`, `new_customer_count` (the other figures,
/// `new_page_inbox_count`, `new_phone_number_count`, `phone_number_count`,
/// are not shown).
#[derive(Debug, Deserialize)]
struct RawDayRow {
    #[serde(default, deserialize_with = "loose_string")]
    date: Option<String>,
    #[serde(default, deserialize_with = "loose_u64")]
    new_customer_count: Option<u64>,
}

/// The day a bucket's `date` names: a time (naive = UTC, or with `Z` or an
/// offset) through [`bucket_local_day`]; a bare day as it is.
fn day_of_bucket(s: &str) -> Option<Date> {
    let s = s.trim();
    // (A `Date` would also read a time, dropping it.)
    if !s.contains(['T', 't', ' '])
        && let Ok(d) = s.parse::<Date>()
    {
        return Some(d);
    }
    let utc = match s.parse::<jiff::Timestamp>() {
        Ok(ts) => ts.to_zoned(TimeZone::UTC).datetime(),
        Err(_) => s.parse::<DateTime>().ok()?,
    };
    bucket_local_day(utc)
}

/// `page_customers?date_range&group_by=day`: `{success, data: [{date,
/// new_customer_count, ...}]}`, per local day, oldest first.
pub fn decode_new_customers(bytes: &[u8]) -> Result<Counted<Vec<(Date, u64)>>, ApiError> {
    const WHAT: RequestKind = RequestKind::NewCustomerStatistics;
    let v: Value = decode(WHAT, bytes)?;
    let d = data(WHAT, &v)?;
    if !d.is_array() {
        return Err(unreadable(WHAT, DecodeProblem::FiguresAreObject));
    }
    let (rows, mut skipped) = each::<RawDayRow>("new customer statistics row", d);
    let mut days: BTreeMap<Date, u64> = BTreeMap::new();
    for r in rows {
        let (Some(day), Some(n)) = (
            r.date.as_deref().and_then(day_of_bucket),
            r.new_customer_count,
        ) else {
            skipped += 1;
            continue;
        };
        *days.entry(day).or_default() += n;
    }
    Ok(Counted {
        value: days.into_iter().collect(),
        skipped,
    })
}

#[cfg(test)]
mod tests;
