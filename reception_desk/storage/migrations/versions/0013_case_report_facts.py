"""What the statutory reports need of a case that no event says (issue 13): whether the petition
was "đủ điều kiện xử lý" as the clerk recorded it, the day the office urged the competent body
(đôn đốc giải quyết) and the day a reply came from the body it was transferred to.

All three are NULL on existing cases: the reports then infer eligibility from the first handling
event, as before, and count no urging and no reply (nothing is filled, so no snapshot changes).

Revision ID: 0013
Revises: 0012 (old logbooks)
"""

import sqlalchemy as sa

from reception_desk.storage import migration_kit as kit

revision: str = "0013"
down_revision: str | None = "0012"


def _columns() -> list[kit.Column]:
    return [
        sa.Column("eligible", sa.Boolean(), nullable=True),
        sa.Column("urged_on", sa.Date(), nullable=True),
        sa.Column("reply_received_on", sa.Date(), nullable=True),
    ]


def upgrade() -> None:
    # Plain ADD COLUMN, nullable, no default: no table rebuild (foreign keys stay untouched).
    kit.add_columns("case_file", _columns())


def downgrade() -> None:
    # Plain DROP COLUMN (as 0009): a batch rebuild would drop case_file under its foreign keys.
    kit.drop_columns("case_file", _columns())
