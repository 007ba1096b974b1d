//! Running the real binary's non-interactive commands (`doctor`, `stats`)
//! against the simulator: a HOME of its own (no config of this machine is
//! read), a clean environment, what it printed; and the page's variables.

use std::path::PathBuf;
use std::process::Command;

use pancake_tui::sim::SimHandle;

pub const BIN: &str = env!("CARGO_BIN_EXE_pancake-tui");

pub struct Run {
    pub ok: bool,
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
