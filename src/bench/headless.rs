//! Headless inboxes for the benchmarks: the app's update loop, its
//! background tasks (and the page's team on Redis, if any) and rendering
//! into a test terminal, without a tty, as many as a benchmark wants on one
//! simulator.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use secrecy::SecretString;
use tokio::sync::mpsc;

use crate::api::budget::BudgetConfig;
use crate::api::{Client, ClientConfig, PageId, UnixSeconds};
use crate::app::{self, Msg, State};
use crate::runtime::tasks::{PageRuntime, Tasks};
use crate::sim::SimHandle;

/// One inbox on the simulator's main page with `budget`, joined to the
/// team's Redis `team` if given; its first commands (the backfill) sent.
pub(super) fn app(
    sim: &SimHandle,
    budget: &BudgetConfig,
    team: Option<redis::Client>,
) -> anyhow::Result<App> {
    let main = sim.main_page();
    let client = Client::new(ClientConfig {
        base_url: sim.base_url(),
        budget: budget.clone(),
        ..ClientConfig::default()
    })?;
    let api = client.page(
        PageId::new(main.id.clone()),
        SecretString::from(main.token.clone()),
    );
    let (tx, rx) = mpsc::unbounded_channel();
    let link = team.map(|c| {
        let tx = tx.clone();
        crate::team::join(c, api.page_id().clone(), move |page, news| {
            tx.send(Msg::Team(page, news)).is_ok()
        })
    });
    let tasks = Tasks::new(
        vec![PageRuntime {
            api: api.clone(),
            store: None,
            team: link,
        }],
        tx.clone(),
    );
    let mut state = State::new(
        vec![(PageId::new(main.id.clone()), main.name.clone())],
        app::Settings::default(),
    );
    state.viewport = crate::ui::layout::viewport(120, 40);
    for cmd in app::init(&mut state) {
        tasks.spawn(cmd);
    }
    Ok((
        state,
        tasks,
        tx,
        rx,
        Terminal::new(TestBackend::new(120, 40))?,
        api,
    ))
}

/// A page's team keys left by an earlier run are removed: its reader lease
/// and shared reads would otherwise outlive the simulator they came from.
pub(super) async fn clear_team(client: &redis::Client, page: &str) -> anyhow::Result<()> {
    let mut c = client.get_multiplexed_async_connection().await?;
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg(format!("pancake-tui:*{page}*"))
        .query_async(&mut c)
        .await?;
    if !keys.is_empty() {
        redis::cmd("DEL")
            .arg(keys)
            .query_async::<()>(&mut c)
            .await?;
    }
    Ok(())
}

pub(super) type App = (
    State,
    Tasks,
    mpsc::UnboundedSender<Msg>,
    mpsc::UnboundedReceiver<Msg>,
    Terminal<TestBackend>,
    crate::api::PageApi,
);

/// Every app handles what came in (a tick each 100 ms drives its polls)
/// and draws when something changed: the text of each frame drawn now.
pub(super) async fn step(apps: &mut [App]) -> anyhow::Result<Vec<Option<String>>> {
    tokio::time::sleep(Duration::from_millis(50)).await;
    let mut frames = Vec::new();
    for (state, tasks, tx, rx, term, api) in apps.iter_mut() {
        let _ = tx.send(Msg::Tick(UnixSeconds::now()));
        // As the event loop's ticks do: the budget tells who shares the page.
        let _ = tx.send(Msg::Headroom(
            api.page_id().clone(),
            api.client().headroom(api.page_id()),
        ));
        while let Ok(msg) = rx.try_recv() {
            for cmd in app::update(state, msg) {
                tasks.spawn(cmd);
            }
        }
        if state.dirty {
            state.dirty = false;
            let frame = term.draw(|f| crate::ui::render(state, f))?;
            let text: String = frame.buffer.content().iter().map(|c| c.symbol()).collect();
            frames.push(Some(text));
        } else {
            frames.push(None);
        }
    }
    Ok(frames)
}
