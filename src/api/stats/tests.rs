use super::*;

fn tz7() -> TimeZone {
    TimeZone::fixed(jiff::tz::offset(7))
}

#[test]
fn date_ranges_are_written_and_read_in_the_documented_form() {
    // 2021-07-27 00:00:00 +07:00
    let p = Period {
        since: UnixSeconds(1_627_318_800),
        until: UnixSeconds(1_627_318_800 + 30 * 86_400 + 86_399),
        tz: tz7(),
    };
    assert_eq!(p.date_range(), "27/07/2021 00:00:00 - 26/08/2021 23:59:59");
    assert_eq!(p.date_range_days(), "27/07/2021 - 26/08/2021");
    let (a, b) = parse_date_range(&p.date_range()).unwrap();
    assert_eq!(a.to_string(), "2021-07-27T00:00:00");
    assert_eq!(b.to_string(), "2021-08-26T23:59:59");
    let (a, b) = parse_date_range("20/07/2020 - 20/08/2020").unwrap();
    assert_eq!((a.hour(), b.hour(), b.second()), (0, 23, 59));
    assert!(parse_date_range("2020-07-20").is_none());
    assert_eq!(p.days().len(), 31);
}

#[test]
fn since_takes_spans_and_days() {
    let now = UnixSeconds(1_627_318_800 + 86_400);
    assert_eq!(
        parse_since("7d", now, &tz7()),
        Ok(UnixSeconds(now.0 - 7 * 86_400))
    );
    assert_eq!(
        parse_since("24h", now, &tz7()),
        Ok(UnixSeconds(now.0 - 86_400))
    );
    assert_eq!(
        parse_since("2021-07-27", now, &tz7()),
        Ok(UnixSeconds(1_627_318_800))
    );
    assert!(
        parse_since("2031-01-01", now, &tz7())
            .unwrap_err()
            .contains("not begun")
    );
    assert!(
        parse_since("soon", now, &tz7())
            .unwrap_err()
            .contains("say 24h")
    );
    assert!(parse_since("0d", now, &tz7()).is_err());
}
