//! What the agent sees is exactly what the app drew. The real binary, in
//! tmux and in GNU screen (run inside tmux, so tmux shows what screen drew),
//! against the simulator with a fixture full of emoji sequences terminals
//! disagree on, CJK, RTL, combining marks and 100 KB strings. After each
//! sequence of keys, on every screen: what the multiplexer shows equals the
//! frame the app wrote down (`PANCAKE_FRAME_DUMP`), and equals it again
//! after a forced full repaint (SIGUSR1). At 80x24, 140x40 and across a
//! resize. One program start per multiplexer and size walks all screens.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::common::tmux::{PATIENCE, Tmux};
use crate::common::world::{BIN, World};

/// The app's own frame: its number and its rows.
struct Frame {
    count: u64,
    rows: Vec<String>,
}

fn read_frame(path: &Path) -> Option<Frame> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    let head = lines.next()?;
    let count = head.split_whitespace().nth(1)?.parse().ok()?;
    Some(Frame {
        count,
        rows: lines.map(|l| l.trim_end().to_owned()).collect(),
    })
}

fn rows(screen: &str) -> Vec<String> {
    screen.lines().map(|l| l.trim_end().to_owned()).collect()
}

/// The rows that differ, for the failure message.
fn diff(shown: &[String], drawn: &[String]) -> String {
    let n = shown.len().max(drawn.len());
    let mut out = String::new();
    for y in 0..n {
        let a = shown.get(y).map_or("", String::as_str);
        let b = drawn.get(y).map_or("", String::as_str);
        if a != b {
            out.push_str(&format!("row {y}\n  shown: {a:?}\n  drawn: {b:?}\n"));
        }
    }
    out
}

fn emoji_world() -> (World, String) {
    let world = World::new(120);
    let page = world.page.clone();
    let ids = world.sim.conversation_ids(&page);
    let names = [
        "Lan 👍🏽 🇻🇳 Phương",
        "Mai ❤️ 1️⃣ #️⃣ Hà",
        "👨‍👩‍👧 Gia đình 👩🏽‍🍳",
        "王小明 李华",
        "محمد العربي",
        "Nguye\u{302}\u{303}n Thi\u{323} Ha\u{300} e\u{301}\u{323}",
        "🏳️‍🌈 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} 🇳",
    ];
    let big_name = "🇻🇳👍🏽".repeat(6_000);
    for (i, id) in ids.iter().take(names.len()).enumerate() {
        world.sim.set_customer_name(&page, id, names[i]);
    }
    world
        .sim
        .set_customer_name(&page, &ids[names.len()], &big_name);
    world.sim.set_tag_name(&page, 0, "🇻🇳 Việt Nam");
    world.sim.set_tag_name(&page, 1, "❤️ VIP 👍🏽");
    world.sim.set_tag_name(&page, 2, "1️⃣ 王 مرحبا");
    world.sim.set_staff_name(&page, 0, "Lan 👩‍🔬 Phương");
    world.sim.set_staff_name(&page, 1, "Đức 👍🏿");
    // The conversation on top: a 100 KB message, then every sequence.
    let top = ids[0].clone();
    world
        .sim
        .inject_customer_message(&page, &top, &"100KB 👍🏽🇻🇳❤️ ".repeat(5_000));
    world.sim.inject_customer_message(
        &page,
        &top,
        "tone 👍🏽 flag 🇻🇳 heart ❤️ keycap 1️⃣ family 👨‍👩‍👧 chef 👩🏽‍🍳 中文 ｶﾞﾊﾟﾝ עברית e\u{301}",
    );
    (world, top)
}

#[derive(Clone, Copy)]
enum Mux {
    Tmux,
    Screen,
}

struct Run {
    tmux: Tmux,
    dump: PathBuf,
    mux: Mux,
    /// The app speaks Vietnamese (`LC_ALL=vi_…`).
    vi: bool,
}

impl Run {
    fn start(world: &World, mux: Mux, w: u16, h: u16) -> Run {
        Run::start_in(world, mux, w, h, "C.UTF-8")
    }

