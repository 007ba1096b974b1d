//! The conversation list: view tabs, the filter/search line, and one row per
//! visible conversation. Only the rows on screen are built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::api::{Conversation, ConversationType};
use crate::app::actions::ActionStatus;
use crate::app::keys::Command;
use crate::app::{Focus, Scope, State};
use crate::i18n::{Lang, tr, tr_with};
use crate::text::{display_width, sanitize_line, truncate};

use super::cells::cell;
use super::pane::pane;
use super::theme::Theme;

/// Column widths of a row for an inner width.
struct Columns {
    /// The page's name, in the All pages view (0: not shown).
    page: usize,
    name: usize,
    snippet: usize,
    tags: usize,
}

/// Fixed columns: marks (2), spaces, assignee (3), time (3), type (1), status (1).
const FIXED: usize = 2 + 1 + 1 + 3 + 1 + 3 + 1 + 1 + 1;

fn columns(width: usize, with_page: bool) -> Columns {
    let mut rest = width.saturating_sub(FIXED);
    let page = if with_page && rest >= 40 {
        (rest / 5).clamp(6, 14)
    } else {
        0
    };
    rest = rest.saturating_sub(if page > 0 { page + 1 } else { 0 });
    let name = (rest * 2 / 5).clamp(8, 22).min(rest);
    let after_name = rest.saturating_sub(name + 1);
    let tags = if after_name >= 30 {
        14
    } else if after_name >= 20 {
        8
    } else {
        0
    };
    let snippet = after_name.saturating_sub(if tags > 0 { tags + 1 } else { 0 });
    Columns {
        page,
        name,
        snippet,
        tags,
    }
}

