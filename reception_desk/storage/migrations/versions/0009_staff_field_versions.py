"""Version numbers on staff members and field-taxonomy entries, for compare-and-set edits
(issue 11 item 2).

Settings → Staff and Settings → Fields edit one row at a time: an update now names the version
the screen read and changes nothing when another counter saved the same row meanwhile (the
second clerk is told, and keeps what they typed). Existing rows start at version 1.

Revision ID: 0009
Revises: 0008 (attachments)
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"


def upgrade() -> None:
    # Plain ADD COLUMN with a constant default (as 0007): no table rebuild, so the foreign keys
    # pointing at staff stay untouched.
    for table in ("staff", "field_category"):
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False,
                                       server_default="1"))


def downgrade() -> None:
    for table in ("field_category", "staff"):
        op.drop_column(table, "version")
