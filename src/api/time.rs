//! Timestamps as Pancake sends them, and unix seconds as it wants them.
//!
//! Pancake sends naive ISO times (`2026-05-28T08:14:22`, UTC), sometimes with a
//! zone (`...Z`, `+07:00`), sometimes fractional seconds; a few payloads carry
//! unix numbers. Requests always take unix **seconds** (pancake-api.md § List warns about
//! milliseconds), which is why [`UnixSeconds`] is the only type a query accepts.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// A point in time as whole unix seconds (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct UnixSeconds(pub i64);

/// How long ago, in the largest whole unit: [`UnixSeconds::age`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Age {
    /// Under a minute.
    Now,
    Minutes(i64),
    Hours(i64),
    Days(i64),
    Weeks(i64),
    Years(i64),
}

impl UnixSeconds {
    pub fn now() -> Self {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        UnixSeconds(secs)
    }

    /// Parse the forms Pancake sends. `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        if let Ok(n) = s.parse::<i64>() {
            return Some(Self::from_number(n));
        }
        if let Ok(ts) = s.parse::<jiff::Timestamp>() {
            return Some(UnixSeconds(ts.as_second()));
        }
        // Naive: Pancake's naive times are UTC.
        let dt = s.parse::<jiff::civil::DateTime>().ok()?;
        let ts = dt.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp();
        Some(UnixSeconds(ts.as_second()))
    }

    /// Numbers above 10^11 are taken for milliseconds.
    fn from_number(n: i64) -> Self {
        // `unsigned_abs`: `i64::MIN.abs()` overflows (a panic in debug builds,
        // a negative number in release).
        if n.unsigned_abs() > 100_000_000_000 {
            UnixSeconds(n / 1000)
        } else {
            UnixSeconds(n)
        }
    }

    /// How long before `now` this is, in its largest whole unit (a time
    /// ahead of `now` is `Now`).
    pub fn age(self, now: UnixSeconds) -> Age {
        let d = (now.0 - self.0).max(0);
        match d {
            0..60 => Age::Now,
            60..3600 => Age::Minutes(d / 60),
            3600..86_400 => Age::Hours(d / 3600),
            86_400..604_800 => Age::Days(d / 86_400),
            604_800..31_536_000 => Age::Weeks(d / 604_800),
            _ => Age::Years(d / 31_536_000),
        }
    }

    /// Compact age in English: `now`, `5m`, `3h`, `2d`, `7w`, `1y` (the
    /// screens say it in the agent's language: `app/times.rs`).
    pub fn relative_to(self, now: UnixSeconds) -> String {
        match self.age(now) {
            Age::Now => "now".into(),
            Age::Minutes(n) => format!("{n}m"),
            Age::Hours(n) => format!("{n}h"),
            Age::Days(n) => format!("{n}d"),
            Age::Weeks(n) => format!("{n}w"),
            Age::Years(n) => format!("{n}y"),
        }
    }

    /// `2026-11-22 08:14` in the given zone (for message headers).
    pub fn format_in(self, tz: &jiff::tz::TimeZone) -> String {
        self.local(tz, "%Y-%m-%d %H:%M")
            .unwrap_or_else(|| "?".into())
    }

    /// This time in `tz`, written with `strftime`'s `format`; none when it
    /// is out of jiff's range.
    pub fn local(self, tz: &jiff::tz::TimeZone, format: &str) -> Option<String> {
        let ts = jiff::Timestamp::from_second(self.0).ok()?;
        Some(ts.to_zoned(tz.clone()).strftime(format).to_string())
    }
}

impl fmt::Display for UnixSeconds {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

struct TimeVisitor;

impl<'de> Visitor<'de> for TimeVisitor {
    type Value = Option<UnixSeconds>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an ISO timestamp, a unix number or null")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        // An unparseable time is not worth failing a whole list for.
        Ok(UnixSeconds::parse(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(UnixSeconds::from_number(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(i64::try_from(v).ok().map(UnixSeconds::from_number))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(v.is_finite().then(|| UnixSeconds::from_number(v as i64)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(TimeVisitor)
    }
}

/// Serde adapter for `Option<UnixSeconds>` fields in API payloads.
pub fn de_opt_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<UnixSeconds>, D::Error> {
    d.deserialize_option(TimeVisitor)
}

impl<'de> Deserialize<'de> for UnixSeconds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de_opt_time(d)?.ok_or_else(|| de::Error::custom("a timestamp"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_naive_zoned_fractional_and_numbers() {
        let naive = UnixSeconds::parse("2026-05-28T08:14:22").unwrap();
        assert_eq!(naive, UnixSeconds(1_779_956_062));
        assert_eq!(UnixSeconds::parse("2026-05-28T08:14:22Z"), Some(naive));
        assert_eq!(UnixSeconds::parse("2026-05-28T15:14:22+07:00"), Some(naive));
        assert_eq!(
            UnixSeconds::parse("2026-05-28T08:14:22.123456"),
            Some(naive)
        );
        assert_eq!(UnixSeconds::parse("1779956062"), Some(naive));
        assert_eq!(UnixSeconds::parse("1779956062000"), Some(naive));
        assert_eq!(UnixSeconds::parse("yesterday"), None);
    }

    #[test]
    fn extreme_numbers_are_milliseconds_too() {
        let min = UnixSeconds(i64::MIN / 1000);
        assert_eq!(UnixSeconds::parse("-9223372036854775808"), Some(min));
        let t: Option<UnixSeconds> = serde_json::from_str(&i64::MIN.to_string()).unwrap();
        assert_eq!(t, Some(min));
        assert_eq!(
            UnixSeconds::parse(&i64::MAX.to_string()),
            Some(UnixSeconds(i64::MAX / 1000))
        );
    }

    #[test]
    fn relative_ages() {
        let now = UnixSeconds(1_000_000);
        assert_eq!(UnixSeconds(1_000_000 - 30).relative_to(now), "now");
        assert_eq!(UnixSeconds(1_000_000 - 300).relative_to(now), "5m");
        assert_eq!(UnixSeconds(1_000_000 - 7200).relative_to(now), "2h");
        assert_eq!(UnixSeconds(1_000_000 - 3 * 86_400).relative_to(now), "3d");
    }
}
