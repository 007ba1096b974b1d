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
    pub status: &'static str,
}

#[derive(Clone, Debug)]
pub struct Attachment {
    pub kind: &'static str,
    pub url: String,
    pub name: String,
    pub mime: &'static str,
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

#[derive(Clone, Debug)]
pub struct Conv {
    pub id: String,
    pub kind: &'static str,
    pub customer_id: String,
    pub psid: String,
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
    /// Messages generated on demand from `seed`; `extra` come after them.
    pub generated: u32,
    pub seed: u64,
    pub extra: Vec<Msg>,
    /// Comments that had their one private reply.
    pub private_replied: Vec<String>,
}

impl Conv {
    pub fn message_count(&self) -> usize {
        self.generated as usize + self.extra.len()
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
    let mk = |r: &mut Rng, (name, status): (&str, &'static str)| UserDef {
        id: uuid(r),
        name: name.into(),
        fb_id: format!("1{:014}", r.below(100_000_000_000_000)),
        status,
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
                c.name = name;
                c.snippet = snippet.clone();
                c.extra.push(Msg {
                    id: format!("m_{}_hostile", c.id),
                    from_id: c.psid.clone(),
                    from_name: c.name.clone(),
                    admin: None,
                    text: snippet,
                    attachments: vec![],
                    at: self.now - 3600 * (k as i64 + 1),
                    hidden: false,
                    removed: false,
                });
                c.updated_at = self.now - 3600 * (k as i64 + 1);
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
        let inserted_at = self.now - 1 - r.below(90 * DAY as u64) as i64;
        let span = (self.now - inserted_at).max(60);
        let updated_at = (inserted_at + r.below(span as u64) as i64).min(self.now - 1);
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
        let mut c = Conv {
            id: format!("{}_{psid}", page.id),
            kind,
            customer_id: uuid(&mut r),
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
            generated,
            seed,
            extra: vec![],
            private_replied: vec![],
        };
        c.snippet = self.message(page, &c, generated - 1).text;
        c
    }

    /// Message `k` (0 = oldest) of a conversation's generated thread.
    pub fn message(&self, page: &Page, c: &Conv, k: u32) -> Msg {
        let mut r = Rng::derive(c.seed, k as u64);
        let n = c.generated.max(1) as i64;
        let span = (c.updated_at - c.inserted_at).max(n);
        let at = if k + 1 == c.generated {
            c.updated_at
        } else {
            c.inserted_at + span * k as i64 / n
        };
        // The first and last messages are the customer's.
        let from_page = k != 0 && k + 1 != c.generated && r.chance(0.45);
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
        let attachments = if r.chance(0.08) {
            let (kind, mime, ext) = *r.pick(&[
                ("photo", "image/jpeg", "jpg"),
                ("video", "video/mp4", "mp4"),
                ("file", "application/pdf", "pdf"),
                ("sticker", "image/png", "png"),
            ]);
            vec![Attachment {
                kind,
                url: format!("https://content.example/{}/{k}.{ext}", c.id),
                name: format!("{kind}_{k}.{ext}"),
                mime,
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
            hidden: !from_page && k + 1 != c.generated && r.chance(0.02),
            removed: k + 1 != c.generated && r.chance(0.02),
        }
    }

    /// The whole thread, oldest first.
    pub fn thread(&self, page: &Page, c: &Conv) -> Vec<Msg> {
        let mut all: Vec<Msg> = (0..c.generated).map(|k| self.message(page, c, k)).collect();
        all.extend(c.extra.iter().cloned());
        all.sort_by_key(|m| m.at);
        all
    }
}
