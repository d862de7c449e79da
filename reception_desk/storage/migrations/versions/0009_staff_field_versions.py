"""Version numbers on staff members and field-taxonomy entries, for compare-and-set edits
(issue 11 item 2).

Settings → Staff and Settings → Fields edit one row at a time: an update now names the version
the screen read and changes nothing when another counter saved the same row meanwhile (the
second clerk is told, and keeps what they typed). Existing rows start at version 1.

Revision ID: 0009
Revises: 0008 (attachments)
"""

from reception_desk.storage import migration_kit as kit

revision: str = "0009"
down_revision: str | None = "0008"


def upgrade() -> None:
    kit.add_version_columns("staff", "field_category")


def downgrade() -> None:
    kit.drop_version_columns("staff", "field_category")
