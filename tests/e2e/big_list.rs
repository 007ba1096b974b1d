//! End to end: a search over a page longer than one scan step
//! (`app::search::SCAN_STEP`) goes on in steps through the real event loop
//! (`Cmd::SearchStep` comes back as `Msg::SearchStep` after a frame), finds
//! a name far down the list, and starts again when more is typed.
//!
//! The page is the simulator's own (its conversations built in-process),
//! put in the app's cache beforehand the way a long sync leaves it
//! (`bench start` does the same): the app paints it from the cache and
//! only asks the simulator what changed since, instead of 30,000
//! conversations in 500 list calls at 5 a second.

use std::time::Instant;

use crate::common::tmux::Tmux;
use crate::common::world::{BIN, World};
use pancake_tui::api::models::RawConversation;
use pancake_tui::api::{Conversation, PageId, UnixSeconds};
use pancake_tui::app::Meta;
use pancake_tui::app::search::SCAN_STEP;
use pancake_tui::store::{Store, page_path};

/// More than one scan step, whatever the step.
const CONVERSATIONS: usize = 30_000;
const _: () = assert!(CONVERSATIONS > SCAN_STEP + 2_000);

/// A conversation of the simulator's main page, read as the app reads a
/// list answer.
fn read(world: &World, id: &str) -> Conversation {
    let raw: RawConversation = serde_json::from_value(world.conv(id)).unwrap();
    raw.into_model(&PageId::new(world.page.clone()))
}

/// The simulator's main page written into the cache under `cache` as a
/// finished sync leaves it: every conversation, the time of the newest.
fn fill_cache(world: &World, cache: &std::path::Path) {
    let page = PageId::new(world.page.clone());
    let convs: Vec<Conversation> = world
        .sim
        .conversation_ids(&world.page)
        .iter()
        .map(|id| read(world, id))
        .collect();
    assert_eq!(convs.len(), CONVERSATIONS, "every conversation read");
    let path = page_path(&cache.join("pancake-tui"), &page);
    let (store, _) = Store::open(&path).unwrap();
    store.save_conversations(&convs).unwrap();
    let newest: Option<UnixSeconds> = convs.iter().filter_map(|c| c.updated_at).max();
    let meta = Meta {
        last_sync: newest,
        complete: true,
        ..Meta::default()
    };
    store.save_meta("sync", &meta).unwrap();
}

/// Which of `names` (customers' names no other text on screen has) are
/// on screen, sorted.
fn listed<'a>(screen: &str, names: &[&'a str]) -> Vec<&'a str> {
    let mut found: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| screen.contains(n))
        .collect();
    found.sort_unstable();
    found
}

#[test]
fn a_search_over_thirty_thousand_goes_in_steps_finds_the_far_match_and_restarts_on_a_key() {
    let began = Instant::now();
    let world = World::new(CONVERSATIONS);
    // Names no other conversation has (no Vietnamese word has a z): one
    // near the top of the list, two far down it, past the first step.
    let ids = world.sim.conversation_ids(&world.page);
    let far = SCAN_STEP + (CONVERSATIONS - SCAN_STEP) / 2;
    let (near_id, far_id, decoy_id) = (&ids[2], &ids[far], &ids[far + 1_000]);
    // Older than the last conversation of the first step, however the app
    // orders conversations of the same time.
    let updated = |id: &str| read(&world, id).updated_at;
    assert!(
        updated(far_id) < updated(&ids[SCAN_STEP - 1]),
        "the far one is past the first step"
    );
    world
        .sim
        .set_customer_name(&world.page, near_id, "Zebu Gần");
    world.sim.set_customer_name(&world.page, far_id, "Zebra Xa");
    world
        .sim
        .set_customer_name(&world.page, decoy_id, "Zebrina Xa");
    let names = ["Zebra Xa", "Zebrina Xa", "Zebu Gần"];

    let cache = std::env::temp_dir().join(format!("pancake-bigsearch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    fill_cache(&world, &cache);
    let seeded = began.elapsed();

    let main = world.sim.main_page();
    let tmux = Tmux::start(
        BIN,
        &[],
        &[
            ("PANCAKE_API_URL", world.sim.base_url()),
            ("PANCAKE_PAGE_ID", main.id.clone()),
            ("PANCAKE_PAGE_ACCESS_TOKEN", main.token.clone()),
            ("XDG_CACHE_HOME", cache.display().to_string()),
        ],
        120,
        40,
    );
    // Every cached conversation is in: the All tab counts them.
    tmux.wait_screen("the whole cache loaded", |s| s.contains("1 All 30000 "));
    let loaded = began.elapsed();

    // `zeb` matches all three; the far ones only a later step reaches.
    tmux.keys(&["/"]);
    tmux.type_text("zeb");
    let screen = tmux.wait_screen("the three matches, the scan ended", |s| {
        listed(s, &names) == names && s.contains("· 3 shown") && !s.contains("searching…")
    });
    assert!(screen.contains("/zeb"), "{screen}");

    // Two more keys in one write: `r` starts a scan (its first step ranks
    // the top of the list, the far ones are not reached) and `a` is read
    // before that scan's next step, so it starts again with `zebra`. What
    // is left is the matches of the whole query: the far one alone, not
    // the decoy `zebr` would find.
    tmux.type_text("ra");
    let screen = tmux.wait_screen("the far match alone", |s| {
        s.contains("/zebra") && s.contains("· 1 shown") && !s.contains("searching…")
    });
    assert_eq!(listed(&screen, &names), ["Zebra Xa"], "{screen}");

    // The search is the app's own: Pancake was never asked it.
    let asked: Vec<_> = world
        .sim
        .requests()
        .into_iter()
        .filter(|r| {
            r.path.to_lowercase().contains("zeb")
                || r.query
                    .iter()
                    .any(|(_, v)| v.to_lowercase().contains("zeb"))
        })
        .collect();
    assert!(asked.is_empty(), "{asked:?}");
    // The search line lets go of the keyboard, the search kept; then quit.
    tmux.keys(&["Enter"]);
    tmux.wait_screen("the search line left", |s| !s.contains("/zebra▏"));
    tmux.quit();
    let _ = std::fs::remove_dir_all(&cache);
    eprintln!(
        "{CONVERSATIONS} conversations: simulator and cache {:.1} s, loaded in the app at {:.1} s, done at {:.1} s",
        seeded.as_secs_f64(),
        loaded.as_secs_f64(),
        began.elapsed().as_secs_f64()
    );
}
