# The inbox's words in English: times and dates: relative ages, due times, snooze presets, typed times.
# Every id here is also in vi/time.ftl.

## What a typed snooze time says when it cannot be read (remind::WhenError::say)

when-examples = in 1h, 30m, 18:00, tomorrow 9:00, this evening, next monday, mon 9
when-empty = say when, e.g. { $examples }
when-unreadable = cannot read "{ $input }" as a time: try { $examples }
when-bad-time = { $time } is not a time of day (00:00 to 23:59)
when-not-ahead = a reminder must be in the future
when-evening-passed = this evening ({ $evening }) has passed: say a time, e.g. in 1h or tomorrow 18:00
when-too-far = at most { $days } days ahead

## The snooze dialog's presets (app::snooze::PRESETS: the words read are in the code)

snooze-preset-hour = in 1 h
snooze-preset-evening = this evening
snooze-preset-tomorrow = tomorrow 9:00
snooze-preset-next-monday = next Monday 9:00

## How long ago, in a list row (app::times::age: at most 3 columns)

time-age-now = now
time-age-minutes = { $n }m
time-age-hours = { $n }h
time-age-days = { $n }d
time-age-weeks = { $n }w
time-age-years = { $n }y

## Weekdays, short (app::times::weekday)

time-weekday-mon = Mon
time-weekday-tue = Tue
time-weekday-wed = Wed
time-weekday-thu = Thu
time-weekday-fri = Fri
time-weekday-sat = Sat
time-weekday-sun = Sun

## A snoozed row of the list: when it comes back

time-until = until { $due }

## What snoozing says on the status bar (app/update/snooze.rs)

snooze-nothing = no conversation to snooze
snooze-marked = { $count ->
    [one] { $count } marked conversation
   *[other] { $count } marked conversations
}
snooze-conversations = { $count ->
    [one] { $count } conversation
   *[other] { $count } conversations
}
snooze-done = snoozed { $what } until { $due }
snooze-cancelled = snooze cancelled ({ $count })
snooze-follow-up = follow up: { $names }
snooze-wrote-early = wrote before the snooze ended: { $names }
