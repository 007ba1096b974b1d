//! The app state: plain data, changed only by [`super::update`], read by `ui`.

use std::collections::{HashMap, HashSet};

use crate::api::models::Staff;
use crate::api::throttle::Headroom;
use crate::api::{Conversation, ConversationId, Message, PageId, Tag, TagId, UnixSeconds, UserId};

use super::actions::ActionLog;
use super::bulk::{BulkPlan, BulkProgress};
use super::composer::Composer;
pub use super::convs::Conversations;
use super::convs::Fields;
use super::filter::{Filter, Tabs};
pub use super::page::{PageCtx, Sync, short_names};
use super::picker::Picker;
use super::search::Search;
use super::thread::Thread;
pub use super::viewport::Viewport;

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
    /// The keys; `scroll` is the first row shown (it scrolls on a small
    /// terminal).
    Help {
        scroll: usize,
    },
    Picker(Picker),
    /// A bulk action waiting for Enter (shows what and how long).
    Confirm(BulkPlan),
    /// The filter panel: a filter line parsed as it is typed.
    Filter(FilterEdit),
    /// The actions not yet confirmed by Pancake; the cursor is a position
    /// in `State::actions.items`.
    Outbox {
        cursor: usize,
    },
    /// Follow up later: when the conversation(s) come back.
    Snooze(super::snooze::SnoozeEdit),
    /// The command palette: every command by name.
    Palette(super::palette::Palette),
    /// The open thread's attachments and links (`v`), as they were when it
    /// opened; the cursor is a position in `items`.
    Links {
        cursor: usize,
        items: Vec<super::links::Link>,
    },
    /// A file to attach to the reply in the composer: a path, completed
    /// with Tab.
    Attach(super::attach::PathPrompt),
    /// The page's figures over a period (`S`); the figures themselves are
    /// in `State::stats`, kept when the screen closes.
    Stats(super::stats::StatsScreen),
    /// The open thread's customer: notes and record (`C`).
    Customer(super::customer::CustomerEditor),
}

/// The filter being edited in the panel.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterEdit {
    pub line: String,
    /// What the line means now, or why it means nothing.
    pub parsed: Result<Filter, super::filter::FilterError>,
}

/// Settings the app behaves by (from config).
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub mark_read_on_open: bool,
    /// The shortest wait between list polls (`since` = last sync); the
    /// interval grows with the agents sharing the page's budget, see
    /// `update::sync::poll_interval`.
    pub poll_secs: u64,
    /// Seconds between polls of the open thread when nothing else tells
    /// it changed (a list poll that moves its `updated_at` does, at once).
    pub thread_poll_secs: u64,
    /// Requests per page per second Pancake allows (polling takes at most a
    /// quarter of it).
    pub rate_limit: u32,
    /// New unread conversations ring the bell and count in the terminal title.
    pub notify: bool,
    /// The agent, for "assign to me".
    pub me: Option<UserId>,
    /// How long quitting waits for actions in flight.
    pub quit_grace_secs: u64,
    /// Zone for message times.
    pub tz: jiff::tz::TimeZone,
    /// The keys, with the agent's `[keys]` from config.toml.
    pub keymap: crate::app::keys::Keymap,
    /// A display on this machine (`DISPLAY`, `WAYLAND_DISPLAY`, macOS):
    /// links may be opened with `xdg-open` / `open`. Off over SSH.
    pub local_display: bool,
    /// The interface's language (`language` in config.toml, else the
    /// locale; `i18n::Lang::pick`).
    pub lang: crate::i18n::Lang,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            mark_read_on_open: true,
            poll_secs: 2,
            thread_poll_secs: 60,
            rate_limit: 5,
            notify: true,
            me: None,
            quit_grace_secs: 5,
            tz: jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC),
            keymap: crate::app::keys::Keymap::default(),
            local_display: false,
            lang: crate::i18n::Lang::En,
        }
    }
}

/// What the status bar says last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// Which pages the list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Scope {
    /// One page, by index in `State::pages`.
    Page(usize),
    /// Every page merged, each row saying its page.
    #[default]
    All,
}