pub fn render(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lang = state.settings.lang;
    let focused = state.focus == Focus::List && state.overlay.is_none();
    let (label, unread) = match state.scope {
        Scope::Page(p) => {
            let id = &state.pages[p].id;
            let unread = if state.multi_page() {
                state.convs.unread_of(id)
            } else {
                state.convs.unread()
            };
            (sanitize_line(&state.pages[p].name), unread)
        }
        Scope::All => (
            tr_with(
                lang,
                "list-all-pages",
                &[("pages", state.pages.len().into())],
            ),
            state.convs.unread(),
        ),
    };
    let shown =
        (state.search.is_active() || !state.filter().is_empty()).then_some(state.visible.len());
    let title = list_title(
        lang,
        &label,
        unread,
        shown,
        area.width.saturating_sub(2) as usize,
    );
    let inner = pane(
        frame,
        area,
        focused,
        Span::styled(title, theme.title()),
        theme,
    );
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = inner.width as usize;
    let mut lines: Vec<Line> = vec![tabs(state, width, theme), info_line(state, width, theme)];
    let rows = inner.height.saturating_sub(2) as usize;
    if state.visible.is_empty() {
        lines.push(Line::styled(empty_text(state), theme.dim()));
    }
    let q = if state.search.is_active() {
        state.search.folded()
    } else {
        String::new()
    };
    let cols = columns(width, state.multi_page() && state.scope == Scope::All);
    let offset = state.offset.min(state.visible.len());
    for (pos, &i) in state.visible.iter().enumerate().skip(offset).take(rows) {
        let c = state.convs.at(i);
        let line = row(state, &c, &cols, &q, theme);
        lines.push(if pos == state.selected {
            line.patch_style(theme.selected())
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// ` Tiệm Bánh · 35 unread · 12 shown `, fitted to `width`: the page name
/// gives way first, then the words; the counts stay whole.
fn list_title(
    lang: Lang,
    label: &str,
    unread: usize,
    shown: Option<usize>,
    width: usize,
) -> String {
    let unread = tr_with(lang, "list-unread", &[("unread", unread.into())]);
    let long = match shown {
        Some(n) => {
            let shown = tr_with(lang, "list-shown", &[("shown", n.into())]);
            format!(" · {unread} · {shown} ")
        }
        None => format!(" · {unread} "),
    };
    let room = width.saturating_sub(display_width(&long) + 1);
    if room >= 6 || (room > 0 && display_width(label) <= room) {
        return format!(" {}{long}", truncate(label, room));
    }
    format!(" {}", long.trim_start_matches(" · "))
}

fn empty_text(state: &State) -> String {
    let lang = state.settings.lang;
    let sync = state.sync_summary();
    if state.search.is_active() {
        let query = sanitize_line(&state.search.query);
        tr_with(lang, "list-no-match", &[("query", query.into())])
    } else if sync.loading || sync.filtering {
        tr(lang, "list-loading")
    } else if sync.error.is_some() && state.convs.is_empty() {
        tr(lang, "list-nothing-loaded")
    } else if !state.filter().is_empty() {
        tr(lang, "list-view-empty")
    } else {
        tr(lang, "list-empty")
    }
}

/// `1 All 3000  2 Unread 412  3 Mine 50 …`. When they do not all fit, the
/// current one is always shown and `‹N` / `N›` say how many are cut off on
/// each side.
fn tabs(state: &State, width: usize, theme: &Theme) -> Line<'static> {
    let labels: Vec<String> = state
        .tabs
        .views
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let count = state.tabs.counts.get(i).copied().unwrap_or(0);
            format!("{} {} {} ", i + 1, sanitize_line(&v.name), count)
        })
        .collect();
    let widths: Vec<usize> = labels.iter().map(|l| display_width(l)).collect();
    let n = labels.len();
    let fits = |from: usize, to: usize| {
        let marks = if from > 0 { 3 } else { 0 } + if to < n { 3 } else { 0 };
        widths[from..to].iter().sum::<usize>() + marks <= width
    };
    // The widest window [from, to) that holds the current view.
    let current = state.tabs.active.min(n.saturating_sub(1));
    let mut from = 0;
    while from < current && !fits(from, current + 1) {
        from += 1;
    }
    let mut to = from;
    while to < n && fits(from, to + 1) {
        to += 1;
    }
    let mut spans = Vec::new();
    if from > 0 {
        spans.push(Span::styled(format!("‹{from} "), theme.dim()));
    }
    for (i, label) in labels.into_iter().enumerate().take(to).skip(from) {
        let style = if i == state.tabs.active && state.custom_filter.is_none() {
            theme.selected()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(label, style));
    }
    if to < n {
        spans.push(Span::styled(format!("{}›", n - to), theme.dim()));
    }
    Line::from(spans)
}

/// The search line while searching, else the active filter.
fn info_line(state: &State, width: usize, theme: &Theme) -> Line<'static> {
    let lang = state.settings.lang;
    if state.search.editing || state.search.is_active() {
        let cursor = if state.search.editing { "▏" } else { "" };
        let mut text = format!("/{}{cursor}", sanitize_line(&state.search.query));
        if let Some(scan) = &state.search.scan {
            let percent = scan.percent().into();
            text.push_str("  ");
            text.push_str(&tr_with(lang, "list-searching", &[("percent", percent)]));
        }
        return Line::styled(cell(&text, width), theme.accent());
    }
    let f = state.filter();
    // A filter going through a long list in steps.
    let progress = state.search.scan.as_ref().map_or(String::new(), |s| {
        let percent = s.percent().into();
        format!(
            " · {}",
            tr_with(lang, "list-filtering", &[("percent", percent)])
        )
    });
    let marked = || tr_with(lang, "list-marked", &[("marked", state.marks.len().into())]);
    if f.is_empty() {
        let marks = if state.marks.is_empty() {
            String::new()
        } else {
            format!("{} · ", marked())
        };
        let (filter, search) = (tr(lang, "hint-filter"), tr(lang, "hint-search"));
        let hints = state
            .settings
            .keymap
            .hints(&[(Command::Filter, &filter), (Command::Search, &search)]);
        let text = format!("{marks}{hints}{progress}");
        return Line::styled(cell(&text, width), theme.dim());
    }
    // Unknown tag ids appear as themselves: ids come from the API too.
    let summary = sanitize_line(&f.summary(&state.all_staff()));
    let mut text = tr_with(lang, "list-filter", &[("summary", summary.into())]);
    if state.scoped_pages().any(|p| state.pages[p].sync.filtering) {
        text.push(' ');
        text.push_str(&tr(lang, "list-fetching"));
    }
    text.push_str(&progress);
    if !state.marks.is_empty() {
        text = format!("{} · {text}", marked());
    }
    if let Some(k) = state.settings.keymap.hint(Command::ClearFilter) {
        let clears = tr_with(lang, "list-clears", &[("key", k.into())]);
        text.push_str(&format!(" · {clears}"));
    }
    Line::styled(cell(&text, width), theme.warn())
}

/// First letters of the first and last words (`Nguyễn Thị Phương` → `NP`:
/// the Vietnamese given name comes last).
fn initials(name: &str) -> String {
    let letters: Vec<char> = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .collect();
    let pick = match letters.as_slice() {
        [] => vec![],
        [one] => vec![*one],
        [first, .., last] => vec![*first, *last],
    };
    pick.into_iter().flat_map(char::to_uppercase).collect()
}

