"""Facts on a case the legal limits need (issue 12): the contested decision's date and the day
the complainant learned of it (start of the complaint limitation, Luật KN 2011 Art. 9), and
entrusted verification (ủy quyền xác minh: with verification at several places the only ground
for the 10-working-day denunciation intake, Luật TC 2018 Art. 24(1)).

All three are nullable and stay NULL on existing rows (NULL entrusted_verification = not
entrusted): the audit chain leaves a NULL column out of a record's snapshot, so no existing
record's audited state changes (storage/audit_chain.py).

Revision ID: 0014
Revises: 0013 (case report facts)
"""

import sqlalchemy as sa

from reception_desk.storage import migration_kit as kit

revision: str = "0014"
down_revision: str | None = "0013"


def _columns() -> list[kit.Column]:
    return [
        sa.Column("decision_on", sa.Date(), nullable=True),
        sa.Column("decision_learned_on", sa.Date(), nullable=True),
        sa.Column("entrusted_verification", sa.Boolean(), nullable=True),
    ]


def upgrade() -> None:
    # Plain ADD COLUMN, nullable, no default: no table rebuild on SQLite.
    kit.add_columns("case_file", _columns())


def downgrade() -> None:
    # Plain DROP COLUMN (as 0009): a batch rebuild of case_file would trip the foreign keys
    # pointing at it.
    kit.drop_columns("case_file", _columns())
