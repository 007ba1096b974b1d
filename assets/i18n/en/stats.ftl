# The inbox's words in English: the stats screen and `pancake-tui stats`.
# Every id here is also in vi/stats.ftl.

## The stats screen (`S`)

stats-title = Stats: { $page }
stats-period-today = today
stats-period-week = 7 d
stats-period-month = 30 d
stats-asking = asking Pancake…
stats-asking-again-failed = asking again failed: { $error } ({ $key } tries again)
stats-pending-today = Asking Pancake for the figures of today… (behind your actions and the list)
stats-pending-week = Asking Pancake for the figures of the last 7 days… (behind your actions and the list)
stats-pending-month = Asking Pancake for the figures of the last 30 days… (behind your actions and the list)
stats-failed = Pancake did not give the figures: { $error }
stats-failed-hint = { $reload } asks again; { $close } closes (the inbox works meanwhile).
stats-hint-period = period
stats-hint-reload = ask Pancake again
stats-hint-scroll = scroll
stats-rows = rows { $first }–{ $last } of { $total } · { $hints }

## Totals: long words, and short ones when the long do not fit

stats-totals-new = new customers { $count }
stats-totals-customer = customer messages { $inbox } inbox, { $comments } comments
stats-totals-page = page replies { $inbox } inbox, { $comments } comments
stats-totals-phones = phone numbers { $count }
stats-totals-new-short = new { $count }
stats-totals-customer-short = customers { $inbox }+{ $comments }
stats-totals-page-short = page { $inbox }+{ $comments }
stats-totals-short-legend = (inbox+comments)
stats-totals-phones-short = phones { $count }
stats-totals-none = totals: { $why }

## The parts

stats-not-given = not given by Pancake
stats-not-given-why = not given by Pancake: { $why }
stats-new-customers = New customers per day
stats-new-customers-sum = New customers per day · { $total } on these days
stats-new-customers-sum-best = New customers per day · { $total } on these days, most { $count } on { $day }
stats-hours = Engagement by hour
stats-hours-sum = Engagement by hour · { $total } in all
stats-hours-sum-busiest = Engagement by hour · { $total } in all, busiest { $hour }:00 ({ $count })
stats-tags = Conversations by tag
stats-tags-sum = Conversations by tag · { $tags ->
    [one] { $tags } tag
   *[other] { $tags } tags
}, { $total } tagged
stats-staff = Staff
stats-staff-sum = Staff · { $count } (users statistics; - not given)
stats-no-name = (no name)

## Column heads (the staff table)

stats-col-name = name
stats-col-inbox = inbox
stats-col-comments = comments
stats-col-convs = convs
stats-col-private = private
stats-col-phones = phones
stats-col-avg-reply = avg reply
stats-col-engaged = engaged

## The parts as Pancake's calls name them (what is unavailable or skipped)

stats-part-totals = page statistics
stats-part-new-customers = new customers
stats-part-tags = tags
stats-part-staff = staff
stats-part-engagement = engagement

## `pancake-tui stats`: the table

stats-cli-all-pages = all pages
stats-cli-legend = (- : not given by Pancake)
stats-cli-totals = totals: new customers { $new }, customer messages { $customer-inbox } inbox / { $customer-comments } comments, page replies { $page-inbox } inbox / { $page-comments } comments, phone numbers { $phones }
stats-cli-new-customers = new customers per day:
stats-cli-tags = conversations by tag:
stats-cli-none-tagged = none tagged
stats-cli-staff = staff:
stats-cli-hours = engagement by hour (0-23): { $counts }
stats-cli-hours-missing = engagement by hour: { $why }
stats-cli-unavailable = unavailable: { $part }: { $why }
stats-cli-skipped = { $count ->
    [one] skipped: { $count } unreadable row of { $part }
   *[other] skipped: { $count } unreadable rows of { $part }
}

## `pancake-tui stats`: on stderr

stats-cli-needs-user-token = --all-pages needs your user token: set PANCAKE_ACCESS_TOKEN (Pancake → Account) or access_token in { $path }
stats-cli-each-page = the users statistics of all pages at once failed ({ $error }); asking each page
