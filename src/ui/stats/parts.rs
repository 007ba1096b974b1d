//! The four parts of the stats screen, each as the rows it takes
//! (`app::stats::part_rows`): new customers per day, engagement by hour,
//! conversations by tag, the staff's figures. Names are untrusted text.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use ratatui::text::{Line, Span};

use crate::api::stats::{PageStats, Period, StaffFigures};
use crate::app::stats::{Geometry, Part, figure, is_missing, not_given, reply_time, weekday};
use crate::i18n::{Lang, number, tr, tr_with};
use crate::text::{display_width, sanitize_line};

use super::super::bars::{horizontal_bar, placed, spread, vertical_bars};
use super::super::cells::cell;
use super::super::theme::Theme;

/// A part's rows, its title first: exactly `part_rows` of them.
pub(super) fn part_lines(
    s: &PageStats,
    part: Part,
    w: usize,
    g: Geometry,
    lang: Lang,
    tz: &TimeZone,
    theme: &Theme,
) -> Vec<Line<'static>> {
    // The title, and the part's name in `PageStats::unavailable`.
    let (title, unavailable_as) = match part {
        Part::NewCustomers => ("stats-new-customers", "new customers"),
        Part::Hours => ("stats-hours", "engagement"),
        Part::Tags => ("stats-tags", "tags"),
        Part::Staff => ("stats-staff", "staff"),
    };
    if is_missing(s, part) {
        return vec![
            Line::styled(cell(&tr(lang, title), w), theme.title()),
            Line::styled(cell(&not_given(lang, s, unavailable_as), w), theme.dim()),
        ];
    }
    match part {
        Part::NewCustomers => new_customers(s, w, g.chart_rows, lang, tz, theme),
        Part::Hours => hours(s, w, g.spark_rows, lang, theme),
        Part::Tags => tags(s, w, lang, theme),
        Part::Staff => staff(s, w, lang, theme),
    }
}

/// Bars per local day of the period (days Pancake did not name stay empty).
fn new_customers(
    s: &PageStats,
    w: usize,
    bar_rows: usize,
    lang: Lang,
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
    let title = match best.filter(|(v, _)| *v > 0) {
        Some((v, d)) => tr_with(
            lang,
            "stats-new-customers-sum-best",
            &[
                ("total", total.into()),
                ("count", v.into()),
                (
                    "day",
                    format!("{} {}", weekday(lang, d), d.strftime("%d/%m")).into(),
                ),
            ],
        ),
        None => tr_with(lang, "stats-new-customers-sum", &[("total", total.into())]),
    };
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
            .filter_map(|(i, v)| v.map(|v| (i * step, number(lang, v))))
            .filter(|(_, t)| t.len() <= step.max(bar_w)),
        w,
    );
    lines.push(Line::styled(cell(&value_row, w), theme.dim()));
    for bars in vertical_bars(&values, &vec![bar_w; values.len()], gap, bar_rows) {
        lines.push(Line::styled(cell(&bars, w), theme.accent()));
    }
    // The week day too when it fits ("Tue 12", "T3 12").
    let label = |d: &Date| {
        let day = d.strftime("%d").to_string();
        let long = format!("{} {day}", weekday(lang, *d));
        if display_width(&long) < step {
            long
        } else {
            day
        }
    };
    let labels = placed(
        days.iter().enumerate().map(|(i, d)| (i * step, label(d))),
        w,
    );
    lines.push(Line::styled(cell(&labels, w), theme.dim()));
    lines
}

