# Lời lưu ý của hộp thư bằng tiếng Việt: điều thấy trong cấu hình mà không
# ngăn nó chạy (config::Config::warnings), nói trên stderr lúc bắt đầu và
# trong báo cáo của doctor. Mỗi id ở đây cũng có trong en/warnings.ftl.
# Bảng từ ở đầu vi/screens.ftl.

warning-token-readable = { $path } chứa token và người dùng khác đọc được: hãy chạy chmod 600 { $path }
warning-relay-secret-readable = { $path } chứa mã bí mật của relay và người dùng khác đọc được: hãy chạy chmod 600 { $path }
warning-rate-limit = rate_limit = { $asked } trong tệp cấu hình nằm ngoài khoảng { $low }..={ $high }: sẽ dùng { $kept }

## Câu trả lời không đọc được thì sai ở đâu (api::DecodeProblem): $detail của
## error-decode. Tên khóa trong dấu ` là của câu trả lời, giữ nguyên.

decode-not-json = không phải JSON ({ $reason })
decode-missing = câu trả lời không có `{ $key }`
decode-not-a-list = `{ $key }` là { $found }, không phải danh sách
decode-too-large = câu trả lời lớn hơn { $mb } MB: không đọc tiếp
decode-no-tag-list = câu trả lời không có danh sách nhãn `data`
decode-no-page-token = câu trả lời không có page_access_token
decode-no-content-id = câu trả lời không có `id` của tệp
decode-no-figures = câu trả lời không có số liệu
decode-figures-neither = số liệu là { $found }, không phải danh sách hay đối tượng
decode-figures-are-list = số liệu là danh sách, không phải đối tượng
decode-figures-are-object = số liệu là đối tượng, không phải danh sách
decode-no-series = câu trả lời không có chuỗi số liệu
decode-series-not-object = chuỗi số liệu là { $found }, không phải đối tượng
decode-no-users = câu trả lời không có số liệu nhân viên
decode-users-not-object = số liệu nhân viên là { $found }, không phải đối tượng
decode-no-hourly = câu trả lời không có thống kê theo giờ
decode-hourly-not-list = thống kê theo giờ là { $found }, không phải danh sách
decode-no-page-rows = không dòng nào thuộc các trang đã hỏi

## Một giá trị JSON là gì ($found ở trên).

decode-kind-null = null
decode-kind-boolean = giá trị đúng/sai
decode-kind-number = một số
decode-kind-string = một chuỗi
decode-kind-list = một danh sách
decode-kind-object = một đối tượng
