//! The generator (`Gen`): a page, its conversations and their messages,
//! all from one PRNG number (`sim/rng.rs`).

use super::cast::{hostile, initial_notes, staff, tags, uuid, vi_name};
use super::conv::{Conv, FRESH, Generated, Looks, Sender, SimTagChange};
use super::msg::{Attachment, LINK_KEYS, Msg};
use super::page::{Page, Shape};
use super::time::DAY;
use super::words::{
    EN_CUSTOMER, ENGLISH, ODD_SNIPPETS, PAGE_REPLIES, REACTIONS, SYSTEM_LINES, VI_CUSTOMER,
};
use crate::sim::rng::Rng;

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
