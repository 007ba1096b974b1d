//! Drive the real binary in tmux: start it, type keys, read the screen.
//! Each harness has its own tmux server socket, killed on drop. At most
//! [`slots`] tests drive tmux at once; the others wait for a slot.

use std::cell::RefCell;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// How many tests may drive tmux at once: the machine's cores, at most 3
/// (`PANCAKE_E2E_JOBS` sets it). More would starve each other's apps of
/// CPU and make every wait for a screen slower, not the suite faster.
pub fn slots() -> usize {
    std::env::var("PANCAKE_E2E_JOBS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map_or(2, |n| n.get())
                .min(3)
        })
        .max(1)
}

static BUSY: Mutex<usize> = Mutex::new(0);
static FREED: Condvar = Condvar::new();

/// A test's right to drive tmux, given back when its thread ends (libtest
/// runs each test on a thread of its own), whatever it started meanwhile.
struct Slot;

impl Drop for Slot {
    fn drop(&mut self) {
        let mut busy = BUSY.lock().unwrap_or_else(|e| e.into_inner());
        *busy -= 1;
        FREED.notify_one();
    }
}

thread_local! {
    static SLOT: RefCell<Option<Slot>> = const { RefCell::new(None) };
}

/// Wait for a slot unless this test holds one already.
fn take_slot() {
    SLOT.with(|slot| {
        if slot.borrow().is_some() {
            return;
        }
        let mut busy = BUSY.lock().unwrap_or_else(|e| e.into_inner());
        while *busy >= slots() {
            busy = FREED.wait(busy).unwrap_or_else(|e| e.into_inner());
        }
        *busy += 1;
        *slot.borrow_mut() = Some(Slot);
    });
}

/// The first process whose parent is `parent` (field 4 of
/// `/proc/PID/stat`, after the command name in parentheses).
pub fn child_of(parent: u32) -> Option<u32> {
    std::fs::read_dir("/proc")
        .ok()?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .find(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .ok()
                .and_then(|stat| {
                    let rest = stat.rsplit_once(')')?.1;
                    rest.split_whitespace().nth(1)?.parse::<u32>().ok()
                })
                == Some(parent)
        })
}

/// Generous bound for anything awaited on screen or in a log.
pub const PATIENCE: Duration = Duration::from_secs(45);

pub struct Tmux {
    socket: String,
    pub home: PathBuf,
}

impl Tmux {
    /// Start `bin args` in a detached session of `w`x`h` with `env` set.
    pub fn start(bin: &str, args: &[&str], env: &[(&str, String)], w: u16, h: u16) -> Tmux {
        take_slot();
        let socket = format!(
            "pancake-e2e-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        );
        let home = std::env::temp_dir().join(&socket);
        std::fs::create_dir_all(&home).unwrap();
        let t = Tmux { socket, home };
        let mut cmd = Command::new("tmux");
        cmd.args([
            "-L",
            &t.socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "e2e",
        ])
        .args(["-x", &w.to_string(), "-y", &h.to_string()]);
        let home = t.home.display().to_string();
        let base_env = [
            ("HOME", home.clone()),
            ("XDG_CONFIG_HOME", format!("{home}/config")),
            ("XDG_STATE_HOME", format!("{home}/state")),
            ("XDG_CACHE_HOME", format!("{home}/cache")),
            ("TERM", "xterm-256color".to_string()),
            // The interface in English whatever the developer's locale
            // (the app reads LC_ALL first); a test may ask for another.
            ("LC_ALL", "C.UTF-8".to_string()),
        ];
        let base_env = base_env
            .iter()
            .filter(|(k, _)| !env.iter().any(|(e, _)| e == k));
        for (k, v) in base_env.chain(env.iter()) {
            cmd.args(["-e", &format!("{k}={v}")]);
        }
        // A shell waits for the program and writes its exit status down:
        // tmux's own pane status is not reliably reaped.
        cmd.args([
            "sh",
            "-c",
            "\"$@\"; echo $? > \"$HOME/exit-status\"; sleep 60",
            "sh",
            bin,
        ])
        .args(args);
        let out = cmd.output().expect("tmux runs");
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .env("TERM", "xterm-256color")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A tmux format value of the pane (`#{alternate_on}`, `#{cursor_flag}`, ...).
    pub fn format(&self, f: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "e2e", f])
            .trim()
            .to_owned()
    }

    /// The program's pid (the child of the wrapping shell), read from
    /// `/proc` (no `pgrep` needed).
    pub fn program_pid(&self) -> Option<u32> {
        let shell: u32 = self.format("#{pane_pid}").parse().ok()?;
        child_of(shell)
    }

    /// The program dies at once, without a chance to clean up (`kill -9`);
    /// returns once its wrapping shell saw it go.
    pub fn kill_hard(&self) {
        let pid = self.program_pid().expect("the program's pid");
        let killed = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(killed.success(), "kill -9 {pid}");
        self.wait_exit();
    }

    /// Send keys by tmux name (`Enter`, `Escape`, `Space`, `M-Enter`, `j`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Type text literally (UTF-8 as a terminal would send it).
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "e2e", "-l", text]);
    }

    /// Resize the window (the program gets SIGWINCH, as from a terminal).
    pub fn resize(&self, w: u16, h: u16) {
        self.tmux(&[
            "resize-window",
            "-t",
            "e2e",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
    }

    /// Any tmux command on this harness's server (`set -g set-clipboard on`,
    /// `show-buffer`); its standard output.
    pub fn run(&self, args: &[&str]) -> String {
        self.tmux(args)
    }

    /// Append every byte the program writes to the pane to `file`.
    pub fn pipe_out(&self, file: &std::path::Path) {
        let cmd = format!("cat >> '{}'", file.display());
        self.tmux(&["pipe-pane", "-O", "-t", "e2e", &cmd]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Wait until the screen satisfies `pred`; panics with the screen if not.
    pub fn wait_screen(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > PATIENCE {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// The exit status once the program has ended.
    pub fn exit_status(&self) -> Option<i32> {
        std::fs::read_to_string(self.home.join("exit-status"))
            .ok()
            .and_then(|s| s.trim().parse().ok())
    }

    /// `q`: the app quits, and cleanly (exit status 0).
    #[track_caller]
    pub fn quit(&self) {
        self.keys(&["q"]);
        assert_eq!(self.wait_exit(), 0, "the exit status after q");
    }

    pub fn wait_exit(&self) -> i32 {
        let start = Instant::now();
        loop {
            if let Some(code) = self.exit_status() {
                return code;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

/// Wait (polling the oracle) until `cond` holds.
pub fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}
