//! The pace of a page whose budget is not shared right now (this process
//! only, or the shared file unusable): other inboxes on the page cannot see
//! our requests, nor we theirs, so a 429 is the only word that the page is
//! over its limit. On a 429 the rate is halved (the rate this process
//! actually sent at over the last window, when lower: at full speed it may
//! have sent only its share before the others'; at most once per window,
//! never below [`FLOOR`]) and nothing is sent for one window, so Pancake's
//! count of the last second drains; then it grows back by [`GROW`] per
//! second up to the configured limit. Several inboxes doing this settle
//! together under the limit (each cut halves the share of the one that met
//! the 429, the slow growth makes the next 429 rare). While slowed, permits
//! are spaced `1 / rate` apart, so the requests arrive evenly, not in bursts.
//!
//! A budget shared with the other processes keeps every one of them within
//! the limit already: its 429s do not slow it (the gate does not call
//! [`Pace::cut`] then).

use std::time::Duration;

use tokio::time::Instant;

/// The slowest pace after any number of 429s, in requests per second.
pub const FLOOR: f64 = 0.5;
/// How fast the pace grows back after a cut, in requests per second per
/// second (from 2.5 to 5 in about eight minutes): slow enough that three inboxes
/// on a page meet a 429 for under one request in a hundred
/// (`pancake-tui bench team 3 --conversations 10000` measures it).
pub const GROW: f64 = 0.005;

/// One page's pace.
#[derive(Debug)]
pub struct Pace {
    limit: f64,
    window: Duration,
    /// The rate right after the last cut (the limit before any).
    low: f64,
    /// When it starts growing from `low` (the end of the last pause).
    from: Instant,
    /// When the last permit was granted.
    last: Option<Instant>,
}

impl Pace {
    /// At the limit: `limit` requests per `window`.
    pub fn new(limit: usize, window: Duration) -> Pace {
        let limit = limit as f64 / window.as_secs_f64();
        Pace {
            limit,
            window,
            low: limit,
            from: Instant::now(),
            last: None,
        }
    }

    /// Requests per second allowed at `now`.
    pub fn rate(&self, now: Instant) -> f64 {
        let grown = GROW * now.saturating_duration_since(self.from).as_secs_f64();
        (self.low + grown).min(self.limit)
    }

    /// The rate at `now` when it is below the limit.
    pub fn slowed(&self, now: Instant) -> Option<f64> {
        let r = self.rate(now);
        (r < self.limit).then_some(r)
    }

    /// A 429 answered at `now`, after `sent` requests in the last window
    /// (this one included): halve the rate (or what was sent, when less)
    /// and pause for a window, unless the last cut was less than a window
    /// ago (the answers to requests sent before it). Whether it was cut.
    pub fn cut(&mut self, now: Instant, sent: usize) -> bool {
        if now < self.from {
            return false;
        }
        let sent = sent.max(1) as f64 / self.window.as_secs_f64();
        self.low = (self.rate(now).min(sent) / 2.0).max(FLOOR);
        self.from = now + self.window;
        true
    }

    /// When the next permit may be granted, at the soonest `now`: after a
    /// pause, and while slowed `1 / rate` after the last one.
    pub fn next_at(&self, now: Instant) -> Instant {
        let Some(rate) = self.slowed(now) else {
            return now;
        };
        let spaced = self
            .last
            .map_or(now, |t| t + Duration::from_secs_f64(1.0 / rate));
        now.max(self.from).max(spaced)
    }

    /// The window the limit is counted in.
    pub fn window(&self) -> Duration {
        self.window
    }

    /// A permit was granted at `now`.
    pub fn granted(&mut self, now: Instant) {
        self.last = Some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WINDOW: Duration = Duration::from_secs(1);

    #[tokio::test(start_paused = true)]
    async fn a_429_halves_the_rate_once_a_window_then_it_grows_back_slowly() {
        let mut p = Pace::new(5, WINDOW);
        let t0 = Instant::now();
        assert_eq!(p.slowed(t0), None);
        assert_eq!(p.next_at(t0), t0, "at the limit: no spacing");
        assert!(p.cut(t0, 5));
        assert_eq!(p.slowed(t0), Some(2.5));
        assert_eq!(p.next_at(t0), t0 + WINDOW, "a window's pause");
        // Answers to requests sent before the cut: not cut again.
        assert!(!p.cut(t0 + Duration::from_millis(500), 5));
        assert_eq!(p.rate(t0 + WINDOW), 2.5);
        // Then it grows by GROW a second, up to the limit and no further.
        let later = t0 + WINDOW + Duration::from_secs(100);
        assert!((p.rate(later) - (2.5 + 100.0 * GROW)).abs() < 1e-9);
        assert_eq!(p.rate(t0 + Duration::from_secs(3600)), 5.0);
        assert_eq!(p.slowed(t0 + Duration::from_secs(3600)), None);
        // Cut again from where it has grown to.
        assert!(p.cut(later, 5));
        assert!((p.rate(later) - (2.5 + 100.0 * GROW) / 2.0).abs() < 1e-9);
    }

    /// Sent only 3 in the window at full speed (the others took the rest):
    /// halved from 3, not from 5.
    #[tokio::test(start_paused = true)]
    async fn the_cut_halves_what_was_sent_when_less_than_the_rate() {
        let mut p = Pace::new(5, WINDOW);
        let t0 = Instant::now();
        assert!(p.cut(t0, 3));
        assert_eq!(p.rate(t0), 1.5);
        assert!(
            p.cut(t0 + Duration::from_secs(5), 0),
            "none counted: this one"
        );
        assert_eq!(p.rate(t0 + Duration::from_secs(5)), FLOOR);
    }

    #[tokio::test(start_paused = true)]
    async fn the_rate_never_falls_below_the_floor() {
        let mut p = Pace::new(5, WINDOW);
        let mut t = Instant::now();
        for _ in 0..20 {
            assert!(p.cut(t, 5));
            t += WINDOW;
        }
        assert_eq!(p.rate(t), FLOOR);
    }

    #[tokio::test(start_paused = true)]
    async fn while_slowed_permits_are_spaced_one_over_the_rate() {
        let mut p = Pace::new(5, WINDOW);
        let t0 = Instant::now();
        p.cut(t0, 5);
        let first = p.next_at(t0);
        p.granted(first);
        let second = p.next_at(first);
        // 2.5 a second (plus what it grew meanwhile: nothing yet).
        assert_eq!(second - first, Duration::from_millis(400));
    }
}
