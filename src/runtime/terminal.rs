//! Entering and leaving the terminal: raw mode, alternate screen, bracketed
//! paste, hidden cursor. Restored on normal exit, on drop, and on panic (the
//! panic message is printed after the restore, with secrets redacted).

use std::io::{self, BufWriter, Stdout, Write};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

/// Buffered so a frame goes out in few writes (an SSH link pays per packet).
pub type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// The secret registry lives with the text rules (`text`), below the API
/// client, so that every message built from a server's answer is redacted
/// where it is made; these names stay for the callers.
pub use crate::text::{redact, register_secret};

/// Put the terminal back as it was; safe to call more than once and when the
/// terminal is gone (a dropped SSH session).
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

/// Install a panic hook that restores the terminal first, then prints the
/// panic (redacted) to stderr.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        restore();
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        let loc = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let text = redact(&format!("pancake-tui crashed: {msg}{loc}"));
        let _ = writeln!(io::stderr(), "{}", crate::text::sanitize_line(&text));
        tracing::error!("{}", text);
    }));
}

/// Enter the TUI. The returned guard restores the terminal when dropped.
pub fn enter() -> io::Result<(Term, Guard)> {
    enable_raw_mode()?;
    let guard = Guard;
    let mut out = BufWriter::with_capacity(64 << 10, io::stdout());
    execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    let terminal = Terminal::new(CrosstermBackend::new(out))?;
    Ok((terminal, guard))
}

/// Take the screen back after a suspension (the external editor).
pub fn resume(term: &mut Term) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        term.backend_mut(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    term.clear()
}

/// Restores the terminal on drop (early returns, errors).
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}
