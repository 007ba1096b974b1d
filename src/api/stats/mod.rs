//! The statistics (pancake-api.md § Statistics): page, tags, users (one page, or several with
//! the user token), engagement by hour, new customers per day.
//!
//! The paths, parameters and answers are those of the official reference
//! (pancake-api.md § Statistics); the multi-page users path is the one
//! thing not confirmed, and it lives in [`paths`] only. The decoders are in
//! [`decode`] (each says which fields it reads), durations in human units in
//! [`human`] (the output of `pancake-tui stats` is the command line's, in
//! `src/cli/stats_render.rs`); what Pancake does not give stays `None` or
//! empty here and is shown as "not given by Pancake", never as zero.

use crate::api::RequestKind;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use serde::Serialize;

use super::client::{PageApi, Request, UserApi};
use super::error::ApiError;
use super::ids::{PageId, TagId, UserId};
use super::time::UnixSeconds;

pub mod decode;
pub mod human;

pub use decode::{
    Counted, Engagement, bucket_local_day, decode_engagement, decode_new_customers,
    decode_page_totals, decode_tag_stats, decode_user_stats, decode_user_stats_pages,
};
pub use human::{human_duration, human_ms};

/// Where each statistics endpoint lives, in one place (pancake-api.md § Statistics).
pub mod paths {
    /// Under `/public_api/v1/pages/{page_id}` (page token).
    pub const PAGE: &str = "/statistics/pages";
    pub const TAGS: &str = "/statistics/tags";
    pub const USERS: &str = "/statistics/users";
    pub const ENGAGEMENT: &str = "/statistics/customer_engagements";
    /// New customers per day: the customer list's own path, told apart by
    /// its parameters (`date_range`, `group_by`); there is no
    /// `statistics/page_customers`.
    pub const NEW_CUSTOMERS: &str = "/page_customers";
    /// Under the user API root `/v1` (user token, `page_ids`). Seen in one
    /// production client only (not confirmed): when it fails, each page's
    /// own users statistics stand in.
    pub const USERS_MULTIPLE_PAGES: &str = "/v1/statistics/user";
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

pub(crate) fn local(t: UnixSeconds, tz: &TimeZone) -> Option<DateTime> {
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
    /// New customers per local day (`page_customers?group_by=day`,
    /// `new_customer_count`).
    pub new_customers_per_day: Vec<(Date, u64)>,
    /// Conversations per tag, most first (`statistics/tags`: each tag's
    /// series summed).
    pub by_tag: Vec<TagCount>,
    /// Each staff member's figures (`statistics/users`' `data.users`, and
    /// `users_engagements` of the engagement statistics).
    pub staff: Vec<StaffFigures>,
    /// Engagement per local hour of the day, 0..24: the top-level
    /// `statistics` rows of `statistics/customer_engagements` (`total`).
    pub engagement_by_hour: Option<[u64; 24]>,
    /// The parts Pancake did not give (a refusal, an unreadable answer): which
    /// and why, in words for people.
    pub unavailable: Vec<(String, String)>,
    /// Rows of a part that could not be read (skipped, the rest shown):
    /// which part and how many.
    pub skipped_rows: Vec<(String, usize)>,
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

/// A staff member's figures, each `None` when Pancake did not give it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StaffFigures {
    pub user_id: Option<UserId>,
    /// Sanitized; may be empty when only an id came (see `page_stats`, which
    /// fills it from the staff list).
    pub name: String,
    /// Set by the multi-page statistics.
    pub page_id: Option<PageId>,
    /// Inbox messages sent (`inbox_count`).
    pub inbox_count: Option<u64>,
    /// Comment replies (`comment_count`).
    pub comment_count: Option<u64>,
    /// Inbox conversations replied in (`unique_inbox_count`).
    pub unique_inbox_count: Option<u64>,
    /// Comment threads replied in (`unique_comment_count`).
    pub unique_comment_count: Option<u64>,
    /// Private replies to comments (`private_reply_count`).
    pub private_reply_count: Option<u64>,
    /// Phone numbers captured (`phone_number_count`).
    pub phone_number_count: Option<u64>,
    /// Average response time, in milliseconds as Pancake gives it
    /// (`average_response_time`).
    pub average_response_ms: Option<u64>,
    /// `total_engagement` of the engagement statistics' `users_engagements`.
    pub total_engagement: Option<u64>,
    /// `new_customer_replied_count`, ibid.
    pub new_customer_replied_count: Option<u64>,
    /// `order_count`, ibid.
    pub order_count: Option<u64>,
}

impl StaffFigures {
    /// Conversations replied in: inbox and comment threads, when either was given.
    pub fn conversations(&self) -> Option<u64> {
        match (self.unique_inbox_count, self.unique_comment_count) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        }
    }

    /// Take the engagement figures of the same person (by user id).
    fn merge_engagement(&mut self, e: &StaffFigures) {
        self.total_engagement = e.total_engagement;
        self.new_customer_replied_count = e.new_customer_replied_count;
        self.order_count = e.order_count;
        if self.name.is_empty() {
            self.name = e.name.clone();
        }
    }
}

/// Add the users statistics' rows to the staff figures (by user id: the
/// engagement figures someone already has stay).
pub fn merge_staff(staff: &mut Vec<StaffFigures>, users: Vec<StaffFigures>) {
    for u in users {
        match staff
            .iter_mut()
            .find(|s| s.user_id.is_some() && s.user_id == u.user_id)
        {
            Some(s) => {
                let mut u = u;
                u.merge_engagement(s);
                *s = u;
            }
            None => staff.push(u),
        }
    }
}

