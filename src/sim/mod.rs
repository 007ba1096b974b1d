//! A Pancake simulator: a real HTTP server on loopback that speaks the real
//! service's dialect (pancake-api.md § Shapes, Errors in 200), by default; where pancake-api.md states a
//! behaviour it keeps it exactly.
//!
//! From pancake-api.md § List and Messages: 60 conversations per call with the `last_conversation_id`
//! cursor and the server-side filters of pancake-api.md § List; messages the newest 30 then
//! 30 older per `current_count`; tag changes answered with `data` (ints; tag
//! ids may be sent as strings); `assignee_ids` replacing the whole list;
//! read/unread flipping `seen`; 404 on a wrong page; 5 requests per page per
//! second, then rate limited.
//!
//! From production clients (pancake-api.md § Shapes), generated deterministically from the
//! seed:
//! - conversations: three customer ids, three values (pancake-api.md § Three
//!   customer ids): `customers[0].id` = `page_customer.id` the page customer,
//!   top-level `customer_id` the global id, `from.id` the PSID; an embedded
//!   `page_customer` (gender, birthday, phones, notes, recent orders) and
//!   `tag_histories`; ~10% without `customers`, ~8% of tagged ones with a `null` in `tags`,
//!   `recent_phone_numbers` as objects `{phone_number, captured}` or plain
//!   strings, times naive / naive with microseconds / with `Z` (per field),
//!   snippets with HTML or system text, `last_sent_by` (a customer's email is
//!   `<psid>@facebook.com`), `has_phone`, `thread_id`; page ids that are not
//!   only digits (`igo_...`);
//! - messages: `from.id` the page id (plus `admin_id`/`admin_name`/`uid`) or
//!   the PSID; attachment links under `url`, `file_url`, `preview_url`,
//!   `src`, `payload.url` or `image_data.url`; `replied_message` quotes;
//!   `customer_id` optional (the page customer's or the global id), a PSID
//!   or another answered `success: false`; the answer carries the notes;
//! - notes (`page_customers/{id}/notes`, POST/PUT/DELETE), record fixes
//!   (`PUT page_customers/{id}`) and `posts` (paged), strict (pancake-api.md
//!   § Notes, § Customers, § Posts);
//! - errors mostly inside HTTP 200: `{"success": false, "message", "error_code"}`
//!   for a `Faults::body_errors` share (default 0.5) of rate limits (429),
//!   server errors (500) and wrong page tokens (102; else HTTP 429 with
//!   `Retry-After: 1`, 5xx, 401); always for refusals of processed requests
//!   (unknown tag, bad assignee, ...), a revoked page token (105), an expired
//!   subscription (122) or user token (103), and sends Facebook refuses
//!   (`e_code` / `e_subcode`: the 24-hour window 10 / 2018278, or what
//!   `SimHandle::refuse_sends` sets); private replies reported failed although
//!   delivered (`Faults::ghost_private_replies`);
//! - the query read as Phoenix does: a repeated plain key keeps its last
//!   value, `key[]` makes a list (comma-joined `tags` / `post_ids` too).
//!
//! Faults and troubles on demand (`SimHandle`, `/api/__sim/...`), and a log of
//! every request received (the oracle): read it with
//! `LoggedRequest::rate_limited` / `ok`, not the HTTP status alone.

mod cli;
mod config;
mod data;
pub mod day;
mod rng;
mod server;
mod upload;
mod world;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::sync::oneshot;

pub use cli::{SimArgs, run_cli};
pub use config::{DEFAULT_BODY_ERRORS, Faults, MessagesWant, SimConfig};

use data::{Gen, Shape};
use server::Shared;
use world::World;

/// A page of the simulator (its token is a simulator token, not a secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimPage {
    pub id: String,
    pub name: String,
    pub token: String,
}

/// One request as received: the tests' oracle. Tokens are not kept.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    /// In received order, without `page_access_token` / `access_token`.
    pub query: Vec<(String, String)>,
    pub body: String,
    /// 0 when the connection was dropped.
    pub status: u16,
    /// Arrival since the simulator started (monotonic).
    pub at: Duration,
    pub page_id: Option<String>,
    /// The body's `error_code` (or Facebook's `e_code`) when the answer was
    /// an error inside an HTTP 200.
    pub error_code: Option<i64>,
    /// The body's `success`, when the answer had one.
    pub success: Option<bool>,
    /// The JSON answered, when `SimHandle::log_answers` is on (the
    /// contract test reads it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<Value>,
}

