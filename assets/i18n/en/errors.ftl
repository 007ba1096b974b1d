# The inbox's words in English: what a request to Pancake was about, inside its errors.
# Every id here is also in vi/errors.ftl.

## What a request was about (api::RequestKind): the $what of the error-* messages
## of notices.ftl. Logs and `doctor --json` write these same words (api::RequestKind::english).

request-conversations = the conversation list
request-messages = the messages
request-tags = the tag list
request-staff = the staff list
request-pages = the page list
request-page-token = generate a page token
request-page-statistics = the page statistics
request-tag-statistics = the tag statistics
request-user-statistics = the users statistics
request-user-statistics-of-pages = the users statistics of several pages
request-engagement-statistics = the engagement statistics
request-new-customer-statistics = the new customer statistics
request-posts = the page's posts
request-upload = upload a file
request-tag = tag
request-assign = assign
request-mark-read = mark read
request-mark-unread = mark unread
request-send = send a message
request-customers = the page customers
request-customer-notes = the customer's notes
request-note-add = note
request-note-edit = note edit
request-note-removal = note removal
request-customer-update = customer update
