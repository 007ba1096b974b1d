//! `pancake-tui doctor`: the first minute on a real page, and the report
//! for a bug. Each endpoint the inbox reads is called once per page
//! (through the same throttle, so within the rate limit), its answer
//! decoded as the inbox decodes it and surveyed for odd shapes. Nothing is
//! changed on Pancake. The report holds counts, field names, JSON kinds and
//! times: no customer data, no token.

use std::time::Instant;

use serde::Serialize;

use crate::api::client::{
    Endpoint, decode_conversations, decode_messages, decode_staff, decode_tags,
};
use crate::api::quirks::{Learned, PageQuirks, ThreadAsk, refused_customer};
use crate::api::survey::{self, Survey};
use crate::api::{ApiError, ConversationQuery, PageApi, Staff};
use crate::text::sanitize_line;

/// One thing checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    pub name: String,
    pub ok: bool,
    /// What was found, or what went wrong and what to do.
    pub detail: String,
    /// Round trip, throttle wait included.
    pub ms: Option<u64>,
}

impl Check {
    pub fn passed(name: &str, detail: impl Into<String>, ms: Option<u64>) -> Self {
        Check {
            name: name.into(),
            ok: true,
            detail: detail.into(),
            ms,
        }
    }

    pub fn failed(name: &str, detail: impl Into<String>, ms: Option<u64>) -> Self {
        Check {
            name: name.into(),
            ok: false,
            detail: detail.into(),
            ms,
        }
    }
}

/// What was found on one page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PageReport {
    pub id: String,
    pub name: String,
    pub checks: Vec<Check>,
    /// Elements of the answers that could not be read and were skipped.
    pub skipped: usize,
    pub conversations: Option<Survey>,
    pub messages: Option<Survey>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub api_url: String,
    /// Before any page: configuration and tokens.
    pub setup: Vec<Check>,
    pub pages: Vec<PageReport>,
    pub ok: bool,
}

/// A page to check, with a word on where its token came from.
pub struct Target {
    pub api: PageApi,
    pub name: String,
}

fn ms(since: Instant) -> Option<u64> {
    Some(since.elapsed().as_millis() as u64)
}

/// Check every page; `setup` are the checks made before (the token).
pub async fn run(api_url: &str, setup: Vec<Check>, targets: Vec<Target>) -> Report {
    let mut pages = Vec::new();
    for t in targets {
        pages.push(check_page(t).await);
    }
    let ok = setup.iter().all(|c| c.ok) && pages.iter().all(|p| p.checks.iter().all(|c| c.ok));
    Report {
        api_url: crate::text::strip_token_params(&sanitize_line(api_url)),
        setup,
        pages,
        ok,
    }
}

async fn check_page(t: Target) -> PageReport {
    let api = t.api;
    let mut report = PageReport {
        id: sanitize_line(api.page_id().as_str()),
        name: t.name,
        checks: Vec::new(),
        skipped: 0,
        conversations: None,
        messages: None,
    };
    let at = Instant::now();
    let found = fetch_decoded(&api, &Endpoint::Tags, decode_tags).await;
    let found = found.map(|tags| {
        let summary = format!("{} tags", tags.items.len());
        (summary, tags.skipped.len())
    });
    report.record("tags", at, found);

    let at = Instant::now();
    let found = fetch_decoded(&api, &Endpoint::Users, decode_staff).await;
    let found = found.map(|users| {
        let skipped = users.users.skipped.len() + users.disabled_users.skipped.len();
        let staff = Staff::from(users);
        let summary = format!(
            "{} active, {} disabled",
            staff.users.len(),
            staff.disabled.len()
        );
        (summary, skipped)
    });
    report.record("staff", at, found);

    let at = Instant::now();
    let query = ConversationQuery::default();
    let listed = api
        .fetch(&Endpoint::Conversations {
            query: &query,
            cursor: None,
        })
        .await;
    let mut first = None;
    let found = listed.and_then(|bytes| {
        if let Ok(v) = serde_json::from_slice(&bytes) {
            report.conversations = Some(survey::conversations(&v));
        }
        let list = decode_conversations(&bytes, api.page_id())?;
        first = list.items.first().cloned();
        let with_id = list
            .items
            .iter()
            .filter(|c| c.customer.messages_id().is_some())
            .count();
        let summary = format!(
            "{} read; {with_id} with a customer id for the messages call",
            list.items.len()
        );
        Ok((summary, list.skipped.len()))
    });
    report.record("conversations", at, found);
    report.checks.push(type_filter(&api).await);

    let Some(conv) = first else {
        if report.checks.last().is_some_and(|c| c.ok) {
            report.checks.push(Check::passed(
                "messages",
                "not checked: the page has no conversation",
                None,
            ));
        }
        return report;
    };
    let at = Instant::now();
    // The ways the inbox names the customer, in its order, until one is
    // answered (pancake-api.md § Messages).
    let (pc, global) = (
        conv.customer.page_customer_id.as_deref(),
        conv.customer.global_id.as_deref(),
    );
    let mut way = ThreadAsk::default();
    let mut refused = Vec::new();
    let answer = loop {
        let customer_id = way.id_for(pc, global);
        let answer = api
            .fetch(&Endpoint::Messages {
                conv: &conv.id,
                customer_id: customer_id.as_deref(),
                current_count: None,
            })
            .await;
        match (&answer, way.after(pc, global)) {
            (Err(e), Some(next)) if refused_customer(e) => {
                refused.push(way.words());
                way = next;
            }
            _ => break answer,
        }
    };
    let found = answer.and_then(|bytes| {
        if let Ok(v) = serde_json::from_slice(&bytes) {
            report.messages = Some(survey::messages(&v));
        }
        let list = decode_messages(&bytes, api.page_id())?;
        let sent = if way.id_for(pc, global).is_some() || way == ThreadAsk::Without {
            way.words()
        } else {
            "without a customer id (none in the list)"
        };
        let before = if refused.is_empty() {
            String::new()
        } else {
            format!(" (refused {})", refused.join(", "))
        };
        let summary = format!(
            "{} read from the newest conversation, asked {sent}{before}",
            list.items.len()
        );
        Ok((summary, list.skipped.len()))
    });
    report.record("messages", at, found);
    report
}

