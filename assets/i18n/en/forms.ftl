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
