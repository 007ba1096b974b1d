# The inbox's words in English: the filter panel, the customer panel and notes, the stats screen.
# Every id here is also in vi/panels.ftl.
