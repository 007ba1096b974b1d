//! The one key table: every command of every input mode, its name in
//! `config.toml`, its default keys and what it does. The keymap, the help
//! overlay, the hints, the command palette and the README's key list all
//! come from it.

use crate::i18n::{Lang, tr};

/// An input mode: who reads the keys. Each has its section in
/// `config.toml` (`[keys]` for the list and thread, `[keys.picker]` ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The list and thread panes.
    List,
    /// The tag, staff, canned-reply and who-are-you pickers.
    Picker,
    Composer,
    /// The filter panel's line.
    Filter,
    /// The search line.
    Search,
    Outbox,
    /// The bulk action preview.
    Confirm,
    Help,
    /// The thread's attachments and links (`v`).
    Links,
    /// The composer's path prompt: a file to attach.
    Attach,
    /// The stats screen (`S`).
    Stats,
    /// The customer editor (`C`): the notes and the record.
    Notes,
    /// The customer editor's line or form (a note, the record's fields).
    NoteForm,
}

impl Mode {
    /// In the order the help lists them.
    pub const ALL: [Mode; 13] = [
        Mode::List,
        Mode::Picker,
        Mode::Filter,
        Mode::Search,
        Mode::Outbox,
        Mode::Links,
        Mode::Notes,
        Mode::NoteForm,
        Mode::Stats,
        Mode::Confirm,
        Mode::Help,
        Mode::Composer,
        Mode::Attach,
    ];

    /// Its section name under `[keys]` (the list's commands stand in
    /// `[keys]` itself, or `[keys.list]`).
    pub fn section(self) -> &'static str {
        match self {
            Mode::List => "list",
            Mode::Picker => "picker",
            Mode::Composer => "composer",
            Mode::Filter => "filter",
            Mode::Search => "search",
            Mode::Outbox => "outbox",
            Mode::Confirm => "confirm",
            Mode::Help => "help",
            Mode::Links => "links",
            Mode::Attach => "attach",
            Mode::Stats => "stats",
            Mode::Notes => "customer",
            Mode::NoteForm => "customer_form",
        }
    }

    /// The mode's name in `lang`, as the help heads its keys.
    pub fn title(self, lang: Lang) -> String {
        let id = match self {
            Mode::List => "mode-list",
            Mode::Picker => "mode-picker",
            Mode::Composer => "mode-composer",
            Mode::Filter => "mode-filter",
            Mode::Search => "mode-search",
            Mode::Outbox => "mode-outbox",
            Mode::Confirm => "mode-confirm",
            Mode::Help => "mode-help",
            Mode::Links => "mode-links",
            Mode::Attach => "mode-attach",
            Mode::Stats => "mode-stats",
            Mode::Notes => "mode-notes",
            Mode::NoteForm => "mode-note-form",
        };
        tr(lang, id)
    }

    /// Printable keys are text here (typed into a line), not commands.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Picker
                | Mode::Composer
                | Mode::Filter
                | Mode::Search
                | Mode::Attach
                | Mode::NoteForm
        )
    }
}

