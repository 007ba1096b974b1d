//! "Remind me": when a snoozed conversation comes back, read from what an
//! agent types (pure: a given now and zone in, a due instant or an error
//! for people out). Kept with [`crate::store::Store::reminder_set`].
//!
//! English forms (case and extra spaces ignored):
//! - a delay: `in 1h`, `2h`, `30m`, `1h30m`, `in 2 hours`, `90 min`, `1d`;
//! - a time today, else tomorrow when it has passed: `18:00`, `18h30`,
//!   `9`, `9am`, `6:30pm` (`18h` alone is a delay, like `2h`);
//! - `tomorrow` (9:00), `tomorrow 9`, `tomorrow 18:30`;
//! - `this evening` / `tonight`: today 18:00 (an error once it is past);
//! - a weekday, its next occurrence (today if the time is still ahead):
//!   `mon 9`, `monday 14:30`, `thu` (9:00); `next monday` is always in the
//!   coming week, never today.
//!
//! Vietnamese forms, read whatever the interface's language, with or
//! without accents (the text is folded first with [`crate::text::fold`],
//! the list search's folding: `tối nay` and `toi nay` are one):
//! - a delay: `2 tiếng`, `30 phút`, `30p`, `1 ngày`, `1 tiếng 30 phút`;
//!   `giờ` and `h` are hours of a delay only with `sau` before or `nữa`
//!   after (`sau 2 tiếng`, `2 giờ nữa`, `sau 2h`, `2h nữa`): alone,
//!   `2 giờ` is two o'clock;
//! - a time: `9h`, `9h30`, `18:00`, `9 giờ`, `9 giờ 30`, `lúc 9h`, today
//!   else tomorrow like `18:00`; a part of the day sets the half of the
//!   clock: `7h tối` is 19:00, `2h chiều` 14:00, `1h trưa` 13:00;
//! - a day: `mai` / `ngày mai` (9:00), `mốt` (the day after), `nay` /
//!   `hôm nay`, with a time (`mai 9h`, `9h sáng mai`) or a part of the
//!   day: `sáng` 9:00 ([`MORNING`]), `trưa` 12:00, `chiều` 14:00
//!   ([`AFTERNOON`]: early afternoon, when a shop is back from lunch),
//!   `tối` 18:00 ([`EVENING`]). `tối nay` is "this evening" (an error once
//!   past); a part of the day alone is today's (`chiều nay`, `tối`);
//! - a weekday: `thứ hai`..`thứ bảy`, `thứ 2`..`thứ 7`, `t2`..`t7`,
//!   `chủ nhật` / `cn`, alone (9:00) or with a time or part of the day
//!   (`thứ hai 9h`, `chiều t6`), its next occurrence as in English; with
//!   `tuần sau` (or `tuần tới`) it is that day of next week, weeks
//!   beginning on Monday (`thứ hai tuần sau` is `next monday`; on a
//!   Wednesday `thứ sáu tuần sau` is nine days ahead, not two);
//!   `tuần sau` alone is next Monday 9:00.
//!
//! Where the two read the same letters differently:
//! - `Nh` alone (`9h`, `18h`) is a delay in English (`2h`) and nine o'clock
//!   to a Vietnamese agent: [`parse_when_in`] reads it as each language
//!   of the interface writes it (the dialog shows the instant it means as
//!   it is typed); with a day, a part of the day or `lúc` (`mai 9h`,
//!   `9h tối`, `lúc 9h`) it is always a time, with `in`/`sau`/`nữa`
//!   always a delay;
//! - `thu` is Thursday, but `thu hai`..`thu bay` and `thu 2`..`thu 7`
//!   (`thứ 2`) are Vietnamese weekdays: `thu 9` is still Thursday 9:00;
//! - a leading `sau` is "after" (`sau 2 tiếng`); after `thứ` it is six
//!   (`thứ sáu`, Friday); a trailing `sau` is "next" (`tuần sau`).

use jiff::civil::{Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan, Zoned};

use crate::i18n::{Lang, tr, tr_with};

/// Where a day's reminder lands without a time.
pub const MORNING: (i8, i8) = (9, 0);
/// "This afternoon" (`chiều`).
pub const AFTERNOON: (i8, i8) = (14, 0);
/// Noon (`trưa`).
pub const NOON: (i8, i8) = (12, 0);
/// "This evening".
pub const EVENING: (i8, i8) = (18, 0);
/// The furthest ahead a reminder may be.
pub const MAX_DAYS: i64 = 365;

