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
