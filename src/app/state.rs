//! The app state: plain data, changed only by [`super::update`], read by `ui`.

use std::collections::{HashMap, HashSet};

use crate::api::models::Staff;
use crate::api::throttle::Headroom;
use crate::api::{Conversation, ConversationId, Message, PageId, Tag, TagId, UnixSeconds, UserId};

use super::actions::ActionLog;
use super::bulk::{BulkPlan, BulkProgress};
use super::composer::Composer;
use super::filter::{Filter, View, ViewConfig};
use super::msg::LoadMode;
use super::picker::Picker;
use super::search::Search;
use super::thread::Thread;

/// Which pane has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Thread,
}

/// A popup over the panes; it takes every key while open.
#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    Help,
    Picker(Picker),
    /// A bulk action waiting for Enter (shows what and how long).
    Confirm(BulkPlan),
    /// The filter panel: a filter line parsed as it is typed.
    Filter(FilterEdit),
}

/// The filter being edited in the panel.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterEdit {
    pub line: String,
    /// What the line means now, or why it means nothing.
    pub parsed: Result<Filter, String>,
}

/// Rows and columns the panes have, from the terminal size (see `ui::layout`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Viewport {
    pub width: u16,
    pub height: u16,
    /// Conversation rows visible in the list.
    pub list_rows: usize,
    /// Text lines visible in the thread.
    pub thread_rows: usize,
    /// Columns available to message text in the thread.
    pub thread_width: usize,
    /// False when the terminal is too narrow for two panes (list only).
    pub two_panes: bool,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            width: 80,
            height: 24,
            list_rows: 20,
            thread_rows: 18,
            thread_width: 40,
            two_panes: true,
        }
    }
}

/// Settings the app behaves by (from config).
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub mark_read_on_open: bool,
    /// Seconds between list polls (`since` = last sync).
    pub poll_secs: u64,
    /// Seconds between polls of the open thread.
    pub thread_poll_secs: u64,
    /// The agent, for "assign to me".
    pub me: Option<UserId>,
    /// How long quitting waits for actions in flight.
    pub quit_grace_secs: u64,
    /// Zone for message times.
    pub tz: jiff::tz::TimeZone,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            mark_read_on_open: true,
            poll_secs: 30,
            thread_poll_secs: 10,
            me: None,
            quit_grace_secs: 5,
            tz: jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC),
        }
    }
}

/// Conversations known to the app, in list order (newest activity first).
#[derive(Clone, Debug, Default)]
pub struct Conversations {
    /// Slab of conversations; indices are stable for the session.
    pub items: Vec<Conversation>,
    pub index: HashMap<ConversationId, usize>,
    /// Slab indices, sorted by `updated_at` descending.
    pub order: Vec<usize>,
}

impl Conversations {
    pub fn get(&self, id: &ConversationId) -> Option<&Conversation> {
        self.index.get(id).map(|&i| &self.items[i])
    }

    pub fn get_mut(&mut self, id: &ConversationId) -> Option<&mut Conversation> {
        self.index.get(id).map(|&i| &mut self.items[i])
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Unread conversations among those loaded.
    pub fn unread(&self) -> usize {
        self.items.iter().filter(|c| !c.seen).count()
    }
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

/// What the status bar says last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// The whole app.
#[derive(Clone, Debug, Default)]
pub struct State {
    pub page_id: PageId,
    pub page_name: String,
    /// Running against the built-in simulator.
    pub demo: bool,
    pub settings: Settings,
    pub viewport: Viewport,
    pub now: UnixSeconds,
    /// Animation frame for spinners (advanced by ticks only while loading).
    pub spinner: usize,

    pub convs: Conversations,
    /// Slab indices shown in the list (order filtered by the search).
    pub visible: Vec<usize>,
    /// Position in `visible` of the selected row.
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    pub search: Search,
    /// Saved views (tabs above the list) and the active one.
    pub views: Vec<View>,
    pub view: usize,
    /// Views from config, resolved once tags and staff are known.
    pub view_configs: Vec<ViewConfig>,
    /// Loaded conversations per view (tab counts).
    pub view_counts: Vec<usize>,
    /// A filter set in the panel, over the view's (cleared with `F`).
    pub custom_filter: Option<Filter>,
    /// Bumped when the filter changes; older filtered fetches stop.
    pub filter_generation: u64,
    /// Conversations marked for a bulk action.
    pub marks: HashSet<ConversationId>,
    /// The bulk action under way, if any.
    pub bulk: Option<BulkProgress>,
    /// "Assign to me" (true) or "remove me" (false) waiting for the agent to
    /// say who they are.
    pub pending_me: Option<bool>,

    pub tags: Vec<Tag>,
    pub tag_index: HashMap<TagId, usize>,
    pub staff: Staff,

    pub focus: Focus,
    pub overlay: Option<Overlay>,
    pub thread: Option<Thread>,
    /// The reply being written, if the composer is open.
    pub composer: Option<Composer>,
    /// Unsent drafts per conversation (kept when the composer closes).
    pub drafts: HashMap<ConversationId, String>,
    /// Canned replies offered in the composer.
    pub canned: Vec<super::canned::Canned>,
    /// Comments answered with a private reply this session (once per comment).
    pub private_replied: HashSet<String>,

    pub sync: Sync,
    pub actions: ActionLog,
    pub notice: Option<Notice>,
    pub headroom: Headroom,

    /// The agent's last single action and what it replaced, for `z`.
    pub undo: Option<(ConversationId, super::actions::Op, super::actions::Before)>,
    /// Set by `q`: waiting for actions in flight before exiting.
    pub quitting: Option<UnixSeconds>,
    /// The runtime exits when this is set.
    pub exit: bool,
    /// Something visible changed since the last frame.
    pub dirty: bool,
}

impl State {
    pub fn new(page_id: PageId, page_name: String, settings: Settings) -> Self {
        State {
            page_id,
            page_name,
            settings,
            now: UnixSeconds::now(),
            dirty: true,
            views: super::filter::default_views(),
            ..State::default()
        }
    }

    /// The conversation under the cursor.
    pub fn selected_conversation(&self) -> Option<&Conversation> {
        self.visible
            .get(self.selected)
            .map(|&i| &self.convs.items[i])
    }

    pub fn tag(&self, id: &TagId) -> Option<&Tag> {
        self.tag_index.get(id).map(|&i| &self.tags[i])
    }

    /// The filter in force: the panel's, else the active view's.
    pub fn filter(&self) -> &Filter {
        static ALL: std::sync::OnceLock<Filter> = std::sync::OnceLock::new();
        self.custom_filter
            .as_ref()
            .or_else(|| self.views.get(self.view).map(|v| &v.filter))
            .unwrap_or_else(|| ALL.get_or_init(Filter::default))
    }

    /// The staff member the agent is: `me` from config as an id or a name.
    pub fn me(&self) -> Option<UserId> {
        let me = self.settings.me.as_ref()?;
        let folded = crate::text::fold(me.as_str());
        self.staff
            .users
            .iter()
            .chain(&self.staff.disabled)
            .find(|u| &u.id == me || crate::text::fold(&u.name) == folded)
            .map(|u| u.id.clone())
    }

    /// Seconds until the next list request, for "offline, retrying in N s".
    pub fn sync_retry_in(&self) -> Option<i64> {
        self.sync.next_poll.map(|t| (t.0 - self.now.0).max(0))
    }

    /// Messages of the open thread, if any.
    pub fn thread_messages(&self) -> &[Message] {
        self.thread.as_ref().map_or(&[], |t| &t.messages)
    }
}
