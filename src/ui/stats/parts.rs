//! The four parts of the stats screen, each as the rows it takes
//! (`app::stats::part_rows`): new customers per day, engagement by hour,
//! conversations by tag, the staff's figures. Names are untrusted text.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use ratatui::text::{Line, Span};

use crate::api::stats::{PageStats, Period, StaffFigures, human_ms};
use crate::app::stats::{Geometry, Part, is_missing};
use crate::text::sanitize_line;

use super::super::bars::{horizontal_bar, placed, spread, vertical_bars};
use super::super::cells::cell;
use super::super::theme::Theme;

/// "not given by Pancake", with the reason when one was given.
pub(super) fn not_given(s: &PageStats, part: &str) -> String {
    match s.unavailable.iter().find(|(p, _)| p == part) {
        Some((_, why)) => format!("not given by Pancake: {}", sanitize_line(why)),
        None => "not given by Pancake".into(),
    }
}

/// A part's rows, its title first: exactly `part_rows` of them.
pub(super) fn part_lines(
    s: &PageStats,
    part: Part,
    w: usize,
    g: Geometry,
    tz: &TimeZone,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let (title, unavailable_as) = match part {
        Part::NewCustomers => ("New customers per day", "new customers"),
        Part::Hours => ("Engagement by hour", "engagement"),
        Part::Tags => ("Conversations by tag", "tags"),
        Part::Staff => ("Staff", "staff"),
    };
    if is_missing(s, part) {
        return vec![
            Line::styled(cell(title, w), theme.title()),
            Line::styled(cell(&not_given(s, unavailable_as), w), theme.dim()),
        ];
    }
    match part {
        Part::NewCustomers => new_customers(s, w, g.chart_rows, tz, theme),
        Part::Hours => hours(s, w, g.spark_rows, theme),
        Part::Tags => tags(s, w, theme),
        Part::Staff => staff(s, w, theme),
    }
}

/// Bars per local day of the period (days Pancake did not name stay empty).
fn new_customers(
    s: &PageStats,
    w: usize,
    bar_rows: usize,
    tz: &TimeZone,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let period = Period {
        since: s.since,
        until: s.until,
        tz: tz.clone(),
    };
    let mut days: Vec<Date> = period.days();
    for (d, _) in &s.new_customers_per_day {
        if !days.contains(d) {
            days.push(*d);
        }
    }
    days.sort();
    // As many of the latest days as the width holds.
    let days = &days[days.len().saturating_sub(w.max(1))..];
    let count = |d: &Date| {
        s.new_customers_per_day
            .iter()
            .find(|(x, _)| x == d)
            .map(|(_, n)| *n)
    };
    let values: Vec<Option<u64>> = days.iter().map(count).collect();
    let total: u64 = values.iter().flatten().sum();
    let best = days
        .iter()
        .zip(&values)
        .filter_map(|(d, v)| v.map(|v| (v, *d)))
        .max_by_key(|(v, d)| (*v, std::cmp::Reverse(*d)));
    let mut title = format!("New customers per day · {total} on these days");
    if let Some((v, d)) = best.filter(|(v, _)| *v > 0) {
        title.push_str(&format!(", most {v} on {}", d.strftime("%a %d/%m")));
    }
    let slot = (w / days.len().max(1)).max(1);
    let (bar_w, gap) = if slot >= 2 {
        ((slot - 1).min(6), 1)
    } else {
        (1, 0)
    };
    let step = bar_w + gap;
    let mut lines = vec![Line::styled(cell(&title, w), theme.title())];
    let value_row = placed(
        values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i * step, v.to_string())))
            .filter(|(_, t)| t.len() <= step.max(bar_w)),
        w,
    );
    lines.push(Line::styled(cell(&value_row, w), theme.dim()));
    for bars in vertical_bars(&values, &vec![bar_w; values.len()], gap, bar_rows) {
        lines.push(Line::styled(cell(&bars, w), theme.accent()));
    }
    let format = if step >= 7 { "%a %d" } else { "%d" };
    let labels = placed(
        days.iter()
            .enumerate()
            .map(|(i, d)| (i * step, d.strftime(format).to_string())),
        w,
    );
    lines.push(Line::styled(cell(&labels, w), theme.dim()));
    lines
}