/// Whether Pancake applies the list's `type[]` filter on this page (some
/// answer HTTP 500, pancake-api.md § List): one filtered call. A refusal
/// is no failure: the inbox then filters types itself, and says so.
async fn type_filter(api: &PageApi) -> Check {
    let at = Instant::now();
    let mut quirks = PageQuirks::default();
    let typed = ConversationQuery {
        types: vec![crate::api::ConversationType::Inbox],
        ..ConversationQuery::default()
    };
    let list = |query: ConversationQuery| async move {
        api.fetch(&Endpoint::Conversations {
            query: &query,
            cursor: None,
        })
        .await
        .and_then(|b| decode_conversations(&b, api.page_id()))
    };
    let answer = list(typed.clone()).await;
    let learned = quirks.learn(&typed, answer.as_ref().map(|_| ()));
    match answer {
        Ok(found) => Check::passed(
            "type filter",
            format!("applied by Pancake ({} INBOX read)", found.items.len()),
            ms(at),
        ),
        // The same request without the types, as the inbox asks it.
        Err(e) if learned == Learned::AskWithout => {
            let without = quirks.query_for(&typed);
            let again = list(without.clone()).await;
            match quirks.learn(&without, again.as_ref().map(|_| ())) {
                Learned::Refused => Check::passed(
                    "type filter",
                    "refused by Pancake (server errors; the list without it answers): the \
                     inbox filters types itself on this page",
                    ms(at),
                ),
                _ => Check::failed("type filter", e.to_string(), ms(at)),
            }
        }
        Err(e) => Check::failed("type filter", e.to_string(), ms(at)),
    }
}

/// Read `endpoint` and decode the answer.
async fn fetch_decoded<T>(
    api: &PageApi,
    endpoint: &Endpoint<'_>,
    decode: fn(&[u8]) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    api.fetch(endpoint).await.and_then(|b| decode(&b))
}

impl PageReport {
    /// A check started `at`: what it found (a summary and how many elements
    /// it skipped) or why it failed.
    fn record(&mut self, name: &str, at: Instant, found: Result<(String, usize), ApiError>) {
        let check = match found {
            Ok((summary, skipped)) => {
                self.skipped += skipped;
                let summary = format!("{summary}{}", skipped_note(skipped));
                Check::passed(name, summary, ms(at))
            }
            Err(e) => Check::failed(name, e.to_string(), ms(at)),
        };
        self.checks.push(check);
    }
}

fn skipped_note(n: usize) -> String {
    match n {
        0 => String::new(),
        n => format!(" ({n} skipped: could not be read, see the log)"),
    }
}

/// The report as text for a terminal or a bug report.
pub fn render(r: &Report) -> String {
    let mut out = format!("pancake-tui doctor: {}\n", r.api_url);
    let line = |out: &mut String, c: &Check| {
        let mark = if c.ok { "ok  " } else { "FAIL" };
        let time = c.ms.map(|m| format!("  {m} ms")).unwrap_or_default();
        out.push_str(&format!("  {mark} {:<14} {}{time}\n", c.name, c.detail));
    };
    for c in &r.setup {
        line(&mut out, c);
    }
    for p in &r.pages {
        out.push_str(&format!("\npage {} ({})\n", p.name, p.id));
        for c in &p.checks {
            line(&mut out, c);
        }
        for (what, s) in [
            ("conversations", &p.conversations),
            ("messages", &p.messages),
        ] {
            let Some(s) = s else { continue };
            let odd: Vec<String> = s
                .odd()
                .map(|f| format!("{} {} ×{}", f.field, f.kind, f.count))
                .collect();
            if !odd.is_empty() {
                out.push_str(&format!(
                    "  odd shapes in {what} (read anyway): {}\n",
                    odd.join(", ")
                ));
            }
            let mut forms = std::collections::BTreeMap::<&str, usize>::new();
            for f in s.fields.iter().filter(|f| f.field.ends_with("(time)")) {
                *forms.entry(f.kind.as_str()).or_default() += f.count;
            }
            let times: Vec<String> = forms.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
            if !times.is_empty() {
                out.push_str(&format!("  times in {what}: {}\n", times.join(", ")));
            }
        }
    }
    out.push_str(if r.ok {
        "\nall checks passed\n"
    } else {
        "\nsome checks failed: each FAIL line says what to do\n"
    });
    out
}
