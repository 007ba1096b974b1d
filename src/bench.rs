//! `pancake-tui bench ...`: figures, printed (never asserted in tests).

use std::io::Write;
use std::time::{Duration, Instant};

use secrecy::SecretString;

use crate::api::{Client, ClientConfig, ConversationId, ConversationQuery, PageId};
use crate::app::{self, Msg, State, fixtures};
use crate::sim::{SimConfig, Simulator};

mod fresh;
mod headless;
mod hostile;
mod start;
mod team;
mod team_redis;

#[derive(clap::Subcommand, Clone, Debug)]
pub enum Which {
    /// Backfill from the simulator at its real rate limit, then the documented
    /// sequential loop (300 ms sleeps), and compare.
    Sync {
        #[arg(long, default_value_t = 10_000)]
        conversations: usize,
    },
    /// Frame time, key-to-frame time, bytes per `j` and memory with many
    /// conversations loaded.
    Ui {
        #[arg(long, default_value_t = 100_000)]
        conversations: usize,
    },
    /// Start to the first painted list from a cache of many conversations,
    /// and the cache's size on disk.
    Start {
        #[arg(long, default_value_t = 100_000)]
        conversations: usize,
    },
    /// N agents on one page (each its own client, as its own process would
    /// be) backfilling and acting together: requests per second against the
    /// limit, 429s, action latency; the host budget shared, then not.
    Team {
        #[arg(default_value_t = 3)]
        agents: usize,
        #[arg(long, default_value_t = 3_000)]
        conversations: usize,
        /// Only the run where each agent has its own budget.
        #[arg(long)]
        own_only: bool,
        /// A running Redis (`redis://127.0.0.1:6379/0`): the agents as one
        /// team on it (one reader, reads shared), against one inbox alone.
        #[arg(long, conflicts_with = "own_only")]
        redis: Option<String>,
    },
    /// N inboxes on one page: a customer's new message from arrival to the
    /// screen (p50/p95), and the share of the budget the polls use.
    Fresh {
        #[arg(default_value_t = 1)]
        agents: usize,
        /// A running Redis (`redis://127.0.0.1:6379/0`): the inboxes share
        /// its budget and read the page as one team (one reader, news
        /// through the page's stream).
        #[arg(long)]
        redis: Option<String>,
        /// With `--redis`: a webhook relay publishes the page's news, fed
        /// by the benchmark as Pancake would post each new message.
        #[arg(long, requires = "redis")]
        relay: bool,
    },
    /// An agent's first permit when the shared budget dir was made hostile
    /// (a planted symlink or FIFO, a poisoned book, its lock held), against
    /// a clean book.
    Hostile,
}

/// The `q` quantile of `sorted` (nearest rank; zero when empty).
fn percentile(sorted: &[Duration], q: f64) -> Duration {
    sorted
        .get(((sorted.len() as f64 - 1.0) * q).round() as usize)
        .copied()
        .unwrap_or_default()
}

pub async fn run(which: Which) -> anyhow::Result<()> {
    match which {
        Which::Sync { conversations } => sync(conversations).await,
        Which::Ui { conversations } => ui(conversations).await,
        Which::Start { conversations } => start::run(conversations),
        Which::Team {
            agents,
            conversations,
            redis: Some(url),
            ..
        } => team_redis::run(agents, conversations, &url).await,
        Which::Team {
            agents,
            conversations,
            own_only,
            redis: None,
        } => team::run(agents, conversations, own_only).await,
        Which::Fresh {
            agents,
            redis,
            relay,
        } => fresh::run(agents, redis, relay).await,
        Which::Hostile => hostile::run().await,
    }
}

/// Figures of one backfill.
struct Run {
    requests: u64,
    conversations: usize,
    elapsed: Duration,
}

impl Run {
    fn req_per_sec(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }
    fn conv_per_sec(&self) -> f64 {
        self.conversations as f64 / self.elapsed.as_secs_f64()
    }

    /// One line of figures, with the 429 answers the run met.
    fn print(&self, name: &str, rate_limited: usize) {
        println!(
            "{name}: {} requests, {} conversations in {:.1} s: {:.2} req/s, {:.0} conversations/s, {rate_limited} x 429",
            self.requests,
            self.conversations,
            self.elapsed.as_secs_f64(),
            self.req_per_sec(),
            self.conv_per_sec(),
        );
    }
}

