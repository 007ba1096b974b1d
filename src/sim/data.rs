//! The simulated world, generated from a seed: pages, tags, staff,
//! conversations, and messages made on demand (100,000 conversations stay
//! small in memory because threads are generated only when asked for).

use super::rng::Rng;

pub const DAY: i64 = 86_400;

#[derive(Clone, Debug)]
pub struct TagDef {
    pub id: i64,
    pub text: String,
    pub color: &'static str,
    pub lighten: &'static str,
}

#[derive(Clone, Debug)]
pub struct UserDef {
    pub id: String,
    pub name: String,
    pub fb_id: String,
    pub email: String,
    pub status: &'static str,
}

/// Where an attachment carries its link: each production client reads
/// several of these (pancake-api.md § Shapes), so the simulator varies it per message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKey {
    Url,
    FileUrl,
    PreviewUrl,
    Src,
    PayloadUrl,
    ImageDataUrl,
}

pub const LINK_KEYS: [LinkKey; 6] = [
    LinkKey::Url,
    LinkKey::FileUrl,
    LinkKey::PreviewUrl,
    LinkKey::Src,
    LinkKey::PayloadUrl,
    LinkKey::ImageDataUrl,
];

#[derive(Clone, Debug)]
pub enum Attachment {
    /// photo, video, file, audio, sticker, like: a link under `key`.
    Media {
        kind: &'static str,
        link: String,
        key: LinkKey,
        name: String,
        mime: &'static str,
    },
    Reaction {
        emoji: &'static str,
    },
    /// A Messenger template (buttons): its link is inside the payload's
    /// buttons, under none of the usual keys.
    Template {
        title: String,
        link: String,
    },
    SystemMessage {
        text: String,
    },
    /// `replied_message`: a quote of an earlier message of the thread.
    Quote {
        text: String,
        from_id: String,
        from_name: String,
        attachments: Vec<Attachment>,
    },
}

#[derive(Clone, Debug)]
pub struct Msg {
    pub id: String,
    pub from_id: String,
    pub from_name: String,
    pub admin: Option<(String, String)>,
    pub text: String,
    pub attachments: Vec<Attachment>,
    pub at: i64,
    pub hidden: bool,
    pub removed: bool,
}

/// A note on a page customer (pancake-api.md § Notes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimNote {
    pub id: String,
    pub message: String,
    pub order_id: Option<String>,
    /// Unix seconds (served in milliseconds, as Pancake does).
    pub created_at: i64,
    pub removed_at: Option<i64>,
}

/// A tag added or removed, by whom (`tag_histories`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimTagChange {
    pub tag: i64,
    pub added: bool,
    /// (id, name) of who did it.
    pub editor: (String, String),
    pub at: i64,
}

#[derive(Clone, Debug)]
pub struct Conv {
    pub id: String,
    pub kind: &'static str,
    /// The **global** customer id (top-level `customer_id`,
    /// `page_customer.customer_id`).
    pub customer_id: String,
    /// The page customer's id (`customers[0].id`, `page_customer.id`):
    /// what notes and customer updates take. Another value than the
    /// global id and the PSID (pancake-api.md § Three customer ids).
    pub page_customer_id: String,
    pub psid: String,
    /// `male`, `female`, `unknown` or not said.
    pub gender: Option<String>,
    /// `YYYY-MM-DD` or not said.
    pub birthday: Option<String>,
    /// The record's phone numbers once fixed (`PUT page_customers`);
    /// before that, `phone`.
    pub phone_numbers: Option<Vec<String>>,
    /// The page customer's notes, oldest first (removed ones kept).
    pub notes: Vec<SimNote>,
    pub tag_history: Vec<SimTagChange>,
    pub name: String,
    pub phone: Option<String>,
    pub snippet: String,
    pub seen: bool,
    pub tags: Vec<i64>,
    pub assignees: Vec<String>,
    pub post_id: Option<String>,
    pub inserted_at: i64,
    pub updated_at: i64,
    pub last_customer_at: i64,
    /// Who wrote the newest message (`last_sent_by`).
    pub last_sender: Sender,
    /// Drives everything generated about it (its thread, its JSON's looks).
    pub seed: u64,
    /// Its thread as generated on demand from `seed`.
    pub generated: Generated,
    /// Messages after the generated ones (sent, or added by a test).
    pub extra: Vec<Msg>,
    /// Comments that had their one private reply.
    pub private_replied: Vec<String>,
    /// How this conversation's JSON looks (fixed by the seed).
    pub looks: Looks,
    /// Every send on it is refused with these Facebook codes
    /// (`e_code`, `e_subcode`; subcode 0 = none), until cleared.
    pub refuse: Option<(i64, i64)>,
}

