//! Test and bench data: conversations, messages, tags, staff and whole
//! states, built through `update` as the app builds them, and small drivers
//! that press keys (in the keymap's spelling), feed a state Pancake's
//! answers and read what it asks.
//!
//! Used by `update`'s tests, `ui`'s render tests and `pancake-tui bench`, so
//! what is measured is what is checked. No I/O: the machine's clock is the
//! only thing read (by `blank` states and `synthetic_conversations`).
//! Helpers panic on what a fixture never holds (an unknown key name, a page
//! that is not there).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::api::customers::PageCustomer;
use crate::api::models::{Customer, Rgb, Staff, StaffStatus, User};
use crate::api::{
    ApiError, Conversation, ConversationId, ConversationType, Message, Op, PageId, Tag, TagId,
    UnixSeconds, UserId,
};
use crate::app::actions::ActionId;
use crate::app::picker::Picker;
use crate::app::{Cmd, LoadMode, Msg, Outcome, Overlay, Settings, State, Viewport, init, update};

/// The fixed clock of the tests: every fixture's times count back from it.
pub const NOW: i64 = 1_800_000_000;

// ------------------------------------------------------------------ data

/// Conversation `p_{i}` of page "p": an inbox of "Customer {i}" saying
/// "hello {i}", 3 messages, no tags, nobody assigned.
pub fn conv(i: usize, updated: i64, seen: bool) -> Conversation {
    Conversation {
        id: ConversationId::new(format!("p_{i}")),
        page_id: PageId::new("p"),
        kind: ConversationType::Inbox,
        customer: Customer {
            page_customer_id: Some(format!("c{i}")),
            legacy_id: None,
            global_id: Some(format!("g{i}")),
            psid: None,
            name: format!("Customer {i}"),
        },
        snippet: format!("hello {i}"),
        seen,
        tags: vec![],
        assignee_ids: vec![],
        post_id: None,
        message_count: Some(3),
        inserted_at: Some(UnixSeconds(NOW - 10_000)),
        updated_at: Some(UnixSeconds(updated)),
        last_customer_message_at: None,
        phones: vec![],
        page_customer: None,
        tag_history: vec![],
    }
}

/// Conversation `{page}_{i}` of `page`, read, with the tags of ids `tags`.
pub fn conv_on(page: &str, i: usize, updated: i64, tags: &[&str]) -> Conversation {
    Conversation {
        id: ConversationId::new(format!("{page}_{i}")),
        page_id: PageId::new(page),
        tags: tags.iter().map(|t| TagId::new(*t)).collect(),
        ..conv(i, updated, true)
    }
}

/// A staff member, available and online.
pub fn user(id: &str, name: &str) -> User {
    User {
        id: UserId::new(id),
        name: name.into(),
        fb_id: None,
        status: StaffStatus::Available,
        is_online: true,
    }
}

/// The staff of a page: `users` offered for assignment, none disabled.
pub fn staff(users: Vec<User>) -> Staff {
    Staff {
        users,
        ..Staff::default()
    }
}

/// A tag with no colour.
pub fn tag(id: &str, name: &str) -> Tag {
    Tag {
        id: TagId::new(id),
        name: name.into(),
        color: None,
        lighten_color: None,
    }
}

/// A tag coloured `rgb`.
pub fn tag_coloured(id: &str, name: &str, rgb: Rgb) -> Tag {
    Tag {
        color: Some(rgb),
        ..tag(id, name)
    }
}

/// Message `id` at `t`, of the page ("Shop") or of the customer ("Customer"),
/// saying "text of {id}".
pub fn msg(id: &str, t: i64, from_page: bool) -> Message {
    Message {
        id: id.into(),
        from_id: None,
        from_name: if from_page {
            "Shop".into()
        } else {
            "Customer".into()
        },
        admin_name: None,
        from_page,
        text: format!("text of {id}"),
        quote: None,
        attachments: vec![],
        inserted_at: Some(UnixSeconds(t)),
        kind: None,
        is_hidden: false,
        is_removed: false,
    }
}

/// Message `id` at `t` saying `text`: of the page "Tiệm Bánh" (sent by its
/// agent Đức) when `from_page`, else of `customer`.
pub fn message(id: &str, t: i64, from_page: bool, text: &str, customer: &str) -> Message {
    Message {
        from_name: if from_page { "Tiệm Bánh" } else { customer }.into(),
        admin_name: from_page.then(|| "Đức".into()),
        text: text.into(),
        ..msg(id, t, from_page)
    }
}

