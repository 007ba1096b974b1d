# Lời của hộp thư bằng tiếng Việt: lời trên thanh trạng thái: thao tác đã làm gì, vì sao lỗi, nên làm gì.
# Mỗi id ở đây cũng có trong en/notices.ftl. Bảng từ ở đầu vi/screens.ftl.

## Lời giữ nguyên (một cái tên, lời mà bản cũ đã lưu)

said-verbatim = { $text }

## Lỗi từ Pancake (api::ApiError::said): chuyện gì xảy ra và nên làm gì.
## $detail đến trong ngoặc, có dấu cách phía trước, hoặc rỗng. $what là một request-* của errors.ftl
## (một cụm động từ: "lấy danh sách hội thoại", "gửi tin nhắn").

error-origin-status = { $status }
error-origin-no-data = trả lời không có dữ liệu
error-origin-code = mã lỗi { $code }
error-unauthorized = Pancake từ chối token ({ $origin }): kiểm tra { $variable }
error-user-token-expired = token người dùng Pancake của bạn đã hết hạn (mỗi token dùng khoảng 90 ngày): lấy token mới trong Pancake → Tài khoản rồi đặt PANCAKE_ACCESS_TOKEN
error-subscription-expired = gói Pancake của trang đã hết hạn (122): gia hạn trong Pancake (pages.fm → Thanh toán); đến lúc đó Pancake không trả lời gì cho trang này{ $detail }
error-outside-window = Facebook chỉ cho trả lời trong vòng 24 giờ sau tin nhắn cuối của khách; thử trả lời riêng, hoặc gắn nhãn để theo dõi sau{ $detail }
error-customer-unavailable = khách này không nhận được tin nhắn (Facebook 551: có thể khách đã chặn trang hoặc rời Facebook); chưa gửi gì{ $detail }
error-facebook-rate-limited = Facebook đang giới hạn tin nhắn của trang (3252001); chưa gửi gì: đợi vài phút rồi gửi lại{ $detail }
error-maybe-sent = Pancake báo trả lời riêng bị lỗi, nhưng có thể đã gửi đi: xem lại hội thoại trước khi gửi lại{ $detail }
error-forbidden = Pancake không cho truy cập (403): trang có thể đã bị tắt hoặc chưa bật API (Pancake → Cài đặt → Công cụ){ $detail }
error-not-found = Pancake báo không tìm thấy (404) khi { $what }: kiểm tra PANCAKE_PAGE_ID và trang đã kết nối với Pancake chưa{ $detail }
error-rejected = Pancake từ chối yêu cầu { $what } ({ $status }): { $message }
error-failed = Pancake từ chối { $what }{ $code }: { $message }
error-code = {" "}(mã lỗi { $code })
error-rate-limited = Pancake giới hạn tốc độ (429) { $attempts } lần liền: đợi vài giây rồi thử lại
error-server = máy chủ Pancake lỗi ({ $status }) { $attempts } lần liền: thử lại sau
error-unreachable = không kết nối được Pancake ({ $detail }): kiểm tra PANCAKE_API_URL và mạng
error-timeout = Pancake không trả lời trong { $seconds } giây: dịch vụ hoặc mạng đang chậm
error-decode = Pancake trả lời không như mong đợi khi { $what }: { $detail }
error-config = cấu hình: { $detail }
error-local-file = { $detail }: đính kèm lại, hoặc hủy trả lời trong hộp thư đi
error-not-kept = chưa gửi: không ghi được vào hộp thư đi ({ $detail }); giải phóng dung lượng đĩa rồi thử lại

## Tên của một thao tác (hộp thư đi, thanh trạng thái): lưu trên đĩa dưới
## dạng id kèm tham số, thành lời khi hiện ra.

action-tag = gắn nhãn "{ $tag }" cho { $who }
action-untag = gỡ nhãn "{ $tag }" khỏi { $who }
action-unassign = bỏ giao { $who }
action-assign = giao { $who } cho { $names }
action-read = đánh dấu { $who } đã đọc
action-unread = đánh dấu { $who } chưa đọc
action-reply-file = trả lời { $who } kèm { $file }
action-reply-files = trả lời { $who } kèm { $count } tệp
action-reply = trả lời { $who }
action-note-add = ghi chú "{ $note }" cho { $who }
action-note-edit = sửa ghi chú thành "{ $note }" cho { $who }
action-note-delete = xóa một ghi chú của { $who }
action-customer = sửa { $fields } của { $who }
action-field-name = tên
action-field-phones = số điện thoại
action-field-gender = giới tính
action-field-birthday = ngày sinh
list-and = { $all }, { $next }