    /// The app with `LC_ALL=locale`: its language.
    fn start_in(world: &World, mux: Mux, w: u16, h: u16, locale: &str) -> Run {
        let main = world.sim.main_page();
        let dir = std::env::temp_dir().join(format!(
            "pancake-screen-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let dump = dir.join("frame.txt");
        let mut env = vec![
            ("PANCAKE_API_URL", world.sim.base_url()),
            ("PANCAKE_PAGE_ID", main.id.clone()),
            ("PANCAKE_PAGE_ACCESS_TOKEN", main.token.clone()),
            ("PANCAKE_FRAME_DUMP", dump.display().to_string()),
            ("TZ", "Asia/Ho_Chi_Minh".to_string()),
            ("LC_ALL", locale.to_string()),
        ];
        let tmux = match mux {
            Mux::Tmux => Tmux::start(BIN, &[], &env, w, h),
            Mux::Screen => {
                let screendir = dir.join("screens");
                std::fs::create_dir_all(&screendir).unwrap();
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&screendir, std::fs::Permissions::from_mode(0o700))
                    .unwrap();
                let rc = dir.join("screenrc");
                std::fs::write(
                    &rc,
                    "startup_message off\nhardstatus off\ndefutf8 on\nvbell off\naltscreen on\nmaptimeout 5\n",
                )
                .unwrap();
                env.push(("SCREENDIR", screendir.display().to_string()));
                let rc = rc.display().to_string();
                Tmux::start("screen", &["-c", &rc, "-U", "-S", "e2e", BIN], &env, w, h)
            }
        };
        Run {
            tmux,
            dump,
            mux,
            vi: locale.starts_with("vi"),
        }
    }

    fn app_pid(&self) -> Option<u32> {
        let want = format!("PANCAKE_FRAME_DUMP={}", self.dump.display());
        for entry in std::fs::read_dir("/proc").ok()?.flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(environ) = std::fs::read(entry.path().join("environ")) else {
                continue;
            };
            let exe = std::fs::read_link(entry.path().join("exe")).unwrap_or_default();
            if exe.file_name() == Path::new(BIN).file_name()
                && environ.split(|b| *b == 0).any(|kv| kv == want.as_bytes())
            {
                return Some(pid);
            }
        }
        None
    }

    /// Wait until the app's frame satisfies `pred` and the multiplexer shows
    /// exactly that frame; returns it.
    fn settled(&self, what: &str, after: u64, pred: impl Fn(&str) -> bool) -> Frame {
        let start = Instant::now();
        loop {
            let shown = rows(&self.tmux.screen());
            if let Some(frame) = read_frame(&self.dump) {
                let text = frame.rows.join("\n");
                if frame.count > after && pred(&text) && shown == frame.rows {
                    // The same frame still: not a coincidence of two moments.
                    if read_frame(&self.dump).is_some_and(|f| f.count == frame.count) {
                        return frame;
                    }
                }
                if start.elapsed() > PATIENCE {
                    panic!(
                        "{}: {what}: the screen is not the app's frame {}\n{}\nshown:\n{}",
                        self.name(),
                        frame.count,
                        diff(&shown, &frame.rows),
                        shown.join("\n")
                    );
                }
            } else if start.elapsed() > PATIENCE {
                panic!(
                    "{}: {what}: no frame dump; screen:\n{}",
                    self.name(),
                    shown.join("\n")
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(40));
        }
    }

    fn name(&self) -> &'static str {
        match self.mux {
            Mux::Tmux => "tmux",
            Mux::Screen => "GNU screen",
        }
    }