/// Pancake's answer when it is down for a while (503 after 4 attempts).
pub fn server_error() -> ApiError {
    ApiError::Server {
        status: 503,
        attempts: 4,
    }
}

/// Pancake turned `what` down (400) saying `message`.
pub fn rejected(what: &'static str, message: &str) -> ApiError {
    ApiError::Rejected {
        what,
        status: 400,
        message: message.into(),
    }
}

/// No connection was made: the request never left this machine.
pub fn unreachable() -> ApiError {
    ApiError::Unreachable {
        detail: "connection refused".into(),
    }
}

/// The connection failed on the way (the request may have left).
pub fn network_down() -> ApiError {
    ApiError::Network {
        detail: "connection refused".into(),
    }
}

/// A draft of `conv` as the store keeps it, changed at `NOW`.
pub fn draft(conv: &str, text: &str, files: &[&str]) -> crate::store::Draft {
    crate::store::Draft {
        conv: ConversationId::new(conv),
        text: text.into(),
        files: files.iter().map(|f| f.to_string()).collect(),
        updated: UnixSeconds(NOW),
    }
}

// ------------------------------------------------------------------ states

/// A state on `pages` (id, name) with default settings, nothing loaded and
/// nothing asked; its clock is the machine's.
pub fn blank(pages: &[(&str, &str)]) -> State {
    State::new(
        pages
            .iter()
            .map(|(id, name)| (PageId::new(*id), (*name).to_string()))
            .collect(),
        Settings::default(),
    )
}

/// `blank`, its clock at `NOW`.
pub fn at_now(pages: &[(&str, &str)]) -> State {
    let mut s = blank(pages);
    s.now = UnixSeconds(NOW);
    s
}

/// Page "p" ("Page") at `NOW`, 3 list rows and 4 thread rows, started, with
/// tags "Orders" (0) and "VIP" (1), staff Anh (u1), Phương (u2) and the
/// disabled Gone (u9), and the first page of 5 conversations (p_0 newest;
/// p_0, p_2, p_4 read). The backfill goes on from p_4.
pub fn loaded() -> State {
    let mut s = at_now(&[("p", "Page")]);
    s.viewport = Viewport {
        list_rows: 3,
        thread_rows: 4,
        ..Viewport::default()
    };
    let cmds = init(&mut s);
    assert_eq!(cmds.len(), 3);
    feed_tags(&mut s, "p", Ok(vec![tag("0", "Orders"), tag("1", "VIP")]));
    feed_staff(
        &mut s,
        "p",
        Ok(Staff {
            disabled: vec![user("u9", "Gone")],
            ..staff(vec![user("u1", "Anh"), user("u2", "Phương")])
        }),
    );
    let batch = (0..5)
        .map(|i| conv(i, NOW - i as i64 * 100, i % 2 == 0))
        .collect();
    let cmds = net(feed(&mut s, LoadMode::Backfill, None, Ok(batch)));
    assert!(
        matches!(&cmds[..], [Cmd::LoadConversations { cursor: Some(c), .. }] if c.as_str() == "p_4")
    );
    s
}

/// Pages "a" (Tiệm Bánh Pancake) and "b" (Pancake Café) at `NOW`: each has a
/// tag "Orders", with different ids, and id "1" means another tag on each;
/// Anh (u1) is staff on both. a_0, b_0, a_1, b_1 from newest.
pub fn two_pages() -> State {
    let mut s = at_now(&[("a", "Tiệm Bánh Pancake"), ("b", "Pancake Café")]);
    let cmds = init(&mut s);
    assert_eq!(
        pages_asked(&cmds),
        ["a", "b"],
        "each page is synced on its own"
    );
    feed_tags(&mut s, "a", Ok(vec![tag("1", "Orders"), tag("2", "VIP")]));
    feed_tags(
        &mut s,
        "b",
        Ok(vec![tag("1", "Ship COD"), tag("7", "orders")]),
    );
    for page in ["a", "b"] {
        feed_staff(&mut s, page, Ok(staff(vec![user("u1", "Anh")])));
    }
    let first = [
        ("a", [(0, NOW - 10, "1"), (1, NOW - 30, "2")]),
        ("b", [(0, NOW - 20, "7"), (1, NOW - 40, "1")]),
    ];
    for (page, convs) in first {
        let batch = convs
            .iter()
            .map(|&(i, updated, tag)| conv_on(page, i, updated, &[tag]))
            .collect();
        backfill(&mut s, page, batch);
    }
    s
}

