# Lời lưu ý của hộp thư bằng tiếng Việt: điều thấy trong cấu hình mà không
# ngăn nó chạy (config::Config::warnings), nói trên stderr lúc bắt đầu và
# trong báo cáo của doctor. Mỗi id ở đây cũng có trong en/warnings.ftl.
# Bảng từ ở đầu vi/screens.ftl.

warning-token-readable = { $path } chứa token và người dùng khác đọc được: hãy chạy chmod 600 { $path }
warning-relay-secret-readable = { $path } chứa mã bí mật của relay và người dùng khác đọc được: hãy chạy chmod 600 { $path }
warning-rate-limit = rate_limit = { $asked } trong tệp cấu hình nằm ngoài khoảng { $low }..={ $high }: sẽ dùng { $kept }
