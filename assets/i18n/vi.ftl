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
hint-cancel = huỷ
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
snooze-cancel = huỷ hẹn
snooze-now = ngay bây giờ, không đánh dấu chưa đọc
snooze-type-a-time = gõ giờ: { $examples }
hint-choose = chọn
hint-type-a-time = gõ giờ
palette-title = Lệnh
palette-none = không có lệnh nào khớp
hint-run = chạy
hint-type-to-find = gõ để tìm

## Bảng phím (app::keys::BINDINGS): mô tả từng lệnh, theo chế độ

mode-list = Danh sách và hội thoại
mode-picker = Bảng chọn (nhãn, nhân viên, câu trả lời mẫu, hẹn lại, bảng lệnh)
mode-composer = Khung soạn trả lời
mode-filter = Khung lọc
mode-search = Dòng tìm kiếm
mode-outbox = Hộp thư đi
mode-confirm = Xem trước thao tác hàng loạt
mode-help = Trợ giúp này
mode-links = Tệp đính kèm và liên kết
mode-attach = Đính kèm tệp (khung soạn)
mode-stats = Màn hình số liệu
mode-notes = Khách hàng: ghi chú và thông tin
mode-note-form = Khách hàng: một ghi chú hoặc các ô thông tin
keys-table-head = | phím | làm gì | tên |
key-views = chuyển sang chế độ xem 1 … 9
help-title = Phím ({ $closes })
help-title-rows = Phím { $from }–{ $to } trên { $rows } ({ $scroll } · { $closes })
hint-closes = để đóng
hint-scroll = để cuộn