/// `n` plausible conversations of page "p", newest first, on the machine's
/// clock: five names of several scripts, every fourth a comment, tags 0-3,
/// staff u0-u7.
pub fn synthetic_conversations(n: usize) -> Vec<Conversation> {
    let now = UnixSeconds::now();
    let names = [
        "Nguyễn Thị Phương",
        "Trần Minh Đức",
        "Alice Smith",
        "Lê Hoàng 👩‍🍳",
        "王芳",
    ];
    (0..n)
        .map(|i| {
            let mut c = conv(i, now.0 - i as i64 * 60, i % 3 != 0);
            c.kind = if i % 4 == 0 {
                ConversationType::Comment
            } else {
                ConversationType::Inbox
            };
            c.customer.name = names[i % names.len()].to_string();
            c.snippet = format!("Shop ơi còn size M không ạ? đơn số {i} 😍");
            c.tags = vec![TagId::new((i % 4).to_string())];
            c.assignee_ids = vec![UserId::new(format!("u{}", i % 8))];
            c.message_count = Some(10);
            c.inserted_at = Some(UnixSeconds(now.0 - 86_400 * 30));
            c
        })
        .collect()
}

/// A state with `n` loaded conversations (`synthetic_conversations`).
pub fn synthetic_state(n: usize) -> State {
    state_of(synthetic_conversations(n))
}

/// Page "p" ("Bench page") holding `convs`, with four coloured tags (0-3)
/// and eight staff (u0-u7), built through `update`; not started (`init`
/// not run), on the machine's clock.
pub fn state_of(convs: Vec<Conversation>) -> State {
    let tags: Vec<Tag> = ["Đặt hàng", "Orders", "Khiếu nại", "VIP"]
        .iter()
        .enumerate()
        .map(|(i, t)| tag_coloured(&i.to_string(), t, Rgb(0x2e, 0xcc, 0x71)))
        .collect();
    let users = (0..8)
        .map(|i| user(&format!("u{i}"), &format!("Staff {i}")))
        .collect();
    let mut state = blank(&[("p", "Bench page")]);
    feed_tags(&mut state, "p", Ok(tags));
    feed_staff(&mut state, "p", Ok(staff(users)));
    backfill(&mut state, "p", convs);
    state
}

// ------------------------------------------------------------------ keys

/// The key spelled as the keymap spells it: one character ("j", "G", " "),
/// "Space", a named key ("Enter", "Esc", "Tab", "S-Tab", "Backspace", "Up",
/// "Down", "Left", "Right", "Home", "End", "PgUp", "PgDn"), "C-" + a letter
/// for Ctrl, and "A-" + any of those for Alt.
pub fn key_event(spelling: &str) -> KeyEvent {
    let key = crate::app::keys::Key::parse(spelling)
        .unwrap_or_else(|e| panic!("no key is spelled {spelling:?}: {e}"));
    let mut modifiers = KeyModifiers::NONE;
    modifiers.set(KeyModifiers::CONTROL, key.ctrl);
    modifiers.set(KeyModifiers::ALT, key.alt);
    KeyEvent::new(key.code, modifiers)
}

/// The agent presses `key` (as `key_event` spells it).
pub fn press(s: &mut State, key: &str) -> Vec<Cmd> {
    update(s, Msg::Key(key_event(key)))
}

/// The agent presses the keys of `keys` one after the other: their
/// spellings with a space between ("P P f", "t Space Esc").
pub fn press_all(s: &mut State, keys: &str) {
    for k in keys.split(' ') {
        press(s, k);
    }
}

/// The agent presses `key`, which starts an action: its id (the first
/// one's, if it starts several).
pub fn action_of(s: &mut State, key: &str) -> ActionId {
    let cmds = press(s, key);
    performed(&cmds).first().expect("an action").0
}

/// The agent presses `key`, which starts an action, and Pancake fails it
/// with `error`: its id.
pub fn fails(s: &mut State, key: &str, error: ApiError) -> ActionId {
    let id = action_of(s, key);
    answer(s, id, Err(error));
    id
}

/// The agent types `text`, one key a character.
pub fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        update(
            s,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
}

