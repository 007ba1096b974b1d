//! The team as one page's inbox sees it: its part (reader, follower,
//! alone) and what its link tells it.

use super::event::TeamEvent;

/// This inbox's part in the team for a page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Role {
    /// No team configured (no Redis): the inbox polls on its own.
    #[default]
    Alone,
    /// Redis configured, not answered yet.
    Joining,
    /// Redis unreachable: polling alone until it answers.
    Down,
    /// This inbox reads the page for the team.
    Reader,
    /// Another inbox (or a relay) reads it: news come through Redis.
    Follower,
    /// The reader has not read the page lately: polling as if alone.
    Unfed,
}

/// The team as one page's inbox sees it, for its polls and status bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Status {
    pub role: Role,
    /// A webhook relay publishes the page's news.
    pub relay: bool,
}

impl Status {
    /// Whether this inbox polls the page for news itself (else only to
    /// reconcile, now and then).
    pub fn polls_news(self) -> bool {
        match self.role {
            Role::Alone | Role::Joining | Role::Down | Role::Unfed => true,
            Role::Reader => !self.relay,
            Role::Follower => false,
        }
    }

    /// Whether a poll of this inbox is the team's (published, and the only
    /// one made for news).
    pub fn reads_for_team(self) -> bool {
        self.role == Role::Reader
    }

    /// The team cannot feed this inbox (it polls alone): worth a warning.
    pub fn alarming(self) -> bool {
        matches!(self.role, Role::Down | Role::Unfed)
    }

    /// For the status bar; `None` without a team.
    pub fn words(self) -> Option<&'static str> {
        Some(match (self.role, self.relay) {
            (Role::Alone, _) => return None,
            (Role::Joining, _) => "team: joining",
            (Role::Down, _) => "team: Redis unreachable, polling alone",
            (Role::Reader, false) => "team: reading the page for the team",
            (Role::Reader, true) | (Role::Follower, true) => "team: news from the webhook relay",
            (Role::Follower, false) => "team: news from the team",
            (Role::Unfed, _) => "team: no news from the reader, polling",
        })
    }
}

/// What the link tells its inbox.
#[derive(Clone, Debug, PartialEq)]
pub enum News {
    /// The team's status changed.
    Status(Status),
    /// Another inbox (or a relay) published this.
    Event(TeamEvent),
}
