//! The customer panel (`c`): what is known of the open thread's customer,
//! loaded in the background once per customer and kept for the session;
//! and its editor (`C`): the page customer's notes and record, each change
//! a durable action (pancake-api.md § Notes, § Customers).

use crate::api::customers::{CustomerNote, PageCustomer};
use crate::api::{Conversation, ConversationId, CustomerChanges, Gender, PageId};
use crate::i18n::{Lang, Said, tr};

use super::text_input::TextInput;

/// A customer, by page and Pancake id ([`crate::api::models::Customer::key`]).
pub type CustomerKey = (PageId, String);

/// What the panel shows of one customer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerCard {
    pub loading: bool,
    /// Why the last load failed, in words.
    pub error: Option<String>,
    /// Pancake's record (`page_customers`): `None` before it came, or when
    /// it was not found within the calls allowed.
    pub customer: Option<PageCustomer>,
    /// The record was looked for (found or not).
    pub searched: bool,
    /// The page's conversations with the customer from the server (the
    /// loaded list adds its own at render).
    pub others: Vec<Conversation>,
    /// The notes as Pancake read them back after a change: newer than the
    /// record's.
    pub notes: Option<Vec<CustomerNote>>,
    /// A note change was confirmed and the notes are being read back: a
    /// note added meanwhile has no id yet (it cannot be changed until then).
    pub reading_back: bool,
}

/// A comment conversation's post, as far as it was looked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PostCard {
    Loading,
    Found(crate::api::posts::Post),
    /// Not among the pages of posts looked through.
    NotFound,
    /// Why the lookup failed, in words (opening the thread again retries).
    Failed(String),
}

/// Days before the conversation's start the customer's first contact is
/// looked for (`page_customers` filters by first contact).
pub const LOOK_BACK_DAYS: i64 = 365;

/// The customer's record as the panel shows it: the conversation's embedded
/// `page_customer`, else the one `page_customers` found.
pub fn record<'a>(
    conv: &'a Conversation,
    card: Option<&'a CustomerCard>,
) -> Option<&'a PageCustomer> {
    conv.page_customer
        .as_deref()
        .or_else(|| card.and_then(|c| c.customer.as_ref()))
}

/// The notes as last known from Pancake (read back, else the record's).
pub fn notes<'a>(conv: &'a Conversation, card: Option<&'a CustomerCard>) -> &'a [CustomerNote] {
    card.and_then(|c| c.notes.as_deref())
        .or_else(|| record(conv, card).map(|r| r.notes.as_slice()))
        .unwrap_or_default()
}

/// Where a note stands, as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteStatus {
    /// As Pancake has it.
    Saved,
    /// Added or changed here, on its way.
    Saving,
    Deleting,
    /// Pancake refused the change (or it could not go): why, put into
    /// words where shown; the action waits in the outbox (retry or dismiss).
    Failed(Said),
}

/// A note as the panel and the editor list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownNote {
    /// None: not saved yet (it cannot be changed until it is).
    pub id: Option<String>,
    /// Sanitized.
    pub text: String,
    pub at: Option<crate::api::UnixSeconds>,
    pub status: NoteStatus,
}

