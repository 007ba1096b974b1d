//! The decoders against the fixtures of real shapes and hostile rows.

use super::*;

const PAGES: &str = include_str!("../../../../tests/fixtures/stats_pages.json");
const TAGS: &str = include_str!("../../../../tests/fixtures/stats_tags.json");
const USERS: &str = include_str!("../../../../tests/fixtures/stats_users.json");
const ENGAGEMENTS: &str =
    include_str!("../../../../tests/fixtures/stats_customer_engagements.json");
const NEW_CUSTOMERS: &str = include_str!("../../../../tests/fixtures/stats_page_customers.json");

fn tz7() -> TimeZone {
    TimeZone::fixed(jiff::tz::offset(7))
}

fn dt(s: &str) -> DateTime {
    s.parse().unwrap()
}

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn a_day_bucket_is_the_local_day_whose_midnight_it_writes_in_utc() {
    // UTC+7: midnight is 17:00 UTC the day before.
    assert_eq!(
        bucket_local_day(dt("2026-11-19T17:00:00")),
        Some(day("2026-11-20"))
    );
    // UTC+8, as in the reference's example.
    assert_eq!(
        bucket_local_day(dt("2020-08-12T16:00:00")),
        Some(day("2020-08-13"))
    );
    // UTC−5: 05:00 UTC the same day.
    assert_eq!(
        bucket_local_day(dt("2026-11-20T05:00:00")),
        Some(day("2026-11-20"))
    );
    // UTC: midnight itself.
    assert_eq!(
        bucket_local_day(dt("2026-11-20T00:00:00")),
        Some(day("2026-11-20"))
    );
    // Half and three-quarter hours: India, Newfoundland, Nepal.
    assert_eq!(
        bucket_local_day(dt("2026-11-19T18:30:00")),
        Some(day("2026-11-20"))
    );
    assert_eq!(
        bucket_local_day(dt("2026-11-20T03:30:00")),
        Some(day("2026-11-20"))
    );
    assert_eq!(
        bucket_local_day(dt("2026-11-19T18:15:00")),
        Some(day("2026-11-20"))
    );
    // UTC+12 (New Zealand's standard time).
    assert_eq!(
        bucket_local_day(dt("2026-11-19T12:00:00")),
        Some(day("2026-11-20"))
    );
    // The forms a `date` may take.
    assert_eq!(
        day_of_bucket("2026-11-19T17:00:00Z"),
        Some(day("2026-11-20"))
    );
    assert_eq!(
        day_of_bucket("2026-11-19T17:00:00.000000"),
        Some(day("2026-11-20"))
    );
    assert_eq!(day_of_bucket("2026-11-20"), Some(day("2026-11-20")));
    assert_eq!(day_of_bucket("yesterday"), None);
}

#[test]
fn page_rows_are_summed_and_an_odd_row_is_skipped_and_counted() {
    let t = decode_page_totals(PAGES.as_bytes()).unwrap();
    // The fixture's three readable rows: 2+1+0, 5+3+0, ... (see the file).
    assert_eq!(t.skipped, 1);
    assert_eq!(t.value.new_customers, Some(3));
    assert_eq!(t.value.customer.inbox, Some(12));
    assert_eq!(t.value.customer.comments, Some(4));
    assert_eq!(t.value.page.inbox, Some(10));
    assert_eq!(t.value.page.comments, Some(2));
    assert_eq!(t.value.phone_numbers, Some(2));
    // Missing fields stay missing.
    let t = decode_page_totals(
        br#"{"success":true,"data":[{"hour":"2026-11-20T01:00:00","new_customer_count":"4"}]}"#,
    )
    .unwrap();
    assert_eq!(t.value.new_customers, Some(4));
    assert_eq!(t.value.page.inbox, None);
    assert!(decode_page_totals(b"<html>").is_err());
    let e = decode_page_totals(br#"{"success":true,"data":"not a list"}"#).unwrap_err();
    assert!(e.to_string().contains("a string, not a list"), "{e}");
}

#[test]
fn totals_are_written_flat_under_the_names_the_csv_uses() {
    let t = decode_page_totals(
        br#"{"data":{"new_customer_count":9,"customer_inbox_count":140,
            "customer_comment_count":12,"page_inbox_count":120,"phone_number_count":4}}"#,
    )
    .unwrap()
    .value;
    assert_eq!(
        serde_json::to_value(&t).unwrap(),
        serde_json::json!({
            "new_customers": 9, "customer_inbox": 140, "customer_comment": 12,
            "page_inbox": 120, "page_comment": null, "phone_numbers": 4
        })
    );
}

