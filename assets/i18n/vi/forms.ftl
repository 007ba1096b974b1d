# Lời của hộp thư bằng tiếng Việt: điều chưa đúng trong những gì nhân viên gõ
# (thông tin khách, dòng lọc, dòng lệnh) và các con số trong báo cáo của dòng
# lệnh. Mỗi id ở đây cũng có trong en/forms.ftl. Bảng từ ở đầu vi/screens.ftl.

## Thông tin khách (C f): vì sao Enter chưa gửi (tên ô trước)

form-name-empty = tên: khách hàng cần có tên
form-phone-bad = SĐT: "{ $text }" không phải số điện thoại (8 đến 15 chữ số, có thể có dấu +)
form-gender-bad = giới tính: "{ $text }" không phải nam, nữ hay không rõ
form-birthday-bad = ngày sinh: "{ $text }" không phải ngày hợp lệ (YYYY-MM-DD)
form-nothing-changed = chưa có gì thay đổi
form-customer-help = giới tính: nam, nữ, không rõ · ngày sinh: YYYY-MM-DD · SĐT: ngăn bằng dấu phẩy

## Giới tính của khách, khi hiện ra (khi gõ: nhận chữ của cả hai thứ tiếng)

gender-male = nam
gender-female = nữ
gender-unknown = không rõ

## Dòng lọc (f): vì sao không dùng được. Các từ của bộ lọc (tag:, @, since:,
## 24h, unread…) là cú pháp: giữ nguyên trong mọi thứ tiếng.

filter-error-not-a-word = "{ $word }" không phải từ của bộ lọc
filter-error-no-tag = không có nhãn "{ $name }"
filter-error-no-staff = không có nhân viên "{ $name }"
filter-error-tag-ambiguous = nhãn "{ $name }" có thể là { $names }: gõ thêm tên cho rõ
filter-error-staff-ambiguous = nhân viên "{ $name }" có thể là { $names }: gõ thêm tên cho rõ
filter-error-bad-time = "{ $word }": dùng 24h, 7d hoặc một ngày (2026-11-01)
filter-error-backwards = since sau until: không gì khớp được

## Chế độ xem trong config.toml ([[views]]) không dùng được (tên trường là của
## config.toml)

view-error = chế độ xem "{ $view }": { $why }
view-error-both = ghi filter = "..." hoặc các trường (tags, unread, ...), không ghi cả hai
view-error-time = { $field } "{ $value }" không có dạng 24h, 7d hay 2026-11-01
view-error-order = order_by "{ $value }" không phải updated_at hay inserted_at

## doctor: những gì các bước kiểm tra đếm được, cho người đọc (`doctor --json`
## vẫn giữ lời cũ trong cli.ftl)

doctor-count-pages = { $count } trang, { $how }
doctor-count-tokens-given = token trang lấy từ biến môi trường hoặc tệp cấu hình (các bước bên dưới sẽ kiểm tra)
doctor-count-tokens-from-user = token trang được tạo từ token người dùng (PANCAKE_ACCESS_TOKEN)
doctor-count-tags = { $count } nhãn

## Dòng lệnh: lỗi khi đọc tham số (tham số viết như trong lệnh: --format
## <FORMAT>, <ACTION>)

parse-error = lỗi: { $what }
parse-unknown-argument = không nhận ra tham số '{ $arg }'
parse-unknown-subcommand = không có lệnh '{ $command }'
parse-invalid-value = giá trị '{ $value }' không hợp lệ cho '{ $arg }'
parse-with-reason = { $error }: { $why }
parse-value-required = '{ $arg }' cần một giá trị nhưng chưa có
parse-missing-arguments = thiếu các tham số bắt buộc sau:
parse-no-equals = cần dấu = khi gán giá trị cho '{ $arg }'
parse-possible-values = [các giá trị dùng được: { $values }]
parse-similar-argument = gợi ý: có tham số gần giống: '{ $similar }'
parse-similar-subcommand = gợi ý: có lệnh gần giống: '{ $similar }'
parse-similar-value = gợi ý: có giá trị gần giống: '{ $similar }'
parse-more-help = Muốn biết thêm, chạy với '{ $help }'.
