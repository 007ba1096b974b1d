//! `c`: the customer panel, loaded in the background once per customer.

use super::*;
use crate::api::customers::PageCustomer;
use crate::i18n::Lang;

fn record() -> PageCustomer {
    PageCustomer {
        customer: crate::api::models::Customer {
            page_customer_id: Some("c0".into()),
            legacy_id: None,
            global_id: Some("g0".into()),
            psid: None,
            name: "Chị Lan".into(),
        },
        phones: vec!["0901234567".into()],
        first_contact: Some(UnixSeconds(NOW - 86_400)),
        notes: vec![],
        gender: None,
        birthday: None,
        recent_orders: vec![],
    }
}

#[test]
fn c_shows_the_panel_and_loads_the_customer_once_never_blocking_the_thread() {
    let mut s = loaded();
    press(&mut s, "c");
    assert!(!s.customer_panel, "no thread yet");
    let open = press(&mut s, "Enter");
    assert!(open.iter().all(|c| !matches!(c, Cmd::LoadCustomer { .. })));
    let cmds = press(&mut s, "c");
    assert!(s.customer_panel);
    assert!(
        matches!(&cmds[..], [Cmd::LoadCustomer { customer_id, conv, .. }]
        if customer_id == "c0" && conv.as_str() == "p_0")
    );
    // The thread still takes its keys while it loads.
    assert!(press(&mut s, "c").is_empty() && !s.customer_panel);
    assert!(press(&mut s, "c").is_empty(), "loading: not asked twice");
    let key = (PageId::new("p"), "c0".to_string());
    feed_customer(
        &mut s,
        "c0",
        Ok((Some(record()), vec![conv(9, NOW - 5000, true)])),
    );
    let card = &s.customers[&key];
    assert!(!card.loading && card.searched && card.others.len() == 1);
    // Cached: opening another thread of someone else asks for them only.
    press_all(&mut s, "Esc j");
    let cmds = press(&mut s, "Enter");
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Cmd::LoadCustomer { customer_id, .. } if customer_id == "c1"))
    );
}

#[test]
fn an_error_is_kept_in_the_card_and_c_twice_tries_again() {
    let mut s = loaded();
    press_all(&mut s, "Enter c");
    feed_customer(&mut s, "c0", Err(server_error()));
    let key = (PageId::new("p"), "c0".to_string());
    assert!(s.customers[&key].error.is_some());
    press(&mut s, "c");
    let cmds = press(&mut s, "c");
    assert!(matches!(&cmds[..], [Cmd::LoadCustomer { .. }]));
}

/// The open thread's conversation gets an embedded record with one note.
fn with_record(s: &mut State) {
    let mut r = record();
    r.notes = vec![crate::api::customers::CustomerNote {
        id: Some("n1".into()),
        message: "gọi lại 18h".into(),
        order_id: None,
        created_at: Some(UnixSeconds(NOW - 3600)),
        removed: false,
    }];
    r.gender = Some("female".into());
    s.convs.get_mut("p_0").unwrap().page_customer = Some(Box::new(r));
}

fn editor(s: &State) -> &crate::app::customer::CustomerEditor {
    match &s.overlay {
        Some(Overlay::Customer(ed)) => ed,
        o => panic!("the customer editor is not open: {o:?}"),
    }
}

fn shown(s: &State) -> Vec<(String, crate::app::customer::NoteStatus)> {
    let conv = s.convs.get("p_0").unwrap();
    let card = s.customers.get(&(PageId::new("p"), "c0".to_string()));
    crate::app::customer::shown_notes(&conv, card, &s.actions, "c0")
        .into_iter()
        .map(|n| (n.text, n.status))
        .collect()
}

