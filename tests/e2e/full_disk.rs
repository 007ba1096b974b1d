//! End to end: the disk fills up (for the app alone: its file size limit
//! is set, from here, to what its cache's WAL holds now, and it ignores
//! SIGXFSZ, so a write past it fails as a full disk does) just before a
//! reply. The reply is not sent, the status bar says why, the reply stays
//! in the thread, and once there is room again `x` sends it, once.

use crate::common::tmux::{Tmux, wait_for};
use crate::common::world::{BIN, World, first_word};

fn status_line(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// Set the running process `pid`'s file size limit (`None`: no limit).
fn file_size_limit(pid: u32, bytes: Option<u64>) {
    let lim = bytes.unwrap_or(libc::RLIM_INFINITY);
    let new = libc::rlimit {
        rlim_cur: lim,
        rlim_max: libc::RLIM_INFINITY,
    };
    // SAFETY: plain values in, no old limit asked for.
    let r = unsafe {
        libc::prlimit(
            pid as libc::pid_t,
            libc::RLIMIT_FSIZE,
            &new,
            std::ptr::null_mut(),
        )
    };
    assert_eq!(r, 0, "prlimit: {}", std::io::Error::last_os_error());
}

#[test]
fn a_reply_that_cannot_be_written_down_is_not_sent_says_why_and_goes_on_x() {
    let world = World::new(60);
    let (_top, name) = world.plain_inbox_on_top("Shop ơi còn hàng không");
    let main = world.sim.main_page();
    let env = [
        ("PANCAKE_API_URL", world.sim.base_url()),
        ("PANCAKE_PAGE_ID", main.id.clone()),
        ("PANCAKE_PAGE_ACCESS_TOKEN", main.token.clone()),
    ];
    // SIGXFSZ ignored (kept across exec): a write past the limit fails
    // with EFBIG instead of killing the app.
    let tmux = Tmux::start(
        "sh",
        &["-c", "trap '' XFSZ; exec \"$0\"", BIN],
        &env,
        300,
        40,
    );
    tmux.wait_screen("the list", |s| s.contains(&first_word(&name)));
    tmux.keys(&["Enter"]);
    tmux.wait_screen("the thread", |s| s.contains("còn hàng"));
    wait_for("the thread marked read", || {
        world
            .requests("POST", |p| p.ends_with("/read"))
            .iter()
            .any(|r| r.ok())
    });
    let wal = tmux
        .home
        .join("cache/pancake-tui/pages")
        .join(format!("{}.sqlite-wal", world.page));
    let mut held = 0;
    wait_for("the cache's WAL written", || {
        held = std::fs::metadata(&wal).map_or(0, |m| m.len());
        held > 0
    });
    let pid = tmux.program_pid().expect("the app's pid");
    file_size_limit(pid, Some(held));

    let text = "Dạ còn hàng ạ, chị lấy size nào";
    tmux.keys(&["r"]);
    tmux.wait_screen("the composer", |s| s.contains("Reply ·"));
    tmux.type_text(text);
    tmux.keys(&["Enter"]);
    tmux.wait_screen("why it was not sent", |s| {
        status_line(s).contains("NOT SENT")
    });
    // The reason, on the status bar (as far as it fits) and in the thread.
    let reason = |s: &str| s.contains("File too large");
    let screen = tmux.wait_screen("the reason", reason);
    assert!(
        screen.contains(text),
        "the reply stays in the thread:\n{screen}"
    );
    assert!(
        world.posts("/messages").is_empty(),
        "nothing reached Pancake"
    );

    // Room again: x sends it, once.
    file_size_limit(pid, None);
    tmux.keys(&["x"]);
    wait_for("the reply sent", || !world.posts("/messages").is_empty());
    tmux.wait_screen("nothing failed or pending", |s| {
        let st = status_line(s);
        !st.contains("failed") && !st.contains("pending")
    });
    let sent = world.posts("/messages");
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["message"], text);
    tmux.quit();
}
