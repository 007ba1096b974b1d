//! `pancake-tui doctor`: the first minute on a real page, and the report
//! for a bug. Each endpoint the inbox reads is called once per page
//! (through the same throttle, so within the rate limit), its answer
//! decoded as the inbox decodes it and surveyed for odd shapes. Nothing is
//! changed on Pancake. The report holds counts, field names, JSON kinds and
//! times: no customer data, no token.
//!
//! Each check's words are a message of the catalogs (`assets/i18n/*/cli.ftl`,
//! the counts in `forms.ftl`): the human report ([`render`]) is in the
//! agent's language, the JSON one (`doctor --json`, for machines and bug
//! reports) always in English, its words as they always were
//! ([`AS_BEFORE`]).

use std::time::Instant;

use serde::{Serialize, Serializer};

use crate::api::client::{
    Endpoint, decode_conversations, decode_messages, decode_staff, decode_tags,
};
use crate::api::quirks::{Learned, PageQuirks, ThreadAsk, refused_customer};
use crate::api::survey::{self, Survey};
use crate::api::{ApiError, ConversationQuery, PageApi, Staff};
use crate::i18n::{Arg, Lang, Said, tr, tr_with};
use crate::text::sanitize_line;

/// One thing checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// A stable name, in English in every language (`tags`, `type filter`):
    /// the human report names it from the catalog ([`check_name`]).
    pub name: String,
    pub ok: bool,
    /// What was found, or what went wrong and what to do; in English in
    /// the JSON report.
    #[serde(serialize_with = "in_english")]
    pub detail: Said,
    /// Round trip, throttle wait included.
    pub ms: Option<u64>,
}

impl Check {
    pub fn passed(name: &str, detail: impl Into<Said>, ms: Option<u64>) -> Self {
        Check {
            name: name.into(),
            ok: true,
            detail: detail.into(),
            ms,
        }
    }

    pub fn failed(name: &str, detail: impl Into<Said>, ms: Option<u64>) -> Self {
        Check {
            name: name.into(),
            ok: false,
            detail: detail.into(),
            ms,
        }
    }
}

/// The messages whose words for people count with a plural (`1 page`,
/// `2 pages`), each with the message the JSON report has always given in
/// its place (`1 page(s)`): what machines read does not change.
pub const AS_BEFORE: [(&str, &str); 4] = [
    ("doctor-count-pages", "doctor-token"),
    ("doctor-count-tokens-given", "doctor-token-given"),
    ("doctor-count-tokens-from-user", "doctor-token-from-user"),
    ("doctor-count-tags", "doctor-tags"),
];

/// `said` with the JSON report's messages in place of those of
/// [`AS_BEFORE`], in its arguments too.
fn as_before(said: &Said) -> Said {
    let id = AS_BEFORE
        .iter()
        .find(|(now, _)| *now == said.id)
        .map_or(said.id.as_str(), |(_, before)| before);
    Said {
        id: id.to_owned(),
        args: said
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Said(inner) => Arg::Said(Box::new(as_before(inner))),
                    other => other.clone(),
                };
                (name.clone(), value)
            })
            .collect(),
    }
}

/// A message as the JSON report gives it: in English, as it always did.
fn in_english<S: Serializer>(said: &Said, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&as_before(said).words(Lang::En))
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
        let summary = Said::new("doctor-count-tags").arg("count", tags.items.len());
        (summary, tags.skipped.len())
    });
    report.record("tags", at, found);

    let at = Instant::now();
    let found = fetch_decoded(&api, &Endpoint::Users, decode_staff).await;
    let found = found.map(|users| {
        let skipped = users.users.skipped.len() + users.disabled_users.skipped.len();
        let staff = Staff::from(users);
        let summary = Said::new("doctor-staff")
            .arg("active", staff.users.len())
            .arg("disabled", staff.disabled.len());
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
        let summary = Said::new("doctor-conversations")
            .arg("count", list.items.len())
            .arg("with_id", with_id);
        Ok((summary, list.skipped.len()))
    });
    report.record("conversations", at, found);
    report.checks.push(type_filter(&api).await);

    let Some(conv) = first else {
        if report.checks.last().is_some_and(|c| c.ok) {
            report.checks.push(Check::passed(
                "messages",
                Said::new("doctor-messages-none"),
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
                refused.push(way_said(way));
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
            way_said(way)
        } else {
            Said::new("doctor-way-none-in-list")
        };
        let summary = if refused.is_empty() {
            Said::new("doctor-messages")
        } else {
            Said::new("doctor-messages-refused").arg("refused", one_after_another(refused))
        };
        let summary = summary.arg("count", list.items.len()).arg("way", sent);
        Ok((summary, list.skipped.len()))
    });
    report.record("messages", at, found);
    report
}

