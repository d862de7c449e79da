"""Storage: the only place that speaks SQL (besides the migrations it ships).

``models`` holds the SQLModel tables, ``database`` opens, checks and upgrades a database (SQLite
file or PostgreSQL), ``migrations`` the Alembic history, written with ``migration_kit`` (what
the scripts share; tests/storage/test_migration_schemas.py keeps every revision's schema as it
was). ``queries`` holds the named queries of each feature and the dialect-specific word search;
``counters`` the gapless per-year numbering (the logbook STT, case and document numbers);
``repositories`` the audit rows and settings every use case writes; ``backup`` the backup file
format; ``errors`` the driver's complaints as codes; ``schema_version`` the known revisions,
without importing Alembic.
"""
