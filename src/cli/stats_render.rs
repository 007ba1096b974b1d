//! The output of `pancake-tui stats` for people (a table) and machines
//! (CSV; the JSON is the model's serialization). A figure Pancake did not
//! give is written "-" in the table (its legend says so), left out of the
//! CSV and `null` in the JSON: never a zero. The figures and their human
//! units (`human_ms`) are the library's (`api::stats`); only the writing
//! for the command line is here. The table is in the agent's language
//! (`assets/i18n/*/stats.ftl`); the CSV's and the JSON's keys and field
//! names are for machines and stay English whatever the language.

use std::fmt::Write;

use crate::api::stats::{PageStats, StaffFigures};
use crate::app::stats::{figure, not_given, part_name, reply_time};
use crate::i18n::{Lang, number, tr, tr_with};
use crate::text::{display_width, sanitize_line};

/// A row's figure in a column, in a language.
type Figure = fn(&StaffFigures, Lang) -> String;

/// The staff table's columns: the head's message id, and the figure.
type Column = (&'static str, Figure);

const STAFF_COLUMNS: [Column; 7] = [
    ("stats-col-inbox", |u, l| figure(l, u.inbox_count)),
    ("stats-col-comments", |u, l| figure(l, u.comment_count)),
    ("stats-col-convs", |u, l| figure(l, u.conversations())),
    ("stats-col-private", |u, l| figure(l, u.private_reply_count)),
    ("stats-col-phones", |u, l| figure(l, u.phone_number_count)),
    ("stats-col-avg-reply", |u, l| {
        u.average_response_ms
            .map_or("-".into(), |ms| reply_time(l, ms))
    }),
    ("stats-col-engaged", |u, l| figure(l, u.total_engagement)),
];

/// `text` padded to `width` columns on the right (`Left`) or the left.
fn pad(text: &str, width: usize, left: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(display_width(text)));
    if left {
        format!("{text}{fill}")
    } else {
        format!("{fill}{text}")
    }
}

/// The report as a table for a terminal (one page after the other), in
/// `lang`: its words from the catalog, numbers grouped (`1,234`, `1.234`),
/// days as `2027-01-08` in English and `08/01/2027` in Vietnamese.
pub fn render_table(all: &[PageStats], lang: Lang) -> String {
    let mut s = String::new();
    let n = |v: Option<u64>| figure(lang, v);
    // Each column as wide as its head, 9 at least.
    let columns: Vec<(String, usize, Figure)> = STAFF_COLUMNS
        .iter()
        .map(|(id, f)| {
            let head = tr(lang, id);
            let width = display_width(&head).max(9);
            (head, width, *f)
        })
        .collect();
    for p in all {
        let title = p
            .page_name
            .clone()
            .or(p.page_id.as_ref().map(|i| i.to_string()))
            .unwrap_or_else(|| tr(lang, "stats-cli-all-pages"));
        let _ = writeln!(s, "== {} ==", sanitize_line(&title));
        let _ = writeln!(s, "{}", tr(lang, "stats-cli-legend"));
        let t = &p.totals;
        let _ = writeln!(
            s,
            "{}",
            tr_with(
                lang,
                "stats-cli-totals",
                &[
                    ("new", n(t.new_customers).into()),
                    ("customer-inbox", n(t.customer.inbox).into()),
                    ("customer-comments", n(t.customer.comments).into()),
                    ("page-inbox", n(t.page.inbox).into()),
                    ("page-comments", n(t.page.comments).into()),
                    ("phones", n(t.phone_numbers).into()),
                ],
            )
        );
        let _ = writeln!(s, "{}", tr(lang, "stats-cli-new-customers"));
        if p.new_customers_per_day.is_empty() {
            let _ = writeln!(s, "  {}", not_given(lang, p, "new customers"));
        }
        for (d, count) in &p.new_customers_per_day {
            let day = match lang {
                Lang::En => d.to_string(),
                Lang::Vi => d.strftime("%d/%m/%Y").to_string(),
            };
            let _ = writeln!(s, "  {day}  {:>6}", number(lang, *count));
        }
        let _ = writeln!(s, "{}", tr(lang, "stats-cli-tags"));
        if p.by_tag.is_empty() {
            let why = if p.unavailable.iter().any(|(n, _)| n == "tags") {
                not_given(lang, p, "tags")
            } else {
                tr(lang, "stats-cli-none-tagged")
            };
            let _ = writeln!(s, "  {why}");
        }
        for t in &p.by_tag {
            let _ = writeln!(
                s,
                "  {} {:>6}",
                pad(&sanitize_line(&t.name), 24, true),
                number(lang, t.count)
            );
        }
        let mut header = format!("  {}", pad(&tr(lang, "stats-col-name"), 24, true));
        for (h, width, _) in &columns {
            let _ = write!(header, " {}", pad(h, *width, false));
        }
        let _ = writeln!(s, "{}\n{header}", tr(lang, "stats-cli-staff"));
        if p.staff.is_empty() {
            let _ = writeln!(s, "  {}", not_given(lang, p, "staff"));
        }
        for u in &p.staff {
            let name = if u.name.is_empty() {
                u.user_id
                    .as_ref()
                    .map_or(String::new(), |i| sanitize_line(i.as_str()))
            } else {
                u.name.clone()
            };
            let mut row = format!("  {}", pad(&name, 24, true));
            for (_, width, f) in &columns {
                let _ = write!(row, " {}", pad(&f(u, lang), *width, false));
            }
            let _ = writeln!(s, "{row}");
        }
        match &p.engagement_by_hour {
            Some(h) => {
                let row: Vec<String> = h.iter().map(|c| number(lang, *c)).collect();
                let counts = row.join(" ");
                let _ = writeln!(
                    s,
                    "{}",
                    tr_with(lang, "stats-cli-hours", &[("counts", counts.into())])
                );
            }
            None => {
                let why = not_given(lang, p, "engagement");
                let _ = writeln!(
                    s,
                    "{}",
                    tr_with(lang, "stats-cli-hours-missing", &[("why", why.into())])
                );
            }
        }
        for (part, why) in &p.unavailable {
            let _ = writeln!(
                s,
                "{}",
                tr_with(
                    lang,
                    "stats-cli-unavailable",
                    &[
                        ("part", part_name(lang, part).into()),
                        ("why", sanitize_line(why).into()),
                    ],
                )
            );
        }
        for (part, count) in &p.skipped_rows {
            let _ = writeln!(
                s,
                "{}",
                tr_with(
                    lang,
                    "stats-cli-skipped",
                    &[
                        ("count", (*count).into()),
                        ("part", part_name(lang, part).into()),
                    ],
                )
            );
        }
        s.push('\n');
    }
    s
}

