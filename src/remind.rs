//! "Remind me": when a snoozed conversation comes back, read from what an
//! agent types (pure: a given now and zone in, a due instant or an error
//! for people out). Kept with [`crate::store::Store::reminder_set`].
//!
//! Forms (case and extra spaces ignored):
//! - a delay: `in 1h`, `2h`, `30m`, `1h30m`, `in 2 hours`, `90 min`, `1d`;
//! - a time today, else tomorrow when it has passed: `18:00`, `18h30`,
//!   `9`, `9am`, `6:30pm` (`18h` alone is a delay, like `2h`);
//! - `tomorrow` (9:00), `tomorrow 9`, `tomorrow 18:30`;
//! - `this evening` / `tonight`: today 18:00 (an error once it is past);
//! - a weekday, its next occurrence (today if the time is still ahead):
//!   `mon 9`, `monday 14:30`, `thu` (9:00); `next monday` is always in the
//!   coming week, never today.

use jiff::civil::{Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan, Zoned};

/// Where a day's reminder lands without a time.
pub const MORNING: (i8, i8) = (9, 0);
/// "This evening".
pub const EVENING: (i8, i8) = (18, 0);
/// The furthest ahead a reminder may be.
pub const MAX_DAYS: i64 = 365;

pub const EXAMPLES: &str = "in 1h, 30m, 18:00, tomorrow 9:00, this evening, next monday, mon 9";

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    #[error("say when, e.g. {EXAMPLES}")]
    Empty,
    #[error("cannot read \"{0}\" as a time: try {EXAMPLES}")]
    Unreadable(String),
    #[error("{0} is not a time of day (00:00 to 23:59)")]
    BadTime(String),
    #[error("a reminder must be in the future")]
    NotAhead,
    #[error("this evening ({}:{:02}) has passed: say a time, e.g. in 1h or tomorrow 18:00", EVENING.0, EVENING.1)]
    EveningPassed,
    #[error("at most {MAX_DAYS} days ahead")]
    TooFar,
}

/// The instant `input` names, seen at `now` in `tz`.
pub fn parse_when(input: &str, now: Timestamp, tz: &TimeZone) -> Result<Timestamp, WhenError> {
    let now = now.to_zoned(tz.clone());
    let text = input.trim().to_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Err(WhenError::Empty);
    }
    let unreadable = || WhenError::Unreadable(crate::text::sanitize_line(input.trim()));
    let due = match words.as_slice() {
        ["in", rest @ ..] if !rest.is_empty() => delay(&rest.concat())
            .ok_or_else(unreadable)
            .and_then(|secs| after(&now, secs))?,
        ["this", "evening"] | ["tonight"] => {
            let at = at_day(&now, 0, EVENING)?;
            if at <= now.timestamp() {
                return Err(WhenError::EveningPassed);
            }
            at
        }
        ["tomorrow"] => at_day(&now, 1, MORNING)?,
        ["tomorrow", t @ ..] => at_day(&now, 1, time_of_day(&t.concat())?.ok_or_else(unreadable)?)?,
        ["next", day, t @ ..] => {
            let wd = weekday(day).ok_or_else(unreadable)?;
            let time = match t {
                [] => MORNING,
                t => time_of_day(&t.concat())?.ok_or_else(unreadable)?,
            };
            let ahead = days_until(now.weekday(), wd);
            at_day(&now, if ahead == 0 { 7 } else { ahead }, time)?
        }
        [day, t @ ..] if weekday(day).is_some() => {
            let wd = weekday(day).ok_or_else(unreadable)?;
            let time = match t {
                [] => MORNING,
                t => time_of_day(&t.concat())?.ok_or_else(unreadable)?,
            };
            let ahead = days_until(now.weekday(), wd);
            let at = at_day(&now, ahead, time)?;
            if at <= now.timestamp() {
                at_day(&now, ahead + 7, time)?
            } else {
                at
            }
        }
        _ => {
            let joined = words.concat();
            if let Some(secs) = delay(&joined) {
                after(&now, secs)?
            } else if let Some(time) = time_of_day(&joined)? {
                let at = at_day(&now, 0, time)?;
                if at <= now.timestamp() {
                    at_day(&now, 1, time)?
                } else {
                    at
                }
            } else {
                return Err(unreadable());
            }
        }
    };
    if due <= now.timestamp() {
        return Err(WhenError::NotAhead);
    }
    if due.as_second() - now.timestamp().as_second() > MAX_DAYS * 86_400 {
        return Err(WhenError::TooFar);
    }
    Ok(due)
}

