//! Panes rendered into ratatui's TestBackend; the text on screen is checked.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::api::models::{Rgb, StaffStatus, User};
use crate::api::{
    ApiError, Conversation, ConversationId, ConversationType, PageId, TagId, UnixSeconds, UserId,
};
use crate::app::fixtures::{
    self, NOW, action_of, answer, fails, feed_messages, press, press_all, server_error, type_text,
};
use crate::app::{self, LoadMode, State};
use crate::text::display_width;

use super::test_screen::{line_with, shows, shows_none};

/// A conversation of "Tiệm Bánh Pancake": inboxes and comments in turn,
/// tagged "Đặt hàng", assigned to Phương, 5 minutes older each.
fn conv(i: usize, name: &str, snippet: &str, seen: bool) -> Conversation {
    let mut c = fixtures::conv(i, NOW - 300 * (i as i64 + 1), seen);
    c.kind = if i.is_multiple_of(2) {
        ConversationType::Inbox
    } else {
        ConversationType::Comment
    };
    c.customer.name = name.into();
    c.snippet = snippet.into();
    c.tags = vec![TagId::new("0")];
    c.assignee_ids = vec![UserId::new("u1")];
    c.message_count = Some(2);
    c
}

/// A state built through the update function, as the app builds them.
fn state_with(convs: Vec<Conversation>, w: u16, h: u16) -> State {
    let mut s = fixtures::at_now(&[("p", "Tiệm Bánh Pancake")]);
    s.viewport = super::layout::viewport(w, h);
    app::init(&mut s);
    fixtures::feed_tags(
        &mut s,
        "p",
        Ok(vec![
            fixtures::tag_coloured("0", "Đặt hàng", Rgb(0x2e, 0xcc, 0x71)),
            fixtures::tag_coloured("1", "VIP", Rgb(0x8e, 0x44, 0xad)),
        ]),
    );
    let busy = User {
        status: StaffStatus::Busy,
        ..fixtures::user("u2", "Trần Minh Đức")
    };
    fixtures::feed_staff(
        &mut s,
        "p",
        Ok(fixtures::staff(vec![
            fixtures::user("u1", "Nguyễn Thị Phương"),
            busy,
        ])),
    );
    fixtures::backfill(&mut s, "p", convs);
    s
}

fn sample(w: u16, h: u16) -> State {
    state_with(
        vec![
            conv(0, "Nguyễn Thị Phương", "Shop ơi còn size M không ạ?", false),
            conv(1, "王小明 李华", "你好，这件衣服还有吗？", true),
            conv(2, "Chef 👩‍🍳👍🏽", "🇻🇳 flags and tones", true),
            conv(3, "محمد العربي", "مرحبا، هل هذا متوفر؟", true),
            conv(4, "Emma Wilson", "Can I pay cash on delivery?", true),
        ],
        w,
        h,
    )
}

fn draw(state: &State, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| super::render(state, f)).unwrap();
    t
}

/// The screen as lines of text (wide characters' filler cells skipped).
fn screen(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    let w = buf.area.width as usize;
    let mut lines = Vec::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x as u16, y)].symbol();
            skip = display_width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        lines.push(line);
    }
    lines
}

fn text(t: &Terminal<TestBackend>) -> String {
    screen(t).join("\n")
}

/// `state` drawn at `w`x`h`, as text.
fn text_at(state: &State, w: u16, h: u16) -> String {
    text(&draw(state, w, h))
}

/// Enter opens the thread of the selected p_0 and `messages` arrive.
fn open_thread_with(s: &mut State, messages: Vec<crate::api::Message>) {
    press(s, "Enter");
    feed_messages(s, "p_0", false, Ok(messages));
}

/// The column at which `needle` starts on row `y`, counting display width.
fn column_of(t: &Terminal<TestBackend>, y: usize, needle: &str) -> Option<usize> {
    let line = &screen(t)[y];
    line.find(needle).map(|b| display_width(&line[..b]))
}