/// The agent runs a command from the palette: `:`, `words`, Enter.
pub fn run_command(s: &mut State, words: &str) -> Vec<Cmd> {
    press(s, ":");
    type_text(s, words);
    press(s, "Enter")
}

// ------------------------------------------------------------------ answers

/// Pancake answers action `id`.
pub fn answer(s: &mut State, id: ActionId, result: Result<Outcome, ApiError>) -> Vec<Cmd> {
    update(s, Msg::ActionDone { id, result })
}

/// A page of the list of `page` arrives, of the page's current generation.
pub fn feed_page(
    s: &mut State,
    page: &str,
    mode: LoadMode,
    cursor: Option<&str>,
    result: Result<Vec<Conversation>, ApiError>,
) -> Vec<Cmd> {
    let page = PageId::new(page);
    let p = s.page_index(&page).expect("a page of the state");
    let generation = s.pages[p].sync.generation;
    update(
        s,
        Msg::Conversations {
            page,
            generation,
            mode,
            cursor: cursor.map(ConversationId::new),
            result,
        },
    )
}

/// A page of the list of page "p" arrives.
pub fn feed(
    s: &mut State,
    mode: LoadMode,
    cursor: Option<&str>,
    result: Result<Vec<Conversation>, ApiError>,
) -> Vec<Cmd> {
    feed_page(s, "p", mode, cursor, result)
}

/// The first page of the list of `page` arrives: `batch`.
pub fn backfill(s: &mut State, page: &str, batch: Vec<Conversation>) -> Vec<Cmd> {
    feed_page(s, page, LoadMode::Backfill, None, Ok(batch))
}

/// The tags of `page` arrive.
pub fn feed_tags(s: &mut State, page: &str, result: Result<Vec<Tag>, ApiError>) -> Vec<Cmd> {
    update(s, Msg::Tags(PageId::new(page), result))
}

/// The staff of `page` arrive.
pub fn feed_staff(s: &mut State, page: &str, result: Result<Staff, ApiError>) -> Vec<Cmd> {
    update(s, Msg::Staff(PageId::new(page), result))
}

/// Messages of conversation `conv` of page "p" arrive: the newest page, or
/// an `older` one.
pub fn feed_messages(
    s: &mut State,
    conv: &str,
    older: bool,
    result: Result<Vec<Message>, ApiError>,
) -> Vec<Cmd> {
    update(
        s,
        Msg::Messages {
            page: PageId::new("p"),
            conv: conv.into(),
            older,
            result,
        },
    )
}

/// What Pancake has of customer `customer_id` of page "p" arrives: their
/// record (if found) and their other conversations.
pub fn feed_customer(
    s: &mut State,
    customer_id: &str,
    result: Result<(Option<PageCustomer>, Vec<Conversation>), ApiError>,
) -> Vec<Cmd> {
    update(
        s,
        Msg::Customer {
            page: PageId::new("p"),
            customer_id: customer_id.into(),
            result,
        },
    )
}

/// The clock ticks: it is `at` now.
pub fn tick(s: &mut State, at: i64) -> Vec<Cmd> {
    update(s, Msg::Tick(UnixSeconds(at)))
}

// ------------------------------------------------------------------ reading

/// The commands that go to Pancake (cache writes left out).
pub fn net(cmds: Vec<Cmd>) -> Vec<Cmd> {
    cmds.into_iter()
        .filter(|c| {
            !matches!(
                c,
                Cmd::SaveConversations(..)
                    | Cmd::SaveMessages { .. }
                    | Cmd::SaveMeta(..)
                    | Cmd::ForgetOutbox(_)
                    | Cmd::SaveReminder(_)
                    | Cmd::CancelReminder(..)
            )
        })
        .collect()
}

/// The actions among `cmds`: (id, what is sent).
pub fn performed(cmds: &[Cmd]) -> Vec<(ActionId, Op)> {
    cmds.iter()
        .filter_map(|c| match c {
            Cmd::Perform { id, op, .. } => Some((*id, op.clone())),
            _ => None,
        })
        .collect()
}

/// The pages whose list is asked for among `cmds`, in order.
pub fn pages_asked(cmds: &[Cmd]) -> Vec<&str> {
    cmds.iter()
        .filter_map(|c| match c {
            Cmd::LoadConversations { page, .. } => Some(page.as_str()),
            _ => None,
        })
        .collect()
}

