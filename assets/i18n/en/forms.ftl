# The inbox's words in English: what is wrong with what the agent typed (the
# customer's record, the filter line, the command line) and the counts of the
# command line's reports. Every id here is also in vi/forms.ftl.

## The customer's record (C f): why Enter did not send (the field first)

form-name-empty = name: a customer needs a name
form-phone-bad = phones: "{ $text }" is not a phone number (8 to 15 digits, + allowed)
form-gender-bad = gender: "{ $text }" is not male, female or unknown
form-birthday-bad = birthday: "{ $text }" is not a date (YYYY-MM-DD)
form-nothing-changed = nothing changed
form-customer-help = gender: male, female, unknown · birthday: YYYY-MM-DD · phones: comma-separated

## A customer's gender, as shown (typed: these words in either language)

gender-male = male
gender-female = female
gender-unknown = unknown

## The filter line (f): why it means nothing. The filter's words (tag:, @,
## since:, 24h, unread…) are a syntax: they stay as they are in every language.

filter-error-not-a-word = "{ $word }" is not a filter word
filter-error-no-tag = no tag "{ $name }"
filter-error-no-staff = no staff member "{ $name }"
filter-error-tag-ambiguous = tag "{ $name }" could be { $names }: type more of the name
filter-error-staff-ambiguous = staff member "{ $name }" could be { $names }: type more of the name
filter-error-bad-time = "{ $word }": use 24h, 7d or a date
filter-error-backwards = since is after until: nothing could match

## A view of config.toml ([[views]]) that cannot be used (the field names are
## config.toml's)

view-error = view "{ $view }": { $why }
view-error-both = give either filter = "..." or the fields (tags, unread, ...), not both
view-error-time = { $field } "{ $value }" is not like 24h, 7d or 2026-11-01
view-error-order = order_by "{ $value }" is not updated_at or inserted_at

## doctor: what the checks counted, for people (`doctor --json` keeps the
## words of cli.ftl it always had: doctor-token, doctor-token-given,
## doctor-token-from-user, doctor-tags)

doctor-count-pages = { $count ->
    [one] { $count } page
   *[other] { $count } pages
}, { $how }
doctor-count-tokens-given = { $count ->
    [one] page token from the environment or the config file (the calls below check it)
   *[other] page tokens from the environment or the config file (the calls below check them)
}
doctor-count-tokens-from-user = { $count ->
    [one] page token generated from the user token (PANCAKE_ACCESS_TOKEN)
   *[other] page tokens generated from the user token (PANCAKE_ACCESS_TOKEN)
}
doctor-count-tags = { $count ->
    [one] { $count } tag
   *[other] { $count } tags
}

## The command line: clap's errors, as clap says them in English (the
## arguments as written: --format <FORMAT>, <ACTION>)

parse-error = error: { $what }
parse-unknown-argument = unexpected argument '{ $arg }' found
parse-unknown-subcommand = unrecognized subcommand '{ $command }'
parse-invalid-value = invalid value '{ $value }' for '{ $arg }'
parse-with-reason = { $error }: { $why }
parse-value-required = a value is required for '{ $arg }' but none was supplied
parse-missing-arguments = the following required arguments were not provided:
parse-no-equals = equal sign is needed when assigning values to '{ $arg }'
parse-possible-values = [possible values: { $values }]
parse-similar-argument = tip: a similar argument exists: '{ $similar }'
parse-similar-subcommand = tip: a similar subcommand exists: '{ $similar }'
parse-similar-value = tip: a similar value exists: '{ $similar }'
parse-more-help = For more information, try '{ $help }'.
