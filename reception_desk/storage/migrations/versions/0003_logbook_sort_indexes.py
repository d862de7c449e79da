"""Indexes matching every logbook sort (column, id), so sorting a million visits needs no sort.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"

# (index, columns): the logbook's ORDER BY clauses (storage/queries/visits.py SORTS).
SORT_INDEXES = [
    ("ix_visit_sort_time", ["received_at", "id"]),
    ("ix_visit_sort_name", ["citizen_name_key", "id"]),
    ("ix_visit_sort_type", ["petition_type", "id"]),
    ("ix_visit_sort_kind", ["kind", "id"]),
    ("ix_visit_sort_people", ["people_count", "id"]),
]
# Superseded by the sort indexes above (same leading column).
REPLACED = [("ix_visit_name_key", ["citizen_name_key"]), ("ix_visit_people", ["people_count"])]


def upgrade() -> None:
    for name, _columns in REPLACED:
        op.drop_index(name, table_name="visit")
    for name, columns in SORT_INDEXES:
        op.create_index(name, "visit", columns)


def downgrade() -> None:
    for name, _columns in SORT_INDEXES:
        op.drop_index(name, table_name="visit")
    for name, columns in REPLACED:
        op.create_index(name, "visit", columns)
