//! The text tests: hostile input sanitized, widths measured like ratatui,
//! cutting, wrapping, folding and matching.

use super::sanitize::is_invisible_format;
use super::*;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

fn clean(s: &str) -> bool {
    !s.chars().any(|c| {
        (c.is_control() && c != '\n')
            || is_invisible_format(c)
            || ('\u{80}'..='\u{9f}').contains(&c)
    })
}

#[test]
fn golden_payloads_leave_nothing_behind() {
    let cases = [
        ("\x1b]0;pwned\x07Eve", "Eve"),
        ("\x1b]52;c;ZWNobw==\x07x", "x"),
        ("\x1b[2J\x1b[Hhi", "hi"),
        ("\x1b[?1000hmouse", "mouse"),
        ("\u{9b}31mred", "red"),
        ("ok\rFAKE", "ok FAKE"),
        ("\u{202e}gnp.exe", "gnp.exe"),
        ("\x1b]0;abc", ""),
        ("a\x1b(Bb", "ab"),
        ("\x1bPq#0;2;0;0;0\x1b\\after", "after"),
        ("tab\there", "tab here"),
        ("z\u{200b}w", "zw"),
    ];
    for (input, want) in cases {
        assert_eq!(sanitize_line(input), want, "{input:?}");
    }
    assert_eq!(sanitize_block("ok\rFAKE\r\nx"), "ok\nFAKE\nx");
    assert_eq!(sanitize_block("a\tb"), "a   b");
    assert_eq!(sanitize_block("bell\x07"), "bell\u{FFFD}");
    assert_eq!(sanitize_input("paste\x1b[201~rm -rf\n"), "pasterm -rf\n");
}

#[test]
fn emoji_cjk_rtl_and_vietnamese_survive_and_measure_right() {
    for s in ["👨‍👩‍👧", "👍🏽", "🇻🇳", "你好世界", "مرحبا", "Nguyễn Thị Phương"]
    {
        assert_eq!(sanitize_line(s), s);
    }
    let nfd = "Nguye\u{302}\u{303}n";
    let nfc = "Nguyễn";
    assert_eq!(sanitize_line(nfd), nfc);
    assert_eq!(display_width(&sanitize_line(nfd)), display_width(nfc));
    assert_eq!(display_width("你好"), 4);
    assert_eq!(truncate("你好世界", 5), "你好…");
    assert_eq!(truncate("abc", 3), "abc");
    assert_eq!(pad_right("ab", 4), "ab  ");
}

/// The drawing rule, case by case: (as typed, as drawn). The drawn form
/// takes the columns ratatui gave the original (padded with spaces).
#[test]
fn unsettled_emoji_are_drawn_in_a_form_every_terminal_agrees_on() {
    let cases = [
        ("👍🏽", "👍"), // skin tone dropped
        ("👋🏿", "👋"),
        ("🇻🇳", "VN"), // flag as its two letters
        ("🇺🇸", "US"),
        ("🇳", "N"),   // a lone regional indicator
        ("❤️", "❤ "), // VS16 dropped, the heart is narrow
        ("1️⃣", "1 "), // keycap as its key
        ("#️⃣", "# "),
        ("👨‍👩‍👧", "👨"), // ZWJ family as its first person
        ("👩‍👩‍👧‍👦", "👩"),
        ("👩🏽‍🔬", "👩"), // tone and profession dropped
        ("🏳️‍🌈", "🏳 "),
        (
            "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
            "🏴",
        ), // subdivision flag
        ("👍", "👍"), // settled: unchanged
        ("😀", "😀"),
        ("❤", "❤"),
        ("你好", "你好"),
        ("مرحبا", "مرحبا"),
        ("Nguyễn", "Nguyễn"),
        ("e\u{301}\u{323}", "e\u{301}\u{323}"), // combining marks stay
        // Halfwidth katakana with its sound mark: ratatui gives 3 columns,
        // terminals 2; drawn as its fullwidth letter in ratatui's 3.
        ("ｶﾞ", "ガ "),
        ("ﾊﾟﾝ", "パ ﾝ"),
        ("a👍🏽b🇻🇳c", "a👍bVNc"),
    ];
    for (typed, drawn) in cases {
        let got = for_display(typed);
        assert_eq!(got, drawn, "{typed:?}");
        assert_eq!(
            display_width(&got),
            display_width(typed),
            "{typed:?} keeps its columns"
        );
        assert!(got.graphemes(true).all(is_settled), "{typed:?} → {got:?}");
    }
    for g in ["👍🏽", "🇻🇳", "🇳", "❤️", "1️⃣", "👨‍👩‍👧"] {
        assert!(!is_settled(g), "{g:?}");
    }
}

