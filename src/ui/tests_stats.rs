//! The stats screen rendered into ratatui's TestBackend: the period line,
//! each part's figures at 80x24 (scrolled) and 140x40 (two columns), the
//! parts Pancake did not give, loading and failure, hostile tag names.

use crate::api::stats::PageStats;
use crate::app::fixtures::{self, answer_stats, page_stats, press};
use crate::app::{Cmd, State};

use super::test_screen::{frame, line_with, shows, shows_none};

/// `loaded()` at `w`x`h`, times in UTC (NOW is Friday 15 Jan 2027 08:00),
/// the stats screen open on 7 d; the load it asked for.
fn opened(w: u16, h: u16) -> (State, Cmd) {
    let mut s = fixtures::loaded();
    s.viewport = super::layout::viewport(w, h);
    s.settings.tz = jiff::tz::TimeZone::UTC;
    let load = press(&mut s, "S").remove(0);
    (s, load)
}

fn with(w: u16, h: u16, stats: PageStats) -> State {
    let (mut s, load) = opened(w, h);
    answer_stats(&mut s, &load, Ok(stats));
    s
}

/// The screen of `s` at its viewport's size.
fn text(s: &State) -> String {
    frame(s, s.viewport.width, s.viewport.height)
}

#[test]
fn at_80x24_the_period_totals_and_charts_show_and_j_scrolls_to_the_tags_and_staff() {
    let mut s = with(80, 24, page_stats());
    let out = text(&s);
    shows(
        &out,
        &[
            "Stats: Page",
            "08/01 08:00 – 15/01 08:00", // the period
            // The totals, short at 80 columns.
            "new 9 · customers 140+12 · page 120+7 (inbox+comments) · phones 4",
            "New customers per day · 9 on these days, most 5 on Tue 12/01",
        ],
    );
    // 8 days, each labelled under its bar.
    shows(line_with(&out, "Fri 08"), &["Tue 12", "Fri 15"]);
    shows(&out, &["rows 1–18 of"]); // it scrolls
    shows_none(&out, &["Anh"]); // staff below the fold
    insta::assert_snapshot!("stats_80x24", out);
    for _ in 0..40 {
        press(&mut s, "j");
    }
    let out = text(&s);
    shows(&out, &["Orders"]);
    // Most conversations first; the average reply as a duration.
    let anh = line_with(&out, "Anh");
    assert!(
        anh.contains("9") && anh.contains("20") && anh.contains("2m"),
        "{anh}"
    );
    let phuong = line_with(&out, "Phương");
    assert!(
        phuong.trim_end_matches('│').trim_end().ends_with('-'),
        "no first reply given\n{phuong}"
    );
    assert!(
        out.find("Anh").unwrap() < out.find("Phương").unwrap(),
        "{out}"
    );
}

#[test]
fn at_140x40_every_part_shows_at_once_in_two_columns() {
    let s = with(140, 40, page_stats());
    let out = text(&s);
    shows(
        &out,
        &[
            "new customers 9 · customer messages 140 inbox, 12 comments · page replies 120 inbox",
            "New customers per day",
            "Engagement by hour · ",
            "busiest 09:00 (15)",
            "Conversations by tag · 3 tags, 20 tagged",
            "Giao hàng nhanh",
            "Anh",
            "Phương",
        ],
    );
    shows_none(&out, &["rows 1–"]); // no scrolling needed
    // Tags stand beside the chart, not under it.
    shows(
        line_with(&out, "Conversations by tag"),
        &["New customers per day"],
    );
    // The tag bars are proportional: Orders (12) longest.
    let bar = |name: &str| line_with(&out, name).matches('█').count();
    assert!(bar("Orders") > bar("VIP") && bar("VIP") > 0, "{out}");
    insta::assert_snapshot!("stats_140x40", out);
}

#[test]
fn parts_pancake_did_not_give_say_so() {
    let mut st = page_stats();
    st.engagement_by_hour = None;
    st.staff.clear();
    st.new_customers_per_day.clear();
    st.totals = Default::default();
    st.unavailable = vec![("staff".into(), "Pancake refused: no permission".into())];
    let out = text(&with(140, 40, st));
    shows(
        &out,
        &["not given by Pancake: Pancake refused: no permission"],
    );
    assert_eq!(out.matches("not given by Pancake").count(), 4, "{out}");
    shows(
        &out,
        &[
            "totals: not given by Pancake",
            "Orders", // the rest shows
        ],
    );
}

#[test]
fn loading_and_failure_say_what_is_happening_and_what_to_do() {
    let (mut s, load) = opened(80, 24);
    shows(
        &text(&s),
        &[
            "Asking Pancake for the figures of the last 7 days",
            "asking Pancake…",
        ],
    );
    answer_stats(&mut s, &load, Err(fixtures::server_error()));
    shows(
        &text(&s),
        &[
            "Pancake did not give the figures:",
            "r asks again",
            "[/] period", // the hints
        ],
    );
}

