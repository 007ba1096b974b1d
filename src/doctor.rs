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
    let fail = |name: &str, e: &ApiError, at: Instant| Check::failed(name, e.to_string(), ms(at));

    let at = Instant::now();
    let check = match api
        .fetch(&Endpoint::Tags)
        .await
        .and_then(|b| decode_tags(&b))
    {
        Ok(tags) => {
            report.skipped += tags.skipped.len();
            Check::passed(
                "tags",
                format!(
                    "{} tags{}",
                    tags.items.len(),
                    skipped_note(tags.skipped.len())
                ),
                ms(at),
            )
        }
        Err(e) => fail("tags", &e, at),
    };
    report.checks.push(check);

    let at = Instant::now();
    let check = match api
        .fetch(&Endpoint::Users)
        .await
        .and_then(|b| decode_staff(&b))
    {
        Ok(users) => {
            let skipped = users.users.skipped.len() + users.disabled_users.skipped.len();
            report.skipped += skipped;
            let staff = Staff::from(users);
            Check::passed(
                "staff",
                format!(
                    "{} active, {} disabled{}",
                    staff.users.len(),
                    staff.disabled.len(),
                    skipped_note(skipped)
                ),
                ms(at),
            )
        }
        Err(e) => fail("staff", &e, at),
    };
    report.checks.push(check);

    let at = Instant::now();
    let query = ConversationQuery::default();
    let listed = api
        .fetch(&Endpoint::Conversations {
            query: &query,
            cursor: None,
        })
        .await;
    let mut first = None;
    let check = match listed {
        Ok(bytes) => {
            if let Ok(v) = serde_json::from_slice(&bytes) {
                report.conversations = Some(survey::conversations(&v));
            }
            match decode_conversations(&bytes, api.page_id()) {
                Ok(list) => {
                    report.skipped += list.skipped.len();
                    first = list.items.first().cloned();
                    let with_id = list
                        .items
                        .iter()
                        .filter(|c| c.customer.id.is_some())
                        .count();
                    Check::passed(
                        "conversations",
                        format!(
                            "{} read{}; {} with a customer id for the messages call",
                            list.items.len(),
                            skipped_note(list.skipped.len()),
                            with_id
                        ),
                        ms(at),
                    )
                }
                Err(e) => fail("conversations", &e, at),
            }
        }
        Err(e) => fail("conversations", &e, at),
    };
    report.checks.push(check);

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
    let answer = api
        .fetch(&Endpoint::Messages {
            conv: &conv.id,
            customer_id: conv.customer.id.as_deref(),
            current_count: None,
        })
        .await;
    let check = match answer {
        Ok(bytes) => {
            if let Ok(v) = serde_json::from_slice(&bytes) {
                report.messages = Some(survey::messages(&v));
            }
            match decode_messages(&bytes, api.page_id()) {
                Ok(list) => {
                    report.skipped += list.skipped.len();
                    let sent = if conv.customer.id.is_some() {
                        "with its customer id"
                    } else {
                        "without a customer id (none in the list)"
                    };
                    Check::passed(
                        "messages",
                        format!(
                            "{} read{} from the newest conversation, asked {sent}",
                            list.items.len(),
                            skipped_note(list.skipped.len())
                        ),
                        ms(at),
                    )
                }
                Err(e) => fail("messages", &e, at),
            }
        }
        Err(e) => fail("messages", &e, at),
    };
    report.checks.push(check);
    report
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
