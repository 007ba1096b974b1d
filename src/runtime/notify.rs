//! The terminal title and the bell: the unread count where the agent's
//! terminal tab shows it, and a ring when a customer writes while the agent
//! looks elsewhere (`notify = false` turns both off).

use std::io::Write;

use crate::app::State;

/// What the title should say now: `(3) Tiệm Bánh Pancake · pancake-tui`.
pub fn title(state: &State) -> String {
    let unread = state.convs.unread();
    let page = match state.pages.as_slice() {
        [one] => format!("{} · ", one.name),
        _ => String::new(),
    };
    // Page names are sanitized at the API boundary; a title is a control
    // string, so make doubly sure nothing in it can end it early.
    let text = match unread {
        0 => format!("{page}pancake-tui"),
        n => format!("({n}) {page}pancake-tui"),
    };
    crate::text::sanitize_line(&text)
}

/// Keeps the title in step and rings pending bells, after a frame.
#[derive(Default)]
pub struct Notifier {
    shown: Option<String>,
    pushed: bool,
    /// Bells asked for (`Cmd::Ring`) since the last frame.
    bells: u32,
}

impl Notifier {
    /// A bell to ring after the next frame.
    pub fn ring(&mut self) {
        self.bells += 1;
    }

    pub fn after_frame(&mut self, out: &mut impl Write, state: &State) -> std::io::Result<()> {
        if !state.settings.notify {
            self.bells = 0;
            return Ok(());
        }
        let now = title(state);
        if self.shown.as_deref() != Some(now.as_str()) {
            if !self.pushed {
                // Keep the agent's own title to give it back at exit (xterm's
                // title stack; terminals without one ignore it).
                out.write_all(b"\x1b[22;0t")?;
                self.pushed = true;
            }
            write!(out, "\x1b]2;{now}\x07")?;
            self.shown = Some(now);
        }
        if self.bells > 0 {
            out.write_all(b"\x07")?;
            self.bells = 0;
        }
        out.flush()
    }

    /// Give the terminal its title back.
    pub fn restore(&self, out: &mut impl Write) -> std::io::Result<()> {
        if self.pushed {
            out.write_all(b"\x1b[23;0t")?;
            out.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_counts_unread_and_a_bell_rings_once() {
        let state = State::new(
            vec![(
                crate::api::PageId::new("p"),
                "Tiệm \u{1b}]0;x\u{7}Bánh".into(),
            )],
            crate::app::Settings::default(),
        );
        let mut out = Vec::new();
        let mut n = Notifier::default();
        n.ring();
        n.ring();
        n.after_frame(&mut out, &state).unwrap();
        let written = String::from_utf8(out.clone()).unwrap();
        assert!(written.starts_with("\u{1b}[22;0t\u{1b}]2;"), "{written:?}");
        assert_eq!(
            written.matches('\u{7}').count(),
            2,
            "the title's end and one bell"
        );
        assert!(!written.contains("]0;x"), "{written:?}");
        assert_eq!(n.bells, 0);
        out.clear();
        n.after_frame(&mut out, &state).unwrap();
        assert!(out.is_empty(), "nothing changed, nothing written");
        let mut state = state;
        state.settings.notify = false;
        n.ring();
        n.after_frame(&mut out, &state).unwrap();
        assert!(out.is_empty() && n.bells == 0);
    }
}
