//! The customer panel: toggled with `c`, loaded in the background for the
//! open thread's customer (once per customer, again after an error).

use crate::api::customers::PageCustomer;
use crate::api::{ApiError, Conversation, PageId, UnixSeconds};
use crate::app::customer::{CustomerCard, LOOK_BACK_DAYS};
use crate::app::msg::Cmd;
use crate::app::state::State;

use super::notify;

/// `c`: show or hide the panel.
pub fn toggle(state: &mut State) -> Vec<Cmd> {
    if state.thread.is_none() {
        notify(
            state,
            "open a conversation first: its customer shows beside it",
        );
        return vec![];
    }
    state.customer_panel = !state.customer_panel;
    state.dirty = true;
    ensure(state)
}

/// The load the open thread's customer needs, if the panel is shown and
/// nothing is cached (or the last load failed).
pub fn ensure(state: &mut State) -> Vec<Cmd> {
    if !state.customer_panel {
        return vec![];
    }
    let Some(conv) = state
        .thread
        .as_ref()
        .and_then(|t| state.convs.get(&t.conv))
        .cloned()
    else {
        return vec![];
    };
    let Some(customer_id) = conv.customer.id.clone() else {
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
    state.customers.insert(
        key,
        CustomerCard {
            loading: true,
            ..CustomerCard::default()
        },
    );
    let start = conv.inserted_at.unwrap_or(state.now);
    vec![Cmd::LoadCustomer {
        page: conv.page_id.clone(),
        customer_id,
        psid: conv.customer.fb_id.clone(),
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
    state.dirty = true;
    vec![]
}
