# Lời của hộp thư bằng tiếng Việt: màn hình số liệu và `pancake-tui stats`.
# Mỗi id ở đây cũng có trong en/stats.ftl. Bảng từ ở đầu vi/screens.ftl.

## Màn hình thống kê (`S`)

stats-title = Thống kê: { $page }
stats-period-today = hôm nay
stats-period-week = 7 ngày
stats-period-month = 30 ngày
stats-asking = đang lấy số liệu…
stats-asking-again-failed = tải lại không được: { $error } ({ $key } để thử lại)
stats-pending-today = Đang lấy số liệu hôm nay từ Pancake… (xếp sau thao tác của bạn và danh sách)
stats-pending-week = Đang lấy số liệu 7 ngày qua từ Pancake… (xếp sau thao tác của bạn và danh sách)
stats-pending-month = Đang lấy số liệu 30 ngày qua từ Pancake… (xếp sau thao tác của bạn và danh sách)
stats-failed = Pancake không trả số liệu: { $error }
stats-failed-hint = { $reload } để lấy lại; { $close } để đóng (hộp thư vẫn dùng bình thường trong lúc này).
stats-hint-period = đổi kỳ
stats-hint-reload = tải lại
stats-hint-scroll = cuộn
stats-rows = dòng { $first }–{ $last }/{ $total } · { $hints }

## Tổng: lời đầy đủ, và lời ngắn khi lời đầy đủ không vừa

stats-totals-new = khách mới { $count }
stats-totals-customer = khách gửi { $inbox } tin nhắn, { $comments } bình luận
stats-totals-page = trang trả lời { $inbox } tin nhắn, { $comments } bình luận
stats-totals-phones = số điện thoại { $count }
stats-totals-new-short = khách mới { $count }
stats-totals-customer-short = khách { $inbox }+{ $comments }
stats-totals-page-short = trang { $inbox }+{ $comments }
stats-totals-short-legend = (tin nhắn+bình luận)
stats-totals-phones-short = SĐT { $count }
stats-totals-none = tổng: { $why }

## Các phần

stats-not-given = Pancake không cung cấp
stats-not-given-why = Pancake không cung cấp: { $why }
stats-new-customers = Khách mới theo ngày
stats-new-customers-sum = Khách mới theo ngày · tổng { $total }
stats-new-customers-sum-best = Khách mới theo ngày · tổng { $total }, nhiều nhất { $count } vào { $day }
stats-hours = Tương tác theo giờ
stats-hours-sum = Tương tác theo giờ · tổng { $total }
stats-hours-sum-busiest = Tương tác theo giờ · tổng { $total }, cao điểm { $hour }:00 ({ $count })
stats-tags = Cuộc trò chuyện theo nhãn
stats-tags-sum = Cuộc trò chuyện theo nhãn · { $tags } nhãn, { $total } lượt gắn
stats-staff = Nhân viên
stats-staff-sum = Nhân viên · { $count } (thống kê nhân viên; - là không có số liệu)
stats-no-name = (không tên)

## Tên cột (bảng nhân viên)

stats-col-name = tên
stats-col-inbox = tin nhắn
stats-col-comments = bình luận
stats-col-convs = hội thoại
stats-col-private = nhắn riêng
stats-col-phones = SĐT
stats-col-avg-reply = TG phản hồi
stats-col-engaged = tương tác

## Các phần theo tên lệnh gọi của Pancake (phần thiếu hay bị bỏ qua)

stats-part-totals = thống kê trang
stats-part-new-customers = khách mới
stats-part-tags = nhãn
stats-part-staff = nhân viên
stats-part-engagement = tương tác

## `pancake-tui stats`: bảng

stats-cli-all-pages = tất cả các trang
stats-cli-legend = (- : Pancake không cung cấp)
stats-cli-totals = tổng: khách mới { $new }, khách gửi { $customer-inbox } tin nhắn / { $customer-comments } bình luận, trang trả lời { $page-inbox } tin nhắn / { $page-comments } bình luận, số điện thoại { $phones }
stats-cli-new-customers = khách mới theo ngày:
stats-cli-tags = cuộc trò chuyện theo nhãn:
stats-cli-none-tagged = chưa có cuộc trò chuyện nào được gắn nhãn
stats-cli-staff = nhân viên:
stats-cli-hours = tương tác theo giờ (0-23): { $counts }
stats-cli-hours-missing = tương tác theo giờ: { $why }
stats-cli-unavailable = thiếu { $part }: { $why }
stats-cli-skipped = bỏ qua { $count } dòng { $part } không đọc được

## `pancake-tui stats`: trên stderr

stats-cli-needs-user-token = --all-pages cần token người dùng của bạn: đặt PANCAKE_ACCESS_TOKEN (Pancake → Tài khoản) hoặc access_token trong { $path }
stats-cli-each-page = không lấy được thống kê nhân viên của tất cả các trang cùng lúc ({ $error }); đang hỏi từng trang