#[test]
fn notes_are_added_edited_and_deleted_as_actions_shown_at_once_and_rolled_back_with_why() {
    use crate::api::NoteOp;
    use crate::app::customer::NoteStatus::*;
    let mut s = loaded();
    with_record(&mut s);
    press_all(&mut s, "Enter C");
    assert_eq!(editor(&s).customer, "c0", "the page customer's id");
    assert!(s.customer_panel, "the panel shows beside the editor");
    // An empty note is not sent.
    press(&mut s, "a");
    assert!(performed(&press(&mut s, "Enter")).is_empty());
    assert!(editor(&s).editing.is_some(), "still typing");
    type_text(&mut s, "Khách đặt 2 áo");
    let cmds = press(&mut s, "Enter");
    let [(add, op)] = &performed(&cmds)[..] else {
        panic!("one action: {cmds:?}")
    };
    assert_eq!(
        op,
        &Op::Note {
            customer: "c0".into(),
            note: NoteOp::Add {
                message: "Khách đặt 2 áo".into(),
                at: UnixSeconds(NOW)
            }
        }
    );
    assert_eq!(shown(&s)[1], ("Khách đặt 2 áo".into(), Saving), "at once");
    // Refused: shown with why, kept for a retry.
    answer(&mut s, *add, Err(server_error()));
    let (text, status) = &shown(&s)[1];
    assert_eq!(text, "Khách đặt 2 áo");
    assert!(
        matches!(status, Failed(why) if why.words(crate::i18n::Lang::En).starts_with("not saved:")),
        "{status:?}"
    );
    // Not saved yet: it cannot be edited.
    press_all(&mut s, "j e");
    assert!(editor(&s).editing.is_none());
    press(&mut s, "Esc");
    let again = performed(&press(&mut s, "x"));
    assert_eq!(again, vec![(*add, op.clone())], "the same note, resent");
    // Confirmed: shown as saved, and the notes read back.
    let cmds = answer(&mut s, *add, Ok(Outcome::Done));
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Cmd::LoadNotes { customer, .. } if customer == "c0"))
    );
    assert_eq!(
        shown(&s)[1],
        ("Khách đặt 2 áo".into(), Saving),
        "confirmed, its id not read back yet"
    );

    // Edit the first one; refused: its text as it is, with why.
    press_all(&mut s, "C k e C-u");
    type_text(&mut s, "gọi lại 19h");
    let edit = performed(&press(&mut s, "Enter"))[0].clone();
    assert_eq!(
        edit.1,
        Op::Note {
            customer: "c0".into(),
            note: NoteOp::Edit {
                note_id: "n1".into(),
                message: "gọi lại 19h".into()
            }
        }
    );
    assert_eq!(shown(&s)[0], ("gọi lại 19h".into(), Saving));
    answer(&mut s, edit.0, Err(server_error()));
    let (text, status) = &shown(&s)[0];
    assert_eq!(text, "gọi lại 18h", "rolled back");
    assert!(
        matches!(status, Failed(why) if why.words(crate::i18n::Lang::En).starts_with("edit not saved:"))
    );

    // Delete it: marked at once, gone once confirmed.
    let del = performed(&press(&mut s, "d"))[0].clone();
    assert_eq!(
        del.1,
        Op::Note {
            customer: "c0".into(),
            note: NoteOp::Delete {
                note_id: "n1".into()
            }
        }
    );
    answer(&mut s, del.0, Ok(Outcome::Done));
    assert!(
        shown(&s).iter().all(|(t, _)| t != "gọi lại 18h"),
        "{:?}",
        shown(&s)
    );
    // The notes Pancake reads back replace what was known.
    update(
        &mut s,
        Msg::Notes {
            page: PageId::new("p"),
            customer: "c0".into(),
            result: Ok(vec![crate::api::customers::CustomerNote {
                id: Some("n2".into()),
                message: "Khách đặt 2 áo".into(),
                order_id: None,
                created_at: Some(UnixSeconds(NOW)),
                removed: false,
            }]),
        },
    );
    assert_eq!(
        shown(&s),
        vec![("Khách đặt 2 áo".into(), Saved)],
        "read back: with its id"
    );
}

