"""The migration revisions this program knows, oldest first (no Alembic import needed to read).

Kept equal to the migration scripts by tests/storage/test_database.py.
"""

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007",
                                     "0008", "0009", "0010", "0011", "0012", "0013", "0014",
                                     "0015", "0016", "0017")
HEAD_REVISION = KNOWN_REVISIONS[-1]
