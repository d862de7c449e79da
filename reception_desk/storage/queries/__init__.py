"""Named queries, one module per feature: the only SQL of the application besides migrations.

Services call these by what they answer (``visits.logbook_page``, ``cases.open_case_statuses``)
and never build a statement themselves; session ``get``/``add``/``delete`` stay the unit of work.
``search`` hides the dialect branch of word search (FTS5 on SQLite, LIKE served by trigram
indexes on PostgreSQL) and holds the one LIKE escaper. Queries take plain values (no service
DTOs) and return model rows, tuples or plain numbers.
"""
