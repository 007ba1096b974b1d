# The inbox's words in English: status-bar messages: what an action did, why it failed, what to do.
# Every id here is also in vi/notices.ftl.

## Words kept as they are (a name, text an older version kept)

said-verbatim = { $text }

## Errors from Pancake (api::ApiError::said): what happened and what to do.
## $detail arrives in brackets with a space before it, or empty.

error-origin-status = { $status }
error-origin-no-data = an answer without data
error-origin-code = error { $code }
error-unauthorized = token rejected by Pancake ({ $origin }): check { $variable }
error-user-token-expired = your Pancake user token has expired (they last about 90 days): get a new one in Pancake → Account and set PANCAKE_ACCESS_TOKEN
error-subscription-expired = the page's Pancake subscription has expired (122): renew it in Pancake (pages.fm → Billing); until then Pancake answers nothing for this page{ $detail }
error-outside-window = Facebook allows replies only within 24 h of the customer's last message; a private reply or a tag for follow-up may help{ $detail }
error-customer-unavailable = this customer cannot receive messages (Facebook 551: they may have blocked the page or left Facebook); nothing was sent{ $detail }
error-facebook-rate-limited = Facebook is limiting this page's messages for now (3252001); nothing was sent: wait a few minutes, then send it again{ $detail }
error-maybe-sent = Pancake said the private reply failed, but it may have been sent: check the thread before sending it again{ $detail }
error-forbidden = Pancake refused access (403): the page may be disabled or its API not enabled (Pancake → Settings → Tools){ $detail }
error-not-found = { $what } not found (404): check PANCAKE_PAGE_ID and that the page is connected to Pancake{ $detail }
error-rejected = Pancake rejected the request to { $what } ({ $status }): { $message }
error-failed = Pancake refused { $what }{ $code }: { $message }
error-code = {" "}(error { $code })
error-rate-limited = rate limited by Pancake (429) { $attempts } times in a row: wait a few seconds and retry
error-server = Pancake server error ({ $status }) { $attempts } times in a row: try again later
error-unreachable = cannot reach Pancake ({ $detail }): check PANCAKE_API_URL and the network
error-timeout = Pancake did not answer within { $seconds }s: the service or the network is slow
error-decode = unexpected reply from Pancake for { $what }: { $detail }
error-config = configuration: { $detail }
error-local-file = { $detail }: attach it again, or cancel the reply from the outbox
error-not-kept = not sent: the outbox could not be written ({ $detail }); free some disk space, then try again

## What an action is called (the outbox, the status bar): kept on disk as
## an id with its arguments, put into words where it is shown.

action-tag = tag "{ $tag }" on { $who }
action-untag = untag "{ $tag }" on { $who }
action-unassign = unassign { $who }
action-assign = assign { $who } to { $names }
action-read = mark { $who } read
action-unread = mark { $who } unread
action-reply-file = reply to { $who } with { $file }
action-reply-files = reply to { $who } with { $count } files
action-reply = reply to { $who }
action-note-add = note "{ $note }" on { $who }
action-note-edit = edit note to "{ $note }" on { $who }
action-note-delete = delete a note on { $who }
action-customer = fix { $fields } of { $who }
action-field-name = name
action-field-phones = phones
action-field-gender = gender
action-field-birthday = birthday
list-and = { $all }, { $next }

## A reply the thread shows before Pancake has it

outgoing-text-sent = text sent
outgoing-file-sent = sent
outgoing-file-uploaded = uploaded
outgoing-waiting = not sent yet, goes when Pancake answers: { $why }
outgoing-maybe-sent = MAY HAVE BEEN SENT: { $why }
outgoing-failed = FAILED: { $why }

## What an action did (app/update/act.rs)

notice-assignees-unchanged = assignees unchanged
notice-retry-hint = {" "}({ $key } retries)
notice-action-failed = { $action } failed: { $why }{ $retry }
notice-reply-sent = reply sent
notice-bulk-done = { $summary }: { $done } done, { $failed } failed{ $retry }
notice-undo-skipped = { $count ->
    [one] {" "}(skipped a reply: a sent message cannot be taken back)
   *[other] {" "}(skipped { $count } replies: a sent message cannot be taken back)
}
notice-nothing-to-undo = nothing to undo{ $skipped }
notice-undo = undo: { $action }{ $left ->
    [0] {""}
   *[other] ; { $left } more to undo
}{ $skipped }
notice-no-failed = no failed actions
notice-retrying = { $count ->
    [one] retrying 1 action
   *[other] retrying { $count } actions
}
notice-cancel-elsewhere = { $action } is sent by another window of the inbox: cancel it there
notice-undo-command = undo
notice-cancel-on-its-way = { $action } is already on its way to Pancake; once confirmed, { $undo } undoes it
notice-cancelled = cancelled: { $action }
notice-only-failed-again = only a failed action can be sent again
notice-dismissed = { $count ->
    [one] dismissed 1 failed action
   *[other] dismissed { $count } failed actions
}
notice-stopped-while-sending = the app stopped while sending this; it may have reached Pancake: check the thread
notice-sending-left = { $count ->
    [one] sending 1 action left from last time
   *[other] sending { $count } actions left from last time
}

