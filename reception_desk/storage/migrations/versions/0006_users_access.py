"""User accounts, the log of revealed identities, and denouncers' waivers of secrecy (issue 10).

No account is created here: on the first start after this migration the app asks for the
office's first administrator before anything else (services.access.users).

Revision ID: 0006
Revises: 0005 (the audit hash chain)
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from reception_desk.storage import migration_kit as kit

revision: str = "0006"
down_revision: str | None = "0005"


def upgrade() -> None:
    kit.create_table(
        "user_account",
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("username_key", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("display_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_sign_in_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("password_changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        *kit.created_columns(),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        unique={"uq_user_account_username_key": ["username_key"]},
        references={"staff_id": "staff"},
    )
    kit.create_table(
        "identity_reveal",
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("user_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("entity_id", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("person", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        references={"user_id": "user_account"},
        indexes={"ix_identity_reveal_record": ["entity", "entity_id", "at"]},
    )
    kit.create_table(
        "secrecy_waiver",
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("person_key", sqlmodel.sql.sqltypes.AutoString(length=260), nullable=False),
        sa.Column("waived_on", sa.Date(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("noted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("noted_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("revoked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("revoked_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        unique={"uq_secrecy_waiver_person": ["visit_id", "person_key"]},
        references={"visit_id": "visit"},
        indexes={"ix_secrecy_waiver_visit_id": ["visit_id"]},
    )


def downgrade() -> None:
    # Dropping a table drops its indexes.
    op.drop_table("secrecy_waiver")
    op.drop_table("identity_reveal")
    op.drop_table("user_account")