/// Who wrote a conversation's newest message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sender {
    Customer,
    /// The page, through a staff member (`(id, name)`) or not.
    Page(Option<(String, String)>),
}

/// The real service's shapes, chosen per conversation (pancake-api.md § Shapes).
#[derive(Clone, Debug, Default)]
pub struct Looks {
    /// A `null` at this position of `tags` as served.
    pub null_tag: Option<usize>,
    /// No `customers` key at all: `from` and `customer_id` tell who it is.
    pub no_customers: bool,
    /// `recent_phone_numbers` items as plain strings, not objects.
    pub plain_phone: bool,
    /// When the phone number was captured.
    pub phone_captured: i64,
    /// Two bits per time field pick its format (`TimeFormat::pick`).
    pub times: u64,
    pub thread_id: Option<String>,
}

/// How Pancake writes a time (all UTC): naive, naive with microseconds, or
/// with `Z`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeFormat {
    Naive,
    Micros,
    Zulu,
}

impl TimeFormat {
    /// The format of field `field` for a conversation's `bits`.
    pub fn pick(bits: u64, field: u32) -> TimeFormat {
        match (bits >> (2 * (field % 32))) & 3 {
            1 => TimeFormat::Micros,
            2 => TimeFormat::Zulu,
            _ => TimeFormat::Naive,
        }
    }

    pub fn write(self, ts: i64) -> String {
        match self {
            TimeFormat::Naive => naive(ts),
            // A fraction that depends only on the second: the same time
            // reads the same on every call.
            TimeFormat::Micros => format!(
                "{}.{:06}",
                naive(ts),
                (ts as u64).wrapping_mul(2_654_435_761) % 1_000_000
            ),
            TimeFormat::Zulu => format!("{}Z", naive(ts)),
        }
    }
}

/// The share of conversations (and at least this many) whose customer wrote
/// within the last 20 hours, so the top of the list can be answered.
pub const FRESH: usize = 20;
/// Facebook's messaging window after the customer's last message.
pub const REPLY_WINDOW: i64 = DAY;

impl Conv {
    pub fn message_count(&self) -> usize {
        self.generated.count as usize + self.extra.len()
    }
}

/// A conversation's generated thread: messages made on demand from the
/// conversation's seed, never stored.
#[derive(Clone, Copy, Debug)]
pub struct Generated {
    pub count: u32,
    /// The time of its last message: changes move the conversation's
    /// `updated_at`, never the generated thread.
    pub end: i64,
    /// It ends with the page's message (not the customer's).
    pub ends_with_page: bool,
}

impl Generated {
    /// Message `k` (0 = oldest) is its newest.
    fn is_last(&self, k: u32) -> bool {
        k + 1 == self.count
    }
}

/// How a page shapes its JSON (the second page varies it, to exercise
/// tolerant decoders).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Reference,
    Varied,
}

