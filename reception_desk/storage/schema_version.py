"""The migration revisions this code knows, without importing Alembic (it costs ~0.3 s at start).

Kept equal to the migration scripts by tests/storage/test_database.py.
"""

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0006")
HEAD_REVISION = KNOWN_REVISIONS[-1]
