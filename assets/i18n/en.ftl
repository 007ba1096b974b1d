# The inbox's words in English. Every id here is also in vi.ftl (a test
# checks both ways, and that the code uses every id).
# Numbers given as arguments are grouped by the inbox itself (1,234).

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

## The key table (app::keys::BINDINGS): each command's description, by mode

mode-list = List and thread
mode-picker = Pickers (tags, staff, canned replies, snooze, palette)
mode-composer = Composer
mode-filter = Filter panel
mode-search = Search line
mode-outbox = Outbox
mode-confirm = Bulk action preview
mode-help = This help
mode-links = Attachments and links
mode-attach = Attach a file (composer)
mode-stats = Stats screen
mode-notes = Customer: notes and record
mode-note-form = Customer: a note or the record's fields
keys-table-head = | key | does | name |
key-views = switch to view 1 … 9
help-title = Keys ({ $closes })
help-title-rows = Keys { $from }–{ $to } of { $rows } ({ $scroll } · { $closes })
hint-closes = closes
hint-scroll = scroll

key-list-down = move down
key-list-up = move up
key-list-top = go to the top
key-list-bottom = go to the bottom
key-list-page-down = page down
key-list-page-up = page up
key-list-open = open the conversation
key-list-back = back to the list / clear search
key-list-switch-focus = switch list / thread
key-list-tag-picker = tag picker
key-list-staff-picker = assign staff
key-list-toggle-read = toggle read / unread
key-list-reply = reply
key-list-search = search loaded conversations
key-list-filter = filter panel
key-list-clear-filter = clear the filter
key-list-prev-view = previous view
key-list-next-match = next search match
key-list-prev-match = previous search match
key-list-mark = mark / unmark for a bulk action
key-list-mark-all = mark every conversation listed
key-list-clear-marks = clear the marks
key-list-assign-me = assign to me (selected or marked)
key-list-unassign-me = remove me (selected or marked)
key-list-next-page = next page, then all pages merged
key-list-refresh = refresh now
key-list-undo = undo your last action (again: the one before)
key-list-outbox = outbox: unconfirmed actions, cancel or resend
key-list-retry-failed = retry failed actions
key-list-dismiss-failed = dismiss failed actions
key-list-help = this help
key-list-quit = quit
key-list-snooze = follow up later: snooze, change, cancel
key-list-palette = command palette: every command by name
key-list-links = attachments and links of the thread (copy, open)
key-list-customer = customer panel beside or under the thread (toggle)
key-list-stats = the page's numbers: customers, tags, staff, hours
key-list-customer-edit = notes on the customer, fix their record
key-list-next-view = next view (1-9 pick one)
key-picker-up = move up (type to filter: phuong finds Phương)
key-picker-down = move down
key-picker-toggle = tag: toggle now · staff: toggle in the selection
key-picker-choose = tag: toggle · staff: assign chosen · canned: insert
key-picker-delete-char = delete a typed character
key-picker-clear-query = clear what was typed
key-picker-close = close the picker
key-composer-send = send the reply
key-composer-new-line = new line in the reply
key-composer-canned = canned replies
key-composer-editor = edit the draft in $VISUAL / $EDITOR
key-composer-private = private reply to a comment (once per comment)
key-composer-attach = attach a photo or file (a path, Tab completes)
key-composer-detach = remove the file attached last
key-composer-delete-back = delete before the cursor
key-composer-delete-forward = delete under the cursor
key-composer-left = cursor left
key-composer-right = cursor right
key-composer-home = start of the line
key-composer-end = end of the line
key-composer-close = close, keeping the draft
key-filter-apply = apply the filter line
key-filter-delete-char = delete a character
key-filter-clear-line = clear the line
key-filter-close = close without applying
key-search-done = keep the search, back to the list
key-search-cancel = clear the search
key-search-delete-char = delete a character
key-search-up = previous match
key-search-down = next match
key-outbox-down = next action
key-outbox-up = previous action
key-outbox-cancel = cancel it (a reply goes back to the draft)
key-outbox-resend = send a failed action again
key-outbox-close = close the outbox
key-confirm-confirm = run the bulk action on every marked conversation
key-confirm-cancel = cancel the bulk action
key-help-down = scroll down
key-help-up = scroll up
key-help-page-down = scroll a page down
key-help-page-up = scroll a page up
key-help-top = first row
key-help-bottom = last row
key-help-close = close the help
key-links-down = next link (1-9 jump to one)
key-links-up = previous link
key-links-copy = copy the URL to your clipboard (OSC 52)
key-links-open = open it (xdg-open / open; local display only)
key-links-close = close the list
key-attach-complete = complete the name (several: the common part, listed)
key-attach-add = check the file (size, type) and attach it
key-attach-delete-char = delete a character
key-attach-clear-line = clear the line
key-attach-close = close without attaching
key-stats-prev-period = previous period (today, 7 d, 30 d)
key-stats-reload = ask Pancake again for this period
key-stats-down = scroll down
key-stats-up = scroll up
key-stats-page-down = scroll a page down
key-stats-page-up = scroll a page up
key-stats-close = close the stats screen
key-stats-next-period = next period
key-notes-down = next note
key-notes-up = previous note
key-notes-add = add a note
key-notes-edit = change the note
key-notes-delete = delete the note
key-notes-fix = fix the name, phones, gender, birthday
key-notes-close = close the editor
key-note-form-save = check and save (sent through the outbox)
key-note-form-next-field = next field
key-note-form-prev-field = previous field
key-note-form-delete-char = delete before the cursor
key-note-form-clear-line = clear the field
key-note-form-left = cursor left
key-note-form-right = cursor right
key-note-form-cancel = back to the notes, nothing sent