#[derive(Clone, Debug)]
pub struct Page {
    pub id: String,
    pub name: String,
    pub token: String,
    pub shape: Shape,
    pub tags: Vec<TagDef>,
    pub users: Vec<UserDef>,
    pub disabled: Vec<UserDef>,
    pub posts: Vec<String>,
    pub convs: Vec<Conv>,
    pub index: std::collections::HashMap<String, usize>,
    /// Tokens this page had before `revoke_page_token` (answered 105).
    pub revoked_tokens: Vec<String>,
    /// Every page call answers `error_code` 122.
    pub subscription_expired: bool,
    /// Files uploaded with `upload_contents`, by content id.
    pub uploads: std::collections::HashMap<String, SimUpload>,
}

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
];
const MIDDLE: &[&str] = &["Thị", "Văn", "Minh", "Ngọc", "Thanh", "Hoàng", "Thu", "Đức"];
const GIVEN: &[&str] = &[
    "Phương", "Hồng", "Lan", "Hùng", "Dũng", "Trang", "Hương", "Tuấn", "Linh", "Mai", "Quân",
    "Thảo", "Yến", "Khoa", "Vy", "Nhung",
];
const ENGLISH: &[&str] = &[
    "Emma Wilson",
    "Liam Brown",
    "Olivia Taylor",
    "Noah Davies",
    "Ava Johnson",
    "Lucas Martin",
    "Mia Clarke",
    "Ethan Walker",
];
const VI_CUSTOMER: &[&str] = &[
    "Shop ơi còn size M không ạ?",
    "Cho mình hỏi giá cái váy này với ạ 😍",
    "Ship về Đà Nẵng mất mấy ngày shop?",
    "Mình đặt 2 cái nhé, giao giờ hành chính",
    "Hàng giao bị lỗi rồi shop ơi 😢",
    "Có màu đỏ không ạ?",
    "Bao giờ có hàng lại vậy shop?",
    "Chuyển khoản rồi nha shop 🙏",
    "Cho xin địa chỉ cửa hàng với",
    "Áo này chất liệu gì vậy ạ?",
    "Mình muốn đổi size được không?",
    "Ok shop, cảm ơn nhiều 👍🏽",
];
const EN_CUSTOMER: &[&str] = &[
    "Hi, do you still have size M in stock?",
    "How much is shipping to Hanoi?",
    "I'd like to order two of these please 🙂",
    "My parcel arrived damaged 😞",
    "Is this available in blue?",
    "Thanks! 👩‍🍳 Looks great",
    "Can I pay cash on delivery?",
];
const PAGE_REPLIES: &[&str] = &[
    "Dạ shop chào chị ạ, size M vẫn còn ạ ❤️",
    "Dạ giá 250.000đ ạ, freeship đơn từ 2 sản phẩm",
    "Dạ shop ship 2-4 ngày ạ 🚚",
    "Shop xin lỗi chị, shop đổi hàng mới ngay ạ 🙏",
    "Hi! Yes, it is in stock.",
    "Thanks for your order, we'll ship today 📦",
];

/// Snippets as Pancake also writes them: HTML, or system text.
const ODD_SNIPPETS: &[&str] = &[
    "Dạ shop gửi chị bảng giá ạ<br>Size M: 250.000đ &amp; size L: 270.000đ",
    "Cảm ơn bạn đã liên hệ!<br><br>Shop sẽ trả lời ngay &lt;3",
    "Tom &amp; Jerry shop<br>Open 8:00–22:00",
    "[Photo]",
    "Bạn đã gửi một nhãn dán.",
    "Cuộc hội thoại đã được chuyển cho Lê Thu Hà",
    "Khách hàng đã bình luận về bài viết",
];

const REACTIONS: &[&str] = &["❤️", "😆", "😮", "👍"];

const SYSTEM_LINES: &[&str] = &[
    "Khách hàng đã được gán cho Nguyễn Thị Phương",
    "Cuộc hội thoại đã được đánh dấu là đã xong",
    "The customer replied to an ad",
];

fn iso(ts: i64) -> String {
    jiff::Timestamp::from_second(ts)
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%S").to_string())
        .unwrap_or_default()
}