#[test]
fn the_record_form_checks_before_sending_and_keeps_what_was_typed() {
    use crate::app::customer::Editing;
    let mut s = loaded();
    with_record(&mut s);
    press_all(&mut s, "Enter C f");
    let form = |s: &State| match &editor(s).editing {
        Some(Editing::Fields(f)) => f.clone(),
        e => panic!("no form: {e:?}"),
    };
    assert_eq!(form(&s).values[0].text, "Chị Lan");
    assert_eq!(form(&s).values[2].text, "female");
    // A bad phone: said why, nothing sent, the text kept.
    press_all(&mut s, "Tab C-u");
    type_text(&mut s, "09x1");
    assert!(performed(&press(&mut s, "Enter")).is_empty());
    let f = form(&s);
    assert_eq!(
        f.error.as_ref().map(|e| e.words(Lang::En)).as_deref(),
        Some("phones: \"09x1\" is not a phone number (8 to 15 digits, + allowed)"),
        "{f:?}"
    );
    assert_eq!(f.values[1].text, "09x1");
    // A bad date likewise.
    press_all(&mut s, "C-u");
    type_text(&mut s, "0912 000 111");
    press_all(&mut s, "Tab Tab");
    type_text(&mut s, "1994-02-30");
    assert!(performed(&press(&mut s, "Enter")).is_empty());
    let said = form(&s).error.unwrap().words(Lang::En);
    assert!(said.starts_with("birthday:"), "{said}");
    press(&mut s, "C-u");
    type_text(&mut s, "1994-07-21");
    let cmds = press(&mut s, "Enter");
    let [(id, Op::Customer { customer, changes })] = &performed(&cmds)[..] else {
        panic!("one fix: {cmds:?}")
    };
    assert_eq!(customer, "c0");
    assert_eq!(changes.phone_numbers, Some(vec!["0912000111".to_string()]));
    assert_eq!(changes.birthday.as_deref(), Some("1994-07-21"));
    assert_eq!(
        (&changes.name, changes.gender),
        (&None, None),
        "only what changed"
    );
    assert!(editor(&s).editing.is_none());
    answer(&mut s, *id, Ok(Outcome::Done));
    let r = s.convs.get("p_0").unwrap().page_customer.clone().unwrap();
    assert_eq!(r.phones, ["0912000111"]);
    assert_eq!(r.birthday.as_deref(), Some("1994-07-21"));
}

/// A state holding `full` as the list is read from the cache at start:
/// without the customers' records and tag histories.
fn read_from_the_cache(full: &[crate::api::Conversation]) -> State {
    let lean = full.iter().cloned().map(|mut c| {
        crate::app::convs::Rest::take(&mut c);
        c
    });
    crate::app::fixtures::state_of(lean.collect())
}

