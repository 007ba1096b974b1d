# Lời của hộp thư bằng tiếng Việt: dòng lệnh: doctor, stats, keys và lời nhắn của chúng.
# Mỗi id ở đây cũng có trong en/cli.ftl. Bảng từ ở đầu vi/screens.ftl.
# `doctor --json` luôn bằng tiếng Anh (lấy từ en/cli.ftl); báo cáo cho người đọc thì theo đây.

## doctor: báo cáo

doctor-title = pancake-tui doctor: { $url }
doctor-page = trang { $name } ({ $id })
doctor-ok = ổn
doctor-fail = LỖI
doctor-ms = { $ms } ms
doctor-in-conversations = danh sách cuộc trò chuyện
doctor-in-messages = tin nhắn
doctor-odd-shapes = dữ liệu có dạng lạ trong { $what } (vẫn đọc được): { $list }
doctor-times = kiểu ghi thời gian trong { $what }: { $list }
doctor-all-passed = mọi mục kiểm tra đều ổn
doctor-some-failed = có mục kiểm tra bị lỗi: mỗi dòng LỖI ghi rõ cần làm gì
doctor-failed = có mục kiểm tra bị lỗi (xem báo cáo ở trên)

## doctor: các mục kiểm tra

doctor-check-config = cấu hình
doctor-check-token = token
doctor-check-tags = nhãn
doctor-check-staff = nhân viên
doctor-check-conversations = cuộc trò chuyện
doctor-check-type-filter = lọc theo loại
doctor-check-messages = tin nhắn

## doctor: mỗi mục tìm thấy gì

doctor-token = { $count } trang, { $how }
doctor-token-from-user = token trang được tạo từ token người dùng (PANCAKE_ACCESS_TOKEN)
doctor-token-given = token trang lấy từ biến môi trường hoặc tệp cấu hình (các bước bên dưới sẽ kiểm tra)
doctor-tags = { $count } nhãn
doctor-staff = { $active } người đang hoạt động, { $disabled } người đã bị vô hiệu hoá
doctor-conversations = đọc được { $count }; { $with_id } cuộc có mã khách hàng để lấy tin nhắn
doctor-type-filter-applied = Pancake có lọc (đọc được { $count } cuộc trò chuyện INBOX)
doctor-type-filter-refused = Pancake không nhận bộ lọc này (lỗi máy chủ; bỏ bộ lọc thì danh sách vẫn trả về): trên trang này hộp thư tự lọc theo loại
doctor-messages-none = chưa kiểm tra: trang chưa có cuộc trò chuyện nào
doctor-messages = đọc được { $count } tin nhắn của cuộc trò chuyện mới nhất, khi hỏi { $way }
doctor-messages-refused = đọc được { $count } tin nhắn của cuộc trò chuyện mới nhất, khi hỏi { $way } (bị từ chối khi hỏi { $refused })
doctor-way-page-customer-id = theo mã khách hàng trên trang
doctor-way-global-id = theo mã khách hàng chung (global id)
doctor-way-without = không kèm mã khách hàng
doctor-way-none-in-list = không kèm mã khách hàng (danh sách không có mã)
doctor-list = { $list }, { $item }
doctor-skipped = { $summary } (bỏ qua { $count }: không đọc được, xem file log)
doctor-kind-missing = thiếu
doctor-kind-naive = không múi giờ
doctor-kind-naive-fractions = không múi giờ (có phần lẻ giây)
doctor-kind-with-zone = có múi giờ
doctor-kind-unix-number = số unix
doctor-kind-other-string = chuỗi kiểu khác

## Lời nhắn của dòng lệnh

