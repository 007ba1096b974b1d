//! `pancake-tui cache info|clear`.

use super::{CacheAction, say};
use crate::store;

/// `pancake-tui cache info|clear`.
pub fn cache(action: CacheAction, force: bool) -> anyhow::Result<()> {
    let dir =
        store::default_dir().ok_or_else(|| anyhow::anyhow!("no cache directory on this system"))?;
    match action {
        CacheAction::Clear => {
            let waiting = store::unconfirmed(&dir);
            if !waiting.is_empty() && !force {
                let n: usize = waiting.iter().map(|(_, n)| n).sum();
                let files: Vec<String> = waiting
                    .iter()
                    .map(|(p, n)| format!("{} ({n})", p.display()))
                    .collect();
                anyhow::bail!(
                    "nothing removed: {n} action(s) not yet confirmed by Pancake wait in the \
                     outbox of {}; open the inbox to send them (o lists them), or run \
                     `pancake-tui cache clear --force` to drop them",
                    files.join(", ")
                );
            }
            let n = store::clear(&dir)?;
            println!(
                "removed {n} cache file(s) from {}",
                dir.join("pages").display()
            );
        }
        CacheAction::Info => {
            let files = store::cached_pages(&dir);
            if files.is_empty() {
                println!("no cache yet ({})", dir.join("pages").display());
            }
            for path in files {
                // Read-only: looking must not rebuild or change anything.
                let i = match store::inspect(&path) {
                    Ok(i) => i,
                    Err(e) => {
                        say(&format!("pancake-tui: {e}"));
                        continue;
                    }
                };
                println!("{}", i.path.display());
                println!(
                    "  {} conversations, {} threads, {} action(s) waiting in the outbox",
                    i.conversations, i.threads, i.outbox
                );
                println!("  {:.1} MiB on disk", i.bytes as f64 / (1024.0 * 1024.0));
            }
        }
    }
    Ok(())
}
