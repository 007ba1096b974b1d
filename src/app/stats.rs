//! The stats screen (`S`): which period of which page is shown, the figures
//! loaded per (page, period) for the session, and the rows each part of the
//! screen takes (the renderer draws exactly these, the update scrolls by
//! them).

use std::collections::HashMap;

use jiff::tz::TimeZone;

use crate::api::stats::{PageStats, Period, human_ms};
use crate::api::{PageId, UnixSeconds};
use crate::i18n::{Lang, tr, tr_with};
use crate::text::sanitize_line;

/// The periods the screen cycles through with `[` and `]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    /// Since local midnight.
    Today,
    /// The last 7 × 24 hours.
    #[default]
    Week,
    /// The last 30 × 24 hours.
    Month,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 3] = [PeriodKind::Today, PeriodKind::Week, PeriodKind::Month];

    /// Its name on the period line, in `lang`.
    pub fn label(self, lang: Lang) -> String {
        tr(
            lang,
            match self {
                PeriodKind::Today => "stats-period-today",
                PeriodKind::Week => "stats-period-week",
                PeriodKind::Month => "stats-period-month",
            },
        )
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn next(self) -> Self {
        Self::ALL[(self.index() + 1) % Self::ALL.len()]
    }

    pub fn prev(self) -> Self {
        Self::ALL[(self.index() + Self::ALL.len() - 1) % Self::ALL.len()]
    }

    /// The period up to `now`, its days and hours counted in `tz` (the
    /// zone messages are shown in, as `pancake-tui stats` does).
    pub fn period(self, now: UnixSeconds, tz: &TimeZone) -> Period {
        match self {
            PeriodKind::Today => Period {
                since: local_midnight(now, tz),
                until: now,
                tz: tz.clone(),
            },
            PeriodKind::Week => Period::last_days(now, 7, tz.clone()),
            PeriodKind::Month => Period::last_days(now, 30, tz.clone()),
        }
    }
}

/// The start of `now`'s local day in `tz` (`now` itself if it cannot be
/// told).
pub fn local_midnight(now: UnixSeconds, tz: &TimeZone) -> UnixSeconds {
    jiff::Timestamp::from_second(now.0)
        .ok()
        .and_then(|t| t.to_zoned(tz.clone()).start_of_day().ok())
        .map_or(now, |z| UnixSeconds(z.timestamp().as_second()))
}

/// A page and period of the cache.
pub type CacheKey = (PageId, PeriodKind);

/// What is known of one page over one period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatsEntry {
    /// The last figures that came (their period is in them).
    pub stats: Option<Box<PageStats>>,
    /// A request is out (the figures above, if any, stay shown meanwhile).
    pub loading: bool,
    /// Why the last request failed, in words for people.
    pub error: Option<String>,
    /// The request whose answer is awaited: an older one's answer is dropped.
    pub seq: u64,
}

/// Every page's figures loaded this session, per period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatsCache {
    pub entries: HashMap<CacheKey, StatsEntry>,
    /// The period shown last: the screen opens on it again.
    pub last_period: PeriodKind,
    next_seq: u64,
}

impl StatsCache {
    pub fn get(&self, page: &PageId, period: PeriodKind) -> Option<&StatsEntry> {
        self.entries.get(&(page.clone(), period))
    }

    /// Mark a request as out for (page, period); its number, for the answer.
    pub fn start(&mut self, page: &PageId, period: PeriodKind) -> u64 {
        self.next_seq += 1;
        let e = self.entries.entry((page.clone(), period)).or_default();
        e.loading = true;
        e.seq = self.next_seq;
        self.next_seq
    }
}

/// The screen open: which page and period it shows, how far it is scrolled.
#[derive(Clone, Debug, PartialEq)]
pub struct StatsScreen {
    pub page: PageId,
    pub period: PeriodKind,
    /// The first body row shown.
    pub scroll: usize,
}

