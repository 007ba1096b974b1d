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
    /// The page's numbers (`S`).
    Stats,
}

impl Mode {
    /// In the order the help lists them.
    pub const ALL: [Mode; 10] = [
        Mode::List,
        Mode::Picker,
        Mode::Filter,
        Mode::Search,
        Mode::Outbox,
        Mode::Links,
        Mode::Stats,
        Mode::Confirm,
        Mode::Help,
        Mode::Composer,
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
            Mode::Stats => "stats",
        }
    }

    /// The heading of its keys in the help.
    pub fn title(self) -> &'static str {
        match self {
            Mode::List => "List and thread",
            Mode::Picker => "Pickers (tags, staff, canned replies)",
            Mode::Composer => "Composer",
            Mode::Filter => "Filter panel",
            Mode::Search => "Search line",
            Mode::Outbox => "Outbox",
            Mode::Confirm => "Bulk action preview",
            Mode::Help => "This help",
            Mode::Links => "Attachments and links",
            Mode::Stats => "The numbers",
        }
    }

    /// Printable keys are text here (typed into a line), not commands.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Picker | Mode::Composer | Mode::Filter | Mode::Search
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
    /// The open thread's attachments and links.
    Links,
    /// The customer panel beside the thread.
    Customer,
    /// The page's statistics screen.
    Stats,
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
    DeleteBack,
    DeleteForward,
    Left,
    Right,
    Home,
    End,
    /// Close, keeping the draft.
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
    /// The period before in today / 7 d / 30 d.
    Prev,
    Next,
    Close,
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
    Stats(StatsKey),
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
            Bound::Stats(_) => Mode::Stats,
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
mode_key!(StatsKey, Stats);

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

const fn list(
    name: &'static str,
    keys: &'static [&'static str],
    c: Command,
    help: &'static str,
) -> Binding {
    Binding {
        name,
        keys,
        does: Bound::List(c),
        help,
    }
}
const fn picker(
    name: &'static str,
    keys: &'static [&'static str],
    c: PickerKey,
    help: &'static str,
) -> Binding {
    Binding {
        name,
        keys,
        does: Bound::Picker(c),
        help,
    }
}
const fn composer(
    name: &'static str,
    keys: &'static [&'static str],
    c: ComposerKey,
    help: &'static str,
) -> Binding {
    Binding {
        name,
        keys,
        does: Bound::Composer(c),
        help,
    }
}
const fn filter(
    name: &'static str,
    keys: &'static [&'static str],
    c: FilterKey,
    help: &'static str,
) -> Binding {
    Binding {
        name,
        keys,
        does: Bound::Filter(c),
        help,
    }
}
const fn search(
    name: &'static str,
    keys: &'static [&'static str],
    c: SearchKey,
    help: &'static str,
) -> Binding {
    Binding {
        name,
        keys,
        does: Bound::Search(c),
        help,
    }
}
const fn outbox(
    name: &'static str,
    keys: &'static [&'static str],
    c: OutboxKey,
    help: &'static str,
) -> Binding {
    Binding {
        name,
        keys,
        does: Bound::Outbox(c),
        help,
    }
}
const fn confirm(
    name: &'static str,
    keys: &'static [&'static str],
    c: ConfirmKey,
    help: &'static str,
) -> Binding {
    Binding {
        name,
        keys,
        does: Bound::Confirm(c),
        help,
    }
}
const fn help(
    name: &'static str,
    keys: &'static [&'static str],
    c: HelpKey,
    help: &'static str,
) -> Binding {
    Binding {
        name,
        keys,
        does: Bound::Help(c),
        help,
    }
}

const fn links(
    name: &'static str,
    keys: &'static [&'static str],
    c: LinksKey,
    help: &'static str,
) -> Binding {
    Binding {
        name,
        keys,
        does: Bound::Links(c),
        help,
    }
}
const fn stats(
    name: &'static str,
    keys: &'static [&'static str],
    c: StatsKey,
    help: &'static str,
) -> Binding {
    Binding {
        name,
        keys,
        does: Bound::Stats(c),
        help,
    }
}