async fn sync(n: usize) -> anyhow::Result<()> {
    let sim = Simulator::start(SimConfig {
        conversations: n,
        live: false,
        ..SimConfig::default()
    })
    .await?;
    let main = sim.main_page();
    let limit = 5.0;
    println!(
        "backfilling {n} conversations from the simulator (limit {limit} requests/s per page)"
    );

    let client = Client::new(ClientConfig {
        base_url: sim.base_url(),
        ..ClientConfig::default()
    })?;
    let api = client
        .page(
            PageId::new(main.id.clone()),
            SecretString::from(main.token.clone()),
        )
        .background();
    let start = Instant::now();
    let mut cursor: Option<ConversationId> = None;
    let mut loaded = 0;
    loop {
        let batch = api
            .conversations(&ConversationQuery::default(), cursor.as_ref())
            .await?;
        let Some(last) = batch.last() else { break };
        cursor = Some(last.id.clone());
        loaded += batch.len();
    }
    let ours = Run {
        requests: client
            .stats()
            .requests
            .load(std::sync::atomic::Ordering::Relaxed),
        conversations: loaded,
        elapsed: start.elapsed(),
    };
    let our_429 = sim.requests().iter().filter(|r| r.rate_limited()).count();
    ours.print("throttled client", our_429);

    sim.clear_requests();
    let seq = sequential(&sim.base_url(), &main.id, &main.token).await?;
    let seq_429 = sim.requests().iter().filter(|r| r.rate_limited()).count();
    seq.print("documented loop (sleep 300 ms)", seq_429);
    let pct = ours.req_per_sec() / limit * 100.0;
    let ratio = ours.conv_per_sec() / seq.conv_per_sec();
    println!(
        "sync: {:.2} req/s = {:.0}% of limit, {} x 429, {:.2}x the sequential loop",
        ours.req_per_sec(),
        pct,
        our_429,
        ratio
    );
    sim.shutdown().await;
    Ok(())
}

