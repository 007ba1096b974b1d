//! Times and dates as the agent reads them, in the interface's language:
//! list ages, due times, message headers, the customer panel's dates.
//! English keeps its forms (`5m`, `Tue 02 Dec 09:00`, `2027-01-15 14:58`);
//! Vietnamese writes day before month (`02/12`, `15/01/2027`), a 24-hour
//! clock and weekdays as a Vietnamese calendar does (`T2`..`T7`, `CN`),
//! from the catalog (`assets/i18n/*/time.ftl`), never jiff's English names.
//!
//! What machines read (filter expressions in `app/filter/`, logs, files)
//! does not come from here: it stays [`UnixSeconds::format_in`] in UTC.

use jiff::tz::TimeZone;

use crate::api::{Age, UnixSeconds};
use crate::i18n::{Lang, tr, tr_with};

/// A list row's age, at most 3 columns (the list's age column, `ui/list.rs`,
/// is `{age:>3}`): `now`, `5m`, `3h`, `2d`, `7w`, `1y` in English.
///
/// Vietnamese: `mới` (just now), `5p` (phút: "5p" is how Vietnamese chat
/// writes five minutes), `3h` (giờ: "3h trước" is the usual short form of
/// three hours ago), `2ng` (ngày), `7t` (tuần), `1n` (năm): the unit's
/// first letters, as short as the column. Days take `ng` so that `n`
/// alone is the year; months are not used, so `t` is only the week.
pub fn age(t: UnixSeconds, now: UnixSeconds, lang: Lang) -> String {
    let (id, n) = match t.age(now) {
        Age::Now => return tr(lang, "time-age-now"),
        Age::Minutes(n) => ("time-age-minutes", n),
        Age::Hours(n) => ("time-age-hours", n),
        Age::Days(n) => ("time-age-days", n),
        Age::Weeks(n) => ("time-age-weeks", n),
        Age::Years(n) => ("time-age-years", n),
    };
    tr_with(lang, id, &[("n", n.into())])
}

/// A weekday's short name from the catalog: `Mon`, `T2`, `CN`.
pub fn weekday(wd: jiff::civil::Weekday, lang: Lang) -> String {
    use jiff::civil::Weekday::*;
    let id = match wd {
        Monday => "time-weekday-mon",
        Tuesday => "time-weekday-tue",
        Wednesday => "time-weekday-wed",
        Thursday => "time-weekday-thu",
        Friday => "time-weekday-fri",
        Saturday => "time-weekday-sat",
        Sunday => "time-weekday-sun",
    };
    tr(lang, id)
}

/// `t` in `tz`, `None` when out of jiff's range.
fn zoned(t: UnixSeconds, tz: &TimeZone) -> Option<jiff::Zoned> {
    Some(jiff::Timestamp::from_second(t.0).ok()?.to_zoned(tz.clone()))
}

/// A due time: `Tue 02 Dec 09:00`, `T3 02/12 09:00`; `?` out of range.
pub fn due(t: UnixSeconds, tz: &TimeZone, lang: Lang) -> String {
    let Some(z) = zoned(t, tz) else {
        return "?".into();
    };
    let rest = match lang {
        Lang::En => z.strftime("%d %b %H:%M"),
        Lang::Vi => z.strftime("%d/%m %H:%M"),
    };
    format!("{} {rest}", weekday(z.weekday(), lang))
}

/// A message header's time: `2027-01-15 14:58`, `15/01/2027 14:58`.
pub fn stamp(t: UnixSeconds, tz: &TimeZone, lang: Lang) -> String {
    match lang {
        Lang::En => t.format_in(tz),
        Lang::Vi => t.local(tz, "%d/%m/%Y %H:%M").unwrap_or_else(|| "?".into()),
    }
}

/// A date: `2027-01-15`, `15/01/2027`.
pub fn date(t: UnixSeconds, tz: &TimeZone, lang: Lang) -> String {
    let format = match lang {
        Lang::En => "%Y-%m-%d",
        Lang::Vi => "%d/%m/%Y",
    };
    t.local(tz, format).unwrap_or_default()
}

/// A date and time in a narrow panel: `01-15 14:58`, `15/01 14:58`.
pub fn short(t: UnixSeconds, tz: &TimeZone, lang: Lang) -> String {
    let format = match lang {
        Lang::En => "%m-%d %H:%M",
        Lang::Vi => "%d/%m %H:%M",
    };
    t.local(tz, format).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Friday 15 Jan 2027 08:00 UTC.
    const NOW: UnixSeconds = UnixSeconds(1_800_000_000);

    fn ago(secs: i64) -> UnixSeconds {
        UnixSeconds(NOW.0 - secs)
    }

    #[test]
    fn ages_in_both_languages_fit_three_columns() {
        let cases = [
            (30, "now", "mới"),
            (300, "5m", "5p"),
            (59 * 60, "59m", "59p"),
            (7200, "2h", "2h"),
            (23 * 3600, "23h", "23h"),
            (3 * 86_400, "3d", "3ng"),
            (6 * 86_400, "6d", "6ng"),
            (3 * 604_800, "3w", "3t"),
            (52 * 604_800, "52w", "52t"),
            (2 * 31_536_000, "2y", "2n"),
            (12 * 31_536_000, "12y", "12n"),
        ];
        for (secs, en, vi) in cases {
            assert_eq!(age(ago(secs), NOW, Lang::En), en);
            assert_eq!(age(ago(secs), NOW, Lang::En), ago(secs).relative_to(NOW));
            assert_eq!(age(ago(secs), NOW, Lang::Vi), vi);
            assert!(crate::text::display_width(vi) <= 3, "{vi}");
        }
    }

    #[test]
    fn due_times_name_the_weekday_from_the_catalog() {
        let tz = TimeZone::fixed(jiff::tz::offset(7));
        // Friday 15 Jan 2027 15:00 in UTC+7.
        assert_eq!(due(NOW, &tz, Lang::En), "Fri 15 Jan 15:00");
        assert_eq!(due(NOW, &tz, Lang::Vi), "T6 15/01 15:00");
        let days: Vec<String> = (0..7)
            .map(|d| due(UnixSeconds(NOW.0 + d * 86_400), &tz, Lang::Vi))
            .map(|s| s.split(' ').next().unwrap_or_default().to_owned())
            .collect();
        assert_eq!(days, ["T6", "T7", "CN", "T2", "T3", "T4", "T5"]);
        let days: Vec<String> = (0..7)
            .map(|d| due(UnixSeconds(NOW.0 + d * 86_400), &tz, Lang::En))
            .map(|s| s.split(' ').next().unwrap_or_default().to_owned())
            .collect();
        assert_eq!(days, ["Fri", "Sat", "Sun", "Mon", "Tue", "Wed", "Thu"]);
        assert_eq!(due(UnixSeconds(i64::MAX), &tz, Lang::Vi), "?");
    }

    #[test]
    fn headers_and_panels_write_the_date_as_each_language_does() {
        let tz = TimeZone::fixed(jiff::tz::offset(7));
        assert_eq!(stamp(NOW, &tz, Lang::En), "2027-01-15 15:00");
        assert_eq!(stamp(NOW, &tz, Lang::Vi), "15/01/2027 15:00");
        assert_eq!(short(NOW, &tz, Lang::En), "01-15 15:00");
        assert_eq!(short(NOW, &tz, Lang::Vi), "15/01 15:00");
        assert_eq!(date(NOW, &tz, Lang::En), "2027-01-15");
        assert_eq!(date(NOW, &tz, Lang::Vi), "15/01/2027");
    }
}