impl LoggedRequest {
    /// Rate limited: HTTP 429 or `error_code` 429 in a 200.
    pub fn rate_limited(&self) -> bool {
        self.status == 429 || self.error_code == Some(429)
    }

    /// Answered HTTP 200 and not with an error body (`success: false`).
    pub fn ok(&self) -> bool {
        self.status == 200 && self.success != Some(false)
    }

    /// A server error: HTTP 5xx or `error_code` 500 in a 200.
    pub fn server_error(&self) -> bool {
        self.status >= 500 || self.error_code == Some(500)
    }
}

pub struct Simulator;

impl Simulator {
    pub async fn start(cfg: SimConfig) -> anyhow::Result<SimHandle> {
        let generator = Gen {
            seed: cfg.seed,
            now: world::now(),
        };
        let mut r = rng::Rng::new(cfg.seed);
        let token = |r: &mut rng::Rng| format!("sim-{:016x}{:016x}", r.next(), r.next());
        let pages = vec![
            generator.page(
                cfg.conversations,
                "105384912345678",
                "Tiệm Bánh Pancake",
                &token(&mut r),
                Shape::Reference,
                true,
            ),
            generator.page(
                300,
                "204857361928374",
                "Pancake Café Đà Lạt",
                &token(&mut r),
                Shape::Varied,
                false,
            ),
            generator.page(
                120,
                "igo_17841405822304914",
                "Bếp Pancake Sài Gòn",
                &token(&mut r),
                Shape::Reference,
                false,
            ),
        ];
        let world = World {
            generator,
            pages,
            user_token: token(&mut r),
            user_token_expired: false,
            next_msg: 0,
        };
        let shared = Arc::new(Shared::new(
            world,
            cfg.faults.clone(),
            cfg.rate_limit,
            cfg.seed,
        ));
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", cfg.port)).await?;
        let addr = listener.local_addr()?;
        let app = axum::Router::new()
            .fallback(server::handle)
            // Uploads up to Pancake's 25 MB (and a little more, to refuse
            // a larger one in its words, not axum's).
            .layer(axum::extract::DefaultBodyLimit::max(32 << 20))
            .with_state(shared.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        let live = cfg.live.then(|| {
            let shared = shared.clone();
            let every = cfg.live_interval;
            tokio::spawn(async move {
                let mut r = rng::Rng::new(cfg.seed ^ 0x11FE);
                loop {
                    tokio::time::sleep(every).await;
                    live_message(&shared, &mut r);
                }
            })
        });
        Ok(SimHandle {
            shared,
            addr,
            stop: Some(stop),
            server,
            live,
        })
    }
}

const LIVE_LINES: &[&str] = &[
    "Shop ơi còn hàng không ạ?",
    "Mình chuyển khoản rồi nhé 🙏",
    "Khi nào giao hàng vậy shop?",
    "Is this still available?",
    "Cho mình đổi size L nha 😊",
];

fn live_message(shared: &Shared, r: &mut rng::Rng) {
    let (pid, cid) = {
        let w = shared.world();
        let page = &w.pages[0];
        if page.convs.is_empty() {
            return;
        }
        let c = &page.convs[r.below(page.convs.len() as u64) as usize];
        (page.id.clone(), c.id.clone())
    };
    let line = *r.pick(LIVE_LINES);
    inject(shared, &pid, &cid, line);
}

fn inject(shared: &Shared, pid: &str, cid: &str, text: &str) {
    let mut w = shared.world();
    let id = w.new_message_id();
    let Some(page) = w.page_mut(pid) else { return };
    let Some(&i) = page.index.get(cid) else {
        return;
    };
    let c = &mut page.convs[i];
    let now = world::now();
    c.extra.push(data::Msg {
        id,
        from_id: c.psid.clone(),
        from_name: c.name.clone(),
        admin: None,
        text: text.to_owned(),
        attachments: vec![],
        at: now.max(c.updated_at),
        hidden: false,
        removed: false,
    });
    c.snippet = text.to_owned();
    c.seen = false;
    c.updated_at = now;
    c.last_customer_at = now;
    c.last_sender = data::Sender::Customer;
}

/// A running simulator.
pub struct SimHandle {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    server: tokio::task::JoinHandle<()>,
    live: Option<tokio::task::JoinHandle<()>>,
}

impl SimHandle {
    /// `http://127.0.0.1:PORT/api` (= PANCAKE_API_URL).
    pub fn base_url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn pages(&self) -> Vec<SimPage> {
        self.shared
            .world()
            .pages
            .iter()
            .map(|p| SimPage {
                id: p.id.clone(),
                name: p.name.clone(),
                token: p.token.clone(),
            })
            .collect()
    }

