//! The event loop: terminal events, ticks, signals and task results all become
//! messages on one channel; each batch goes through `update`, its commands are
//! spawned as tasks, and a frame is drawn only when something changed.

mod child;
mod clipboard;
mod editor;
mod files;
mod input;
mod notify;
mod outbox;
mod send_files;
pub mod tasks;
pub mod terminal;
#[cfg(test)]
mod test_full_disk;
#[cfg(test)]
mod test_sim;
#[cfg(test)]
mod tests_drafts;

use std::time::Duration;

use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use tokio::sync::mpsc;

use crate::api::{PageApi, UnixSeconds};
use crate::app::{self, Cmd, EditRequest, Msg, Settings, State};
use crate::i18n::Said;
use crate::ui;

/// How often the clock ticks (spinners, polls, quit grace).
const TICK: Duration = Duration::from_millis(250);
/// Most messages handled before a frame is drawn.
const BATCH: usize = 512;

/// One page the inbox works.
pub struct PageSetup {
    pub api: PageApi,
    pub name: String,
    /// The page's local cache and outbox (none in the demo).
    pub store: Option<std::sync::Arc<crate::store::Store>>,
    /// Said at start (e.g. the cache was rebuilt).
    pub store_notice: Option<Said>,
}

/// What the inbox needs to start.
pub struct Options {
    /// At least one page; the first is shown first.
    pub pages: Vec<PageSetup>,
    pub demo: bool,
    pub settings: Settings,
    pub views: Vec<crate::app::filter::ViewConfig>,
    pub canned: Vec<crate::app::canned::Canned>,
    pub no_color: bool,
    /// Something the agent should read first (the demo's broken config).
    pub notice: Option<String>,
    /// The team's Redis: each page's inbox joins its team there.
    pub team: Option<redis::Client>,
}

/// What happened, for the CLI to report after the screen is restored.
#[derive(Debug, Default)]
pub struct Report {
    /// Actions that were still pending or had failed when the app exited.
    pub unsent: Vec<String>,
}

/// Run the inbox until the agent quits.
pub async fn run(opts: Options) -> anyhow::Result<Report> {
    terminal::install_panic_hook();
    let (mut term, guard) = terminal::enter()?;
    let theme = ui::theme::Theme::new(opts.no_color);
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();

    anyhow::ensure!(!opts.pages.is_empty(), "no page to open");
    let input = input::Input::spawn(tx.clone());
    spawn_ticks(
        tx.clone(),
        opts.pages.iter().map(|p| p.api.clone()).collect(),
    );
    spawn_signals(tx.clone());
    spawn_repaint_signal(tx.clone());

    let mut state = State::new(
        opts.pages
            .iter()
            .map(|p| (p.api.page_id().clone(), p.name.clone()))
            .collect(),
        opts.settings,
    );
    state.demo = opts.demo;
    state.tabs.configs = opts.views;
    let size = term.size()?;
    state.viewport = ui::layout::viewport(size.width, size.height);
    state.canned = opts.canned;
    state.recent_commands = crate::app::palette::named(&crate::config::recent_commands());
    let tasks = tasks::Tasks::new(
        opts.pages
            .iter()
            .map(|p| tasks::PageRuntime {
                api: p.api.clone(),
                store: p.store.clone(),
                team: opts.team.clone().map(|c| {
                    let tx = tx.clone();
                    crate::team::join(c, p.api.page_id().clone(), move |page, news| {
                        tx.send(Msg::Team(page, news)).is_ok()
                    })
                }),
            })
            .collect(),
        tx.clone(),
    );
    if opts.pages.iter().any(|p| p.store.is_none()) {
        // No store to read a customer's record back from when opened.
        state.convs.hold_every_rest();
    }
    // Paint from the cache before any network call returns: the newest
    // screenfuls now, the rest while the list is already on screen.
    for page in opts.pages {
        if let Some(store) = &page.store {
            let id = page.api.page_id().clone();
            let cached = load_cache(&id, store, page.store_notice, Some(CACHE_HEAD));
            let more = cached.conversations.len() == CACHE_HEAD;
            for cmd in app::update(&mut state, Msg::Cached(Box::new(cached))) {
                tasks.spawn(cmd);
            }
            if more {
                spawn_cache_rest(tx.clone(), id.clone(), store.clone());
            }
            outbox::watch(store.clone(), id, tx.clone());
        }
    }
    for cmd in app::init(&mut state) {
        tasks.spawn(cmd);
    }
    if let Some(text) = opts.notice {
        state.notice = Some(crate::app::Notice::Error(text));
    }

    let mut notifier = notify::Notifier::default();
    // A frame that could not be written: the terminal is gone.
    let mut unwritable = None;
    // Set by `Cmd::Exit`: the loop ends after its message.
    let mut exit = false;
    // Messages for after the next frame (a search's next step).
    let mut after_frame: Vec<Msg> = Vec::new();
    loop {
        if let Err(e) = paint(&mut term, &mut state, &theme, &mut notifier) {
            // Said as a hang-up, so the drafts are saved before the error.
            for cmd in app::update(&mut state, Msg::HangUp) {
                tasks.spawn(cmd);
            }
            unwritable = Some(e);
            break;
        }
        for msg in after_frame.drain(..) {
            let _ = tx.send(msg);
        }
        let Some(first) = rx.recv().await else { break };
        let mut handled = 0;
        let mut next = Some(first);
        while let Some(msg) = next.take() {
            let (here, rest): (Vec<Cmd>, Vec<Cmd>) = app::update(&mut state, msg)
                .into_iter()
                .partition(Cmd::on_terminal);
            for cmd in rest {
                tasks.spawn(cmd);
            }
            for cmd in here {
                match cmd {
                    Cmd::Exit => exit = true,
                    Cmd::SearchStep { generation } => {
                        after_frame.push(Msg::SearchStep { generation });
                    }
                    cmd => on_terminal(cmd, &mut term, &input, &tx, &mut notifier),
                }
            }
            handled += 1;
            if exit || handled >= BATCH {
                break;
            }
            next = rx.try_recv().ok();
        }
        if exit {
            break;
        }
    }
    // Every action the agent made, and the drafts saved on the way out,
    // are on disk before the terminal is written to again: after a
    // hang-up, giving it back (below, and the guard on drop) is a try
    // that may fail or block on a gone terminal, and then nothing is lost.
    tasks.flush_outbox().await;
    let _ = notifier.restore(term.backend_mut());
    drop(term);
    drop(guard);
    if let Some(e) = unwritable {
        return Err(anyhow::Error::new(e).context("the terminal could not be written"));
    }
    let unsent = state
        .actions
        .items
        .iter()
        // Another window's actions are that window's to send and report.
        .filter(|a| !a.elsewhere)
        .map(|a| a.label.words(state.settings.lang))
        .collect();
    Ok(Report { unsent })
}