// ------------------------------------------------------------------- words
// Shared by the screen (`src/ui/stats/`) and `pancake-tui stats`' table
// (`src/cli/stats_render.rs`).

/// A part of the figures as Pancake's calls name it in
/// `PageStats::unavailable` and `skipped_rows` (those names are the
/// JSON's and stay English), in `lang`.
pub fn part_name(lang: Lang, part: &str) -> String {
    let id = match part {
        "page statistics" => "stats-part-totals",
        "new customers" => "stats-part-new-customers",
        "tags" => "stats-part-tags",
        "staff" => "stats-part-staff",
        "engagement" => "stats-part-engagement",
        other => return sanitize_line(other),
    };
    tr(lang, id)
}

/// "not given by Pancake", with the reason when one was given for `part`
/// (its name in `PageStats::unavailable`).
pub fn not_given(lang: Lang, s: &PageStats, part: &str) -> String {
    match s.unavailable.iter().find(|(p, _)| p == part) {
        Some((_, why)) => tr_with(
            lang,
            "stats-not-given-why",
            &[("why", sanitize_line(why).into())],
        ),
        None => tr(lang, "stats-not-given"),
    }
}

/// A day's short week day: `Tue`, `T3` (Thứ Ba), as every date of the
/// interface names it ([`crate::app::times::weekday`]).
pub fn weekday(lang: Lang, d: jiff::civil::Date) -> String {
    crate::app::times::weekday(d.weekday(), lang)
}

/// A figure Pancake may not have given: grouped as `lang` writes numbers,
/// "-" when not given.
pub fn figure(lang: Lang, n: Option<u64>) -> String {
    n.map_or_else(|| "-".to_owned(), |n| crate::i18n::number(lang, n))
}

/// A response time (Pancake's milliseconds) in human units (`human_ms`),
/// the decimal mark as `lang` writes it: `9.5s`, `9,5s`.
pub fn reply_time(lang: Lang, ms: u64) -> String {
    let t = human_ms(ms);
    match lang {
        Lang::En => t,
        Lang::Vi => t.replace('.', ","),
    }
}

// ---------------------------------------------------------------- geometry

/// From this width the parts stand in two columns.
pub const WIDE: u16 = 120;
/// Rows of the screen that never scroll: the box's two borders, the period
/// line, the totals line, the hint line, and the status bar under the box.
pub const CHROME_ROWS: u16 = 6;

/// The parts of the screen, in the order they stand (one column: top to
/// bottom; two columns: the first two on the left).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    NewCustomers,
    Hours,
    Tags,
    Staff,
}

impl Part {
    pub const ALL: [Part; 4] = [Part::NewCustomers, Part::Hours, Part::Tags, Part::Staff];

    pub fn left_column(self) -> bool {
        matches!(self, Part::NewCustomers | Part::Hours)
    }
}

/// The sizes the parts take on a terminal: narrow, the chart and the
/// sparkline keep small and the body scrolls; wide, they share the left
/// column's height.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Geometry {
    pub wide: bool,
    /// Rows of the new-customer bars (without the title, value and label rows).
    pub chart_rows: usize,
    /// Rows of the engagement sparkline.
    pub spark_rows: usize,
}

impl Geometry {
    pub fn of(width: u16, height: u16) -> Geometry {
        if width < WIDE {
            return Geometry {
                wide: false,
                chart_rows: 5,
                spark_rows: 3,
            };
        }
        // The left column: chart (+3), a blank row, sparkline (+2).
        let room = visible_rows(height).saturating_sub(6);
        let chart_rows = (room * 2 / 3).clamp(5, 18);
        Geometry {
            wide: true,
            chart_rows,
            spark_rows: room.saturating_sub(chart_rows).clamp(3, 10),
        }
    }
}

/// Whether a part has nothing to draw (it then says so on one row).
pub fn is_missing(stats: &PageStats, part: Part) -> bool {
    match part {
        Part::NewCustomers => stats.new_customers_per_day.is_empty(),
        Part::Hours => stats.engagement_by_hour.is_none(),
        Part::Tags => stats.by_tag.is_empty(),
        Part::Staff => stats.staff.is_empty(),
    }
}

