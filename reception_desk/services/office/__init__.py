"""The office itself: its set-up, the rules it keeps, and the health of its database.

``setup`` holds the office profile (as printed on its documents), its staff and the field
taxonomy; ``rules`` is the one reader of the office's rules every feature uses (working-day
calendar, deadline rule table, hotspot policy and crowd size); ``maintenance`` checks the
database (integrity, schema version, gapless STT). Their facade is ``Desk`` itself.
``backup`` makes, lists, verifies and restores backups of the database (issue 11); its facade
is ``backup.Backups``, built over the ``Desk`` by the window and the command line.
"""