/// The whole app.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// The pages worked (at least one).
    pub pages: Vec<PageCtx>,
    pub scope: Scope,
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
    /// The time the visible rows' filter was last brought to, when it moves
    /// with the clock (`24h`): each new minute, the conversations whose time
    /// crossed its bound since leave the rows or join them
    /// (`update::list::follow_clock`).
    pub listed_at: UnixSeconds,
    /// First visible row.
    pub offset: usize,
    pub search: Search,
    /// The saved views, as tabs above the list.
    pub tabs: Tabs,
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

    pub focus: Focus,
    pub overlay: Option<Overlay>,
    pub thread: Option<Thread>,
    /// The reply being written, if the composer is open.
    pub composer: Option<Composer>,
    /// Unsent drafts per conversation (kept when the composer closes), as
    /// text with `attach: PATH` lines for their files.
    pub drafts: HashMap<ConversationId, String>,
    /// The latest change of the composer's draft: a debounce timer for an
    /// older one finds a newer one came and does nothing.
    pub draft_seq: u64,
    /// Conversations whose last draft save failed this session: the draft
    /// here is the only copy, and a store without it does not clear it.
    pub drafts_unsaved: HashSet<ConversationId>,
    /// Canned replies offered in the composer.
    pub canned: Vec<super::canned::Canned>,
    /// Comments answered with a private reply this session (once per comment).
    pub private_replied: HashSet<String>,

    pub actions: ActionLog,
    pub notice: Option<Notice>,

    /// The agent's own actions, newest last, with what each replaced: `z`
    /// walks back through them.
    pub undo: Vec<(ConversationId, crate::api::Op, super::actions::Before)>,
    /// Set by `q`: waiting for actions in flight before exiting.
    pub quitting: Option<UnixSeconds>,
    /// The terminal is gone (SIGHUP): the runtime draws nothing more, saves,
    /// then exits (restoring the terminal is only tried, after the save).
    pub hangup: bool,
    /// The customer panel is shown beside (or below) the thread.
    pub customer_panel: bool,
    /// Customers loaded for the panel, kept for the session.
    pub customers: HashMap<super::customer::CustomerKey, super::customer::CustomerCard>,
    /// The posts comment conversations hang under, by page and post id,
    /// kept for the session.
    pub posts: HashMap<(PageId, String), super::customer::PostCard>,
    /// Something visible changed since the last frame.
    pub dirty: bool,
    /// Snoozed conversations, each with its reminder (page, due time, when
    /// it was snoozed): out of the default views until due.
    pub snoozes: HashMap<ConversationId, crate::store::Reminder>,
    /// Conversations back from a snooze this session, and when: they sort
    /// as if active then (the top of the list).
    pub surfaced: HashMap<ConversationId, UnixSeconds>,
    /// Commands run from the palette this session, the latest first.
    pub recent_commands: Vec<crate::app::keys::Command>,
    /// The stats screen's figures per page and period, for the session.
    pub stats: super::stats::StatsCache,
}

impl State {
    /// The app over `pages` (id, name); the first one is shown first.
    pub fn new(pages: Vec<(PageId, String)>, settings: Settings) -> Self {
        let mut pages: Vec<PageCtx> = pages
            .into_iter()
            .map(|(id, name)| PageCtx::new(id, name))
            .collect();
        let shorts = short_names(pages.iter().map(|p| p.name.as_str()));
        for (p, short) in pages.iter_mut().zip(shorts) {
            p.short = short;
        }
        State {
            pages,
            scope: Scope::Page(0),
            now: UnixSeconds::now(),
            listed_at: UnixSeconds::now(),
            dirty: true,
            tabs: Tabs {
                views: super::filter::default_views(settings.lang),
                ..Tabs::default()
            },
            settings,
            ..State::default()
        }
    }

    /// The conversation under the cursor, decoded.
    pub fn selected_conversation(&self) -> Option<Conversation> {
        self.visible.get(self.selected).map(|&i| self.convs.at(i))
    }

    /// Index in `pages` of a page id.
    pub fn page_index(&self, id: &PageId) -> Option<usize> {
        self.pages.iter().position(|p| &p.id == id)
    }

    /// The page a conversation belongs to (the first page if unknown).
    pub fn page_of(&self, c: &impl Fields) -> &PageCtx {
        self.page_index(c.page_id())
            .map_or(&self.pages[0], |i| &self.pages[i])
    }

    /// The page in front: the one shown, or in the All view the page of the
    /// selected conversation.
    pub fn page(&self) -> &PageCtx {
        match self.scope {
            Scope::Page(i) => &self.pages[i],
            Scope::All => self
                .visible
                .get(self.selected)
                .map_or(&self.pages[0], |&i| self.page_of(&self.convs.row(i))),
        }
    }