    /// The screen equals the frame; after a forced full repaint it equals
    /// the (new) frame again, and if the app drew the same, the same screen.
    fn check(&self, what: &str, pred: impl Fn(&str) -> bool) {
        let before = self.settled(what, 0, &pred);
        let pid = self.app_pid().expect("the app's pid");
        let ok = std::process::Command::new("kill")
            .args(["-USR1", &pid.to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "SIGUSR1 sent");
        // Shown == frame before and after the repaint: incremental frames
        // left nothing behind that a full repaint would remove (when the app
        // drew the same both times, the two screens are the same).
        self.settled(&format!("{what}, repainted"), before.count, |_| true);
    }

    /// Escape, then wait until `marker` is gone from the frame, so the next
    /// key is never read together with it as Alt-key.
    fn esc(&self, marker: &str) {
        self.tmux.keys(&["Escape"]);
        self.settled(&format!("{marker} closed"), 0, |s| !s.contains(marker));
    }

    /// Send `key` for the screen whose frame holds `marker`, after an
    /// Escape. Once under load GNU screen lost the key that followed an
    /// Escape (the app's frame never showed the screen): when the app's frame
    /// lacks `marker` after 10 s, the key goes once more. Then the screen is
    /// checked as always.
    fn open(&self, key: &str, marker: &str, what: &str, pred: impl Fn(&str) -> bool) {
        self.tmux.keys(&[key]);
        let start = Instant::now();
        while !read_frame(&self.dump).is_some_and(|f| f.rows.join("\n").contains(marker)) {
            if start.elapsed() > std::time::Duration::from_secs(10) {
                self.tmux.keys(&[key]);
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(40));
        }
        self.check(what, pred);
    }

    /// A screen's marker in the app's language.
    fn word(&self, en: &'static str, vi: &'static str) -> &'static str {
        if self.vi { vi } else { en }
    }

    fn walk_every_screen(&self) {
        let t = &self.tmux;
        let keys = self.word("Keys", "Phím");
        let tags_for = self.word("Tags for", "Nhãn cho");
        let assign = self.word("Assign", "Phân công");
        let reply = self.word("Reply ·", "Trả lời ·");
        let beginning = self.word("beginning of the conversation", "đầu cuộc trò chuyện");
        let outbox = self.word("utbox", "ộp thư đi");
        self.check("the list", |s| {
            s.contains("Lan 👍") && s.contains("Gia đình")
        });
        t.keys(&["Enter"]);
        self.check("the thread", |s| {
            s.contains("keycap 1") && s.contains("chef 👩")
        });
        t.keys(&["?"]);
        self.check("help over the thread", |s| s.contains(keys));
        self.esc(keys);
        self.open("t", tags_for, "the tag picker", |s| {
            s.contains(tags_for) && s.contains("VN Việt Nam")
        });
        self.esc(tags_for);
        self.open("a", assign, "the staff picker", |s| {
            s.contains(assign) && s.contains("Lan 👩 Phương")
        });
        self.esc(assign);
        let filter = self.word("┌ Filter", "┌ Lọc");
        self.open("f", filter, "the filter panel", |s| s.contains(filter));
        self.esc(filter);
        t.keys(&["r"]);
        t.type_text("Dạ 👍🏽 🇻🇳 ❤️ 1️⃣ 👨‍👩‍👧 你好 مرحبا");
        self.check("the composer with a draft", |s| {
            s.contains(reply) && s.contains("Dạ 👍 VN")
        });
        self.esc(reply);
        self.esc(beginning);
        self.check("back to the list", |s| !s.contains(reply));
        let stats = self.word("Stats: ", "Thống kê: ");
        let by_tag = self.word("Conversations by tag", "Cuộc trò chuyện theo nhãn");
        self.open("S", stats, "the stats screen", |s| {
            s.contains(stats) && s.contains(by_tag)
        });
        self.esc(stats);
        self.open("o", outbox, "the outbox", |s| s.contains(outbox));
        self.check("the list again", |_| true);
    }
}

fn suite(mux: Mux) {
    let (world, _top) = emoji_world();
    for (w, h, then) in [(80u16, 24u16, (140u16, 40u16)), (140, 40, (80, 24))] {
        let run = Run::start(&world, mux, w, h);
        run.walk_every_screen();
        // Across a resize: the thread open, the list beside it.
        run.tmux.keys(&["Enter"]);
        run.check("the thread before the resize", |s| s.contains("keycap 1"));
        run.tmux.resize(then.0, then.1);
        run.check(&format!("the thread at {}x{}", then.0, then.1), |s| {
            s.contains("keycap 1") && s.lines().count() == then.1 as usize
        });
        run.tmux.keys(&["?"]);
        run.check("help after the resize", |s| s.contains("Keys"));
        run.esc("Keys");
        run.tmux.keys(&["q"]);
        assert_eq!(run.tmux.wait_exit(), 0, "{}", run.tmux.screen());
    }
}

