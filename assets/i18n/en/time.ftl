# The inbox's words in English: times and dates: relative ages, due times, snooze presets, typed times.
# Every id here is also in vi/time.ftl.
