//! Durations in human units, for the stats screen and `pancake-tui stats`.

/// `45s`, `12m`, `2h05m`.
pub fn human_duration(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs}s"),
        60..3600 => format!("{}m", secs / 60),
        _ => format!("{}h{:02}m", secs / 3600, secs % 3600 / 60),
    }
}

/// A response time Pancake gives in milliseconds, in human units:
/// `850ms`, `9.5s`, `1m35s`, `2h05m`.
pub fn human_ms(ms: u64) -> String {
    let secs = ms / 1000;
    match ms {
        0..1000 => format!("{ms}ms"),
        1000..60_000 => {
            let tenths = ms / 100 % 10;
            if tenths == 0 {
                format!("{secs}s")
            } else {
                format!("{secs}.{tenths}s")
            }
        }
        60_000..3_600_000 => format!("{}m{:02}s", secs / 60, secs % 60),
        _ => human_duration(secs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_times_in_ms_read_in_human_units() {
        assert_eq!(human_ms(850), "850ms");
        assert_eq!(human_ms(9_500), "9.5s");
        assert_eq!(human_ms(12_000), "12s");
        assert_eq!(human_ms(95_500), "1m35s");
        assert_eq!(human_ms(7_260_000), "2h01m");
    }
}
