//! The one key table: every command of every input mode, its name in
//! `config.toml`, its default keys and what it does. The keymap, the help
//! overlay, the hints, the command palette and the README's key list all
//! come from it.

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

    /// The heading of its keys in the help.
    pub fn title(self) -> &'static str {
        match self {
            Mode::List => "List and thread",
            Mode::Picker => "Pickers (tags, staff, canned replies, snooze, palette)",
            Mode::Composer => "Composer",
            Mode::Filter => "Filter panel",
            Mode::Search => "Search line",
            Mode::Outbox => "Outbox",
            Mode::Confirm => "Bulk action preview",
            Mode::Help => "This help",
            Mode::Links => "Attachments and links",
            Mode::Attach => "Attach a file (composer)",
            Mode::Stats => "Stats screen",
            Mode::Notes => "Customer: notes and record",
            Mode::NoteForm => "Customer: a note or the record's fields",
        }
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
    pub help: &'static str,
}

impl Binding {
    pub fn mode(&self) -> Mode {
        self.does.mode()
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
    bind("down", &["j", "Down"], L(Command::Down), "move down"),
    bind("up", &["k", "Up"], L(Command::Up), "move up"),
    bind("top", &["g", "Home"], L(Command::Top), "go to the top"),
    bind("bottom", &["G", "End"], L(Command::Bottom), "go to the bottom"),
    bind("page_down", &["PgDn", "C-d"], L(Command::PageDown), "page down"),
    bind("page_up", &["PgUp", "C-u"], L(Command::PageUp), "page up"),
    bind("open", &["Enter", "l"], L(Command::Open), "open the conversation"),
    bind("back", &["Esc", "h"], L(Command::Back), "back to the list / clear search"),
    bind("switch_focus", &["Tab"], L(Command::SwitchFocus), "switch list / thread"),
    bind("tag_picker", &["t"], L(Command::TagPicker), "tag picker"),
    bind("staff_picker", &["a"], L(Command::StaffPicker), "assign staff"),
    bind("toggle_read", &["u"], L(Command::ToggleRead), "toggle read / unread"),
    bind("reply", &["r"], L(Command::Reply), "reply"),
    bind("search", &["/"], L(Command::Search), "search loaded conversations"),
    bind("filter", &["f"], L(Command::Filter), "filter panel"),
    bind("clear_filter", &["F"], L(Command::ClearFilter), "clear the filter"),
    bind("next_view", &["]"], L(Command::NextView), "next view (1-9 pick one)"),
    bind("prev_view", &["["], L(Command::PrevView), "previous view"),
    bind("next_match", &["n"], L(Command::NextMatch), "next search match"),
    bind("prev_match", &["N"], L(Command::PrevMatch), "previous search match"),
    bind("mark", &["Space"], L(Command::Mark), "mark / unmark for a bulk action"),
    bind("mark_all", &["*"], L(Command::MarkAll), "mark every conversation listed"),
    bind("clear_marks", &["V"], L(Command::ClearMarks), "clear the marks"),
    bind("assign_me", &["A"], L(Command::AssignMe), "assign to me (selected or marked)"),
    bind("unassign_me", &["U"], L(Command::UnassignMe), "remove me (selected or marked)"),
    bind("next_page", &["P"], L(Command::NextPage), "next page, then all pages merged"),
    bind("refresh", &["R"], L(Command::Refresh), "refresh now"),
    bind("undo", &["z"], L(Command::Undo), "undo your last action (again: the one before)"),
    bind("outbox", &["o"], L(Command::Outbox), "outbox: unconfirmed actions, cancel or resend"),
    bind("retry_failed", &["x"], L(Command::RetryFailed), "retry failed actions"),
    bind("dismiss_failed", &["X"], L(Command::DismissFailed), "dismiss failed actions"),
    bind("help", &["?"], L(Command::Help), "this help"),
    bind("quit", &["q", "C-c"], L(Command::Quit), "quit"),
    bind("snooze", &["s"], L(Command::Snooze), "follow up later: snooze, change, cancel"),
    bind("palette", &[":"], L(Command::Palette), "command palette: every command by name"),
    bind("links", &["v"], L(Command::Links), "attachments and links of the thread (copy, open)"),
    bind("customer", &["c"], L(Command::Customer), "customer panel beside or under the thread (toggle)"),
    bind("stats", &["S"], L(Command::Stats), "the page's numbers: customers, tags, staff, hours"),
    bind("customer_edit", &["C"], L(Command::CustomerEdit), "notes on the customer, fix their record"),

    bind("up", &["Up", "C-p"], P(PickerKey::Up), "move up (type to filter: phuong finds Phương)"),
    bind("down", &["Down", "Tab", "C-n"], P(PickerKey::Down), "move down"),
    bind("toggle", &["Space"], P(PickerKey::Toggle), "tag: toggle now · staff: toggle in the selection"),
    bind("choose", &["Enter"], P(PickerKey::Choose), "tag: toggle · staff: assign chosen · canned: insert"),
    bind("delete_char", &["Backspace"], P(PickerKey::DeleteChar), "delete a typed character"),
    bind("clear_query", &["C-u"], P(PickerKey::ClearQuery), "clear what was typed"),
    bind("close", &["Esc"], P(PickerKey::Close), "close the picker"),

    bind("send", &["Enter"], C(ComposerKey::Send), "send the reply"),
    bind("new_line", &["A-Enter", "C-j"], C(ComposerKey::NewLine), "new line in the reply"),
    bind("canned", &["C-t"], C(ComposerKey::Canned), "canned replies"),
    bind("editor", &["C-e"], C(ComposerKey::Editor), "edit the draft in $VISUAL / $EDITOR"),
    bind("private", &["C-p"], C(ComposerKey::Private), "private reply to a comment (once per comment)"),
    bind("attach", &["C-o"], C(ComposerKey::Attach), "attach a photo or file (a path, Tab completes)"),
    bind("detach", &["C-x"], C(ComposerKey::Detach), "remove the file attached last"),
    bind("delete_back", &["Backspace"], C(ComposerKey::DeleteBack), "delete before the cursor"),
    bind("delete_forward", &["Delete"], C(ComposerKey::DeleteForward), "delete under the cursor"),
    bind("left", &["Left"], C(ComposerKey::Left), "cursor left"),
    bind("right", &["Right"], C(ComposerKey::Right), "cursor right"),
    bind("home", &["Home"], C(ComposerKey::Home), "start of the line"),
    bind("end", &["End"], C(ComposerKey::End), "end of the line"),
    bind("close", &["Esc"], C(ComposerKey::Close), "close, keeping the draft"),

    bind("apply", &["Enter"], F(FilterKey::Apply), "apply the filter line"),
    bind("delete_char", &["Backspace"], F(FilterKey::DeleteChar), "delete a character"),
    bind("clear_line", &["C-u"], F(FilterKey::ClearLine), "clear the line"),
    bind("close", &["Esc"], F(FilterKey::Close), "close without applying"),

    bind("done", &["Enter"], S(SearchKey::Done), "keep the search, back to the list"),
    bind("cancel", &["Esc"], S(SearchKey::Cancel), "clear the search"),
    bind("delete_char", &["Backspace"], S(SearchKey::DeleteChar), "delete a character"),
    bind("up", &["Up"], S(SearchKey::Up), "previous match"),
    bind("down", &["Down"], S(SearchKey::Down), "next match"),

    bind("down", &["j", "Down"], O(OutboxKey::Down), "next action"),
    bind("up", &["k", "Up"], O(OutboxKey::Up), "previous action"),
    bind("cancel", &["d", "Delete"], O(OutboxKey::Cancel), "cancel it (a reply goes back to the draft)"),
    bind("resend", &["x"], O(OutboxKey::Resend), "send a failed action again"),
    bind("close", &["Esc", "q", "o"], O(OutboxKey::Close), "close the outbox"),

    bind("confirm", &["Enter"], Y(ConfirmKey::Confirm), "run the bulk action on every marked conversation"),
    bind("cancel", &["Esc", "n", "q"], Y(ConfirmKey::Cancel), "cancel the bulk action"),

    bind("down", &["j", "Down"], K(LinksKey::Down), "next link (1-9 jump to one)"),
    bind("up", &["k", "Up"], K(LinksKey::Up), "previous link"),
    bind("copy", &["Enter", "y"], K(LinksKey::Copy), "copy the URL to your clipboard (OSC 52)"),
    bind("open", &["o"], K(LinksKey::Open), "open it (xdg-open / open; local display only)"),
    bind("close", &["Esc", "q", "v"], K(LinksKey::Close), "close the list"),

    bind("down", &["j", "Down"], E(NotesKey::Down), "next note"),
    bind("up", &["k", "Up"], E(NotesKey::Up), "previous note"),
    bind("add", &["a", "n"], E(NotesKey::Add), "add a note"),
    bind("edit", &["e", "Enter"], E(NotesKey::Edit), "change the note"),
    bind("delete", &["d", "Delete"], E(NotesKey::Delete), "delete the note"),
    bind("fix", &["f"], E(NotesKey::Fix), "fix the name, phones, gender, birthday"),
    bind("close", &["Esc", "q", "C"], E(NotesKey::Close), "close the editor"),

    bind("save", &["Enter"], W(NoteFormKey::Save), "check and save (sent through the outbox)"),
    bind("next_field", &["Tab", "Down"], W(NoteFormKey::NextField), "next field"),
    bind("prev_field", &["S-Tab", "Up"], W(NoteFormKey::PrevField), "previous field"),
    bind("delete_char", &["Backspace"], W(NoteFormKey::DeleteChar), "delete before the cursor"),
    bind("clear_line", &["C-u"], W(NoteFormKey::ClearLine), "clear the field"),
    bind("left", &["Left"], W(NoteFormKey::Left), "cursor left"),
    bind("right", &["Right"], W(NoteFormKey::Right), "cursor right"),
    bind("cancel", &["Esc"], W(NoteFormKey::Cancel), "back to the notes, nothing sent"),

    bind("complete", &["Tab"], T(AttachKey::Complete), "complete the name (several: the common part, listed)"),
    bind("add", &["Enter"], T(AttachKey::Add), "check the file (size, type) and attach it"),
    bind("delete_char", &["Backspace"], T(AttachKey::DeleteChar), "delete a character"),
    bind("clear_line", &["C-u"], T(AttachKey::ClearLine), "clear the line"),
    bind("close", &["Esc"], T(AttachKey::Close), "close without attaching"),
    bind("prev_period", &["["], N(StatsKey::PrevPeriod), "previous period (today, 7 d, 30 d)"),
    bind("next_period", &["]"], N(StatsKey::NextPeriod), "next period"),
    bind("reload", &["r"], N(StatsKey::Reload), "ask Pancake again for this period"),
    bind("down", &["j", "Down"], N(StatsKey::Down), "scroll down"),
    bind("up", &["k", "Up"], N(StatsKey::Up), "scroll up"),
    bind("page_down", &["PgDn", "Space", "C-d"], N(StatsKey::PageDown), "scroll a page down"),
    bind("page_up", &["PgUp", "C-u"], N(StatsKey::PageUp), "scroll a page up"),
    bind("close", &["Esc", "q", "S"], N(StatsKey::Close), "close the stats screen"),

    bind("down", &["j", "Down"], H(HelpKey::Down), "scroll down"),
    bind("up", &["k", "Up"], H(HelpKey::Up), "scroll up"),
    bind("page_down", &["PgDn", "Space", "C-d"], H(HelpKey::PageDown), "scroll a page down"),
    bind("page_up", &["PgUp", "C-u"], H(HelpKey::PageUp), "scroll a page up"),
    bind("top", &["g", "Home"], H(HelpKey::Top), "first row"),
    bind("bottom", &["G", "End"], H(HelpKey::Bottom), "last row"),
    bind("close", &["Esc", "q", "?"], H(HelpKey::Close), "close the help"),
];
