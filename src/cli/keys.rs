//! `pancake-tui keys`.

use crate::config::{self, Flags};

/// `pancake-tui keys`: the README's key list, with the agent's own keys.
pub fn keys(flags: &Flags) -> anyhow::Result<()> {
    let keymap = config::load_keymap(flags, &|k| std::env::var(k).ok())?;
    print!("{}", crate::app::keys::markdown(&keymap));
    Ok(())
}