/// Rows a part takes, its title included.
pub fn part_rows(stats: &PageStats, part: Part, g: Geometry) -> usize {
    if is_missing(stats, part) {
        return 2;
    }
    1 + match part {
        // Values, bars, day labels.
        Part::NewCustomers => g.chart_rows + 2,
        // The sparkline and the hour labels.
        Part::Hours => g.spark_rows + 1,
        Part::Tags => stats.by_tag.len(),
        // A header row.
        Part::Staff => 1 + stats.staff.len(),
    }
}

/// Rows of a column of parts, a blank row between two.
fn column_rows(stats: &PageStats, parts: impl Iterator<Item = Part>, g: Geometry) -> usize {
    let rows: Vec<usize> = parts.map(|p| part_rows(stats, p, g)).collect();
    rows.iter().sum::<usize>() + rows.len().saturating_sub(1)
}

/// Rows of the scrolling body in geometry `g`.
pub fn body_rows(stats: &PageStats, g: Geometry) -> usize {
    if g.wide {
        let left = column_rows(stats, Part::ALL.into_iter().filter(|p| p.left_column()), g);
        let right = column_rows(stats, Part::ALL.into_iter().filter(|p| !p.left_column()), g);
        left.max(right)
    } else {
        column_rows(stats, Part::ALL.into_iter(), g)
    }
}

/// Body rows shown at once on a terminal `height` rows high.
pub fn visible_rows(height: u16) -> usize {
    height.saturating_sub(CHROME_ROWS).max(1) as usize
}

/// How far the body can scroll on a `width` × `height` terminal.
pub fn max_scroll(stats: &PageStats, width: u16, height: u16) -> usize {
    body_rows(stats, Geometry::of(width, height)).saturating_sub(visible_rows(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_cycle_and_today_starts_at_local_midnight() {
        assert_eq!(PeriodKind::Week.next(), PeriodKind::Month);
        assert_eq!(PeriodKind::Month.next(), PeriodKind::Today);
        assert_eq!(PeriodKind::Today.prev(), PeriodKind::Month);
        let tz7 = TimeZone::fixed(jiff::tz::offset(7));
        // 2027-01-15 08:00 UTC = 15:00 at +07:00: midnight there is 17:00 UTC the day before.
        let now = UnixSeconds(1_800_000_000);
        let today = PeriodKind::Today.period(now, &tz7);
        assert_eq!(today.until, now);
        assert_eq!(today.since.0, now.0 - 15 * 3600);
        assert_eq!(
            PeriodKind::Month.period(now, &tz7).since.0,
            now.0 - 30 * 86_400
        );
    }

    #[test]
    fn the_body_is_one_column_when_narrow_and_two_when_wide() {
        let stats = PageStats {
            by_tag: (0..10)
                .map(|i| crate::api::stats::TagCount {
                    tag_id: None,
                    name: format!("t{i}"),
                    count: i,
                })
                .collect(),
            ..PageStats::default()
        };
        // Missing parts take two rows each.
        let narrow = Geometry::of(80, 24);
        assert_eq!(body_rows(&stats, narrow), 2 + 1 + 2 + 1 + 11 + 1 + 2);
        assert_eq!(body_rows(&stats, Geometry::of(140, 40)), 11 + 1 + 2);
        assert_eq!(max_scroll(&stats, 80, 24), 20 - 18);
        assert_eq!(max_scroll(&stats, 140, 40), 0);
        // Wide and tall: the chart and the sparkline fill the left column.
        let g = Geometry::of(140, 40);
        assert!(g.wide && g.chart_rows > narrow.chart_rows);
        assert_eq!(g.chart_rows + 3 + 1 + g.spark_rows + 2, visible_rows(40));
    }
}