/// Add the engagement statistics' `users_engagements` to the staff figures
/// (by user id; someone only there gets a row of their own).
pub fn merge_engagement(staff: &mut Vec<StaffFigures>, engagement: &[StaffFigures]) {
    for e in engagement {
        match staff
            .iter_mut()
            .find(|s| s.user_id.is_some() && s.user_id == e.user_id)
        {
            Some(s) => s.merge_engagement(e),
            None => staff.push(e.clone()),
        }
    }
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
    /// `statistics/pages`, its hourly rows summed.
    pub async fn page_totals(&self, p: &Period) -> Result<Counted<PageTotals>, ApiError> {
        let bytes = self
            .read(RequestKind::PageStatistics, paths::PAGE, since_until(p))
            .await?;
        decode_page_totals(&bytes)
    }

    /// `statistics/tags`: conversations per tag, most first.
    pub async fn tag_stats(&self, p: &Period) -> Result<Counted<Vec<TagCount>>, ApiError> {
        let bytes = self
            .read(RequestKind::TagStatistics, paths::TAGS, since_until(p))
            .await?;
        decode_tag_stats(&bytes)
    }

    /// `statistics/users` with `date_range`.
    pub async fn user_stats(&self, p: &Period) -> Result<Counted<Vec<StaffFigures>>, ApiError> {
        let bytes = self
            .read(
                RequestKind::UserStatistics,
                paths::USERS,
                vec![("date_range", p.date_range())],
            )
            .await?;
        decode_user_stats(&bytes)
    }

    /// `statistics/customer_engagements` with `by_hour=true` (and `user_ids`
    /// when some are given): the hours in the period's zone, and each staff
    /// member's engagement.
    pub async fn engagement(
        &self,
        p: &Period,
        user_ids: &[UserId],
    ) -> Result<Counted<Engagement>, ApiError> {
        let mut query = vec![("date_range", p.date_range()), ("by_hour", "true".into())];
        if !user_ids.is_empty() {
            let ids: Vec<&str> = user_ids.iter().map(UserId::as_str).collect();
            query.push(("user_ids", ids.join(",")));
        }
        let bytes = self
            .read(RequestKind::EngagementStatistics, paths::ENGAGEMENT, query)
            .await?;
        decode_engagement(&bytes, &p.tz)
    }

    /// New customers per local day: `page_customers` with `date_range` in
    /// days and `group_by=day`.
    pub async fn new_customers_per_day(
        &self,
        p: &Period,
    ) -> Result<Counted<Vec<(Date, u64)>>, ApiError> {
        let bytes = self
            .read(
                RequestKind::NewCustomerStatistics,
                paths::NEW_CUSTOMERS,
                vec![
                    ("date_range", p.date_range_days()),
                    ("group_by", "day".to_owned()),
                ],
            )
            .await?;
        decode_new_customers(&bytes)
    }

    /// Every figure of the page over `p` (5 requests within the page's
    /// budget, then the tag and staff lists only if something came as an id
    /// alone). A part Pancake refuses or answers unreadably is listed in
    /// `unavailable` and the rest is shown; a failure that concerns every
    /// call (the token, the subscription, the network, the rate limit after
    /// its retries) is the error.
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
        let engagement = self.engagement(p, &[]).await;
        if let Some(e) = part(&mut out, "engagement", engagement)? {
            out.engagement_by_hour = e.by_hour;
            merge_engagement(&mut out.staff, &e.users);
        }
        self.name_ids(&mut out).await?;
        Ok(out)
    }

    /// The page's own users statistics into `out` (where the multi-page
    /// call failed), each row naming the page as the multi-page ones do; a
    /// refusal noted in `unavailable` like any part.
    pub async fn add_user_stats(&self, out: &mut PageStats, p: &Period) -> Result<(), ApiError> {
        let staff = self.user_stats(p).await;
        if let Some(mut s) = part(out, "staff", staff)? {
            for row in &mut s {
                row.page_id = Some(self.page_id().clone());
            }
            merge_staff(&mut out.staff, s);
        }
        self.name_ids(out).await
    }

    /// Staff that came as ids only get their names from the staff list.
    async fn name_ids(&self, out: &mut PageStats) -> Result<(), ApiError> {
        if out.staff.iter().any(|s| s.name.is_empty()) {
            let staff = self.staff().await;
            if let Some(staff) = part(
                out,
                "staff names",
                staff.map(|s| Counted {
                    value: s,
                    skipped: 0,
                }),
            )? {
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

/// Keep a part (and count its unreadable rows), or note why it is missing;
/// errors that concern every call stop the whole report.
fn part<T>(
    out: &mut PageStats,
    name: &str,
    r: Result<Counted<T>, ApiError>,
) -> Result<Option<T>, ApiError> {
    match r {
        Ok(c) => {
            if c.skipped > 0 {
                out.skipped_rows.push((name.to_owned(), c.skipped));
            }
            Ok(Some(c.value))
        }
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
    /// (pancake-api.md § Statistics: `page_ids` comma-joined, `date_range`;
    /// not confirmed, see [`paths::USERS_MULTIPLE_PAGES`]). Each row names its
    /// page.
    pub async fn user_stats_pages(
        &self,
        pages: &[PageId],
        p: &Period,
    ) -> Result<Counted<Vec<StaffFigures>>, ApiError> {
        let ids: Vec<&str> = pages.iter().map(PageId::as_str).collect();
        let bytes = self
            .request(
                Request::get(
                    RequestKind::UserStatisticsOfPages,
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

#[cfg(test)]
mod tests;
