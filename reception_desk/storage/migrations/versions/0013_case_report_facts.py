"""What the statutory reports need of a case that no event says (issue 13): whether the petition
was "đủ điều kiện xử lý" as the clerk recorded it, the day the office urged the competent body
(đôn đốc giải quyết) and the day a reply came from the body it was transferred to.

All three are NULL on existing cases: the reports then infer eligibility from the first handling
event, as before, and count no urging and no reply (nothing is filled, so no snapshot changes).

Revision ID: 0013
Revises: 0012 (old logbooks)
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"


def upgrade() -> None:
    # Plain ADD COLUMN, nullable, no default: no table rebuild (foreign keys stay untouched).
    op.add_column("case_file", sa.Column("eligible", sa.Boolean(), nullable=True))
    op.add_column("case_file", sa.Column("urged_on", sa.Date(), nullable=True))
    op.add_column("case_file", sa.Column("reply_received_on", sa.Date(), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (as 0009): a batch rebuild would drop case_file under its foreign keys.
    for column in ("reply_received_on", "urged_on", "eligible"):
        op.drop_column("case_file", column)
