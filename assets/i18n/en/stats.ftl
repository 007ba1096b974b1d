# The inbox's words in English: the stats screen and `pancake-tui stats`.
# Every id here is also in vi/stats.ftl.