/// How the messages call named the customer, in words.
fn way_said(way: ThreadAsk) -> Said {
    Said::new(match way {
        ThreadAsk::PageCustomerId => "doctor-way-page-customer-id",
        ThreadAsk::GlobalId => "doctor-way-global-id",
        ThreadAsk::Without => "doctor-way-without",
    })
}

/// Messages one after the other, `a, b`.
fn one_after_another(items: Vec<Said>) -> Said {
    let mut items = items.into_iter();
    let first = items.next().unwrap_or_else(|| Said::verbatim(""));
    items.fold(first, |list, item| {
        Said::new("doctor-list").arg("list", list).arg("item", item)
    })
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
            Said::new("doctor-type-filter-applied").arg("count", found.items.len()),
            ms(at),
        ),
        // The same request without the types, as the inbox asks it.
        Err(e) if learned == Learned::AskWithout => {
            let without = quirks.query_for(&typed);
            let again = list(without.clone()).await;
            match quirks.learn(&without, again.as_ref().map(|_| ())) {
                Learned::Refused => Check::passed(
                    "type filter",
                    Said::new("doctor-type-filter-refused"),
                    ms(at),
                ),
                _ => Check::failed("type filter", e.said(), ms(at)),
            }
        }
        Err(e) => Check::failed("type filter", e.said(), ms(at)),
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
    fn record(&mut self, name: &str, at: Instant, found: Result<(Said, usize), ApiError>) {
        let check = match found {
            Ok((summary, skipped)) => {
                self.skipped += skipped;
                Check::passed(name, with_skipped(summary, skipped), ms(at))
            }
            Err(e) => Check::failed(name, e.said(), ms(at)),
        };
        self.checks.push(check);
    }
}

/// A summary, with how many elements could not be read when some.
fn with_skipped(summary: Said, n: usize) -> Said {
    match n {
        0 => summary,
        n => Said::new("doctor-skipped")
            .arg("summary", summary)
            .arg("count", n),
    }
}

/// A check's stable name as the human report says it.
pub fn check_name(lang: Lang, name: &str) -> String {
    let id = match name {
        "config" => "doctor-check-config",
        "token" => "doctor-check-token",
        "tags" => "doctor-check-tags",
        "staff" => "doctor-check-staff",
        "conversations" => "doctor-check-conversations",
        "type filter" => "doctor-check-type-filter",
        "messages" => "doctor-check-messages",
        other => return other.to_owned(),
    };
    tr(lang, id)
}

/// A kind of a surveyed field as the human report says it: JSON's kinds
/// (`null`, `string`...) as JSON names them, the others in words.
fn kind_words(lang: Lang, kind: &str) -> String {
    let id = match kind {
        "missing" => "doctor-kind-missing",
        "naive" => "doctor-kind-naive",
        "naive with fractions" => "doctor-kind-naive-fractions",
        "with zone" => "doctor-kind-with-zone",
        "unix number" => "doctor-kind-unix-number",
        "other string" => "doctor-kind-other-string",
        other => return other.to_owned(),
    };
    tr(lang, id)
}