/// Every command, mode by mode (the help lists them in this order).
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    list("down", &["j", "Down"], Command::Down, "move down"),
    list("up", &["k", "Up"], Command::Up, "move up"),
    list("top", &["g", "Home"], Command::Top, "go to the top"),
    list("bottom", &["G", "End"], Command::Bottom, "go to the bottom"),
    list("page_down", &["PgDn", "C-d"], Command::PageDown, "page down"),
    list("page_up", &["PgUp", "C-u"], Command::PageUp, "page up"),
    list("open", &["Enter", "l"], Command::Open, "open the conversation"),
    list("back", &["Esc", "h"], Command::Back, "back to the list / clear search"),
    list("switch_focus", &["Tab"], Command::SwitchFocus, "switch list / thread"),
    list("tag_picker", &["t"], Command::TagPicker, "tag picker"),
    list("staff_picker", &["a"], Command::StaffPicker, "assign staff"),
    list("toggle_read", &["u"], Command::ToggleRead, "toggle read / unread"),
    list("reply", &["r"], Command::Reply, "reply"),
    list("search", &["/"], Command::Search, "search loaded conversations"),
    list("filter", &["f"], Command::Filter, "filter panel"),
    list("clear_filter", &["F"], Command::ClearFilter, "clear the filter"),
    list("next_view", &["]"], Command::NextView, "next view (1-9 pick one)"),
    list("prev_view", &["["], Command::PrevView, "previous view"),
    list("next_match", &["n"], Command::NextMatch, "next search match"),
    list("prev_match", &["N"], Command::PrevMatch, "previous search match"),
    list("mark", &["Space"], Command::Mark, "mark / unmark for a bulk action"),
    list("mark_all", &["*"], Command::MarkAll, "mark every conversation listed"),
    list("clear_marks", &["V"], Command::ClearMarks, "clear the marks"),
    list("assign_me", &["A"], Command::AssignMe, "assign to me (selected or marked)"),
    list("unassign_me", &["U"], Command::UnassignMe, "remove me (selected or marked)"),
    list("next_page", &["P"], Command::NextPage, "next page, then all pages merged"),
    list("refresh", &["R"], Command::Refresh, "refresh now"),
    list("undo", &["z"], Command::Undo, "undo your last action (again: the one before)"),
    list("outbox", &["o"], Command::Outbox, "outbox: unconfirmed actions, cancel or resend"),
    list("retry_failed", &["x"], Command::RetryFailed, "retry failed actions"),
    list("dismiss_failed", &["X"], Command::DismissFailed, "dismiss failed actions"),
    list("links", &["v"], Command::Links, "attachments and links of the thread (copy, open)"),
    list("customer", &["c"], Command::Customer, "customer panel beside the thread (toggle)"),
    list("stats", &["S"], Command::Stats, "the page's numbers (today, 7 d, 30 d)"),
    list("help", &["?"], Command::Help, "this help"),
    list("quit", &["q", "C-c"], Command::Quit, "quit"),

    picker("up", &["Up", "C-p"], PickerKey::Up, "move up (type to filter: phuong finds Phương)"),
    picker("down", &["Down", "Tab", "C-n"], PickerKey::Down, "move down"),
    picker("toggle", &["Space"], PickerKey::Toggle, "tag: toggle now · staff: toggle in the selection"),
    picker("choose", &["Enter"], PickerKey::Choose, "tag: toggle · staff: assign chosen · canned: insert"),
    picker("delete_char", &["Backspace"], PickerKey::DeleteChar, "delete a typed character"),
    picker("clear_query", &["C-u"], PickerKey::ClearQuery, "clear what was typed"),
    picker("close", &["Esc"], PickerKey::Close, "close the picker"),

    composer("send", &["Enter"], ComposerKey::Send, "send the reply"),
    composer("new_line", &["A-Enter", "C-j"], ComposerKey::NewLine, "new line in the reply"),
    composer("canned", &["C-t"], ComposerKey::Canned, "canned replies"),
    composer("editor", &["C-e"], ComposerKey::Editor, "edit the draft in $VISUAL / $EDITOR"),
    composer("private", &["C-p"], ComposerKey::Private, "private reply to a comment (once per comment)"),
    composer("delete_back", &["Backspace"], ComposerKey::DeleteBack, "delete before the cursor"),
    composer("delete_forward", &["Delete"], ComposerKey::DeleteForward, "delete under the cursor"),
    composer("left", &["Left"], ComposerKey::Left, "cursor left"),
    composer("right", &["Right"], ComposerKey::Right, "cursor right"),
    composer("home", &["Home"], ComposerKey::Home, "start of the line"),
    composer("end", &["End"], ComposerKey::End, "end of the line"),
    composer("close", &["Esc"], ComposerKey::Close, "close, keeping the draft"),

    filter("apply", &["Enter"], FilterKey::Apply, "apply the filter line"),
    filter("delete_char", &["Backspace"], FilterKey::DeleteChar, "delete a character"),
    filter("clear_line", &["C-u"], FilterKey::ClearLine, "clear the line"),
    filter("close", &["Esc"], FilterKey::Close, "close without applying"),

    search("done", &["Enter"], SearchKey::Done, "keep the search, back to the list"),
    search("cancel", &["Esc"], SearchKey::Cancel, "clear the search"),
    search("delete_char", &["Backspace"], SearchKey::DeleteChar, "delete a character"),
    search("up", &["Up"], SearchKey::Up, "previous match"),
    search("down", &["Down"], SearchKey::Down, "next match"),

    outbox("down", &["j", "Down"], OutboxKey::Down, "next action"),
    outbox("up", &["k", "Up"], OutboxKey::Up, "previous action"),
    outbox("cancel", &["d", "Delete"], OutboxKey::Cancel, "cancel it (a reply goes back to the draft)"),
    outbox("resend", &["x"], OutboxKey::Resend, "send a failed action again"),
    outbox("close", &["Esc", "q", "o"], OutboxKey::Close, "close the outbox"),

    links("down", &["j", "Down"], LinksKey::Down, "next link (1-9 jump to one)"),
    links("up", &["k", "Up"], LinksKey::Up, "previous link"),
    links("copy", &["Enter", "y"], LinksKey::Copy, "copy the URL to your clipboard (OSC 52)"),
    links("open", &["o"], LinksKey::Open, "open it (xdg-open / open; local display only)"),
    links("close", &["Esc", "q", "v"], LinksKey::Close, "close the list"),

    stats("prev", &["["], StatsKey::Prev, "shorter period (today, 7 d, 30 d)"),
    stats("next", &["]"], StatsKey::Next, "longer period"),
    stats("close", &["Esc", "q", "S"], StatsKey::Close, "close the numbers"),

    confirm("confirm", &["Enter"], ConfirmKey::Confirm, "run the bulk action on every marked conversation"),
    confirm("cancel", &["Esc", "n", "q"], ConfirmKey::Cancel, "cancel the bulk action"),

    help("down", &["j", "Down"], HelpKey::Down, "scroll down"),
    help("up", &["k", "Up"], HelpKey::Up, "scroll up"),
    help("page_down", &["PgDn", "Space", "C-d"], HelpKey::PageDown, "scroll a page down"),
    help("page_up", &["PgUp", "C-u"], HelpKey::PageUp, "scroll a page up"),
    help("top", &["g", "Home"], HelpKey::Top, "first row"),
    help("bottom", &["G", "End"], HelpKey::Bottom, "last row"),
    help("close", &["Esc", "q", "?"], HelpKey::Close, "close the help"),
];
