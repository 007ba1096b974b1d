# The inbox's words in English: the screens (list, status bar, pickers,
# thread, composer, outbox, attachments, snooze, palette). Every id here
# is also in vi/screens.ftl (a test checks both ways, and that the code
# uses every id). Numbers given as arguments are grouped by the inbox
# itself (1,234).

## The views when none are configured (tabs)

view-all = All
view-unread = Unread
view-mine = Mine
view-unassigned = Unassigned
view-snoozed = Snoozed

## The list pane

list-all-pages = All { $pages } pages
list-unread = { $unread } unread
list-shown = { $shown } shown
list-no-match = no match for "{ $query }"
list-loading = loading…
list-nothing-loaded = nothing loaded: see the status bar
list-view-empty = no conversation matches this view
list-empty = No conversations yet
list-searching = searching… { $percent }%
list-filtering = filtering… { $percent }%
list-marked = { $marked } marked
list-filter = filter: { $summary }
list-fetching = (fetching…)
list-clears = { $key } clears
hint-filter = filter
hint-search = search

## The status bar

status-demo = DEMO
status-waiting = { $count } waiting for Pancake
status-failed = { $count } failed
status-failed-hints = { $count } failed ({ $hints })
hint-retry = retry
hint-drop = drop
status-elsewhere = { $count } pending in another window
status-pending = { $count } pending
status-bulk = bulk { $done }/{ $total } ({ $failed } failed)
status-api = api { $used }/{ $limit }
status-api-queued = api { $used }/{ $limit } +{ $queued } queued
status-help = { $key } help
status-offline = offline
status-offline-retry = offline, retrying in { $seconds } s
status-error-retry = { $error } (retry in { $seconds } s)
status-cached-syncing = { $count } cached, syncing
status-loaded = loaded { $count }…
status-conversations = { $count ->
    [one] { $count } conversation
   *[other] { $count } conversations
}
status-synced-now = synced just now
status-synced-ago = synced { $age } ago

## Pickers

tag-picker-title = Tags for { $target }
picker-marked = { $count ->
    [one] { $count } marked conversation
   *[other] { $count } marked conversations
}
staff-picker-who-am-i = Which staff member are you?
staff-picker-assign = Assign { $target }
staff-picker-reassign = Re-assign { $target }
hint-close = close
hint-tag-all = choose (tag all / untag all)
hint-toggle = toggle
hint-type-to-filter = type to filter
hint-select = select
hint-thats-me = that's me
hint-assign = assign
hint-assign-all = assign all

picker-no-match = no match
canned-title = Canned replies
hint-insert = insert
staff-available = available
staff-busy = busy
staff-offline = offline
staff-unknown = ?

## The thread pane

thread-title = Thread
hint-opens = opens the selected conversation
hint-help = help
thread-kind-inbox = inbox
thread-kind-comment = comment
thread-post-loading = post: loading…
thread-post-not-found = post not found (not among the page's latest posts)
thread-post-failed = post not loaded: { $error }
thread-post = post { $day }
thread-loading = loading…
thread-no-messages = no messages
thread-loading-older = loading older messages…
thread-beginning = beginning of the conversation
thread-older-keys = k / PgUp for older messages
thread-more-lines = ↓ { $lines } more lines (G)

## The composer

composer-title = Reply · { $chars } chars
composer-files = { $count ->
    [one] { $count } file
   *[other] { $count } files
}
composer-private = PRIVATE REPLY
composer-tags = +tags { $tags }
composer-removes = { $key } removes
composer-more-files = { $count } more files
hint-send = send
hint-new-line = new line
hint-attach = attach
hint-canned = canned
hint-editor = editor
hint-keep-draft = keep draft

## The outbox and the bulk action

outbox-title = Outbox: { $count } not confirmed
outbox-on-its-way = on its way
outbox-waits = waits for Pancake: { $why }
outbox-uncertain = may have been sent: { $why }
outbox-failed = failed: { $why }
hint-cancel = cancel
hint-send-again = send again
hint-move = move
notice-outbox-empty = the outbox is empty: every action is confirmed
bulk-title = Bulk action
bulk-in-background = It runs in the background at the page's rate; you can keep working.
hint-confirm = confirm

## Attachments and links

links-title = Attachments and links: { $count }
links-page = page
links-customer = customer
links-no-display = no local display: links are copied, not opened
hint-copy = copy to your clipboard
hint-move-jump = move · 1-9 jump
hint-open = open
attach-title = Attach a photo or file
attach-checking = checking the file…
attach-more = { $count } more: type more of the name
attach-kinds = photos, videos, audio, PDF, Word, Excel, text; up to 25 MB
hint-complete = complete
hint-clear = clear

## Snooze and the command palette

snooze-title = Follow up later: { $target }
snooze-until = snoozed until { $due }
snooze-back-at = back at the top, marked unread, at:
snooze-cancel = cancel the snooze
snooze-now = now, without marking it unread
snooze-type-a-time = type a time: { $examples }
hint-choose = choose
hint-type-a-time = type a time
palette-title = Commands
palette-none = no command matches
hint-run = run
hint-type-to-find = type to find


## Thread lines that are not text, and the attach prompt's own words

thread-like = like
thread-reacted = reacted
thread-reacted-with = reacted { $emoji }
thread-system-message = system message
attach-type-a-path = type the path of a file (Tab completes)
attach-nothing-starts-so = no file or directory starts so
