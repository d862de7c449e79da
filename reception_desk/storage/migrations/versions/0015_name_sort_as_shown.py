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

#: (index, columns) created; storage/queries/visits.py ``_name_page`` reads the two blocks.
NEW_INDEXES = [
    ("ix_visit_sort_name_shown", ["citizen_name_key", "id", "petition_type", "id_number"]),
    ("ix_visit_withheld", ["petition_type", "year", "seq", "citizen_name_key", "id_number"]),
]
#: Superseded by ``ix_visit_sort_name_shown`` (its leading columns).
REPLACED = [("ix_visit_sort_name", ["citizen_name_key", "id"])]


def upgrade() -> None:
    for name, _columns in REPLACED:
        op.drop_index(name, table_name="visit")
    for name, columns in NEW_INDEXES:
        op.create_index(name, "visit", columns)


def downgrade() -> None:
    for name, _columns in NEW_INDEXES:
        op.drop_index(name, table_name="visit")
    for name, columns in REPLACED:
        op.create_index(name, "visit", columns)
