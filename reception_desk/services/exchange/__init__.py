"""The whole logbook as versioned JSON Lines: export, and an all-or-nothing, idempotent import.

``jsonl`` derives the record layout from the tables (a column added by a migration is exported
without touching it), matches records by natural key and writes nothing unless every line is
good. ``sessions`` adds the head's reception sessions and their conclusion notices (format 2),
``dialogues`` the dialogues of complaint cases (format 2),
``masking`` the default masked export, ``batches`` the import in short transactions, ``checks``
the forms' rules. The facade is ``Desk.export_logbook`` / ``Desk.import_logbook``.
"""
