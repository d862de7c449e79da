"""The logbook's name sort as the viewer sees it, served from indexes alone (issue 17).

The name sort reads the book as two blocks: the denouncers under secrecy (shown as one
placeholder, in STT order) and everyone else (by folded name). Which block a visit belongs to
depends on its petition type and on a waiver naming its sender (the folded name and the ID
number), so each block's index carries those columns: the deep OFFSET of the last page, and the
count of the withheld block, step through the index without reading a million table rows
(3.0 s → ≈ 0.2 s for the last row of 1,000,000 visits on SQLite).

- ``ix_visit_sort_name_shown`` (citizen_name_key, id, petition_type, id_number) replaces
  ``ix_visit_sort_name`` (citizen_name_key, id): the same order, so every query the old one
  served it serves;
- ``ix_visit_withheld`` (petition_type, year, seq, citizen_name_key, id_number): the withheld
  block in STT order, and its count.

Indexes only: no row changes, so no record's audited state changes (storage/audit_chain.py).

Revision ID: 0015
Revises: 0014 (case limitation facts)
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The name sort's shown block, in name order, with what tells whether a sender is withheld.
SHOWN = ["citizen_name_key", "id", "petition_type", "id_number"]
#: The withheld block, in STT order, with what a waiver names (the folded name, the ID number).
WITHHELD = ["petition_type", "year", "seq", "citizen_name_key", "id_number"]


def upgrade() -> None:
    # storage/queries/visits.py ``_name_page`` reads the two blocks; the new name index starts
    # with the old one's columns, so it serves every query the old one served.
    op.drop_index("ix_visit_sort_name", table_name="visit")
    op.create_index("ix_visit_sort_name_shown", "visit", SHOWN)
    op.create_index("ix_visit_withheld", "visit", WITHHELD)


def downgrade() -> None:
    op.drop_index("ix_visit_withheld", table_name="visit")
    op.drop_index("ix_visit_sort_name_shown", table_name="visit")
    op.create_index("ix_visit_sort_name", "visit", ["citizen_name_key", "id"])