/// The 24 local hours as a sparkline, hours named under it.
fn hours(s: &PageStats, w: usize, rows: usize, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let h = s.engagement_by_hour.unwrap_or([0; 24]);
    let total: u64 = h.iter().sum();
    let (busiest, most) = h
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .map_or((0, 0), |(i, n)| (i, *n));
    let title = if most > 0 {
        tr_with(
            lang,
            "stats-hours-sum-busiest",
            &[
                ("total", total.into()),
                ("hour", format!("{busiest:02}").into()),
                ("count", most.into()),
            ],
        )
    } else {
        tr_with(lang, "stats-hours-sum", &[("total", total.into())])
    };
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
fn tags(s: &PageStats, w: usize, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let max = s.by_tag.iter().map(|t| t.count).max().unwrap_or(0);
    let count_w = number(lang, max).len();
    let name_w = (w / 3).clamp(8, 28).min(w.saturating_sub(count_w + 2));
    let bar_w = w.saturating_sub(name_w + count_w + 2);
    let total: u64 = s.by_tag.iter().map(|t| t.count).sum();
    let title = tr_with(
        lang,
        "stats-tags-sum",
        &[("tags", s.by_tag.len().into()), ("total", total.into())],
    );
    let mut lines = vec![Line::styled(cell(&title, w), theme.title())];
    for t in &s.by_tag {
        let name = name_or_id(lang, &t.name, t.tag_id.as_ref().map(|i| i.as_str()));
        lines.push(Line::from(vec![
            Span::raw(cell(&name, name_w)),
            Span::raw(format!(" {:>count_w$} ", number(lang, t.count))),
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
fn name_or_id(lang: Lang, name: &str, id: Option<&str>) -> String {
    match (name.is_empty(), id) {
        (false, _) => sanitize_line(name),
        (true, Some(id)) => sanitize_line(id),
        (true, None) => tr(lang, "stats-no-name"),
    }
}

/// `text` right-aligned in `width` columns (as wide as it is when wider).
fn right(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(display_width(text));
    format!("{}{text}", " ".repeat(pad))
}

/// Each staff member (`statistics/users`' `data.users`): inbox messages
/// sent, comment replies, conversations replied in, the average response
/// time (Pancake's milliseconds, in human units); most conversations first.
/// "-": not given by Pancake.
fn staff(s: &PageStats, w: usize, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    // Each figure's column: its head, and at least this wide (a space
    // before the widest head).
    let heads = [
        ("stats-col-inbox", 7),
        ("stats-col-comments", 9),
        ("stats-col-convs", 7),
        ("stats-col-avg-reply", 11),
    ]
    .map(|(id, least)| {
        let head = tr(lang, id);
        let width = (display_width(&head) + 1).max(least);
        (head, width)
    });
    let figures_w: usize = heads.iter().map(|(_, width)| width).sum();
    let name_w = w.saturating_sub(figures_w).max(6);
    let mut rows: Vec<&StaffFigures> = s.staff.iter().collect();
    rows.sort_by(|a, b| {
        b.conversations()
            .cmp(&a.conversations())
            .then_with(|| b.inbox_count.cmp(&a.inbox_count))
            .then_with(|| a.name.cmp(&b.name))
    });
    let mut head = cell(&tr(lang, "stats-col-name"), name_w);
    for (h, width) in &heads {
        head.push_str(&right(h, *width));
    }
    let mut lines = vec![
        Line::styled(
            cell(
                &tr_with(lang, "stats-staff-sum", &[("count", s.staff.len().into())]),
                w,
            ),
            theme.title(),
        ),
        Line::styled(cell(&head, w), theme.dim()),
    ];
    for u in rows {
        let name = name_or_id(lang, &u.name, u.user_id.as_ref().map(|i| i.as_str()));
        let values = [
            figure(lang, u.inbox_count),
            figure(lang, u.comment_count),
            figure(lang, u.conversations()),
            u.average_response_ms
                .map_or("-".to_owned(), |ms| reply_time(lang, ms)),
        ];
        let mut row = cell(&name, name_w);
        for (v, (_, width)) in values.iter().zip(&heads) {
            row.push_str(&right(v, *width));
        }
        lines.push(Line::raw(cell(&row, w)));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::stats::part_rows;

    /// The update scrolls by `part_rows`: each part draws exactly that
    /// many, in both languages, none wider than its column.
    #[test]
    fn each_part_draws_the_rows_the_geometry_gives_it() {
        let full = crate::app::fixtures::page_stats();
        let empty = PageStats::default();
        let theme = Theme::new(true);
        let tz = TimeZone::UTC;
        for s in [&full, &empty] {
            for (width, height) in [(40u16, 10u16), (80, 24), (140, 40), (300, 100)] {
                let g = Geometry::of(width, height);
                for (part, lang) in Part::ALL
                    .into_iter()
                    .flat_map(|p| [(p, Lang::En), (p, Lang::Vi)])
                {
                    let w = width as usize / 2;
                    let lines = part_lines(s, part, w, g, lang, &tz, &theme);
                    assert_eq!(lines.len(), part_rows(s, part, g), "{part:?} at {width}");
                    for l in &lines {
                        assert!(l.width() <= w, "{part:?} {lang:?} at {width}: {l:?}");
                    }
                }
            }
        }
    }
}