/// What to type, in English (the catalog's `when-examples` says the same:
/// tested); [`examples`] in a language.
pub const EXAMPLES: &str = "in 1h, 30m, 18:00, tomorrow 9:00, this evening, next monday, mon 9";

/// What to type, as `lang` writes it: `1 tiếng nữa, 30 phút, …`.
pub fn examples(lang: Lang) -> String {
    tr(lang, "when-examples")
}

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

impl WhenError {
    /// The error for people, in `lang` (the English is the same as
    /// `Display`'s).
    pub fn say(&self, lang: Lang) -> String {
        let examples = || ("examples", examples(lang).into());
        match self {
            WhenError::Empty => tr_with(lang, "when-empty", &[examples()]),
            WhenError::Unreadable(input) => tr_with(
                lang,
                "when-unreadable",
                &[("input", input.as_str().into()), examples()],
            ),
            WhenError::BadTime(time) => {
                tr_with(lang, "when-bad-time", &[("time", time.as_str().into())])
            }
            WhenError::NotAhead => tr(lang, "when-not-ahead"),
            WhenError::EveningPassed => {
                let evening = format!("{}:{:02}", EVENING.0, EVENING.1);
                tr_with(lang, "when-evening-passed", &[("evening", evening.into())])
            }
            WhenError::TooFar => tr_with(lang, "when-too-far", &[("days", MAX_DAYS.into())]),
        }
    }
}

/// The instant `input` names, seen at `now` in `tz`, a bare `Nh` read as
/// an English delay (see [`parse_when_in`]).
pub fn parse_when(input: &str, now: Timestamp, tz: &TimeZone) -> Result<Timestamp, WhenError> {
    parse_when_in(input, now, tz, Lang::En)
}