/// The 24 local hours as a sparkline, hours named under it.
fn hours(s: &PageStats, w: usize, rows: usize, theme: &Theme) -> Vec<Line<'static>> {
    let h = s.engagement_by_hour.unwrap_or([0; 24]);
    let total: u64 = h.iter().sum();
    let (busiest, most) = h
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .map_or((0, 0), |(i, n)| (i, *n));
    let mut title = format!("Engagement by hour · {total} in all");
    if most > 0 {
        title.push_str(&format!(", busiest {busiest:02}:00 ({most})"));
    }
    // The whole width, shared by the 24 hours.
    let (widths, starts) = spread(24, w);
    let values: Vec<Option<u64>> = h.iter().map(|n| Some(*n)).collect();
    let mut lines = vec![Line::styled(cell(&title, w), theme.title())];
    for bars in vertical_bars(&values, &widths, 0, rows) {
        lines.push(Line::styled(cell(&bars, w), theme.accent()));
    }
    let every = if w >= 72 {
        2
    } else if w >= 48 {
        3
    } else {
        6
    };
    let labels = placed(
        (0..24)
            .step_by(every)
            .map(|hour| (starts[hour], format!("{hour:02}"))),
        w,
    );
    lines.push(Line::styled(cell(&labels, w), theme.dim()));
    lines
}

/// Each tag: its name, its count, a bar against the largest.
fn tags(s: &PageStats, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let max = s.by_tag.iter().map(|t| t.count).max().unwrap_or(0);
    let count_w = max.to_string().len();
    let name_w = (w / 3).clamp(8, 28).min(w.saturating_sub(count_w + 2));
    let bar_w = w.saturating_sub(name_w + count_w + 2);
    let total: u64 = s.by_tag.iter().map(|t| t.count).sum();
    let title = format!(
        "Conversations by tag · {} tags, {total} tagged",
        s.by_tag.len()
    );
    let mut lines = vec![Line::styled(cell(&title, w), theme.title())];
    for t in &s.by_tag {
        let name = name_or_id(&t.name, t.tag_id.as_ref().map(|i| i.as_str()));
        lines.push(Line::from(vec![
            Span::raw(cell(&name, name_w)),
            Span::raw(format!(" {:>count_w$} ", t.count)),
            Span::styled(
                cell(&horizontal_bar(t.count, max, bar_w), bar_w),
                theme.accent(),
            ),
        ]));
    }
    lines
}

/// A row's name, its id when Pancake gave no name (an id from the API is
/// untrusted text like a name).
fn name_or_id(name: &str, id: Option<&str>) -> String {
    match (name.is_empty(), id) {
        (false, _) => sanitize_line(name),
        (true, Some(id)) => sanitize_line(id),
        (true, None) => "(no name)".into(),
    }
}

/// Each staff member (`statistics/users`' `data.users`): inbox messages
/// sent, comment replies, conversations replied in, the average response
/// time (Pancake's milliseconds, in human units); most conversations first.
/// "-": not given by Pancake.
fn staff(s: &PageStats, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    const FIGURES: usize = 7 + 9 + 7 + 11;
    let name_w = w.saturating_sub(FIGURES).max(6);
    let mut rows: Vec<&StaffFigures> = s.staff.iter().collect();
    rows.sort_by(|a, b| {
        b.conversations()
            .cmp(&a.conversations())
            .then_with(|| b.inbox_count.cmp(&a.inbox_count))
            .then_with(|| a.name.cmp(&b.name))
    });
    let opt = |n: Option<u64>| n.map_or("-".to_owned(), |n| n.to_string());
    let mut lines = vec![
        Line::styled(
            cell(
                &format!("Staff · {} (users statistics; - not given)", s.staff.len()),
                w,
            ),
            theme.title(),
        ),
        Line::styled(
            cell(
                &format!(
                    "{}{:>7}{:>9}{:>7}{:>11}",
                    cell("name", name_w),
                    "inbox",
                    "comments",
                    "convs",
                    "avg reply"
                ),
                w,
            ),
            theme.dim(),
        ),
    ];
    for u in rows {
        let name = name_or_id(&u.name, u.user_id.as_ref().map(|i| i.as_str()));
        let figures = format!(
            "{:>7}{:>9}{:>7}{:>11}",
            opt(u.inbox_count),
            opt(u.comment_count),
            opt(u.conversations()),
            u.average_response_ms.map_or("-".to_owned(), human_ms)
        );
        lines.push(Line::raw(cell(
            &format!("{}{figures}", cell(&name, name_w)),
            w,
        )));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::stats::part_rows;

    /// The update scrolls by `part_rows`: each part draws exactly that many.
    #[test]
    fn each_part_draws_the_rows_the_geometry_gives_it() {
        let full = crate::app::fixtures::page_stats();
        let empty = PageStats::default();
        let theme = Theme::new(true);
        let tz = TimeZone::UTC;
        for s in [&full, &empty] {
            for (width, height) in [(40u16, 10u16), (80, 24), (140, 40), (300, 100)] {
                let g = Geometry::of(width, height);
                for part in Part::ALL {
                    let w = width as usize / 2;
                    let lines = part_lines(s, part, w, g, &tz, &theme);
                    assert_eq!(lines.len(), part_rows(s, part, g), "{part:?} at {width}");
                    for l in &lines {
                        assert!(l.width() <= w, "{part:?} at {width}: {l:?}");
                    }
                }
            }
        }
    }
}
