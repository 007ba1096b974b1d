//! The stats screen (`S`): the period line, the page's totals, then new
//! customers per day (bars), engagement by hour (a sparkline), conversations
//! by tag (counts with bars) and the staff's figures; one column scrolled
//! with j/k on a small terminal, two columns from `app::stats::WIDE`. The
//! rows of each part are `app::stats::part_rows`; a part Pancake did not
//! give says so on its row.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::api::UnixSeconds;
use crate::api::stats::{PageStats, Period, StaffFigures, human_duration};
use crate::app::State;
use crate::app::keys::StatsKey;
use crate::app::stats::{
    Geometry, Part, PeriodKind, StatsEntry, StatsScreen, body_rows, is_missing, visible_rows,
};
use crate::text::{display_width, sanitize_line};

use super::cells::cell;
use super::popup::frame_box;
use super::theme::Theme;

/// Eighths of a cell, bottom up (vertical bars) and left to right.
const UP: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const RIGHT: [char; 9] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

pub fn render(frame: &mut Frame, area: Rect, state: &State, screen: &StatsScreen, theme: &Theme) {
    // The status bar stays in sight under the screen.
    let above = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let page_name = state
        .page_index(&screen.page)
        .map_or_else(|| screen.page.to_string(), |i| state.pages[i].name.clone());
    let title = format!("Stats: {}", sanitize_line(&page_name));
    let inner = frame_box(frame, above, above.width, above.height, &title, theme);
    if inner.width < 8 || inner.height < 4 {
        return;
    }
    let width = inner.width as usize;
    let entry = state.stats.get(&screen.page, screen.period);
    let stats = entry.and_then(|e| e.stats.as_deref());
    let tz = &state.settings.tz;
    let row = |i: u16, h: u16| Rect {
        y: inner.y + i,
        height: h,
        ..inner
    };
    frame.render_widget(
        Paragraph::new(period_line(state, screen, entry, width, theme)),
        row(0, 1),
    );
    let totals = stats.map_or_else(String::new, |s| totals_text(s, width));
    frame.render_widget(
        Paragraph::new(Line::styled(cell(&totals, width), theme.base())),
        row(1, 1),
    );
    let body = row(2, inner.height - 3);
    let visible = visible_rows(area.height).min(body.height as usize);
    let (scroll, rows) = match stats {
        Some(s) => {
            let g = Geometry::of(area.width, area.height);
            let rows = body_rows(s, g);
            let scroll = screen.scroll.min(rows.saturating_sub(visible));
            draw_body(frame, body, s, g, scroll, tz, theme);
            (scroll, rows)
        }
        None => {
            draw_pending(frame, body, screen.period, entry, theme);
            (0, 0)
        }
    };
    let keymap = &state.settings.keymap;
    let mut hints: Vec<(&[StatsKey], &str)> = vec![
        (&[StatsKey::PrevPeriod, StatsKey::NextPeriod][..], "period"),
        (&[StatsKey::Reload], "ask Pancake again"),
    ];
    let scrolls = rows > visible;
    if scrolls {
        hints.push((&[StatsKey::Down, StatsKey::Up], "scroll"));
    }
    hints.push((&[StatsKey::Close], "close"));
    let mut hint = keymap.hint_line(&hints);
    if scrolls {
        hint = format!(
            "rows {}–{} of {rows} · {hint}",
            scroll + 1,
            (scroll + visible).min(rows)
        );
    }
    frame.render_widget(
        Paragraph::new(Line::styled(cell(&hint, width), theme.dim())),
        row(inner.height - 1, 1),
    );
}

