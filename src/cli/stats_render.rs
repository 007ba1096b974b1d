//! The output of `pancake-tui stats` for people (a table) and machines
//! (CSV; the JSON is the model's serialization). A figure Pancake did not
//! give is written "-" in the table (its legend says so), left out of the
//! CSV and `null` in the JSON: never a zero. The figures and their human
//! units (`human_ms`) are the library's (`api::stats`); only the writing
//! for the command line is here.

use std::fmt::Write;

use crate::api::stats::{PageStats, StaffFigures, human_ms};
use crate::text::sanitize_line;

fn opt(n: Option<u64>) -> String {
    n.map_or("-".into(), |n| n.to_string())
}

/// "not given by Pancake", with the reason when there is one.
fn not_given(p: &PageStats, part: &str) -> String {
    match p.unavailable.iter().find(|(name, _)| name == part) {
        Some((_, why)) => format!("not given by Pancake: {}", sanitize_line(why)),
        None => "not given by Pancake".into(),
    }
}

/// The staff table's columns: header, and the figure of a row.
type Column = (&'static str, fn(&StaffFigures) -> String);

const STAFF_COLUMNS: [Column; 7] = [
    ("inbox", |u| opt(u.inbox_count)),
    ("comments", |u| opt(u.comment_count)),
    ("convs", |u| opt(u.conversations())),
    ("private", |u| opt(u.private_reply_count)),
    ("phones", |u| opt(u.phone_number_count)),
    ("avg reply", |u| {
        u.average_response_ms.map_or("-".into(), human_ms)
    }),
    ("engaged", |u| opt(u.total_engagement)),
];

/// The report as a table for a terminal (one page after the other).
pub fn render_table(all: &[PageStats]) -> String {
    let mut s = String::new();
    for p in all {
        let title = p
            .page_name
            .clone()
            .or(p.page_id.as_ref().map(|i| i.to_string()))
            .unwrap_or_else(|| "all pages".into());
        let _ = writeln!(s, "== {} ==", sanitize_line(&title));
        let _ = writeln!(s, "(- : not given by Pancake)");
        let t = &p.totals;
        let _ = writeln!(
            s,
            "totals: new customers {}, customer messages {} inbox / {} comments, page replies {} inbox / {} comments, phone numbers {}",
            opt(t.new_customers),
            opt(t.customer.inbox),
            opt(t.customer.comments),
            opt(t.page.inbox),
            opt(t.page.comments),
            opt(t.phone_numbers)
        );
        let _ = writeln!(s, "new customers per day:");
        if p.new_customers_per_day.is_empty() {
            let _ = writeln!(s, "  {}", not_given(p, "new customers"));
        }
        for (d, n) in &p.new_customers_per_day {
            let _ = writeln!(s, "  {d}  {n:>6}");
        }
        let _ = writeln!(s, "conversations by tag:");
        if p.by_tag.is_empty() {
            let why = if p.unavailable.iter().any(|(n, _)| n == "tags") {
                not_given(p, "tags")
            } else {
                "none tagged".into()
            };
            let _ = writeln!(s, "  {why}");
        }
        for t in &p.by_tag {
            let _ = writeln!(s, "  {:<24} {:>6}", t.name, t.count);
        }
        let mut header = format!("  {:<24}", "name");
        for (h, _) in STAFF_COLUMNS {
            let _ = write!(header, " {h:>9}");
        }
        let _ = writeln!(s, "staff:\n{header}");
        if p.staff.is_empty() {
            let _ = writeln!(s, "  {}", not_given(p, "staff"));
        }
        for u in &p.staff {
            let name = if u.name.is_empty() {
                u.user_id
                    .as_ref()
                    .map_or(String::new(), |i| sanitize_line(i.as_str()))
            } else {
                u.name.clone()
            };
            let mut row = format!("  {name:<24}");
            for (_, f) in STAFF_COLUMNS {
                let _ = write!(row, " {:>9}", f(u));
            }
            let _ = writeln!(s, "{row}");
        }
        match &p.engagement_by_hour {
            Some(h) => {
                let row: Vec<String> = h.iter().map(u64::to_string).collect();
                let _ = writeln!(s, "engagement by hour (0-23): {}", row.join(" "));
            }
            None => {
                let _ = writeln!(s, "engagement by hour: {}", not_given(p, "engagement"));
            }
        }
        for (part, why) in &p.unavailable {
            let _ = writeln!(s, "unavailable: {part}: {}", sanitize_line(why));
        }
        for (part, n) in &p.skipped_rows {
            let _ = writeln!(s, "skipped: {n} unreadable row(s) of {part}");
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
        let table = render_table(&[p]);
        assert!(table.contains("engagement by hour: not given by Pancake: refused"));
        assert!(table.contains("unavailable: engagement: refused"));
        assert!(table.contains("skipped: 1 unreadable row(s) of tags"));
        assert!(
            table.contains("new customers per day:\n  not given by Pancake\n"),
            "{table}"
        );
        let mai = table.lines().find(|l| l.contains("Mai")).unwrap();
        assert!(mai.contains("1m35s") && mai.contains(" 4 "), "{mai}");
        assert_eq!(human_duration(7260), "2h01m");
    }
}
