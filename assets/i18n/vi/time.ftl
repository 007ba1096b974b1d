# Lời của hộp thư bằng tiếng Việt: giờ và ngày: bao lâu trước, giờ hẹn, các mốc hẹn lại, giờ gõ vào.
# Mỗi id ở đây cũng có trong en/time.ftl. Bảng từ ở đầu vi/screens.ftl.

## Khi giờ hẹn gõ vào không đọc được (remind::WhenError::say)

when-examples = 1 tiếng nữa, 30 phút, 18:00, mai 9h, tối nay, thứ hai 9h
when-empty = hãy gõ khi nào, ví dụ { $examples }
when-unreadable = không hiểu "{ $input }" là giờ nào: thử { $examples }
when-bad-time = { $time } không phải giờ trong ngày (00:00 đến 23:59)
when-not-ahead = giờ hẹn phải sau bây giờ
when-evening-passed = đã qua tối nay ({ $evening }): hãy gõ giờ, ví dụ 1 tiếng nữa hoặc mai 18:00
when-too-far = tối đa { $days } ngày tới

## Các mốc hẹn lại có sẵn (app::snooze::PRESETS: chữ được đọc nằm trong mã)

snooze-preset-hour = 1 tiếng nữa
snooze-preset-evening = tối nay
snooze-preset-tomorrow = mai 9:00
snooze-preset-next-monday = thứ hai tuần sau 9h

## Bao lâu trước, ở một dòng danh sách (app::times::age: tối đa 3 cột)
# mới = vừa xong; p = phút, h = giờ, ng = ngày, t = tuần, n = năm.

time-age-now = mới
time-age-minutes = { $n }p
time-age-hours = { $n }h
time-age-days = { $n }ng
time-age-weeks = { $n }t
time-age-years = { $n }n

## Thứ trong tuần, viết tắt như lịch Việt (app::times::weekday)

time-weekday-mon = T2
time-weekday-tue = T3
time-weekday-wed = T4
time-weekday-thu = T5
time-weekday-fri = T6
time-weekday-sat = T7
time-weekday-sun = CN

## Một dòng đã hẹn lại trong danh sách: khi nào quay lại

time-until = đến { $due }

## Lời trên thanh trạng thái khi hẹn lại (app/update/snooze.rs)

snooze-nothing = không có cuộc trò chuyện nào để hẹn lại
snooze-marked = { $count } cuộc trò chuyện đã đánh dấu
snooze-conversations = { $count } cuộc trò chuyện
snooze-done = đã hẹn lại { $what } đến { $due }
snooze-cancelled = đã hủy hẹn ({ $count })
snooze-follow-up = cần xử lý: { $names }
snooze-wrote-early = đã nhắn trước giờ hẹn: { $names }