/// One CSV cell from text that may have come from the API: sanitized (no
/// control characters or escapes), neutralised for spreadsheets (a cell
/// starting with `=`, `+`, `-`, `@` or a tab would be read as a formula:
/// it gets a leading `'`), quoted when it holds a separator or a quote.
fn csv_field(s: &str) -> String {
    let clean = crate::text::sanitize_line(s);
    let clean = if clean.starts_with(['=', '+', '-', '@', '\t']) {
        format!("'{clean}")
    } else {
        clean
    };
    if clean.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", clean.replace('"', "\"\""))
    } else {
        clean
    }
}

/// The staff metrics of the CSV, named after Pancake's fields
/// (`average_response_ms`: Pancake's `average_response_time`, milliseconds).
pub fn staff_metrics(u: &StaffFigures) -> [(&'static str, Option<u64>); 10] {
    [
        ("inbox_count", u.inbox_count),
        ("comment_count", u.comment_count),
        ("unique_inbox_count", u.unique_inbox_count),
        ("unique_comment_count", u.unique_comment_count),
        ("private_reply_count", u.private_reply_count),
        ("phone_number_count", u.phone_number_count),
        ("average_response_ms", u.average_response_ms),
        ("total_engagement", u.total_engagement),
        ("new_customer_replied_count", u.new_customer_replied_count),
        ("order_count", u.order_count),
    ]
}

/// The report as CSV: `page,section,key,metric,value`, one figure a line (a
/// figure Pancake did not give has no line).
pub fn render_csv(all: &[PageStats]) -> String {
    let mut s = String::from("page,section,key,metric,value\n");
    let mut line = |page: &str, section: &str, key: &str, metric: &str, value: String| {
        s.push_str(&format!(
            "{},{},{},{},{}\n",
            csv_field(page),
            section,
            csv_field(key),
            metric,
            value
        ));
    };
    for p in all {
        let page = p
            .page_id
            .as_ref()
            .map(|i| i.to_string())
            .unwrap_or_default();
        for (metric, v) in p.totals.figures() {
            if let Some(v) = v {
                line(&page, "totals", "", metric, v.to_string());
            }
        }
        for (d, n) in &p.new_customers_per_day {
            line(
                &page,
                "new_customers",
                &d.to_string(),
                "count",
                n.to_string(),
            );
        }
        for t in &p.by_tag {
            line(&page, "tags", &t.name, "count", t.count.to_string());
        }
        for u in &p.staff {
            let page = u
                .page_id
                .as_ref()
                .map(|i| i.to_string())
                .unwrap_or(page.clone());
            for (metric, v) in staff_metrics(u) {
                if let Some(v) = v {
                    line(&page, "staff", &u.name, metric, v.to_string());
                }
            }
        }
        if let Some(h) = &p.engagement_by_hour {
            for (i, n) in h.iter().enumerate() {
                line(&page, "engagement", &i.to_string(), "count", n.to_string());
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::PageId;
    use crate::api::stats::{TagCount, human_duration};

    /// Ids and names from the API never reach a spreadsheet as formulas
    /// or a terminal as escapes.
    #[test]
    fn csv_cells_from_the_api_are_sanitized_and_never_formulas() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+84 90"), "'+84 90");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("Bánh, kem"), "\"Bánh, kem\"");
        let hostile = csv_field("\u{1b}]0;pwned\u{7}=1+2");
        assert!(
            !hostile.contains('\u{1b}') && !hostile.contains('\u{7}'),
            "{hostile:?}"
        );
        let p = PageStats {
            page_id: Some(PageId::new("=cmd|' /C calc'!A0")),
            by_tag: vec![TagCount {
                tag_id: None,
                name: "@evil".into(),
                count: 2,
            }],
            ..PageStats::default()
        };
        let csv = render_csv(&[p]);
        for line in csv.lines().skip(1) {
            for cell in line.split(',') {
                let cell = cell.trim_start_matches('"');
                assert!(!cell.starts_with(['=', '+', '-', '@']), "{line}");
            }
        }
    }

    #[test]
    fn csv_quotes_names_and_the_table_says_what_is_missing() {
        let p = PageStats {
            page_id: Some(PageId::new("p1")),
            by_tag: vec![TagCount {
                tag_id: None,
                name: "a, \"b\"".into(),
                count: 2,
            }],
            staff: vec![StaffFigures {
                name: "Mai".into(),
                inbox_count: Some(4),
                average_response_ms: Some(95_500),
                ..StaffFigures::default()
            }],
            unavailable: vec![("engagement".into(), "refused".into())],
            skipped_rows: vec![("tags".into(), 1)],
            ..Default::default()
        };
        let csv = render_csv(std::slice::from_ref(&p));
        assert!(csv.contains("p1,tags,\"a, \"\"b\"\"\",count,2"), "{csv}");
        assert!(
            csv.contains("p1,staff,Mai,average_response_ms,95500"),
            "{csv}"
        );
        assert!(!csv.contains("comment_count"), "not given: no line\n{csv}");
        let table = render_table(std::slice::from_ref(&p), Lang::En);
        assert!(table.contains("engagement by hour: not given by Pancake: refused"));
        assert!(table.contains("unavailable: engagement: refused"));
        assert!(
            table.contains("skipped: 1 unreadable row of tags"),
            "{table}"
        );
        assert!(
            table.contains("new customers per day:\n  not given by Pancake\n"),
            "{table}"
        );
        let mai = table.lines().find(|l| l.contains("Mai")).unwrap();
        assert!(mai.contains("1m35s") && mai.contains(" 4 "), "{mai}");
        assert_eq!(human_duration(7260), "2h01m");
    }

    /// The table in Vietnamese: its words from the catalog, numbers
    /// grouped with dots, days as dd/mm/yyyy, the columns still lined up;
    /// the CSV the same in every language.
    #[test]
    fn the_table_in_vietnamese_groups_numbers_with_dots() {
        let p = PageStats {
            page_id: Some(PageId::new("p1")),
            page_name: Some("Bánh Mì Cô Ba".into()),
            totals: crate::api::stats::PageTotals {
                new_customers: Some(1234),
                phone_numbers: Some(56),
                ..Default::default()
            },
            new_customers_per_day: vec![(jiff::civil::date(2027, 1, 8), 1234)],
            by_tag: vec![TagCount {
                tag_id: None,
                name: "Đặt hàng".into(),
                count: 12_500,
            }],
            staff: vec![StaffFigures {
                name: "Mai".into(),
                inbox_count: Some(4321),
                average_response_ms: Some(9_500),
                ..StaffFigures::default()
            }],
            unavailable: vec![("engagement".into(), "refused".into())],
            skipped_rows: vec![("tags".into(), 1)],
            ..Default::default()
        };
        let table = render_table(std::slice::from_ref(&p), Lang::Vi);
        for want in [
            "== Bánh Mì Cô Ba ==",
            "(- : Pancake không cung cấp)",
            "tổng: khách mới 1.234, khách gửi - tin nhắn / - bình luận",
            "số điện thoại 56",
            "khách mới theo ngày:\n  08/01/2027   1.234\n",
            "cuộc trò chuyện theo nhãn:\n  Đặt hàng                 12.500\n",
            "tương tác theo giờ: Pancake không cung cấp: refused",
            "thiếu tương tác: refused",
            "bỏ qua 1 dòng nhãn không đọc được",
        ] {
            assert!(table.contains(want), "{want}\n{table}");
        }
        let head = table.lines().find(|l| l.contains("TG phản hồi")).unwrap();
        let mai = table.lines().find(|l| l.contains("Mai")).unwrap();
        assert!(head.starts_with("  tên "), "{head}");
        assert!(mai.contains(" 4.321 ") && mai.contains(" 9,5s "), "{mai}");
        // Each figure ends under the end of its head.
        let ends =
            |l: &str, word: &str| display_width(&l[..l.find(word).unwrap()]) + display_width(word);
        assert_eq!(ends(head, "tin nhắn"), ends(mai, "4.321"), "{table}");
        assert_eq!(ends(head, "TG phản hồi"), ends(mai, "9,5s"), "{table}");
        // The English table keeps its words, its numbers grouped with commas.
        let en = render_table(std::slice::from_ref(&p), Lang::En);
        assert!(en.contains("totals: new customers 1,234, customer messages - inbox"));
        assert!(en.contains("  2027-01-08   1,234\n"), "{en}");
        assert!(
            !render_csv(&[p]).contains("1.234"),
            "the CSV is for machines"
        );
    }
}
