//! Who and what a generated page starts with: customer names, ids, tags,
//! staff, hostile text, a customer's first notes.

use super::conv::{Conv, SimNote};
use super::page::{TagDef, UserDef};
use super::words::{FAMILY, GIVEN, MIDDLE};
use crate::sim::rng::Rng;

pub(super) fn vi_name(r: &mut Rng) -> String {
    format!("{} {} {}", r.pick(FAMILY), r.pick(MIDDLE), r.pick(GIVEN))
}

pub(super) fn uuid(r: &mut Rng) -> String {
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

pub(super) fn tags() -> Vec<TagDef> {
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

pub(super) fn staff(r: &mut Rng) -> (Vec<UserDef>, Vec<UserDef>) {
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
pub(super) fn hostile(k: usize) -> (String, String) {
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
pub(super) fn initial_notes(c: &Conv, first: i64) -> Vec<SimNote> {
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