    pub fn main_page(&self) -> SimPage {
        self.pages().remove(0)
    }

    pub fn user_token(&self) -> String {
        self.shared.world().user_token.clone()
    }

    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared
            .log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Keep the JSON of every answer in the request log from now on (off by
    /// default: a long run would keep every list it served).
    pub fn log_answers(&self, on: bool) {
        self.shared
            .log_answers
            .store(on, std::sync::atomic::Ordering::SeqCst);
    }

    /// Bytes sent so far of endless answers (`Faults::endless_answers`).
    pub fn streamed_bytes(&self) -> u64 {
        self.shared
            .streamed
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Sends held by `Faults::park_file_sends` right now.
    pub fn parked_sends(&self) -> u32 {
        self.shared.parked.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn clear_requests(&self) {
        self.shared
            .log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    pub fn set_faults(&self, f: Faults) {
        *self.shared.faults.lock().unwrap_or_else(|e| e.into_inner()) = f;
    }

    pub fn set_rate_limit(&self, per_sec: u32) {
        self.shared
            .limit
            .store(per_sec, std::sync::atomic::Ordering::Relaxed);
    }

    /// The conversation as the list would serve it now.
    pub fn conversation_json(&self, page_id: &str, conv_id: &str) -> Option<Value> {
        server::conversation_value(&self.shared, page_id, conv_id)
    }

    /// Conversation ids in the default order (updated_at, newest first).
    pub fn conversation_ids(&self, page_id: &str) -> Vec<String> {
        let w = self.shared.world();
        let Some(page) = w.page(page_id) else {
            return vec![];
        };
        let mut convs: Vec<&data::Conv> = page.convs.iter().collect();
        convs.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id)));
        convs.into_iter().map(|c| c.id.clone()).collect()
    }

    /// The whole thread, oldest first.
    pub fn messages_json(&self, page_id: &str, conv_id: &str) -> Vec<Value> {
        let w = self.shared.world();
        let Some(page) = w.page(page_id) else {
            return vec![];
        };
        let Some(c) = page.index.get(conv_id).map(|&i| &page.convs[i]) else {
            return vec![];
        };
        w.generator
            .thread(page, c)
            .iter()
            .map(|m| world::msg_json(page, c, m))
            .collect()
    }

    pub fn users_json(&self, page_id: &str) -> Value {
        let w = self.shared.world();
        w.page(page_id)
            .map(server::users_json)
            .unwrap_or(Value::Null)
    }

    pub fn tags_json(&self, page_id: &str) -> Value {
        let w = self.shared.world();
        w.page(page_id)
            .map(|p| {
                serde_json::json!({"tags": p.tags.iter().map(|t| serde_json::json!({
                    "id": t.id, "text": t.text, "color": t.color, "lighten_color": t.lighten
                })).collect::<Vec<_>>()})
            })
            .unwrap_or(Value::Null)
    }

    /// The page gets a new token (returned; `pages()` and
    /// `generate_page_access_token` give it too). The old one answers
    /// 200 + `error_code` 105 "access_token has been revoked" from now on.
    /// `None` for an unknown page.
    pub fn revoke_page_token(&self, page_id: &str) -> Option<String> {
        self.shared.revoke_page_token(page_id)
    }

    /// While `expired`, every call of the page (right token) answers
    /// 200 + `error_code` 122 "Page subscription expired". False for an
    /// unknown page.
    pub fn expire_subscription(&self, page_id: &str, expired: bool) -> bool {
        self.shared.expire_subscription(page_id, expired)
    }

    /// While `expired`, user-token calls (the right token) answer
    /// 200 + `error_code` 103.
    pub fn expire_user_token(&self, expired: bool) {
        self.shared.expire_user_token(expired)
    }

    /// Every send on the conversation fails with Facebook's
    /// `(e_code, e_subcode)` (subcode 0 = none; e.g. `(551, 0)` person
    /// unavailable, `(368, 3252001)` Facebook's rate limit) until cleared
    /// with `None`. False for an unknown page or conversation.
    pub fn refuse_sends(&self, page_id: &str, conv_id: &str, codes: Option<(i64, i64)>) -> bool {
        self.shared.refuse_sends(page_id, conv_id, codes)
    }

    /// Whether a `reply_inbox` to it now is inside Facebook's 24-hour window
    /// after the customer's last message.
    pub fn reply_window_open(&self, page_id: &str, conv_id: &str) -> Option<bool> {
        let w = self.shared.world();
        let page = w.page(page_id)?;
        let c = page.convs.get(*page.index.get(conv_id)?)?;
        Some(world::now() - c.last_customer_at <= data::REPLY_WINDOW)
    }

    /// Rename a conversation's customer (fixtures of hostile names for tests).
    pub fn set_customer_name(&self, page_id: &str, conv_id: &str, name: &str) {
        let mut w = self.shared.world();
        let Some(page) = w.page_mut(page_id) else {
            return;
        };
        if let Some(&i) = page.index.get(conv_id) {
            page.convs[i].name = name.to_owned();
        }
    }

    /// Rename the page's `i`-th tag (fixtures for tests).
    pub fn set_tag_name(&self, page_id: &str, i: usize, name: &str) {
        let mut w = self.shared.world();
        if let Some(t) = w.page_mut(page_id).and_then(|p| p.tags.get_mut(i)) {
            t.text = name.to_owned();
        }
    }

    /// Rename the page's `i`-th staff member (fixtures for tests).
    pub fn set_staff_name(&self, page_id: &str, i: usize, name: &str) {
        let mut w = self.shared.world();
        if let Some(u) = w.page_mut(page_id).and_then(|p| p.users.get_mut(i)) {
            u.name = name.to_owned();
        }
    }

    /// Make `to_conv`'s customer the customer of `from_conv` (same customer
    /// id and name): one customer with several conversations on the page.
    /// False for an unknown page or conversation.
    pub fn share_customer(&self, page_id: &str, from_conv: &str, to_conv: &str) -> bool {
        let mut w = self.shared.world();
        let Some(page) = w.page_mut(page_id) else {
            return false;
        };
        let (Some(&a), Some(&b)) = (page.index.get(from_conv), page.index.get(to_conv)) else {
            return false;
        };
        let from = page.convs[a].clone();
        let to = &mut page.convs[b];
        to.customer_id = from.customer_id;
        to.page_customer_id = from.page_customer_id;
        to.name = from.name;
        to.notes = from.notes;
        to.gender = from.gender;
        to.birthday = from.birthday;
        true
    }

    /// A file uploaded to the page (`upload_contents`), by content id.
    pub fn upload(&self, page_id: &str, content_id: &str) -> Option<day::SimUpload> {
        self.shared
            .world()
            .page(page_id)?
            .uploads
            .get(content_id)
            .cloned()
    }

    /// The figures the statistics endpoints serve for `since..=until`
    /// (the oracle of the tests): per local day, per staff member, per hour.
    pub fn day_walk(&self, page_id: &str, since: i64, until: i64) -> Option<day::Walk> {
        let w = self.shared.world();
        let page = w.page(page_id)?;
        Some(day::walk(
            &w.generator,
            page,
            day::Range { since, until },
            &[],
        ))
    }

    /// A new customer message, as `--live` makes them.
    pub fn inject_customer_message(&self, page_id: &str, conv_id: &str, text: &str) {
        inject(&self.shared, page_id, conv_id, text);
    }

    /// Stop serving and free the port.
    pub async fn shutdown(mut self) {
        if let Some(live) = self.live.take() {
            live.abort();
        }
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        // Idle keep-alive connections must not hold the port: give graceful
        // shutdown a moment, then stop the server task.
        if tokio::time::timeout(Duration::from_millis(500), &mut self.server)
            .await
            .is_err()
        {
            self.server.abort();
            let _ = (&mut self.server).await;
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        if let Some(live) = self.live.take() {
            live.abort();
        }
        self.server.abort();
    }
}