cli-error = pancake-tui: { $error }
cli-warning = pancake-tui: lưu ý: { $warning }
cli-no-runtime = không khởi động được bộ chạy bất đồng bộ: { $error }
cli-lang-invalid = --lang { $code }: hãy ghi --lang vi hoặc --lang en
cli-config-file = tệp cấu hình
cli-page-not-in-config = trang { $page } không có trong các [[pages]] của { $path }
cli-no-page-token = chưa có token truy cập trang: đặt PANCAKE_PAGE_ACCESS_TOKEN hoặc page_access_token trong { $path } (Pancake → Cài đặt → Công cụ), hoặc đặt PANCAKE_ACCESS_TOKEN để dùng token người dùng của bạn
cli-no-page = chưa cấu hình trang nào: đặt PANCAKE_PAGE_ID (hoặc --page) và PANCAKE_PAGE_ACCESS_TOKEN, liệt kê [[pages]] trong { $path }, đặt PANCAKE_ACCESS_TOKEN (token người dùng của bạn), hoặc chạy thử `pancake-tui demo`
cli-listing-pages = lấy danh sách trang của bạn: { $error }
cli-page-not-of-user = trang { $page } không nằm trong các trang của PANCAKE_ACCESS_TOKEN
cli-user-no-pages = PANCAKE_ACCESS_TOKEN không có trang nào: kiểm tra lại token (Pancake → Tài khoản)
cli-page-token-for = token trang cho { $page }: { $error }
cli-no-local-cache = không có bộ nhớ đệm cho { $page }: { $error }
cli-demo-config = bản demo không dùng cấu hình: { $error }
cli-unsent-kept = pancake-tui: { $count } thao tác chưa được Pancake xác nhận trước khi thoát; chúng vẫn nằm trong hộp thư đi, lần mở sau sẽ gửi tiếp:
cli-unsent-lost = pancake-tui: { $count } thao tác chưa được Pancake xác nhận trước khi thoát; không có bộ nhớ đệm nên các thao tác này sẽ mất:

## pancake-tui cache

cli-no-cache-dir = máy này không có thư mục cho bộ nhớ đệm
cli-cache-unconfirmed = chưa xoá gì: còn { $count } thao tác chưa được Pancake xác nhận đang chờ trong hộp thư đi của { $files }; hãy mở hộp thư để gửi (phím o liệt kê chúng), hoặc chạy `pancake-tui cache clear --force` để bỏ hẳn
cli-cache-removed = đã xoá { $count } file bộ nhớ đệm trong { $dir }
cli-cache-empty = chưa có bộ nhớ đệm ({ $dir })
cli-cache-counts = { $conversations } cuộc trò chuyện, { $threads } luồng tin nhắn, { $outbox } thao tác đang chờ trong hộp thư đi
cli-cache-size = { $mib } MiB trên đĩa

## pancake-tui relay

cli-relay-warning = pancake-tui relay: { $warning }
cli-relay-bad-listen = không lắng nghe được trên { $listen }: hãy ghi địa chỉ và cổng, ví dụ 127.0.0.1:8787
cli-relay-bad-allow = địa chỉ được phép { $address } không phải một địa chỉ hay một dải mạng (203.0.113.7, 203.0.113.0/24, 2001:db8::/32)
cli-relay-no-pages = không có trang nào để chuyển tiếp: ghi [relay] pages = ["<page id>"] hoặc [[pages]] trong tệp cấu hình, hoặc đặt PANCAKE_PAGE_ID
cli-relay-open-here = ai trên máy này (hoặc sau một proxy chuyển tiếp đến đây) cũng gửi được: đặt PANCAKE_RELAY_SECRET (hoặc [relay] secret trong tệp cấu hình) để chỉ nhận POST trên /hook/<secret>, và/hoặc ghi rõ ai được gửi ([relay] allow, --allow)
cli-relay-open-beyond = relay sẽ lắng nghe ra ngoài máy này, ai kết nối tới được cũng gửi được: đặt PANCAKE_RELAY_SECRET (hoặc [relay] secret trong tệp cấu hình) để chỉ nhận POST trên /hook/<secret>, và/hoặc ghi rõ ai được gửi ([relay] allow, --allow)
cli-relay-cannot-listen = không lắng nghe được trên { $address }: { $error }
cli-relay-listening = pancake-tui relay { $id }: đang lắng nghe trên { $address } cho { $pages } trang; nhận POST trên { $path }{ $note }
cli-relay-loopback = (loopback: hãy đặt nó sau địa chỉ HTTPS của nhóm)
cli-relay-stopping = pancake-tui relay: đang dừng; gửi nốt những gì đang xếp hàng (tối đa 5 giây)
cli-relay-stopped = pancake-tui relay: đã dừng; { $summary }
cli-relay-summary = đã nhận { $received } sự kiện, đã phát { $published }, { $duplicates } đã phát trước đó, { $queued } còn xếp hàng, { $dropped } bị bỏ; từ chối: { $path } sai đường dẫn, { $address } sai địa chỉ, { $too_big } quá lớn, { $malformed } sai định dạng

## File log