/// The live notes of `customer` with the agent's changes not yet confirmed
/// over them: added ones at the end, edits with their new text, deletions
/// marked; a failed change says why (an edit or deletion that failed shows
/// the note as it still is).
pub fn shown_notes(
    conv: &Conversation,
    card: Option<&CustomerCard>,
    actions: &super::actions::ActionLog,
    customer: &str,
) -> Vec<ShownNote> {
    use super::actions::ActionStatus;
    use crate::api::{NoteOp, Op};
    let reading_back = card.is_some_and(|c| c.reading_back);
    let mut out: Vec<ShownNote> = notes(conv, card)
        .iter()
        .filter(|n| !n.removed)
        .map(|n| ShownNote {
            id: n.id.clone(),
            text: n.message.clone(),
            at: n.created_at,
            status: if reading_back && n.id.is_none() {
                NoteStatus::Saving
            } else {
                NoteStatus::Saved
            },
        })
        .collect();
    for a in actions.for_conversation(&conv.id) {
        let Op::Note { customer: c, note } = &a.op else {
            continue;
        };
        if c != customer {
            continue;
        }
        let failed = match &a.status {
            ActionStatus::Pending => None,
            ActionStatus::Failed(why) => Some(why.clone()),
        };
        match note {
            NoteOp::Add { message, at } => out.push(ShownNote {
                id: None,
                text: crate::text::sanitize_block(message),
                at: Some(*at),
                status: match failed {
                    None => NoteStatus::Saving,
                    Some(why) => NoteStatus::Failed(Said::new("note-not-saved").arg("why", why)),
                },
            }),
            NoteOp::Edit { note_id, message } => {
                if let Some(n) = out.iter_mut().find(|n| n.id.as_ref() == Some(note_id)) {
                    match failed {
                        None => {
                            n.text = crate::text::sanitize_block(message);
                            n.status = NoteStatus::Saving;
                        }
                        Some(why) => {
                            n.status =
                                NoteStatus::Failed(Said::new("note-edit-not-saved").arg("why", why))
                        }
                    }
                }
            }
            NoteOp::Delete { note_id } => {
                if let Some(n) = out.iter_mut().find(|n| n.id.as_ref() == Some(note_id)) {
                    n.status = match failed {
                        None => NoteStatus::Deleting,
                        Some(why) => {
                            NoteStatus::Failed(Said::new("note-not-deleted").arg("why", why))
                        }
                    };
                }
            }
        }
    }
    out
}

/// A confirmed note change on the notes known (until Pancake's own list
/// is read back).
pub fn apply_note(notes: &mut Vec<CustomerNote>, op: &crate::api::NoteOp) {
    use crate::api::NoteOp;
    match op {
        NoteOp::Add { message, at } => notes.push(CustomerNote {
            id: None,
            message: crate::text::sanitize_block(message),
            order_id: None,
            created_at: Some(*at),
            removed: false,
        }),
        NoteOp::Edit { note_id, message } => {
            for n in notes.iter_mut().filter(|n| n.id.as_ref() == Some(note_id)) {
                n.message = crate::text::sanitize_block(message);
            }
        }
        NoteOp::Delete { note_id } => {
            for n in notes.iter_mut().filter(|n| n.id.as_ref() == Some(note_id)) {
                n.removed = true;
            }
        }
    }
}

/// A confirmed record change on the record known.
pub fn apply_changes(record: &mut PageCustomer, changes: &CustomerChanges) {
    use crate::text::sanitize_line;
    if let Some(n) = &changes.name {
        record.customer.name = sanitize_line(n);
    }
    if let Some(p) = &changes.phone_numbers {
        record.phones = p.iter().map(|p| sanitize_line(p)).collect();
    }
    if let Some(g) = changes.gender {
        record.gender = Some(g.as_wire().to_owned());
    }
    if let Some(b) = &changes.birthday {
        record.birthday = Some(sanitize_line(b));
    }
}

/// The editor over the panel (`C`).
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerEditor {
    pub page: PageId,
    pub conv: ConversationId,
    /// The page customer's id: what the requests take.
    pub customer: String,
    /// A position among the notes shown (live ones, oldest first).
    pub cursor: usize,
    pub editing: Option<Editing>,
}

/// What is being typed in the editor.
#[derive(Clone, Debug, PartialEq)]
pub enum Editing {
    /// A note: a new one (`note_id` none) or the text of one to change.
    Note {
        note_id: Option<String>,
        input: TextInput,
    },
    /// The record's fields (boxed: the form is the larger by far).
    Fields(Box<CustomerForm>),
}

/// The fields of the record being fixed, as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerForm {
    /// Which field has the cursor (an index into [`FIELDS`]).
    pub field: usize,
    pub values: [TextInput; 4],
    /// What the values were when the form opened (only changes are sent).
    pub was: [String; 4],
    /// Why the last Enter did not send, put into words where shown (what
    /// was typed stays).
    pub error: Option<Said>,
}

/// The form's fields, in order.
pub const FIELDS: [&str; 4] = ["name", "phones", "gender", "birthday"];

/// The catalog's word for a gender.
fn gender_id(gender: Gender) -> &'static str {
    match gender {
        Gender::Male => "gender-male",
        Gender::Female => "gender-female",
        Gender::Unknown => "gender-unknown",
    }
}