fn row<'a>(state: &State, c: &Conversation, cols: &Columns, q: &str, theme: &Theme) -> Line<'a> {
    let unread = !c.seen;
    let base = if unread { theme.bold() } else { theme.base() };
    let mut spans: Vec<Span> = Vec::with_capacity(16);
    let mark = if state.marks.contains(&c.id) {
        "*"
    } else {
        " "
    };
    spans.push(Span::styled(mark.to_string(), theme.warn()));
    spans.push(Span::styled(
        if unread { "●" } else { " " }.to_string(),
        theme.accent(),
    ));
    spans.push(Span::raw(" "));
    let page = state.page_of(c);
    if cols.page > 0 {
        spans.push(Span::styled(
            cell(&sanitize_line(&page.short), cols.page),
            theme.dim(),
        ));
        spans.push(Span::raw(" "));
    }
    spans.extend(name_spans(&c.customer.name, cols.name, q, base, theme));
    spans.push(Span::raw(" "));
    match state.snoozes.get(&c.id) {
        // A snoozed row (the Snoozed view) says when it comes back.
        Some(r) => {
            let lang = state.settings.lang;
            let due = crate::app::snooze::due_label(r.due, &state.settings.tz, lang);
            let due = format!(
                "{} · ",
                crate::i18n::tr_with(lang, "time-until", &[("due", due.into())])
            );
            let due = cell(&due, cols.snippet);
            let rest = cols.snippet.saturating_sub(display_width(&due));
            spans.push(Span::styled(due, theme.warn()));
            spans.push(Span::styled(cell(&c.snippet, rest), theme.dim()));
        }
        None => spans.push(Span::styled(
            cell(&c.snippet, cols.snippet),
            if unread { base } else { theme.dim() },
        )),
    }
    if cols.tags > 0 {
        spans.push(Span::raw(" "));
        spans.extend(tag_spans(state, c, cols.tags, theme));
    }
    spans.push(Span::raw(" "));
    let who = match c.assignee_ids.as_slice() {
        [] => String::new(),
        [one] => page
            .staff
            .find(one)
            .map(|u| initials(&u.name))
            .unwrap_or_else(|| "?".into()),
        [one, ..] => {
            let first = page
                .staff
                .find(one)
                .map(|u| initials(&u.name))
                .unwrap_or_default();
            format!("{}+", first.chars().next().unwrap_or('?'))
        }
    };
    spans.push(Span::styled(cell(&who, 3), theme.accent()));
    spans.push(Span::raw(" "));
    let age = c
        .updated_at
        .map(|t| crate::app::times::age(t, state.now, state.settings.lang))
        .unwrap_or_default();
    spans.push(Span::styled(format!("{age:>3}"), theme.dim()));
    spans.push(Span::raw(" "));
    let kind = match c.kind {
        ConversationType::Inbox => "I",
        ConversationType::Comment => "C",
        ConversationType::Livestream => "L",
        ConversationType::Other(_) => "?",
    };
    spans.push(Span::styled(kind.to_string(), theme.dim()));
    spans.push(status_span(state, c, theme));
    Line::from(spans)
}

/// Pending `…`, failed `!`, confirmed by a bulk action `✓`.
fn status_span(state: &State, c: &Conversation, theme: &Theme) -> Span<'static> {
    let mut pending = false;
    for a in state.actions.for_conversation(&c.id) {
        if matches!(a.status, ActionStatus::Failed(_)) {
            return Span::styled("!", theme.error());
        }
        pending = true;
    }
    if pending {
        Span::styled("…", theme.warn())
    } else if state
        .bulk
        .as_ref()
        .is_some_and(|b| b.confirmed.contains(&c.id))
    {
        Span::styled("✓", theme.ok())
    } else {
        Span::raw(" ")
    }
}

/// The name cut to `width`, with the search's matched characters highlighted.
fn name_spans<'a>(name: &str, width: usize, q: &str, base: Style, theme: &Theme) -> Vec<Span<'a>> {
    let shown = cell(name, width);
    let positions = crate::app::search::name_positions(q, &shown);
    super::cells::highlighted(&shown, &positions, base, theme.highlight())
}

/// Tag chips in their colours, `+2` when they do not all fit, padded to `width`.
fn tag_spans(state: &State, c: &Conversation, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (n, id) in c.tags.iter().enumerate() {
        let (name, color) = state
            .tag_of(c, id)
            .map(|t| (t.name.as_str(), t.color))
            .unwrap_or((id.as_str(), None));
        let name = sanitize_line(name);
        let sep = usize::from(n > 0);
        let left = c.tags.len() - n;
        // Keep room for "+N" when more chips follow.
        let reserve = if left > 1 { 3 } else { 0 };
        let room = width.saturating_sub(used + sep + reserve);
        if room < 3 {
            let more = format!("{}+{left}", " ".repeat(sep));
            if used + display_width(&more) <= width {
                used += display_width(&more);
                spans.push(Span::styled(more, theme.dim()));
            }
            break;
        }
        let chip = truncate(&name, room.min(10)).into_owned();
        if sep > 0 {
            spans.push(Span::raw(" "));
        }
        used += sep + display_width(&chip);
        spans.push(Span::styled(chip, theme.tag(color)));
    }
    spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
    spans
}
