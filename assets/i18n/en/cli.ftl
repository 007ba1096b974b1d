# The inbox's words in English: the command line: doctor, stats, keys and their messages.
# Every id here is also in vi/cli.ftl.
