//! The reminders table: snoozed conversations kept in the page's cache.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::api::{ConversationId, PageId, UnixSeconds};

use super::{Store, StoreError};

/// A snoozed conversation: when it comes back ("follow up later", README § Keys).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub page_id: PageId,
    pub conv: ConversationId,
    pub due: UnixSeconds,
    pub created: UnixSeconds,
}

/// The reminders table, made on first use (so an existing cache gains it
/// without a new schema version; it is part of the page's file).
const REMINDERS: &str = "CREATE TABLE IF NOT EXISTS reminders (
     page_id TEXT NOT NULL, conv TEXT NOT NULL, due INTEGER NOT NULL, created INTEGER NOT NULL,
     PRIMARY KEY (page_id, conv));
 CREATE INDEX IF NOT EXISTS reminders_due ON reminders (due);";

fn reminder_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Reminder> {
    Ok(Reminder {
        page_id: PageId::new(r.get::<_, String>(0)?),
        conv: ConversationId::new(r.get::<_, String>(1)?),
        due: UnixSeconds(r.get(2)?),
        created: UnixSeconds(r.get(3)?),
    })
}

impl Store {
    /// Snooze a conversation until `due`; a second call changes the time
    /// (one reminder per conversation).
    pub fn reminder_set(&self, r: &Reminder) -> Result<(), StoreError> {
        self.with(|c| {
            c.execute_batch(REMINDERS)?;
            c.execute(
                "INSERT INTO reminders (page_id, conv, due, created) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (page_id, conv) DO UPDATE SET due = excluded.due, created = excluded.created",
                params![r.page_id.as_str(), r.conv.as_str(), r.due.0, r.created.0],
            )
            .map(|_| ())
        })
    }

    /// Cancel a conversation's reminder (fired, or the customer wrote first);
    /// whether there was one.
    pub fn reminder_cancel(
        &self,
        page: &PageId,
        conv: &ConversationId,
    ) -> Result<bool, StoreError> {
        self.with(|c| {
            c.execute_batch(REMINDERS)?;
            c.execute(
                "DELETE FROM reminders WHERE page_id = ?1 AND conv = ?2",
                params![page.as_str(), conv.as_str()],
            )
            .map(|n| n > 0)
        })
    }

    /// Every reminder, soonest first.
    pub fn reminders(&self) -> Result<Vec<Reminder>, StoreError> {
        self.reminders_due_before(UnixSeconds(i64::MAX))
    }

    /// The reminders due at or before `t`, soonest first (at start: those
    /// that fell due while the app was closed).
    pub fn reminders_due_before(&self, t: UnixSeconds) -> Result<Vec<Reminder>, StoreError> {
        self.with(|c| {
            c.execute_batch(REMINDERS)?;
            let mut st = c.prepare(
                "SELECT page_id, conv, due, created FROM reminders WHERE due <= ?1
                 ORDER BY due, page_id, conv",
            )?;
            let rows = st.query_map(params![t.0], reminder_of)?;
            rows.collect()
        })
    }
}
