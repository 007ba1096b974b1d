//! Running the real binary's non-interactive commands (`doctor`, `stats`)
//! against the simulator: a HOME of its own (no config of this machine is
//! read), a clean environment, what it printed; and the page's variables.

use std::path::PathBuf;
use std::process::Command;

use pancake_tui::sim::SimHandle;

pub const BIN: &str = env!("CARGO_BIN_EXE_pancake-tui");

pub struct Run {
    pub ok: bool,
    /// The exit code (none when a signal ended it).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// `pancake-tui args…` with `env` and `home` as its HOME and XDG dirs.
pub async fn run(home: PathBuf, args: Vec<String>, env: Vec<(&'static str, String)>) -> Run {
    let out = tokio::task::spawn_blocking(move || {
        let mut cmd = Command::new(BIN);
        cmd.args(&args);
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_CACHE_HOME", home.join("cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("the binary runs")
    })
    .await
    .unwrap();
    Run {
        ok: out.status.success(),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The variables that point the binary at the simulator's main page.
pub fn page_env(sim: &SimHandle) -> Vec<(&'static str, String)> {
    let main = sim.main_page();
    vec![
        ("PANCAKE_API_URL", sim.base_url()),
        ("PANCAKE_PAGE_ID", main.id),
        ("PANCAKE_PAGE_ACCESS_TOKEN", main.token),
    ]
}

/// A mistake on the command line is said in the agent's language (the
/// locale's here) on stderr, with the argument at fault and the usage,
/// and exits 2 as clap does; in English as clap says it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_argument_is_said_in_the_locale_s_language_and_exits_2() {
    let home = std::env::temp_dir().join(format!("pancake-cli-args-{}", std::process::id()));
    let bogus = || vec!["--bogus".to_owned()];
    let vi = run(
        home.clone(),
        bogus(),
        vec![("LANG", "vi_VN.UTF-8".to_owned())],
    )
    .await;
    assert_eq!(vi.code, Some(2), "{}", vi.stderr);
    assert!(vi.stdout.is_empty(), "{}", vi.stdout);
    assert!(
        vi.stderr
            .starts_with("lỗi: không nhận ra tham số '--bogus'\n"),
        "{}",
        vi.stderr
    );
    assert!(
        vi.stderr
            .contains("Cách dùng: pancake-tui [OPTIONS] [COMMAND]"),
        "{}",
        vi.stderr
    );
    assert!(vi.stderr.contains("'--help'"), "{}", vi.stderr);
    let en = run(home.clone(), bogus(), vec![("LANG", "C".to_owned())]).await;
    assert_eq!(en.code, Some(2), "{}", en.stderr);
    assert!(
        en.stderr
            .starts_with("error: unexpected argument '--bogus' found\n"),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr.contains("Usage: pancake-tui [OPTIONS] [COMMAND]"),
        "{}",
        en.stderr
    );
    // A value clap checks, in Vietnamese too; --help still clap's, exit 0.
    let format = run(
        home.clone(),
        ["stats", "--format", "xml"].map(str::to_owned).to_vec(),
        vec![("LANG", "vi_VN.UTF-8".to_owned())],
    )
    .await;
    assert_eq!(format.code, Some(2), "{}", format.stderr);
    assert!(
        format
            .stderr
            .contains("giá trị 'xml' không hợp lệ cho '--format <FORMAT>'"),
        "{}",
        format.stderr
    );
    let help = run(
        home,
        vec!["--help".to_owned()],
        vec![("LANG", "vi_VN.UTF-8".to_owned())],
    )
    .await;
    assert_eq!(help.code, Some(0));
    assert!(help.stdout.contains("Cách dùng:"), "{}", help.stdout);
}