## Pickers, the staff, the stats, drafts, filters (app/update)

notice-stats-already-asking = already asking Pancake for these figures
notice-no-staff-yet = no staff loaded yet for { $page }
notice-no-tags-yet = no tags loaded yet for { $page }
notice-me-not-staff = "{ $me }" is not among the staff of { $page }: which one are you?
notice-who-are-you = which staff member are you? (asked once)
notice-you-are = you are { $who }
notice-no-one-matches = no one matches: nothing changed
notice-space-chooses = Space chooses who gets them (or type a name and Enter)
notice-bulk-cancelled = cancelled
notice-filter-not-fetched = filter not fetched from Pancake: { $why }
notice-type-filter-refused = Pancake refuses the type filter here (server errors): types are filtered on the conversations fetched
notice-draft-not-read = the draft could not be read: { $why }
notice-draft-not-saved = the draft was not saved: { $why }
notice-draft-to-not-saved = the draft to { $who } was not saved: { $why }
notice-in-page = { $page }: { $text }

## Meta, the editor, links, outbox, marks, attachments, the list keys

notice-tags-not-loaded = tags not loaded: { $why }
notice-staff-not-loaded = staff not loaded: { $why }
notice-editor = editor: { $why }
notice-not-opened = could not open { $url }: { $why }; Enter in v copies it
notice-config = config: { $why }
notice-not-written-down = not sent: it could not be written down first ({ $why })
notice-tries-again = ; { $key } tries again
notice-not-sent-outbox = { $action } NOT SENT: the outbox could not be written ({ $why }){ $retry }
notice-taken-over = { $count ->
    [one] 1 action of a window that closed is sent from here now
   *[other] { $count } actions of a window that closed are sent from here now
}
notice-marked = { $count } marked
notice-nothing-to-do = nothing to do: { $summary }
notice-marks-on-pages = the marked conversations are on { $pages } pages, each with its own tags and staff: mark them on one page (P switches)
notice-attached = attached { $file }
notice-not-attached = not attached: { $why }
notice-file-waits-in-draft = the composer closed: the file waits in the draft
notice-uploading = uploading { $at }/{ $of } { $file } { $size }
notice-already-syncing = already syncing
notice-quit-waiting = { $count ->
    [one] waiting up to { $seconds } s for 1 action in flight; q again quits now
   *[other] waiting up to { $seconds } s for { $count } actions in flight; q again quits now
}
notice-one-page = only one page is configured
notice-showing-page = showing { $page }
notice-showing-all-pages = showing all pages
notice-draft-kept = draft kept
notice-no-canned = no canned replies: add some to ~/.config/pancake-tui/canned.toml
notice-removed-file = removed { $file }
notice-no-file-attached = no file attached

## Replies (app/update/reply.rs)

private-refused-inbox = private replies are for comments; this is already an inbox conversation
private-refused-loading = wait for the comments to load
private-refused-once = this comment already had its one private reply
private-refused-old = Facebook allows a private reply only to comments at most 7 days old
notice-replying-as-comment = replying as a comment
notice-no-private-reply = no private reply: { $why }
notice-private-reply = private reply: an inbox message to the commenter (once per comment)
notice-still-checking = { $count ->
    [one] checking 1 file of the draft: send again when it is attached
   *[other] checking { $count } files of the draft: send again when it is attached
}
notice-nothing-to-send = nothing to send
notice-files-inbox-only = files go only into inbox conversations: remove them to reply to the comment
notice-wait-for-comments = wait for the comments to load before replying
notice-canned-tag-missing = canned reply tag { $tag } is not on this page

## The customer panel and notes (app/update/customer.rs)

notice-open-first-customer = open a conversation first: its customer shows beside it
notice-open-first-notes = open a conversation first: its customer's notes are edited here
notice-no-page-customer-id = Pancake gave no page customer id for this conversation: notes and fixes need it
notice-no-note-to-edit = no note to edit: a adds one
notice-note-not-saved-edit = this note is not saved yet: it can be changed once Pancake has it
notice-no-note-to-delete = no note to delete
notice-note-not-saved-delete = this note is not saved yet: it can be deleted once Pancake has it
notice-empty-note = an empty note is not kept: type it, or Esc

## Links (app/update/input/links.rs)

notice-open-first-links = open a conversation first: its attachments and links show here
notice-no-links = no attachments or links in the messages loaded
notice-copied = copied { $url } to the clipboard (in tmux: set-clipboard on)
notice-no-display = no local display here (SSH?): Enter copies the link to your clipboard instead
notice-only-http = only http(s) links are opened; Enter copies this one
notice-opening = opening { $url }

## A change of the customer's notes or record Pancake has not taken

note-not-saved = not saved: { $why }
note-edit-not-saved = edit not saved: { $why }
note-not-deleted = not deleted: { $why }
customer-fix-not-saved = { $action } not saved: { $why }