#[test]
fn list_rows_show_every_field_and_the_title_counts_unread() {
    let s = sample(120, 30);
    let t = draw(&s, 120, 30);
    shows(
        &text(&t),
        &[
            "Tiệm Bánh Pancake · 1 unread",
            "●", // unread marker
            "Nguyễn Thị Phương",
            "Shop ơi còn",
            "Đặt hàng", // tag chip
            "NP",       // assignee initials
            " 5m I",    // relative time and type
            "1 All 5",  // view tabs with counts
        ],
    );
}

#[test]
fn wide_emoji_cjk_and_rtl_keep_columns_aligned() {
    let s = sample(120, 30);
    let t = draw(&s, 120, 30);
    // Rows 3.. are conversations; the type column must line up on all of them.
    let cols: Vec<Option<usize>> = (3..8)
        .map(|y| {
            let line = &screen(&t)[y];
            let b = line.rfind(['I', 'C'])?;
            Some(display_width(&line[..b]))
        })
        .collect();
    assert!(
        cols.iter().all(|c| c.is_some() && *c == cols[0]),
        "{cols:?}\n{}",
        text(&t)
    );
    for y in 3..8 {
        assert_eq!(
            column_of(&t, y, "│").unwrap_or(0),
            0,
            "left border stays put"
        );
    }
}

#[test]
fn hostile_text_never_reaches_a_cell_as_a_control_character() {
    let raw: crate::api::models::RawConversation = serde_json::from_str(
        r#"{"id":"h","customers":[{"name":"\u001b]0;pwned\u0007\u202eEvil\r\nName"}],
            "snippet":"\u001b[2J\u001b[Hcleared?\u009b31m","seen":false}"#,
    )
    .unwrap();
    let mut s = state_with(vec![raw.into_model(&PageId::new("p"))], 100, 20);
    // Even a search query typed with control characters is cleaned at render.
    s.search.query = "\u{1b}[31mx".into();
    s.search.editing = true;
    let t = draw(&s, 100, 20);
    for cell in t.backend().buffer().content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{:?}",
            cell.symbol()
        );
    }
    shows_none(&text(&t), &["]0;", "[2J"]);
}

#[test]
fn an_empty_inbox_and_an_api_error_are_said_in_words() {
    let mut s = state_with(vec![], 100, 20);
    let t = draw(&s, 100, 20);
    shows(&text(&t), &["No conversations yet"]);
    fixtures::feed_page(
        &mut s,
        "p",
        LoadMode::Backfill,
        None,
        Err(ApiError::Unauthorized {
            status: 401,
            credential: crate::api::error::Credential::PageToken,
        }),
    );
    shows(
        &text_at(&s, 100, 20),
        &["token rejected by Pancake (401): check PANCAKE_PAGE_ACCESS_TOKEN"],
    );
}

#[test]
fn offline_stays_on_the_status_bar_ahead_of_a_long_error() {
    let mut s = sample(100, 20);
    s.pages[0].sync.offline = true;
    s.pages[0].sync.error = Some("cannot reach Pancake".into());
    s.notice = Some(app::Notice::Error(format!(
        "mark {} read failed: cannot reach Pancake (connection refused)",
        "Nguyễn Ngọc Phương ".repeat(4)
    )));
    let out = text_at(&s, 80, 20);
    let bar = out.lines().last().unwrap();
    // The notice still shows after it.
    shows(bar, &["offline", "mark Nguyễn"]);
}