## Trả lời hiện trong hội thoại khi Pancake chưa nhận

outgoing-text-sent = đã gửi chữ
outgoing-file-sent = đã gửi
outgoing-file-uploaded = đã tải lên
outgoing-waiting = chưa gửi, sẽ gửi khi Pancake trả lời lại: { $why }
outgoing-maybe-sent = CÓ THỂ ĐÃ GỬI: { $why }
outgoing-failed = LỖI: { $why }

## Thao tác đã làm gì (app/update/act.rs)

notice-assignees-unchanged = người được giao không đổi
notice-retry-hint = {" "}({ $key } thử lại)
notice-action-failed = { $action } bị lỗi: { $why }{ $retry }
notice-reply-sent = đã gửi trả lời
notice-bulk-done = { $summary }: { $done } xong, { $failed } lỗi{ $retry }
notice-undo-skipped = {" "}(bỏ qua { $count } trả lời: tin đã gửi thì không rút lại được)
notice-nothing-to-undo = không còn gì để hoàn tác{ $skipped }
notice-undo = hoàn tác: { $action }{ $left ->
    [0] {""}
   *[other] ; còn { $left } thao tác có thể hoàn tác
}{ $skipped }
notice-no-failed = không có thao tác nào lỗi
notice-retrying = đang thử lại { $count } thao tác
notice-cancel-elsewhere = { $action } do một cửa sổ hộp thư khác gửi: hủy ở cửa sổ đó
notice-undo-command = hoàn tác
notice-cancel-on-its-way = { $action } đang trên đường tới Pancake; khi Pancake xác nhận, { $undo } sẽ hoàn tác
notice-cancelled = đã hủy: { $action }
notice-only-failed-again = chỉ gửi lại được thao tác bị lỗi
notice-dismissed = đã bỏ { $count } thao tác lỗi
notice-stopped-while-sending = ứng dụng dừng khi đang gửi; có thể Pancake đã nhận: xem lại hội thoại
notice-sending-left = đang gửi { $count } thao tác còn lại từ lần trước

## Bảng chọn, nhân viên, số liệu, bản nháp, bộ lọc (app/update)

notice-stats-already-asking = đang hỏi Pancake số liệu này rồi
notice-no-staff-yet = chưa tải danh sách nhân viên của { $page }
notice-no-tags-yet = chưa tải nhãn của { $page }
notice-me-not-staff = "{ $me }" không có trong nhân viên của { $page }: bạn là ai?
notice-who-are-you = bạn là nhân viên nào? (chỉ hỏi một lần)
notice-you-are = bạn là { $who }
notice-no-one-matches = không ai khớp: không đổi gì
notice-space-chooses = Space để chọn người được giao (hoặc gõ tên rồi Enter)
notice-bulk-cancelled = đã hủy
notice-filter-not-fetched = không lấy được bộ lọc từ Pancake: { $why }
notice-type-filter-refused = Pancake ở đây không nhận lọc theo loại (lỗi máy chủ): lọc loại trên các cuộc trò chuyện đã tải về
notice-draft-not-read = không đọc được bản nháp: { $why }
notice-draft-not-saved = chưa lưu được bản nháp: { $why }
notice-draft-to-not-saved = chưa lưu được bản nháp gửi { $who }: { $why }
notice-in-page = { $page }: { $text }

## Dữ liệu trang, trình soạn thảo, liên kết, hộp thư đi, đánh dấu, tệp, phím danh sách

