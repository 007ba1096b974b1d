//! Unsent drafts: one row per conversation in the page's file, written as
//! the composer changes. A row is the whole draft of its conversation, so
//! two windows on one page each write only the conversations they edit and
//! never overwrite another's.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::api::file_reply::{ATTACH_PREFIX, attach_line};
use crate::api::{ConversationId, UnixSeconds};

use super::{Store, StoreError};

/// A conversation's unsent reply: its text and the paths of its files.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub conv: ConversationId,
    pub text: String,
    /// The files' paths, as attached (each is checked again when the
    /// composer opens).
    pub files: Vec<String>,
    /// When it was last changed.
    pub updated: UnixSeconds,
}

impl Draft {
    /// A draft from text with `attach: PATH` lines (the form the composer
    /// hands to `$EDITOR`, and the old drafts map kept): the lines become
    /// its files.
    pub fn from_text(conv: ConversationId, text: &str, updated: UnixSeconds) -> Draft {
        let mut files = Vec::new();
        let mut kept: Vec<&str> = Vec::new();
        for line in text.split('\n') {
            match attach_line(line) {
                Some(p) => files.push(p.to_owned()),
                None => kept.push(line),
            }
        }
        let mut text = kept.join("\n");
        if !files.is_empty() {
            text.truncate(text.trim_end().len());
        }
        Draft {
            conv,
            text,
            files,
            updated,
        }
    }

    /// The text with an `attach: PATH` line per file.
    pub fn to_text(&self) -> String {
        let mut out = self.text.clone();
        for path in &self.files {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(ATTACH_PREFIX);
            out.push_str(path);
        }
        out
    }

    /// Nothing to keep: blank text and no file.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.files.is_empty()
    }
}

/// The drafts table, made on first use (an existing cache gains it without
/// a new schema version).
const DRAFTS: &str = "CREATE TABLE IF NOT EXISTS drafts (
     conv TEXT PRIMARY KEY, text TEXT NOT NULL, files TEXT NOT NULL, updated INTEGER NOT NULL);";

/// The meta key the drafts were kept under, as one map, before the table.
const OLD_KEY: &str = "drafts";

fn draft_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Draft> {
    let files: String = r.get(2)?;
    Ok(Draft {
        conv: ConversationId::new(r.get::<_, String>(0)?),
        text: r.get(1)?,
        files: serde_json::from_str(&files).unwrap_or_default(),
        updated: UnixSeconds(r.get(3)?),
    })
}

impl Store {
    /// Keep `draft` as its conversation's draft (replacing the one
    /// there); an empty one deletes the row.
    pub fn draft_save(&self, draft: &Draft) -> Result<(), StoreError> {
        self.with(|c| {
            c.execute_batch(DRAFTS)?;
            if draft.is_empty() {
                c.execute("DELETE FROM drafts WHERE conv = ?1", [draft.conv.as_str()])?;
                return Ok(());
            }
            let files = serde_json::to_string(&draft.files).unwrap_or_else(|_| "[]".into());
            c.execute(
                "INSERT INTO drafts (conv, text, files, updated) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (conv) DO UPDATE SET
                     text = excluded.text, files = excluded.files, updated = excluded.updated",
                params![draft.conv.as_str(), draft.text, files, draft.updated.0],
            )
            .map(|_| ())
        })
    }

    /// The draft of `conv`, if it has one.
    pub fn draft(&self, conv: &ConversationId) -> Result<Option<Draft>, StoreError> {
        self.with(|c| {
            c.execute_batch(DRAFTS)?;
            c.query_row(
                "SELECT conv, text, files, updated FROM drafts WHERE conv = ?1",
                [conv.as_str()],
                draft_of,
            )
            .optional()
        })
    }

