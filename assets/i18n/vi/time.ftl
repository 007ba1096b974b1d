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