/// The instant `input` names, seen at `now` in `tz`: every form of the
/// module's doc in either language; `lang`, the interface's, only decides
/// what a bare `Nh` means (a delay in English, a time of day in
/// Vietnamese).
pub fn parse_when_in(
    input: &str,
    now: Timestamp,
    tz: &TimeZone,
    lang: Lang,
) -> Result<Timestamp, WhenError> {
    let now = now.to_zoned(tz.clone());
    // Lower case, accents gone (`Tối nay` → `toi nay`, `đ` → `d`).
    let text = crate::text::fold(input.trim());
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Err(WhenError::Empty);
    }
    let unreadable = || WhenError::Unreadable(crate::text::sanitize_line(input.trim()));
    let due = match words.as_slice() {
        ["in", rest @ ..] | ["sau", rest @ ..] | [rest @ .., "nua"] if !rest.is_empty() => {
            delay(&rest.concat(), true)
                .ok_or_else(unreadable)
                .and_then(|secs| after(&now, secs))?
        }
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
        words if ViWords::read(words).is_some() => {
            vietnamese(ViWords::read(words).unwrap_or_default(), &now)?.ok_or_else(unreadable)?
        }
        [day, t @ ..] if weekday(day).is_some() => {
            let wd = weekday(day).ok_or_else(unreadable)?;
            let time = match t {
                [] => MORNING,
                t => time_of_day(&t.concat())?.ok_or_else(unreadable)?,
            };
            next_weekday(&now, wd, time)?
        }
        _ => {
            let joined = words.concat();
            // `9h`: nine o'clock to a Vietnamese agent, two hours in English.
            let hour_alone = lang == Lang::Vi
                && joined
                    .strip_suffix('h')
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            if let Some(secs) = delay(&joined, false).filter(|_| !hour_alone) {
                after(&now, secs)?
            } else if let Some(time) = time_of_day(&joined)? {
                today_else_tomorrow(&now, time)?
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

/// `time` today, else tomorrow when it has passed.
fn today_else_tomorrow(now: &Zoned, time: (i8, i8)) -> Result<Timestamp, WhenError> {
    let at = at_day(now, 0, time)?;
    if at <= now.timestamp() {
        at_day(now, 1, time)
    } else {
        Ok(at)
    }
}

/// `wd`'s next occurrence at `time`: today while it is still ahead.
fn next_weekday(now: &Zoned, wd: Weekday, time: (i8, i8)) -> Result<Timestamp, WhenError> {
    let ahead = days_until(now.weekday(), wd);
    let at = at_day(now, ahead, time)?;
    if at <= now.timestamp() {
        at_day(now, ahead + 7, time)
    } else {
        Ok(at)
    }
}

/// A part of the day, in Vietnamese.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// `sáng`
    Morning,
    /// `trưa`
    Noon,
    /// `chiều`
    Afternoon,
    /// `tối`
    Evening,
}

impl Part {
    fn time(self) -> (i8, i8) {
        match self {
            Part::Morning => MORNING,
            Part::Noon => NOON,
            Part::Afternoon => AFTERNOON,
            Part::Evening => EVENING,
        }
    }

    /// The hour `h` of the clock said with this part of the day: `7h tối`
    /// is 19:00, `1h trưa` 13:00, `9h sáng` 9:00.
    fn hour(self, h: i8) -> i8 {
        match self {
            Part::Afternoon | Part::Evening if (1..12).contains(&h) => h + 12,
            Part::Noon if (1..6).contains(&h) => h + 12,
            _ => h,
        }
    }
}

/// What the Vietnamese words of a typed time say (folded: no accents).
#[derive(Debug, Default)]
struct ViWords {
    /// Days from today: `nay` 0, `mai` 1, `mốt` 2.
    day: Option<i64>,
    part: Option<Part>,
    weekday: Option<Weekday>,
    /// `tuần sau`, `tuần tới`.
    next_week: bool,
    /// The rest, a time of day (`9h`, `9 giờ 30`), spaces removed.
    time: String,
}

impl ViWords {
    /// The words read as Vietnamese: none when none of them is a
    /// Vietnamese day, part of the day, weekday or `lúc`/`giờ` (then the
    /// English reading applies: `thu 9`, `18:00`).
    fn read(words: &[&str]) -> Option<ViWords> {
        let mut vi = ViWords::default();
        let mut said = false;
        let mut i = 0;
        while i < words.len() {
            let (w, next) = (words[i], words.get(i + 1).copied());
            let mut took = 1;
            match (w, next) {
                ("ngay", Some("mai")) | ("hom", Some("nay")) => {
                    took = 0; // the second word says it
                }
                ("mai", _) => vi.day = Some(1),
                ("mot", _) => vi.day = Some(2),
                ("nay", _) => vi.day = Some(0),
                ("sang", _) => vi.part = Some(Part::Morning),
                ("trua", _) => vi.part = Some(Part::Noon),
                ("chieu", _) => vi.part = Some(Part::Afternoon),
                ("toi", _) => vi.part = Some(Part::Evening),
                ("tuan", Some("sau" | "toi")) => {
                    vi.next_week = true;
                    took = 2;
                }
                ("chu", Some("nhat")) => {
                    vi.weekday = Some(Weekday::Sunday);
                    took = 2;
                }
                ("thu", Some(n)) if vi_weekday(n).is_some() => {
                    vi.weekday = vi_weekday(n);
                    took = 2;
                }
                ("cn", _) => vi.weekday = Some(Weekday::Sunday),
                ("luc", _) => {}
                (w, _) if weekday_short(w).is_some() => vi.weekday = weekday_short(w),
                (w, _) => {
                    said |= w.contains("gio");
                    vi.time.push_str(w);
                    i += 1;
                    continue;
                }
            }
            said = true;
            i += took.max(1);
        }
        said.then_some(vi)
    }
}

/// `hai`..`bay` or `2`..`7` after `thứ`.
fn vi_weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "hai" | "2" => Weekday::Monday,
        "ba" | "3" => Weekday::Tuesday,
        "tu" | "4" => Weekday::Wednesday,
        "nam" | "5" => Weekday::Thursday,
        "sau" | "6" => Weekday::Friday,
        "bay" | "7" => Weekday::Saturday,
        _ => return None,
    })
}

/// `t2`..`t7`, `thu2`..`thu7` (`thứ2`) in one word.
fn weekday_short(w: &str) -> Option<Weekday> {
    let n = w.strip_prefix("thu").or_else(|| w.strip_prefix('t'))?;
    n.chars()
        .all(|c| c.is_ascii_digit())
        .then(|| vi_weekday(n))
        .flatten()
}

