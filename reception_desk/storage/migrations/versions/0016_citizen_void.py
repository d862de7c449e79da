"""A registry record can be voided (never deleted): the one an undone old-logbook import made.

Undoing an import (services/legacy/importing.undo) voids the visits it wrote and the citizen
records that exist only because of it; a voided record leaves the registry search, the ID
look-up, the repeat banner and the next import's matching, and keeps its data and history.
Every existing record keeps NULL in the three columns (so its audited snapshot is unchanged:
trailing NULLs are left out, storage/audit_chain.py).

Revision ID: 0016
Revises: 0015 (name sort as shown)
"""

import sqlalchemy as sa

from reception_desk.storage import migration_kit as kit

revision: str = "0016"
down_revision: str | None = "0015"


def _columns() -> list[kit.Column]:
    return [
        sa.Column("voided_at", kit.Moment(), nullable=True),
        sa.Column("void_reason", kit.Text(), nullable=True),
        sa.Column("voided_by", kit.Text(length=200), nullable=True),
    ]


def upgrade() -> None:
    # Plain ADD COLUMN, nullable, no default: no table rebuild (the foreign keys pointing at
    # citizen and its search triggers stay untouched).
    kit.add_columns("citizen", _columns())


def downgrade() -> None:
    kit.drop_columns("citizen", _columns())
