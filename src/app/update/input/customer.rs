//! The customer editor (`C`): move among the notes, add, change, delete
//! one, fix the record; a note's line and the record's form take text.

use ratatui::crossterm::event::KeyEvent;

use crate::app::customer::{CustomerEditor, Editing, FIELDS};
use crate::app::keys::{NoteFormKey, NotesKey};
use crate::app::state::State;
use crate::app::text_input::TextInput;
use crate::app::update::customer;

use super::{Handled, typed};

pub(super) fn on_key(state: &mut State, ed: &mut CustomerEditor, key: &KeyEvent) -> Handled {
    if ed.editing.is_some() {
        return on_form_key(state, ed, key);
    }
    let count = customer::editor_notes(state, ed).len();
    match state.settings.keymap.get::<NotesKey>(key) {
        Some(NotesKey::Close) => return Handled::close(),
        Some(NotesKey::Down) => ed.cursor = (ed.cursor + 1).min(count.saturating_sub(1)),
        Some(NotesKey::Up) => ed.cursor = ed.cursor.saturating_sub(1),
        Some(NotesKey::Add) => customer::start_note(ed),
        Some(NotesKey::Edit) => customer::start_edit(state, ed),
        Some(NotesKey::Delete) => return Handled::stay_with(customer::delete_note(state, ed)),
        Some(NotesKey::Fix) => customer::start_fields(state, ed),
        None => {}
    }
    Handled::stay()
}

/// The input with the cursor: the note's line, or the form's field.
fn input(editing: &mut Editing) -> &mut TextInput {
    match editing {
        Editing::Note { input, .. } => input,
        Editing::Fields(f) => &mut f.values[f.field],
    }
}

fn on_form_key(state: &mut State, ed: &mut CustomerEditor, key: &KeyEvent) -> Handled {
    let action = state.settings.keymap.get::<NoteFormKey>(key);
    let Some(editing) = ed.editing.as_mut() else {
        return Handled::stay();
    };
    match action {
        Some(NoteFormKey::Save) => return Handled::stay_with(customer::submit(state, ed)),
        Some(NoteFormKey::Cancel) => ed.editing = None,
        Some(NoteFormKey::NextField) => {
            if let Editing::Fields(f) = editing {
                f.field = (f.field + 1) % FIELDS.len();
            }
        }
        Some(NoteFormKey::PrevField) => {
            if let Editing::Fields(f) = editing {
                f.field = (f.field + FIELDS.len() - 1) % FIELDS.len();
            }
        }
        Some(NoteFormKey::DeleteChar) => input(editing).backspace(),
        Some(NoteFormKey::ClearLine) => input(editing).set(String::new()),
        Some(NoteFormKey::Left) => input(editing).left(),
        Some(NoteFormKey::Right) => input(editing).right(),
        None => {
            if let Some(c) = typed(key) {
                input(editing).insert(&c.to_string());
            }
        }
    }
    Handled::stay()
}

/// Text pasted while the editor is open goes into its line or field (one
/// line).
pub(super) fn paste(ed: &mut CustomerEditor, text: &str) {
    if let Some(editing) = ed.editing.as_mut() {
        input(editing).insert(&text.replace('\n', " "));
    }
}
