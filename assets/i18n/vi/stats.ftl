# Lời của hộp thư bằng tiếng Việt: màn hình số liệu và `pancake-tui stats`.
# Mỗi id ở đây cũng có trong en/stats.ftl. Bảng từ ở đầu vi/screens.ftl.
