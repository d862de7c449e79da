"""Attachments: the scanned đơn and documents received, stored in the database (issue 10 item 4).

``attachment_blob`` holds each distinct file once, keyed by the SHA-256 of its bytes;
``attachment`` links a visit (or a case) to a blob with the file's original name, who added it
and when, and a void mark instead of deletion. In the database rather than in a folder: the
SQLite online backup and pg_dump carry them with no extra work, and every PC of an office on
PostgreSQL sees the same files. No existing record changes, so the audit chain needs no
"chain_start" rows.

Revision ID: 0008
Revises: 0007 (version columns for compare-and-set edits)
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from reception_desk.storage import migration_kit as kit

revision: str = "0008"
down_revision: str | None = "0007"


def upgrade() -> None:
    op.create_table(
        "attachment_blob",
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment_blob")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # Scans and PDFs are compressed already: store them out of line uncompressed, so a
        # chunk read (substring) touches only its own pages instead of inflating the whole file.
        op.execute("ALTER TABLE attachment_blob ALTER COLUMN content SET STORAGE EXTERNAL")
    kit.create_table(
        "attachment",
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("blob_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("added_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("added_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("voided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("void_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("voided_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.CheckConstraint("visit_id IS NOT NULL OR case_id IS NOT NULL",
                           name=op.f("ck_attachment_record")),
        references={
            "visit_id": "visit",
            "case_id": "case_file",
            "blob_sha256": "attachment_blob.sha256",
        },
        indexes={"ix_attachment_visit_id": ["visit_id"], "ix_attachment_case_id": ["case_id"],
                 "ix_attachment_blob_sha256": ["blob_sha256"]},
    )


def downgrade() -> None:
    op.drop_table("attachment")  # and its indexes
    op.drop_table("attachment_blob")