    /// Whether a page's conversations are in the list.
    pub fn in_scope(&self, page: usize) -> bool {
        match self.scope {
            Scope::Page(i) => i == page,
            Scope::All => true,
        }
    }

    /// Indices of the pages in the list.
    pub fn scoped_pages(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.pages.len()).filter(|&i| self.in_scope(i))
    }

    /// More than one page is worked: rows say which.
    pub fn multi_page(&self) -> bool {
        self.pages.len() > 1
    }

    /// A tag of the conversation's page.
    pub fn tag_of(&self, c: &impl Fields, id: &TagId) -> Option<&Tag> {
        self.page_of(c).tag(id)
    }

    /// Staff of every page, each person once (user ids are Pancake-wide).
    pub fn all_staff(&self) -> Staff {
        let mut all = Staff::default();
        for p in &self.pages {
            for u in &p.staff.users {
                if !all.users.iter().any(|x| x.id == u.id) {
                    all.users.push(u.clone());
                }
            }
            for u in &p.staff.disabled {
                if !all.disabled.iter().any(|x| x.id == u.id) {
                    all.disabled.push(u.clone());
                }
            }
        }
        all
    }

    /// Tags of the pages in the list, each name once.
    pub fn scoped_tags(&self) -> Vec<Tag> {
        let mut all: Vec<Tag> = Vec::new();
        for i in self.scoped_pages() {
            for t in &self.pages[i].tags {
                if !all
                    .iter()
                    .any(|x| crate::text::fold(&x.name) == crate::text::fold(&t.name))
                {
                    all.push(t.clone());
                }
            }
        }
        all
    }

    /// The filter in force: the panel's, else the active view's.
    pub fn filter(&self) -> &Filter {
        static ALL: std::sync::OnceLock<Filter> = std::sync::OnceLock::new();
        self.custom_filter
            .as_ref()
            .or_else(|| self.tabs.current().map(|v| &v.filter))
            .unwrap_or_else(|| ALL.get_or_init(Filter::default))
    }

    /// Who the agent is on page `p`: the configured `me` (a user id or a
    /// name) as that page's staff knows them. A person has a different id
    /// on each page; the name links them.
    pub fn me_on(&self, p: usize) -> Option<UserId> {
        let me = self.settings.me.as_ref()?;
        let staff = &self.pages.get(p)?.staff;
        match staff.find_by_name(me.as_str()) {
            Some(u) => Some(u.id.clone()),
            None => super::filter::same_person(&self.pages, me, staff),
        }
    }

    /// Who the agent is on each page, in page order (for filters).
    pub fn me_per_page(&self) -> Vec<Option<UserId>> {
        (0..self.pages.len()).map(|p| self.me_on(p)).collect()
    }

    /// Seconds until the next list request of the pages shown, for
    /// "offline, retrying in N s".
    pub fn sync_retry_in(&self) -> Option<i64> {
        self.scoped_pages()
            .filter_map(|i| self.pages[i].sync.next_poll)
            .min()
            .map(|t| (t.0 - self.now.0).max(0))
    }

    /// The sync of the pages shown, folded into one: loading if any loads,
    /// the first error, offline only when every page is.
    pub fn sync_summary(&self) -> Sync {
        let mut out = Sync {
            offline: true,
            complete: true,
            ..Sync::default()
        };
        let mut any = false;
        for i in self.scoped_pages() {
            let s = &self.pages[i].sync;
            any = true;
            out.loading |= s.loading;
            out.polling |= s.polling;
            out.filtering |= s.filtering;
            out.cached |= s.cached;
            out.offline &= s.offline;
            out.complete &= s.complete;
            if out.error.is_none() && s.error.is_some() {
                out.error = s.error.as_ref().map(|e| {
                    if self.multi_page() {
                        format!("{}: {e}", self.pages[i].name)
                    } else {
                        e.clone()
                    }
                });
                out.failures = s.failures;
            }
            out.last_ok = match (out.last_ok, s.last_ok) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            out.next_poll = match (out.next_poll, s.next_poll) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        out.offline &= any;
        out.complete &= any;
        out
    }

    /// Headroom of the page in front.
    pub fn headroom(&self) -> Headroom {
        self.page().headroom
    }

    /// Messages of the open thread, if any.
    pub fn thread_messages(&self) -> &[Message] {
        self.thread.as_ref().map_or(&[], |t| &t.messages)
    }
}
