"""The head's reception sessions (kỳ tiếp), their participants and conclusion notices (issue 14).

- ``reception_session``: planned, held or cancelled sessions of the chair, a vice chair or a
  delegate; ``reception_session_member``: staff and invited bodies; ``session_conclusion``: the
  Thông báo kết luận việc tiếp công dân.
- ``visit.session_id`` (nullable): the session a visit was received in. A plain ADD COLUMN (no
  table rebuild: the visit table carries the search triggers and is referred to by many tables).
- ``directive``: ``case_id`` becomes nullable and ``conclusion_id`` / ``assignee_body`` are added,
  so a conclusion's instructions to bodies are tracked exactly like the chair's directives.
  The directive table is small and nothing refers to it: rebuilt in batch mode on SQLite.

No existing record gets a value in a snapshotted column (the new columns are NULL), so the audit
chain needs no "chain_start" rows.

Revision ID: 0010
Revises: 0009 (version columns on staff and fields)
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from reception_desk.storage import migration_kit as kit

revision: str = "0010"
down_revision: str | None = "0009"


def upgrade() -> None:
    kit.create_table(
        "reception_session",
        sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_minute", sa.Integer(), nullable=False),
        sa.Column("end_minute", sa.Integer(), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("leader_staff_id", sa.Integer(), nullable=False),
        sa.Column("leader_role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("delegation_note", sqlmodel.sql.sqltypes.AutoString(length=500),
                  nullable=False),
        sa.Column("matters", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("no_citizen", sa.Boolean(), nullable=False),
        sa.Column("outcome_note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cancel_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        *kit.record_stamps(),
        unique={"uq_reception_session_uid": ["uid"]},
        references={"leader_staff_id": "staff"},
        indexes={"ix_reception_session_day": ["day", "start_minute"]},
    )
    kit.create_table(
        "reception_session_member",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("role_note", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        references={"session_id": "reception_session", "staff_id": "staff"},
        indexes={"ix_reception_session_member_session_id": ["session_id"]},
    )
    kit.create_table(
        "session_conclusion",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        *kit.created_columns(),
        sa.Column("version", sa.Integer(), nullable=False),
        unique={"uq_session_conclusion_number": ["year", "number"]},
        references={"session_id": "reception_session", "visit_id": "visit"},
        indexes={"ix_session_conclusion_session_id": ["session_id"]},
    )

    if op.get_bind().dialect.name == "sqlite":
        # ADD COLUMN with an inline reference: SQLite cannot add a constraint afterwards, and a
        # batch rebuild of the visit table would drop its search triggers.
        op.execute("ALTER TABLE visit ADD COLUMN session_id INTEGER "
                   "CONSTRAINT fk_visit_session_id_reception_session "
                   "REFERENCES reception_session (id)")
    else:
        op.add_column("visit", sa.Column("session_id", sa.Integer(), nullable=True))
        op.create_foreign_key(op.f("fk_visit_session_id_reception_session"), "visit",
                              "reception_session", ["session_id"], ["id"])
    op.create_index(op.f("ix_visit_session_id"), "visit", ["session_id"], unique=False)

    with op.batch_alter_table("directive", schema=None) as batch_op:
        batch_op.alter_column("case_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("conclusion_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("assignee_body",
                                      sqlmodel.sql.sqltypes.AutoString(length=500),
                                      nullable=True))
        batch_op.create_index(batch_op.f("ix_directive_conclusion_id"), ["conclusion_id"],
                              unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_directive_conclusion_id_session_conclusion"), "session_conclusion",
            ["conclusion_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("directive", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_directive_conclusion_id_session_conclusion"),
                                 type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_directive_conclusion_id"))
        batch_op.drop_column("assignee_body")
        batch_op.drop_column("conclusion_id")
        batch_op.alter_column("case_id", existing_type=sa.Integer(), nullable=False)
    op.drop_index(op.f("ix_visit_session_id"), table_name="visit")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE visit DROP COLUMN session_id")
    else:
        op.drop_constraint(op.f("fk_visit_session_id_reception_session"), "visit",
                           type_="foreignkey")
        op.drop_column("visit", "session_id")
    # Dropping a table drops its indexes.
    op.drop_table("session_conclusion")
    op.drop_table("reception_session_member")
    op.drop_table("reception_session")
