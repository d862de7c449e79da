"""The demo generator: realistic synthetic offices, visits and cases, for trying the app and for
the benchmarks (``reception-desk demo``).

A tool, not a use case: it writes in bulk through SQL (one audit row per run, not per record) and
reuses the services' own rules for what it must get right (the office set-up, the office calendar
and deadline rules, the case caches). ``generator`` makes the office, citizens and visits;
``topics`` draws the rarer fields of a visit's matter; ``cases`` walks cases through the domain
state machine (``follows``: the petitions that come back early or late; ``facts``: the case
page's facts; ``waiting``: the received cases overdue only by a side limit); ``sessions`` and
``dialogues`` add the head's reception sessions and complaint dialogues; ``guard`` keeps it off a
real logbook.
Only the command line imports it.
"""