/// The documented pagination loop (pancake-api.md § List): one call, sleep 300 ms, repeat until empty.
async fn sequential(base: &str, page: &str, token: &str) -> anyhow::Result<Run> {
    let http = reqwest::Client::builder().no_proxy().build()?;
    let url = format!("{base}/public_api/v2/pages/{page}/conversations");
    let start = Instant::now();
    let (mut requests, mut loaded, mut last) = (0u64, 0usize, None::<String>);
    loop {
        let mut q = vec![("page_access_token", token.to_owned())];
        if let Some(l) = &last {
            q.push(("last_conversation_id", l.clone()));
        }
        requests += 1;
        let resp = http.get(&url).query(&q).send().await?;
        if resp.status().as_u16() == 429 {
            tokio::time::sleep(Duration::from_secs(1)).await;
            continue;
        }
        let v: serde_json::Value = resp.json().await?;
        let convs = v["conversations"].as_array().cloned().unwrap_or_default();
        let Some(l) = convs.last().and_then(|c| c["id"].as_str()) else {
            break;
        };
        last = Some(l.to_owned());
        loaded += convs.len();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    Ok(Run {
        requests,
        conversations: loaded,
        elapsed: start.elapsed(),
    })
}

/// Counts what the terminal backend writes.
struct Counter(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .fetch_add(buf.len(), std::sync::atomic::Ordering::Relaxed);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

async fn ui(n: usize) -> anyhow::Result<()> {
    use ratatui::Terminal;
    use ratatui::backend::{CrosstermBackend, TestBackend};

    let (w, h) = (120u16, 40u16);
    let mut state = fixtures::synthetic_state(n);
    state.viewport = crate::ui::layout::viewport(w, h);
    // The fixtures' own memory is given back first: what stays is the
    // inbox's state.
    release_freed_memory();
    let rss = rss_kib();
    println!("{n} conversations loaded, {w}x{h} terminal");

    let mut term = Terminal::new(TestBackend::new(w, h))?;
    let frames = 300;
    let t = Instant::now();
    for _ in 0..frames {
        term.draw(|f| crate::ui::render(&state, f))?;
    }
    let frame = t.elapsed() / frames;

    let j = fixtures::key_event("j");
    let t = Instant::now();
    for _ in 0..frames {
        let _ = app::update(&mut state, Msg::Key(j));
        term.draw(|f| crate::ui::render(&state, f))?;
    }
    let key_to_frame = t.elapsed() / frames;

    let bytes = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut real = Terminal::with_options(
        CrosstermBackend::new(Counter(bytes.clone())),
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h)),
        },
    )?;
    let _ = fixtures::press(&mut state, "g");
    real.draw(|f| crate::ui::render(&state, f))?;
    let first = bytes.swap(0, std::sync::atomic::Ordering::Relaxed);
    // Presses that stay inside the page (the common case).
    let in_page = state.viewport.list_rows.saturating_sub(1).max(1);
    for _ in 0..in_page {
        let _ = app::update(&mut state, Msg::Key(j));
        real.draw(|f| crate::ui::render(&state, f))?;
    }
    let per_j_in_page = bytes.swap(0, std::sync::atomic::Ordering::Relaxed) / in_page;
    // A long run down the list: page edges included (half-page jumps).
    let run = 1000;
    for _ in 0..run {
        let _ = app::update(&mut state, Msg::Key(j));
        real.draw(|f| crate::ui::render(&state, f))?;
    }
    let per_j_run = bytes.load(std::sync::atomic::Ordering::Relaxed) / run;

    // A search for a name's first letters, as typed: the frame after each
    // key (the list shows the first matches).
    let _ = fixtures::press(&mut state, "/");
    let mut search_keys = Vec::new();
    for key in ["n", "g"] {
        let t = Instant::now();
        let _ = fixtures::press(&mut state, key);
        term.draw(|f| crate::ui::render(&state, f))?;
        search_keys.push(t.elapsed());
    }
    let first_matches = state.visible.len();
    // The rest of the scan, a frame after each step, as the runtime runs it.
    let (t, mut steps, mut longest) = (Instant::now(), 0, Duration::ZERO);
    while let Some(generation) = state.search.scan.as_ref().map(|s| s.generation) {
        let step = Instant::now();
        let _ = app::update(&mut state, Msg::SearchStep { generation });
        term.draw(|f| crate::ui::render(&state, f))?;
        longest = longest.max(step.elapsed());
        steps += 1;
    }
    let whole = t.elapsed();
    let matches = state.visible.len();
    let _ = fixtures::press(&mut state, "Esc");
    println!(
        "search \"ng\" as typed: {} then {} to the frame with the first {first_matches} matches; \
         the rest in {steps} steps, {:.0} ms in all (longest step {}): {matches} matches",
        ms(search_keys[0]),
        ms(search_keys[1]),
        whole.as_secs_f64() * 1000.0,
        ms(longest),
    );
    // Switching views: the first rows filtered, then the rest in steps
    // after each frame (as the event loop runs them).
    let (mut switches, mut wholes) = (Vec::new(), Vec::new());
    for key in ["2", "3", "1"] {
        let t = Instant::now();
        let _ = fixtures::press(&mut state, key);
        term.draw(|f| crate::ui::render(&state, f))?;
        switches.push(ms(t.elapsed()));
        let mut steps = 0;
        while let Some(generation) = state.search.scan.as_ref().map(|s| s.generation) {
            let _ = app::update(&mut state, Msg::SearchStep { generation });
            term.draw(|f| crate::ui::render(&state, f))?;
            steps += 1;
        }
        wholes.push(format!("{} in {steps} steps", ms(t.elapsed())));
    }
    println!(
        "views Unread, Mine, All: {} to the frame with the first rows; whole list {}",
        switches.join(", "),
        wholes.join(", ")
    );
    // A poll of 20 changes with a view on: the rows are patched.
    let _ = fixtures::press(&mut state, "2");
    while let Some(generation) = state.search.scan.as_ref().map(|s| s.generation) {
        let _ = app::update(&mut state, Msg::SearchStep { generation });
    }
    let news = poll(&state, 0);
    let t = Instant::now();
    let _ = fixtures::feed(&mut state, app::LoadMode::Poll, None, Ok(news));
    term.draw(|f| crate::ui::render(&state, f))?;
    println!(
        "a poll of 20 changes with the Unread view on: {} to the frame",
        ms(t.elapsed())
    );
    let _ = fixtures::press(&mut state, "1");
    // The same while a search goes in steps (the part scanned is patched,
    // the scan goes on), and once it went to the end.
    fixtures::press_all(&mut state, "/ n g");
    let news = poll(&state, 1);
    let t = Instant::now();
    let _ = fixtures::feed(&mut state, app::LoadMode::Poll, None, Ok(news));
    term.draw(|f| crate::ui::render(&state, f))?;
    let during = t.elapsed();
    let shown = state.visible.len();
    fixtures::finish_scan(&mut state);
    let news = poll(&state, 2);
    let t = Instant::now();
    let _ = fixtures::feed(&mut state, app::LoadMode::Poll, None, Ok(news));
    term.draw(|f| crate::ui::render(&state, f))?;
    println!(
        "a poll of 20 changes with a search on: {} to the frame during its scan ({shown} rows \
         shown, the scan goes on), {} once it ended ({} rows)",
        ms(during),
        ms(t.elapsed()),
        state.visible.len()
    );
    let _ = fixtures::press(&mut state, "Esc");
    minute_ticks(&mut state, &mut term)?;
    // Opening a conversation finds its customer's others (one walk); the
    // frames after it, with the customer panel open, walk nothing.
    let t = Instant::now();
    let _ = fixtures::press(&mut state, "Enter");
    term.draw(|f| crate::ui::render(&state, f))?;
    let open = t.elapsed();
    let _ = fixtures::press(&mut state, "c");
    let t = Instant::now();
    for _ in 0..frames {
        term.draw(|f| crate::ui::render(&state, f))?;
    }
    let with_panel = t.elapsed() / frames;
    fixtures::press_all(&mut state, "c Esc");
    println!(
        "open a conversation: {} to the frame; frame with the customer panel: {}",
        ms(open),
        ms(with_panel)
    );
    println!("first frame: {first} bytes to the terminal");
    println!(
        "j inside the page: {per_j_in_page} bytes; over {run} j's (edges included): {per_j_run} bytes on average"
    );
    println!(
        "ui: frame {:.3} ms, j-to-frame {:.3} ms, {} bytes per j, {} MiB resident",
        frame.as_secs_f64() * 1000.0,
        key_to_frame.as_secs_f64() * 1000.0,
        per_j_run,
        rss.map_or("?".into(), |k| (k / 1024).to_string())
    );
    drop(state);
    huge_inputs()
}

