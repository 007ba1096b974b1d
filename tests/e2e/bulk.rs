//! End to end: re-assign everything of a colleague on leave, in two steps
//! (filter, mark all, assign), against the simulator's rate limit.

use std::time::Duration;

use crate::common::tmux::wait_for;
use crate::common::world::World;
use serde_json::Value;

#[test]
fn bulk_reassign_of_a_colleagues_conversations_respects_the_rate_limit() {
    let world = World::new(800);
    let users = world.sim.users_json(&world.page)["users"]
        .as_array()
        .unwrap()
        .clone();
    let (new, old) = (
        users[0]["id"].as_str().unwrap().to_string(),
        users[1]["id"].as_str().unwrap().to_string(),
    );
    let old_name = users[1]["name"].as_str().unwrap().to_string();
    let theirs: Vec<String> = world
        .sim
        .conversation_ids(&world.page)
        .into_iter()
        .filter(|id| {
            world.conv(id)["assignee_ids"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a.as_str() == Some(old.as_str()))
        })
        .collect();
    assert!(theirs.len() >= 80, "a real bulk: {}", theirs.len());

    let tmux = world.inbox(120, 36);
    tmux.wait_screen("the whole list", |s| s.contains("800 conversations"));
    // Step 1: everything of the colleague (a local filter on the loaded list).
    let last_name = old_name.split_whitespace().last().unwrap().to_lowercase();
    tmux.keys(&["f"]);
    tmux.type_text(&format!("@{last_name}"));
    tmux.keys(&["Enter"]);
    tmux.wait_screen("the filtered list", |s| {
        s.contains(&format!("{} shown", theirs.len()))
    });
    // Step 2: mark all, assign to the new person, confirm the preview.
    tmux.keys(&["*", "a"]);
    tmux.wait_screen("the bulk staff picker", |s| s.contains("Re-assign"));
    tmux.keys(&["Space", "Enter"]);
    let preview = tmux.wait_screen("the cost preview", |s| s.contains("requests, about"));
    assert!(
        preview.contains(&format!("{} requests", theirs.len())),
        "{preview}"
    );
    tmux.keys(&["Enter"]);

    let patience = Duration::from_secs(theirs.len() as u64 / 5 + 60);
    let start = std::time::Instant::now();
    wait_for("every conversation re-assigned", || {
        assert!(start.elapsed() < patience, "too slow");
        theirs
            .iter()
            .all(|id| world.conv(id)["assignee_ids"] == Value::from(vec![new.clone()]))
    });
    let log = world.sim.requests();
    let assigns = log.iter().filter(|r| r.path.ends_with("/assign")).count();
    assert_eq!(
        assigns,
        theirs.len(),
        "one request per conversation, none repeated"
    );
    assert!(log.iter().all(|r| !r.rate_limited()), "never rate limited");
    // The log is in answer order; windows are about arrival.
    let mut times: Vec<Duration> = log.iter().map(|r| r.at).collect();
    times.sort();
    for (i, t) in times.iter().enumerate() {
        let n = times[i..]
            .iter()
            .take_while(|u| **u - *t < Duration::from_secs(1))
            .count();
        assert!(n <= 5, "{n} requests within one second");
    }
    tmux.wait_screen("the bulk result", |s| {
        s.contains(&format!("{} done, 0 failed", theirs.len()))
    });
    tmux.quit();
}
