//! End to end: a photo attached in the composer through the path prompt
//! (Tab completing over the jump box's files), sent to the simulator; a
//! send that fails after the upload, kept and retried without a second
//! upload; a symbolic link refused. The oracle is the simulator: its request log and the uploads it
//! stored.

use crate::common::tmux::{Tmux, wait_for};
use crate::common::world::{World, first_word};
use pancake_tui::sim::LoggedRequest;

/// A small PNG: the signature, then an IHDR chunk's start.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

/// `~/anh/banh-kem.png` and, to make Tab stop at the common part,
/// `~/anh/banh-mi.txt`, in the harness's home.
fn files(tmux: &Tmux) {
    let dir = tmux.home.join("anh");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("banh-kem.png"), PNG).unwrap();
    std::fs::write(dir.join("banh-mi.txt"), "giá 25k").unwrap();
}

/// Open the top conversation's composer and attach the PNG with Tab.
fn attach_the_photo(world: &World, tmux: &Tmux, name: &str) {
    tmux.wait_screen("the list", |s| s.contains(&first_word(name)));
    tmux.keys(&["r"]);
    tmux.wait_screen("the composer", |s| s.contains("Reply · 0 chars"));
    tmux.keys(&["C-o"]);
    tmux.wait_screen("the path prompt", |s| s.contains("Attach a photo or file"));
    tmux.type_text("~/an");
    tmux.keys(&["Tab"]);
    tmux.wait_screen("the directory completed", |s| s.contains("> ~/anh/▏"));
    tmux.type_text("b");
    tmux.keys(&["Tab"]);
    tmux.wait_screen("the common part and the candidates", |s| {
        s.contains("> ~/anh/banh-▏") && s.contains("banh-kem.png") && s.contains("banh-mi.txt")
    });
    tmux.type_text("k");
    tmux.keys(&["Tab"]);
    tmux.wait_screen("the one match", |s| s.contains("> ~/anh/banh-kem.png▏"));
    tmux.keys(&["Enter"]);
    tmux.wait_screen("the file in the composer", |s| {
        s.contains("1 file") && s.contains("+ banh-kem.png · 29 B · photo")
    });
    assert_eq!(uploads(world).len(), 0, "nothing leaves before the send");
}

fn uploads(world: &World) -> Vec<LoggedRequest> {
    world.requests("POST", |p| p.ends_with("/upload_contents"))
}

/// The content id of the (one) stored upload, checked against the file.
fn the_stored_upload(world: &World) -> String {
    let ids: Vec<String> = world
        .posts("/messages")
        .iter()
        .filter_map(|b| b["content_ids"][0].as_str().map(str::to_owned))
        .collect();
    let id = ids.last().expect("a send with a content id").clone();
    let stored = world.sim.upload(&world.page, &id).expect("stored");
    assert_eq!(stored.bytes, PNG, "the file's bytes");
    assert_eq!(stored.name, "banh-kem.png");
    id
}

#[test]
fn a_photo_attached_with_tab_completion_is_uploaded_then_sent_with_its_content_id() {
    let world = World::new(30);
    let (top, name) = world.plain_inbox_on_top("Cho em xem ảnh bánh");
    let tmux = world.inbox(120, 36);
    files(&tmux);
    attach_the_photo(&world, &tmux, &name);
    tmux.type_text("Dạ ảnh bánh đây ạ");
    tmux.keys(&["Enter"]);
    wait_for("the send", || {
        world
            .sim
            .requests()
            .iter()
            .any(|r| r.method == "POST" && r.path.ends_with("/messages") && r.path.contains(&top))
    });
    tmux.wait_screen("sent", |s| s.contains("reply sent"));
    let log = world.sim.requests();
    let up = log
        .iter()
        .position(|r| r.path.ends_with("/upload_contents"))
        .expect("an upload");
    let send = log
        .iter()
        .position(|r| r.method == "POST" && r.path.ends_with("/messages"))
        .unwrap();
    assert!(up < send, "uploaded first");
    assert!(log[up].ok() && log[up].body.starts_with("multipart/form-data"));
    let id = the_stored_upload(&world);
    // The text alone, then the photo by its content id alone (pancake-api.md
    // § Send: never both in one request).
    let sent = world.posts("/messages");
    assert_eq!(
        sent,
        [
            serde_json::json!({"action": "reply_inbox", "message": "Dạ ảnh bánh đây ạ"}),
            serde_json::json!({"action": "reply_inbox", "content_ids": [id]}),
        ]
    );
    assert!(
        world
            .requests("POST", |p| p.ends_with("/messages"))
            .iter()
            .all(|r| r.ok()),
        "nothing refused"
    );
    assert_eq!(uploads(&world).len(), 1);
    tmux.quit();
}

#[test]
fn a_send_refused_after_the_upload_stays_failed_and_x_sends_it_without_uploading_again() {
    let world = World::new(30);
    let (top, name) = world.plain_inbox_on_top("Ảnh đâu shop");
    let tmux = world.inbox(120, 36);
    files(&tmux);
    attach_the_photo(&world, &tmux, &name);
    world.sim.refuse_sends(&world.page, &top, Some((551, 0)));
    tmux.keys(&["Enter"]);
    tmux.wait_screen("the failure in the thread", |s| {
        s.contains("FAILED") && s.contains("banh-kem.png") && s.contains("uploaded")
    });
    assert_eq!(uploads(&world).len(), 1);
    world.sim.refuse_sends(&world.page, &top, None);
    tmux.keys(&["x"]);
    tmux.wait_screen("sent", |s| s.contains("reply sent"));
    let ok_sends: Vec<_> = world
        .sim
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/messages") && r.ok())
        .collect();
    assert_eq!(ok_sends.len(), 1, "the photo, sent once (no text)");
    assert_eq!(uploads(&world).len(), 1, "not uploaded again");
    the_stored_upload(&world);
    tmux.quit();
}

