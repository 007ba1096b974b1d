# The inbox's warnings in English: what is found in the configuration and
# does not stop it (config::Config::warnings), said on stderr at the start
# and in the doctor's report. Each id here is also in vi/warnings.ftl.
# The doctor's JSON report gives these words as they are: keep them.

warning-token-readable = { $path } holds a token and is readable by other users: run chmod 600 { $path }
warning-relay-secret-readable = { $path } holds the relay's secret and is readable by other users: run chmod 600 { $path }
warning-rate-limit = rate_limit = { $asked } in config is out of { $low }..={ $high }: { $kept } is used
