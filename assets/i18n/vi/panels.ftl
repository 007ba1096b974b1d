# Lời của hộp thư bằng tiếng Việt: bảng lọc, bảng khách hàng và ghi chú, màn hình số liệu.
# Mỗi id ở đây cũng có trong en/panels.ftl. Bảng từ ở đầu vi/screens.ftl.

## Bảng lọc (ui/overlays.rs): từng dòng, giá trị, nơi áp dụng

filter-title = Lọc
filter-type = loại
filter-tags = nhãn (bất kỳ)
filter-post = bài viết
filter-since = từ
filter-until = đến
filter-order = sắp xếp theo
filter-order-created = ngày tạo
filter-order-updated = ngày cập nhật
filter-unread-first = chưa đọc lên đầu
filter-unread-only = chỉ chưa đọc
filter-assignee = người được giao
filter-yes = có
filter-me = tôi
filter-unassigned = chưa giao
filter-server = máy chủ
filter-local = tại chỗ
filter-sides = máy chủ: Pancake lọc · tại chỗ: lọc trên những gì đã tải
filter-words = từ khóa: { $words }
hint-apply = áp dụng
hint-clear-line = xóa dòng

## Bảng khách hàng và trình sửa ghi chú (ui/customer.rs)

customer-title = Khách hàng
customer-no-id = Pancake không cho mã khách của cuộc trò chuyện này
customer-phones = SĐT
customer-gender = giới tính
customer-birthday = ngày sinh
customer-tags = nhãn
customer-loading = đang tải thông tin khách…
customer-not-loaded = chưa tải được: { $why }
customer-try-again = nhấn c hai lần để thử lại; hội thoại vẫn dùng được
customer-first = lần đầu
customer-order = đơn hàng
customer-not-found = không có trong page_customers (365 ngày qua)
customer-others = cuộc trò chuyện khác: { $count }
customer-recent-orders = đơn gần đây
customer-tag-history = lịch sử nhãn
customer-someone = ai đó
customer-notes = ghi chú: { $count }
customer-editor-title = Khách { $who }: ghi chú và thông tin
customer-no-notes = chưa có ghi chú
customer-edit-note = sửa ghi chú:
customer-new-note = ghi chú mới:
customer-field-name = tên
customer-field-phones = SĐT
customer-field-gender = giới tính
customer-field-birthday = ngày sinh
hint-add = thêm
hint-edit = sửa
hint-delete = xóa
hint-fix-record = sửa tên, SĐT, giới tính, ngày sinh
hint-save = lưu
hint-check-and-save = kiểm tra và lưu
hint-field = ô
