//! End to end: the thread's links (`v`), the customer panel (`c`) and the
//! numbers (`S`), the real binary in tmux against the simulator. The
//! oracles: the bytes the app writes (tmux's pipe-pane), tmux's own paste
//! buffer, the simulator's request log, the screen.

use crate::common::tmux::wait_for;
use crate::common::world::{World, first_word};

/// Standard base64 decoding, written here so the app's encoder is checked
/// by something else.
fn unbase64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes().filter(|&c| c != b'=') {
        acc = (acc << 6) | u32::from(val(c));
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// The texts of every OSC 52 sequence in a byte stream, decoded.
fn clipboard_writes(bytes: &[u8]) -> Vec<String> {
    let s = String::from_utf8_lossy(bytes);
    s.split("\x1b]52;c;")
        .skip(1)
        .map(|rest| {
            let end = rest.find(['\x07', '\x1b']).expect("the sequence ends");
            String::from_utf8(unbase64(&rest[..end])).expect("UTF-8")
        })
        .collect()
}

#[test]
fn v_lists_the_threads_links_and_enter_copies_the_url_through_osc_52() {
    let world = World::new(40);
    let url = "https://shop.example/don-hang/8841?ma=XK-77";
    let (_top, name) = world.plain_inbox_on_top(&format!("đơn của em đây {url} nhé"));
    let tmux = world.inbox(110, 32);
    tmux.run(&["set", "-g", "set-clipboard", "on"]);
    let bytes = tmux.home.join("bytes.out");
    tmux.pipe_out(&bytes);
    tmux.wait_screen("the top conversation", |s| s.contains(&first_word(&name)));
    tmux.keys(&["Enter"]);
    tmux.wait_screen("the new message", |s| s.contains("đơn của em đây"));
    // The link the simulator served is the newest one: number 1.
    // (The list's snippet shows the text too: the thread's own request is
    // waited for.)
    wait_for("the thread from the simulator", || {
        world
            .sim
            .requests()
            .iter()
            .any(|r| r.path.ends_with("/messages") && r.method == "GET")
    });
    tmux.keys(&["v"]);
    tmux.wait_screen("the links", |s| {
        s.contains("Attachments and links") && s.contains(" 1 link")
    });
    tmux.keys(&["1", "Enter"]);
    tmux.wait_screen("the notice", |s| s.contains("copied https://shop.example"));
    wait_for("the OSC 52 write", || {
        std::fs::read(&bytes).is_ok_and(|b| !clipboard_writes(&b).is_empty())
    });
    let writes = clipboard_writes(&std::fs::read(&bytes).unwrap());
    assert_eq!(writes, [url], "exactly the URL, base64 by the app");
    // tmux took it as a paste buffer (set-clipboard on).
    wait_for("tmux's buffer", || tmux.run(&["show-buffer"]) == url);
    tmux.quit();
}

#[test]
fn c_shows_the_customer_loaded_from_page_customers_beside_the_thread() {
    let world = World::new(40);
    let (_top, name) = world.plain_inbox_on_top("cho em hỏi đơn cũ");
    let tmux = world.inbox(120, 40);
    tmux.wait_screen("the top conversation", |s| s.contains(&first_word(&name)));
    tmux.keys(&["Enter"]);
    tmux.wait_screen("the thread", |s| s.contains("cho em hỏi đơn cũ"));
    tmux.keys(&["c"]);
    let screen = tmux.wait_screen("the customer panel", |s| {
        s.contains(" Customer ")
            && s.contains("other conversations:")
            && !s.contains("loading the customer")
    });
    assert!(screen.contains("phones"), "{screen}");
    wait_for("page_customers asked", || {
        world
            .sim
            .requests()
            .iter()
            .any(|r| r.method == "GET" && r.path.contains("page_customers"))
    });
    // Hidden and shown again: cached, not asked again.
    let asked = |w: &World| {
        w.sim
            .requests()
            .iter()
            .filter(|r| r.path.contains("page_customers"))
            .count()
    };
    let before = asked(&world);
    tmux.keys(&["c"]);
    tmux.wait_screen("the panel hidden", |s| !s.contains(" Customer "));
    tmux.keys(&["c"]);
    tmux.wait_screen("the panel again", |s| s.contains("other conversations:"));
    assert_eq!(asked(&world), before, "cached per customer");
    tmux.quit();
}

/// Whether a note `text` is listed as saved: `· YYYY-MM-DD text` (one on
/// its way reads `… `, one refused `! `).
fn saved(screen: &str, text: &str) -> bool {
    screen.lines().any(|l| {
        l.match_indices(text).any(|(i, _)| {
            let before: Vec<char> = l[..i].chars().collect();
            before.len() >= 13 && before[before.len() - 13] == '·'
        })
    })
}

/// The customer's notes through the outbox: one added, changed, deleted
/// from the editor (`C`); the simulator's request log is the oracle:
/// exactly one POST, one PUT, one DELETE, each on the page customer's id
/// (not the global id, not the PSID), with the bodies pancake-api.md
/// § Notes gives.
#[test]
fn notes_are_added_edited_and_deleted_once_each_through_the_outbox() {
    let world = World::new(40);
    let (top, name) = world.plain_inbox_on_top("em muốn hẹn ngày giao");
    let conv = world.conv(&top);
    let pc = conv["page_customer"]["id"].as_str().unwrap().to_owned();
    assert_ne!(conv["customer_id"].as_str(), Some(pc.as_str()));
    let live = |w: &World| -> Vec<serde_json::Value> {
        w.conv(&top)["page_customer"]["notes"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|n| n["removed_at"].is_null())
            .collect()
    };
    let before = live(&world).len();
    let notes_path = format!("/page_customers/{pc}/notes");
    let count = |w: &World, m: &str| w.requests(m, |p| p.ends_with(&notes_path)).len();
    let tmux = world.inbox(200, 50);
    tmux.wait_screen("the top conversation", |s| s.contains(&first_word(&name)));
    tmux.keys(&["Enter"]);
    tmux.wait_screen("the thread", |s| s.contains("em muốn hẹn ngày giao"));
    tmux.keys(&["C"]);
    tmux.wait_screen("the editor", |s| s.contains("notes and record"));

    // Add.
    tmux.keys(&["a"]);
    tmux.type_text("Hẹn giao thứ bảy");
    tmux.keys(&["Enter"]);
    wait_for("the note added", || live(&world).len() == before + 1);
    // Shown as saved once Pancake's notes are read back (with its id).
    tmux.wait_screen("the note saved", |s| saved(s, "Hẹn giao thứ bảy"));
    let added = live(&world).last().cloned().unwrap();
    assert_eq!(added["message"], "Hẹn giao thứ bảy");
    let note_id = added["id"].as_str().unwrap().to_owned();

    // Edit: the new note is the last one.
    for _ in 0..before + 1 {
        tmux.keys(&["j"]);
    }
    tmux.keys(&["e", "C-u"]);
    tmux.type_text("Hẹn giao chủ nhật");
    tmux.keys(&["Enter"]);
    wait_for("the note changed", || {
        live(&world)
            .iter()
            .any(|n| n["message"] == "Hẹn giao chủ nhật")
    });
    tmux.wait_screen("the change shown", |s| {
        s.contains("Hẹn giao chủ nhật") && !s.contains("thứ bảy")
    });

    // Delete.
    tmux.keys(&["d"]);
    wait_for("the note deleted", || live(&world).len() == before);
    tmux.wait_screen("the note gone", |s| !s.contains("Hẹn giao chủ nhật"));

    // The oracle: once each, on the page customer's id, the documented bodies.
    assert_eq!(count(&world, "POST"), 1, "one add");
    assert_eq!(count(&world, "PUT"), 1, "one edit");
    assert_eq!(count(&world, "DELETE"), 1, "one deletion");
    let body = |m: &str| -> serde_json::Value {
        let r = world.requests(m, |p| p.ends_with(&notes_path)).remove(0);
        serde_json::from_str(&r.body).unwrap()
    };
    assert_eq!(
        body("POST"),
        serde_json::json!({"message": "Hẹn giao thứ bảy"})
    );
    assert_eq!(
        body("PUT"),
        serde_json::json!({"note_id": note_id, "message": "Hẹn giao chủ nhật"})
    );
    assert_eq!(body("DELETE"), serde_json::json!({"note_id": note_id}));
    // Nothing left in the outbox.
    tmux.keys(&["Escape"]);
    tmux.wait_screen("the editor closed", |s| !s.contains("notes and record"));
    tmux.keys(&["o"]);
    tmux.wait_screen("the outbox empty", |s| {
        s.contains("the outbox is empty: every action is confirmed")
    });
    tmux.quit();
}

/// The app is killed (kill -9) after Pancake added its note and before the
/// answer came back: the outbox still holds the note, marked as leaving.
/// The next start reads the customer's notes back, finds it there, and
/// does not post it again: the customer has it once.
#[test]
fn a_note_whose_answer_was_lost_in_a_crash_is_not_added_twice() {
    let world = World::new(40);
    let (top, name) = world.plain_inbox_on_top("cho em ghi chú");
    let pc = world.conv(&top)["page_customer"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let text = "Khách hẹn gọi lại 18h";
    let copies = |w: &World| {
        w.conv(&top)["page_customer"]["notes"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter(|n| n["removed_at"].is_null() && n["message"] == text)
            .count()
    };
    let shared = std::env::temp_dir().join(format!("pancake-note-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&shared);
    let dirs = [
        ("XDG_CACHE_HOME", shared.join("cache").display().to_string()),
        ("XDG_STATE_HOME", shared.join("state").display().to_string()),
    ];
    let before = world.inbox_with(200, 50, &dirs);
    before.wait_screen("the top conversation", |s| s.contains(&first_word(&name)));
    before.keys(&["Enter"]);
    before.wait_screen("the thread", |s| s.contains("cho em ghi chú"));
    // Opening it marked it read: that is answered first (the note would
    // wait behind it on the conversation).
    wait_for("marked read", || {
        !world.requests("POST", |p| p.ends_with("/read")).is_empty()
    });
    // Pancake makes changes from now on, and never answers them.
    world.sim.set_faults(pancake_tui::sim::Faults {
        hang_after_change: true,
        ..pancake_tui::sim::Faults::default()
    });
    before.keys(&["C", "a"]);
    before.type_text(text);
    before.keys(&["Enter"]);
    wait_for("Pancake has the note", || copies(&world) == 1);
    before.wait_screen("the note on its way", |s| s.contains(&format!(" {text}")));
    before.kill_hard();
    world.sim.set_faults(pancake_tui::sim::Faults::default());
    world.sim.clear_requests();

    // The next start: it may have reached Pancake, so it waits for the
    // agent; `x` looks for it first, finds it, posts nothing.
    let notes_path = format!("/page_customers/{pc}/notes");
    let after = world.inbox_with(200, 50, &dirs);
    after.wait_screen("the note held for the agent", |s| s.contains("1 failed"));
    assert!(
        world
            .requests("POST", |p| p.ends_with(&notes_path))
            .is_empty(),
        "nothing sent by itself"
    );
    after.keys(&["x"]);
    wait_for("the notes read back", || {
        world
            .requests("GET", |p| p.ends_with("/messages"))
            .iter()
            .any(|r| r.query.iter().any(|(k, v)| k == "customer_id" && v == &pc))
    });
    after.wait_screen("nothing left to send", |s| {
        s.contains(&first_word(&name))
            && !s.contains("pending")
            && !s.contains("waiting for Pancake")
            && !s.contains("failed")
    });
    after.keys(&["o"]);
    after.wait_screen("the outbox empty", |s| {
        s.contains("the outbox is empty: every action is confirmed")
    });
    assert_eq!(
        world.requests("POST", |p| p.ends_with(&notes_path)).len(),
        0,
        "not posted again"
    );
    assert_eq!(copies(&world), 1, "the customer has the note once");
    after.quit();
    let _ = std::fs::remove_dir_all(&shared);
}

/// A comment conversation shows the post it hangs under (`posts`, matched
/// by its `post_id`) above the comments, asked once.
#[test]
fn a_comment_thread_shows_its_post_above_the_comments() {
    let world = World::new(40);
    let id = world
        .sim
        .conversation_ids(&world.page)
        .into_iter()
        .find(|id| {
            let c = world.conv(id);
            c["type"] == "COMMENT"
                && c["post_id"].is_string()
                && c["customers"][0]["name"]
                    .as_str()
                    .is_some_and(|n| n.chars().all(|ch| ch.is_alphabetic() || ch == ' '))
        })
        .expect("a comment conversation");
    world
        .sim
        .inject_customer_message(&world.page, &id, "giá bao nhiêu vậy shop");
    let name = world.conv(&id)["customers"][0]["name"]
        .as_str()
        .unwrap()
        .to_owned();
    let tmux = world.inbox(160, 40);
    tmux.wait_screen("the comment on top", |s| s.contains(&first_word(&name)));
    tmux.keys(&["Enter"]);
    let row = |s: &str, text: &str| {
        s.lines()
            .enumerate()
            .filter(|(_, l)| l.contains(text))
            .map(|(i, _)| i)
            .last()
    };
    // The comment's row in the thread is below the list's first rows.
    let screen = tmux.wait_screen("the post and the comments", |s| {
        s.contains("post 20") && row(s, "giá bao nhiêu vậy shop").is_some_and(|r| r > 4)
    });
    let post = row(&screen, "post 20").unwrap();
    let comment = row(&screen, "giá bao nhiêu vậy shop").unwrap();
    assert!(post < comment, "the post above the comments\n{screen}");
    let asked = world.requests("GET", |p| p.ends_with("/posts"));
    assert_eq!(asked.len(), 1, "one page of posts: {asked:?}");
    tmux.quit();
}
