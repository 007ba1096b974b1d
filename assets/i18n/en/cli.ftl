# The inbox's words in English: the command line: doctor, stats, keys and their messages.
# Every id here is also in vi/cli.ftl.
# `doctor --json` gives each check's words in English from this file: a change
# to the doctor's words here changes the JSON report too.

## doctor: the report

doctor-title = pancake-tui doctor: { $url }
doctor-page = page { $name } ({ $id })
doctor-ok = ok
doctor-fail = FAIL
doctor-ms = { $ms } ms
doctor-in-conversations = conversations
doctor-in-messages = messages
doctor-odd-shapes = odd shapes in { $what } (read anyway): { $list }
doctor-times = times in { $what }: { $list }
doctor-all-passed = all checks passed
doctor-some-failed = some checks failed: each FAIL line says what to do
doctor-failed = some checks failed (see the report above)

## doctor: the checks (the JSON report names them in English, as here)

doctor-check-config = config
doctor-check-token = token
doctor-check-tags = tags
doctor-check-staff = staff
doctor-check-conversations = conversations
doctor-check-type-filter = type filter
doctor-check-messages = messages

## doctor: what each check found

doctor-token = { $count } page(s), { $how }
doctor-token-from-user = page tokens generated from the user token (PANCAKE_ACCESS_TOKEN)
doctor-token-given = page token(s) from the environment or the config file (the calls below check them)
doctor-tags = { $count } tags
doctor-staff = { $active } active, { $disabled } disabled
doctor-conversations = { $count } read; { $with_id } with a customer id for the messages call
doctor-type-filter-applied = applied by Pancake ({ $count } INBOX read)
doctor-type-filter-refused = refused by Pancake (server errors; the list without it answers): the inbox filters types itself on this page
doctor-messages-none = not checked: the page has no conversation
doctor-messages = { $count } read from the newest conversation, asked { $way }
doctor-messages-refused = { $count } read from the newest conversation, asked { $way } (refused { $refused })
doctor-way-page-customer-id = with the page customer's id
doctor-way-global-id = with the global customer id
doctor-way-without = without a customer id
doctor-way-none-in-list = without a customer id (none in the list)
doctor-list = { $list }, { $item }
doctor-skipped = { $summary } ({ $count } skipped: could not be read, see the log)
doctor-kind-missing = missing
doctor-kind-naive = naive
doctor-kind-naive-fractions = naive with fractions
doctor-kind-with-zone = with zone
doctor-kind-unix-number = unix number
doctor-kind-other-string = other string

## The command line's messages

cli-error = pancake-tui: { $error }
cli-warning = pancake-tui: warning: { $warning }
cli-no-runtime = cannot start the async runtime: { $error }
cli-lang-invalid = --lang { $code }: write --lang vi or --lang en
cli-config-file = the config file
cli-page-not-in-config = page { $page } is not among the [[pages]] of { $path }
cli-no-page-token = no page access token: set PANCAKE_PAGE_ACCESS_TOKEN or page_access_token in { $path } (Pancake → Settings → Tools), or PANCAKE_ACCESS_TOKEN to use your user token
cli-no-page = no page configured: set PANCAKE_PAGE_ID (or --page) and PANCAKE_PAGE_ACCESS_TOKEN, list [[pages]] in { $path }, set PANCAKE_ACCESS_TOKEN (your user token), or try `pancake-tui demo`
cli-listing-pages = listing your pages: { $error }
cli-page-not-of-user = page { $page } is not among the pages of PANCAKE_ACCESS_TOKEN
cli-user-no-pages = PANCAKE_ACCESS_TOKEN has no pages: check the token (Pancake → Account)
cli-page-token-for = page token for { $page }: { $error }
cli-no-local-cache = no local cache for { $page }: { $error }
cli-demo-config = config not used in the demo: { $error }
cli-unsent-kept = { $count ->
    [one] pancake-tui: 1 action was not confirmed by Pancake before exit; it stays in the outbox for the next start:
   *[other] pancake-tui: { $count } actions were not confirmed by Pancake before exit; they stay in the outbox for the next start:
}
cli-unsent-lost = { $count ->
    [one] pancake-tui: 1 action was not confirmed by Pancake before exit; without a cache it is lost:
   *[other] pancake-tui: { $count } actions were not confirmed by Pancake before exit; without a cache they are lost:
}

## pancake-tui cache

cli-no-cache-dir = no cache directory on this system
cli-cache-unconfirmed = { $count ->
    [one] nothing removed: 1 action not yet confirmed by Pancake waits in the outbox of { $files }; open the inbox to send it (o lists it), or run `pancake-tui cache clear --force` to drop it
   *[other] nothing removed: { $count } actions not yet confirmed by Pancake wait in the outbox of { $files }; open the inbox to send them (o lists them), or run `pancake-tui cache clear --force` to drop them
}
cli-cache-removed = { $count ->
    [one] removed 1 cache file from { $dir }
   *[other] removed { $count } cache files from { $dir }
}
cli-cache-empty = no cache yet ({ $dir })
cli-cache-counts = { $conversations ->
    [one] 1 conversation
   *[other] { $conversations } conversations
}, { $threads ->
    [one] 1 thread
   *[other] { $threads } threads
}, { $outbox ->
    [one] 1 action waiting in the outbox
   *[other] { $outbox } actions waiting in the outbox
}
cli-cache-size = { $mib } MiB on disk

