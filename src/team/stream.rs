//! Reading a page's stream: `XREAD BLOCK` on a connection of its own (a
//! blocked read holds its connection), each entry of another inbox handed
//! to this one, read as untrusted ([`super::event::decode_entry`]).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use redis::Value;
use tokio::sync::mpsc;

use crate::api::PageId;

use super::event::decode_entry;
use super::status::News;

/// The longest wait for a connection.
const CONNECT_WITHIN: Duration = Duration::from_millis(800);
/// How long before trying again after Redis failed.
const AGAIN_AFTER: Duration = Duration::from_secs(1);

/// What reading a page's stream needs.
pub(super) struct Reader {
    pub(super) client: redis::Client,
    pub(super) page: PageId,
    /// This inbox's origin: its own entries are skipped.
    pub(super) me: String,
    pub(super) key: String,
    pub(super) news: mpsc::UnboundedSender<News>,
    pub(super) skipped: Arc<AtomicU64>,
    /// Gone when the link is dropped: reading stops.
    pub(super) alive: Weak<()>,
    /// The stream is being read (a follower needs it to be fed).
    pub(super) reading: Arc<AtomicBool>,
}

/// How long one `XREAD` blocks.
const BLOCK: Duration = Duration::from_secs(2);
/// Entries read at once.
const READ_COUNT: usize = 100;

/// Reads the page's stream from now on and hands each entry of another
/// inbox to this one, until the link is dropped.
pub(super) async fn stream_loop(r: Reader) {
    // From the newest entry on; after a reconnection, from the last read
    // (what was trimmed meanwhile, the reconcile poll brings).
    let mut last = None;
    while r.alive.strong_count() > 0 {
        let made =
            tokio::time::timeout(CONNECT_WITHIN, r.client.get_multiplexed_async_connection()).await;
        let Ok(Ok(mut conn)) = made else {
            tokio::time::sleep(AGAIN_AFTER).await;
            continue;
        };
        conn.set_response_timeout(BLOCK + CONNECT_WITHIN * 2);
        if last.is_none() {
            // The newest id now, so that nothing added between two reads
            // is missed (`$` would mean "after this read starts").
            let mut newest = redis::cmd("XREVRANGE");
            newest.arg(&r.key).arg("+").arg("-").arg("COUNT").arg(1);
            match newest.query_async::<Value>(&mut conn).await {
                Ok(v) => {
                    let listed = Value::Array(vec![Value::Array(vec![Value::Nil, v])]);
                    last = Some(
                        entries(listed)
                            .pop()
                            .map_or_else(|| "0-0".to_owned(), |(id, _)| id),
                    );
                }
                Err(_) => {
                    tokio::time::sleep(AGAIN_AFTER).await;
                    continue;
                }
            }
        }
        r.reading.store(true, Ordering::Relaxed);
        while r.alive.strong_count() > 0 {
            let from = last.clone().unwrap_or_else(|| "0-0".to_owned());
            let mut read = redis::cmd("XREAD");
            read.arg("COUNT")
                .arg(READ_COUNT)
                .arg("BLOCK")
                .arg(BLOCK.as_millis() as u64)
                .arg("STREAMS")
                .arg(&r.key)
                .arg(from);
            let Ok(answer) = read.query_async::<Value>(&mut conn).await else {
                r.reading.store(false, Ordering::Relaxed);
                break;
            };
            for (id, fields) in entries(answer) {
                last = Some(id);
                match decode_entry(&r.page, &fields) {
                    Ok(e) if e.origin == r.me => {}
                    Ok(e) => {
                        let _ = r.news.send(News::Event(e.event));
                    }
                    Err(why) => {
                        r.skipped.fetch_add(1, Ordering::Relaxed);
                        tracing::warn!("team: an entry of page {} skipped: {why}", r.page);
                    }
                }
            }
        }
        tokio::time::sleep(AGAIN_AFTER).await;
    }
}

/// An entry's fields, as `XREAD` gives them.
pub(super) type Fields = Vec<(String, Vec<u8>)>;

/// The entries of an `XREAD` answer (one stream): id and fields. Anything
/// of another shape yields nothing.
pub(super) fn entries(answer: Value) -> Vec<(String, Fields)> {
    let streams = match answer {
        Value::Array(s) => s,
        Value::Map(m) => m
            .into_iter()
            .map(|(k, v)| Value::Array(vec![k, v]))
            .collect(),
        _ => return vec![],
    };
    let mut out = Vec::new();
    for stream in streams {
        let Value::Array(mut kv) = stream else {
            continue;
        };
        let Some(Value::Array(list)) = kv.pop() else {
            continue;
        };
        for entry in list {
            let Value::Array(mut e) = entry else { continue };
            if e.len() != 2 {
                continue;
            }
            let (Value::Array(flat), Value::BulkString(id)) =
                (e.pop().unwrap_or(Value::Nil), e.pop().unwrap_or(Value::Nil))
            else {
                continue;
            };
            let mut fields = Vec::new();
            let mut it = flat.into_iter();
            while let (Some(Value::BulkString(k)), Some(Value::BulkString(v))) =
                (it.next(), it.next())
            {
                fields.push((String::from_utf8_lossy(&k).into_owned(), v));
            }
            out.push((String::from_utf8_lossy(&id).into_owned(), fields));
        }
    }
    out
}
