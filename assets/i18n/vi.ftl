# Lời của hộp thư bằng tiếng Việt. Mỗi id ở đây cũng có trong en.ftl (một
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