/// A gender as Pancake wrote it (`female`), in `lang`'s words (`nữ`); a
/// word the inbox does not know, as it is.
pub fn gender_words(lang: Lang, wire: &str) -> String {
    match Gender::parse(wire) {
        Some(g) if !wire.trim().is_empty() => tr(lang, gender_id(g)),
        _ => wire.to_owned(),
    }
}

impl CustomerForm {
    /// The form over a record (or the conversation's name and phones).
    pub fn new(
        name: &str,
        phones: &[String],
        gender: Option<&str>,
        birthday: Option<&str>,
    ) -> Self {
        let was = [
            name.to_owned(),
            phones.join(", "),
            gender.unwrap_or_default().to_owned(),
            birthday.unwrap_or_default().to_owned(),
        ];
        CustomerForm {
            field: 0,
            values: was.clone().map(TextInput::new),
            was,
            error: None,
        }
    }

    /// The changes to send, checked: only the fields that changed; a bad
    /// phone number or date says why (naming the field). A gender written
    /// in the other language's words (`female` for `nữ`) is no change.
    pub fn changes(&self) -> Result<CustomerChanges, Said> {
        let now = |i: usize| self.values[i].text.trim().to_owned();
        let changed = |i: usize| now(i) != self.was[i].trim();
        let mut out = CustomerChanges::default();
        if changed(0) {
            let name = now(0);
            if name.is_empty() {
                return Err(Said::new("form-name-empty"));
            }
            out.name = Some(name);
        }
        if changed(1) {
            out.phone_numbers = Some(parse_phones(&now(1))?);
        }
        if changed(2) {
            let g = now(2);
            let gender =
                Gender::parse(&g).ok_or_else(|| Said::new("form-gender-bad").arg("text", g))?;
            let was = self.was[2].trim();
            if was.is_empty() || Gender::parse(was) != Some(gender) {
                out.gender = Some(gender);
            }
        }
        if changed(3) {
            out.birthday = Some(check_date(&now(3))?);
        }
        if out.is_empty() {
            return Err(Said::new("form-nothing-changed"));
        }
        Ok(out)
    }
}

/// Phone numbers separated by commas or spaces: digits, an optional
/// leading `+`, 8 to 15 digits (spaces, dots and dashes inside dropped).
pub fn parse_phones(s: &str) -> Result<Vec<String>, Said> {
    let mut out = Vec::new();
    for raw in s.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
        let plus = raw.starts_with('+');
        let body: String = raw
            .trim_start_matches('+')
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
            .collect();
        if !body.chars().all(|c| c.is_ascii_digit()) || !(8..=15).contains(&body.len()) {
            return Err(Said::new("form-phone-bad").arg("text", raw));
        }
        let number = if plus { format!("+{body}") } else { body };
        if !out.contains(&number) {
            out.push(number);
        }
    }
    Ok(out)
}