notice-tags-not-loaded = chưa tải được nhãn: { $why }
notice-staff-not-loaded = chưa tải được nhân viên: { $why }
notice-editor = trình soạn thảo: { $why }
notice-not-opened = không mở được { $url }: { $why }; Enter trong v để sao chép
notice-config = cấu hình: { $why }
notice-not-written-down = chưa gửi: không ghi lại được trước khi gửi ({ $why })
notice-tries-again = ; { $key } để thử lại
notice-not-sent-outbox = { $action } CHƯA GỬI: không ghi được vào hộp thư đi ({ $why }){ $retry }
notice-taken-over = { $count } thao tác của một cửa sổ đã đóng giờ được gửi từ đây
notice-marked = đã đánh dấu { $count }
notice-nothing-to-do = không có gì để làm: { $summary }
notice-marks-on-pages = các cuộc trò chuyện đã đánh dấu nằm trên { $pages } trang, mỗi trang có nhãn và nhân viên riêng: đánh dấu trên một trang thôi (P để chuyển trang)
notice-attached = đã đính kèm { $file }
notice-not-attached = chưa đính kèm: { $why }
notice-file-waits-in-draft = khung soạn đã đóng: tệp nằm chờ trong bản nháp
notice-uploading = đang tải lên { $at }/{ $of } { $file } { $size }
notice-already-syncing = đang đồng bộ rồi
notice-quit-waiting = chờ tối đa { $seconds } giây cho { $count } thao tác đang gửi; nhấn q lần nữa để thoát ngay
notice-one-page = chỉ cấu hình một trang
notice-showing-page = đang xem { $page }
notice-showing-all-pages = đang xem tất cả các trang
notice-draft-kept = đã giữ bản nháp
notice-no-canned = chưa có câu trả lời mẫu: thêm vào ~/.config/pancake-tui/canned.toml
notice-removed-file = đã bỏ { $file }
notice-no-file-attached = chưa đính kèm tệp nào

## Trả lời (app/update/reply.rs)

private-refused-inbox = trả lời riêng dành cho bình luận; đây đã là cuộc trò chuyện tin nhắn
private-refused-loading = đợi tải xong bình luận
private-refused-once = bình luận này đã được trả lời riêng một lần rồi
private-refused-old = Facebook chỉ cho trả lời riêng bình luận trong vòng 7 ngày
notice-replying-as-comment = trả lời bằng bình luận
notice-no-private-reply = không trả lời riêng được: { $why }
notice-private-reply = trả lời riêng: gửi tin nhắn cho người bình luận (mỗi bình luận một lần)
notice-still-checking = đang kiểm tra { $count } tệp của bản nháp: gửi lại khi đã đính kèm xong
notice-nothing-to-send = không có gì để gửi
notice-files-inbox-only = chỉ gửi tệp được trong cuộc trò chuyện tin nhắn: bỏ tệp để trả lời bình luận
notice-wait-for-comments = đợi tải xong bình luận rồi hãy trả lời
notice-canned-tag-missing = nhãn { $tag } của câu trả lời mẫu không có trên trang này

## Bảng khách hàng và ghi chú (app/update/customer.rs)

notice-open-first-customer = mở một cuộc trò chuyện trước: thông tin khách hiện bên cạnh
notice-open-first-notes = mở một cuộc trò chuyện trước: sửa ghi chú của khách ở đây
notice-no-page-customer-id = Pancake không cho mã khách của trang cho cuộc trò chuyện này: cần nó để ghi chú và sửa thông tin
notice-no-note-to-edit = không có ghi chú để sửa: a để thêm
notice-note-not-saved-edit = ghi chú này chưa lưu: sửa được khi Pancake đã nhận
notice-no-note-to-delete = không có ghi chú để xóa
notice-note-not-saved-delete = ghi chú này chưa lưu: xóa được khi Pancake đã nhận
notice-empty-note = ghi chú trống không được giữ: gõ nội dung, hoặc Esc

## Liên kết (app/update/input/links.rs)

notice-open-first-links = mở một cuộc trò chuyện trước: tệp và liên kết hiện ở đây
notice-no-links = không có tệp hay liên kết nào trong các tin đã tải
notice-copied = đã sao chép { $url } (trong tmux: set-clipboard on)
notice-no-display = máy này không có màn hình (SSH?): Enter để sao chép liên kết
notice-only-http = chỉ mở liên kết http(s); Enter để sao chép liên kết này
notice-opening = đang mở { $url }

## Thay đổi ghi chú hoặc thông tin khách mà Pancake chưa nhận

note-not-saved = chưa lưu: { $why }
note-edit-not-saved = chưa lưu chỗ sửa: { $why }
note-not-deleted = chưa xóa: { $why }
customer-fix-not-saved = { $action } chưa lưu: { $why }