/// Naive ISO time as Pancake writes it (UTC, no zone).
pub fn naive(ts: i64) -> String {
    iso(ts)
}

fn vi_name(r: &mut Rng) -> String {
    format!("{} {} {}", r.pick(FAMILY), r.pick(MIDDLE), r.pick(GIVEN))
}

fn uuid(r: &mut Rng) -> String {
    let a = r.next();
    let b = r.next();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        (b >> 48) & 0x3fff | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

fn tags() -> Vec<TagDef> {
    [
        ("Kiểm hàng", "#4b5577", "#c9ccd6"),
        ("Đặt hàng", "#2ecc71", "#a3e4be"),
        ("Khiếu nại", "#e74c3c", "#f5b8b0"),
        ("Orders", "#27ae60", "#9fd8b5"),
        ("Hỏi giá", "#f39c12", "#fad7a0"),
        ("VIP", "#8e44ad", "#d2b4de"),
        ("Ship COD", "#2980b9", "#a9cce3"),
        ("Follow up", "#16a085", "#a2d9ce"),
        ("Spam", "#7f8c8d", "#ccd1d1"),
        ("Đã chốt", "#d35400", "#f0b27a"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (t, c, l))| TagDef {
        id: i as i64,
        text: (*t).into(),
        color: c,
        lighten: l,
    })
    .collect()
}

fn staff(r: &mut Rng) -> (Vec<UserDef>, Vec<UserDef>) {
    let email = |id: &str| format!("staff.{}@pancake.example", &id[..8]);
    let names = [
        ("Nguyễn Thị Phương", "available"),
        ("Trần Minh Đức", "busy"),
        ("Lê Thu Hà", "available"),
        ("Phạm Quốc Bảo", "offline"),
        ("Anh Ngoc Nguyen", "available"),
        ("Sarah Lee", "busy"),
        ("Đỗ Hoàng Long", "offline"),
        ("Vũ Ngọc Mai", "available"),
    ];
    let mk = |r: &mut Rng, (name, status): (&str, &'static str)| {
        let id = uuid(r);
        UserDef {
            email: email(&id),
            id,
            name: name.into(),
            fb_id: format!("1{:014}", r.below(100_000_000_000_000)),
            status,
        }
    };
    let users = names.iter().map(|n| mk(r, *n)).collect();
    let disabled = [("Bùi Văn Cũ", "offline"), ("Former Agent", "offline")]
        .iter()
        .map(|n| mk(r, *n))
        .collect();
    (users, disabled)
}

/// Hostile text for a few conversations of the main page (the app must
/// neutralise all of it).
fn hostile(k: usize) -> (String, String) {
    match k {
        0 => (
            "\u{1b}]0;pwned\u{7}Evil Title".into(),
            "\u{1b}[2J\u{1b}[Hscreen cleared?".into(),
        ),
        1 => (
            "\u{202e}gnp.exe Bidi".into(),
            "ok\rFAKE line overwrite".into(),
        ),
        2 => ("👩‍👩‍👧‍👦".repeat(10_000), "🇻🇳👍🏽 flags and tones".into()),
        3 => ("王小明 李华".into(), "你好，这件衣服还有吗？".into()),
        4 => ("محمد العربي".into(), "مرحبا، هل هذا متوفر؟".into()),
        5 => ("Long Text".into(), "lorem ipsum ".repeat(9_000)),
        _ => (
            "\u{1b}]52;c;ZWNobw==\u{7}Clip Board".into(),
            "\u{9b}31mred?\u{1b}[?1000h".into(),
        ),
    }
}

/// The notes a customer starts with: a quarter of them have one to three,
/// most naming an order, a few removed.
fn initial_notes(c: &Conv, first: i64) -> Vec<SimNote> {
    let mut r = Rng::derive(c.seed ^ 0x0E7E5, 0);
    if !r.chance(0.25) {
        return vec![];
    }
    (0..1 + r.below(3))
        .map(|i| {
            let at = first + 3600 * (i as i64 + 1) + r.below(3600) as i64;
            let order = r.chance(0.7).then(|| 10_000 + r.below(90_000));
            let message = match order {
                Some(o) => format!("Đơn #{o}: {} sản phẩm, COD", 1 + r.below(4)),
                None => "Khách hẹn gọi lại sau 18h".to_owned(),
            };
            let removed_at = r.chance(0.2).then_some(at + 60);
            SimNote {
                id: format!("note_{}_{i}", c.page_customer_id),
                message,
                order_id: order.map(|o| o.to_string()),
                created_at: at,
                removed_at,
            }
        })
        .collect()
}

pub struct Gen {
    pub seed: u64,
    pub now: i64,
}

impl Gen {
    pub fn page(
        &self,
        n: usize,
        id: &str,
        name: &str,
        token: &str,
        shape: Shape,
        hostile_fixtures: bool,
    ) -> Page {
        let mut r = Rng::derive(self.seed, id.len() as u64 + n as u64 * 7);
        let (users, disabled) = staff(&mut r);
        let posts: Vec<String> = (0..6).map(|i| format!("{id}_{}", 900_000 + i)).collect();
        let mut page = Page {
            id: id.into(),
            name: name.into(),
            token: token.into(),
            shape,
            tags: tags(),
            users,
            disabled,
            posts,
            convs: Vec::with_capacity(n),
            index: Default::default(),
            revoked_tokens: vec![],
            subscription_expired: false,
            uploads: Default::default(),
        };
        for i in 0..n {
            let c = self.conv(&page, i);
            page.index.insert(c.id.clone(), page.convs.len());
            page.convs.push(c);
        }
        if hostile_fixtures {
            for k in 0..7.min(n) {
                let (name, snippet) = hostile(k);
                let c = &mut page.convs[k * 13 % n];
                // The newest message of its thread, hours ago.
                let at = (self.now - 3600 * (k as i64 + 1))
                    .max(c.generated.end + 1)
                    .min(self.now - 1);
                c.name = name;
                c.snippet = snippet.clone();
                c.extra.push(Msg {
                    id: format!("m_{}_hostile", c.id),
                    from_id: c.psid.clone(),
                    from_name: c.name.clone(),
                    admin: None,
                    text: snippet,
                    attachments: vec![],
                    at,
                    hidden: false,
                    removed: false,
                });
                c.updated_at = at;
                c.last_customer_at = at;
                c.last_sender = Sender::Customer;
            }
        }
        page
    }

    fn conv(&self, page: &Page, i: usize) -> Conv {
        let mut r = Rng::derive(
            self.seed ^ 0xC0,
            i as u64 + page.id.len() as u64 * 1_000_003,
        );
        let english = r.chance(0.25);
        let name = if english {
            r.pick(ENGLISH).to_string()
        } else {
            vi_name(&mut r)
        };
        let psid = format!("{}", 7_000_000_000_000_000u64 + i as u64 * 7919);
        let kind = match r.below(100) {
            0..=71 => "INBOX",
            72..=96 => "COMMENT",
            _ => "LIVESTREAM",
        };
        let mut inserted_at = self.now - 1 - r.below(90 * DAY as u64) as i64;
        let span = (self.now - inserted_at).max(60);
        let mut updated_at = (inserted_at + r.below(span as u64) as i64).min(self.now - 1);
        // The first conversations had their customer write within 20 hours:
        // the top of the list is inside Facebook's 24-hour window.
        if i < FRESH {
            let mut f = Rng::derive(self.seed ^ 0xF2E5, i as u64);
            updated_at = self.now - 60 - f.below(20 * 3600) as i64;
            inserted_at = inserted_at.min(updated_at - 60);
        }
        let generated = match r.below(10) {
            0..=5 => 1 + r.below(15) as u32,
            6..=8 => 15 + r.below(60) as u32,
            _ => 75 + r.below(126) as u32,
        };
        let n_tags = r.below(3);
        let mut tags: Vec<i64> = (0..n_tags).map(|_| r.below(10) as i64).collect();
        tags.sort_unstable();
        tags.dedup();
        let assignees = (0..r.below(3))
            .map(|_| {
                page.users[r.below(page.users.len() as u64) as usize]
                    .id
                    .clone()
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let seed = r.next();
        // What the real service's shapes add, from a stream of its own (the
        // draws above stay as they were).
        let mut x = Rng::derive(seed ^ 0x0D1A_1EC7, 0);
        let ends_with_page = generated > 1 && self.now - updated_at > 3 * DAY && x.chance(0.3);
        let null_tag =
            (!tags.is_empty() && x.chance(0.08)).then(|| x.below(tags.len() as u64 + 1) as usize);
        let looks = Looks {
            null_tag,
            no_customers: x.chance(0.10),
            plain_phone: x.chance(0.4),
            phone_captured: inserted_at + x.below((updated_at - inserted_at).max(1) as u64) as i64,
            times: x.next(),
            thread_id: (kind == "INBOX")
                .then(|| format!("t_{}", 100_000_000_000_000 + x.below(900_000_000_000_000))),
        };
        let snippet_override = x.chance(0.10).then(|| x.pick(ODD_SNIPPETS).to_string());
        // The page customer's record, from a stream of its own too.
        let mut pc = Rng::derive(seed ^ 0x9A6E_C057, 0);
        let page_customer_id = uuid(&mut pc);
        let gender = match pc.below(4) {
            0 => None,
            1 => Some("male".to_owned()),
            2 => Some("female".to_owned()),
            _ => Some("unknown".to_owned()),
        };
        let birthday = pc.chance(0.3).then(|| {
            format!(
                "{}-{:02}-{:02}",
                1970 + pc.below(35),
                1 + pc.below(12),
                1 + pc.below(28)
            )
        });
        let tag_history = tags
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let u = &page.users[pc.below(page.users.len() as u64) as usize];
                SimTagChange {
                    tag: *t,
                    added: true,
                    editor: (u.id.clone(), u.name.clone()),
                    at: (inserted_at + 600 * (k as i64 + 1)).min(updated_at),
                }
            })
            .collect();
        let mut c = Conv {
            id: format!("{}_{psid}", page.id),
            kind,
            customer_id: uuid(&mut r),
            page_customer_id,
            gender,
            birthday,
            phone_numbers: None,
            notes: vec![],
            tag_history,
            psid,
            name,
            phone: r
                .chance(0.3)
                .then(|| format!("09{:08}", r.below(100_000_000))),
            snippet: String::new(),
            seen: r.chance(0.7),
            tags,
            assignees,
            post_id: (kind != "INBOX").then(|| r.pick(&page.posts).clone()),
            inserted_at,
            updated_at,
            last_customer_at: updated_at,
            last_sender: Sender::Customer,
            seed,
            generated: Generated {
                count: generated,
                end: updated_at,
                ends_with_page,
            },
            extra: vec![],
            private_replied: vec![],
            looks,
            refuse: None,
        };
        let last = self.message_base(page, &c, generated - 1);
        if ends_with_page {
            c.last_sender = Sender::Page(last.admin.clone());
            c.last_customer_at = (0..generated - 1)
                .rev()
                .map(|k| self.message_base(page, &c, k))
                .find(|m| m.from_id == c.psid)
                .map_or(c.inserted_at, |m| m.at);
        }
        c.snippet = snippet_override.unwrap_or(last.text);
        c.notes = initial_notes(&c, c.inserted_at);
        c
    }

    /// Message `k` (0 = oldest) of a conversation's generated thread; a
    /// share of them quote an earlier message of the thread.
    pub fn message(&self, page: &Page, c: &Conv, k: u32) -> Msg {
        let mut m = self.message_base(page, c, k);
        let mut x = Rng::derive(c.seed ^ 0x9A07E, k as u64);
        if k > 0 && x.chance(0.07) {
            let q = self.message_base(page, c, x.below(k as u64) as u32);
            m.attachments.insert(
                0,
                Attachment::Quote {
                    text: q.text,
                    from_id: q.from_id,
                    from_name: q.from_name,
                    attachments: q.attachments,
                },
            );
        }
        m
    }

    /// Message `k` without a quote.
    fn message_base(&self, page: &Page, c: &Conv, k: u32) -> Msg {
        let mut r = Rng::derive(c.seed, k as u64);
        let mut x = Rng::derive(c.seed ^ 0x11A4, k as u64);
        let g = c.generated;
        let n = g.count.max(1) as i64;
        let span = (g.end - c.inserted_at).max(n);
        let at = if g.is_last(k) {
            g.end
        } else {
            c.inserted_at + span * k as i64 / n
        };
        // The first message is the customer's, the last one too unless the
        // thread ends with the page's.
        let from_page = k != 0
            && if g.is_last(k) {
                g.ends_with_page
            } else {
                r.chance(0.45)
            };
        let english = c.name.is_ascii();
        let (from_id, from_name, text, admin) = if from_page {
            let u = r.pick(&page.users);
            let admin = r.chance(0.7).then(|| (u.id.clone(), u.name.clone()));
            (
                page.id.clone(),
                page.name.clone(),
                r.pick(PAGE_REPLIES).to_string(),
                admin,
            )
        } else {
            let lines = if english { EN_CUSTOMER } else { VI_CUSTOMER };
            (
                c.psid.clone(),
                c.name.clone(),
                r.pick(lines).to_string(),
                None,
            )
        };
        let attachments = if r.chance(0.10) {
            let (kind, mime, ext) = *r.pick(&[
                ("photo", "image/jpeg", "jpg"),
                ("video", "video/mp4", "mp4"),
                ("file", "application/pdf", "pdf"),
                ("audio", "audio/mp4", "m4a"),
                ("sticker", "image/png", "png"),
                ("like", "image/png", "png"),
                ("reaction", "", ""),
                ("template", "", ""),
                ("system_message", "", ""),
            ]);
            let link = format!("https://content.example/{}/{k}.{ext}", c.id);
            vec![match kind {
                "reaction" => Attachment::Reaction {
                    emoji: REACTIONS[x.below(REACTIONS.len() as u64) as usize],
                },
                "template" => Attachment::Template {
                    title: format!("Đơn hàng #{}", 10_000 + x.below(90_000)),
                    link: format!("https://shop.example/orders/{}/{k}", c.psid),
                },
                "system_message" => Attachment::SystemMessage {
                    text: x.pick(SYSTEM_LINES).to_string(),
                },
                _ => Attachment::Media {
                    kind,
                    link,
                    key: *x.pick(&LINK_KEYS),
                    name: format!("{kind}_{k}.{ext}"),
                    mime,
                },
            }]
        } else {
            vec![]
        };
        Msg {
            id: format!("m_{}_{k}", c.id),
            from_id,
            from_name,
            admin,
            text,
            attachments,
            at,
            hidden: !from_page && !g.is_last(k) && r.chance(0.02),
            removed: !g.is_last(k) && r.chance(0.02),
        }
    }

    /// The whole thread, oldest first.
    pub fn thread(&self, page: &Page, c: &Conv) -> Vec<Msg> {
        let mut all: Vec<Msg> = (0..c.generated.count)
            .map(|k| self.message(page, c, k))
            .collect();
        all.extend(c.extra.iter().cloned());
        all.sort_by_key(|m| m.at);
        all
    }
}

/// A file uploaded with `upload_contents`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimUpload {
    pub name: String,
    pub mime: String,
    /// `PHOTO`, `VIDEO`, `AUDIO_ATTACHMENT_ID` or `DOCUMENT`.
    pub attachment_type: &'static str,
    pub bytes: Vec<u8>,
}
