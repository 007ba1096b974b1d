//! The customer panel (`c`): the page customer's record (name, phones,
//! gender, birthday, first contact, recent orders), their tags and who
//! tagged what, their notes, and the page's other conversations with them;
//! and the editor (`C`) over it. Everything from the API goes through the
//! sanitizer and is cut to the width.

use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::api::customers::conversations_of;
use crate::api::{Conversation, TagId};
use crate::app::State;
use crate::app::customer::{
    CustomerEditor, Editing, FIELDS, NoteStatus, ShownNote, gender_words, record, shown_notes,
};
use crate::app::keys::{NoteFormKey, NotesKey};
use crate::i18n::{Lang, tr, tr_with};
use crate::text::sanitize_line;

use super::cells::cell;
use super::pane::pane;
use super::popup::{frame_box, query_line};
use super::theme::Theme;

/// A date as the agent's language writes it (`2027-01-15`, `15/01/2027`).
fn day(state: &State, t: crate::api::UnixSeconds) -> String {
    crate::app::times::date(t, &state.settings.tz, state.settings.lang)
}

/// A tag change's time: month, day and time (the panel is narrow), as
/// the agent's language writes them (`01-15 14:58`, `15/01 14:58`).
fn when(state: &State, t: crate::api::UnixSeconds) -> String {
    crate::app::times::short(t, &state.settings.tz, state.settings.lang)
}

/// Columns of a row's label: wide enough for the Vietnamese ("giới tính").
const LABEL: usize = 11;

/// A label and its values ("—" for none), cut to `w`.
fn row<'a>(label: &str, values: &[String], w: usize, theme: &Theme) -> Line<'a> {
    let value = if values.is_empty() {
        "—".to_owned()
    } else {
        values.join(", ")
    };
    Line::from(vec![
        Span::styled(cell(label, LABEL), theme.dim()),
        Span::raw(cell(&sanitize_line(&value), w.saturating_sub(LABEL))),
    ])
}

/// A note as one line: its state, its first line, its day.
fn note_line<'a>(state: &State, n: &ShownNote, w: usize, theme: &Theme) -> Line<'a> {
    let first = n.text.lines().next().unwrap_or_default();
    let at = n.at.map_or(String::new(), |t| day(state, t));
    let (mark, style) = match &n.status {
        NoteStatus::Saved => ("· ", theme.base()),
        NoteStatus::Saving => ("… ", theme.dim()),
        NoteStatus::Deleting => ("✗ ", theme.dim()),
        NoteStatus::Failed(_) => ("! ", theme.error()),
    };
    let text = format!("{mark}{} {}", at, sanitize_line(first));
    Line::styled(cell(&text, w), style)
}

/// The failure of a note, under it.
fn note_failure<'a>(n: &ShownNote, w: usize, lang: Lang, theme: &Theme) -> Option<Line<'a>> {
    match &n.status {
        NoteStatus::Failed(why) => Some(Line::styled(
            cell(&format!("  {}", sanitize_line(&why.words(lang))), w),
            theme.error(),
        )),
        _ => None,
    }
}

