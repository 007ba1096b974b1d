//! End to end: the fault matrix. The real binary in tmux against the
//! simulator, with each fault switched on while the agent works from the
//! keyboard (tag, assign, mark unread, open = mark read, reply), then
//! switched off. Nothing may be lost and nothing may happen twice.
//!
//! The oracle is the simulator: its request log and its final state.
//!
//! - Every action took effect exactly once: exactly one POST per action was
//!   answered 2xx, no other POST was, and the simulator holds what the agent
//!   asked (the tag, the assignees, `seen`, the reply once in the thread).
//! - Attempts that were not answered 2xx were answered by the fault itself
//!   (0 = dropped, 5xx, the storm's 429) or the page's rate limit (429),
//!   never by a rejection of what the app sent (400, 404).
//! - The UI never froze: while a 429 storm is on (it lasts until the test
//!   clears it, so a UI waiting on the network could never answer) the help
//!   overlay opens in a frame that still shows the agent's actions
//!   unconfirmed and before any POST succeeded; under 2 s latency the help
//!   overlay is drawn in the same frame as a pending action.
//!
//! Dropped connections make a POST ambiguous: the client cannot tell whether
//! Pancake applied it. This simulator applies faults before routing (see
//! `src/sim/server/mod.rs`), so a dropped or 5xx-answered request never took
//! effect here, and "one 2xx" is also "one effect". Against the real service
//! it may have, so the app's design decides, and the oracle checks it:
//!
//! - Idempotent actions (tag add/remove, set assignees, read/unread) may be
//!   sent again (client retries, the automatic resend of transient failures
//!   after the next good sync, `x`); the final state must be exactly right.
//! - A reply is never sent again by the app after a failure: it stays in the
//!   thread marked FAILED and the agent decides (`x` resends it). So the reply
//!   attempts are at most one plus the agent's `x` presses, and exactly one is
//!   stored. The drop test forces the ambiguous case (every connection drops
//!   while the reply leaves) so it is exercised on every run.
//!
//! Two more tests are about order: the agent's later action on the same
//! thing (here an undo) decides. It reaches Pancake after an earlier action
//! that is still being retried, and an earlier action that failed is not
//! resent over it.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::common::tmux::{Tmux, wait_for};
use crate::common::world::World;
use pancake_tui::sim::{Faults, LoggedRequest};
use serde_json::Value;

const W: u16 = 160;
const H: u16 = 52;

/// A conversation the test acts on, found in the app by a unique word.
struct Target {
    id: String,
    token: String,
}

/// Plain INBOX conversations, each given a new customer message carrying a
/// unique search token (the token makes `/` select exactly it).
fn targets(world: &World, n: usize) -> Vec<Target> {
    let ids: Vec<String> = world
        .sim
        .conversation_ids(&world.page)
        .into_iter()
        .filter(|id| {
            let c = world.conv(id);
            c["type"] == "INBOX"
                && c["customers"][0]["name"]
                    .as_str()
                    .is_some_and(|n| n.chars().all(|ch| ch.is_alphabetic() || ch == ' '))
        })
        .take(n)
        .collect();
    assert_eq!(ids.len(), n, "enough plain inbox conversations");
    ids.into_iter()
        .enumerate()
        .map(|(i, id)| {
            let token = format!("qzxj70{:02}", i + 1);
            world
                .sim
                .inject_customer_message(&world.page, &id, &format!("Mã đơn {token} ạ"));
            Target { id, token }
        })
        .collect()
}

/// Mark a conversation read on the simulator itself (setup, not the app).
fn mark_read_on_server(world: &World, conv: &str) {
    let main = world.sim.main_page();
    let url = format!(
        "{}/public_api/v1/pages/{}/conversations/{conv}/read",
        world.sim.base_url(),
        main.id
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (status, body) = rt.block_on(async {
        let r = reqwest::Client::builder()
            .no_proxy()
            .build()
            .unwrap()
            .post(url)
            .query(&[("page_access_token", main.token)])
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json::<Value>().await.unwrap_or(Value::Null))
    });
    // An error may come inside a 200 (`success: false`).
    assert!(
        status.is_success() && body["success"] == true,
        "setup: mark read answered {status} {body}"
    );
}