#[test]
fn status_bar_variants() {
    let mut s = sample(100, 20);
    s.demo = true;
    s.pages[0].sync.loading = true;
    s.pages[0].sync.complete = false;
    shows(&text_at(&s, 100, 20), &["DEMO", "loaded 5…"]);
    s.pages[0].sync.offline = true;
    s.pages[0].sync.error = Some("cannot reach Pancake".into());
    s.pages[0].sync.next_poll = Some(UnixSeconds(NOW + 8));
    shows(&text_at(&s, 100, 20), &["offline, retrying in 8 s"]);
    s.pages[0].sync.offline = false;
    s.pages[0].sync.error = None;
    s.pages[0].sync.loading = false;
    s.pages[0].sync.complete = true;
    let id = action_of(&mut s, "u");
    shows(&text_at(&s, 100, 20), &["1 pending"]);
    answer(
        &mut s,
        id,
        Err(fixtures::rejected(
            crate::api::RequestKind::MarkUnread,
            "no",
        )),
    );
    // The row is marked failed.
    shows(&text_at(&s, 100, 20), &["1 failed (x retry", "!"]);
    // A passing failure goes again by itself: not counted as failed.
    press(&mut s, "j");
    fails(&mut s, "u", server_error());
    let out = text_at(&s, 100, 20);
    shows(&out, &["1 waiting for Pancake", "1 failed (x retry"]);
}

#[test]
fn thread_pane_sets_page_replies_apart_and_lists_attachments() {
    let mut s = sample(120, 30);
    let msg = |id: &str, from_page: bool, text: &str| {
        fixtures::message(id, NOW - 100, from_page, text, "Nguyễn Thị Phương")
    };
    let mut photo = msg("m3", false, "");
    photo.attachments = vec![crate::api::models::Attachment {
        kind: "photo".into(),
        name: Some("ao.jpg".into()),
        url: None,
        mime_type: None,
    }];
    let mut gone = msg("m4", false, "secret");
    gone.is_removed = true;
    let long = "Shop ơi còn size M không ạ? một câu rất dài để xuống dòng theo độ rộng";
    let m2 = msg("m2", true, "Dạ còn ạ");
    open_thread_with(&mut s, vec![msg("m1", false, long), m2, photo, gone]);
    let out = text_at(&s, 120, 30);
    shows(
        &out,
        &[
            "→ Tiệm Bánh (Đức)",
            "Dạ còn ạ",
            "[photo] ao.jpg",
            "[message removed]",
            "Nguyễn Thị Phương · inbox", // title
        ],
    );
    shows_none(&out, &["secret"]);
}

/// The filter panel says why a line means nothing in the agent's language,
/// the word at fault as typed; the filter's words stay as they are.
#[test]
fn the_filter_panel_says_why_in_the_agents_language() {
    for (lang, said) in [
        (crate::i18n::Lang::En, "\"f\" is not a filter word"),
        (crate::i18n::Lang::Vi, "\"f\" không phải từ của bộ lọc"),
    ] {
        let mut s = sample(100, 30);
        s.settings.lang = lang;
        press(&mut s, "f");
        type_text(&mut s, "unread f");
        let out = text_at(&s, 100, 30);
        shows(&out, &["> unread f", said]);
        press_all(&mut s, "Backspace Backspace");
        type_text(&mut s, " since:2d until:7d");
        let out = text_at(&s, 100, 30);
        shows(
            &out,
            &[match lang {
                crate::i18n::Lang::En => "since is after until: nothing could match",
                crate::i18n::Lang::Vi => "since sau until: không gì khớp được",
            }],
        );
    }
}

#[test]
fn pickers_filter_accent_insensitively_and_show_checks() {
    let mut s = sample(100, 30);
    press(&mut s, "a");
    type_text(&mut s, "phuong");
    let out = text_at(&s, 100, 30);
    shows(&out, &["Assign Nguyễn Thị Phương"]);
    // Checked, her availability on her row.
    shows(line_with(&out, "[x] Nguyễn Thị Phương"), &["available"]);
    shows_none(&out, &["Trần Minh Đức"]); // filtered out
    press_all(&mut s, "Esc t");
    shows(
        &text_at(&s, 100, 30),
        &["Tags for", "[x] Đặt hàng", "[ ] VIP"],
    );
}

#[test]
fn help_scrolls_to_every_key_at_80x24() {
    let mut s = sample(80, 24);
    let seen = help_pages(&mut s, 80, 24);
    shows(&seen, &["Keys 1–21 of"]);
    press(&mut s, "G");
    let out = text_at(&s, 80, 24);
    // The last rows.
    let rows = crate::app::keys::help_rows(&s.settings.keymap, s.settings.lang).len();
    shows(&out, &[&format!("of {rows} (j/k scroll"), "canned replies"]);
    shows_every_key(&format!("{seen}{out}"), s.settings.lang);
}

