# The inbox's warnings in English: what is found in the configuration and
# does not stop it (config::Config::warnings), said on stderr at the start
# and in the doctor's report. Each id here is also in vi/warnings.ftl.
# The doctor's JSON report gives these words as they are: keep them.

warning-token-readable = { $path } holds a token and is readable by other users: run chmod 600 { $path }
warning-relay-secret-readable = { $path } holds the relay's secret and is readable by other users: run chmod 600 { $path }
warning-rate-limit = rate_limit = { $asked } in config is out of { $low }..={ $high }: { $kept } is used

## What was wrong with an answer that could not be read (api::DecodeProblem):
## the $detail of error-decode. Logs and `doctor --json` write these same words.
## The answer's keys in backquotes are the answer's own.

decode-not-json = not JSON ({ $reason })
decode-missing = no `{ $key }` in the answer
decode-not-a-list = `{ $key }` is { $found }, not a list
decode-too-large = the answer is over { $mb } MB: not read further
decode-no-tag-list = the reply has no `data` list of tags
decode-no-page-token = no page_access_token in the reply
decode-no-content-id = no content `id` in the answer
decode-no-figures = no data in the answer
decode-figures-neither = the figures are { $found }, not a list or an object
decode-figures-are-list = the figures are a list, not an object
decode-figures-are-object = the figures are an object, not a list
decode-no-series = no series in the answer
decode-series-not-object = the series are { $found }, not an object
decode-no-users = no users in the answer
decode-users-not-object = the users are { $found }, not an object
decode-no-hourly = no hourly statistics in the answer
decode-hourly-not-list = the hourly statistics are { $found }, not a list
decode-no-page-rows = no row names a page that was asked

## What a JSON value was ($found above).

decode-kind-null = null
decode-kind-boolean = a boolean
decode-kind-number = a number
decode-kind-string = a string
decode-kind-list = a list
decode-kind-object = an object
