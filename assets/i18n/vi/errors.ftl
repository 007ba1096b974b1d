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

## Bộ nhớ đệm trên máy (store::StoreError::said, lời báo khi store::Store::open mở tệp).
## $path và $reason là đường dẫn của tệp và lời của hệ thống hoặc SQLite, giữ nguyên.

store-error = bộ nhớ đệm { $path }: { $reason }
store-busy = bộ nhớ đệm { $path }: một chương trình khác đang giữ tệp và không nhả ra sau { $seconds } giây ({ $reason }); hãy đóng chương trình đó (một cửa sổ sqlite3, một bản sao lưu) rồi thử lại; không có gì trong bộ nhớ đệm bị dời đi hay mất
store-disk = bộ nhớ đệm { $path }: { $reason }; hãy giải phóng dung lượng đĩa (hoặc nâng giới hạn kích thước tệp) rồi thử lại; không có gì trong bộ nhớ đệm bị dời đi hay mất
store-other-version = bộ nhớ đệm { $path }: thuộc một phiên bản khác của ứng dụng: lần mở tới sẽ tạo lại nó { $count ->
    [0] (hộp thư đi của nó trống)
   *[other] và chuyển { $count } thao tác trong hộp thư đi của nó sang bộ nhớ đệm mới
}
store-writer-stopped = bộ ghi đã dừng: { $reason }
store-not-written = chưa ghi được
store-writer-gone = bộ ghi hộp thư đi đã dừng
store-tightened = { $paths } đã để người dùng khác trên máy này đọc được; giờ chỉ bạn đọc được (0700/0600)
store-rebuilt-version = bộ nhớ đệm thuộc phiên bản khác nên đã được tạo lại
store-rebuilt-unreadable = bộ nhớ đệm không đọc được ({ $error }) nên đã được tạo lại
store-carried = đã chuyển { $count } thao tác chưa được xác nhận sang tệp mới
store-drafts-carried = đã chuyển { $count } bản nháp sang tệp mới
store-outbox-lost = { $count } thao tác trong hộp thư đi của tệp cũ không đọc được: tệp cũ được giữ lại ở { $path }
store-outbox-unreadable = hộp thư đi của tệp cũ không đọc được: tệp cũ được giữ lại ở { $path }
# Một lỗi và nguyên nhân của nó, như dòng lệnh nói ra.
error-cause = { $error }: { $cause }
# Hai lời báo của bộ nhớ đệm trên một dòng.
store-notices = { $first }; { $more }

## Cấu hình (config::ConfigError::said). $path, $value, $variable, $page giữ nguyên như
## viết trong config.toml hay biến môi trường; $reason là lời của hệ thống hoặc của thư
## viện (toml), giữ nguyên.

config-read = không đọc được { $path }: { $reason }
config-parse = { $path } không hợp lệ: { $reason }
config-parse-line = { $path } không hợp lệ, dòng { $line }: { $reason }
config-keys = [keys] trong tệp cấu hình: { $reason }
config-language = language { $value } trong tệp cấu hình: hãy viết language = "vi" hoặc "en"
config-timezone = timezone { $value } trong tệp cấu hình: không có múi giờ này
config-ca-needs-tls = redis_ca_file trong tệp cấu hình chỉ dùng cho Redis qua TLS: hãy viết rate_budget = "rediss://host:6380/0"
config-ca-unreadable = { $reason } (trong tệp cấu hình)
config-rate-budget = rate_budget trong tệp cấu hình: hãy viết "host", "process", "redis://host:6379/0" hoặc "rediss://host:6380/0"
config-page-empty-id = một mục [[pages]] có id trống
config-page-token-file = trang { $page }: không đọc được tệp token { $path }: { $reason }
config-page-set-var = trang { $page }: hãy đặt token truy cập của trang vào { $variable }
config-page-no-token = trang { $page }: hãy ghi token_env = "VARIABLE" hoặc token_file = "path" cho trang
config-page-token-empty = trang { $page }: token của trang trống
config-relay-redis = bộ chuyển tiếp (relay) đăng tin vào Redis của nhóm: hãy đặt rate_budget = "redis://host:6379/0" (hoặc "rediss://…") trong { $path }
config-the-file = tệp cấu hình
config-canned-invalid = { $path } không hợp lệ ({ $reason }); tạm dùng các câu trả lời mẫu
