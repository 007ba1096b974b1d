//! Times as Pancake writes them (UTC): naive, with microseconds, or with `Z`.

pub const DAY: i64 = 86_400;

/// How Pancake writes a time (all UTC): naive, naive with microseconds, or
/// with `Z`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeFormat {
    Naive,
    Micros,
    Zulu,
}

impl TimeFormat {
    /// The format of field `field` for a conversation's `bits`.
    pub fn pick(bits: u64, field: u32) -> TimeFormat {
        match (bits >> (2 * (field % 32))) & 3 {
            1 => TimeFormat::Micros,
            2 => TimeFormat::Zulu,
            _ => TimeFormat::Naive,
        }
    }

    pub fn write(self, ts: i64) -> String {
        match self {
            TimeFormat::Naive => naive(ts),
            // A fraction that depends only on the second: the same time
            // reads the same on every call.
            TimeFormat::Micros => format!(
                "{}.{:06}",
                naive(ts),
                (ts as u64).wrapping_mul(2_654_435_761) % 1_000_000
            ),
            TimeFormat::Zulu => format!("{}Z", naive(ts)),
        }
    }
}

fn iso(ts: i64) -> String {
    jiff::Timestamp::from_second(ts)
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%S").to_string())
        .unwrap_or_default()
}

/// Naive ISO time as Pancake writes it (UTC, no zone).
pub fn naive(ts: i64) -> String {
    iso(ts)
}
