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
