//! The status bar: demo badge, sync progress, actions, the last word, budget.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::keys::Command;
use crate::app::{Notice, State};
use crate::text::{display_width, sanitize_line, truncate};

use super::theme::Theme;
use crate::i18n::{tr, tr_with};

const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];

pub fn render(state: &State, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lang = state.settings.lang;
    let count = |id: &str, n: usize| tr_with(lang, id, &[("count", n.into())]);
    // Most important first: what does not fit is dropped from the end.
    let mut parts: Vec<Span> = Vec::new();
    if state.demo {
        parts.push(Span::styled(
            format!(" {} ", tr(lang, "status-demo")),
            theme.badge(),
        ));
    }
    // Failed for a passing reason (offline, rate limited): they go again by
    // themselves when Pancake answers; the rest need the agent.
    let waiting = state.actions.failed().filter(|a| a.transient).count();
    let failed = state.actions.failed().count() - waiting;
    if waiting > 0 {
        parts.push(Span::styled(count("status-waiting", waiting), theme.warn()));
    }
    if failed > 0 {
        let (retry, drop) = (tr(lang, "hint-retry"), tr(lang, "hint-drop"));
        parts.push(Span::styled(
            match state.settings.keymap.hints(&[
                (Command::RetryFailed, &retry),
                (Command::DismissFailed, &drop),
            ]) {
                h if h.is_empty() => count("status-failed", failed),
                h => tr_with(
                    lang,
                    "status-failed-hints",
                    &[("count", failed.into()), ("hints", h.into())],
                ),
            },
            theme.error(),
        ));
    }
    // Another window of the inbox sends these: said before the last word,
    // which may be long enough to push it off the bar.
    let elsewhere = state.actions.elsewhere();
    if elsewhere > 0 {
        parts.push(Span::styled(
            count("status-elsewhere", elsewhere),
            theme.warn(),
        ));
    }
    // Being offline explains every other error, so it goes ahead of the
    // last word, which may be long enough to push it off the bar.
    let sync = sync_span(state, theme);
    let offline = state.sync_summary().offline;
    if offline {
        parts.push(sync.clone());
    }
    if let Some(n) = &state.notice {
        let (text, style) = match n {
            Notice::Error(t) => (t, theme.error()),
            Notice::Info(t) => (t, theme.base()),
        };
        parts.push(Span::styled(sanitize_line(text), style));
    }
    if !offline {
        parts.push(sync);
    }
    let pending = state.actions.pending();
    if pending > 0 {
        parts.push(Span::styled(count("status-pending", pending), theme.warn()));
    }
    if let Some(b) = &state.bulk
        && !b.finished()
    {
        let args = [
            ("done", b.done.into()),
            ("total", b.total.into()),
            ("failed", b.failed.into()),
        ];
        parts.push(Span::styled(
            tr_with(lang, "status-bulk", &args),
            theme.warn(),
        ));
    }
    let h = state.headroom();
    if h.limit > 0 {
        let mut args = vec![("used", h.used.into()), ("limit", h.limit.into())];
        let id = if h.waiting > 0 {
            args.push(("queued", h.waiting.into()));
            "status-api-queued"
        } else {
            "status-api"
        };
        parts.push(Span::styled(tr_with(lang, id, &args), theme.dim()));
    }
    if let Some(p) = budget_words(&h) {
        parts.push(Span::styled(p, theme.warn()));
    }
    let team = state.page().team;
    if let Some(words) = team.words() {
        let style = if team.alarming() {
            theme.warn()
        } else {
            theme.dim()
        };
        parts.push(Span::styled(words, style));
    }
    let help = state
        .settings
        .keymap
        .hint(Command::Help)
        .map_or_else(String::new, |k| {
            format!(" {} ", tr_with(lang, "status-help", &[("key", k.into())]))
        });
    let help = help.as_str();
    let width = area.width as usize;
    let room = width.saturating_sub(display_width(help));
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0;
    for p in parts {
        let sep = if spans.is_empty() { 0 } else { 3 };
        let w = display_width(&p.content);
        if used + sep + w > room {
            let left = room.saturating_sub(used + sep);
            if left > 4 {
                if sep > 0 {
                    spans.push(Span::styled(" │ ", theme.dim()));
                }
                spans.push(Span::styled(
                    truncate(&p.content, left).into_owned(),
                    p.style,
                ));
                used += sep + left;
            }
            break;
        }
        if sep > 0 {
            spans.push(Span::styled(" │ ", theme.dim()));
        }
        used += sep + w;
        spans.push(p);
    }
    spans.push(Span::raw(" ".repeat(room.saturating_sub(used))));
    if width >= display_width(help) {
        spans.push(Span::styled(help, theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// What the status bar says about the page's budget, when there is
/// something to say: shared with other agents (`budget: host, 3 agents`),
/// Redis or the shared file not used, or the pace slowed after a 429
/// (`budget: own, slowed to 2.4/s after 429`).
fn budget_words(h: &crate::api::throttle::Headroom) -> Option<String> {
    use crate::api::budget::Sharing;
    let slowed = h
        .slowed_to
        .map(|c| format!(", slowed to {:.1}/s after 429", f64::from(c) / 100.0))
        .unwrap_or_default();
    Some(match h.sharing {
        Sharing::RedisDown(why) => format!("budget: host{slowed} ({})", why.words()),
        // The shared file is busy or unusable: this inbox alone keeps to
        // the page's limit, the others may not know about its requests. A
        // path from the environment: no control characters on screen.
        Sharing::Own(why) => format!("budget: own{slowed} ({})", sanitize_line(&why.why())),
        Sharing::Process if !slowed.is_empty() => format!("budget: own{slowed}"),
        Sharing::Host | Sharing::Redis if h.agents > 1 || !slowed.is_empty() => {
            let place = if h.sharing == Sharing::Host {
                "host"
            } else {
                "Redis"
            };
            let agents = if h.agents > 1 {
                format!(", {} agents", h.agents)
            } else {
                String::new()
            };
            format!("budget: {place}{agents}{slowed}")
        }
        _ => return None,
    })
}

fn sync_span(state: &State, theme: &Theme) -> Span<'static> {
    let lang = state.settings.lang;
    let s = &state.sync_summary();
    let n = state.convs.len();
    let count = |id: &str| tr_with(lang, id, &[("count", n.into())]);
    if s.offline {
        let text = match state.sync_retry_in() {
            Some(t) => tr_with(lang, "status-offline-retry", &[("seconds", t.into())]),
            None => tr(lang, "status-offline"),
        };
        return Span::styled(text, theme.error());
    }
    if let Some(e) = &s.error {
        let text = match state.sync_retry_in() {
            Some(t) => tr_with(
                lang,
                "status-error-retry",
                &[("error", sanitize_line(e).into()), ("seconds", t.into())],
            ),
            None => sanitize_line(e),
        };
        return Span::styled(text, theme.error());
    }
    let spin = SPINNER[state.spinner % SPINNER.len()];
    if s.cached && s.loading {
        let text = format!("{} {spin}", count("status-cached-syncing"));
        return Span::styled(text, theme.warn());
    }
    if s.loading && !s.complete {
        return Span::styled(format!("{} {spin}", count("status-loaded")), theme.accent());
    }
    let age = s
        .last_ok
        .map(|t| match t.age(state.now) {
            crate::api::Age::Now => format!(" · {}", tr(lang, "status-synced-now")),
            _ => {
                let age = crate::app::times::age(t, state.now, lang);
                let age = tr_with(lang, "status-synced-ago", &[("age", age.into())]);
                format!(" · {age}")
            }
        })
        .unwrap_or_default();
    let spin = if s.loading || s.filtering {
        format!(" {spin}")
    } else {
        String::new()
    };
    let text = format!("{}{age}{spin}", count("status-conversations"));
    Span::styled(text, theme.dim())
}

#[cfg(test)]
mod tests {
    use crate::api::budget::{RedisDown, Sharing};
    use crate::app::fixtures;

    use super::super::test_screen::{frame, shows};

    /// How long ago the last sync was, as each language writes an age.
    #[test]
    fn the_sync_age_is_said_in_the_agents_language() {
        let mut s = fixtures::loaded();
        let page = &mut s.pages[0].sync;
        page.loading = false;
        page.complete = true;
        page.last_ok = Some(crate::api::UnixSeconds(s.now.0 - 300));
        shows(
            frame(&s, 100, 24).lines().last().unwrap(),
            &["synced 5m ago"],
        );
        s.settings.lang = crate::i18n::Lang::Vi;
        shows(
            frame(&s, 100, 24).lines().last().unwrap(),
            &["đồng bộ 5p trước"],
        );
        s.pages[0].sync.last_ok = Some(s.now);
        shows(frame(&s, 100, 24).lines().last().unwrap(), &["vừa đồng bộ"]);
    }

    /// Redis configured but not used: the status bar says so, and why.
    #[test]
    fn a_redis_budget_not_used_is_said_with_why() {
        let mut s = fixtures::loaded();
        s.pages[0].headroom.limit = 5;
        for (why, words) in [
            (RedisDown::Unreachable, "budget: host (Redis unreachable)"),
            (
                RedisDown::Untrusted,
                "budget: host (Redis certificate not trusted: check redis_ca_file)",
            ),
        ] {
            s.pages[0].headroom.sharing = Sharing::RedisDown(why);
            let out = frame(&s, 140, 24);
            shows(out.lines().last().unwrap(), &[words]);
        }
    }

    /// The per-user dir refused: the status bar says what to do about it,
    /// cut to the width when narrow.
    #[test]
    fn a_refused_budget_dir_is_said_with_what_to_do() {
        use crate::api::budget::Unshared;
        use crate::private::NotOwn;
        let dir = crate::api::budget::host::uid_dir();
        let mut s = fixtures::loaded();
        s.pages[0].headroom.limit = 5;
        s.pages[0].headroom.sharing =
            Sharing::Own(Unshared::NotPrivate(NotOwn::OpenToOthers(0o777)));
        let wide = frame(&s, 200, 24);
        let want = format!(
            "budget: own ({} is open to others: chmod 700 it)",
            dir.display()
        );
        shows(wide.lines().last().unwrap(), &[&want]);
        s.pages[0].headroom.sharing = Sharing::Own(Unshared::NotPrivate(NotOwn::OtherUser(0)));
        let wide = frame(&s, 200, 24);
        shows(
            wide.lines().last().unwrap(),
            &["belongs to another user, uid 0"],
        );
        let narrow = frame(&s, 80, 24);
        let bar = narrow.lines().last().unwrap();
        shows(bar, &["budget: own (", "…"]);
        assert!(crate::text::display_width(bar) <= 80, "{bar}");
    }

    /// Slowed after a 429: said with the pace now; at the limit, nothing.
    #[test]
    fn a_slowed_pace_is_said_only_while_slowed() {
        use crate::api::budget::Unshared;
        let mut s = fixtures::loaded();
        s.pages[0].headroom.limit = 5;
        s.pages[0].headroom.slowed_to = Some(243);
        let bar = frame(&s, 200, 24);
        shows(
            bar.lines().last().unwrap(),
            &["budget: own, slowed to 2.4/s after 429"],
        );
        s.pages[0].headroom.sharing = Sharing::Own(Unshared::Busy);
        let bar = frame(&s, 200, 24);
        shows(
            bar.lines().last().unwrap(),
            &["budget: own, slowed to 2.4/s after 429 (shared file busy)"],
        );
        s.pages[0].headroom.sharing = Sharing::Process;
        s.pages[0].headroom.slowed_to = None;
        let bar = frame(&s, 200, 24);
        super::super::test_screen::shows_none(bar.lines().last().unwrap(), &["budget:", "slowed"]);
    }

    /// Shared with other agents: how many; alone on a shared budget: nothing.
    #[test]
    fn a_shared_budget_says_how_many_agents_share_it() {
        let mut s = fixtures::loaded();
        s.pages[0].headroom.limit = 5;
        for (sharing, agents, want) in [
            (Sharing::Host, 3, Some("budget: host, 3 agents")),
            (Sharing::Redis, 12, Some("budget: Redis, 12 agents")),
            (Sharing::Host, 1, None),
        ] {
            s.pages[0].headroom.sharing = sharing;
            s.pages[0].headroom.agents = agents;
            let out = frame(&s, 200, 24);
            let bar = out.lines().last().unwrap();
            match want {
                Some(w) => shows(bar, &[w]),
                None => super::super::test_screen::shows_none(bar, &["budget:"]),
            }
        }
    }
}
