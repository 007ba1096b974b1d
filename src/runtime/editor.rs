//! Compose in `$VISUAL` / `$EDITOR`: the TUI steps aside and comes back.

use std::io::Write;

use super::input::Input;
use super::terminal;

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`.
fn editor_command() -> (String, Vec<String>) {
    let cmd = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".into());
    let mut parts = cmd.split_whitespace().map(str::to_owned);
    let prog = parts.next().unwrap_or_else(|| "vi".into());
    (prog, parts.collect())
}

/// Suspend the TUI, edit `text` in the editor, resume. Returns the new text.
pub fn edit(term: &mut terminal::Term, input: &Input, text: &str) -> Result<String, String> {
    input.pause();
    terminal::restore();
    let result = run_editor(text);
    let resumed = terminal::resume(term);
    input.resume();
    resumed.map_err(|e| format!("could not restore the screen: {e}"))?;
    result
}

/// Where `$EDITOR`'s draft lives: the user's private runtime dir
/// (`$XDG_RUNTIME_DIR`), else the app's state dir, created 0700; never the
/// shared `/tmp`, where a name could be planted and the editor's swap and
/// backup files would sit beside it for anyone to read.
fn draft_dir() -> Result<std::path::PathBuf, String> {
    let dir = std::env::var_os("XDG_RUNTIME_DIR")
        .map(std::path::PathBuf::from)
        .filter(|d| d.is_absolute() && d.is_dir())
        .map(|d| d.join("pancake-tui"))
        .or_else(|| crate::config::log_dir().map(|d| d.join("drafts")))
        .ok_or("no private directory for the draft (set XDG_RUNTIME_DIR or HOME)")?;
    crate::private::create_dir(&dir)
        .map_err(|e| format!("cannot make {} private: {e}", dir.display()))?;
    Ok(dir)
}

fn run_editor(text: &str) -> Result<String, String> {
    let dir = draft_dir()?;
    let path = dir.join(format!(
        "pancake-reply-{}-{}.txt",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut file = opts
        .open(&path)
        .map_err(|e| format!("cannot create a draft file: {e}"))?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write the draft file: {e}"))?;
    drop(file);
    let (prog, args) = editor_command();
    let mut cmd = std::process::Command::new(&prog);
    cmd.args(&args).arg(&path);
    super::child::without_secrets(&mut cmd);
    let status = cmd.status();
    let edited = std::fs::read_to_string(&path);
    let _ = std::fs::remove_file(&path);
    match status {
        Ok(s) if s.success() => edited.map_err(|e| format!("cannot read the draft back: {e}")),
        Ok(s) => Err(format!("{prog} exited with {s}; the draft is unchanged")),
        Err(e) => Err(format!("cannot run {prog} (set $VISUAL or $EDITOR): {e}")),
    }
}