/// The list and thread panes' commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Open,
    Back,
    SwitchFocus,
    TagPicker,
    StaffPicker,
    ToggleRead,
    Reply,
    Search,
    Refresh,
    Outbox,
    NextPage,
    NextMatch,
    PrevMatch,
    Filter,
    ClearFilter,
    NextView,
    PrevView,
    Mark,
    MarkAll,
    ClearMarks,
    AssignMe,
    UnassignMe,
    Undo,
    RetryFailed,
    DismissFailed,
    Help,
    Quit,
    /// Follow up later: snooze until a time (again: change or cancel).
    Snooze,
    /// The command palette: every command by name.
    Palette,
    /// The open thread's attachments and links.
    Links,
    /// The customer panel beside (wide) or under the thread.
    Customer,
    /// The page's figures over a period (the stats screen).
    Stats,
    /// The open thread's customer: notes and record.
    CustomerEdit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PickerKey {
    Up,
    Down,
    /// Space: a tag at once, a person into the selection.
    Toggle,
    /// Enter: a tag at once, the staff selection assigned, a canned reply
    /// inserted, "that's me".
    Choose,
    DeleteChar,
    ClearQuery,
    Close,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ComposerKey {
    Send,
    NewLine,
    Canned,
    Editor,
    Private,
    /// The path prompt: a file to send with the reply.
    Attach,
    /// Remove the file attached last.
    Detach,
    DeleteBack,
    DeleteForward,
    Left,
    Right,
    Home,
    End,
    /// Close, keeping the draft.
    Close,
}

/// The path prompt's keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AttachKey {
    /// Complete the name typed from the directory's entries.
    Complete,
    /// Check the file and attach it.
    Add,
    DeleteChar,
    ClearLine,
    Close,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FilterKey {
    Apply,
    DeleteChar,
    ClearLine,
    Close,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SearchKey {
    Done,
    Cancel,
    DeleteChar,
    Up,
    Down,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutboxKey {
    Down,
    Up,
    Cancel,
    Resend,
    Close,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConfirmKey {
    Confirm,
    Cancel,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HelpKey {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Close,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LinksKey {
    Down,
    Up,
    /// Copy the link to the agent's clipboard (OSC 52).
    Copy,
    /// Open it with `xdg-open` / `open` (a local display only).
    Open,
    Close,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatsKey {
    /// The period before in the cycle today / 7 d / 30 d.
    PrevPeriod,
    NextPeriod,
    /// Ask Pancake again (after an error, or for fresher figures).
    Reload,
    Down,
    Up,
    PageDown,
    PageUp,
    Close,
}

/// The customer editor's keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NotesKey {
    Down,
    Up,
    /// Type a new note.
    Add,
    /// Change the note under the cursor.
    Edit,
    /// Delete the note under the cursor.
    Delete,
    /// Fix the name, phones, gender, birthday.
    Fix,
    Close,
}

/// The customer editor's line and form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoteFormKey {
    /// Check and send.
    Save,
    NextField,
    PrevField,
    DeleteChar,
    ClearLine,
    Left,
    Right,
    /// Back to the notes, nothing sent.
    Cancel,
}

/// What a key does, in its mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bound {
    List(Command),
    Picker(PickerKey),
    Composer(ComposerKey),
    Filter(FilterKey),
    Search(SearchKey),
    Outbox(OutboxKey),
    Confirm(ConfirmKey),
    Help(HelpKey),
    Links(LinksKey),
    Attach(AttachKey),
    Stats(StatsKey),
    Notes(NotesKey),
    NoteForm(NoteFormKey),
}

impl Bound {
    pub fn mode(self) -> Mode {
        match self {
            Bound::List(_) => Mode::List,
            Bound::Picker(_) => Mode::Picker,
            Bound::Composer(_) => Mode::Composer,
            Bound::Filter(_) => Mode::Filter,
            Bound::Search(_) => Mode::Search,
            Bound::Outbox(_) => Mode::Outbox,
            Bound::Confirm(_) => Mode::Confirm,
            Bound::Help(_) => Mode::Help,
            Bound::Links(_) => Mode::Links,
            Bound::Attach(_) => Mode::Attach,
            Bound::Stats(_) => Mode::Stats,
            Bound::Notes(_) => Mode::Notes,
            Bound::NoteForm(_) => Mode::NoteForm,
        }
    }
}

/// A mode's own command type, to look keys up in that mode alone.
pub trait ModeKey: Copy + Into<Bound> {
    const MODE: Mode;
    fn from_bound(b: Bound) -> Option<Self>;
}

macro_rules! mode_key {
    ($t:ty, $variant:ident) => {
        impl From<$t> for Bound {
            fn from(c: $t) -> Bound {
                Bound::$variant(c)
            }
        }
        impl ModeKey for $t {
            const MODE: Mode = Mode::$variant;
            fn from_bound(b: Bound) -> Option<Self> {
                match b {
                    Bound::$variant(c) => Some(c),
                    _ => None,
                }
            }
        }
    };
}

mode_key!(Command, List);
mode_key!(PickerKey, Picker);
mode_key!(ComposerKey, Composer);
mode_key!(FilterKey, Filter);
mode_key!(SearchKey, Search);
mode_key!(OutboxKey, Outbox);
mode_key!(ConfirmKey, Confirm);
mode_key!(HelpKey, Help);
mode_key!(LinksKey, Links);
mode_key!(AttachKey, Attach);
mode_key!(StatsKey, Stats);
mode_key!(NotesKey, Notes);
mode_key!(NoteFormKey, NoteForm);

pub struct Binding {
    /// The command's name in its `config.toml` section.
    pub name: &'static str,
    /// Default keys, in the spelling `Key::parse` reads.
    pub keys: &'static [&'static str],
    pub does: Bound,
    /// What it does: the id of its words in the catalogs
    /// (`assets/i18n/*/*.ftl`), read with [`Binding::describe`].
    pub help: &'static str,
}

impl Binding {
    pub fn mode(&self) -> Mode {
        self.does.mode()
    }

    /// What it does, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        tr(lang, self.help)
    }
}

const fn bind(
    name: &'static str,
    keys: &'static [&'static str],
    does: Bound,
    help: &'static str,
) -> Binding {
    Binding {
        name,
        keys,
        does,
        help,
    }
}

use Bound::{
    Attach as T, Composer as C, Confirm as Y, Filter as F, Help as H, Links as K, List as L,
    NoteForm as W, Notes as E, Outbox as O, Picker as P, Search as S, Stats as N,
};

/// Every command, mode by mode (the help lists them in this order).
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind("down", &["j", "Down"], L(Command::Down), "key-list-down"),
    bind("up", &["k", "Up"], L(Command::Up), "key-list-up"),
    bind("top", &["g", "Home"], L(Command::Top), "key-list-top"),
    bind("bottom", &["G", "End"], L(Command::Bottom), "key-list-bottom"),
    bind("page_down", &["PgDn", "C-d"], L(Command::PageDown), "key-list-page-down"),
    bind("page_up", &["PgUp", "C-u"], L(Command::PageUp), "key-list-page-up"),
    bind("open", &["Enter", "l"], L(Command::Open), "key-list-open"),
    bind("back", &["Esc", "h"], L(Command::Back), "key-list-back"),
    bind("switch_focus", &["Tab"], L(Command::SwitchFocus), "key-list-switch-focus"),
    bind("tag_picker", &["t"], L(Command::TagPicker), "key-list-tag-picker"),
    bind("staff_picker", &["a"], L(Command::StaffPicker), "key-list-staff-picker"),
    bind("toggle_read", &["u"], L(Command::ToggleRead), "key-list-toggle-read"),
    bind("reply", &["r"], L(Command::Reply), "key-list-reply"),
    bind("search", &["/"], L(Command::Search), "key-list-search"),
    bind("filter", &["f"], L(Command::Filter), "key-list-filter"),
    bind("clear_filter", &["F"], L(Command::ClearFilter), "key-list-clear-filter"),
    bind("next_view", &["]"], L(Command::NextView), "key-list-next-view"),
    bind("prev_view", &["["], L(Command::PrevView), "key-list-prev-view"),
    bind("next_match", &["n"], L(Command::NextMatch), "key-list-next-match"),
    bind("prev_match", &["N"], L(Command::PrevMatch), "key-list-prev-match"),
    bind("mark", &["Space"], L(Command::Mark), "key-list-mark"),
    bind("mark_all", &["*"], L(Command::MarkAll), "key-list-mark-all"),
    bind("clear_marks", &["V"], L(Command::ClearMarks), "key-list-clear-marks"),
    bind("assign_me", &["A"], L(Command::AssignMe), "key-list-assign-me"),
    bind("unassign_me", &["U"], L(Command::UnassignMe), "key-list-unassign-me"),
    bind("next_page", &["P"], L(Command::NextPage), "key-list-next-page"),
    bind("refresh", &["R"], L(Command::Refresh), "key-list-refresh"),
    bind("undo", &["z"], L(Command::Undo), "key-list-undo"),
    bind("outbox", &["o"], L(Command::Outbox), "key-list-outbox"),
    bind("retry_failed", &["x"], L(Command::RetryFailed), "key-list-retry-failed"),
    bind("dismiss_failed", &["X"], L(Command::DismissFailed), "key-list-dismiss-failed"),
    bind("help", &["?"], L(Command::Help), "key-list-help"),
    bind("quit", &["q", "C-c"], L(Command::Quit), "key-list-quit"),
    bind("snooze", &["s"], L(Command::Snooze), "key-list-snooze"),
    bind("palette", &[":"], L(Command::Palette), "key-list-palette"),
    bind("links", &["v"], L(Command::Links), "key-list-links"),
    bind("customer", &["c"], L(Command::Customer), "key-list-customer"),
    bind("stats", &["S"], L(Command::Stats), "key-list-stats"),
    bind("customer_edit", &["C"], L(Command::CustomerEdit), "key-list-customer-edit"),

    bind("up", &["Up", "C-p"], P(PickerKey::Up), "key-picker-up"),
    bind("down", &["Down", "Tab", "C-n"], P(PickerKey::Down), "key-picker-down"),
    bind("toggle", &["Space"], P(PickerKey::Toggle), "key-picker-toggle"),
    bind("choose", &["Enter"], P(PickerKey::Choose), "key-picker-choose"),
    bind("delete_char", &["Backspace"], P(PickerKey::DeleteChar), "key-picker-delete-char"),
    bind("clear_query", &["C-u"], P(PickerKey::ClearQuery), "key-picker-clear-query"),
    bind("close", &["Esc"], P(PickerKey::Close), "key-picker-close"),

    bind("send", &["Enter"], C(ComposerKey::Send), "key-composer-send"),
    bind("new_line", &["A-Enter", "C-j"], C(ComposerKey::NewLine), "key-composer-new-line"),
    bind("canned", &["C-t"], C(ComposerKey::Canned), "key-composer-canned"),
    bind("editor", &["C-e"], C(ComposerKey::Editor), "key-composer-editor"),
    bind("private", &["C-p"], C(ComposerKey::Private), "key-composer-private"),
    bind("attach", &["C-o"], C(ComposerKey::Attach), "key-composer-attach"),
    bind("detach", &["C-x"], C(ComposerKey::Detach), "key-composer-detach"),
    bind("delete_back", &["Backspace"], C(ComposerKey::DeleteBack), "key-composer-delete-back"),
    bind("delete_forward", &["Delete"], C(ComposerKey::DeleteForward), "key-composer-delete-forward"),
    bind("left", &["Left"], C(ComposerKey::Left), "key-composer-left"),
    bind("right", &["Right"], C(ComposerKey::Right), "key-composer-right"),
    bind("home", &["Home"], C(ComposerKey::Home), "key-composer-home"),
    bind("end", &["End"], C(ComposerKey::End), "key-composer-end"),
    bind("close", &["Esc"], C(ComposerKey::Close), "key-composer-close"),

    bind("apply", &["Enter"], F(FilterKey::Apply), "key-filter-apply"),
    bind("delete_char", &["Backspace"], F(FilterKey::DeleteChar), "key-filter-delete-char"),
    bind("clear_line", &["C-u"], F(FilterKey::ClearLine), "key-filter-clear-line"),
    bind("close", &["Esc"], F(FilterKey::Close), "key-filter-close"),

    bind("done", &["Enter"], S(SearchKey::Done), "key-search-done"),
    bind("cancel", &["Esc"], S(SearchKey::Cancel), "key-search-cancel"),
    bind("delete_char", &["Backspace"], S(SearchKey::DeleteChar), "key-search-delete-char"),
    bind("up", &["Up"], S(SearchKey::Up), "key-search-up"),
    bind("down", &["Down"], S(SearchKey::Down), "key-search-down"),

    bind("down", &["j", "Down"], O(OutboxKey::Down), "key-outbox-down"),
    bind("up", &["k", "Up"], O(OutboxKey::Up), "key-outbox-up"),
    bind("cancel", &["d", "Delete"], O(OutboxKey::Cancel), "key-outbox-cancel"),
    bind("resend", &["x"], O(OutboxKey::Resend), "key-outbox-resend"),
    bind("close", &["Esc", "q", "o"], O(OutboxKey::Close), "key-outbox-close"),

    bind("confirm", &["Enter"], Y(ConfirmKey::Confirm), "key-confirm-confirm"),
    bind("cancel", &["Esc", "n", "q"], Y(ConfirmKey::Cancel), "key-confirm-cancel"),

    bind("down", &["j", "Down"], K(LinksKey::Down), "key-links-down"),
    bind("up", &["k", "Up"], K(LinksKey::Up), "key-links-up"),
    bind("copy", &["Enter", "y"], K(LinksKey::Copy), "key-links-copy"),
    bind("open", &["o"], K(LinksKey::Open), "key-links-open"),
    bind("close", &["Esc", "q", "v"], K(LinksKey::Close), "key-links-close"),

    bind("down", &["j", "Down"], E(NotesKey::Down), "key-notes-down"),
    bind("up", &["k", "Up"], E(NotesKey::Up), "key-notes-up"),
    bind("add", &["a", "n"], E(NotesKey::Add), "key-notes-add"),
    bind("edit", &["e", "Enter"], E(NotesKey::Edit), "key-notes-edit"),
    bind("delete", &["d", "Delete"], E(NotesKey::Delete), "key-notes-delete"),
    bind("fix", &["f"], E(NotesKey::Fix), "key-notes-fix"),
    bind("close", &["Esc", "q", "C"], E(NotesKey::Close), "key-notes-close"),

    bind("save", &["Enter"], W(NoteFormKey::Save), "key-note-form-save"),
    bind("next_field", &["Tab", "Down"], W(NoteFormKey::NextField), "key-note-form-next-field"),
    bind("prev_field", &["S-Tab", "Up"], W(NoteFormKey::PrevField), "key-note-form-prev-field"),
    bind("delete_char", &["Backspace"], W(NoteFormKey::DeleteChar), "key-note-form-delete-char"),
    bind("clear_line", &["C-u"], W(NoteFormKey::ClearLine), "key-note-form-clear-line"),
    bind("left", &["Left"], W(NoteFormKey::Left), "key-note-form-left"),
    bind("right", &["Right"], W(NoteFormKey::Right), "key-note-form-right"),
    bind("cancel", &["Esc"], W(NoteFormKey::Cancel), "key-note-form-cancel"),

    bind("complete", &["Tab"], T(AttachKey::Complete), "key-attach-complete"),
    bind("add", &["Enter"], T(AttachKey::Add), "key-attach-add"),
    bind("delete_char", &["Backspace"], T(AttachKey::DeleteChar), "key-attach-delete-char"),
    bind("clear_line", &["C-u"], T(AttachKey::ClearLine), "key-attach-clear-line"),
    bind("close", &["Esc"], T(AttachKey::Close), "key-attach-close"),
    bind("prev_period", &["["], N(StatsKey::PrevPeriod), "key-stats-prev-period"),
    bind("next_period", &["]"], N(StatsKey::NextPeriod), "key-stats-next-period"),
    bind("reload", &["r"], N(StatsKey::Reload), "key-stats-reload"),
    bind("down", &["j", "Down"], N(StatsKey::Down), "key-stats-down"),
    bind("up", &["k", "Up"], N(StatsKey::Up), "key-stats-up"),
    bind("page_down", &["PgDn", "Space", "C-d"], N(StatsKey::PageDown), "key-stats-page-down"),
    bind("page_up", &["PgUp", "C-u"], N(StatsKey::PageUp), "key-stats-page-up"),
    bind("close", &["Esc", "q", "S"], N(StatsKey::Close), "key-stats-close"),

    bind("down", &["j", "Down"], H(HelpKey::Down), "key-help-down"),
    bind("up", &["k", "Up"], H(HelpKey::Up), "key-help-up"),
    bind("page_down", &["PgDn", "Space", "C-d"], H(HelpKey::PageDown), "key-help-page-down"),
    bind("page_up", &["PgUp", "C-u"], H(HelpKey::PageUp), "key-help-page-up"),
    bind("top", &["g", "Home"], H(HelpKey::Top), "key-help-top"),
    bind("bottom", &["G", "End"], H(HelpKey::Bottom), "key-help-bottom"),
    bind("close", &["Esc", "q", "?"], H(HelpKey::Close), "key-help-close"),
];