/// What a poll brings: 20 conversations spread over the list, each read or
/// unread again and newer than any (`round` keeps two polls apart).
fn poll(state: &State, round: i64) -> Vec<crate::api::Conversation> {
    let n = state.convs.order.len().max(1);
    (0..20)
        .map(|k| {
            let mut c = state.convs.at(state.convs.order[k * 40_000 % n]);
            c.seen = !c.seen;
            c.updated_at = Some(crate::api::UnixSeconds(
                state.now.0 + round * 100 + k as i64,
            ));
            c
        })
        .collect()
}

/// A view that moves with the clock (`24h`) on: the tick of each new
/// minute to the frame (the conversations that crossed its bound leave it,
/// the tabs' counts follow), then a poll of 20 changes in the next minute.
fn minute_ticks(
    state: &mut State,
    term: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
) -> anyhow::Result<()> {
    use crate::app::filter::{Filter, TimeBound, View};
    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    state.tabs.views.push(View {
        name: "24h".into(),
        filter: Filter {
            since: Some(TimeBound::Ago(86_400)),
            ..Filter::default()
        },
    });
    let view = state.tabs.views.len();
    let _ = fixtures::press(state, &view.to_string());
    fixtures::finish_scan(state);
    let next = state.now.0 / 60 * 60 + 60;
    let minutes = 10;
    let mut ticks = Vec::new();
    for m in 0..minutes {
        let t = Instant::now();
        let _ = app::update(state, Msg::Tick(crate::api::UnixSeconds(next + m * 60)));
        term.draw(|f| crate::ui::render(state, f))?;
        ticks.push(t.elapsed());
    }
    ticks.sort();
    let _ = app::update(
        state,
        Msg::Tick(crate::api::UnixSeconds(next + minutes * 60)),
    );
    let news = poll(state, 3);
    let t = Instant::now();
    let _ = fixtures::feed(state, app::LoadMode::Poll, None, Ok(news));
    term.draw(|f| crate::ui::render(state, f))?;
    let polled = t.elapsed();
    println!(
        "a 24h view on, the minute's tick: {} to the frame (median of {minutes}, longest {}); \
         a poll of 20 changes in the next minute: {} to the frame; {} rows shown, its tab counts {}",
        ms(ticks[ticks.len() / 2]),
        ms(ticks[ticks.len() - 1]),
        ms(polled),
        state.visible.len(),
        state.tabs.counts.get(view - 1).copied().unwrap_or_default(),
    );
    let _ = fixtures::press(state, "1");
    fixtures::finish_scan(state);
    Ok(())
}