    /// Every draft of the page, by conversation. The drafts of the old
    /// meta map are carried into the table first (once: the key goes in
    /// the same transaction; a row already there wins).
    pub fn drafts(&self) -> Result<Vec<Draft>, StoreError> {
        self.with(|c| {
            c.execute_batch(DRAFTS)?;
            // Immediate: a read that turned into a write could not wait
            // for another window's write (SQLite would refuse it at once).
            let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let old: Option<String> = tx
                .query_row("SELECT value FROM meta WHERE key = ?1", [OLD_KEY], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(old) = old {
                let map: Vec<(ConversationId, String)> =
                    serde_json::from_str(&old).unwrap_or_default();
                for (conv, text) in map {
                    let d = Draft::from_text(conv, &text, UnixSeconds::now());
                    if d.is_empty() {
                        continue;
                    }
                    let files = serde_json::to_string(&d.files).unwrap_or_else(|_| "[]".into());
                    tx.execute(
                        "INSERT OR IGNORE INTO drafts (conv, text, files, updated)
                         VALUES (?1, ?2, ?3, ?4)",
                        params![d.conv.as_str(), d.text, files, d.updated.0],
                    )?;
                }
                tx.execute("DELETE FROM meta WHERE key = ?1", [OLD_KEY])?;
            }
            let drafts = {
                let mut st =
                    tx.prepare("SELECT conv, text, files, updated FROM drafts ORDER BY conv")?;
                st.query_map([], draft_of)?
                    .collect::<rusqlite::Result<Vec<_>>>()?
            };
            tx.commit()?;
            Ok(drafts)
        })
    }
}

/// The drafts a cache about to be rebuilt holds (best effort: what can be
/// read of a damaged file), so they are carried into the new one.
pub(super) fn read_old(path: &std::path::Path) -> Vec<Draft> {
    let Ok(conn) = super::open_read_only(path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Ok(mut st) = conn.prepare("SELECT conv, text, files, updated FROM drafts")
        && let Ok(rows) = st.query_map([], draft_of)
    {
        out.extend(rows.flatten());
    }
    let old: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [OLD_KEY], |r| {
            r.get(0)
        })
        .ok();
    if let Some(old) = old {
        let map: Vec<(ConversationId, String)> = serde_json::from_str(&old).unwrap_or_default();
        for (conv, text) in map {
            if !out.iter().any(|d| d.conv == conv) {
                out.push(Draft::from_text(conv, &text, UnixSeconds::now()));
            }
        }
    }
    out.retain(|d| !d.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::PageId;

    fn tmp(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("pancake-drafts-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        super::super::page_path(&d, &PageId::new("p"))
    }

    fn draft(conv: &str, text: &str, files: &[&str]) -> Draft {
        Draft {
            conv: ConversationId::new(conv),
            text: text.into(),
            files: files.iter().map(|f| f.to_string()).collect(),
            updated: UnixSeconds(1_700_000_000),
        }
    }

    #[test]
    fn a_draft_is_saved_replaced_and_deleted_when_emptied() {
        let path = tmp("rows");
        let (s, _) = Store::open(&path).unwrap();
        let first = draft("c1", "Dạ chị 👍🏽\nđợi em", &["/tmp/a.jpg"]);
        s.draft_save(&first).unwrap();
        assert_eq!(s.draft(&"c1".into()).unwrap(), Some(first));
        let second = draft("c1", "Dạ", &[]);
        s.draft_save(&second).unwrap();
        s.draft_save(&draft("c2", "", &["/tmp/b.pdf"])).unwrap();
        assert_eq!(s.draft(&"c1".into()).unwrap(), Some(second));
        assert_eq!(s.drafts().unwrap().len(), 2);
        // Emptied (sent, or the text deleted): the row goes.
        s.draft_save(&draft("c1", "  \n", &[])).unwrap();
        assert_eq!(s.draft(&"c1".into()).unwrap(), None);
        let left: Vec<_> = s.drafts().unwrap().into_iter().map(|d| d.conv).collect();
        assert_eq!(left, [ConversationId::new("c2")]);
        // And it is all still there after reopening.
        drop(s);
        let (s, notice) = Store::open(&path).unwrap();
        assert_eq!(notice, None);
        assert_eq!(
            s.draft(&"c2".into()).unwrap().unwrap().files,
            ["/tmp/b.pdf"]
        );
    }

    #[test]
    fn two_handles_on_one_file_keep_each_others_drafts() {
        let path = tmp("two");
        let (a, _) = Store::open(&path).unwrap();
        let (b, _) = Store::open(&path).unwrap();
        for i in 0..20 {
            a.draft_save(&draft("c1", &format!("from a {i}"), &[]))
                .unwrap();
            b.draft_save(&draft("c2", &format!("from b {i}"), &["/x"]))
                .unwrap();
        }
        for s in [&a, &b] {
            let all = s.drafts().unwrap();
            let texts: Vec<&str> = all.iter().map(|d| d.text.as_str()).collect();
            assert_eq!(texts, ["from a 19", "from b 19"]);
        }
        // One handle's delete leaves the other's row.
        a.draft_save(&draft("c1", "", &[])).unwrap();
        assert_eq!(b.draft(&"c1".into()).unwrap(), None);
        assert_eq!(a.draft(&"c2".into()).unwrap().unwrap().text, "from b 19");
    }

    #[test]
    fn the_old_drafts_map_is_carried_into_the_table_once() {
        let path = tmp("old");
        let (s, _) = Store::open(&path).unwrap();
        let old: Vec<(ConversationId, String)> = vec![
            ("c1".into(), "nháp\nattach: /tmp/a.png".into()),
            ("c2".into(), "hai".into()),
            ("c3".into(), String::new()),
        ];
        s.save_meta("drafts", &old).unwrap();
        // A row already in the table is newer than the map: it wins.
        s.draft_save(&draft("c2", "mới hơn", &[])).unwrap();
        let got = s.drafts().unwrap();
        let rows: Vec<(&str, &str, Vec<String>)> = got
            .iter()
            .map(|d| (d.conv.as_str(), d.text.as_str(), d.files.clone()))
            .collect();
        assert_eq!(
            rows,
            [
                ("c1", "nháp", vec!["/tmp/a.png".to_string()]),
                ("c2", "mới hơn", vec![]),
            ]
        );
        assert_eq!(
            s.load_meta::<Vec<(ConversationId, String)>>("drafts")
                .unwrap(),
            None
        );
        // Once: the row deleted stays deleted at the next start.
        s.draft_save(&draft("c1", "", &[])).unwrap();
        assert_eq!(s.drafts().unwrap().len(), 1);
    }

    #[test]
    fn text_with_attach_lines_and_a_draft_convert_both_ways() {
        let d = Draft::from_text("c".into(), "a\n\nattach: /x y.png\nb", UnixSeconds(0));
        assert_eq!(
            (d.text.as_str(), d.files.as_slice()),
            ("a\n\nb", &["/x y.png".to_string()][..])
        );
        assert_eq!(d.to_text(), "a\n\nb\nattach: /x y.png");
        assert_eq!(
            Draft::from_text("c".into(), &d.to_text(), UnixSeconds(0)),
            d
        );
    }
}