#[test]
fn tmux_shows_exactly_the_frame_the_app_drew_on_every_screen() {
    suite(Mux::Tmux);
}

/// The same walk with a Vietnamese locale: the interface speaks
/// Vietnamese (the list and the status bar so far) and tmux still shows
/// exactly the frame the app drew, at 80x24 where the words are longest.
#[test]
fn tmux_shows_exactly_the_frame_the_app_drew_in_vietnamese() {
    let (world, _top) = emoji_world();
    let run = Run::start_in(&world, Mux::Tmux, 80, 24, "vi_VN.UTF-8");
    run.check("the list in Vietnamese", |s| {
        s.contains("chưa đọc") && s.contains("1 Tất cả") && s.contains("? trợ giúp")
    });
    run.walk_every_screen();
    run.tmux.keys(&["q"]);
    assert_eq!(run.tmux.wait_exit(), 0, "{}", run.tmux.screen());
}

#[test]
fn gnu_screen_shows_exactly_the_frame_the_app_drew_on_every_screen() {
    if !crate::common::tools::have(
        "screen",
        &["-v"],
        "screen",
        "gnu_screen_shows_exactly_the_frame_the_app_drew_on_every_screen",
    ) {
        return;
    }
    suite(Mux::Screen);
}

/// Synchronized output, read from the bytes the app writes (tmux's
/// pipe-pane): every frame is inside begin/end, nothing is drawn outside.
#[test]
fn every_frame_is_wrapped_in_synchronized_output() {
    let (world, _top) = emoji_world();
    let run = Run::start(&world, Mux::Tmux, 100, 30);
    let bytes = run.dump.with_file_name("bytes.out");
    run.tmux.pipe_out(&bytes);
    run.tmux.keys(&["j"]);
    run.check("the list", |s| s.contains("Gia đình"));
    run.tmux.keys(&["Enter"]);
    run.check("the thread", |s| s.contains("keycap 1"));
    run.tmux.keys(&["?"]);
    run.check("help", |s| s.contains("Keys"));
    run.esc("Keys");
    run.tmux.keys(&["q"]);
    assert_eq!(run.tmux.wait_exit(), 0);
    let out = std::fs::read(&bytes).unwrap();
    let out = String::from_utf8_lossy(&out);
    const BEGIN: &str = "\x1b[?2026h";
    const END: &str = "\x1b[?2026l";
    let frames = out.matches(BEGIN).count();
    assert!(frames >= 4, "frames seen: {frames}");
    assert_eq!(frames, out.matches(END).count(), "each begin has its end");
    // Between one end and the next begin, no text is printed (only the
    // repaint's clear and the exit's restore sequences).
    // Piping starts while the app runs: read from its first whole frame.
    let mut rest = &out[out.find(BEGIN).unwrap()..];
    let mut depth_ok = true;
    while let Some(b) = rest.find(BEGIN) {
        let outside = &rest[..b];
        let printable = strip_escapes(outside);
        assert!(
            printable.trim().is_empty(),
            "drawn outside a frame: {printable:?}"
        );
        let after = &rest[b + BEGIN.len()..];
        let Some(e) = after.find(END) else {
            depth_ok = false;
            break;
        };
        assert!(!after[..e].contains(BEGIN), "frames do not nest");
        rest = &after[e + END.len()..];
    }
    assert!(depth_ok, "a frame was left open");
    assert!(strip_escapes(rest).trim().is_empty(), "{rest:?}");
}

/// The text of a byte stream without its escape sequences.
fn strip_escapes(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\x1b' {
            match it.next() {
                Some('[') => {
                    for x in it.by_ref() {
                        if ('\x40'..='\x7e').contains(&x) {
                            break;
                        }
                    }
                }
                Some(']') => {
                    for x in it.by_ref() {
                        if x == '\x07' {
                            break;
                        }
                    }
                }
                _ => {}
            }
        } else if !c.is_control() {
            out.push(c);
        }
    }
    out
}