#[test]
fn tags_sum_their_series_keyed_by_id_or_text() {
    let t = decode_tag_stats(TAGS.as_bytes()).unwrap();
    let got: Vec<(&str, Option<&str>, u64)> = t
        .value
        .iter()
        .map(|t| {
            (
                t.name.as_str(),
                t.tag_id.as_ref().map(|i| i.as_str()),
                t.count,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // Keyed by id 11: 3 + 0 + 4 + 2.
            ("Đã chốt đơn", Some("11"), 9),
            // Keyed by its text: 1 + 1 + 0 + 3.
            ("Hỏi giá", Some("12"), 5),
            // A key the tag list does not know stands as its own name.
            ("Khác", None, 1),
        ]
    );
    // "14" sums to 0 (left out); "15" is not a list (skipped, counted).
    assert_eq!(t.skipped, 1);
    let e = decode_tag_stats(br#"{"data":{"series":[1,2]}}"#).unwrap_err();
    assert!(e.to_string().contains("not an object"), "{e}");
}

#[test]
fn staff_figures_come_from_data_users_with_the_response_time_in_ms() {
    let c = decode_user_stats(USERS.as_bytes()).unwrap();
    assert_eq!(c.skipped, 1, "the row that is a string");
    let mut s = c.value;
    s.sort_by(|a, b| a.user_id.cmp(&b.user_id));
    assert_eq!(s.len(), 2);
    let a = &s[0];
    assert_eq!(a.user_id, Some(UserId::new("u-0001")));
    assert_eq!(a.name, "Trần Thị Mai");
    assert_eq!(
        (
            a.inbox_count,
            a.comment_count,
            a.unique_inbox_count,
            a.unique_comment_count
        ),
        (Some(42), Some(7), Some(15), Some(5))
    );
    assert_eq!(
        (
            a.private_reply_count,
            a.phone_number_count,
            a.average_response_ms
        ),
        (Some(2), Some(3), Some(95_500))
    );
    let b = &s[1];
    assert_eq!(b.name, "Lê Văn Bình");
    assert_eq!(b.average_response_ms, None, "not given, not zero");
    assert_eq!(b.inbox_count, Some(3));
}

#[test]
fn several_pages_keyed_by_page_or_named_in_the_rows() {
    let multi = decode_user_stats_pages(
        br#"{"success":true,"data":{
            "p1":{"statistics":{},"users":{"u1":{"user_name":"A","inbox_count":2}}},
            "p2":{"statistics":{},"users":{"u9":{"user_name":"B"}}},
            "p3":"odd"}}"#,
    )
    .unwrap();
    assert_eq!(multi.value.len(), 2);
    assert_eq!(multi.skipped, 1);
    assert_eq!(multi.value[1].page_id, Some(PageId::new("p2")));
    let flat =
        decode_user_stats_pages(br#"{"data":{"users":{"u1":{"user_name":"A","page_id":"p1"}}}}"#)
            .unwrap();
    assert_eq!(flat.value[0].page_id, Some(PageId::new("p1")));
}

#[test]
fn engagement_by_hour_is_the_top_level_statistics_in_local_hours() {
    let c = decode_engagement(ENGAGEMENTS.as_bytes(), &tz7()).unwrap();
    let h = c.value.by_hour.unwrap();
    // 02:00Z = 09:00 at +07:00: 4 + 2 (two days); 14:00Z = 21:00: 3;
    // 17:00Z = 00:00: inbox 1 + comment 1 (no total).
    assert_eq!((h[9], h[21], h[0]), (6, 3, 2));
    assert_eq!(
        h.iter().sum::<u64>(),
        11,
        "the `data` series are not counted"
    );
    assert_eq!(c.skipped, 1, "the row without an hour");
    let u = &c.value.users;
    assert_eq!(u.len(), 2);
    assert_eq!(u[0].user_id, Some(UserId::new("u-0001")));
    assert_eq!(
        (
            u[0].total_engagement,
            u[0].new_customer_replied_count,
            u[0].order_count
        ),
        (Some(12), Some(4), Some(1))
    );
    // Hourly rows under `data` only: none at the top level is unreadable.
    assert!(decode_engagement(br#"{"data":{"statistics":[]}}"#, &tz7()).is_err());
    let none = decode_engagement(br#"{"data":{},"statistics":[]}"#, &tz7()).unwrap();
    assert_eq!(none.value.by_hour, None, "nothing, not 24 zeros");
}

#[test]
fn new_customers_per_local_day_from_the_utc_buckets() {
    let c = decode_new_customers(NEW_CUSTOMERS.as_bytes()).unwrap();
    assert_eq!(
        c.value,
        vec![
            (day("2026-11-18"), 3),
            (day("2026-11-19"), 0),
            (day("2026-11-20"), 5),
        ]
    );
    assert_eq!(c.skipped, 1, "the bucket without a date");
    assert!(decode_new_customers(br#"{"data":{"customers":[]}}"#).is_err());
}
