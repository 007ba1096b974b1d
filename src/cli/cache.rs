//! `pancake-tui cache info|clear`.

use super::{CacheAction, say, told};
use crate::i18n::{Lang, Said};
use crate::store;

/// `pancake-tui cache info|clear`, said in `lang`.
pub fn cache(action: CacheAction, force: bool, lang: Lang) -> anyhow::Result<()> {
    let dir = store::default_dir().ok_or_else(|| told(Said::new("cli-no-cache-dir")))?;
    let pages_dir = dir.join("pages").display().to_string();
    match action {
        CacheAction::Clear => {
            let waiting = store::unconfirmed(&dir);
            if !waiting.is_empty() && !force {
                let n: usize = waiting.iter().map(|(_, n)| n).sum();
                let files: Vec<String> = waiting
                    .iter()
                    .map(|(p, n)| format!("{} ({n})", p.display()))
                    .collect();
                return Err(told(
                    Said::new("cli-cache-unconfirmed")
                        .arg("count", n)
                        .arg("files", files.join(", ")),
                ));
            }
            let n = store::clear(&dir)?;
            let said = Said::new("cli-cache-removed")
                .arg("count", n)
                .arg("dir", pages_dir);
            println!("{}", said.words(lang));
        }
        CacheAction::Info => {
            let files = store::cached_pages(&dir);
            if files.is_empty() {
                let said = Said::new("cli-cache-empty").arg("dir", pages_dir);
                println!("{}", said.words(lang));
            }
            for path in files {
                // Read-only: looking must not rebuild or change anything.
                let i = match store::inspect(&path) {
                    Ok(i) => i,
                    Err(e) => {
                        say(&Said::new("cli-error").arg("error", e.said()).words(lang));
                        continue;
                    }
                };
                println!("{}", i.path.display());
                let counts = Said::new("cli-cache-counts")
                    .arg("conversations", i.conversations)
                    .arg("threads", i.threads)
                    .arg("outbox", i.outbox);
                println!("  {}", counts.words(lang));
                let size = Said::new("cli-cache-size").arg("mib", mib(i.bytes, lang));
                println!("  {}", size.words(lang));
            }
        }
    }
    Ok(())
}

/// Bytes in MiB with one decimal, as `lang` writes a decimal (`1.5`, `1,5`).
fn mib(bytes: u64, lang: Lang) -> String {
    let text = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
    match lang {
        Lang::En => text,
        Lang::Vi => text.replace('.', ","),
    }
}