/// Mean time of one full frame of `state` at `w`x`h` (a fresh terminal each
/// time, so every frame is drawn whole).
fn frame_time(state: &State, w: u16, h: u16, frames: u32) -> anyhow::Result<Duration> {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut term = Terminal::new(TestBackend::new(w, h))?;
    let t = Instant::now();
    for _ in 0..frames {
        term.draw(|f| crate::ui::render(state, f))?;
    }
    Ok(t.elapsed() / frames)
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

/// Frame times with huge inputs (the cases `ui::tests_huge` checks).
fn huge_inputs() -> anyhow::Result<()> {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    let frames = 100;
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let big = huge::big_text_state(w, h);
        let emoji = huge::emoji_state(w, h);
        let decoded = huge::decoded_state(w, h);
        println!(
            "huge {w}x{h}: 100 KB name and snippet: frame {}; 10,000 emoji: frame {}; \
             both as decoded from the API (clipped to 400 characters): frame {}",
            ms(frame_time(&big, w, h, frames)?),
            ms(frame_time(&emoji, w, h, frames)?),
            ms(frame_time(&decoded, w, h, frames)?)
        );

        let mut thread = huge::opened_state(w, h);
        let mut msgs = huge::messages(huge::THREAD_MESSAGES + 30);
        // Thirty older ones come later, as a page fetched by scrolling up.
        let rest = msgs.split_off(30);
        let older = std::mem::replace(&mut msgs, rest);
        let t = Instant::now();
        huge::thread_arrives(&mut thread, msgs.clone());
        let arrive = t.elapsed();
        // A poll of the open thread: the newest page again, one edited.
        let mut newest = msgs.split_off(msgs.len() - 20);
        newest[0].text.push_str(" (edited)");
        let t = Instant::now();
        huge::thread_arrives(&mut thread, newest);
        let poll = t.elapsed();
        let t = Instant::now();
        huge::older_arrive(&mut thread, older);
        let older_page = t.elapsed();
        // An action on the open conversation (its thread shows what is on its way).
        let t = Instant::now();
        let _ = fixtures::press(&mut thread, "u");
        let action = t.elapsed();
        let bottom = frame_time(&thread, w, h, frames)?;
        let mut term = Terminal::new(TestBackend::new(w, h))?;
        term.draw(|f| crate::ui::render(&thread, f))?;
        let keys = 100;
        let t = Instant::now();
        for i in 0..keys {
            let _ = fixtures::press(&mut thread, if i % 2 == 0 { "g" } else { "G" });
            term.draw(|f| crate::ui::render(&thread, f))?;
        }
        let top_bottom = t.elapsed() / keys;
        let lines = thread.thread.as_ref().map_or(0, |t| t.lines.len());
        println!(
            "huge {w}x{h}: thread of {} messages ({lines} lines): laid out in {}, a poll with an edit merged in {}, \
             30 older merged in {}, an action with it open {}, frame {}, g/G to frame {}",
            huge::THREAD_MESSAGES,
            ms(arrive),
            ms(poll),
            ms(older_page),
            ms(action),
            ms(bottom),
            ms(top_bottom)
        );
    }
    Ok(())
}

/// Resident memory of this process (Linux), in KiB.
/// Gives the memory freed so far back to the system (glibc keeps it in
/// its arenas otherwise), so the resident size is what is held.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Huge inputs, for `bench ui` and the render tests (`ui::tests_huge`): the
/// same fixtures are measured and checked.
pub mod huge {
    use crate::api::{Message, UnixSeconds};
    use crate::app::{self, Msg, State, fixtures};

    /// Bytes of text in the "100 KB" name and snippet.
    pub const BIG_TEXT_BYTES: usize = 100 * 1024;
    pub const EMOJI: usize = 10_000;
    pub const THREAD_MESSAGES: usize = 5_000;

    /// Words of several scripts, spaces between, at least `bytes` long.
    pub fn big_text(bytes: usize) -> String {
        const WORDS: [&str; 8] = [
            "Shop",
            "ơi",
            "còn",
            "hàng",
            "không",
            "你好世界",
            "مرحبا",
            "Nguyễn",
        ];
        let mut s = String::with_capacity(bytes + 16);
        let mut i = 0;
        while s.len() < bytes {
            s.push_str(WORDS[i % WORDS.len()]);
            s.push(' ');
            i += 1;
        }
        s
    }

