//! `pancake-tui keys`.

use crate::config::{self, Flags};
use crate::i18n::Lang;

/// `pancake-tui keys`: the README's key list, with the agent's own keys,
/// in `lang` (else the agent's language: config.toml, then the locale).
pub fn keys(flags: &Flags, lang: Option<&str>) -> anyhow::Result<()> {
    let (keymap, configured) = config::load_keymap(flags, &|k| std::env::var(k).ok())?;
    let lang = match lang {
        None => configured,
        Some(code) => Lang::from_config(code)
            .ok_or_else(|| anyhow::anyhow!("--lang {code:?}: write --lang vi or --lang en"))?,
    };
    print!("{}", crate::app::keys::markdown(&keymap, lang));
    Ok(())
}
