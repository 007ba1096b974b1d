//! The customer panel: toggled with `c`, loaded in the background for the
//! open thread's customer (once per customer, again after an error); and
//! its editor (`C`): notes added, changed, deleted and the record fixed,
//! each a durable action (applied in view at once, rolled back with its
//! reason on failure, retryable).

use crate::api::customers::{CustomerNote, PageCustomer};
use crate::api::{ApiError, Conversation, NoteOp, Op, PageId, UnixSeconds};
use crate::app::customer::{
    CustomerEditor, CustomerForm, Editing, LOOK_BACK_DAYS, NoteStatus, gender_words, record,
    shown_notes,
};
use crate::app::msg::Cmd;
use crate::app::state::{Overlay, State};
use crate::app::text_input::TextInput;
use crate::i18n::Said;

use super::{act, notify, notify_error};

/// `c`: show or hide the panel.
pub fn toggle(state: &mut State) -> Vec<Cmd> {
    if state.thread.is_none() {
        notify(state, Said::new("notice-open-first-customer"));
        return vec![];
    }
    state.customer_panel = !state.customer_panel;
    ensure(state)
}

fn open_conversation(state: &State) -> Option<Conversation> {
    state.thread.as_ref().and_then(|t| state.convs.get(&t.conv))
}

/// The load the open thread's customer needs, if the panel is shown and
/// nothing is cached (or the last load failed).
pub fn ensure(state: &mut State) -> Vec<Cmd> {
    if !state.customer_panel {
        return vec![];
    }
    let Some(conv) = open_conversation(state) else {
        return vec![];
    };
    let Some(customer_id) = conv.customer.key().map(str::to_owned) else {
        return vec![];
    };
    let key = (conv.page_id.clone(), customer_id.clone());
    if state
        .customers
        .get(&key)
        .is_some_and(|c| c.loading || c.error.is_none())
    {
        return vec![];
    }
    let card = state.customers.entry(key).or_default();
    card.loading = true;
    card.error = None;
    let start = conv.inserted_at.unwrap_or(state.now);
    vec![Cmd::LoadCustomer {
        page: conv.page_id.clone(),
        customer_id,
        psid: conv.customer.psid.clone(),
        conv: conv.id.clone(),
        since: UnixSeconds(start.0 - LOOK_BACK_DAYS * 86_400),
        until: state.now,
    }]
}

pub fn on_customer(
    state: &mut State,
    page: PageId,
    customer_id: String,
    result: Result<(Option<PageCustomer>, Vec<Conversation>), ApiError>,
) -> Vec<Cmd> {
    let card = state.customers.entry((page, customer_id)).or_default();
    card.loading = false;
    match result {
        Ok((customer, others)) => {
            card.error = None;
            card.searched = true;
            card.customer = customer;
            card.others = others;
        }
        Err(e) => card.error = Some(e.to_string()),
    }
    vec![]
}

/// The notes Pancake has now (read back after a change).
pub fn on_notes(
    state: &mut State,
    page: PageId,
    customer: String,
    result: Result<Vec<CustomerNote>, ApiError>,
) -> Vec<Cmd> {
    let card = state.customers.entry((page, customer)).or_default();
    card.reading_back = false;
    match result {
        Ok(notes) => card.notes = Some(notes),
        // What was confirmed stays shown; the next read brings the rest.
        Err(e) => tracing::warn!("the customer's notes were not read back: {e}"),
    }
    vec![]
}

/// `C`: the editor of the open thread's customer (its notes, its record).
pub fn open_editor(state: &mut State) {
    let Some(conv) = open_conversation(state) else {
        notify(state, Said::new("notice-open-first-notes"));
        return;
    };
    let Some(customer) = conv.customer.page_customer_id.clone() else {
        notify_error(state, Said::new("notice-no-page-customer-id"));
        return;
    };
    state.customer_panel = true;
    state.overlay = Some(Overlay::Customer(CustomerEditor {
        page: conv.page_id.clone(),
        conv: conv.id.clone(),
        customer,
        cursor: 0,
        editing: None,
    }));
}

