//! Tools some tests need beyond Rust and tmux (GNU screen, redis-server).
//! On a machine without one such a test says what it skipped, straight to
//! stderr (libtest hides a passing test's captured output), and passes;
//! `.ci/run` installs every tool and sets `PANCAKE_TEST_NO_SKIP=1`, under
//! which a missing tool fails the test instead.

use std::io::Write;
use std::process::{Command, Stdio};

/// Whether `tool` runs (`tool args`). When it does not, the test named
/// `test` is skipped with a line saying how to install it (`package`), or
/// fails when skips are not allowed.
pub fn have(tool: &str, args: &[&str], package: &str, test: &str) -> bool {
    let runs = Command::new(tool)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if runs {
        return true;
    }
    let line = format!(
        "skipped {test}: {tool} is not installed (sudo apt-get install {package}; .ci/run installs it)"
    );
    if std::env::var_os("PANCAKE_TEST_NO_SKIP").is_some_and(|v| v != "0" && !v.is_empty()) {
        panic!("{line}, and PANCAKE_TEST_NO_SKIP forbids skipping");
    }
    let _ = writeln!(std::io::stderr().lock(), "{line}");
    false
}