#[test]
fn hostile_tag_and_staff_names_keep_the_columns() {
    let mut st = page_stats();
    st.by_tag[1].name = format!("{}👨‍👩‍👧\u{202e}ﷺ", "Rất dài ".repeat(40));
    st.staff[0].name = "😀".repeat(100);
    let mut s = with(80, 24, st);
    for _ in 0..40 {
        press(&mut s, "j");
    }
    let out = text(&s);
    for l in out.lines() {
        assert!(crate::text::display_width(l) <= 80, "{l}");
    }
    let col = |needle: &str| {
        let l = line_with(&out, needle);
        crate::text::display_width(&l[..l.find(needle).unwrap()])
    };
    let orders = line_with(&out, "Orders");
    let long = line_with(&out, "Rất dài");
    let at = |l: &str, n: &str| crate::text::display_width(&l[..l.find(n).unwrap()]);
    assert_eq!(
        at(orders, " 12 "),
        at(long, "  5 "),
        "the counts line up\n{out}"
    );
    assert!(col("Anh") < 5, "{out}");
}

/// `with` in Vietnamese (`language = "vi"`).
fn with_vi(w: u16, h: u16, stats: PageStats) -> State {
    let (mut s, load) = opened(w, h);
    s.settings.lang = crate::i18n::Lang::Vi;
    answer_stats(&mut s, &load, Ok(stats));
    s
}

/// Every line of the box exactly `w` columns, its borders whole (the
/// status bar under it ends in a trimmed blank).
fn whole(screen: &str, w: usize) {
    let lines: Vec<&str> = screen.lines().collect();
    let (last, box_lines) = lines.split_last().unwrap();
    for line in box_lines {
        assert_eq!(crate::text::display_width(line), w, "{line}\n{screen}");
        assert!(line.starts_with(['┌', '│', '└']), "{line}\n{screen}");
        assert!(line.ends_with(['┐', '│', '┘']), "{line}\n{screen}");
    }
    assert!(crate::text::display_width(last) <= w, "{screen}");
}

/// The screen of `at_80x24_…` in Vietnamese: the words from the catalog,
/// week days as T2…CN, the same figures; scrolled down to the staff table,
/// whose heads are wider than the English ones and still line up.
#[test]
fn at_80x24_in_vietnamese_the_words_come_from_the_catalog() {
    let mut s = with_vi(80, 24, page_stats());
    let out = text(&s);
    whole(&out, 80);
    shows(
        &out,
        &[
            "Thống kê: Page",
            "hôm nay  [7 ngày]  30 ngày",
            "08/01 08:00 – 15/01 08:00",
            "Khách mới theo ngày · tổng 9, nhiều nhất 5 vào T3 12/01",
            "Tương tác theo giờ · tổng 126, cao điểm 09:00 (15)",
            "dòng 1–18/24 · [/] đổi kỳ · r tải lại · j/k cuộn · Esc đóng",
        ],
    );
    shows(line_with(&out, "T6 08"), &["T3 12", "CN 10", "T6 15"]);
    shows_none(&out, &["Stats", "today", "Tue", "rows"]);
    insta::assert_snapshot!("stats_80x24_vi", out);
    for _ in 0..40 {
        press(&mut s, "j");
    }
    let out = text(&s);
    whole(&out, 80);
    shows(
        &out,
        &[
            "Cuộc trò chuyện theo nhãn · 3 nhãn, 20 lượt gắn",
            "Nhân viên · 2",
        ],
    );
    let head = line_with(&out, "TG phản hồi");
    let anh = line_with(&out, "Anh");
    let end = |l: &str, word: &str| {
        crate::text::display_width(&l[..l.find(word).unwrap()]) + crate::text::display_width(word)
    };
    assert_eq!(end(head, "tin nhắn"), end(anh, "20"), "{out}");
    assert_eq!(end(head, "TG phản hồi"), end(anh, "2m05s"), "{out}");
    insta::assert_snapshot!("stats_80x24_vi_scrolled", out);
}

#[test]
fn at_140x40_in_vietnamese_every_part_shows_with_the_long_totals() {
    let s = with_vi(140, 40, page_stats());
    let out = text(&s);
    whole(&out, 140);
    shows(
        &out,
        &[
            "khách mới 9 · khách gửi 140 tin nhắn, 12 bình luận · trang trả lời 120 tin nhắn, 7 bình luận · số điện thoại 4",
            "Giao hàng nhanh",
        ],
    );
    insta::assert_snapshot!("stats_140x40_vi", out);
}

/// Loading, failure and the parts Pancake did not give, in Vietnamese;
/// numbers grouped with dots.
#[test]
fn in_vietnamese_loading_failure_and_missing_parts_say_so() {
    let (mut s, load) = opened(80, 24);
    s.settings.lang = crate::i18n::Lang::Vi;
    let out = text(&s);
    whole(&out, 80);
    shows(
        &out,
        &[
            "Đang lấy số liệu 7 ngày qua từ Pancake…",
            "đang lấy số liệu…",
        ],
    );
    answer_stats(&mut s, &load, Err(fixtures::server_error()));
    let out = text(&s);
    whole(&out, 80);
    shows(
        &out,
        &[
            "Pancake không trả số liệu:",
            "r để lấy lại; Esc để đóng",
            "[/] đổi kỳ",
        ],
    );
    let mut st = page_stats();
    st.engagement_by_hour = None;
    st.staff.clear();
    st.totals = Default::default();
    st.by_tag[0].count = 12_345;
    st.unavailable = vec![("staff".into(), "Pancake refused: no permission".into())];
    let out = text(&with_vi(140, 40, st));
    whole(&out, 140);
    shows(
        &out,
        &[
            "tổng: Pancake không cung cấp",
            "Pancake không cung cấp: Pancake refused: no permission",
            "12.345",
        ],
    );
    assert_eq!(out.matches("Pancake không cung cấp").count(), 3, "{out}");
}
