//! The words a generated page is written with: names, customers' and
//! the page's lines, odd snippets, reactions, system lines.

pub(super) const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
];
pub(super) const MIDDLE: &[&str] = &["Thị", "Văn", "Minh", "Ngọc", "Thanh", "Hoàng", "Thu", "Đức"];
pub(super) const GIVEN: &[&str] = &[
    "Phương", "Hồng", "Lan", "Hùng", "Dũng", "Trang", "Hương", "Tuấn", "Linh", "Mai", "Quân",
    "Thảo", "Yến", "Khoa", "Vy", "Nhung",
];
pub(super) const ENGLISH: &[&str] = &[
    "Emma Wilson",
    "Liam Brown",
    "Olivia Taylor",
    "Noah Davies",
    "Ava Johnson",
    "Lucas Martin",
    "Mia Clarke",
    "Ethan Walker",
];
pub(super) const VI_CUSTOMER: &[&str] = &[
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
pub(super) const EN_CUSTOMER: &[&str] = &[
    "Hi, do you still have size M in stock?",
    "How much is shipping to Hanoi?",
    "I'd like to order two of these please 🙂",
    "My parcel arrived damaged 😞",
    "Is this available in blue?",
    "Thanks! 👩‍🍳 Looks great",
    "Can I pay cash on delivery?",
];
pub(super) const PAGE_REPLIES: &[&str] = &[
    "Dạ shop chào chị ạ, size M vẫn còn ạ ❤️",
    "Dạ giá 250.000đ ạ, freeship đơn từ 2 sản phẩm",
    "Dạ shop ship 2-4 ngày ạ 🚚",
    "Shop xin lỗi chị, shop đổi hàng mới ngay ạ 🙏",
    "Hi! Yes, it is in stock.",
    "Thanks for your order, we'll ship today 📦",
];

/// Snippets as Pancake also writes them: HTML, or system text.
pub(super) const ODD_SNIPPETS: &[&str] = &[
    "Dạ shop gửi chị bảng giá ạ<br>Size M: 250.000đ &amp; size L: 270.000đ",
    "Cảm ơn bạn đã liên hệ!<br><br>Shop sẽ trả lời ngay &lt;3",
    "Tom &amp; Jerry shop<br>Open 8:00–22:00",
    "[Photo]",
    "Bạn đã gửi một nhãn dán.",
    "Cuộc hội thoại đã được chuyển cho Lê Thu Hà",
    "Khách hàng đã bình luận về bài viết",
];

pub(super) const REACTIONS: &[&str] = &["❤️", "😆", "😮", "👍"];

pub(super) const SYSTEM_LINES: &[&str] = &[
    "Khách hàng đã được gán cho Nguyễn Thị Phương",
    "Cuộc hội thoại đã được đánh dấu là đã xong",
    "The customer replied to an ad",
];
