# Lời của hộp thư bằng tiếng Việt: các màn hình. Mỗi id ở đây cũng có trong en/screens.ftl (một
# bài kiểm tra soát cả hai chiều, và rằng mã dùng đến mọi id).
# Số truyền vào được hộp thư tự nhóm theo lối Việt (1.234).
#
# Bảng từ (viết như trang quản trị của Pancake và một cửa hàng Việt nói):
#   conversation      cuộc trò chuyện (hội thoại)
#   tag               nhãn            (gắn nhãn, gỡ nhãn)
#   assign            giao cho / phân công
#   unread / read     chưa đọc / đã đọc (đánh dấu chưa đọc)
#   reply             trả lời
#   inbox             hộp thư
#   view              chế độ xem (tab)
#   filter / search   lọc / tìm
#   snooze            hẹn lại
#   pending           đang chờ gửi
#   failed            lỗi (gửi không được)
#   retry / drop      thử lại / bỏ
#   page              trang


## Các chế độ xem khi chưa cấu hình (tab)

view-all = Tất cả
view-unread = Chưa đọc
view-mine = Của tôi
view-unassigned = Chưa giao
view-snoozed = Hẹn lại

## Khung danh sách

list-all-pages = Tất cả { $pages } trang
list-unread = { $unread } chưa đọc
list-shown = đang hiện { $shown }
list-no-match = không có cuộc trò chuyện nào khớp "{ $query }"
list-loading = đang tải…
list-nothing-loaded = chưa tải được gì: xem thanh trạng thái
list-view-empty = không có cuộc trò chuyện nào trong chế độ xem này
list-empty = Chưa có cuộc trò chuyện nào
list-searching = đang tìm… { $percent }%
list-filtering = đang lọc… { $percent }%
list-marked = đã chọn { $marked }
list-filter = lọc: { $summary }
list-fetching = (đang tải…)
list-clears = { $key } để bỏ lọc
hint-filter = lọc
hint-search = tìm

## Thanh trạng thái

status-demo = DEMO
status-waiting = { $count } đang chờ Pancake
status-failed = { $count } lỗi
status-failed-hints = { $count } lỗi ({ $hints })
hint-retry = thử lại
hint-drop = bỏ
status-elsewhere = { $count } đang chờ gửi ở cửa sổ khác
status-pending = { $count } đang chờ gửi
status-bulk = hàng loạt { $done }/{ $total } ({ $failed } lỗi)
status-api = api { $used }/{ $limit }
status-api-queued = api { $used }/{ $limit } +{ $queued } đang xếp hàng
status-help = { $key } trợ giúp
status-offline = mất kết nối
status-offline-retry = mất kết nối, thử lại sau { $seconds } giây
status-error-retry = { $error } (thử lại sau { $seconds } giây)
status-cached-syncing = { $count } trong bộ nhớ đệm, đang đồng bộ
status-loaded = đã tải { $count }…
status-conversations = { $count } cuộc trò chuyện
status-synced-now = vừa đồng bộ
status-synced-ago = đồng bộ { $age } trước

## Bảng chọn

tag-picker-title = Nhãn cho { $target }
picker-marked = { $count } cuộc trò chuyện đã chọn
staff-picker-who-am-i = Bạn là nhân viên nào?
staff-picker-assign = Phân công: { $target }
staff-picker-reassign = Phân công lại: { $target }
hint-close = đóng
hint-tag-all = chọn (gắn cho tất cả / gỡ khỏi tất cả)
hint-toggle = gắn/gỡ
hint-type-to-filter = gõ để lọc
hint-select = chọn
hint-thats-me = là tôi
hint-assign = giao
hint-assign-all = giao tất cả

picker-no-match = không có kết quả
canned-title = Câu trả lời mẫu
hint-insert = chèn
staff-available = sẵn sàng
staff-busy = đang bận
staff-offline = vắng mặt
staff-unknown = ?

## Khung hội thoại

thread-title = Hội thoại
hint-opens = mở cuộc trò chuyện đang chọn
hint-help = trợ giúp
thread-kind-inbox = tin nhắn
thread-kind-comment = bình luận
thread-post-loading = bài viết: đang tải…
thread-post-not-found = không tìm thấy bài viết (không nằm trong các bài mới nhất của trang)
thread-post-failed = chưa tải được bài viết: { $error }
thread-post = bài viết { $day }
thread-loading = đang tải…
thread-no-messages = chưa có tin nhắn
thread-loading-older = đang tải tin nhắn cũ hơn…
thread-beginning = đầu cuộc trò chuyện
thread-older-keys = k / PgUp để xem tin nhắn cũ hơn
thread-more-lines = ↓ còn { $lines } dòng (G)

## Khung soạn trả lời

composer-title = Trả lời · { $chars } ký tự
composer-files = { $count } tệp
composer-private = NHẮN RIÊNG
composer-tags = +nhãn { $tags }
composer-removes = { $key } để gỡ
composer-more-files = thêm { $count } tệp
hint-send = gửi
hint-new-line = xuống dòng
hint-attach = đính kèm
hint-canned = mẫu
hint-editor = trình soạn
hint-keep-draft = giữ nháp

## Hộp thư đi và thao tác hàng loạt

outbox-title = Hộp thư đi: { $count } chưa xác nhận
outbox-on-its-way = đang gửi
outbox-waits = chờ Pancake: { $why }
outbox-uncertain = có thể đã gửi: { $why }
outbox-failed = lỗi: { $why }
hint-cancel = hủy
hint-send-again = gửi lại
hint-move = di chuyển
notice-outbox-empty = hộp thư đi trống: mọi thao tác đã được xác nhận
bulk-title = Thao tác hàng loạt
bulk-in-background = Chạy ngầm theo tốc độ cho phép của trang; bạn cứ làm tiếp.
hint-confirm = xác nhận

## Tệp đính kèm và liên kết

links-title = Tệp đính kèm và liên kết: { $count }
links-page = trang
links-customer = khách
links-no-display = không có màn hình tại máy: liên kết được chép, không mở
hint-copy = chép vào bộ nhớ tạm
hint-move-jump = di chuyển · 1-9 nhảy
hint-open = mở
attach-title = Đính kèm ảnh hoặc tệp
attach-checking = đang kiểm tra tệp…
attach-more = còn { $count } tệp: gõ thêm tên
attach-kinds = ảnh, video, âm thanh, PDF, Word, Excel, văn bản; tối đa 25 MB
hint-complete = điền tiếp
hint-clear = xoá

## Hẹn lại và bảng lệnh

snooze-title = Xử lý sau: { $target }
snooze-until = đã hẹn đến { $due }
snooze-back-at = lên đầu danh sách, đánh dấu chưa đọc, lúc:
snooze-cancel = hủy hẹn
snooze-now = ngay bây giờ, không đánh dấu chưa đọc
snooze-type-a-time = gõ giờ: { $examples }
hint-choose = chọn
hint-type-a-time = gõ giờ
palette-title = Lệnh
palette-none = không có lệnh nào khớp
hint-run = chạy
hint-type-to-find = gõ để tìm


## Dòng hội thoại không phải chữ, và lời riêng của ô đính kèm

thread-like = thích
thread-reacted = đã bày tỏ cảm xúc
thread-reacted-with = đã thả { $emoji }
thread-system-message = tin hệ thống
attach-type-a-path = gõ đường dẫn của tệp (Tab để gợi ý)
attach-nothing-starts-so = không có tệp hay thư mục nào bắt đầu như vậy
