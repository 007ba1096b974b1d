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

## The local cache (store::StoreError::said, store::Store::open's notice). $path and
## $reason are the file's path and the system's or SQLite's own words. The English
## ones are the errors' Display, word for word (logs read it).

store-error = cache { $path }: { $reason }
store-busy = cache { $path }: another program holds it and did not let go within { $seconds } s ({ $reason }); close that program (a sqlite3 shell, a backup) and try again; nothing in the cache was moved or lost
store-disk = cache { $path }: { $reason }; free some disk space (or raise the file size limit) and try again; nothing in the cache was moved or lost
store-other-version = cache { $path }: from another version of the app: the next start rebuilds it and carries { $count ->
    [0] nothing of its outbox over (it is empty)
    [one] its 1 outbox action over
   *[other] its { $count } outbox actions over
}
store-writer-stopped = the writer stopped: { $reason }
store-not-written = not written
store-writer-gone = the outbox writer stopped
store-tightened = { $paths } { $count ->
    [one] was open to other users of this machine; now only you can read it (0700/0600)
   *[other] were open to other users of this machine; now only you can read them (0700/0600)
}
store-rebuilt-version = the cache was from another version and was rebuilt
store-rebuilt-unreadable = the cache was unreadable ({ $error }) and was rebuilt
store-carried = { $count ->
    [one] 1 unconfirmed action carried over to the new one
   *[other] { $count } unconfirmed actions carried over to the new one
}
store-drafts-carried = { $count ->
    [one] 1 draft carried over
   *[other] { $count } drafts carried over
}
store-outbox-lost = { $count ->
    [one] 1 action of its outbox could not be read
   *[other] { $count } actions of its outbox could not be read
}: the old file is kept as { $path }
store-outbox-unreadable = its outbox could not be read: the old file is kept as { $path }
# An error and its cause, as the command line says them.
error-cause = { $error }: { $cause }
# Two notices of the cache in one line.
store-notices = { $first }; { $more }

## The configuration (config::ConfigError::said). $path, $value, $variable, $page are as
## written in config.toml or the environment; $reason is the system's or a library's
## (toml's) own words. The English ones are the errors' Display, word for word.

config-read = cannot read { $path }: { $reason }
config-parse = { $path } is not valid: { $reason }
config-parse-line = { $path } is not valid, line { $line }: { $reason }
config-keys = [keys] in config: { $reason }
config-language = language { $value } in config: write language = "vi" or "en"
config-timezone = unknown timezone { $value } in config
config-ca-needs-tls = redis_ca_file in config is for a Redis over TLS: write rate_budget = "rediss://host:6380/0"
config-ca-unreadable = { $reason } (in config)
config-rate-budget = rate_budget in config: write "host", "process", "redis://host:6379/0" or "rediss://host:6380/0"
config-page-empty-id = a [[pages]] entry has an empty id
config-page-token-file = page { $page }: cannot read its token file { $path }: { $reason }
config-page-set-var = page { $page }: set { $variable } to its page access token
config-page-no-token = page { $page }: give it token_env = "VARIABLE" or token_file = "path"
config-page-token-empty = page { $page }: its token is empty
config-relay-redis = the relay publishes into the team's Redis: set rate_budget = "redis://host:6379/0" (or "rediss://…") in { $path }
config-the-file = the config file
config-canned-invalid = { $path } is not valid ({ $reason }); using the example replies
