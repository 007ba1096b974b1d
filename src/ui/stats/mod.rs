//! The stats screen (`S`): the period line, the page's totals, then new
//! customers per day (bars), engagement by hour (a sparkline), conversations
//! by tag (counts with bars) and the staff's figures; one column scrolled
//! with j/k on a small terminal, two columns from `app::stats::WIDE`.
//! This file draws the box, the period and totals lines, the hints and
//! what shows before the figures come; `parts` draws the four parts.

use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::api::UnixSeconds;
use crate::api::stats::PageStats;
use crate::app::State;
use crate::app::keys::StatsKey;
use crate::app::stats::{
    Geometry, Part, PeriodKind, StatsEntry, StatsScreen, body_rows, figure, not_given, visible_rows,
};
use crate::i18n::{Lang, tr, tr_with};
use crate::text::{display_width, sanitize_line};

mod parts;

use super::cells::cell;
use super::popup::frame_box;
use super::theme::Theme;
use parts::part_lines;

pub fn render(frame: &mut Frame, area: Rect, state: &State, screen: &StatsScreen, theme: &Theme) {
    // The status bar stays in sight under the screen.
    let above = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let page_name = state
        .page_index(&screen.page)
        .map_or_else(|| screen.page.to_string(), |i| state.pages[i].name.clone());
    let lang = state.settings.lang;
    let title = tr_with(
        lang,
        "stats-title",
        &[("page", sanitize_line(&page_name).into())],
    );
    let inner = frame_box(frame, above, above.width, above.height, &title, theme);
    if inner.width < 8 || inner.height < 4 {
        return;
    }
    let width = inner.width as usize;
    let entry = state.stats.get(&screen.page, screen.period);
    let stats = entry.and_then(|e| e.stats.as_deref());
    let row = |i: u16, h: u16| Rect {
        y: inner.y + i,
        height: h,
        ..inner
    };
    frame.render_widget(
        Paragraph::new(period_line(state, screen, entry, width, theme)),
        row(0, 1),
    );
    let totals = stats.map_or_else(String::new, |s| totals_text(lang, s, width));
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
            draw_body(frame, body, s, g, scroll, state, theme);
            (scroll, rows)
        }
        None => {
            draw_pending(frame, body, state, screen.period, entry, theme);
            (0, 0)
        }
    };
    let keymap = &state.settings.keymap;
    let words = |id: &str| tr(lang, id);
    let (period, reload, scroll_word, close) = (
        words("stats-hint-period"),
        words("stats-hint-reload"),
        words("stats-hint-scroll"),
        words("hint-close"),
    );
    let mut hints: Vec<(&[StatsKey], &str)> = vec![
        (&[StatsKey::PrevPeriod, StatsKey::NextPeriod][..], &period),
        (&[StatsKey::Reload], &reload),
    ];
    let scrolls = rows > visible;
    if scrolls {
        hints.push((&[StatsKey::Down, StatsKey::Up], &scroll_word));
    }
    hints.push((&[StatsKey::Close], &close));
    let mut hint = keymap.hint_line(&hints);
    if scrolls {
        hint = tr_with(
            lang,
            "stats-rows",
            &[
                ("first", (scroll + 1).into()),
                ("last", (scroll + visible).min(rows).into()),
                ("total", rows.into()),
                ("hints", hint.into()),
            ],
        );
    }
    frame.render_widget(
        Paragraph::new(Line::styled(cell(&hint, width), theme.dim())),
        row(inner.height - 1, 1),
    );
}

/// `today  [7 d]  30 d   21/11 14:03 – 28/11 14:03 · asking Pancake…`
/// (dd/mm and a 24-hour clock in both languages).
fn period_line(
    state: &State,
    screen: &StatsScreen,
    entry: Option<&StatsEntry>,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let lang = state.settings.lang;
    let mut spans = Vec::new();
    let mut used = 0;
    for p in PeriodKind::ALL {
        // Brackets too: the choice shows without colours or reverse video.
        let (label, style) = if p == screen.period {
            (format!("[{}]", p.label(lang)), theme.selected())
        } else {
            (format!(" {} ", p.label(lang)), theme.dim())
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
            what.push_str(" · ");
            what.push_str(&tr(lang, "stats-asking"));
        } else if let (Some(err), Some(_)) = (&e.error, &e.stats) {
            what.push_str(" · ");
            what.push_str(&tr_with(
                lang,
                "stats-asking-again-failed",
                &[
                    ("error", sanitize_line(err).into()),
                    ("key", reload_key(state).into()),
                ],
            ));
            style = theme.error();
        }
    }
    spans.push(Span::styled(cell(&what, width.saturating_sub(used)), style));
    Line::from(spans)
}