/// The instant Vietnamese words say (`Ok(None)`: their time is not one).
fn vietnamese(vi: ViWords, now: &Zoned) -> Result<Option<Timestamp>, WhenError> {
    let told = if vi.time.is_empty() {
        None
    } else {
        // `9gio30phut` → `9h30`.
        let t = vi.time.replace("gio", "h");
        let t = t.strip_suffix("phut").unwrap_or(&t);
        match time_of_day(t)? {
            Some(t) => Some(t),
            None => return Ok(None),
        }
    };
    let time = match (told, vi.part) {
        (Some((h, m)), Some(part)) => (part.hour(h), m),
        (Some(t), None) => t,
        (None, Some(part)) => part.time(),
        (None, None) => MORNING,
    };
    let due = match (vi.day, vi.weekday, vi.next_week) {
        (Some(_), Some(_), _) | (Some(_), _, true) => return Ok(None),
        (None, Some(wd), false) => next_weekday(now, wd, time)?,
        (None, wd, true) => {
            // That day of next week, weeks beginning on Monday.
            let monday = match days_until(now.weekday(), Weekday::Monday) {
                0 => 7,
                d => d,
            };
            let offset = wd.map_or(0, |wd| i64::from(wd.to_monday_zero_offset()));
            at_day(now, monday + offset, time)?
        }
        (Some(day), None, false) => at_day(now, day, time)?,
        (None, None, false) if told.is_some() => today_else_tomorrow(now, time)?,
        // A part of the day alone: today's (`tối`, `chiều nay`).
        (None, None, false) => at_day(now, 0, time)?,
    };
    if due <= now.timestamp() && told.is_none() && vi.part == Some(Part::Evening) {
        return Err(WhenError::EveningPassed);
    }
    Ok(Some(due))
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

/// `1h`, `30m`, `1h30m`, `2hours`, `90min`, `1d`, `45s`, `2tieng`,
/// `30phut`, `30p`, `1ngay` (spaces already removed) in seconds; `2gio`
/// too when `gio_is_hours` (after `sau`, before `nữa`).
fn delay(s: &str, gio_is_hours: bool) -> Option<i64> {
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
            "tuan" => 7 * 86_400,
            "d" | "day" | "days" | "ngay" => 86_400,
            "h" | "hr" | "hrs" | "hour" | "hours" | "tieng" => 3600,
            "gio" if gio_is_hours => 3600,
            "m" | "min" | "mins" | "minute" | "minutes" | "phut" | "ph" | "p" => 60,
            "s" | "sec" | "secs" | "second" | "seconds" | "giay" => 1,
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

    /// Each Vietnamese form, accented and accent-free: both must read the same.
    #[test]
    fn a_table_of_what_vietnamese_agents_type() {
        let cases: &[(&str, &str, &str, &str)] = &[
            // Delays.
            ("14:00", "2 tiếng", "2 tieng", "Wed 2026-11-25 16:00"),
            ("14:00", "2 giờ nữa", "2 gio nua", "Wed 2026-11-25 16:00"),
            ("14:00", "30 phút", "30 phut", "Wed 2026-11-25 14:30"),
            ("14:00", "30p", "30p", "Wed 2026-11-25 14:30"),
            ("14:00", "1 ngày", "1 ngay", "Thu 2026-11-26 14:00"),
            (
                "14:00",
                "sau 2 tiếng",
                "sau 2 tieng",
                "Wed 2026-11-25 16:00",
            ),
            (
                "14:00",
                "2 tiếng nữa",
                "2 tieng nua",
                "Wed 2026-11-25 16:00",
            ),
            (
                "14:00",
                "1 tiếng 30 phút",
                "1 tieng 30 phut",
                "Wed 2026-11-25 15:30",
            ),
            ("14:00", "sau 2h", "sau 2h", "Wed 2026-11-25 16:00"),
            ("14:00", "1h nữa", "1h nua", "Wed 2026-11-25 15:00"),
            // Times of day: today, else tomorrow.
            ("14:00", "9h30", "9h30", "Thu 2026-11-26 09:30"),
            ("14:00", "18:00", "18:00", "Wed 2026-11-25 18:00"),
            ("14:00", "9 giờ", "9 gio", "Thu 2026-11-26 09:00"),
            ("14:00", "16 giờ 30", "16 gio 30", "Wed 2026-11-25 16:30"),
            ("14:00", "lúc 9h", "luc 9h", "Thu 2026-11-26 09:00"),
            ("14:00", "7h tối", "7h toi", "Wed 2026-11-25 19:00"),
            (
                "14:00",
                "2 giờ chiều",
                "2 gio chieu",
                "Thu 2026-11-26 14:00",
            ),
            ("14:00", "1h trưa", "1h trua", "Thu 2026-11-26 13:00"),
            // Days.
            ("14:00", "mai", "mai", "Thu 2026-11-26 09:00"),
            ("14:00", "ngày mai", "ngay mai", "Thu 2026-11-26 09:00"),
            ("14:00", "mai 9h", "mai 9h", "Thu 2026-11-26 09:00"),
            (
                "14:00",
                "9h sáng mai",
                "9h sang mai",
                "Thu 2026-11-26 09:00",
            ),
            ("14:00", "sáng mai", "sang mai", "Thu 2026-11-26 09:00"),
            ("14:00", "chiều mai", "chieu mai", "Thu 2026-11-26 14:00"),
            ("14:00", "tối mai", "toi mai", "Thu 2026-11-26 18:00"),
            ("14:00", "mai 18:30", "mai 18:30", "Thu 2026-11-26 18:30"),
            ("14:00", "mốt", "mot", "Fri 2026-11-27 09:00"),
            ("14:00", "tối nay", "toi nay", "Wed 2026-11-25 18:00"),
            ("14:00", "tối", "toi", "Wed 2026-11-25 18:00"),
            ("10:00", "chiều nay", "chieu nay", "Wed 2026-11-25 14:00"),
            (
                "14:00",
                "hôm nay 20h",
                "hom nay 20h",
                "Wed 2026-11-25 20:00",
            ),
            // Weekdays.
            ("14:00", "thứ hai", "thu hai", "Mon 2026-11-30 09:00"),
            ("14:00", "thứ ba", "thu ba", "Tue 2026-12-01 09:00"),
            ("14:00", "thứ tư", "thu tu", "Wed 2026-12-02 09:00"),
            ("08:00", "thứ tư", "thu tu", "Wed 2026-11-25 09:00"),
            ("14:00", "thứ năm", "thu nam", "Thu 2026-11-26 09:00"),
            ("14:00", "thứ sáu", "thu sau", "Fri 2026-11-27 09:00"),
            ("14:00", "thứ bảy", "thu bay", "Sat 2026-11-28 09:00"),
            ("14:00", "chủ nhật", "chu nhat", "Sun 2026-11-29 09:00"),
            ("14:00", "CN", "cn", "Sun 2026-11-29 09:00"),
            ("14:00", "thứ 2", "thu 2", "Mon 2026-11-30 09:00"),
            ("14:00", "thứ 7 10h", "thu 7 10h", "Sat 2026-11-28 10:00"),
            ("14:00", "T2", "t2", "Mon 2026-11-30 09:00"),
            ("14:00", "t6 14:30", "t6 14:30", "Fri 2026-11-27 14:30"),
            ("14:00", "thứ hai 9h", "thu hai 9h", "Mon 2026-11-30 09:00"),
            (
                "14:00",
                "chiều thứ sáu",
                "chieu thu sau",
                "Fri 2026-11-27 14:00",
            ),
            // Next week: weeks begin on Monday.
            ("14:00", "tuần sau", "tuan sau", "Mon 2026-11-30 09:00"),
            (
                "14:00",
                "thứ hai tuần sau",
                "thu hai tuan sau",
                "Mon 2026-11-30 09:00",
            ),
            (
                "14:00",
                "thứ hai tuần sau 9:00",
                "thu hai tuan sau 9:00",
                "Mon 2026-11-30 09:00",
            ),
            (
                "14:00",
                "thứ sáu tuần sau",
                "thu sau tuan sau",
                "Fri 2026-12-04 09:00",
            ),
            (
                "14:00",
                "thứ tư tuần tới 8h",
                "thu tu tuan toi 8h",
                "Wed 2026-12-02 08:00",
            ),
            (
                "14:00",
                "chủ nhật tuần sau",
                "chu nhat tuan sau",
                "Sun 2026-12-06 09:00",
            ),
        ];
        for (now, accented, plain, want) in cases {
            for input in [accented, plain] {
                let got = parse_when(input, wed(now), &tz())
                    .unwrap_or_else(|e| panic!("{input:?} at {now}: {e}"));
                assert_eq!(local(got), *want, "{input:?} at {now}");
            }
        }
    }

    /// `9h` alone: a delay in English, nine o'clock in Vietnamese; with a
    /// day, a part of the day or `lúc` a time, after `in`/`sau` a delay.
    #[test]
    fn a_bare_hour_is_read_as_the_interface_language_writes_it() {
        let at = |s: &str, lang| local(parse_when_in(s, wed("14:00"), &tz(), lang).unwrap());
        assert_eq!(at("9h", Lang::En), "Wed 2026-11-25 23:00");
        assert_eq!(at("9h", Lang::Vi), "Thu 2026-11-26 09:00");
        assert_eq!(at("18h", Lang::En), "Thu 2026-11-26 08:00");
        assert_eq!(at("18h", Lang::Vi), "Wed 2026-11-25 18:00");
        assert_eq!(at("2h", Lang::Vi), "Thu 2026-11-26 02:00");
        for lang in [Lang::En, Lang::Vi] {
            assert_eq!(at("sau 2h", lang), "Wed 2026-11-25 16:00");
            assert_eq!(at("in 2h", lang), "Wed 2026-11-25 16:00");
            assert_eq!(at("2 tiếng", lang), "Wed 2026-11-25 16:00");
            assert_eq!(at("lúc 9h", lang), "Thu 2026-11-26 09:00");
            assert_eq!(at("mai 9h", lang), "Thu 2026-11-26 09:00");
            // English stays English: `thu 9` is Thursday, `thu 2` Monday.
            assert_eq!(at("thu 9", lang), "Thu 2026-11-26 09:00");
            assert_eq!(at("thu 2", lang), "Mon 2026-11-30 09:00");
            assert_eq!(at("2h30", lang), "Thu 2026-11-26 02:30");
        }
    }

    #[test]
    fn vietnamese_that_cannot_be_read_is_said_for_people() {
        let err = |s: &str, now: &str| parse_when(s, wed(now), &tz()).unwrap_err();
        assert_eq!(err("tối nay", "19:00"), WhenError::EveningPassed);
        assert_eq!(err("toi nay", "18:00"), WhenError::EveningPassed);
        assert_eq!(err("chiều nay", "15:00"), WhenError::NotAhead);
        assert_eq!(err("hôm nay 9h", "15:00"), WhenError::NotAhead);
        assert_eq!(
            err("mai 25h", "15:00"),
            WhenError::BadTime("25h".into()),
            "a time that does not exist"
        );
        assert_eq!(
            err("mai thứ hai", "15:00"),
            WhenError::Unreadable("mai thứ hai".into())
        );
        assert_eq!(
            err("thứ tám", "15:00"),
            WhenError::Unreadable("thứ tám".into())
        );
        assert_eq!(
            err("mai lúc nào đó", "15:00"),
            WhenError::Unreadable("mai lúc nào đó".into())
        );
        assert_eq!(
            err("sau một lúc", "15:00"),
            WhenError::Unreadable("sau một lúc".into())
        );
        assert_eq!(err("400 ngày nữa", "15:00"), WhenError::TooFar);
    }

    /// Every error in both languages: the English the same as `Display`'s.
    #[test]
    fn errors_are_said_in_each_language() {
        let errors = [
            WhenError::Empty,
            WhenError::Unreadable("soonish".into()),
            WhenError::BadTime("25:00".into()),
            WhenError::NotAhead,
            WhenError::EveningPassed,
            WhenError::TooFar,
        ];
        assert_eq!(examples(Lang::En), EXAMPLES);
        for e in &errors {
            assert_eq!(e.say(Lang::En), e.to_string());
        }
        let vi: Vec<String> = errors.iter().map(|e| e.say(Lang::Vi)).collect();
        assert_eq!(
            vi,
            [
                "hãy gõ khi nào, ví dụ 1 tiếng nữa, 30 phút, 18:00, mai 9h, tối nay, thứ hai 9h",
                "không hiểu \"soonish\" là giờ nào: thử 1 tiếng nữa, 30 phút, 18:00, mai 9h, tối nay, thứ hai 9h",
                "25:00 không phải giờ trong ngày (00:00 đến 23:59)",
                "giờ hẹn phải sau bây giờ",
                "đã qua tối nay (18:00): hãy gõ giờ, ví dụ 1 tiếng nữa hoặc mai 18:00",
                "tối đa 365 ngày tới",
            ]
        );
        // The examples are read as they are offered, in both languages.
        for lang in [Lang::En, Lang::Vi] {
            for example in examples(lang).split(", ") {
                assert!(
                    parse_when_in(example, wed("10:00"), &tz(), lang).is_ok(),
                    "{lang:?}: {example}"
                );
            }
        }
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
