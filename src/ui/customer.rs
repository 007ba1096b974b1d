//! The customer panel (`c`): name, phones, first contact, last order note,
//! their tags and the page's other conversations with them. Everything
//! from the API goes through the sanitizer and is cut to the width.

use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::api::Conversation;
use crate::api::customers::conversations_of;
use crate::app::State;
use crate::text::sanitize_line;

use super::cells::cell;
use super::pane::pane;
use super::theme::Theme;

fn day(state: &State, t: crate::api::UnixSeconds) -> String {
    t.local(&state.settings.tz, "%Y-%m-%d").unwrap_or_default()
}

pub fn render(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let inner = pane(frame, area, false, " Customer ", theme);
    let w = inner.width as usize;
    let Some(conv) = state.thread.as_ref().and_then(|t| state.convs.get(&t.conv)) else {
        return;
    };
    let mut lines: Vec<Line> = Vec::new();
    let Some(id) = conv.customer.id.as_deref() else {
        lines.push(Line::styled(
            cell("Pancake gave no customer id for this conversation", w),
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    };
    let card = state.customers.get(&(conv.page_id.clone(), id.to_owned()));
    let record = card.and_then(|c| c.customer.as_ref());
    let name = record.map_or(conv.customer.name.as_str(), |c| c.customer.name.as_str());
    lines.push(Line::styled(cell(&sanitize_line(name), w), theme.bold()));
    let mut phones: Vec<String> = record.map(|c| c.phones.clone()).unwrap_or_default();
    for p in &conv.phones {
        if !phones.contains(p) {
            phones.push(p.clone());
        }
    }
    // A list of values, "—" for none.
    let row = |label: &str, values: &[String]| {
        let value = if values.is_empty() {
            "—".to_owned()
        } else {
            values.join(", ")
        };
        Line::from(vec![
            ratatui::text::Span::styled(cell(label, 8), theme.dim()),
            ratatui::text::Span::raw(cell(&sanitize_line(&value), w.saturating_sub(8))),
        ])
    };
    lines.push(row("phones", &phones));
    // Loaded conversations first, the server's after (each once).
    let items = &state.convs.items;
    let mut others: Vec<&Conversation> = conversations_of(items, id, Some(&conv.id))
        .into_iter()
        .filter(|c| c.page_id == conv.page_id)
        .collect();
    if let Some(card) = card {
        for c in &card.others {
            if !others.iter().any(|o| o.id == c.id) {
                others.push(c);
            }
        }
    }
    let mut tags = BTreeSet::new();
    for c in std::iter::once(conv).chain(others.iter().copied()) {
        for t in &c.tags {
            if let Some(tag) = state.tag_of(c, t) {
                tags.insert(sanitize_line(&tag.name));
            }
        }
    }
    let tags: Vec<String> = tags.into_iter().collect();
    lines.push(row("tags", &tags));
    match card {
        Some(c) if c.loading => lines.push(Line::styled("loading the customer…", theme.dim())),
        Some(c) if c.error.is_some() => {
            let e = c.error.as_deref().unwrap_or_default();
            lines.push(Line::styled(
                cell(&format!("! not loaded: {}", sanitize_line(e)), w),
                theme.error(),
            ));
            lines.push(Line::styled(
                cell("c twice to try again; the thread works without it", w),
                theme.dim(),
            ));
        }
        _ => {
            let first = record
                .and_then(|r| r.first_contact)
                .map_or("—".into(), |t| day(state, t));
            lines.push(row("first", &[first]));
            let note = record
                .and_then(|r| r.last_order_note())
                .map_or("—".into(), |n| n.message.clone());
            lines.push(row("order", &[note]));
            if card.is_some_and(|c| c.searched) && record.is_none() {
                lines.push(Line::styled(
                    cell("not in page_customers (last 365 days)", w),
                    theme.dim(),
                ));
            }
        }
    }
    lines.push(Line::styled(
        cell(&format!("other conversations: {}", others.len()), w),
        theme.accent(),
    ));
    for c in others {
        let when = c.updated_at.map_or(String::new(), |t| day(state, t));
        let text = format!(
            "{} {} {}",
            when,
            c.kind.as_wire().to_lowercase(),
            sanitize_line(&c.snippet)
        );
        lines.push(Line::raw(cell(&text, w)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
