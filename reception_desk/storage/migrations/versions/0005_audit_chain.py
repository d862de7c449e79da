"""The tamper-evident audit chain (issue 10 item 5): every audit row carries ``prev_hash``,
``hash`` and the snapshot digest of the record it describes; ``audit_chain_head`` keeps the end.

An existing database gets its chain started here, and says so: the audit rows it already holds
are linked in id order (their records' past states are unknown, so they carry no snapshot),
every visit, citizen, case, issued document and directive gets a "chain_start" row holding its
present state, and a last "chain_started" row counts them (storage/audit_chain.py
``start_chain``).

Revision ID: 0005
Revises: 0004
"""

from datetime import UTC
from datetime import datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

from reception_desk.storage import migration_kit as kit
from reception_desk.storage.audit_chain import start_chain

revision: str = "0005"
down_revision: str | None = "0004"

HASH_COLUMNS = ("prev_hash", "hash", "snapshot_hash")


def upgrade() -> None:
    with op.batch_alter_table("audit_entry") as batch:
        for name in HASH_COLUMNS:
            batch.add_column(sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=64),
                                       nullable=False, server_default=""))
    kit.create_table(
        "audit_chain_head",
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=True),
        sa.Column("last_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    )
    start_chain(op.get_bind(), datetime.now(UTC), "Reception Desk", revision)


def downgrade() -> None:
    op.drop_table("audit_chain_head")
    op.execute("DELETE FROM audit_entry WHERE action IN ('chain_start', 'chain_started')")
    with op.batch_alter_table("audit_entry") as batch:
        for name in HASH_COLUMNS:
            batch.drop_column(name)
