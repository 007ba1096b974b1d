//! End to end: the thread's links (`v`), the customer panel (`c`) and the
//! numbers (`S`), the real binary in tmux against the simulator. The
//! oracles: the bytes the app writes (tmux's pipe-pane), tmux's own paste
//! buffer, the simulator's request log, the screen.

mod common;

use common::tmux::wait_for;
use common::world::{World, first_word};

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
    let served = world
        .sim
        .requests()
        .iter()
        .any(|r| r.path.ends_with("/messages") && r.method == "GET");
    assert!(served, "the thread came from the simulator");
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