/// `today  [7 d]  30 d   21/11 14:03 – 28/11 14:03 · asking Pancake…`
fn period_line(
    state: &State,
    screen: &StatsScreen,
    entry: Option<&StatsEntry>,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for p in PeriodKind::ALL {
        // Brackets too: the choice shows without colours or reverse video.
        let (label, style) = if p == screen.period {
            (format!("[{}]", p.label()), theme.selected())
        } else {
            (format!(" {} ", p.label()), theme.dim())
        };
        used += display_width(&label) + 1;
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    let tz = &state.settings.tz;
    let (since, until) = match entry.and_then(|e| e.stats.as_deref()) {
        Some(s) => (s.since, s.until),
        None => {
            let p = screen.period.period(state.now, tz);
            (p.since, p.until)
        }
    };
    let mut what = format!(
        "  {} – {}",
        local(since, tz, "%d/%m %H:%M"),
        local(until, tz, "%d/%m %H:%M")
    );
    let mut style = theme.base();
    if let Some(e) = entry {
        if e.loading {
            what.push_str(" · asking Pancake…");
        } else if let (Some(err), Some(_)) = (&e.error, &e.stats) {
            what.push_str(&format!(
                " · asking again failed: {} (r tries again)",
                sanitize_line(err)
            ));
            style = theme.error();
        }
    }
    spans.push(Span::styled(cell(&what, width.saturating_sub(used)), style));
    Line::from(spans)
}

fn local(t: UnixSeconds, tz: &TimeZone, f: &str) -> String {
    jiff::Timestamp::from_second(t.0)
        .map(|ts| ts.to_zoned(tz.clone()).strftime(f).to_string())
        .unwrap_or_default()
}

/// The sums of the page statistics, each figure only if Pancake gave it;
/// in short words when the long ones do not fit `width`.
fn totals_text(s: &PageStats, width: usize) -> String {
    let t = &s.totals;
    let n = |v: Option<u64>| v.map_or("-".to_owned(), |n| n.to_string());
    let pairs = [
        (
            t.customer_inbox,
            t.customer_comment,
            "customer messages",
            "customers",
        ),
        (t.page_inbox, t.page_comment, "page replies", "page"),
    ];
    let given = |(a, b, _, _): &(Option<u64>, Option<u64>, &str, &str)| a.is_some() || b.is_some();
    let long: Vec<String> = t
        .new_customers
        .map(|v| format!("new customers {v}"))
        .into_iter()
        .chain(
            pairs
                .iter()
                .filter(|p| given(p))
                .map(|(a, b, what, _)| format!("{what} {} inbox, {} comments", n(*a), n(*b))),
        )
        .chain(t.phone_numbers.map(|v| format!("phone numbers {v}")))
        .collect();
    if long.is_empty() {
        return format!("totals: {}", not_given(s, "page statistics"));
    }
    let long = long.join(" · ");
    if display_width(&long) <= width {
        return long;
    }
    let mut pair_words: Vec<String> = pairs
        .iter()
        .filter(|p| given(p))
        .map(|(a, b, _, what)| format!("{what} {}+{}", n(*a), n(*b)))
        .collect();
    if let Some(last) = pair_words.last_mut() {
        last.push_str(" (inbox+comments)");
    }
    t.new_customers
        .map(|v| format!("new {v}"))
        .into_iter()
        .chain(pair_words)
        .chain(t.phone_numbers.map(|v| format!("phones {v}")))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "not given by Pancake", with the reason when one was given.
fn not_given(s: &PageStats, part: &str) -> String {
    match s.unavailable.iter().find(|(p, _)| p == part) {
        Some((_, why)) => format!("not given by Pancake: {}", sanitize_line(why)),
        None => "not given by Pancake".into(),
    }
}

/// Nothing to show yet: on its way, or why not and what to do.
fn draw_pending(
    frame: &mut Frame,
    body: Rect,
    period: PeriodKind,
    entry: Option<&StatsEntry>,
    theme: &Theme,
) {
    let lines = match entry {
        Some(StatsEntry {
            error: Some(err),
            loading: false,
            ..
        }) => vec![
            Line::raw(""),
            Line::styled(
                format!("Pancake did not give the figures: {}", sanitize_line(err)),
                theme.error(),
            ),
            Line::raw(""),
            Line::raw("r asks again; Esc closes (the inbox works meanwhile)."),
        ],
        _ => vec![
            Line::raw(""),
            Line::styled(
                format!(
                    "Asking Pancake for the figures of {}… (behind your actions and the list)",
                    match period {
                        PeriodKind::Today => "today",
                        PeriodKind::Week => "the last 7 days",
                        PeriodKind::Month => "the last 30 days",
                    }
                ),
                theme.dim(),
            ),
        ],
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}

fn draw_body(
    frame: &mut Frame,
    body: Rect,
    s: &PageStats,
    g: Geometry,
    scroll: usize,
    tz: &TimeZone,
    theme: &Theme,
) {
    let columns: Vec<(Rect, Vec<Part>)> = if g.wide {
        let left_w = body.width.saturating_sub(3) / 2;
        let left = Rect {
            width: left_w,
            ..body
        };
        let right = Rect {
            x: body.x + left_w + 3,
            width: body.width.saturating_sub(left_w + 3),
            ..body
        };
        let (l, r): (Vec<Part>, Vec<Part>) = Part::ALL.into_iter().partition(|p| p.left_column());
        vec![(left, l), (right, r)]
    } else {
        vec![(body, Part::ALL.to_vec())]
    };
    for (rect, parts) in columns {
        let w = rect.width as usize;
        let mut lines: Vec<Line> = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                lines.push(Line::raw(""));
            }
            lines.extend(part_lines(s, *part, w, g, tz, theme));
        }
        let shown: Vec<Line> = lines
            .into_iter()
            .skip(scroll)
            .take(rect.height as usize)
            .collect();
        frame.render_widget(Paragraph::new(shown), rect);
    }
}

/// A part's rows, its title first: exactly `part_rows` of them.
fn part_lines(
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

/// Rows of vertical bars, the top row first: value `i` a bar `widths[i]`
/// columns wide followed by `gap` blank ones, scaled to the largest over
/// `rows` rows in eighths (anything above zero shows at least an eighth;
/// `None` draws nothing).
pub fn vertical_bars(
    values: &[Option<u64>],
    widths: &[usize],
    gap: usize,
    rows: usize,
) -> Vec<String> {
    let max = values.iter().flatten().copied().max().unwrap_or(0).max(1);
    let levels = (rows * 8) as u64;
    let heights: Vec<u64> = values
        .iter()
        .map(|v| match v {
            Some(0) | None => 0,
            Some(v) => (v.saturating_mul(levels).div_ceil(max)).clamp(1, levels),
        })
        .collect();
    (0..rows)
        .map(|r| {
            let floor = ((rows - 1 - r) * 8) as u64;
            let mut line = String::new();
            for (h, w) in heights.iter().zip(widths) {
                let fill = h.saturating_sub(floor).min(8) as usize;
                line.extend(std::iter::repeat_n(UP[fill], *w));
                line.extend(std::iter::repeat_n(' ', gap));
            }
            line
        })
        .collect()
}

/// `n` columns of `w` shared out, the rounding spread over them (each at
/// least 1): the widths, and where each starts.
fn spread(n: usize, w: usize) -> (Vec<usize>, Vec<usize>) {
    let w = w.max(n);
    let starts: Vec<usize> = (0..n).map(|i| i * w / n).collect();
    let widths = (0..n).map(|i| (i + 1) * w / n - i * w / n).collect();
    (widths, starts)
}

/// A horizontal bar `value / max` of `width` columns, in eighths.
fn horizontal_bar(value: u64, max: u64, width: usize) -> String {
    let eighths = (value.saturating_mul(width as u64 * 8))
        .checked_div(max)
        .unwrap_or(0) as usize;
    let eighths = if value > 0 { eighths.max(1) } else { 0 };
    let mut s: String = std::iter::repeat_n('█', eighths / 8).collect();
    if eighths % 8 > 0 {
        s.push(RIGHT[eighths % 8]);
    }
    s
}

/// Text placed at columns of a row `w` wide, each only where it does not
/// touch the one before.
fn placed(items: impl IntoIterator<Item = (usize, String)>, w: usize) -> String {
    let mut row = String::new();
    let mut end = 0;
    for (x, text) in items {
        let tw = display_width(&text);
        if (x > 0 && x <= end) || x + tw > w {
            continue;
        }
        row.push_str(&" ".repeat(x - end));
        row.push_str(&text);
        end = x + tw;
    }
    row
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
        let name = if t.name.is_empty() {
            t.tag_id
                .as_ref()
                .map_or("(no name)".into(), |i| i.to_string())
        } else {
            sanitize_line(&t.name)
        };
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

/// Each staff member: conversations handled, messages sent, the average
/// first reply; most handled first.
fn staff(s: &PageStats, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    const FIGURES: usize = 9 + 9 + 13;
    let name_w = w.saturating_sub(FIGURES).max(6);
    let mut rows: Vec<&StaffFigures> = s.staff.iter().collect();
    rows.sort_by(|a, b| b.handled.cmp(&a.handled).then_with(|| a.name.cmp(&b.name)));
    let opt = |n: Option<u64>| n.map_or("-".to_owned(), |n| n.to_string());
    let mut lines = vec![
        Line::styled(
            cell(&format!("Staff · {} (users statistics)", s.staff.len()), w),
            theme.title(),
        ),
        Line::styled(
            cell(
                &format!(
                    "{}{:>9}{:>9}{:>13}",
                    cell("name", name_w),
                    "handled",
                    "sent",
                    "first reply"
                ),
                w,
            ),
            theme.dim(),
        ),
    ];
    for u in rows {
        let name = if u.name.is_empty() {
            u.user_id
                .as_ref()
                .map_or("(no name)".into(), |i| i.to_string())
        } else {
            sanitize_line(&u.name)
        };
        let figures = format!(
            "{:>9}{:>9}{:>13}",
            opt(u.handled),
            opt(u.messages_sent),
            u.avg_first_response_secs
                .map_or("-".to_owned(), human_duration)
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

    #[test]
    fn bars_scale_to_the_largest_in_eighths_and_show_any_nonzero() {
        let rows = vertical_bars(&[Some(8), Some(4), Some(1), Some(0), None], &[1; 5], 1, 1);
        assert_eq!(rows, vec!["█ ▄ ▁     "]);
        let two = vertical_bars(&[Some(16), Some(12)], &[2, 3], 0, 2);
        assert_eq!(two, vec!["██▄▄▄", "█████"]);
        assert_eq!(spread(3, 10), (vec![3, 3, 4], vec![0, 3, 6]));
        assert_eq!(spread(24, 10).0, vec![1; 24], "at least a column each");
        assert_eq!(horizontal_bar(5, 10, 4), "██");
        assert_eq!(horizontal_bar(1, 1000, 4), "▏");
        assert_eq!(horizontal_bar(0, 0, 4), "");
        assert_eq!(
            placed([(0, "01".into()), (1, "02".into()), (3, "03".into())], 10),
            "01 03"
        );
    }

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
