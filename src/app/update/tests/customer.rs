//! `c`: the customer panel, loaded in the background once per customer.

use super::*;
use crate::api::customers::PageCustomer;

fn record() -> PageCustomer {
    PageCustomer {
        customer: crate::api::models::Customer {
            page_customer_id: Some("c0".into()),
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
