"""Version numbers on citizens and settings, for compare-and-set edits (issue 11).

Visits and cases carry a ``version`` since 0001/0002; a citizen's registry record and each office
setting now carry one too, so that two counters editing the same record at the same instant
cannot silently overwrite each other: an update names the version it read and changes nothing
when another counter got there first. Existing rows start at version 1.

Revision ID: 0007
Revises: 0006 (user accounts and the reveal log)
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"


def upgrade() -> None:
    # Plain ADD COLUMN (a constant default is allowed on SQLite): no table rebuild, so the
    # foreign keys pointing at citizen stay untouched.
    for table in ("citizen", "setting"):
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False,
                                       server_default="1"))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+), again without rebuilding the referenced citizen table.
    for table in ("setting", "citizen"):
        op.drop_column(table, "version")