key-list-down = xuống
key-list-up = lên
key-list-top = lên đầu danh sách
key-list-bottom = xuống cuối danh sách
key-list-page-down = xuống một trang
key-list-page-up = lên một trang
key-list-open = mở cuộc trò chuyện
key-list-back = về danh sách / xoá tìm kiếm
key-list-switch-focus = chuyển giữa danh sách và hội thoại
key-list-tag-picker = gắn nhãn
key-list-staff-picker = giao cho nhân viên
key-list-toggle-read = đánh dấu đã đọc / chưa đọc
key-list-reply = trả lời
key-list-search = tìm trong các cuộc trò chuyện đã tải
key-list-filter = khung lọc
key-list-clear-filter = bỏ lọc
key-list-prev-view = chế độ xem trước
key-list-next-match = kết quả tìm sau
key-list-prev-match = kết quả tìm trước
key-list-mark = chọn / bỏ chọn để làm hàng loạt
key-list-mark-all = chọn mọi cuộc trò chuyện đang hiện
key-list-clear-marks = bỏ hết các lựa chọn
key-list-assign-me = giao cho tôi (dòng đang đứng hoặc đã chọn)
key-list-unassign-me = bỏ tôi ra (dòng đang đứng hoặc đã chọn)
key-list-next-page = trang sau, rồi gộp tất cả các trang
key-list-refresh = làm mới ngay
key-list-undo = hoàn tác việc vừa làm (bấm lại: việc trước đó)
key-list-outbox = hộp thư đi: thao tác chưa xác nhận, huỷ hoặc gửi lại
key-list-retry-failed = thử lại các thao tác lỗi
key-list-dismiss-failed = bỏ các thao tác lỗi
key-list-help = trợ giúp này
key-list-quit = thoát
key-list-snooze = xử lý sau: hẹn lại, đổi giờ, huỷ hẹn
key-list-palette = bảng lệnh: mọi lệnh theo tên
key-list-links = tệp đính kèm và liên kết của hội thoại (chép, mở)
key-list-customer = khung khách hàng cạnh hoặc dưới hội thoại (bật/tắt)
key-list-stats = số liệu của trang: khách hàng, nhãn, nhân viên, giờ
key-list-customer-edit = ghi chú về khách hàng, sửa thông tin khách
key-list-next-view = chế độ xem sau (1-9 chọn thẳng)
key-picker-up = lên (gõ để lọc: phuong tìm ra Phương)
key-picker-down = xuống
key-picker-toggle = nhãn: gắn / gỡ ngay · nhân viên: chọn / bỏ chọn
key-picker-choose = nhãn: gắn/gỡ · nhân viên: giao cho họ · mẫu: chèn
key-picker-delete-char = xoá một ký tự đã gõ
key-picker-clear-query = xoá những gì đã gõ
key-picker-close = đóng
key-composer-send = gửi trả lời
key-composer-new-line = xuống dòng trong trả lời
key-composer-canned = câu trả lời mẫu
key-composer-editor = sửa bản nháp trong $VISUAL / $EDITOR
key-composer-private = nhắn riêng cho bình luận (mỗi bình luận một lần)
key-composer-attach = đính kèm ảnh hoặc tệp (đường dẫn, Tab để điền tiếp)
key-composer-detach = gỡ tệp vừa đính kèm
key-composer-delete-back = xoá ký tự trước con trỏ
key-composer-delete-forward = xoá ký tự dưới con trỏ
key-composer-left = con trỏ sang trái
key-composer-right = con trỏ sang phải
key-composer-home = về đầu dòng
key-composer-end = về cuối dòng
key-composer-close = đóng, giữ bản nháp
key-filter-apply = áp dụng dòng lọc
key-filter-delete-char = xoá một ký tự
key-filter-clear-line = xoá cả dòng
key-filter-close = đóng, không áp dụng
key-search-done = giữ kết quả tìm, về danh sách
key-search-cancel = xoá tìm kiếm
key-search-delete-char = xoá một ký tự
key-search-up = kết quả trước
key-search-down = kết quả sau
key-outbox-down = thao tác sau
key-outbox-up = thao tác trước
key-outbox-cancel = huỷ thao tác (trả lời quay về bản nháp)
key-outbox-resend = gửi lại thao tác lỗi
key-outbox-close = đóng hộp thư đi
key-confirm-confirm = làm hàng loạt cho mọi cuộc trò chuyện đã chọn
key-confirm-cancel = huỷ thao tác hàng loạt
key-help-down = cuộn xuống
key-help-up = cuộn lên
key-help-page-down = cuộn xuống một trang
key-help-page-up = cuộn lên một trang
key-help-top = dòng đầu
key-help-bottom = dòng cuối
key-help-close = đóng trợ giúp
key-links-down = liên kết sau (1-9 nhảy thẳng)
key-links-up = liên kết trước
key-links-copy = chép địa chỉ vào bộ nhớ tạm (OSC 52)
key-links-open = mở (xdg-open / open; chỉ khi có màn hình tại máy)
key-links-close = đóng danh sách
key-attach-complete = điền tiếp tên tệp (nhiều tệp: phần chung, danh sách)
key-attach-add = kiểm tra tệp (dung lượng, loại) rồi đính kèm
key-attach-delete-char = xoá một ký tự
key-attach-clear-line = xoá cả dòng
key-attach-close = đóng, không đính kèm
key-stats-prev-period = khoảng trước (hôm nay, 7 ngày, 30 ngày)
key-stats-reload = hỏi lại Pancake số liệu khoảng này
key-stats-down = cuộn xuống
key-stats-up = cuộn lên
key-stats-page-down = cuộn xuống một trang
key-stats-page-up = cuộn lên một trang
key-stats-close = đóng màn hình số liệu
key-stats-next-period = khoảng sau
key-notes-down = ghi chú sau
key-notes-up = ghi chú trước
key-notes-add = thêm ghi chú
key-notes-edit = sửa ghi chú
key-notes-delete = xoá ghi chú
key-notes-fix = sửa tên, số điện thoại, giới tính, ngày sinh
key-notes-close = đóng
key-note-form-save = kiểm tra và lưu (gửi qua hộp thư đi)
key-note-form-next-field = ô sau
key-note-form-prev-field = ô trước
key-note-form-delete-char = xoá ký tự trước con trỏ
key-note-form-clear-line = xoá cả ô
key-note-form-left = con trỏ sang trái
key-note-form-right = con trỏ sang phải
key-note-form-cancel = về danh sách ghi chú, không gửi gì