fn status_line(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// `N` of the status bar's "N failed (x retry · X drop)".
fn failed_count(status: &str) -> Option<usize> {
    let head = &status[..status.find(" failed (x")?];
    head.split_whitespace().last()?.parse().ok()
}

/// Nothing pending or failed: not in the status bar, not on any row.
fn ui_settled(screen: &str) -> bool {
    let status = status_line(screen);
    !status.contains("pending")
        && !status.contains("failed (x")
        && !status.contains("waiting for Pancake")
        && !screen.contains("I…│")
        && !screen.contains("I!│")
        && !screen.contains("FAILED")
        && !screen.contains("sending…")
}

fn posts_to(log: &[LoggedRequest], conv: &str, action: &str) -> Vec<LoggedRequest> {
    let suffix = format!("/conversations/{conv}/{action}");
    log.iter()
        .filter(|r| r.method == "POST" && r.path.ends_with(&suffix))
        .cloned()
        .collect()
}

/// Confirmed: HTTP 200 and not an error inside it.
fn ok(r: &LoggedRequest) -> bool {
    r.ok()
}

fn string_set(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| match x {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

/// Type a search that selects exactly the target (its token is unique).
fn select(tmux: &Tmux, t: &Target) {
    tmux.keys(&["/"]);
    // Clear the previous search (tokens all have the same length).
    tmux.keys(&["BSpace"; 8]);
    tmux.type_text(&t.token);
    tmux.keys(&["Enter"]);
    tmux.wait_screen(&format!("only {} listed", t.token), |s| {
        s.contains("· 1 shown") && s.contains(&format!("/{}", t.token))
    });
}

#[derive(Clone, Copy, PartialEq)]
enum Fault {
    ServerErrors,
    Storm429,
    Latency,
    Drops,
}

impl Fault {
    fn faults(self) -> Faults {
        match self {
            Fault::ServerErrors => Faults {
                error_rate: 0.3,
                ..Faults::default()
            },
            Fault::Storm429 => Faults {
                storm_429: true,
                ..Faults::default()
            },
            Fault::Latency => Faults {
                latency: Duration::from_secs(2),
                ..Faults::default()
            },
            Fault::Drops => Faults {
                drop_rate: 0.3,
                ..Faults::default()
            },
        }
    }

    /// Statuses the fault itself answers with (besides 429, allowed always).
    /// The fault itself answered `r` (a 5xx, as a status or as
    /// `error_code` 500 in a 200; a dropped connection).
    fn answered(self, r: &LoggedRequest) -> bool {
        match self {
            Fault::ServerErrors => r.server_error(),
            Fault::Storm429 => false,
            Fault::Latency => false,
            Fault::Drops => r.status == 0,
        }
    }
}

/// The whole scenario for one fault.
fn survive(fault: Fault) {
    let world = World::new(120);
    let t = targets(&world, 4);
    let (a, b, c, d) = (&t[0], &t[1], &t[2], &t[3]);
    // C starts read, so that `u` marks it unread; D is unread and gets opened.
    mark_read_on_server(&world, &c.id);
    world.sim.clear_requests();

    let tags_before = string_set(&world.conv(&a.id)["tags"]);
    let assignees_before = string_set(&world.conv(&b.id)["assignee_ids"]);
    let users = world.sim.users_json(&world.page)["users"]
        .as_array()
        .unwrap()
        .clone();
    let idx = users
        .iter()
        .position(|u| !assignees_before.contains(u["id"].as_str().unwrap()))
        .expect("someone not yet assigned");
    let new_user = users[idx]["id"].as_str().unwrap().to_string();
    assert!(!world.conv(&d.id)["seen"].as_bool().unwrap());
    assert!(world.conv(&c.id)["seen"].as_bool().unwrap());

    let tmux = world.inbox(W, H);
    tmux.wait_screen("the whole list", |s| s.contains("120 conversations"));
    wait_for("tags and staff loaded", || {
        let log = world.sim.requests();
        ["/tags", "/users"].iter().all(|p| {
            log.iter()
                .any(|r| r.method == "GET" && r.path.ends_with(p) && ok(r))
        })
    });

    world.sim.set_faults(fault.faults());

    // Tag: the picker toggles its first tag at once.
    select(&tmux, a);
    tmux.keys(&["t"]);
    tmux.wait_screen("the tag picker", |s| s.contains("Tags for"));
    tmux.keys(&["Space", "Escape"]);
    tmux.wait_screen("the tag picker closed", |s| !s.contains("Tags for"));

    // Assign: add the first person not yet assigned.
    select(&tmux, b);
    tmux.keys(&["a"]);
    tmux.wait_screen("the staff picker", |s| s.contains("Assign "));
    for _ in 0..idx {
        tmux.keys(&["Down"]);
    }
    tmux.keys(&["Space", "Enter"]);
    tmux.wait_screen("the staff picker closed", |s| !s.contains("Assign "));

    // Mark unread.
    select(&tmux, c);
    tmux.keys(&["u"]);

    // Open (marks read), then reply.
    select(&tmux, d);
    tmux.keys(&["Enter", "r"]);
    tmux.wait_screen("the composer", |s| s.contains("Reply ·"));
    let text = format!("Dạ shop nhận đơn {} rồi ạ", d.token);
    if fault == Fault::Drops {
        // The ambiguous case on every run: this reply's connection drops.
        world.sim.set_faults(Faults {
            drop_rate: 1.0,
            ..Faults::default()
        });
    }
    tmux.type_text(&text);
    tmux.keys(&["Enter"]);
    tmux.wait_screen("the reply in the thread", |s| s.contains(&text));

    match fault {
        Fault::Storm429 => {
            tmux.keys(&["?"]);
            let s = tmux.wait_screen("help while the storm is on", |s| s.contains("Esc closes)"));
            let log = world.sim.requests();
            assert!(
                !log.iter().any(|r| r.method == "POST" && ok(r)),
                "the storm is on: no action can have been confirmed yet"
            );
            assert!(
                log.iter().any(|r| r.method == "POST" && r.rate_limited()),
                "actions were sent and refused"
            );
            let status = status_line(&s);
            assert!(
                status.contains("pending")
                    || status.contains("failed (x")
                    || status.contains("waiting for Pancake"),
                "the same frame shows the actions unconfirmed: {status}"
            );
            tmux.keys(&["?"]);
            tmux.wait_screen("help closed while the storm is on", |s| {
                !s.contains("Esc closes)")
            });
        }
        Fault::Latency => {
            tmux.keys(&["?"]);
            tmux.wait_screen("help drawn while an action is pending", |s| {
                s.contains("Esc closes)") && status_line(s).contains("pending")
            });
            tmux.keys(&["?"]);
            tmux.wait_screen("help closed", |s| !s.contains("Esc closes)"));
        }
        Fault::Drops => {
            tmux.wait_screen("the reply marked failed", |s| s.contains("FAILED"));
            let replies = posts_to(&world.sim.requests(), &d.id, "messages");
            assert_eq!(
                replies.len(),
                1,
                "a reply whose connection dropped is not resent by the app: {replies:?}"
            );
            assert_eq!(replies[0].status, 0);
        }
        Fault::ServerErrors => {}
    }

    // Pancake is well again. Transient failures go again by themselves after
    // the next good sync (R asks for it now when the sync is backing off);
    // what is still marked failed the agent resends with x.
    world.sim.set_faults(Faults::default());
    let delivered = || {
        let log = world.sim.requests();
        posts_to(&log, &a.id, "tags").iter().any(ok)
            && posts_to(&log, &b.id, "assign").iter().any(ok)
            && posts_to(&log, &c.id, "unread").iter().any(ok)
            && posts_to(&log, &d.id, "read").iter().any(ok)
            && posts_to(&log, &d.id, "messages").iter().any(ok)
    };
    let mut x_presses = 0;
    loop {
        let screen = tmux.wait_screen("delivery, a failure to retry or a sync to nudge", |s| {
            let status = status_line(s);
            (ui_settled(s) && delivered())
                || failed_count(status).is_some()
                || status.contains("retry in")
        });
        let status = status_line(&screen);
        if let Some(n) = failed_count(status) {
            // The agent retries what is marked failed.
            tmux.keys(&["x"]);
            x_presses += 1;
            tmux.wait_screen("the retry taken", |s| {
                failed_count(status_line(s)) != Some(n)
            });
        } else if status.contains("retry in") {
            // The sync is backing off: the agent refreshes now.
            tmux.keys(&["R"]);
            tmux.wait_screen("the sync going again", |s| {
                !status_line(s).contains("retry in")
            });
        } else {
            break;
        }
    }

    // The oracle: the simulator's log and state.
    let log = world.sim.requests();
    let posts: Vec<&LoggedRequest> = log.iter().filter(|r| r.method == "POST").collect();
    let confirmed: Vec<&&LoggedRequest> = posts.iter().filter(|r| ok(r)).collect();
    let expected = [
        (&a.id, "tags"),
        (&b.id, "assign"),
        (&c.id, "unread"),
        (&d.id, "read"),
        (&d.id, "messages"),
    ];
    for (conv, action) in expected {
        let n = posts_to(&log, conv, action)
            .iter()
            .filter(|r| ok(r))
            .count();
        assert_eq!(n, 1, "{action} on {conv}: exactly one confirmed request");
    }
    assert_eq!(
        confirmed.len(),
        expected.len(),
        "no other action was confirmed: {confirmed:?}"
    );
    // 429 may also come from the page's own limit: the client spaces its
    // requests by when they leave, the simulator counts when they arrive, and
    // a reconnect after a fault can close the gap (the client retries those).
    for r in &posts {
        assert!(
            ok(r) || r.rate_limited() || fault.answered(r),
            "every refusal came from the fault or the rate limit, not from what \
             the app sent: {r:?}"
        );
    }

    // What the agent asked is what Pancake holds.
    let tag_post = posts_to(&log, &a.id, "tags").into_iter().find(ok).unwrap();
    let body: Value = serde_json::from_str(&tag_post.body).unwrap();
    let tag = body["tag_id"].as_str().unwrap().to_string();
    let mut tags_expected = tags_before.clone();
    if body["action"] == "add" {
        assert!(!tags_before.contains(&tag));
        tags_expected.insert(tag);
    } else {
        assert_eq!(body["action"], "remove");
        tags_expected.remove(&tag);
    }
    assert_eq!(string_set(&world.conv(&a.id)["tags"]), tags_expected);
    let mut assignees_expected = assignees_before.clone();
    assignees_expected.insert(new_user);
    assert_eq!(
        string_set(&world.conv(&b.id)["assignee_ids"]),
        assignees_expected
    );
    assert_eq!(world.conv(&c.id)["seen"], false, "C marked unread");
    assert_eq!(world.conv(&d.id)["seen"], true, "D read");
    let stored = world
        .sim
        .messages_json(&world.page, &d.id)
        .iter()
        .filter(|m| m["original_message"] == text.as_str() || m["message"] == text.as_str())
        .count();
    assert_eq!(stored, 1, "the reply is in the thread exactly once");
    let attempts = posts_to(&log, &d.id, "messages").len();
    assert!(
        attempts <= 1 + x_presses,
        "the reply was sent {attempts} times with {x_presses} x presses: \
         the app resent it on its own"
    );
    if fault == Fault::Drops {
        assert!(attempts >= 2, "the dropped reply was resent by the agent");
    }

    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0, "screen:\n{}", tmux.screen());
}

#[test]
fn thirty_percent_server_errors_lose_nothing_and_repeat_nothing() {
    survive(Fault::ServerErrors);
}

#[test]
fn a_429_storm_loses_nothing_and_the_ui_keeps_answering() {
    survive(Fault::Storm429);
}

#[test]
fn two_seconds_of_latency_lose_nothing_and_the_ui_keeps_answering() {
    survive(Fault::Latency);
}

#[test]
fn dropped_connections_lose_nothing_and_a_reply_is_never_resent_by_itself() {
    survive(Fault::Drops);
}

#[test]
fn an_undo_reaches_pancake_after_the_retried_action_it_undoes() {
    let world = World::new(120);
    let t = targets(&world, 1);
    let a = &t[0];
    let tags_before = string_set(&world.conv(&a.id)["tags"]);
    let tmux = world.inbox(W, H);
    tmux.wait_screen("the whole list", |s| s.contains("120 conversations"));
    wait_for("tags loaded", || {
        world
            .sim
            .requests()
            .iter()
            .any(|r| r.method == "GET" && r.path.ends_with("/tags") && ok(r))
    });
    select(&tmux, a);

    // The tag change meets a 429 and waits for its retry (Retry-After: 1)...
    world.sim.set_faults(Fault::Storm429.faults());
    tmux.keys(&["t"]);
    tmux.wait_screen("the tag picker", |s| s.contains("Tags for"));
    tmux.keys(&["Space", "Escape"]);
    wait_for("the tag change refused once", || {
        posts_to(&world.sim.requests(), &a.id, "tags")
            .iter()
            .any(|r| r.rate_limited())
    });
    // ...while Pancake is back and the agent undoes it at once.
    world.sim.set_faults(Faults::default());
    tmux.wait_screen("the tag picker closed", |s| !s.contains("Tags for"));
    tmux.keys(&["z"]);
    wait_for("both changes confirmed", || {
        posts_to(&world.sim.requests(), &a.id, "tags")
            .iter()
            .filter(|r| ok(r))
            .count()
            >= 2
    });
    tmux.wait_screen("nothing pending", ui_settled);

    let confirmed: Vec<Value> = posts_to(&world.sim.requests(), &a.id, "tags")
        .iter()
        .filter(|r| ok(r))
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect();
    assert_eq!(confirmed.len(), 2, "{confirmed:?}");
    assert_eq!(
        confirmed[0]["tag_id"], confirmed[1]["tag_id"],
        "the undo is about the same tag"
    );
    let first = if tags_before.contains(confirmed[0]["tag_id"].as_str().unwrap()) {
        "remove"
    } else {
        "add"
    };
    let reverse = if first == "add" { "remove" } else { "add" };
    assert_eq!(
        (
            confirmed[0]["action"].as_str(),
            confirmed[1]["action"].as_str()
        ),
        (Some(first), Some(reverse)),
        "the action, then its undo, in the order the agent gave them"
    );
    assert_eq!(
        string_set(&world.conv(&a.id)["tags"]),
        tags_before,
        "undone on Pancake too"
    );
    tmux.quit();
}

#[test]
fn a_failed_action_is_not_resent_over_the_agents_later_undo() {
    let world = World::new(120);
    let t = targets(&world, 1);
    let a = &t[0];
    let tags_before = string_set(&world.conv(&a.id)["tags"]);
    let tmux = world.inbox(W, H);
    tmux.wait_screen("the whole list", |s| s.contains("120 conversations"));
    wait_for("tags loaded", || {
        world
            .sim
            .requests()
            .iter()
            .any(|r| r.method == "GET" && r.path.ends_with("/tags") && ok(r))
    });
    select(&tmux, a);

    // The tag change fails for good (every retry meets the storm)...
    world.sim.set_faults(Fault::Storm429.faults());
    tmux.keys(&["t"]);
    tmux.wait_screen("the tag picker", |s| s.contains("Tags for"));
    tmux.keys(&["Space", "Escape"]);
    tmux.wait_screen("the tag change waiting for Pancake", |s| {
        status_line(s).contains("1 waiting for Pancake")
    });
    // ...Pancake is back, and the agent undoes it rather than retrying it.
    world.sim.set_faults(Faults::default());
    tmux.keys(&["z"]);
    wait_for("the undo confirmed", || {
        posts_to(&world.sim.requests(), &a.id, "tags")
            .iter()
            .any(ok)
    });
    // A good sync resends transient failures: the moot one must not go.
    let mark = world.sim.requests().len();
    tmux.keys(&["R"]);
    wait_for("a good sync", || {
        world.sim.requests()[mark..]
            .iter()
            .any(|r| r.path.ends_with("/conversations") && ok(r))
    });
    tmux.wait_screen("nothing pending or failed", ui_settled);

    let tags: Vec<Value> = posts_to(&world.sim.requests(), &a.id, "tags")
        .iter()
        .filter(|r| ok(r))
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect();
    assert_eq!(tags.len(), 1, "only the undo went through: {tags:?}");
    assert_eq!(
        string_set(&world.conv(&a.id)["tags"]),
        tags_before,
        "the tag is as before on Pancake"
    );
    tmux.quit();
}

#[test]
fn a_refresh_after_the_backfill_failed_part_way_still_loads_the_whole_list() {
    let world = World::new(1200);
    let tmux = world.inbox(W, H);
    let paging = |r: &LoggedRequest| {
        r.path.ends_with("/conversations")
            && r.query.iter().any(|(k, _)| k == "last_conversation_id")
    };
    wait_for("the backfill past its first page", || {
        world.sim.requests().iter().any(|r| paging(r) && ok(r))
    });
    world.sim.set_faults(Fault::Storm429.faults());
    tmux.wait_screen("the sync failing", |s| status_line(s).contains("retry in"));
    assert!(
        world
            .sim
            .requests()
            .iter()
            .any(|r| paging(r) && r.rate_limited()),
        "it failed part-way, at a cursor"
    );
    world.sim.set_faults(Faults::default());
    tmux.keys(&["R"]);
    tmux.wait_screen("the whole list", |s| s.contains("1,200 conversations"));
    tmux.quit();
}