/// The columns `text` takes in a terminal.
fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` padded with spaces to `columns`.
fn padded(text: &str, columns: usize) -> String {
    let fill = columns.saturating_sub(width(text));
    format!("{text}{}", " ".repeat(fill))
}

/// The report as text for a terminal or a bug report, in `lang`
/// (`doctor --lang en` for a bug report).
pub fn render(r: &Report, lang: Lang) -> String {
    let mut out = tr_with(lang, "doctor-title", &[("url", r.api_url.as_str().into())]);
    out.push('\n');
    let (ok, fail) = (tr(lang, "doctor-ok"), tr(lang, "doctor-fail"));
    // The marks and the names in columns: as wide as in English, or as
    // the widest of this language.
    let mark_width = width(&ok).max(width(&fail)).max(4);
    let name_width = r
        .setup
        .iter()
        .chain(r.pages.iter().flat_map(|p| &p.checks))
        .map(|c| width(&check_name(lang, &c.name)))
        .fold(14, usize::max);
    let line = |out: &mut String, c: &Check| {
        let mark = padded(if c.ok { &ok } else { &fail }, mark_width);
        let name = padded(&check_name(lang, &c.name), name_width);
        let time =
            c.ms.map(|m| format!("  {}", tr_with(lang, "doctor-ms", &[("ms", m.into())])))
                .unwrap_or_default();
        out.push_str(&format!("  {mark} {name} {}{time}\n", c.detail.words(lang)));
    };
    for c in &r.setup {
        line(&mut out, c);
    }
    for p in &r.pages {
        out.push('\n');
        out.push_str(&tr_with(
            lang,
            "doctor-page",
            &[
                ("name", p.name.as_str().into()),
                ("id", p.id.as_str().into()),
            ],
        ));
        out.push('\n');
        for c in &p.checks {
            line(&mut out, c);
        }
        for (what, s) in [
            ("doctor-in-conversations", &p.conversations),
            ("doctor-in-messages", &p.messages),
        ] {
            let Some(s) = s else { continue };
            let what = tr(lang, what);
            let odd: Vec<String> = s
                .odd()
                .map(|f| format!("{} {} ×{}", f.field, kind_words(lang, &f.kind), f.count))
                .collect();
            if !odd.is_empty() {
                let args = [
                    ("what", what.as_str().into()),
                    ("list", odd.join(", ").into()),
                ];
                out.push_str(&format!(
                    "  {}\n",
                    tr_with(lang, "doctor-odd-shapes", &args)
                ));
            }
            let mut forms = std::collections::BTreeMap::<&str, usize>::new();
            for f in s.fields.iter().filter(|f| f.field.ends_with("(time)")) {
                *forms.entry(f.kind.as_str()).or_default() += f.count;
            }
            let times: Vec<String> = forms
                .iter()
                .map(|(k, n)| format!("{} ×{n}", kind_words(lang, k)))
                .collect();
            if !times.is_empty() {
                let args = [
                    ("what", what.as_str().into()),
                    ("list", times.join(", ").into()),
                ];
                out.push_str(&format!("  {}\n", tr_with(lang, "doctor-times", &args)));
            }
        }
    }
    out.push('\n');
    out.push_str(&tr(
        lang,
        if r.ok {
            "doctor-all-passed"
        } else {
            "doctor-some-failed"
        },
    ));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::survey::FieldCount;

    fn expired() -> ApiError {
        ApiError::SubscriptionExpired {
            message: String::new(),
        }
    }

    /// A report with a check of each kind: passed, failed, timed or not, a
    /// page with odd shapes and times.
    fn fixture() -> Report {
        let field = |field: &str, kind: &str, count, odd| FieldCount {
            field: field.into(),
            kind: kind.into(),
            count,
            odd,
        };
        Report {
            api_url: "https://pages.fm/api".into(),
            setup: vec![
                Check::failed("config", "rate_limit 900 is above 100: using 100", None),
                Check::passed(
                    "token",
                    Said::new("doctor-count-pages").arg("count", 1usize).arg(
                        "how",
                        Said::new("doctor-count-tokens-given").arg("count", 1usize),
                    ),
                    Some(3),
                ),
            ],
            pages: vec![PageReport {
                id: "1234".into(),
                name: "Shop Lan".into(),
                checks: vec![
                    Check::passed(
                        "tags",
                        Said::new("doctor-count-tags").arg("count", 12usize),
                        Some(140),
                    ),
                    Check::passed(
                        "staff",
                        with_skipped(
                            Said::new("doctor-staff")
                                .arg("active", 4usize)
                                .arg("disabled", 1usize),
                            2,
                        ),
                        Some(95),
                    ),
                    Check::failed("conversations", expired().said(), Some(210)),
                ],
                skipped: 2,
                conversations: Some(Survey {
                    elements: 60,
                    fields: vec![
                        field("tags[]", "null", 3, true),
                        field("customers", "missing", 1, true),
                        field("updated_at (time)", "naive with fractions", 60, false),
                    ],
                }),
                messages: None,
            }],
            ok: false,
        }
    }

    /// The fixture as `doctor --json` printed it before the report was
    /// translated.
    const EXPECTED_JSON: &str = r#"{
  "api_url": "https://pages.fm/api",
  "setup": [
    {
      "name": "config",
      "ok": false,
      "detail": "rate_limit 900 is above 100: using 100",
      "ms": null
    },
    {
      "name": "token",
      "ok": true,
      "detail": "1 page(s), page token(s) from the environment or the config file (the calls below check them)",
      "ms": 3
    }
  ],
  "pages": [
    {
      "id": "1234",
      "name": "Shop Lan",
      "checks": [
        {
          "name": "tags",
          "ok": true,
          "detail": "12 tags",
          "ms": 140
        },
        {
          "name": "staff",
          "ok": true,
          "detail": "4 active, 1 disabled (2 skipped: could not be read, see the log)",
          "ms": 95
        },
        {
          "name": "conversations",
          "ok": false,
          "detail": "the page's Pancake subscription has expired (122): renew it in Pancake (pages.fm → Billing); until then Pancake answers nothing for this page",
          "ms": 210
        }
      ],
      "skipped": 2,
      "conversations": {
        "elements": 60,
        "fields": [
          {
            "field": "tags[]",
            "kind": "null",
            "count": 3,
            "odd": true
          },
          {
            "field": "customers",
            "kind": "missing",
            "count": 1,
            "odd": true
          },
          {
            "field": "updated_at (time)",
            "kind": "naive with fractions",
            "count": 60,
            "odd": false
          }
        ]
      },
      "messages": null
    }
  ],
  "ok": false
}"#;

    /// What machines read stays as it was: keys, values, English words.
    #[test]
    fn the_json_report_keeps_its_keys_and_english_words() {
        let json = serde_json::to_string_pretty(&fixture()).unwrap();
        assert_eq!(json, EXPECTED_JSON);
    }

    /// The report in English, as `doctor --lang en` gives it for a bug.
    #[test]
    fn the_report_in_english() {
        let expected = [
            "pancake-tui doctor: https://pages.fm/api",
            "  FAIL config         rate_limit 900 is above 100: using 100",
            "  ok   token          1 page, page token from the environment or the config file \
             (the calls below check it)  3 ms",
            "",
            "page Shop Lan (1234)",
            "  ok   tags           12 tags  140 ms",
            "  ok   staff          4 active, 1 disabled (2 skipped: could not be read, see the \
             log)  95 ms",
            &format!("  FAIL conversations  {}  210 ms", expired()),
            "  odd shapes in conversations (read anyway): tags[] null ×3, customers missing ×1",
            "  times in conversations: naive with fractions ×60",
            "",
            "some checks failed: each FAIL line says what to do",
            "",
        ]
        .join("\n");
        assert_eq!(render(&fixture(), Lang::En), expected);
    }

    /// A warning of the configuration is said in the agent's language in
    /// the report for people; the JSON report keeps its English words.
    #[test]
    fn config_warnings_are_said_in_the_agents_language_and_json_keeps_english() {
        let warning = Said::new("warning-rate-limit")
            .arg("asked", "1000")
            .arg("low", "1")
            .arg("high", "20")
            .arg("kept", "20");
        let report = Report {
            api_url: "https://pages.fm/api".into(),
            setup: vec![Check::failed("config", warning, None)],
            pages: Vec::new(),
            ok: false,
        };
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(
            json["setup"][0]["detail"],
            "rate_limit = 1000 in config is out of 1..=20: 20 is used"
        );
        let vi = render(&report, Lang::Vi);
        assert!(
            vi.contains("rate_limit = 1000 trong tệp cấu hình nằm ngoài khoảng 1..=20: sẽ dùng 20"),
            "{vi}"
        );
    }

    /// The counts of the report for people have their plural in each
    /// language; the JSON report keeps the words it always had.
    #[test]
    fn counts_have_plurals_for_people_and_the_json_keeps_its_words() {
        let token = |n: usize, how: &str| {
            Said::new("doctor-count-pages")
                .arg("count", n)
                .arg("how", Said::new(how).arg("count", n))
        };
        let json = |said: Said| {
            let check = serde_json::to_value(Check::passed("token", said, None)).unwrap();
            check["detail"].as_str().unwrap().to_owned()
        };
        let one = token(1, "doctor-count-tokens-given");
        assert_eq!(
            one.words(Lang::En),
            "1 page, page token from the environment or the config file (the calls below \
             check it)"
        );
        assert_eq!(
            json(one),
            "1 page(s), page token(s) from the environment or the config file (the calls below \
             check them)"
        );
        let three = token(3, "doctor-count-tokens-from-user");
        assert_eq!(
            three.words(Lang::En),
            "3 pages, page tokens generated from the user token (PANCAKE_ACCESS_TOKEN)"
        );
        assert_eq!(
            three.words(Lang::Vi),
            "3 trang, token trang được tạo từ token người dùng (PANCAKE_ACCESS_TOKEN)"
        );
        assert_eq!(
            json(three),
            "3 page(s), page tokens generated from the user token (PANCAKE_ACCESS_TOKEN)"
        );
        let tags = |n: usize| Said::new("doctor-count-tags").arg("count", n);
        assert_eq!(tags(1).words(Lang::En), "1 tag");
        assert_eq!(tags(1234).words(Lang::En), "1,234 tags");
        assert_eq!(tags(1234).words(Lang::Vi), "1.234 nhãn");
        assert_eq!(json(tags(1)), "1 tags", "as it always was");
    }

    /// The same report in Vietnamese: every word of the doctor's own from
    /// the catalog, the names in a column as wide as the longest, Pancake's
    /// error in Vietnamese too; what the config file said stays as it was.
    #[test]
    fn the_report_in_vietnamese() {
        let expected = [
            "pancake-tui doctor: https://pages.fm/api",
            "  LỖI  cấu hình        rate_limit 900 is above 100: using 100",
            "  ổn   token           1 trang, token trang lấy từ biến môi trường hoặc tệp cấu \
             hình (các bước bên dưới sẽ kiểm tra)  3 ms",
            "",
            "trang Shop Lan (1234)",
            "  ổn   nhãn            12 nhãn  140 ms",
            "  ổn   nhân viên       4 người đang hoạt động, 1 người đã bị vô hiệu hoá (bỏ qua 2: \
             không đọc được, xem file log)  95 ms",
            &format!(
                "  LỖI  cuộc trò chuyện {}  210 ms",
                expired().said().words(Lang::Vi)
            ),
            "  dữ liệu có dạng lạ trong danh sách cuộc trò chuyện (vẫn đọc được): tags[] null ×3, \
             customers thiếu ×1",
            "  kiểu ghi thời gian trong danh sách cuộc trò chuyện: không múi giờ (có phần lẻ giây) \
             ×60",
            "",
            "có mục kiểm tra bị lỗi: mỗi dòng LỖI ghi rõ cần làm gì",
            "",
        ]
        .join("\n");
        assert_eq!(render(&fixture(), Lang::Vi), expected);
        assert_ne!(
            expired().said().words(Lang::Vi),
            expired().to_string(),
            "Pancake's error in Vietnamese"
        );
    }

    /// The messages check's words, with the ways Pancake refused, are the
    /// English ones the JSON report always had.
    #[test]
    fn the_ways_refused_are_listed_in_english_as_before() {
        let said = Said::new("doctor-messages-refused")
            .arg(
                "refused",
                one_after_another(vec![
                    way_said(ThreadAsk::PageCustomerId),
                    way_said(ThreadAsk::GlobalId),
                ]),
            )
            .arg("count", 60usize)
            .arg("way", way_said(ThreadAsk::Without));
        assert_eq!(
            said.words(Lang::En),
            "60 read from the newest conversation, asked without a customer id (refused with \
             the page customer's id, with the global customer id)"
        );
        assert_eq!(
            said.words(Lang::Vi),
            "đọc được 60 tin nhắn của cuộc trò chuyện mới nhất, khi hỏi không kèm mã khách \
             hàng (bị từ chối khi hỏi theo mã khách hàng trên trang, theo mã khách hàng chung \
             (global id))"
        );
    }
}
