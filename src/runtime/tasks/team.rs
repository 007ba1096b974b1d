//! A page's reads and actions with its team on Redis (when `rate_budget`
//! is a Redis): the backfill's list pages, a thread as it stands at a
//! change, the tags and the staff are read once for the team
//! ([`crate::team::TeamLink::read_once`]); a poll's news and an action Pancake confirmed
//! are published for the others. Without a team, each goes to Pancake as
//! before.

use std::time::Duration;

use crate::api::{
    ApiError, Conversation, ConversationId, ConversationQuery, Message, Op, Staff, Tag, UnixSeconds,
};
use crate::app::{LoadMode, Outcome};
use crate::team::{Source, TeamEvent};

use super::depths::SHARED_LIST_PAGES;
use super::page::On;

/// How long a list page of the backfill stays for the team: an agent who
/// joins within it backfills from the team. Its delta polls bring what
/// changed since the pages were read.
const LIST_LIFE: Duration = Duration::from_secs(180);
/// A thread's newest messages at a given change.
const THREAD_LIFE: Duration = Duration::from_secs(15);
/// The page's tags and staff.
const META_LIFE: Duration = Duration::from_secs(60);

fn conversations(answer: (TeamEvent, Source)) -> Option<(Vec<Conversation>, Source)> {
    match answer {
        (TeamEvent::Conversations { conversations, .. }, s) => Some((conversations, s)),
        _ => None,
    }
}

impl On {
    /// A page of the list: the backfill's newest pages read once for the
    /// team; a poll's news published for it.
    pub(super) async fn list(
        &self,
        mode: LoadMode,
        query: &ConversationQuery,
        cursor: Option<&ConversationId>,
    ) -> Result<Vec<Conversation>, ApiError> {
        let api = self.api.background();
        let Some(team) = &self.team else {
            return api.conversations(query, cursor).await;
        };
        let depth = (mode == LoadMode::Backfill)
            .then(|| self.depths.of(cursor))
            .flatten()
            .filter(|d| *d < SHARED_LIST_PAGES);
        let (batch, source) = match depth {
            Some(depth) => {
                let what = format!("list:{}", cursor.map_or("top", |c| c.as_str()));
                let fetch = async {
                    let c = api.conversations(query, cursor).await?;
                    Ok(TeamEvent::Conversations {
                        conversations: c,
                        partial: false,
                    })
                };
                let shared = team.read_once(&what, LIST_LIFE, fetch).await?;
                let (batch, source) = match conversations(shared) {
                    Some(got) => got,
                    None => (api.conversations(query, cursor).await?, Source::Pancake),
                };
                self.depths.next(depth, &batch);
                (batch, source)
            }
            None => (api.conversations(query, cursor).await?, Source::Pancake),
        };
        if source == Source::Pancake {
            team.polled();
            if mode == LoadMode::Poll && !batch.is_empty() {
                team.publish(TeamEvent::Conversations {
                    conversations: batch.clone(),
                    partial: false,
                });
            }
        }
        Ok(batch)
    }

    /// A thread's messages; the newest, at a known change, read once for
    /// the team.
    pub(super) async fn thread(
        &self,
        conv: &ConversationId,
        customer_id: Option<&str>,
        current_count: Option<usize>,
        as_of: Option<UnixSeconds>,
    ) -> Result<Vec<Message>, ApiError> {
        let (Some(team), None, Some(at)) = (&self.team, current_count, as_of) else {
            return self.api.messages(conv, customer_id, current_count).await;
        };
        let what = format!("thread:{}:{}", conv.as_str(), at.0);
        let fetch = async {
            let messages = self.api.messages(conv, customer_id, None).await?;
            Ok(TeamEvent::Messages {
                conversation: conv.clone(),
                messages,
            })
        };
        match team.read_once(&what, THREAD_LIFE, fetch).await? {
            (
                TeamEvent::Messages {
                    conversation,
                    messages,
                },
                _,
            ) if &conversation == conv => Ok(messages),
            _ => self.api.messages(conv, customer_id, None).await,
        }
    }

    /// The page's tags, read once for the team.
    pub(super) async fn tags(&self) -> Result<Vec<Tag>, ApiError> {
        let api = self.api.background();
        let Some(team) = &self.team else {
            return api.tags().await;
        };
        let fetch = async {
            Ok(TeamEvent::Tags {
                tags: api.tags().await?,
            })
        };
        match team.read_once("tags", META_LIFE, fetch).await? {
            (TeamEvent::Tags { tags }, _) => Ok(tags),
            _ => api.tags().await,
        }
    }

    /// The page's staff, read once for the team.
    pub(super) async fn staff(&self) -> Result<Staff, ApiError> {
        let api = self.api.background();
        let Some(team) = &self.team else {
            return api.staff().await;
        };
        let fetch = async {
            Ok(TeamEvent::Staff {
                staff: api.staff().await?,
            })
        };
        match team.read_once("staff", META_LIFE, fetch).await? {
            (TeamEvent::Staff { staff }, _) => Ok(staff),
            _ => api.staff().await,
        }
    }

    /// An action Pancake confirmed, told to the team.
    pub(super) fn publish_done(
        &self,
        conv: &ConversationId,
        op: &Op,
        outcome: &Result<Outcome, ApiError>,
    ) {
        let (Some(team), Ok(outcome)) = (&self.team, outcome) else {
            return;
        };
        let conversation = conv.clone();
        let event = match (op, outcome) {
            (_, Outcome::Tags(tags)) => TeamEvent::Tagged {
                conversation,
                tags: tags.clone(),
            },
            (_, Outcome::Assignees(assignees)) => TeamEvent::Assigned {
                conversation,
                assignees: assignees.clone(),
            },
            (Op::Read, _) => TeamEvent::Seen {
                conversation,
                seen: true,
            },
            (Op::Unread, _) => TeamEvent::Seen {
                conversation,
                seen: false,
            },
            _ => return,
        };
        team.publish(event);
    }
}