pub fn render(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lang = state.settings.lang;
    let inner = pane(
        frame,
        area,
        false,
        format!(" {} ", tr(lang, "customer-title")),
        theme,
    );
    let w = inner.width as usize;
    let Some(conv) = state.thread.as_ref().and_then(|t| state.convs.get(&t.conv)) else {
        return;
    };
    let conv = &conv;
    let mut lines: Vec<Line> = Vec::new();
    let Some(id) = conv.customer.key() else {
        lines.push(Line::styled(
            cell(&tr(lang, "customer-no-id"), w),
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    };
    let card = state.customers.get(&(conv.page_id.clone(), id.to_owned()));
    let record = record(conv, card);
    let name = record
        .map(|c| c.customer.name.as_str())
        .filter(|n| !n.is_empty())
        .unwrap_or(conv.customer.name.as_str());
    lines.push(Line::styled(cell(&sanitize_line(name), w), theme.bold()));
    let mut phones: Vec<String> = record.map(|c| c.phones.clone()).unwrap_or_default();
    for p in &conv.phones {
        if !phones.contains(p) {
            phones.push(p.clone());
        }
    }
    lines.push(row(&tr(lang, "customer-phones"), &phones, w, theme));
    let one = |v: Option<String>| v.into_iter().collect::<Vec<_>>();
    lines.push(row(
        &tr(lang, "customer-gender"),
        &one(record.and_then(|r| r.gender.as_deref().map(|g| gender_words(lang, g)))),
        w,
        theme,
    ));
    lines.push(row(
        &tr(lang, "customer-birthday"),
        &one(record.and_then(|r| r.birthday.clone())),
        w,
        theme,
    ));
    // Loaded conversations first, the server's after (each once).
    let held: Vec<Conversation> = state
        .thread
        .iter()
        .flat_map(|t| &t.others)
        .map(|&i| state.convs.at(i))
        .collect();
    let mut others: Vec<&Conversation> = conversations_of(&held, id, Some(&conv.id));
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
    lines.push(row(&tr(lang, "customer-tags"), &tags, w, theme));
    // Fixes of the record on their way, or refused (with why).
    for a in state.actions.for_conversation(&conv.id) {
        if !matches!(&a.op, crate::api::Op::Customer { customer, .. } if conv.customer.is(customer))
        {
            continue;
        }
        let (text, style) = match &a.status {
            crate::app::actions::ActionStatus::Pending => (
                format!("… {}", sanitize_line(&a.label.words(state.settings.lang))),
                theme.dim(),
            ),
            crate::app::actions::ActionStatus::Failed(why) => {
                let said = crate::i18n::Said::new("customer-fix-not-saved")
                    .arg("action", a.label.clone())
                    .arg("why", why.clone());
                (
                    format!("! {}", sanitize_line(&said.words(state.settings.lang))),
                    theme.error(),
                )
            }
        };
        lines.push(Line::styled(cell(&text, w), style));
    }
    // The embedded record shows while the lookup runs.
    let loading = card.is_some_and(|c| c.loading) && record.is_none();
    if loading {
        lines.push(Line::styled(
            cell(&tr(lang, "customer-loading"), w),
            theme.dim(),
        ));
    }
    if let Some(e) = card.and_then(|c| c.error.as_deref()) {
        lines.push(Line::styled(
            cell(
                &format!(
                    "! {}",
                    tr_with(
                        lang,
                        "customer-not-loaded",
                        &[("why", sanitize_line(e).into())]
                    )
                ),
                w,
            ),
            theme.error(),
        ));
        lines.push(Line::styled(
            cell(&tr(lang, "customer-try-again"), w),
            theme.dim(),
        ));
    } else if !loading {
        let first = record
            .and_then(|r| r.first_contact)
            .map_or("—".into(), |t| day(state, t));
        lines.push(row(&tr(lang, "customer-first"), &[first], w, theme));
        let note = record
            .and_then(|r| r.last_order_note())
            .map_or("—".into(), |n| n.message.clone());
        lines.push(row(&tr(lang, "customer-order"), &[note], w, theme));
        if card.is_some_and(|c| c.searched) && record.is_none() {
            lines.push(Line::styled(
                cell(&tr(lang, "customer-not-found"), w),
                theme.dim(),
            ));
        }
    }
    lines.push(Line::styled(
        cell(
            &tr_with(lang, "customer-others", &[("count", others.len().into())]),
            w,
        ),
        theme.accent(),
    ));
    if let Some(r) = record.filter(|r| !r.recent_orders.is_empty()) {
        lines.push(Line::styled(
            cell(&tr(lang, "customer-recent-orders"), w),
            theme.accent(),
        ));
        for o in &r.recent_orders {
            let text = format!(
                "#{} {} {}",
                sanitize_line(o.id.as_deref().unwrap_or("?")),
                o.at.map_or(String::new(), |t| day(state, t)),
                o.summary
            );
            lines.push(Line::raw(cell(&text, w)));
        }
    }
    if !conv.tag_history.is_empty() {
        lines.push(Line::styled(
            cell(&tr(lang, "customer-tag-history"), w),
            theme.accent(),
        ));
        for h in conv.tag_history.iter().rev().take(5) {
            let tag = h
                .tag_id
                .as_ref()
                .and_then(|t| state.tag_of(conv, &TagId::new(t.as_str())))
                .map(|t| t.name.clone())
                .or_else(|| h.tag_name.clone())
                .unwrap_or_else(|| format!("#{}", h.tag_id.as_deref().unwrap_or("?")));
            let text = format!(
                "{} {}{} {}",
                h.at.map_or(String::new(), |t| when(state, t)),
                if h.added { "+" } else { "-" },
                sanitize_line(&tag),
                h.editor
                    .clone()
                    .unwrap_or_else(|| tr(lang, "customer-someone")),
            );
            lines.push(Line::raw(cell(&text, w)));
        }
    }
    if let Some(pc) = conv.customer.page_customer_id.as_deref() {
        let notes = shown_notes(conv, card, &state.actions, pc);
        lines.push(Line::styled(
            cell(
                &tr_with(lang, "customer-notes", &[("count", notes.len().into())]),
                w,
            ),
            theme.accent(),
        ));
        for n in &notes {
            lines.push(note_line(state, n, w, theme));
            lines.extend(note_failure(n, w, state.settings.lang, theme));
        }
    }
    // The other conversations last: their count is said early (a panel
    // under the thread is short).
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

/// The editor (`C`): the notes with a cursor, then the line or the form
/// being typed, then its keys.
pub fn render_editor(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    ed: &CustomerEditor,
    theme: &Theme,
) {
    let Some(conv) = state.convs.get(&ed.conv) else {
        return;
    };
    let conv = &conv;
    let card = state.customers.get(&(ed.page.clone(), ed.customer.clone()));
    let notes = shown_notes(conv, card, &state.actions, &ed.customer);
    let lang = state.settings.lang;
    let title = tr_with(
        lang,
        "customer-editor-title",
        &[("who", conv.customer.name.as_str().into())],
    );
    let h = (notes.len() as u16 + 12)
        .min(area.height.saturating_sub(2))
        .max(8);
    let inner = frame_box(frame, area, 90, h, &title, theme);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    if notes.is_empty() {
        lines.push(Line::styled(
            cell(&tr(lang, "customer-no-notes"), w),
            theme.dim(),
        ));
    }
    for (i, n) in notes.iter().enumerate() {
        let line = note_line(state, n, w, theme);
        lines.push(if i == ed.cursor && ed.editing.is_none() {
            line.style(theme.selected())
        } else {
            line
        });
        lines.extend(note_failure(n, w, state.settings.lang, theme));
    }
    lines.push(Line::raw(""));
    let keymap = &state.settings.keymap;
    let word = |id: &str| tr(lang, id);
    let hint = match &ed.editing {
        None => keymap.hint_line(&[
            (&[NotesKey::Add][..], &word("hint-add")),
            (&[NotesKey::Edit], &word("hint-edit")),
            (&[NotesKey::Delete], &word("hint-delete")),
            (&[NotesKey::Fix], &word("hint-fix-record")),
            (&[NotesKey::Close], &word("hint-close")),
        ]),
        Some(Editing::Note { note_id, input }) => {
            let prompt = if note_id.is_some() {
                word("customer-edit-note")
            } else {
                word("customer-new-note")
            };
            lines.push(query_line(&format!("{prompt} "), &input.text, w, theme));
            keymap.hint_line(&[
                (&[NoteFormKey::Save][..], &word("hint-save")),
                (&[NoteFormKey::Cancel], &word("hint-cancel")),
            ])
        }
        Some(Editing::Fields(form)) => {
            // In the order of `FIELDS`.
            let labels = [
                "customer-field-name",
                "customer-field-phones",
                "customer-field-gender",
                "customer-field-birthday",
            ]
            .map(word);
            debug_assert_eq!(labels.len(), FIELDS.len());
            for (i, label) in labels.iter().enumerate() {
                let text = &form.values[i].text;
                let shown = if i == form.field {
                    format!("{}▏", sanitize_line(text))
                } else {
                    sanitize_line(text)
                };
                let style = if i == form.field {
                    theme.accent()
                } else {
                    theme.base()
                };
                lines.push(Line::from(vec![
                    Span::styled(cell(label, LABEL), theme.dim()),
                    Span::styled(cell(&shown, w.saturating_sub(LABEL)), style),
                ]));
            }
            lines.push(Line::styled(
                cell(&word("form-customer-help"), w),
                theme.dim(),
            ));
            if let Some(e) = &form.error {
                lines.push(Line::styled(
                    cell(&format!("! {}", sanitize_line(&e.words(lang))), w),
                    theme.error(),
                ));
            }
            keymap.hint_line(&[
                (&[NoteFormKey::Save][..], &word("hint-check-and-save")),
                (
                    &[NoteFormKey::NextField, NoteFormKey::PrevField],
                    &word("hint-field"),
                ),
                (&[NoteFormKey::Cancel], &word("hint-cancel")),
            ])
        }
    };
    lines.push(Line::styled(cell(&hint, w), theme.dim()));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