/// A real page embeds the customer's record in every conversation; the
/// list does not hold them all (`app::convs::rest`): opening a
/// conversation whose record is not held reads it from the store, and it
/// is shown once it comes; one held is not read again.
#[test]
fn opening_reads_the_record_the_list_does_not_hold() {
    use crate::app::convs::Rest;
    let mut full = crate::app::fixtures::synthetic_conversations(3);
    let mut s = read_from_the_cache(&full);
    let cmds = press(&mut s, "Enter");
    let asked: Vec<&str> = cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::LoadRecord { page, conv } if page.as_str() == "p" => Some(conv.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(asked, ["p_0"]);
    assert!(s.convs.get("p_0").unwrap().page_customer.is_none());
    let rest = Rest::take(&mut full[0]);
    update(
        &mut s,
        Msg::Record {
            conv: ConversationId::new("p_0"),
            rest: rest.clone(),
        },
    );
    let conv = s.convs.get("p_0").unwrap();
    assert_eq!(conv.page_customer, rest.page_customer);
    assert_eq!(conv.tag_history, rest.tag_history);
    let shown = crate::app::customer::record(&conv, None).expect("the panel's record");
    assert_eq!(shown.notes.len(), 1, "its note");
    // Held now: opening it again reads nothing.
    press(&mut s, "Esc");
    let again = press(&mut s, "Enter");
    assert!(!again.iter().any(|c| matches!(c, Cmd::LoadRecord { .. })));
    // A change from the list (marked unread) keeps it.
    press(&mut s, "Esc");
    s.convs.get_mut("p_0").unwrap().seen = false;
    assert_eq!(
        s.convs.get("p_0").unwrap().page_customer,
        rest.page_customer
    );
}

/// With `language = "vi"`, the form shows the gender in Vietnamese, takes
/// one typed in either language, and says why a bad phone or date is not
/// sent in Vietnamese (the screen: `ui::tests_customer`).
#[test]
fn the_record_form_in_vietnamese_says_why_in_vietnamese() {
    use crate::app::customer::Editing;
    let mut s = loaded();
    s.settings.lang = Lang::Vi;
    with_record(&mut s);
    press_all(&mut s, "Enter C f");
    let form = |s: &State| match &editor(s).editing {
        Some(Editing::Fields(f)) => f.clone(),
        e => panic!("no form: {e:?}"),
    };
    assert_eq!(form(&s).values[2].text, "nữ", "Pancake's female");
    press_all(&mut s, "Tab C-u");
    type_text(&mut s, "09x1");
    assert!(performed(&press(&mut s, "Enter")).is_empty());
    let why = |s: &State| form(s).error.expect("a reason").words(Lang::Vi);
    assert_eq!(
        why(&s),
        "SĐT: \"09x1\" không phải số điện thoại (8 đến 15 chữ số, có thể có dấu +)"
    );
    press(&mut s, "C-u");
    type_text(&mut s, "0912 000 111");
    press_all(&mut s, "Tab Tab");
    type_text(&mut s, "21/07/1994");
    assert!(performed(&press(&mut s, "Enter")).is_empty());
    assert_eq!(
        why(&s),
        "ngày sinh: \"21/07/1994\" không phải ngày hợp lệ (YYYY-MM-DD)"
    );
    // A gender typed without accents: sent as Pancake's word.
    press_all(&mut s, "C-u S-Tab C-u");
    type_text(&mut s, "nam");
    let cmds = press(&mut s, "Enter");
    let [(_, Op::Customer { changes, .. })] = &performed(&cmds)[..] else {
        panic!("one fix: {cmds:?}")
    };
    assert_eq!(changes.gender, Some(crate::api::Gender::Male));
    assert_eq!(changes.birthday, None, "the date cleared: as it was");
    assert_eq!(changes.to_body()["changes"]["gender"], "male");
}

/// A record change Pancake confirmed reaches the record wherever it is:
/// held, it is changed in place; not held (let go, or never opened since
/// start), the store's row is changed; and a read of the store answering
/// after a newer copy came does not put the older one back.
#[test]
fn a_confirmed_record_change_reaches_a_record_the_list_does_not_hold() {
    use crate::app::convs::Rest;
    use crate::app::update::confirmed::confirmed;
    let full = crate::app::fixtures::synthetic_conversations(2);
    let mut s = read_from_the_cache(&full);
    let (page, conv) = (PageId::new("p"), ConversationId::new("p_1"));
    let changes = crate::api::CustomerChanges {
        gender: Some(crate::api::Gender::Unknown),
        ..Default::default()
    };
    let op = Op::Customer {
        customer: "c1".into(),
        changes: changes.clone(),
    };
    let cmds = confirmed(&mut s, &page, &conv, &op);
    assert!(
        matches!(&cmds[..], [Cmd::UpdateRecord { page: p, conv: c, changes: ch }]
            if p == &page && c == &conv && ch == &changes),
        "{cmds:?}"
    );
    // Held: changed in place, the store written with the whole copy.
    let mut rest = Rest::take(&mut full[1].clone());
    update(
        &mut s,
        Msg::Record {
            conv: conv.clone(),
            rest: rest.clone(),
        },
    );
    let cmds = confirmed(&mut s, &page, &conv, &op);
    assert!(cmds.is_empty(), "{cmds:?}");
    let held = s.convs.get(&conv).unwrap().page_customer.unwrap();
    assert_eq!(held.gender.as_deref(), Some("unknown"));
    // The store's older copy, answering late, does not undo it.
    rest.page_customer.as_mut().unwrap().gender = Some("male".into());
    update(
        &mut s,
        Msg::Record {
            conv: conv.clone(),
            rest,
        },
    );
    let held = s.convs.get(&conv).unwrap().page_customer.unwrap();
    assert_eq!(held.gender.as_deref(), Some("unknown"));
}
