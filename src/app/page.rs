//! One Pancake page the agent works: its tags, staff, rate headroom and how
//! its list sync goes.

use std::collections::HashMap;

use crate::api::models::Staff;
use crate::api::quirks::PageQuirks;
use crate::api::throttle::Headroom;
use crate::api::{ConversationId, PageId, Tag, TagId, UnixSeconds};

/// Sync facts kept in the cache between runs.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    pub last_sync: Option<UnixSeconds>,
    pub complete: bool,
    pub tags: Option<Vec<Tag>>,
    pub staff: Option<Staff>,
    /// What the page's Pancake refuses (none in a cache written before).
    #[serde(default)]
    pub quirks: crate::api::quirks::PageQuirks,
}

/// Why a list request was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadMode {
    /// Walking the whole list with the cursor.
    Backfill,
    /// Asking for what changed since the last sync.
    Poll,
    /// Filling in the active filter's conversations from the server.
    Filter,
}

/// Background sync of the list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sync {
    /// Bumped when the list is reloaded from scratch; older answers are ignored.
    pub generation: u64,
    /// A list request is in flight.
    pub loading: bool,
    /// The backfill reached the end of the list.
    pub complete: bool,
    /// Cursor for the next backfill call.
    pub cursor: Option<ConversationId>,
    /// Newest `updated_at` seen: the next poll asks `since` this.
    pub last_sync: Option<UnixSeconds>,
    /// The `since` of the poll in progress (kept for all its pages).
    pub poll_since: Option<UnixSeconds>,
    /// When the last poll or backfill answer arrived (wall clock).
    pub last_ok: Option<UnixSeconds>,
    /// When the next list request is due, and which one.
    pub next_poll: Option<UnixSeconds>,
    pub resume: Option<(LoadMode, Option<ConversationId>)>,
    /// A poll (delta) is in flight rather than the backfill.
    pub polling: bool,
    /// The active filter's conversations are being fetched from Pancake.
    pub filtering: bool,
    /// The last sync error, in words, and how many failed in a row.
    pub error: Option<String>,
    pub failures: u32,
    /// Pancake could not be reached at all.
    pub offline: bool,
    /// The list was painted from the local cache and is being refreshed.
    pub cached: bool,
}

/// One Pancake page the agent works: what is known of it and how its sync
/// goes. Conversations of every page share `State::convs` (their ids embed
/// the page id, and each carries its `page_id`).
#[derive(Clone, Debug, Default)]
pub struct PageCtx {
    pub id: PageId,
    pub name: String,
    /// Agents sharing the page's rate budget, this one included (0 = not
    /// known yet: taken as 1).
    pub agents: usize,
    /// The name without the words every page's name shares ("Pancake"), for
    /// the page column of the All pages view.
    pub short: String,
    pub sync: Sync,
    pub tags: Vec<Tag>,
    pub tag_index: HashMap<TagId, usize>,
    pub staff: Staff,
    /// The tags or staff could not be fetched (offline at start): fetched
    /// again the next time Pancake answers.
    pub meta_stale: bool,
    /// This page's share of its own rate limit (each page has its own).
    pub headroom: Headroom,
    /// The page's team on Redis: who reads the page for everyone.
    pub team: crate::team::Status,
    /// What this page's Pancake was found to refuse (kept in the cache).
    pub quirks: PageQuirks,
}

impl PageCtx {
    pub fn new(id: PageId, name: String) -> Self {
        PageCtx {
            id,
            name,
            ..PageCtx::default()
        }
    }

    /// What the cache keeps about the page's sync.
    pub fn meta(&self) -> Meta {
        Meta {
            last_sync: self.sync.last_sync,
            complete: self.sync.complete,
            tags: (!self.tags.is_empty()).then(|| self.tags.clone()),
            staff: (!self.staff.users.is_empty()).then(|| self.staff.clone()),
            quirks: self.quirks.kept(),
        }
    }

    pub fn tag(&self, id: &TagId) -> Option<&Tag> {
        self.tag_index.get(id).map(|&i| &self.tags[i])
    }
}

/// Page names without the words all of them share, so that "Tiệm Bánh
/// Pancake" and "Pancake Café Đà Lạt" become "Tiệm Bánh" and "Café Đà Lạt".
/// A name left empty keeps its full form.
pub fn short_names<'a>(names: impl Iterator<Item = &'a str> + Clone) -> Vec<String> {
    let fold = crate::text::fold;
    let shared: Vec<String> = names
        .clone()
        .next()
        .map(|first| {
            first
                .split_whitespace()
                .map(fold)
                .filter(|w| {
                    names
                        .clone()
                        .all(|n| n.split_whitespace().any(|x| fold(x) == *w))
                })
                .collect()
        })
        .unwrap_or_default();
    let several = names.clone().count() > 1;
    names
        .map(|n| {
            let kept: Vec<&str> = n
                .split_whitespace()
                .filter(|w| !several || !shared.contains(&fold(w)))
                .collect();
            if kept.is_empty() {
                n.to_owned()
            } else {
                kept.join(" ")
            }
        })
        .collect()
}