/// A command on the terminal itself, run by the loop between frames.
fn on_terminal(
    cmd: Cmd,
    term: &mut terminal::Term,
    input: &input::Input,
    tx: &mpsc::UnboundedSender<Msg>,
    notifier: &mut notify::Notifier,
) {
    match cmd {
        // The editor needs the terminal: it runs here, not as a task.
        // `Msg::Edited` draws the screen again.
        Cmd::Edit(EditRequest { conv, text }) => {
            let result = editor::edit(term, input, &text);
            let _ = tx.send(Msg::Edited { conv, result });
        }
        // The clipboard is the terminal's too: OSC 52 between frames.
        Cmd::Copy(text) => {
            if let Err(e) = clipboard::copy(term.backend_mut(), &text) {
                tracing::warn!("could not write to the clipboard: {e}");
            }
        }
        // Rung after the frame this message draws.
        Cmd::Ring => notifier.ring(),
        other => tasks::not_a_task(&other),
    }
}

/// Conversations read from the cache before the first frame.
pub const CACHE_HEAD: usize = 1_000;
/// Conversations per message when the rest of the cache follows: each is
/// ingested between two frames (`bench start` measures the longest gap).
pub const CACHE_CHUNK: usize = 4_000;

/// Read the rest of a page's cache in the background, in chunks, newest first.
fn spawn_cache_rest(
    tx: mpsc::UnboundedSender<Msg>,
    page: crate::api::PageId,
    store: std::sync::Arc<crate::store::Store>,
) {
    tokio::task::spawn_blocking(move || {
        let mut skip = CACHE_HEAD;
        loop {
            let chunk = match store.load_newest(skip, Some(CACHE_CHUNK)) {
                Ok(c) => c,
                Err(e) => {
                    tracing::warn!("cache: {e}");
                    return;
                }
            };
            let n = chunk.len();
            skip += CACHE_CHUNK;
            let msg = Msg::CachedMore {
                page: page.clone(),
                conversations: chunk,
            };
            if n == 0 || tx.send(msg).is_err() || n < CACHE_CHUNK {
                return;
            }
        }
    });
}

/// Read what the cache holds (the `head` newest conversations, or all); a
/// failing cache is reported, never fatal.
pub fn load_cache(
    page: &crate::api::PageId,
    store: &crate::store::Store,
    notice: Option<Said>,
    head: Option<usize>,
) -> app::Cached {
    fn keep<T: Default>(r: Result<T, crate::store::StoreError>, problems: &mut Vec<Said>) -> T {
        r.unwrap_or_else(|e| {
            problems.push(e.said());
            T::default()
        })
    }
    let mut problems: Vec<Said> = notice.into_iter().collect();
    let conversations = keep(store.load_newest(0, head), &mut problems);
    let meta = keep(store.load_meta("sync"), &mut problems).unwrap_or_default();
    // What no live window owns is this window's now (`store/owner.rs`);
    // what one does, the outbox watcher reports.
    let outbox = keep(store.outbox_rows(), &mut problems);
    let mut outbox: Vec<_> = outbox.claimed.into_iter().chain(outbox.ours).collect();
    outbox.sort_by_key(|(id, _)| *id);
    let drafts = keep(store.drafts(), &mut problems);
    let reminders = keep(store.reminders(), &mut problems);
    app::Cached {
        page: page.clone(),
        conversations,
        meta,
        outbox,
        drafts,
        reminders,
        notice: crate::store::joined(problems),
    }
}