## pancake-tui relay

cli-relay-warning = pancake-tui relay: { $warning }
cli-relay-bad-listen = cannot listen on { $listen }: write an address and a port, such as 127.0.0.1:8787
cli-relay-bad-allow = allowed address { $address } is not an address or a network (203.0.113.7, 203.0.113.0/24, 2001:db8::/32)
cli-relay-no-pages = no page to relay: write [relay] pages = ["<page id>"] or [[pages]] in config, or set PANCAKE_PAGE_ID
cli-relay-open-here = anyone on this machine (or behind a proxy forwarding to it) could post: set PANCAKE_RELAY_SECRET (or [relay] secret in config) to take POSTs on /hook/<secret> only, and/or name who may post ([relay] allow, --allow)
cli-relay-open-beyond = it would listen beyond this machine, and anyone reaching it could post: set PANCAKE_RELAY_SECRET (or [relay] secret in config) to take POSTs on /hook/<secret> only, and/or name who may post ([relay] allow, --allow)
cli-relay-cannot-listen = cannot listen on { $address }: { $error }
cli-relay-listening = { $pages ->
    [one] pancake-tui relay { $id }: listening on { $address } for 1 page; POSTs on { $path }{ $note }
   *[other] pancake-tui relay { $id }: listening on { $address } for { $pages } pages; POSTs on { $path }{ $note }
}
cli-relay-loopback = (loopback: put it behind the team's HTTPS endpoint)
cli-relay-stopping = pancake-tui relay: stopping; publishing what is queued (up to 5 s)
cli-relay-stopped = pancake-tui relay: stopped; { $summary }
cli-relay-summary = { $received ->
    [one] { $received } event received
   *[other] { $received } events received
}, { $published } published, { $duplicates } already published, { $queued } still queued, { $dropped } dropped; refused: { $path } wrong path, { $address } address, { $too_big } too large, { $malformed } malformed

## The log

cli-log-private = { $count ->
    [one] { $paths } was open to other users of this machine; now only you can read it (0700/0600)
   *[other] { $paths } were open to other users of this machine; now only you can read them (0700/0600)
}

## --help (the en words are the doc comments' of src/cli/mod.rs, which clap's derive gives)

help-about = A terminal inbox for Pancake (pages.fm) conversations
help-after = Tokens are read from PANCAKE_PAGE_ACCESS_TOKEN / PANCAKE_ACCESS_TOKEN or the config file, never from the command line.
help-usage = Usage:
help-commands = Commands
help-options = Options
help-arguments = Arguments
help-help = Print help
help-version = Print version
help-help-command = Print this message or the help of the given subcommand(s)
help-api-url = Root of the Pancake API [env: PANCAKE_API_URL] [default: https://pages.fm/api]
help-page = Page id [env: PANCAKE_PAGE_ID]
help-config = Config file [env: PANCAKE_TUI_CONFIG] [default: ~/.config/pancake-tui/config.toml]
help-me = The staff member you are (user id or name) [env: PANCAKE_ME]
help-demo = Open the inbox on a built-in Pancake simulator (no account needed)
help-demo-conversations = Conversations on the demo page
help-demo-quiet = No new customer messages while the demo runs
help-simulate = Serve the Pancake simulator on 127.0.0.1 (prints the variables to eval)
help-cache = The local cache: `info` says what it holds, `clear` removes it
help-cache-action = What to do: info or clear
help-cache-force = `clear` even when actions not yet confirmed by Pancake wait in the outbox (they are lost)
help-doctor = Check the token(s) and every endpoint the inbox reads, once per page (nothing is changed): what works, odd shapes, round trips, what to fix
help-doctor-json = The same report as JSON
help-doctor-lang = The language of the report, vi or en (default: the interface's, from config.toml or the locale); --lang en for a bug report
help-keys = Print the keys in use (the key table with config.toml's [keys]) as Markdown tables, one per input mode
help-keys-lang = The language of the descriptions, vi or en (default: the interface's, from config.toml or the locale)
help-stats = Print the page's figures over a period (statistics of Pancake): new customers per day, conversations by tag, staff, engagement by hour
help-stats-since = Start of the period, up to now: 24h, 7d, 30d, or a day (2026-11-01)
help-stats-format = How to print the figures: a table, CSV or JSON
help-stats-all-pages = Every page of the user token (PANCAKE_ACCESS_TOKEN); the staff figures of all pages come in one call (users statistics of several pages)
help-stats-lang = The language of the table, vi or en (default: the interface's, from config.toml or the locale); CSV and JSON are the same in both
help-relay = Relay Pancake's webhooks into the team's Redis (the inboxes of its pages then stop polling for news): listens on 127.0.0.1:8787, POSTs on /hook/<secret> (PANCAKE_RELAY_SECRET); see the README's Team section
help-relay-listen = Address and port to listen on [default: [relay] listen in config, else 127.0.0.1:8787]
help-relay-allow = An address or network allowed to post (203.0.113.7, 203.0.113.0/24); repeat it, or [relay] allow in config
help-bench = Print performance figures