/// The open picker (tags, staff, canned replies).
pub fn picker(s: &State) -> &Picker {
    match &s.overlay {
        Some(Overlay::Picker(p)) => p,
        other => panic!("no picker open: {other:?}"),
    }
}

/// The id of the selected conversation.
pub fn selected(s: &State) -> &str {
    s.selected_conversation().unwrap().id.as_str()
}

/// The text of the open thread's lines, top to bottom.
pub fn thread_lines(s: &State) -> Vec<&str> {
    let t = s.thread.as_ref().expect("an open thread");
    t.lines.iter().map(|l| l.text.as_str()).collect()
}

/// A line of the open thread holds `text`; else panics, printing the lines.
pub fn assert_thread_shows(s: &State, text: &str) {
    let lines = thread_lines(s);
    assert!(
        lines.iter().any(|l| l.contains(text)),
        "no thread line holds {text:?}: {lines:#?}"
    );
}

/// No line of the open thread holds `text`; else panics, printing the lines.
pub fn assert_thread_lacks(s: &State, text: &str) {
    let lines = thread_lines(s);
    assert!(
        !lines.iter().any(|l| l.contains(text)),
        "a thread line holds {text:?}: {lines:#?}"
    );
}

/// The ids of the listed conversations, in order.
pub fn visible_ids(s: &State) -> Vec<&str> {
    s.visible
        .iter()
        .map(|&i| s.convs.items[i].id.as_str())
        .collect()
}

// ------------------------------------------------------------------ stats

/// Figures of page "p" over the 7 days up to `NOW` (local days in UTC):
/// new customers on three days, tags Orders 12 / VIP 5 / Giao hàng nhanh 3,
/// Anh and Phương's figures, customers writing from 8:00 to 21:00.
pub fn page_stats() -> crate::api::stats::PageStats {
    use crate::api::stats::{InboxComments, PageStats, PageTotals, StaffFigures, TagCount};
    let day = |d: &str| d.parse::<jiff::civil::Date>().unwrap();
    let mut hours = [0u64; 24];
    for (h, n) in hours.iter_mut().enumerate().take(22).skip(8) {
        *n = (h as u64 % 5 + 1) * 3;
    }
    PageStats {
        page_id: Some(PageId::new("p")),
        page_name: None,
        since: UnixSeconds(NOW - 7 * 86_400),
        until: UnixSeconds(NOW),
        totals: PageTotals {
            new_customers: Some(9),
            customer: InboxComments {
                inbox: Some(140),
                comments: Some(12),
            },
            page: InboxComments {
                inbox: Some(120),
                comments: Some(7),
            },
            phone_numbers: Some(4),
        },
        new_customers_per_day: vec![
            (day("2027-01-09"), 2),
            (day("2027-01-12"), 5),
            (day("2027-01-15"), 2),
        ],
        by_tag: vec![
            TagCount {
                tag_id: Some(TagId::new("0")),
                name: "Orders".into(),
                count: 12,
            },
            TagCount {
                tag_id: Some(TagId::new("1")),
                name: "VIP".into(),
                count: 5,
            },
            TagCount {
                tag_id: Some(TagId::new("7")),
                name: "Giao hàng nhanh".into(),
                count: 3,
            },
        ],
        staff: vec![
            StaffFigures {
                user_id: Some(UserId::new("u2")),
                name: "Phương".into(),
                inbox_count: Some(11),
                unique_inbox_count: Some(4),
                ..StaffFigures::default()
            },
            StaffFigures {
                user_id: Some(UserId::new("u1")),
                name: "Anh".into(),
                inbox_count: Some(20),
                unique_inbox_count: Some(9),
                average_response_ms: Some(125_000),
                ..StaffFigures::default()
            },
        ],
        engagement_by_hour: Some(hours),
        unavailable: vec![],
        skipped_rows: vec![],
    }
}

/// Pancake answers a `Cmd::LoadStats` with `result`.
pub fn answer_stats(
    s: &mut State,
    load: &Cmd,
    result: Result<crate::api::stats::PageStats, ApiError>,
) -> Vec<Cmd> {
    let Cmd::LoadStats {
        page, period, seq, ..
    } = load
    else {
        panic!("not a stats load: {load:?}");
    };
    update(
        s,
        Msg::Stats {
            page: page.clone(),
            period: *period,
            seq: *seq,
            result: result.map(Box::new),
        },
    )
}