    /// One word with no break opportunity, `bytes` long.
    pub fn unbroken(bytes: usize) -> String {
        "x".repeat(bytes)
    }

    /// `n` emoji: ZWJ families, skin tones, flags, keycaps, plain.
    pub fn emoji(n: usize) -> String {
        const E: [&str; 8] = ["👩‍👩‍👧‍👦", "👍🏽", "🇻🇳", "😍", "👩‍🍳", "1️⃣", "🏳️‍🌈", "🙏"];
        (0..n).map(|i| E[i % E.len()]).collect()
    }

    fn with_first_two(name0: String, snippet0: String, name1: String, w: u16, h: u16) -> State {
        let mut convs = fixtures::synthetic_conversations(60);
        convs[0].customer.name = name0;
        convs[0].snippet = snippet0;
        convs[1].customer.name = name1.clone();
        convs[1].snippet = name1;
        let mut s = fixtures::state_of(convs);
        let _ = app::update(&mut s, Msg::Resize(crate::ui::layout::viewport(w, h)));
        s
    }

    /// A list whose newest conversation has a 100 KB name and snippet, and
    /// the next one a 100 KB word with no break.
    pub fn big_text_state(w: u16, h: u16) -> State {
        with_first_two(
            big_text(BIG_TEXT_BYTES),
            big_text(BIG_TEXT_BYTES),
            unbroken(BIG_TEXT_BYTES),
            w,
            h,
        )
    }

    /// A list whose newest conversations have 10,000 emoji in name and snippet.
    pub fn emoji_state(w: u16, h: u16) -> State {
        with_first_two(emoji(EMOJI), emoji(EMOJI), emoji(EMOJI), w, h)
    }

    /// The same huge names and snippets, but through the API decoder (the
    /// one boundary, which clips them), as the app would get them.
    pub fn decoded_state(w: u16, h: u16) -> State {
        let decode = |name: String, snippet: String| {
            let raw: crate::api::models::RawConversation = serde_json::from_value(
                serde_json::json!({"id": "x", "customers": [{"name": name}], "snippet": snippet}),
            )
            .expect("decodes");
            raw.into_model(&crate::api::PageId::new("p"))
        };
        let big = decode(big_text(BIG_TEXT_BYTES), big_text(BIG_TEXT_BYTES));
        let emo = decode(emoji(EMOJI), emoji(EMOJI));
        with_first_two(big.customer.name, big.snippet, emo.customer.name, w, h)
    }

    /// `n` messages, oldest first: short and long, multi-line, CJK, emoji.
    pub fn messages(n: usize) -> Vec<Message> {
        let now = UnixSeconds::now().0;
        (0..n)
            .map(|i| {
                let from_page = i % 3 == 0;
                let text = match i % 5 {
                    0 => format!("message {i}: Dạ shop còn hàng ạ 😍"),
                    1 => format!("message {i}: {}", big_text(600)),
                    2 => format!("message {i}\nsecond line\nthird line 你好世界"),
                    3 => format!("message {i}: {}", emoji(40)),
                    _ => format!("message {i}"),
                };
                fixtures::message(
                    &format!("m{i}"),
                    now - (n - i) as i64 * 60,
                    from_page,
                    &text,
                    "Nguyễn Thị Phương",
                )
            })
            .collect()
    }

    /// The newest conversation opened (as Enter does), before its messages arrive.
    pub fn opened_state(w: u16, h: u16) -> State {
        let mut s = fixtures::synthetic_state(60);
        let _ = app::update(&mut s, Msg::Resize(crate::ui::layout::viewport(w, h)));
        let _ = fixtures::press(&mut s, "Enter");
        s
    }

    /// The thread's messages arriving (the newest page, as Pancake answers).
    pub fn thread_arrives(s: &mut State, messages: Vec<Message>) {
        let _ = fixtures::feed_messages(s, "p_0", false, Ok(messages));
    }

    /// A page of older messages, fetched by scrolling up.
    pub fn older_arrive(s: &mut State, messages: Vec<Message>) {
        let _ = fixtures::feed_messages(s, "p_0", true, Ok(messages));
    }

    /// An open thread of `n` messages.
    pub fn long_thread_state(n: usize, w: u16, h: u16) -> State {
        let mut s = opened_state(w, h);
        thread_arrives(&mut s, messages(n));
        s
    }
}