cli-log-private = { $paths } đang để người dùng khác trên máy này đọc được; giờ chỉ mình bạn đọc được (0700/0600)

## --help

help-about = Hộp thư trên terminal cho các cuộc trò chuyện của Pancake (pages.fm)
help-after = Token được đọc từ PANCAKE_PAGE_ACCESS_TOKEN / PANCAKE_ACCESS_TOKEN hoặc từ tệp cấu hình, không bao giờ từ dòng lệnh.
help-usage = Cách dùng:
help-commands = Lệnh
help-options = Tùy chọn
help-arguments = Tham số
help-help = In trợ giúp
help-version = In phiên bản
help-help-command = In trợ giúp này, hoặc trợ giúp của (các) lệnh được nêu
help-api-url = Địa chỉ gốc của API Pancake [biến môi trường: PANCAKE_API_URL] [mặc định: https://pages.fm/api]
help-page = Mã trang [biến môi trường: PANCAKE_PAGE_ID]
help-config = File cấu hình [biến môi trường: PANCAKE_TUI_CONFIG] [mặc định: ~/.config/pancake-tui/config.toml]
help-me = Bạn là nhân viên nào (mã hoặc tên nhân viên) [biến môi trường: PANCAKE_ME]
help-demo = Mở hộp thư trên bản giả lập Pancake có sẵn (không cần tài khoản)
help-demo-conversations = Số cuộc trò chuyện trên trang demo
help-demo-quiet = Không có tin nhắn mới của khách trong lúc chạy demo
help-simulate = Chạy bản giả lập Pancake trên 127.0.0.1 (in ra các biến để eval)
help-cache = Bộ nhớ đệm trên máy: `info` cho biết đang lưu gì, `clear` xoá nó đi
help-cache-action = Việc cần làm: info (xem) hoặc clear (xoá)
help-cache-force = Vẫn `clear` dù hộp thư đi còn thao tác chưa được Pancake xác nhận (các thao tác đó sẽ mất)
help-doctor = Kiểm tra token và mọi endpoint mà hộp thư đọc, mỗi trang một lần (không thay đổi gì): cái gì chạy được, dữ liệu có dạng lạ, thời gian phản hồi, cần sửa gì
help-doctor-json = Cùng báo cáo đó, dạng JSON (luôn bằng tiếng Anh)
help-doctor-lang = Ngôn ngữ của báo cáo, vi hoặc en (mặc định: ngôn ngữ giao diện, theo config.toml hoặc locale); dùng --lang en khi gửi báo lỗi
help-keys = In các phím đang dùng (bảng phím cùng phần [keys] của config.toml) thành bảng Markdown, mỗi chế độ nhập một bảng
help-keys-lang = Ngôn ngữ của phần mô tả, vi hoặc en (mặc định: ngôn ngữ giao diện, theo config.toml hoặc locale)
help-stats = In số liệu của trang trong một khoảng thời gian (thống kê của Pancake): khách mới mỗi ngày, cuộc trò chuyện theo nhãn, nhân viên, tương tác theo giờ
help-stats-since = Bắt đầu từ lúc nào đến nay: 24h, 7d, 30d, hoặc một ngày (2026-11-01)
help-stats-format = Cách in số liệu: bảng (table), CSV hoặc JSON
help-stats-all-pages = Mọi trang của token người dùng (PANCAKE_ACCESS_TOKEN); số liệu nhân viên của tất cả các trang lấy trong một lần gọi
help-stats-lang = Ngôn ngữ của bảng, vi hoặc en (mặc định: ngôn ngữ giao diện, theo tệp cấu hình hoặc locale); CSV và JSON như nhau ở cả hai
help-relay = Chuyển tiếp webhook của Pancake vào Redis của nhóm (hộp thư của các trang đó thôi hỏi tin mới liên tục): lắng nghe trên 127.0.0.1:8787, nhận POST trên /hook/<secret> (PANCAKE_RELAY_SECRET); xem mục Team trong README
help-relay-listen = Địa chỉ và cổng để lắng nghe [mặc định: [relay] listen trong tệp cấu hình, nếu không thì 127.0.0.1:8787]
help-relay-allow = Một địa chỉ hoặc dải mạng được phép gửi (203.0.113.7, 203.0.113.0/24); lặp lại tùy chọn này, hoặc ghi [relay] allow trong tệp cấu hình
help-bench = In số liệu hiệu năng
