"""Old logbooks imported as historical visits (issue 15).

A ``legacy_batch`` row per imported file (name, SHA-256, sheet, who, when, counts, undone), and
on ``visit`` the batch that created it with the STT and year as printed in the old book. Every
existing visit keeps NULL in the new columns (so its audited snapshot is unchanged).

Revision ID: 0012
Revises: 0011 (dialogues)
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from reception_desk.storage import migration_kit as kit

revision: str = "0012"
down_revision: str | None = "0011"


def _visit_columns() -> list[kit.Column]:
    """The batch that created a visit, with its STT and year as printed in the old book."""
    return [
        sa.Column("legacy_batch_id", sa.Integer(), nullable=True),
        sa.Column("legacy_stt", sa.String(length=40), nullable=True),
        sa.Column("legacy_year", sa.Integer(), nullable=True),
    ]


def upgrade() -> None:
    kit.create_table(
        "legacy_batch",
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("sheet", sa.String(length=255), nullable=False),
        sa.Column("imported_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("visits_created", sa.Integer(), nullable=False),
        sa.Column("citizens_created", sa.Integer(), nullable=False),
        sa.Column("rows_skipped", sa.Integer(), nullable=False),
        sa.Column("undone_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=200), nullable=False),
        indexes={"ix_legacy_batch_file_sha256": ["file_sha256"]},
    )
    # Plain ADD COLUMN, NULL for every existing visit (no table rebuild, as 0007/0009).
    kit.add_columns("visit", _visit_columns())
    op.create_index("ix_visit_legacy_batch_id", "visit", ["legacy_batch_id"])


def downgrade() -> None:
    op.drop_index("ix_visit_legacy_batch_id", table_name="visit")
    kit.drop_columns("visit", _visit_columns())
    op.drop_table("legacy_batch")  # and its index
