# Lời của hộp thư bằng tiếng Việt: giờ và ngày: bao lâu trước, giờ hẹn, các mốc hẹn lại, giờ gõ vào.
# Mỗi id ở đây cũng có trong en/time.ftl. Bảng từ ở đầu vi/screens.ftl.
