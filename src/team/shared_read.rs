//! Read once for the team: a list page of the backfill, a thread as it
//! stands at a given change, the tags or the staff. The first inbox that
//! needs one claims it (`SET {prefix}:claim:{page}:{what} NX PX`), reads it
//! from Pancake and leaves the answer in Redis for a short life
//! (`{prefix}:read:{page}:{what}`); an inbox that finds the claim taken
//! waits for that answer instead of asking Pancake too, and asks Pancake
//! itself only if the claimer gave up or took too long. Without Redis,
//! every read goes to Pancake as before.
//!
//! The answer left in Redis is read back like a stream entry: size-capped,
//! checked against the page, clamped, sanitized ([`super::event::decode_body`]).

use std::time::Duration;

use redis::Value;
use tokio::time::Instant;

use crate::api::ApiError;

use super::event::{MAX_READ_BYTES, TeamEvent, decode_body};
use super::link::{TeamLink, ask};

/// How long a claim holds others back: past it, they read for themselves.
const CLAIM: Duration = Duration::from_secs(10);
/// How often a waiting inbox looks for the claimer's answer.
const LOOK_EVERY: Duration = Duration::from_millis(50);
/// The longest one Redis command may take here.
const ANSWER_WITHIN: Duration = Duration::from_millis(800);

/// Where an answer came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// This inbox asked Pancake.
    Pancake,
    /// Another inbox of the team had asked it.
    Team,
}

impl TeamLink {
    /// `what` (a short name, unique for the page: `list:top`,
    /// `thread:<conv>:<time>`, `tags`) read once for the team: from Redis if
    /// another inbox read it less than `life` ago, else from `fetch`
    /// (whose answer is then left for the others).
    pub async fn read_once<F>(
        &self,
        what: &str,
        life: Duration,
        fetch: F,
    ) -> Result<(TeamEvent, Source), ApiError>
    where
        F: Future<Output = Result<TeamEvent, ApiError>>,
    {
        let Some(mut c) = self.conn().await else {
            return fetch.await.map(|e| (e, Source::Pancake));
        };
        let read_key = format!("{}{what}", self.keys.read);
        let claim_key = format!("{}{what}", self.keys.claim);
        let deadline = Instant::now() + CLAIM;
        loop {
            match self.cached(&mut c, &read_key).await {
                Ok(Some(event)) => return Ok((event, Source::Team)),
                Ok(None) => {}
                Err(()) => return fetch.await.map(|e| (e, Source::Pancake)),
            }
            let mut claim = redis::cmd("SET");
            claim
                .arg(&claim_key)
                .arg(&self.me)
                .arg("NX")
                .arg("PX")
                .arg(CLAIM.as_millis() as u64);
            let won = match ask(&mut c, &claim).await {
                Some(Ok(Value::Okay)) => true,
                Some(Ok(_)) => false,
                _ => {
                    self.lost();
                    return fetch.await.map(|e| (e, Source::Pancake));
                }
            };
            if won {
                // The claimer before may have left its answer and freed
                // the claim between the look above and this claim.
                if let Ok(Some(event)) = self.cached(&mut c, &read_key).await {
                    self.free(&mut c, &claim_key).await;
                    return Ok((event, Source::Team));
                }
                let answer = fetch.await;
                // A failed read frees the claim: the others read for
                // themselves at once.
                let left = answer.as_ref().ok();
                self.leave(&mut c, &read_key, &claim_key, left, life).await;
                return answer.map(|e| (e, Source::Pancake));
            }
            if Instant::now() >= deadline {
                return fetch.await.map(|e| (e, Source::Pancake));
            }
            tokio::time::sleep(LOOK_EVERY).await;
        }
    }

    /// The answer another inbox left, if any and readable (`Err`: Redis
    /// failed).
    async fn cached(
        &self,
        c: &mut redis::aio::MultiplexedConnection,
        key: &str,
    ) -> Result<Option<TeamEvent>, ()> {
        match ask(c, redis::cmd("GET").arg(key)).await {
            Some(Ok(Value::BulkString(body))) => {
                match decode_body(&self.page, &body, MAX_READ_BYTES) {
                    Ok(event) => Ok(Some(event)),
                    Err(why) => {
                        tracing::warn!("team: a shared read of page {} skipped: {why}", self.page);
                        Ok(None)
                    }
                }
            }
            Some(Ok(_)) => Ok(None),
            // A key of another type (planted) reads as nothing.
            Some(Err(e)) if !(e.is_io_error() || e.is_timeout() || e.is_connection_dropped()) => {
                Ok(None)
            }
            _ => {
                self.lost();
                Err(())
            }
        }
    }

    /// Free the claim, nothing left.
    async fn free(&self, c: &mut redis::aio::MultiplexedConnection, claim_key: &str) {
        if !matches!(ask(c, redis::cmd("DEL").arg(claim_key)).await, Some(Ok(_))) {
            self.lost();
        }
    }

    /// Leave `event` (if read) for the others, and free the claim.
    async fn leave(
        &self,
        c: &mut redis::aio::MultiplexedConnection,
        read_key: &str,
        claim_key: &str,
        event: Option<&TeamEvent>,
        life: Duration,
    ) {
        let body = event.and_then(|e| serde_json::to_vec(e).ok());
        let mut pipe = redis::pipe();
        pipe.atomic();
        if let Some(body) = body.filter(|b| b.len() <= MAX_READ_BYTES) {
            pipe.cmd("SET")
                .arg(read_key)
                .arg(body)
                .arg("PX")
                .arg(life.as_millis() as u64)
                .ignore();
        }
        pipe.cmd("DEL").arg(claim_key).ignore();
        let done = pipe.query_async::<()>(c);
        if !matches!(tokio::time::timeout(ANSWER_WITHIN, done).await, Ok(Ok(()))) {
            self.lost();
        }
    }
}