/// The key that asks Pancake again, as the hints name it.
fn reload_key(state: &State) -> String {
    state
        .settings
        .keymap
        .hint(StatsKey::Reload)
        .unwrap_or_else(|| "r".into())
}

fn local(t: UnixSeconds, tz: &TimeZone, f: &str) -> String {
    t.local(tz, f).unwrap_or_default()
}

/// The sums of the page statistics, each figure only if Pancake gave it;
/// in short words when the long ones do not fit `width`.
fn totals_text(lang: Lang, s: &PageStats, width: usize) -> String {
    let t = &s.totals;
    let n = |v: Option<u64>| figure(lang, v);
    let count = |id: &str, v: u64| tr_with(lang, id, &[("count", v.into())]);
    let pair = |id: &str, inbox: Option<u64>, comments: Option<u64>| {
        tr_with(
            lang,
            id,
            &[("inbox", n(inbox).into()), ("comments", n(comments).into())],
        )
    };
    let pairs = [
        (
            t.customer,
            "stats-totals-customer",
            "stats-totals-customer-short",
        ),
        (t.page, "stats-totals-page", "stats-totals-page-short"),
    ];
    let pairs: Vec<_> = pairs.into_iter().filter(|(f, _, _)| f.given()).collect();
    let long: Vec<String> = t
        .new_customers
        .map(|v| count("stats-totals-new", v))
        .into_iter()
        .chain(
            pairs
                .iter()
                .map(|(f, long, _)| pair(long, f.inbox, f.comments)),
        )
        .chain(t.phone_numbers.map(|v| count("stats-totals-phones", v)))
        .collect();
    if long.is_empty() {
        let why = not_given(lang, s, "page statistics");
        return tr_with(lang, "stats-totals-none", &[("why", why.into())]);
    }
    let long = long.join(" · ");
    if display_width(&long) <= width {
        return long;
    }
    let mut pair_words: Vec<String> = pairs
        .iter()
        .map(|(f, _, short)| pair(short, f.inbox, f.comments))
        .collect();
    if let Some(last) = pair_words.last_mut() {
        last.push(' ');
        last.push_str(&tr(lang, "stats-totals-short-legend"));
    }
    t.new_customers
        .map(|v| count("stats-totals-new-short", v))
        .into_iter()
        .chain(pair_words)
        .chain(
            t.phone_numbers
                .map(|v| count("stats-totals-phones-short", v)),
        )
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Nothing to show yet: on its way, or why not and what to do.
fn draw_pending(
    frame: &mut Frame,
    body: Rect,
    state: &State,
    period: PeriodKind,
    entry: Option<&StatsEntry>,
    theme: &Theme,
) {
    let lang = state.settings.lang;
    let lines = match entry {
        Some(StatsEntry {
            error: Some(err),
            loading: false,
            ..
        }) => vec![
            Line::raw(""),
            Line::styled(
                tr_with(
                    lang,
                    "stats-failed",
                    &[("error", sanitize_line(err).into())],
                ),
                theme.error(),
            ),
            Line::raw(""),
            Line::raw(tr_with(
                lang,
                "stats-failed-hint",
                &[
                    ("reload", reload_key(state).into()),
                    (
                        "close",
                        state
                            .settings
                            .keymap
                            .hint(StatsKey::Close)
                            .unwrap_or_else(|| "Esc".into())
                            .into(),
                    ),
                ],
            )),
        ],
        _ => vec![
            Line::raw(""),
            Line::styled(
                tr(
                    lang,
                    match period {
                        PeriodKind::Today => "stats-pending-today",
                        PeriodKind::Week => "stats-pending-week",
                        PeriodKind::Month => "stats-pending-month",
                    },
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
    state: &State,
    theme: &Theme,
) {
    let (lang, tz) = (state.settings.lang, &state.settings.tz);
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
            lines.extend(part_lines(s, *part, w, g, lang, tz, theme));
        }
        let shown: Vec<Line> = lines
            .into_iter()
            .skip(scroll)
            .take(rect.height as usize)
            .collect();
        frame.render_widget(Paragraph::new(shown), rect);
    }
}