fn after(now: &Zoned, secs: i64) -> Result<Timestamp, WhenError> {
    if secs <= 0 {
        return Err(WhenError::NotAhead);
    }
    if secs > MAX_DAYS * 86_400 {
        return Err(WhenError::TooFar);
    }
    now.timestamp()
        .checked_add(secs.seconds())
        .map_err(|_| WhenError::TooFar)
}

/// `days` after today at `(h, m)` local time (a time skipped by a clock
/// change resolves to the later side, as jiff does by default).
fn at_day(now: &Zoned, days: i64, (h, m): (i8, i8)) -> Result<Timestamp, WhenError> {
    let date = now
        .date()
        .checked_add(days.days())
        .map_err(|_| WhenError::TooFar)?;
    let t = Time::new(h, m, 0, 0).map_err(|_| WhenError::BadTime(format!("{h}:{m:02}")))?;
    date.to_datetime(t)
        .to_zoned(now.time_zone().clone())
        .map(|z| z.timestamp())
        .map_err(|_| WhenError::TooFar)
}

fn days_until(from: Weekday, to: Weekday) -> i64 {
    i64::from((to.to_monday_zero_offset() - from.to_monday_zero_offset()).rem_euclid(7))
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "mon" | "monday" => Weekday::Monday,
        "tue" | "tues" | "tuesday" => Weekday::Tuesday,
        "wed" | "wednesday" => Weekday::Wednesday,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thursday,
        "fri" | "friday" => Weekday::Friday,
        "sat" | "saturday" => Weekday::Saturday,
        "sun" | "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

/// `1h`, `30m`, `1h30m`, `2hours`, `90min`, `1d`, `45s` (spaces already
/// removed) in seconds.
fn delay(s: &str) -> Option<i64> {
    let mut total: i64 = 0;
    let mut rest = s;
    let mut any = false;
    while !rest.is_empty() {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 6 {
            return None;
        }
        let n: i64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit_len = rest.chars().take_while(char::is_ascii_alphabetic).count();
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let per = match unit {
            "d" | "day" | "days" => 86_400,
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
            "m" | "min" | "mins" | "minute" | "minutes" => 60,
            "s" | "sec" | "secs" | "second" | "seconds" => 1,
            _ => return None,
        };
        total = total.checked_add(n.checked_mul(per)?)?;
        any = true;
    }
    any.then_some(total)
}

/// `18:00`, `9`, `18h`, `18h30`, `9am`, `6:30pm`, `12pm` (spaces removed).
/// `Ok(None)`: not a time at all; `Err`: a time that does not exist.
fn time_of_day(s: &str) -> Result<Option<(i8, i8)>, WhenError> {
    let (body, meridiem) = if let Some(b) = s.strip_suffix("am") {
        (b, Some(false))
    } else if let Some(b) = s.strip_suffix("pm") {
        (b, Some(true))
    } else {
        (s, None)
    };
    let (h, m) = match body.split_once([':', 'h', '.']) {
        Some((h, "")) => (h, "0"),
        Some((h, m)) => (h, m),
        None => (body, "0"),
    };
    let num = |x: &str| -> Option<i64> {
        (!x.is_empty() && x.len() <= 2 && x.chars().all(|c| c.is_ascii_digit()))
            .then(|| x.parse().ok())
            .flatten()
    };
    let (Some(mut hour), Some(min)) = (num(h), num(m)) else {
        return Ok(None);
    };
    if body.contains(':') && m.len() != 2 {
        return Ok(None);
    }
    let bad = || WhenError::BadTime(crate::text::sanitize_line(s));
    match meridiem {
        Some(pm) => {
            if !(1..=12).contains(&hour) {
                return Err(bad());
            }
            hour = hour % 12 + if pm { 12 } else { 0 };
        }
        None if hour > 23 => return Err(bad()),
        None => {}
    }
    if min > 59 {
        return Err(bad());
    }
    Ok(Some((hour as i8, min as i8)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> TimeZone {
        TimeZone::fixed(jiff::tz::offset(7))
    }

    /// Wednesday 2026-11-25 at `hh:mm` in UTC+7.
    fn wed(hm: &str) -> Timestamp {
        format!("2026-11-25T{hm}:00+07:00").parse().unwrap()
    }

    fn local(t: Timestamp) -> String {
        t.to_zoned(tz()).strftime("%a %Y-%m-%d %H:%M").to_string()
    }

    #[test]
    fn a_table_of_what_agents_type() {
        let cases: &[(&str, &str, &str)] = &[
            ("14:00", "in 1h", "Wed 2026-11-25 15:00"),
            ("14:00", "In  2 hours", "Wed 2026-11-25 16:00"),
            ("14:00", "2h", "Wed 2026-11-25 16:00"),
            ("14:00", "30m", "Wed 2026-11-25 14:30"),
            ("14:00", "1h30m", "Wed 2026-11-25 15:30"),
            ("14:00", "90 min", "Wed 2026-11-25 15:30"),
            ("14:00", "1d", "Thu 2026-11-26 14:00"),
            ("14:00", "18:00", "Wed 2026-11-25 18:00"),
            // A time of day already past today is tomorrow's.
            ("19:00", "18:00", "Thu 2026-11-26 18:00"),
            ("18:00", "18:00", "Thu 2026-11-26 18:00"),
            ("14:00", "9", "Thu 2026-11-26 09:00"),
            // A bare number of hours is a delay (`2h`), not a time of day.
            ("14:00", "18h", "Thu 2026-11-26 08:00"),
            ("14:00", "18h30", "Wed 2026-11-25 18:30"),
            ("14:00", "6pm", "Wed 2026-11-25 18:00"),
            ("14:00", "6:30 PM", "Wed 2026-11-25 18:30"),
            ("14:00", "9am", "Thu 2026-11-26 09:00"),
            ("14:00", "12am", "Thu 2026-11-26 00:00"),
            ("14:00", "12pm", "Thu 2026-11-26 12:00"),
            ("14:00", "tomorrow", "Thu 2026-11-26 09:00"),
            ("14:00", "tomorrow 9:00", "Thu 2026-11-26 09:00"),
            ("14:00", "Tomorrow 18:30", "Thu 2026-11-26 18:30"),
            ("14:00", "this evening", "Wed 2026-11-25 18:00"),
            ("14:00", "tonight", "Wed 2026-11-25 18:00"),
            ("14:00", "next monday", "Mon 2026-11-30 09:00"),
            ("14:00", "next wed", "Wed 2026-12-02 09:00"),
            ("14:00", "next fri 14:30", "Fri 2026-11-27 14:30"),
            ("14:00", "mon 9", "Mon 2026-11-30 09:00"),
            ("14:00", "thu", "Thu 2026-11-26 09:00"),
            // Today's weekday: today while the time is ahead, else next week.
            ("08:00", "wed 9", "Wed 2026-11-25 09:00"),
            ("10:00", "wed 9", "Wed 2026-12-02 09:00"),
            ("14:00", "sunday 20:15", "Sun 2026-11-29 20:15"),
        ];
        for (now, input, want) in cases {
            let got = parse_when(input, wed(now), &tz())
                .unwrap_or_else(|e| panic!("{input:?} at {now}: {e}"));
            assert_eq!(local(got), *want, "{input:?} at {now}");
        }
    }

    #[test]
    fn what_cannot_be_read_is_said_for_people() {
        let at = wed("19:00");
        let err = |s: &str| parse_when(s, at, &tz()).unwrap_err().to_string();
        assert_eq!(err("  "), format!("say when, e.g. {EXAMPLES}"));
        assert_eq!(
            err("soonish"),
            format!("cannot read \"soonish\" as a time: try {EXAMPLES}")
        );
        assert_eq!(err("25:00"), "25:00 is not a time of day (00:00 to 23:59)");
        assert_eq!(
            err("tomorrow 9:75"),
            "9:75 is not a time of day (00:00 to 23:59)"
        );
        assert_eq!(err("13pm"), "13pm is not a time of day (00:00 to 23:59)");
        assert_eq!(err("in 0m"), "a reminder must be in the future");
        assert_eq!(err("in 400d"), "at most 365 days ahead");
        assert!(err("this evening").starts_with("this evening (18:00) has passed"));
        assert!(err("next blursday").starts_with("cannot read \"next blursday\""));
        assert!(err("in 2 fortnights").starts_with("cannot read"));
        assert!(
            !err("\u{1b}[2Jx").contains('\u{1b}'),
            "what is repeated is sanitized"
        );
    }

    #[test]
    fn a_zone_with_clock_changes_is_respected() {
        let paris = TimeZone::get("Europe/Paris").unwrap_or(TimeZone::UTC);
        // Saturday 2026-03-28 20:00 in Paris; the clocks go forward that night.
        let now: Timestamp = "2026-03-28T19:00:00Z".parse().unwrap();
        let t = parse_when("tomorrow 9:00", now, &paris).unwrap();
        assert_eq!(
            t.to_zoned(paris.clone()).strftime("%H:%M").to_string(),
            "09:00"
        );
        let t = parse_when("in 24h", now, &paris).unwrap();
        assert_eq!(t.as_second() - now.as_second(), 86_400, "a delay is exact");
    }
}
