# Lời của hộp thư bằng tiếng Việt: bảng lọc, bảng khách hàng và ghi chú, màn hình số liệu.
# Mỗi id ở đây cũng có trong en/panels.ftl. Bảng từ ở đầu vi/screens.ftl.
