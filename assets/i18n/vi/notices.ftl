# Lời của hộp thư bằng tiếng Việt: lời trên thanh trạng thái: thao tác đã làm gì, vì sao lỗi, nên làm gì.
# Mỗi id ở đây cũng có trong en/notices.ftl. Bảng từ ở đầu vi/screens.ftl.
