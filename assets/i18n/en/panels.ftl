# The inbox's words in English: the filter panel, the customer panel and notes, the stats screen.
# Every id here is also in vi/panels.ftl.

## The filter panel (ui/overlays.rs): each row, its value, where it applies

filter-title = Filter
filter-type = type
filter-tags = tags (any)
filter-post = post
filter-since = since
filter-until = until
filter-order = order
filter-order-created = created
filter-order-updated = updated
filter-unread-first = unread first
filter-unread-only = unread only
filter-assignee = assignee
filter-yes = yes
filter-me = me
filter-unassigned = unassigned
filter-server = server
filter-local = local
filter-sides = server: sent to Pancake · local: applied to what is loaded
filter-words = words: { $words }
hint-apply = apply
hint-clear-line = clear line

## The customer panel and the notes editor (ui/customer.rs)

customer-title = Customer
customer-no-id = Pancake gave no customer id for this conversation
customer-phones = phones
customer-gender = gender
customer-birthday = birthday
customer-tags = tags
customer-loading = loading the customer…
customer-not-loaded = not loaded: { $why }
customer-try-again = c twice to try again; the thread works without it
customer-first = first
customer-order = order
customer-not-found = not in page_customers (last 365 days)
customer-others = other conversations: { $count }
customer-recent-orders = recent orders
customer-tag-history = tag history
customer-someone = someone
customer-notes = notes: { $count }
customer-editor-title = Customer { $who }: notes and record
customer-no-notes = no notes yet
customer-edit-note = edit note:
customer-new-note = new note:
customer-field-name = name
customer-field-phones = phones
customer-field-gender = gender
customer-field-birthday = birthday
hint-add = add
hint-edit = edit
hint-delete = delete
hint-fix-record = fix name, phones, gender, birthday
hint-save = save
hint-check-and-save = check and save
hint-field = field