/// The same in Vietnamese: the headings and every description whole at
/// 80x24 (the longest Vietnamese ones fit the column), the title's words
/// and numbers from the catalog.
#[test]
fn help_scrolls_to_every_key_in_vietnamese_at_80x24() {
    let mut s = sample(80, 24);
    s.settings.lang = crate::i18n::Lang::Vi;
    let seen = help_pages(&mut s, 80, 24);
    shows(&seen, &["Phím 1–21 trên", "j/k để cuộn", "Esc để đóng"]);
    shows(&seen, &["Bảng chọn (nhãn, nhân viên", "Hộp thư đi"]);
    shows_every_key(&seen, s.settings.lang);
}

#[test]
fn rebound_keys_show_in_the_help_and_the_hints() {
    let mut s = sample(100, 40);
    let table: std::collections::BTreeMap<String, crate::app::keys::KeySpec> =
        toml::from_str("filter = \"C-f\"\nhelp = \"H\"\nretry_failed = []").unwrap();
    s.settings.keymap = crate::app::keys::Keymap::new(&table).unwrap();
    let out = text_at(&s, 100, 40);
    shows(&out, &["C-f filter · / search", "H help"]);
    shows_none(&out, &["? help"]);
    press(&mut s, "H");
    shows(&text_at(&s, 100, 40), &["C-f ", "(no key)"]);
}

#[test]
fn help_lists_every_key() {
    let mut s = sample(100, 40);
    let seen = help_pages(&mut s, 100, 40);
    shows_every_key(&seen, s.settings.lang);
}

/// The help opened and paged through to its end at `w`x`h`: every screen
/// seen, one after the other.
fn help_pages(s: &mut State, w: u16, h: u16) -> String {
    press(s, "?");
    let mut seen = text_at(s, w, h);
    let rows = crate::app::keys::help_rows(&s.settings.keymap, s.settings.lang).len();
    // A page is the box less its border and the status bar's row.
    let page = crate::app::keys::help_visible_rows(rows, h)
        .saturating_sub(1)
        .max(1);
    for _ in 0..rows / page {
        press(s, "PgDn");
        seen.push_str(&text_at(s, w, h));
    }
    seen
}