/// A birthday as `YYYY-MM-DD`, a real day of a year since 1900.
pub fn check_date(s: &str) -> Result<String, Said> {
    let bad = || Said::new("form-birthday-bad").arg("text", s);
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts[..] else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) else {
        return Err(bad());
    };
    if y < 1900 {
        return Err(bad());
    }
    jiff::civil::Date::new(y, m, d).map_err(|_| bad())?;
    Ok(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Why the form did not send, in English.
    fn why(f: &CustomerForm) -> String {
        f.changes().unwrap_err().words(Lang::En)
    }

    #[test]
    fn the_form_sends_only_what_changed_and_says_what_is_wrong() {
        let mut f = CustomerForm::new("Lan", &["0901234567".into()], Some("female"), None);
        assert_eq!(why(&f), "nothing changed");
        f.values[1].set("0901 234 567, +84 912.345.678".into());
        f.values[3].set("1990-02-30".into());
        assert_eq!(
            why(&f),
            "birthday: \"1990-02-30\" is not a date (YYYY-MM-DD)"
        );
        f.values[3].set("1990-02-28".into());
        let c = f.changes().unwrap();
        assert_eq!(
            c.phone_numbers,
            Some(vec!["0901234567".into(), "+84912345678".into()])
        );
        assert_eq!(c.birthday.as_deref(), Some("1990-02-28"));
        assert_eq!(c.name, None);
        assert_eq!(c.gender, None);
        f.values[1].set("09x1".into());
        assert_eq!(
            why(&f),
            "phones: \"09x1\" is not a phone number (8 to 15 digits, + allowed)"
        );
        f.values[1].set("0901234567".into());
        f.values[2].set("robot".into());
        assert_eq!(why(&f), "gender: \"robot\" is not male, female or unknown");
        f.values[0].set(" ".into());
        assert_eq!(why(&f), "name: a customer needs a name");
        f.values[0].set("Lan".into());
        f.values[2].set("M".into());
        assert_eq!(f.changes().unwrap().gender, Some(Gender::Male));
        assert_eq!(
            c.to_body()["changes"]["phone_numbers"][1],
            serde_json::json!("+84912345678")
        );
    }

    #[test]
    fn dates_are_checked() {
        assert!(check_date("2000-02-29").is_ok());
        for bad in [
            "1999-02-29",
            "2000-13-01",
            "20-01-01",
            "2000/01/01",
            "x",
            "1800-01-01",
        ] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
    }

    /// The reasons in Vietnamese, the offending text as typed.
    #[test]
    fn the_reasons_are_said_in_vietnamese() {
        let mut f = CustomerForm::new("Lan", &[], None, None);
        let vi = |f: &CustomerForm| f.changes().unwrap_err().words(Lang::Vi);
        assert_eq!(vi(&f), "chưa có gì thay đổi");
        f.values[3].set("30/02/1990".into());
        assert_eq!(
            vi(&f),
            "ngày sinh: \"30/02/1990\" không phải ngày hợp lệ (YYYY-MM-DD)"
        );
        f.values[3].set(String::new());
        f.values[1].set("0901, 0912345678".into());
        assert_eq!(
            vi(&f),
            "SĐT: \"0901\" không phải số điện thoại (8 đến 15 chữ số, có thể có dấu +)"
        );
        f.values[1].set(String::new());
        f.values[2].set("trai".into());
        assert_eq!(
            vi(&f),
            "giới tính: \"trai\" không phải nam, nữ hay không rõ"
        );
    }

    /// A gender is typed in either language, with or without accents, and
    /// shown in the agent's; the same gender in other words is no change.
    #[test]
    fn genders_are_typed_in_either_language_and_shown_in_the_agents() {
        for (typed, gender) in [
            ("nam", Gender::Male),
            ("Nam", Gender::Male),
            ("male", Gender::Male),
            ("nữ", Gender::Female),
            ("NỮ", Gender::Female),
            ("nu", Gender::Female),
            // Decomposed (as some keyboards send it).
            ("nu\u{31b}\u{303}", Gender::Female),
            ("F", Gender::Female),
            ("không rõ", Gender::Unknown),
            ("khong  ro", Gender::Unknown),
            ("unknown", Gender::Unknown),
        ] {
            assert_eq!(Gender::parse(typed), Some(gender), "{typed}");
        }
        assert_eq!(Gender::parse("trai"), None);
        assert_eq!(gender_words(Lang::Vi, "female"), "nữ");
        assert_eq!(gender_words(Lang::Vi, "male"), "nam");
        assert_eq!(gender_words(Lang::Vi, "unknown"), "không rõ");
        assert_eq!(gender_words(Lang::En, "female"), "female");
        assert_eq!(
            gender_words(Lang::Vi, "other"),
            "other",
            "not ours: as it is"
        );
        assert_eq!(gender_words(Lang::Vi, ""), "");
        // The form opened in Vietnamese shows "nữ": "female" is no change,
        // "nam" is one.
        let mut f = CustomerForm::new(
            "Lan",
            &[],
            Some(gender_words(Lang::Vi, "female").as_str()),
            None,
        );
        assert_eq!(f.values[2].text, "nữ");
        f.values[2].set("female".into());
        assert_eq!(why(&f), "nothing changed");
        f.values[2].set("nam".into());
        assert_eq!(f.changes().unwrap().gender, Some(Gender::Male));
        // No gender before: "unknown" is sent.
        let mut f = CustomerForm::new("Lan", &[], None, None);
        f.values[2].set("không rõ".into());
        assert_eq!(f.changes().unwrap().gender, Some(Gender::Unknown));
    }
}
