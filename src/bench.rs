//! `pancake-tui bench ...`: figures, printed (never asserted in tests).

use std::io::Write;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use secrecy::SecretString;

use crate::api::{Client, ClientConfig, ConversationId, ConversationQuery, PageId};
use crate::app::{self, Msg, Settings, State};
use crate::sim::{SimConfig, Simulator};

mod start;

#[derive(clap::Subcommand, Clone, Copy, Debug)]
pub enum Which {
    /// Backfill from the simulator at its real rate limit, then the seeds'
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
}

pub async fn run(which: Which) -> anyhow::Result<()> {
    match which {
        Which::Sync { conversations } => sync(conversations).await,
        Which::Ui { conversations } => ui(conversations).await,
        Which::Start { conversations } => start::run(conversations),
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
    let our_429 = sim.requests().iter().filter(|r| r.status == 429).count();
    println!(
        "throttled client: {} requests, {} conversations in {:.1} s: {:.2} req/s, {:.0} conversations/s, {} x 429",
        ours.requests,
        ours.conversations,
        ours.elapsed.as_secs_f64(),
        ours.req_per_sec(),
        ours.conv_per_sec(),
        our_429
    );

    sim.clear_requests();
    let seq = sequential(&sim.base_url(), &main.id, &main.token).await?;
    let seq_429 = sim.requests().iter().filter(|r| r.status == 429).count();
    println!(
        "seeds' loop (sleep 300 ms): {} requests, {} conversations in {:.1} s: {:.2} req/s, {:.0} conversations/s, {} x 429",
        seq.requests,
        seq.conversations,
        seq.elapsed.as_secs_f64(),
        seq.req_per_sec(),
        seq.conv_per_sec(),
        seq_429
    );
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

/// Seed 003's pagination loop: one call, sleep 300 ms, repeat until empty.
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
    let mut state = synthetic_state(n);
    state.viewport = crate::ui::layout::viewport(w, h);
    let rss = rss_kib();
    println!("{n} conversations loaded, {w}x{h} terminal");

    let mut term = Terminal::new(TestBackend::new(w, h))?;
    let frames = 300;
    let t = Instant::now();
    for _ in 0..frames {
        term.draw(|f| crate::ui::render(&state, f))?;
    }
    let frame = t.elapsed() / frames;

    let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
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
    let g = KeyEvent::new(KeyCode::Char('g'), KeyModifiers::NONE);
    let _ = app::update(&mut state, Msg::Key(g));
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
    Ok(())
}

/// Resident memory of this process (Linux), in KiB.
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

/// A state with `n` loaded conversations, built without the network.
pub fn synthetic_state(n: usize) -> State {
    use crate::api::models::{Customer, Rgb, Staff, StaffStatus, User};
    use crate::api::{Conversation, ConversationType, Tag, TagId, UnixSeconds, UserId};

    let now = UnixSeconds::now();
    let names = [
        "Nguyễn Thị Phương",
        "Trần Minh Đức",
        "Alice Smith",
        "Lê Hoàng 👩‍🍳",
        "王芳",
    ];
    let tags: Vec<Tag> = ["Đặt hàng", "Orders", "Khiếu nại", "VIP"]
        .iter()
        .enumerate()
        .map(|(i, t)| Tag {
            id: TagId::new(i.to_string()),
            name: (*t).into(),
            color: Some(Rgb(0x2e, 0xcc, 0x71)),
            lighten_color: None,
        })
        .collect();
    let staff = Staff {
        users: (0..8)
            .map(|i| User {
                id: UserId::new(format!("u{i}")),
                name: format!("Staff {i}"),
                fb_id: None,
                status: StaffStatus::Available,
                is_online: true,
            })
            .collect(),
        ..Staff::default()
    };
    let convs: Vec<Conversation> = (0..n)
        .map(|i| Conversation {
            id: ConversationId::new(format!("p_{i}")),
            page_id: PageId::new("p"),
            kind: if i % 4 == 0 {
                ConversationType::Comment
            } else {
                ConversationType::Inbox
            },
            customer: Customer {
                id: Some(format!("c{i}")),
                fb_id: None,
                name: names[i % names.len()].to_string(),
            },
            snippet: format!("Shop ơi còn size M không ạ? đơn số {i} 😍"),
            seen: i % 3 != 0,
            tags: vec![TagId::new((i % 4).to_string())],
            assignee_ids: vec![UserId::new(format!("u{}", i % 8))],
            post_id: None,
            message_count: Some(10),
            inserted_at: Some(UnixSeconds(now.0 - 86_400 * 30)),
            updated_at: Some(UnixSeconds(now.0 - i as i64 * 60)),
            last_customer_message_at: None,
            phones: vec![],
        })
        .collect();
    let page = PageId::new("p");
    let mut state = State::new(
        vec![(page.clone(), "Bench page".into())],
        Settings::default(),
    );
    let _ = app::update(&mut state, Msg::Tags(page.clone(), Ok(tags)));
    let _ = app::update(&mut state, Msg::Staff(page.clone(), Ok(staff)));
    let generation = state.pages[0].sync.generation;
    let _ = app::update(
        &mut state,
        Msg::Conversations {
            page,
            generation,
            mode: app::LoadMode::Backfill,
            cursor: None,
            result: Ok(convs),
        },
    );
    state
}