/// The notes the editor lists (the cursor's positions).
pub fn editor_notes(state: &State, ed: &CustomerEditor) -> Vec<crate::app::customer::ShownNote> {
    let Some(conv) = state.convs.get(&ed.conv) else {
        return vec![];
    };
    let card = state.customers.get(&(ed.page.clone(), ed.customer.clone()));
    shown_notes(&conv, card, &state.actions, &ed.customer)
}

/// `a`: type a new note.
pub fn start_note(ed: &mut CustomerEditor) {
    ed.editing = Some(Editing::Note {
        note_id: None,
        input: TextInput::default(),
    });
}

/// `e`: change the note under the cursor (only a saved one: it has an id).
pub fn start_edit(state: &mut State, ed: &mut CustomerEditor) {
    let notes = editor_notes(state, ed);
    match notes.get(ed.cursor) {
        None => notify(state, Said::new("notice-no-note-to-edit")),
        Some(n) => match &n.id {
            Some(id) if n.status != NoteStatus::Deleting => {
                ed.editing = Some(Editing::Note {
                    note_id: Some(id.clone()),
                    input: TextInput::new(n.text.clone()),
                });
            }
            _ => notify(state, Said::new("notice-note-not-saved-edit")),
        },
    }
}

/// `d`: delete the note under the cursor.
pub fn delete_note(state: &mut State, ed: &mut CustomerEditor) -> Vec<Cmd> {
    let notes = editor_notes(state, ed);
    let Some(n) = notes.get(ed.cursor) else {
        notify(state, Said::new("notice-no-note-to-delete"));
        return vec![];
    };
    let Some(note_id) = n.id.clone() else {
        notify(state, Said::new("notice-note-not-saved-delete"));
        return vec![];
    };
    let op = Op::Note {
        customer: ed.customer.clone(),
        note: NoteOp::Delete { note_id },
    };
    act::start(state, &ed.conv.clone(), op)
}

/// `f`: fix the record's name, phones, gender, birthday.
pub fn start_fields(state: &State, ed: &mut CustomerEditor) {
    let Some(conv) = state.convs.get(&ed.conv) else {
        return;
    };
    let card = state.customers.get(&(ed.page.clone(), ed.customer.clone()));
    let form = match record(&conv, card) {
        Some(r) => {
            let name = if r.customer.name.is_empty() {
                &conv.customer.name
            } else {
                &r.customer.name
            };
            let phones = if r.phones.is_empty() {
                &conv.phones
            } else {
                &r.phones
            };
            // The gender in the agent's words (`nữ`); either language's
            // are taken back.
            let gender = r
                .gender
                .as_deref()
                .map(|g| gender_words(state.settings.lang, g));
            CustomerForm::new(name, phones, gender.as_deref(), r.birthday.as_deref())
        }
        None => CustomerForm::new(&conv.customer.name, &conv.phones, None, None),
    };
    ed.editing = Some(Editing::Fields(Box::new(form)));
}

/// Enter in the editor's line or form: checked, then sent as an action.
/// A note left empty or a form with a bad value stays open, saying why.
pub fn submit(state: &mut State, ed: &mut CustomerEditor) -> Vec<Cmd> {
    let Some(editing) = ed.editing.as_mut() else {
        return vec![];
    };
    let op = match editing {
        Editing::Note { note_id, input } => {
            let message = input.text.trim().to_owned();
            if message.is_empty() {
                notify_error(state, Said::new("notice-empty-note"));
                return vec![];
            }
            let note = match note_id {
                None => NoteOp::Add {
                    message,
                    at: state.now,
                },
                Some(id) => NoteOp::Edit {
                    note_id: id.clone(),
                    message,
                },
            };
            Op::Note {
                customer: ed.customer.clone(),
                note,
            }
        }
        Editing::Fields(form) => match form.changes() {
            Ok(changes) => Op::Customer {
                customer: ed.customer.clone(),
                changes,
            },
            Err(why) => {
                form.error = Some(why);
                return vec![];
            }
        },
    };
    ed.editing = None;
    act::start(state, &ed.conv.clone(), op)
}
