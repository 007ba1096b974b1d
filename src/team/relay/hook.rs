//! The relay's HTTP side: who may post, where, how much; each webhook read
//! ([`read_hook`]) and its news queued, then answered at once. Every answer
//! is one of a few fixed words: nothing of a request is ever sent back. A
//! refusal is logged at its 1st, 2nd, 4th, 8th… time (whoever sends them
//! cannot flood the log); all are counted (`/health`).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

use super::publish::{Queue, stopped};
use super::webhook::{Hook, Ignored, read_hook};
use super::{BODY_WITHIN, MAX_IN_FLIGHT, Settings, Stats, bump, net};

/// What every request shares.
struct Ctx {
    settings: Arc<Settings>,
    stats: Arc<Stats>,
    queue: Arc<Queue>,
    slots: Semaphore,
}

/// Serve until `stop` says so.
pub(super) async fn serve(
    listener: TcpListener,
    settings: Arc<Settings>,
    stats: Arc<Stats>,
    queue: Arc<Queue>,
    stop: watch::Receiver<bool>,
) {
    let ctx = Arc::new(Ctx {
        settings,
        stats,
        queue,
        slots: Semaphore::new(MAX_IN_FLIGHT),
    });
    let app = axum::Router::new().fallback(handle).with_state(ctx);
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stopped(stop))
    .await;
    if let Err(e) = served {
        tracing::warn!("relay: the listener stopped: {e}");
    }
}

/// A fixed answer: its status and a word, never anything of the request.
fn answer(status: StatusCode, word: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        word,
    )
        .into_response()
}

async fn handle(
    State(ctx): State<Arc<Ctx>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
) -> Response {
    let Ok(_slot) = ctx.slots.try_acquire() else {
        return answer(StatusCode::SERVICE_UNAVAILABLE, "busy\n");
    };
    let s = &ctx.settings;
    let path = req.uri().path();
    // The counters for this machine only: not through a proxy, whose
    // requests come from loopback too.
    let forwarded = ["forwarded", "x-forwarded-for", "x-real-ip"]
        .iter()
        .any(|h| req.headers().contains_key(*h));
    if path == "/health" && req.method() == Method::GET && peer.ip().is_loopback() && !forwarded {
        let health = ctx.stats.health(&s.id);
        let json = serde_json::to_string(&health).unwrap_or_default() + "\n";
        return (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            json,
        )
            .into_response();
    }
    if !s.allow.is_empty() && !s.allow.iter().any(|n| n.contains(peer.ip())) {
        let n = bump(&ctx.stats.refused_addr);
        if n.is_power_of_two() {
            tracing::warn!("relay: refused a request from {} ({n} so far)", peer.ip());
        }
        return answer(StatusCode::FORBIDDEN, "forbidden\n");
    }
    let on_path = match &s.secret_path {
        Some(want) => net::is_path(path, want),
        None => path == "/hook",
    };
    if !on_path {
        bump(&ctx.stats.refused_path);
        // The path may hold a guess at the secret: not logged.
        tracing::debug!("relay: a request on a wrong path from {}", peer.ip());
        return answer(StatusCode::NOT_FOUND, "not found\n");
    }
    if req.method() != Method::POST {
        return answer(StatusCode::METHOD_NOT_ALLOWED, "POST only\n");
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > s.max_body as u64) {
        return too_big(&ctx, peer);
    }
    let body = req.into_body();
    let bytes = match tokio::time::timeout(BODY_WITHIN, read_capped(body, s.max_body)).await {
        Err(_) => return answer(StatusCode::REQUEST_TIMEOUT, "too slow\n"),
        Ok(Err(Read::TooBig)) => return too_big(&ctx, peer),
        Ok(Err(Read::Broken)) => return answer(StatusCode::BAD_REQUEST, "unreadable\n"),
        Ok(Ok(b)) => b,
    };
    match read_hook(&bytes, &s.pages, &s.origin) {
        Ok(Hook::News(news)) => {
            bump(&ctx.stats.received);
            ctx.queue.push(news);
            answer(StatusCode::OK, "ok\n")
        }
        Ok(Hook::Ignored(why)) => {
            let counter = match why {
                Ignored::OtherPage(_) => &ctx.stats.ignored_page,
                _ => &ctx.stats.ignored_event,
            };
            if bump(counter) == 1 {
                tracing::info!("relay: left aside {why} (said once)");
            }
            answer(StatusCode::OK, "ok\n")
        }
        Err(why) => {
            let n = bump(&ctx.stats.malformed);
            if n.is_power_of_two() {
                tracing::warn!(
                    "relay: refused a body of {} bytes from {}: {why} ({n} so far)",
                    bytes.len(),
                    peer.ip()
                );
            }
            answer(StatusCode::BAD_REQUEST, "not a webhook\n")
        }
    }
}

fn too_big(ctx: &Ctx, peer: SocketAddr) -> Response {
    let n = bump(&ctx.stats.too_big);
    if n.is_power_of_two() {
        tracing::warn!(
            "relay: refused a body over {} bytes from {} ({n} so far)",
            ctx.settings.max_body,
            peer.ip()
        );
    }
    let mut r = answer(StatusCode::PAYLOAD_TOO_LARGE, "too large\n");
    // The rest of the body is not read: the connection is not reused.
    r.headers_mut().insert(
        header::CONNECTION,
        header::HeaderValue::from_static("close"),
    );
    r
}

enum Read {
    TooBig,
    Broken,
}

/// The body, or `TooBig` as soon as more than `cap` bytes came (the rest is
/// never read).
async fn read_capped(body: Body, cap: usize) -> Result<bytes::Bytes, Read> {
    use futures_util::StreamExt;
    let mut stream = body.into_data_stream();
    let mut buf = bytes::BytesMut::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| Read::Broken)?;
        if buf.len() + chunk.len() > cap {
            return Err(Read::TooBig);
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}
