"""Dialogues on complaint cases (issue 14 item 5): ``dialogue`` and ``dialogue_participant``,
and ``case_file.verification_differs`` (the office's record that the complainant's request and
the verification result still differ: Luật KN 2011 Art. 30, LEGAL.md §8.2).

No existing record changes (the new case column starts NULL, which the audit snapshot leaves
out), so the audit chain needs no "chain_start" rows.

Revision ID: 0011
Revises: 0010 (reception sessions)
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from reception_desk.storage import migration_kit as kit

revision: str = "0011"
down_revision: str | None = "0010"

_S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    # Plain ADD COLUMN (nullable, no default): no table rebuild.
    op.add_column("case_file", sa.Column("verification_differs", sa.Boolean(), nullable=True))
    kit.create_table(
        "dialogue",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("status", _S(length=20), nullable=False),
        sa.Column("scheduled_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("place", _S(length=500), nullable=False),
        sa.Column("invited_on", sa.Date(), nullable=True),
        sa.Column("topic", _S(), nullable=False),
        sa.Column("held_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("result", _S(), nullable=False),
        sa.Column("cancel_reason", _S(), nullable=False),
        *kit.record_stamps(),
        references={"case_id": "case_file"},
        indexes={"ix_dialogue_case_id": ["case_id"]},
    )
    kit.create_table(
        "dialogue_participant",
        sa.Column("dialogue_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", _S(length=20), nullable=False),
        sa.Column("name", _S(length=200), nullable=False),
        sa.Column("title", _S(length=300), nullable=False),
        sa.Column("opinion", _S(), nullable=False),
        references={"dialogue_id": "dialogue"},
        indexes={"ix_dialogue_participant_dialogue_id": ["dialogue_id"]},
    )


def downgrade() -> None:
    # Dropping a table drops its indexes.
    op.drop_table("dialogue_participant")
    op.drop_table("dialogue")
    # Plain DROP COLUMN (SQLite 3.35+, as 0007): rebuilding case_file would break the foreign
    # keys that point at it.
    op.drop_column("case_file", "verification_differs")
