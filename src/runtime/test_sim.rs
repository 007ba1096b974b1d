//! For the runtime's tests: the simulator with an inbox conversation to
//! work on, and the tasks of one page talking to an API over HTTP.

use std::sync::Arc;

use secrecy::SecretString;
use tokio::sync::mpsc::UnboundedReceiver;

use crate::api::{Client, ClientConfig, PageId};
use crate::app::Msg;
use crate::runtime::tasks::{PageRuntime, Tasks};
use crate::sim::{SimConfig, SimHandle, SimPage, Simulator};
use crate::store::Store;

/// A simulator of 20 conversations started: it, its main page, that page's
/// id and the id of the first inbox conversation there.
pub async fn inbox_on_sim() -> (SimHandle, SimPage, PageId, String) {
    let sim = Simulator::start(SimConfig {
        conversations: 20,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let main = sim.main_page();
    let page = PageId::new(main.id.clone());
    let conv_id = sim
        .conversation_ids(&main.id)
        .into_iter()
        .find(|id| sim.conversation_json(&main.id, id).unwrap()["type"] == "INBOX")
        .expect("an inbox conversation");
    (sim, main, page, conv_id)
}

/// Tasks for one page of the API at `base_url`, and the app's end of
/// their channel.
pub fn tasks_on(
    base_url: String,
    page: &PageId,
    token: &str,
    store: Option<Arc<Store>>,
) -> (Tasks, UnboundedReceiver<Msg>) {
    let client = Client::new(ClientConfig {
        base_url,
        ..ClientConfig::default()
    })
    .unwrap();
    let api = client.page(page.clone(), SecretString::from(token.to_string()));
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    (
        Tasks::new(
            vec![PageRuntime {
                api,
                store,
                team: None,
            }],
            tx,
        ),
        rx,
    )
}
