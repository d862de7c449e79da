"""The whole logbook as versioned JSON Lines: export, and an all-or-nothing, idempotent import.

``jsonl`` derives the record layout from the tables (a column added by a migration is exported
without touching it), matches records by natural key and writes nothing unless every line is
good. The facade is ``Desk.export_logbook`` / ``Desk.import_logbook``.
"""
