# Lời của hộp thư bằng tiếng Việt: dòng lệnh: doctor, stats, keys và lời nhắn của chúng.
# Mỗi id ở đây cũng có trong en/cli.ftl. Bảng từ ở đầu vi/screens.ftl.