/// Killed (kill -9) between the text and the photo: the text reached
/// Pancake, the photo's send was on its way. At the next start the reply
/// waits for the agent; `x` sends the photo alone. The simulator received
/// the text once and the photo once, nothing refused, one upload.
#[test]
fn killed_between_the_text_and_the_photo_nothing_is_sent_twice() {
    let world = World::new(30);
    let (top, name) = world.plain_inbox_on_top("Gửi em ảnh mẫu với");
    // Both runs share the cache and state dirs, as two starts on one box do.
    let shared = std::env::temp_dir().join(format!("pancake-kill-send-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&shared);
    let dirs = [
        ("XDG_CACHE_HOME", shared.join("cache").display().to_string()),
        ("XDG_STATE_HOME", shared.join("state").display().to_string()),
    ];
    let before = world.inbox_with(120, 36, &dirs);
    files(&before);
    attach_the_photo(&world, &before, &name);
    before.type_text("Dạ mẫu đây ạ");
    world.sim.set_faults(pancake_tui::sim::Faults {
        park_file_sends: true,
        ..pancake_tui::sim::Faults::default()
    });
    before.keys(&["Enter"]);
    wait_for("the photo's send on its way", || {
        world.sim.parked_sends() == 1
    });
    before.kill_hard();
    // The photo's send never arrives (its connection is gone).
    world.sim.set_faults(pancake_tui::sim::Faults::default());
    wait_for("the parked send dropped", || world.sim.parked_sends() == 0);
    let texts = || {
        world
            .posts("/messages")
            .iter()
            .filter(|b| b.get("message").is_some())
            .count()
    };
    assert_eq!(texts(), 1, "the text went before the kill");
    let sends_at_the_kill = world.posts("/messages").len();

    let after = world.inbox_with(120, 36, &dirs);
    after.wait_screen("the list", |s| s.contains(&first_word(&name)));
    after.keys(&["Enter"]);
    after.wait_screen("the reply held for the agent", |s| {
        s.contains("MAY HAVE BEEN SENT") && s.contains("banh-kem.png") && s.contains("text sent")
    });
    assert_eq!(
        world.posts("/messages").len(),
        sends_at_the_kill,
        "nothing sent by itself after the restart"
    );
    after.keys(&["x"]);
    after.wait_screen("sent", |s| s.contains("reply sent"));
    let ok: Vec<serde_json::Value> = world
        .requests("POST", |p| p.ends_with("/messages") && p.contains(&top))
        .into_iter()
        .filter(|r| r.ok())
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect();
    assert_eq!(ok.len(), 2, "the text once, the photo once: {ok:?}");
    assert_eq!(ok[0]["message"], "Dạ mẫu đây ạ");
    assert!(ok[1].get("message").is_none() && ok[1]["content_ids"].is_array());
    assert_eq!(uploads(&world).len(), 1, "uploaded once");
    after.quit();
    let _ = std::fs::remove_dir_all(&shared);
}

/// A symbolic link named like an order, to a token file: refused in the
/// prompt and the status bar, where it points said; the reply goes without
/// it. The simulator received the text alone and no upload; the token file
/// is as it was.
#[test]
fn a_symbolic_link_to_the_token_is_refused_and_nothing_is_uploaded() {
    let world = World::new(30);
    let (top, name) = world.plain_inbox_on_top("Gửi em đơn 17 với");
    let tmux = world.inbox(120, 36);
    let token = tmux.home.join("token");
    std::fs::write(&token, "EAAB-page-token").unwrap();
    let before = std::fs::symlink_metadata(&token).unwrap();
    std::os::unix::fs::symlink(&token, tmux.home.join("order-17.txt")).unwrap();
    tmux.wait_screen("the list", |s| s.contains(&first_word(&name)));
    tmux.keys(&["r"]);
    tmux.wait_screen("the composer", |s| s.contains("Reply · 0 chars"));
    tmux.keys(&["C-o"]);
    tmux.wait_screen("the path prompt", |s| s.contains("Attach a photo or file"));
    tmux.type_text("~/order-17.txt");
    tmux.keys(&["Enter"]);
    tmux.wait_screen("refused, where it points said", |s| {
        s.contains("order-17.txt is a symbolic link to")
            && s.contains("attach the file itself")
            && s.contains("not attached: order-17.txt is a symbolic link to")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_screen("the prompt closed", |s| {
        !s.contains("Attach a photo or file")
    });
    tmux.type_text("Dạ em gửi đơn sau ạ");
    tmux.keys(&["Enter"]);
    tmux.wait_screen("sent", |s| s.contains("reply sent"));
    assert_eq!(uploads(&world).len(), 0, "nothing uploaded");
    let sent: Vec<serde_json::Value> = world
        .requests("POST", |p| p.ends_with("/messages") && p.contains(&top))
        .into_iter()
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect();
    assert_eq!(
        sent,
        [serde_json::json!({"action": "reply_inbox", "message": "Dạ em gửi đơn sau ạ"})]
    );
    assert_eq!(std::fs::read(&token).unwrap(), b"EAAB-page-token");
    let after = std::fs::symlink_metadata(&token).unwrap();
    assert_eq!(
        (before.len(), before.modified().unwrap()),
        (after.len(), after.modified().unwrap())
    );
    tmux.quit();
}
