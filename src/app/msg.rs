//! Messages into the update function, and commands out of it.

use ratatui::crossterm::event::KeyEvent;

use crate::api::models::Staff;
use crate::api::throttle::Headroom;
use crate::api::{
    ApiError, Conversation, ConversationId, ConversationQuery, Message, PageId, Tag, TagId,
    UnixSeconds, UserId,
};

use super::actions::ActionId;
use super::attach::{AttachFrom, PathEntry};
pub use super::page::{LoadMode, Meta};
use super::viewport::Viewport;
use crate::api::Op;
use crate::api::file_reply::{FileReply, OutgoingFile};
use crate::i18n::Said;
use crate::store::{Draft, OutboxEntry, Reminder};

/// A page's cache content at start.
#[derive(Clone, Debug, Default)]
pub struct Cached {
    pub page: PageId,
    pub conversations: Vec<Conversation>,
    pub meta: Meta,
    pub outbox: Vec<(i64, OutboxEntry)>,
    /// Unsent drafts, one per conversation.
    pub drafts: Vec<Draft>,
    /// Snoozed conversations of the page (follow up later).
    pub reminders: Vec<Reminder>,
    /// Said when the cache had to be rebuilt, or could not be read.
    pub notice: Option<crate::i18n::Said>,
}

/// What an action's confirmation carried.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The conversation's tags after the change (the `data` list).
    Tags(Vec<TagId>),
    Assignees(Vec<UserId>),
    Done,
    Sent(Option<Message>),
}

/// Everything that can happen to the app.
#[derive(Clone, Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize(Viewport),
    /// A clock tick (drives polls, spinners and the quit grace period).
    Tick(UnixSeconds),
    /// SIGTERM / SIGINT: leave now, as cleanly as possible.
    Terminate,
    /// SIGHUP, or the terminal unreadable: it is gone (a dropped SSH
    /// session, a closed tmux window). Leave now, drawing nothing more.
    HangUp,
    /// The next step of the search scan `generation` (`Cmd::SearchStep`),
    /// after a frame showed the matches so far.
    SearchStep {
        generation: u64,
    },
    /// The composer's text last changed a debounce ago (`seq` says which
    /// change): keep the draft on disk if nothing changed since.
    DraftDue {
        conv: ConversationId,
        seq: u64,
    },
    /// A conversation's draft as the page's store holds it now (another
    /// window may have written it), read when its composer opened.
    DraftLoaded {
        conv: ConversationId,
        result: Result<Option<Draft>, String>,
    },
    /// A draft was written down (or its row deleted), or could not be.
    DraftSaved {
        conv: ConversationId,
        result: Result<(), String>,
    },
    Conversations {
        page: PageId,
        generation: u64,
        mode: LoadMode,
        cursor: Option<ConversationId>,
        result: Result<Vec<Conversation>, ApiError>,
    },
    Messages {
        page: PageId,
        conv: ConversationId,
        older: bool,
        result: Result<Vec<Message>, ApiError>,
    },
    Tags(PageId, Result<Vec<Tag>, ApiError>),
    Staff(PageId, Result<Staff, ApiError>),
    ActionDone {
        id: ActionId,
        result: Result<Outcome, ApiError>,
    },
    Headroom(PageId, Headroom),
    /// The page's team on Redis: its status changed, or a colleague's (or
    /// a relay's) news came.
    Team(PageId, crate::team::News),
    /// Who the agent is was written down.
    Remembered,
    /// What the local cache held at start (the newest screenfuls).
    Cached(Box<Cached>),
    /// More of a page's cache, read while the list is already on screen.
    CachedMore {
        page: PageId,
        conversations: Vec<Conversation>,
    },
    /// An action was written to the durable outbox before being sent.
    Queued {
        id: ActionId,
        outbox: i64,
    },
    /// The external editor returned (the new text, or why not).
    Edited {
        conv: ConversationId,
        result: Result<String, String>,
    },
    /// The customer panel's facts: Pancake's record (if found) and the
    /// page's other conversations with the customer.
    Customer {
        page: PageId,
        customer_id: String,
        result: Result<
            (
                Option<crate::api::customers::PageCustomer>,
                Vec<Conversation>,
            ),
            ApiError,
        >,
    },
    /// The customer's record and tag history of a conversation, as the
    /// local store keeps them (read when it is opened: the list does not
    /// hold them, `app::convs::rest`).
    Record {
        conv: ConversationId,
        rest: crate::app::convs::Rest,
    },
    /// A page customer's notes as Pancake has them (read back after a
    /// change).
    Notes {
        page: PageId,
        customer: String,
        result: Result<Vec<crate::api::customers::CustomerNote>, ApiError>,
    },
    /// The post a comment conversation hangs under (`None`: not found in
    /// the pages of posts looked through).
    Post {
        page: PageId,
        post_id: String,
        result: Result<Option<crate::api::posts::Post>, ApiError>,
    },
    /// A page's figures over a period for the stats screen (`seq`: the
    /// request it answers).
    Stats {
        page: PageId,
        period: super::stats::PeriodKind,
        seq: u64,
        result: Result<Box<crate::api::stats::PageStats>, ApiError>,
    },
    /// The system opener was started for a link (or why not).
    Opened {
        url: String,
        result: Result<(), String>,
    },
    /// A file named to attach was read and checked (or why it cannot go).
    FileChecked {
        conv: ConversationId,
        /// The path as it was written.
        typed: String,
        from: AttachFrom,
        result: Result<OutgoingFile, String>,
    },
    /// The entries of the directory of the path prompt's `line` (for Tab).
    PathListed {
        line: String,
        result: Result<Vec<PathEntry>, String>,
    },
    /// A reply with files moved on: `files` is where it stands (content ids
    /// of the files uploaded, the ones sent), `uploading` the file going up
    /// now.
    FilesProgress {
        id: ActionId,
        files: FileReply,
        uploading: Option<usize>,
    },
    /// The action could not be written down (the outbox, or its mark as
    /// leaving) and was not sent: `why`, for the agent.
    NotKept {
        id: ActionId,
        why: crate::i18n::Said,
    },
    /// The action's outbox entry belongs to another window of the inbox
    /// (which sends it), or is gone (`gone`: that window finished it).
    NotOurs {
        id: ActionId,
        gone: bool,
    },
    /// A page's outbox as this window's watcher found it: entries it has
    /// just taken over from a window that closed or died (to send), and
    /// those a live window owns (to show as pending there).
    OutboxSeen {
        page: PageId,
        claimed: Vec<(i64, OutboxEntry)>,
        theirs: Vec<(i64, OutboxEntry)>,
    },
}