#[test]
fn the_buffer_pass_keeps_columns_and_styles() {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};
    let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
    let red = Style::default().fg(Color::Red);
    buf.set_string(0, 0, "a🇻🇳❤️1️⃣👍🏽z", red);
    settle_buffer(&mut buf);
    let row: String = (0..20).map(|x| buf[(x, 0)].symbol().to_string()).collect();
    assert!(row.starts_with("aVN❤ 1 👍 z"), "{row:?}");
    assert_eq!(buf[(3, 0)].fg, Color::Red);
    for x in 0..20 {
        assert!(is_settled(buf[(x, 0)].symbol()));
    }
}

#[test]
fn folding_and_fuzzy_search() {
    assert_eq!(fold("Nguyễn Thị Phương"), "nguyen thi phuong");
    assert_eq!(fold("ĐẶT HÀNG"), "dat hang");
    assert!(fuzzy_match("phuong", "Phương").is_some());
    assert!(fuzzy_match("nth", "Nguyễn Thị Hồng").is_some());
    assert!(fuzzy_match("xyz", "Phương").is_none());
    let m = fuzzy_match("phu", "Nguyễn Thị Phương").unwrap();
    assert_eq!(m.positions, vec![11, 12, 13]);
    let word = fuzzy_match("ph", "Phương").unwrap().score;
    let inner = fuzzy_match("ph", "alpha").unwrap().score;
    assert!(word > inner);
}

#[test]
fn wrap_respects_width_and_words() {
    assert_eq!(wrap("hello world foo", 11), vec!["hello world", "foo"]);
    assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    assert_eq!(wrap("a\nb", 5), vec!["a", "b"]);
    for l in wrap(&"你好".repeat(50), 7) {
        assert!(display_width(&l) <= 7);
    }
}

#[test]
fn big_inputs_are_handled() {
    let big = "lorem ipsum ".repeat(9_000);
    assert!(wrap(&sanitize_block(&big), 80).len() > 1000);
    let emoji = "👩‍👩‍👧‍👦".repeat(10_000);
    assert!(display_width(&truncate(&sanitize_line(&emoji), 20)) <= 20);
}

fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        Just('\u{1b}'),
        Just('['),
        Just(']'),
        Just('\u{7}'),
        Just('\\'),
        Just('\u{9b}'),
        Just('\u{9d}'),
        Just('\u{202e}'),
        Just('\u{200d}'),
        Just('\r'),
        Just('\n'),
        Just('\t'),
        Just('好'),
        Just('👩'),
        Just('\u{301}'),
        Just('đ'),
        Just('m'),
        Just('2'),
        Just(';'),
        any::<char>(),
    ]
}

proptest! {
    #[test]
    fn sanitized_text_is_clean_and_fits(chars in proptest::collection::vec(hostile_char(), 0..200), w in 1usize..60) {
        let s: String = chars.into_iter().collect();
        let line = sanitize_line(&s);
        prop_assert!(clean(&line) && !line.contains('\n'));
        let block = sanitize_block(&s);
        prop_assert!(clean(&block));
        let input = sanitize_input(&s);
        prop_assert!(!input.contains('\x1b'), "escape left in input");
        let t = truncate(&line, w);
        prop_assert!(display_width(&t) <= w);
        for l in wrap(&block, w) {
            prop_assert!(display_width(&l) <= w, "{:?} wider than {}", l, w);
        }
    }

    #[test]
    fn our_width_agrees_with_ratatui(chars in proptest::collection::vec(hostile_char(), 0..60)) {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        let s: String = chars.into_iter().collect();
        let line = truncate(&sanitize_line(&s), 40).into_owned();
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 1));
        let (x, _) = buf.set_stringn(0, 0, &line, 40, ratatui::style::Style::default());
        prop_assert_eq!(x as usize, display_width(&line));
        for cell in buf.content() {
            prop_assert!(!cell.symbol().chars().any(|c| c.is_control()));
        }
    }
}

proptest! {
    /// Folding character by character gives what decomposing the whole text
    /// (NFD) and dropping its marks gives, for any text: Vietnamese,
    /// stacked marks, Hangul, anything.
    #[test]
    fn folding_by_character_equals_folding_the_decomposed_text(s in "\\PC{0,40}", v in "[a-zA-ZàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ\u{0300}-\u{036f} ]{0,40}") {
        use unicode_normalization::UnicodeNormalization;
        use unicode_normalization::char::is_combining_mark;
        let oracle = |t: &str| -> String {
            t.nfd()
                .filter(|c| !is_combining_mark(*c))
                .map(|c| match c {
                    'đ' | 'Đ' => 'd',
                    c => c,
                })
                .flat_map(char::to_lowercase)
                .collect()
        };
        prop_assert_eq!(fold(&s), oracle(&s));
        prop_assert_eq!(fold(&v), oracle(&v));
    }
}