/// A frame if something changed (everything again after SIGUSR1 with the
/// frame dump on); nothing once the terminal is gone.
fn paint(
    term: &mut terminal::Term,
    state: &mut State,
    theme: &ui::theme::Theme,
    notifier: &mut notify::Notifier,
) -> std::io::Result<()> {
    if state.hangup {
        return Ok(());
    }
    let repaint = REPAINT.swap(false, std::sync::atomic::Ordering::SeqCst);
    if repaint {
        term.clear()?;
    }
    if repaint || state.dirty {
        draw(term, state, theme)?;
        state.dirty = false;
        notifier.after_frame(term.backend_mut(), state)?;
    }
    Ok(())
}

/// One frame, wrapped in synchronized output so terminals paint it at once:
/// the begin mark is queued, so it leaves in the same write as the frame's
/// cells; the end mark follows. With [`FRAME_DUMP`] set, the frame the
/// app believes it drew is written down as text after it.
fn draw(term: &mut terminal::Term, state: &State, theme: &ui::theme::Theme) -> std::io::Result<()> {
    use ratatui::crossterm::QueueableCommand;
    term.backend_mut().queue(BeginSynchronizedUpdate)?;
    let frame = term.draw(|f| ui::render_with(state, f, theme))?;
    if let Some(path) = frame_dump_path() {
        dump_frame(path, frame.count, frame.buffer);
    }
    execute!(term.backend_mut(), EndSynchronizedUpdate)?;
    Ok(())
}

/// Environment variable naming a file that gets the text of every frame
/// drawn (tests compare it with what the terminal shows). When it is set,
/// SIGUSR1 also forces a full repaint, as a resize would.
pub const FRAME_DUMP: &str = "PANCAKE_FRAME_DUMP";

fn frame_dump_path() -> Option<&'static std::path::Path> {
    static PATH: std::sync::OnceLock<Option<std::path::PathBuf>> = std::sync::OnceLock::new();
    PATH.get_or_init(|| std::env::var_os(FRAME_DUMP).map(Into::into))
        .as_deref()
}

/// `frame N WxH` then one line per row; written aside and renamed, so a
/// reader never sees half a frame.
fn dump_frame(path: &std::path::Path, count: usize, buf: &ratatui::buffer::Buffer) {
    let text = format!(
        "frame {count} {}x{}\n{}",
        buf.area.width,
        buf.area.height,
        ui::frame_text(buf)
    );
    let tmp = path.with_extension("tmp");
    if let Err(e) = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, path)) {
        tracing::warn!("frame dump: {e}");
    }
}

/// With the frame dump on, SIGUSR1 asks for a full repaint: the flag is set
/// and a tick wakes the loop.
static REPAINT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn spawn_repaint_signal(tx: mpsc::UnboundedSender<Msg>) {
    #[cfg(unix)]
    if frame_dump_path().is_some() {
        tokio::spawn(async move {
            use tokio::signal::unix::{SignalKind, signal};
            let Ok(mut usr1) = signal(SignalKind::user_defined1()) else {
                return;
            };
            while usr1.recv().await.is_some() {
                REPAINT.store(true, std::sync::atomic::Ordering::SeqCst);
                if tx.send(Msg::Tick(UnixSeconds::now())).is_err() {
                    return;
                }
            }
        });
    }
    #[cfg(not(unix))]
    let _ = tx;
}

fn spawn_ticks(tx: mpsc::UnboundedSender<Msg>, pages: Vec<PageApi>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(TICK);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            every.tick().await;
            for api in &pages {
                let headroom = api.client().headroom(api.page_id());
                if tx
                    .send(Msg::Headroom(api.page_id().clone(), headroom))
                    .is_err()
                {
                    return;
                }
            }
            if tx.send(Msg::Tick(UnixSeconds::now())).is_err() {
                break;
            }
        }
    });
}

/// SIGTERM and SIGINT end the app cleanly; SIGHUP (a dropped SSH session,
/// a closed tmux window) too, with no frame drawn after it. The drafts and
/// the outbox are written down before the terminal is given back.
fn spawn_signals(tx: mpsc::UnboundedSender<Msg>) {
    #[cfg(unix)]
    tokio::spawn(async move {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut int), Ok(mut hup)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
            signal(SignalKind::hangup()),
        ) else {
            return;
        };
        let msg = tokio::select! {
            _ = term.recv() => Msg::Terminate,
            _ = int.recv() => Msg::Terminate,
            _ = hup.recv() => Msg::HangUp,
        };
        let _ = tx.send(msg);
    });
}
