# Lời của hộp thư bằng tiếng Việt: một yêu cầu gửi Pancake là để làm gì, trong lời báo lỗi của nó.
# Mỗi id ở đây cũng có trong en/errors.ftl. Bảng từ ở đầu vi/screens.ftl.

## Yêu cầu để làm gì (api::RequestKind): $what của các lời error-* trong notices.ftl.
## Mỗi lời là một cụm động từ, đứng sau "yêu cầu", "từ chối", "khi".

request-conversations = lấy danh sách hội thoại
request-messages = lấy tin nhắn
request-tags = lấy danh sách nhãn
request-staff = lấy danh sách nhân viên
request-pages = lấy danh sách trang
request-page-token = tạo token trang
request-page-statistics = lấy thống kê trang
request-tag-statistics = lấy thống kê nhãn
request-user-statistics = lấy thống kê nhân viên
request-user-statistics-of-pages = lấy thống kê nhân viên của nhiều trang
request-engagement-statistics = lấy thống kê tương tác
request-new-customer-statistics = lấy thống kê khách mới
request-posts = lấy bài viết của trang
request-upload = tải tệp lên
request-tag = gắn hoặc gỡ nhãn
request-assign = giao hội thoại cho nhân viên
request-mark-read = đánh dấu đã đọc
request-mark-unread = đánh dấu chưa đọc
request-send = gửi tin nhắn
request-customers = lấy danh sách khách
request-customer-notes = lấy ghi chú của khách
request-note-add = thêm ghi chú
request-note-edit = sửa ghi chú
request-note-removal = xóa ghi chú
request-customer-update = cập nhật thông tin khách
