"""Version numbers on citizens and settings, for compare-and-set edits (issue 11).

Visits and cases carry a ``version`` since 0001/0002; a citizen's registry record and each office
setting now carry one too, so that two counters editing the same record at the same instant
cannot silently overwrite each other: an update names the version it read and changes nothing
when another counter got there first. Existing rows start at version 1.

Revision ID: 0007
Revises: 0006 (user accounts and the reveal log)
"""

from reception_desk.storage import migration_kit as kit

revision: str = "0007"
down_revision: str | None = "0006"


def upgrade() -> None:
    kit.add_version_columns("citizen", "setting")


def downgrade() -> None:
    kit.drop_version_columns("citizen", "setting")