/// Every binding's description of the key table, in `lang`, is on `seen`.
fn shows_every_key(seen: &str, lang: crate::i18n::Lang) {
    let every: Vec<String> = crate::app::keys::BINDINGS
        .iter()
        .map(|b| b.describe(lang))
        .collect();
    shows(seen, &every.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn composer_shows_text_count_and_places_the_cursor() {
    let mut s = sample(100, 30);
    press(&mut s, "r");
    type_text(&mut s, "Chào 😍");
    let mut t = draw(&s, 100, 30);
    shows(&text(&t), &["Reply · 6 chars", "Chào 😍"]);
    let pos = t.get_cursor_position().unwrap();
    let row = &screen(&t)[pos.y as usize];
    assert!(row.contains("Chào 😍"), "cursor on the text row: {row}");
}

#[test]
fn small_terminals_degrade_without_panicking() {
    let mut s = sample(80, 24);
    let out = text_at(&s, 80, 24);
    let two_blocks = |out: &str| out.lines().next().unwrap().contains("┐┌");
    assert!(
        out.contains("Nguyễn") && !two_blocks(&out),
        "no thread open: the list has the whole width\n{out}"
    );
    press(&mut s, "Enter");
    let out = text_at(&s, 80, 24);
    assert!(
        out.contains("Nguyễn") && two_blocks(&out),
        "80x24 shows both panes once a thread is open\n{out}"
    );
    press(&mut s, "Esc");
    let out = text_at(&s, 60, 20);
    assert!(
        out.contains("Nguyễn") && !out.contains("Thread"),
        "narrow: list only\n{out}"
    );
    for (w, h) in [(10, 3), (1, 1), (30, 5), (200, 2)] {
        draw(&s, w, h);
    }
}

#[test]
fn a_hundred_thousand_conversations_render_only_the_rows_on_screen() {
    let s = fixtures::synthetic_state(100_000);
    let t = draw(&s, 120, 40);
    let out = text(&t);
    assert!(
        out.contains("1 All 100000"),
        "{}",
        &out[..200.min(out.len())]
    );
}

#[test]
fn the_all_pages_view_says_the_page_of_each_row() {
    let mut s = fixtures::at_now(&[("p", "Tiệm Bánh Pancake"), ("q", "Pancake Café Đà Lạt")]);
    s.viewport = super::layout::viewport(120, 20);
    app::init(&mut s);
    for (page, name, age) in [("p", "Nguyễn Thị Phương", 60), ("q", "Emma Wilson", 120)] {
        let mut c = conv(0, name, "hello", true);
        c.id = ConversationId::new(format!("{page}_0"));
        c.page_id = PageId::new(page);
        c.updated_at = Some(UnixSeconds(NOW - age));
        fixtures::backfill(&mut s, page, vec![c]);
    }
    let out = text_at(&s, 120, 20);
    shows(&out, &["Tiệm Bánh Pancake · 0 unread"]);
    shows_none(&out, &["Emma Wilson"]); // page q is not shown yet
    press_all(&mut s, "P P");
    let t = draw(&s, 120, 20);
    let out = text(&t);
    shows(&out, &["All 2 pages"]);
    let rows = screen(&t);
    let row_of = |name: &str| {
        rows.iter()
            .position(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no row with {name}\n{out}"))
    };
    // The page column holds the names without the shared "Pancake".
    assert!(rows[row_of("Nguyễn Thị")].contains("Tiệm Bá"), "{out}");
    assert!(rows[row_of("Emma Wilson")].contains("Café Đà"), "{out}");
    assert!(row_of("Nguyễn Thị") < row_of("Emma Wilson"), "newest first");
    // Names stay in one column whatever the page label's width.
    assert_eq!(
        column_of(&t, row_of("Nguyễn Thị"), "Nguyễn"),
        column_of(&t, row_of("Emma Wilson"), "Emma")
    );
}

#[test]
fn the_outbox_lists_what_pancake_has_not_confirmed() {
    let mut s = sample(100, 24);
    fails(&mut s, "u", server_error());
    press(&mut s, "o");
    shows(
        &text_at(&s, 100, 24),
        &[
            "Outbox: 1 not confirmed",
            "↻ mark Nguyễn Thị Phương read",
            "waits for Pancake",
            "d cancel · x send again",
        ],
    );
}

#[test]
fn tabs_that_do_not_fit_say_so_and_the_title_keeps_its_counts() {
    let mut s = sample(80, 24);
    s.tabs.views = (1..=7)
        .map(|i| crate::app::filter::View {
            name: format!("Khách quen nhóm {i}"),
            filter: Default::default(),
        })
        .collect();
    s.tabs.counts = vec![120; 7];
    s.tabs.active = 6;
    s.pages[0].name = "Tiệm Bánh Ngọt Và Cà Phê Sài Gòn Chi Nhánh Quận Một".into();
    press_all(&mut s, "/ a Enter");
    let out = text_at(&s, 80, 24);
    let tabs = out.lines().nth(1).unwrap();
    assert!(
        tabs.contains("7 Khách quen nhóm 7"),
        "the current tab\n{out}"
    );
    assert!(
        tabs.contains('‹'),
        "the tabs cut off before it are counted\n{out}"
    );
    let title = out.lines().next().unwrap();
    assert!(
        title.contains(" unread · ") && title.contains(" shown"),
        "the counts are whole\n{out}"
    );
    s.tabs.active = 0;
    let out = text_at(&s, 80, 24);
    assert!(out.lines().nth(1).unwrap().contains('›'), "{out}");
}

/// Every screen at 80x24, fixed clock and zone (UTC+7, the shops' own), as
/// text: a change in any pane shows as a reviewable diff of its `.snap`.
mod snapshots {
    use super::*;

    fn fixture() -> State {
        let mut s = state_with(
            vec![
                conv(0, "Lan 👍🏽 🇻🇳", "Mai ❤️ giao 1️⃣ hộp nhé", false),
                conv(1, "👨‍👩‍👧 Gia đình", "你好，这件衣服还有吗？", true),
                conv(2, "محمد العربي", "مرحبا، هل هذا متوفر؟", true),
                conv(3, "Nguyễn Thị Phương", "Shop ơi còn size M không ạ?", true),
                conv(
                    4,
                    &"🇻🇳👍🏽".repeat(12_000),
                    &"lorem ipsum ".repeat(9_000),
                    true,
                ),
            ],
            80,
            24,
        );
        s.settings.tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(7));
        s
    }

    fn with_thread(s: &mut State) {
        let msg = |id: &str, from_page: bool, text: &str| {
            fixtures::message(id, NOW - 100, from_page, text, "Lan 👍🏽 🇻🇳")
        };
        let emoji = "Tone 👍🏽 flag 🇻🇳 heart ❤️ keycap 1️⃣ family 👨‍👩‍👧 chef 👩🏽‍🍳";
        let m2 = msg("m2", true, "Dạ còn ạ 你好 مرحبا");
        open_thread_with(s, vec![msg("m1", false, emoji), m2]);
    }

    fn snap(s: &State) -> String {
        let t = draw(s, 80, 24);
        text(&t)
    }

    #[test]
    fn screens_at_80x24() {
        let mut s = fixture();
        insta::assert_snapshot!("list", snap(&s));
        with_thread(&mut s);
        insta::assert_snapshot!("thread", snap(&s));
        press(&mut s, "?");
        insta::assert_snapshot!("help", snap(&s));
        press_all(&mut s, "Esc t");
        insta::assert_snapshot!("tag_picker", snap(&s));
        press_all(&mut s, "Esc a");
        insta::assert_snapshot!("staff_picker", snap(&s));
        press_all(&mut s, "Esc f");
        insta::assert_snapshot!("filter_panel", snap(&s));
        press_all(&mut s, "Esc r");
        type_text(&mut s, "Dạ 👍🏽 🇻🇳 ❤️ 1️⃣ 👨‍👩‍👧");
        insta::assert_snapshot!("composer", snap(&s));
        // The draft keeps what was typed; only the cells changed.
        let draft = s
            .composer
            .as_ref()
            .map(|c| c.input.text.clone())
            .unwrap_or_default();
        assert_eq!(draft, "Dạ 👍🏽 🇻🇳 ❤️ 1️⃣ 👨‍👩‍👧");
        press_all(&mut s, "Esc u");
        let id = s.actions.items[0].id;
        answer(&mut s, id, Err(server_error()));
        press(&mut s, "o");
        insta::assert_snapshot!("outbox", snap(&s));
    }

    /// The thread, the pickers and the composer in Vietnamese, beside
    /// the English ones of `screens_at_80x24`: the words from the
    /// Vietnamese catalog, every border whole.
    #[test]
    fn screens_in_vietnamese_at_80x24() {
        let mut s = fixture();
        s.settings.lang = crate::i18n::Lang::Vi;
        s.tabs.views = crate::app::filter::default_views(s.settings.lang);
        with_thread(&mut s);
        let mut screens = vec![snap(&s)];
        insta::assert_snapshot!("thread_vi", screens[0]);
        press(&mut s, "t");
        screens.push(snap(&s));
        insta::assert_snapshot!("tag_picker_vi", screens[1]);
        press_all(&mut s, "Esc a");
        screens.push(snap(&s));
        insta::assert_snapshot!("staff_picker_vi", screens[2]);
        press_all(&mut s, "Esc r");
        type_text(&mut s, "Dạ 👍🏽 🇻🇳 ❤️ 1️⃣ 👨‍👩‍👧");
        screens.push(snap(&s));
        insta::assert_snapshot!("composer_vi", screens[3]);
        press_all(&mut s, "Esc u");
        let id = s.actions.items[0].id;
        answer(&mut s, id, Err(server_error()));
        press(&mut s, "o");
        screens.push(snap(&s));
        insta::assert_snapshot!("outbox_vi", screens[4]);
        press_all(&mut s, "Esc f");
        screens.push(snap(&s));
        insta::assert_snapshot!("filter_panel_vi", screens[5]);
        shows(
            &screens[5],
            &["Lọc", "chưa đọc lên đầu", "máy chủ", "tại chỗ"],
        );
        shows(&screens[4], &["Hộp thư đi: ", "chưa xác nhận", "x gửi lại"]);
        shows(&screens[0], &["tin nhắn"]);
        shows(&screens[1], &["Nhãn cho Lan"]);
        shows(&screens[2], &["Phân công: Lan"]);
        shows(&screens[3], &["Trả lời · ", " ký tự"]);
        for screen in &screens {
            for line in screen.lines() {
                assert_eq!(crate::text::display_width(line), 80, "{line}\n{screen}");
            }
        }
    }

    /// The list in Vietnamese (`language = "vi"`): the pane's and the
    /// status bar's words from the Vietnamese catalog, numbers grouped
    /// with dots, and the borders whole at 80x24 with the longest words
    /// (a filter on, marks, a search without a match).
    #[test]
    fn the_list_in_vietnamese_at_80x24() {
        let mut s = fixture();
        // As the runtime builds it from config.toml: the default views
        // named in the language too.
        s.settings.lang = crate::i18n::Lang::Vi;
        s.tabs.views = crate::app::filter::default_views(s.settings.lang);
        insta::assert_snapshot!("list_vi", snap(&s));
        press(&mut s, "?");
        insta::assert_snapshot!("help_vi", snap(&s));
        press(&mut s, "Esc");
        let screen = snap(&s);
        assert!(screen.contains("1 chưa đọc"), "{screen}");
        assert!(screen.contains("f lọc · / tìm"), "{screen}");
        assert!(screen.contains("? trợ giúp"), "{screen}");
        press_all(&mut s, "2 Space");
        let screen = snap(&s);
        assert!(screen.contains("đang hiện 1"), "{screen}");
        assert!(screen.contains("đã chọn 1 · lọc: "), "{screen}");
        press_all(&mut s, "/ x y z");
        let screen = snap(&s);
        assert!(
            screen.contains("không có cuộc trò chuyện nào khớp \"xyz\""),
            "{screen}"
        );
        for screen in [snap(&s)] {
            let lines: Vec<&str> = screen.lines().collect();
            for line in &lines[..lines.len() - 1] {
                assert_eq!(crate::text::display_width(line), 80, "{line}");
                assert!(
                    line.starts_with(['┌', '│', '└']) && line.ends_with(['┐', '│', '┘']),
                    "a border broken:\n{screen}"
                );
            }
        }
    }
}

#[test]
fn the_links_list_numbers_each_with_its_type_and_cuts_to_the_width() {
    let mut s = sample(80, 24);
    let mut photo = fixtures::message("m1", NOW - 50, false, "", "Phương");
    photo.attachments = vec![crate::api::models::Attachment {
        kind: "photo".into(),
        name: Some("áo dài đỏ.jpg".into()),
        url: Some(format!("https://cdn.vn/{}", "x".repeat(200))),
        mime_type: None,
    }];
    let text_link = fixtures::message("m2", NOW - 40, true, "xem https://shop.vn/o/7", "");
    open_thread_with(&mut s, vec![photo, text_link]);
    press(&mut s, "v");
    let t = draw(&s, 80, 24);
    let out = text(&t);
    shows(
        &out,
        &[
            "Attachments and links: 2",
            " 1 link",
            "https://shop.vn/o/7",
            " 2 photo    áo dài đỏ.jpg · https://cdn.vn/xxx",
            "Enter copy to your clipboard",
            "no local display",
        ],
    );
    shows_none(&out, &["o open"]); // no opener offered over SSH
    for line in screen(&t) {
        assert!(display_width(&line) <= 80);
    }
    s.settings.local_display = true;
    shows(&text_at(&s, 80, 24), &["o open"]);
}

#[test]
fn the_customer_panel_shows_the_record_other_conversations_and_errors() {
    let mut s = sample(120, 30);
    press_all(&mut s, "Enter c");
    shows(
        &text_at(&s, 120, 30),
        &[" Customer ", "loading the customer"],
    );
    let mut other = fixtures::conv(7, NOW - 9000, true);
    other.snippet = "đơn tháng trước".into();
    let record = crate::api::customers::PageCustomer {
        customer: crate::api::models::Customer {
            page_customer_id: Some("c0".into()),
            legacy_id: None,
            global_id: Some("g0".into()),
            psid: None,
            name: "Nguyễn Thị Phương".into(),
        },
        phones: vec!["0901234567".into()],
        first_contact: Some(UnixSeconds(NOW - 86_400 * 30)),
        notes: vec![],
        gender: None,
        birthday: None,
        recent_orders: vec![],
    };
    fixtures::feed_customer(&mut s, "c0", Ok((Some(record), vec![other])));
    shows(
        &text_at(&s, 120, 30),
        &[
            "0901234567",
            "other conversations: 1",
            "đơn tháng trước",
            "Đặt hàng", // their tags
        ],
    );
    fixtures::feed_customer(&mut s, "c0", Err(server_error()));
    shows(
        &text_at(&s, 120, 30),
        &["! not loaded", "c twice to try again"],
    );
}

#[test]
fn the_customer_panel_stands_beside_a_wide_thread_and_under_a_narrow_one() {
    let mut s = sample(200, 40);
    press_all(&mut s, "Enter c");
    let t = draw(&s, 200, 40);
    // Thread and panel side by side.
    shows(&screen(&t)[0], &["Nguyễn Thị Phương · inbox", " Customer "]);
    let at = column_of(&t, 0, " Customer ").unwrap();
    assert!(at >= 200 - 36, "the panel takes the right columns: {at}");
    let beside = s.viewport.thread_width_beside.unwrap();
    assert_eq!(
        s.thread.as_ref().unwrap().width,
        beside,
        "text laid out narrower"
    );
    for line in screen(&t) {
        assert_eq!(display_width(&line), 200);
    }
    press(&mut s, "c");
    assert_eq!(s.thread.as_ref().unwrap().width, s.viewport.thread_width);
    // 120 columns: under the thread, the thread keeps its width.
    let mut s = sample(120, 30);
    press_all(&mut s, "Enter c");
    assert_eq!(s.viewport.thread_width_beside, None);
    assert_eq!(s.thread.as_ref().unwrap().width, s.viewport.thread_width);
    let t = draw(&s, 120, 30);
    shows_none(&screen(&t)[0], &[" Customer "]); // not on the top row
    shows(&text(&t), &[" Customer "]);
}

#[test]
fn the_status_bar_says_when_the_budget_is_this_inbox_s_own() {
    use crate::api::budget::{Sharing, Unshared};
    use crate::api::throttle::Headroom;
    for (sharing, want) in [
        (
            Sharing::Own(Unshared::Busy),
            Some("budget: own (shared file busy)"),
        ),
        (
            Sharing::Own(Unshared::Unusable),
            Some("budget: own (shared file unusable)"),
        ),
        (Sharing::Host, None),
    ] {
        let mut s = sample(120, 24);
        app::update(
            &mut s,
            app::Msg::Headroom(
                PageId::new("p"),
                Headroom {
                    used: 1,
                    limit: 5,
                    sharing,
                    agents: 1,
                    ..Default::default()
                },
            ),
        );
        let frame = screen(&draw(&s, 120, 24)).join("\n");
        match want {
            Some(w) => shows(&frame, &[w]),
            None => shows_none(&frame, &["budget:"]),
        }
    }
}
