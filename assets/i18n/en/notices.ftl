# The inbox's words in English: status-bar messages: what an action did, why it failed, what to do.
# Every id here is also in vi/notices.ftl.