/// Work for the runtime: each becomes a background task that answers with a
/// [`Msg`], but those [`Cmd::on_terminal`], which the event loop runs.
#[derive(Clone, Debug, PartialEq)]
pub enum Cmd {
    LoadConversations {
        page: PageId,
        generation: u64,
        mode: LoadMode,
        query: ConversationQuery,
        cursor: Option<ConversationId>,
    },
    LoadMessages {
        page: PageId,
        conv: ConversationId,
        customer_id: Option<String>,
        /// `None` for the newest; `Some(n)` for older ones from position n.
        current_count: Option<usize>,
        /// The conversation's last change this read is for (the newest
        /// messages as they stood then are the same for the whole team:
        /// read once for it).
        as_of: Option<crate::api::UnixSeconds>,
    },
    LoadTags(PageId),
    LoadStaff(PageId),
    Perform {
        page: PageId,
        id: ActionId,
        conv: ConversationId,
        op: Op,
        /// Part of a bulk action: queued behind the agent's single actions.
        bulk: bool,
        /// Already in the durable outbox (a retry, or restored after a restart).
        outbox: Option<i64>,
        label: Said,
    },
    /// Keep these conversations in the page's local cache.
    SaveConversations(PageId, Vec<Conversation>),
    SaveMessages {
        page: PageId,
        conv: ConversationId,
        messages: Vec<Message>,
    },
    SaveMeta(PageId, Meta),
    /// Drop outbox entries (the agent dismissed or cancelled those actions).
    ForgetOutbox(Vec<(PageId, i64)>),
    /// Keep a conversation's draft on disk, replacing its row; an empty
    /// draft deletes it. Answered with `Msg::DraftSaved`.
    SaveDraft(PageId, Draft),
    /// Read a conversation's draft from the page's store, after the
    /// writes queued before it (`Msg::DraftLoaded`).
    LoadDraft(PageId, ConversationId),
    /// Wake the app with `Msg::DraftDue { conv, seq }` after `after`: the
    /// debounce of draft saves.
    DraftTimer {
        conv: ConversationId,
        seq: u64,
        after: std::time::Duration,
    },
    /// Remember which staff member the agent is (asked once).
    RememberMe(UserId),
    /// Keep the palette's recent commands (names, latest first) for the
    /// next start.
    RememberRecent(Vec<&'static str>),
    /// Keep a snooze in the page's local store (set or changed).
    SaveReminder(Reminder),
    /// Drop a conversation's snooze from the page's local store.
    CancelReminder(PageId, ConversationId),
    /// Look a customer up for the panel: `page_customers` from `since`
    /// (first contacts), then the list for their other conversations.
    LoadCustomer {
        page: PageId,
        customer_id: String,
        psid: Option<String>,
        conv: ConversationId,
        since: UnixSeconds,
        until: UnixSeconds,
    },
    /// Read a conversation's customer record and tag history from the
    /// page's local store (`Msg::Record`).
    LoadRecord {
        page: PageId,
        conv: ConversationId,
    },
    /// Change a conversation's customer record as Pancake confirmed, in
    /// the page's local store (the list does not hold it).
    UpdateRecord {
        page: PageId,
        conv: ConversationId,
        changes: crate::api::CustomerChanges,
    },
    /// Read a page customer's notes back (`Msg::Notes`).
    LoadNotes {
        page: PageId,
        conv: ConversationId,
        customer: String,
    },
    /// Find the post `post_id` among the page's posts (`Msg::Post`).
    LoadPost {
        page: PageId,
        post_id: String,
        /// Posts are asked from this time on (the conversation's start
        /// less [`crate::api::posts::POST_LOOK_BACK_DAYS`]) up to now.
        since: UnixSeconds,
    },
    /// Open an `http(s)` link with `xdg-open` / `open` (a local display).
    OpenUrl(String),
    /// Read and check a file to attach (size, type by name and content),
    /// `~` expanded; answered with `Msg::FileChecked`.
    CheckFile {
        conv: ConversationId,
        path: String,
        from: AttachFrom,
    },
    /// List the directory of a path prompt line; `Msg::PathListed`.
    ListPath(String),
    /// Every figure of the stats screen for one page over `range`
    /// (`PageApi::page_stats`, behind the agent's actions and the list).
    LoadStats {
        page: PageId,
        period: super::stats::PeriodKind,
        range: crate::api::stats::Period,
        seq: u64,
    },
    /// The draft to the agent's editor: the event loop suspends the TUI,
    /// runs the editor on the terminal and answers `Msg::Edited`.
    Edit(EditRequest),
    /// Text for the agent's clipboard: the event loop writes it to the
    /// terminal as OSC 52 (base64, its own encoding) between frames.
    Copy(String),
    /// Ring the terminal's bell (a customer wrote while the agent looks
    /// elsewhere, a snooze woke): after the next frame, by the event loop.
    Ring,
    /// End the app (quit, a signal, the quit grace over): the event loop
    /// stops, then writes down what is in flight.
    Exit,
    /// A search over a long list goes on: the event loop answers
    /// `Msg::SearchStep` after the next frame, behind the keys already
    /// typed (a new key starts a new scan; the old step then does nothing).
    SearchStep {
        generation: u64,
    },
}

impl Cmd {
    /// Work on the terminal itself: the event loop runs it after the
    /// message's other commands went out, never a background task.
    pub fn on_terminal(&self) -> bool {
        matches!(
            self,
            Cmd::Edit(_) | Cmd::Copy(_) | Cmd::Ring | Cmd::Exit | Cmd::SearchStep { .. }
        )
    }
}

/// The draft handed to `$VISUAL` / `$EDITOR`: not a task, the terminal
/// itself (the runtime suspends the TUI, runs the editor, and answers with
/// `Msg::Edited`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditRequest {
    pub conv: ConversationId,
    pub text: String,
}
