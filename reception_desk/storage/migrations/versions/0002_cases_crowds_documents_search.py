"""Cases and their events, crowd visits, issued documents, directives, calendar, search index.

Search: on SQLite, FTS5 tables over the folded keys kept in step by triggers (a later batch
migration that recreates ``citizen``, ``visit`` or ``case_file`` must recreate the triggers);
on PostgreSQL, trigram GIN indexes over the same keys when ``pg_trgm`` can be enabled.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from reception_desk.storage import migration_kit as kit

revision: str = "0002"
down_revision: str | None = "0001"


def upgrade() -> None:
    op.create_table(
        "calendar_override",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_override")),
    )
    kit.create_table(
        "case_file",
        sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("case_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("complaint_object", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("title_key", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("content", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("field_code", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("respondents", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("competent_body", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("remote", sa.Boolean(), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=True),
        sa.Column("within_commune_competence", sa.Boolean(), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("deadline_kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("previous_case_id", sa.Integer(), nullable=True),
        sa.Column("link_kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        *kit.record_stamps(),
        unique={"uq_case_file_uid": ["uid"], "uq_case_file_year_seq": ["year", "seq"]},
        references={"field_code": "field_category.code", "previous_case_id": "case_file"},
        indexes={
            "ix_case_file_stage_due": ["stage", "due_on"],
            "ix_case_file_title_key": ["title_key"],
        },
    )

    op.create_table(
        "case_citizen",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_case_citizen_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["citizen_id"], ["citizen.id"], name=op.f("fk_case_citizen_citizen_id_citizen")
        ),
        sa.PrimaryKeyConstraint("case_id", "citizen_id", name=op.f("pk_case_citizen")),
    )
    op.create_index("ix_case_citizen_citizen_id", "case_citizen", ["citizen_id"], unique=False)

    kit.create_table(
        "case_event",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("moment", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("document_number", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("document_date", sa.Date(), nullable=True),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        references={"case_id": "case_file"},
        indexes={"ix_case_event_case": ["case_id", "position"]},
    )

    kit.create_table(
        "directive",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("assignee_staff_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("given_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("given_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("acknowledged_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("acknowledged_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("done_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        references={"assignee_staff_id": "staff", "case_id": "case_file"},
        indexes={"ix_directive_case_id": ["case_id"]},
    )

    kit.create_table(
        "issued_document",
        sa.Column("doc_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("symbol", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("verification_code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("issued_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("issued_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("print_count", sa.Integer(), nullable=False),
        unique={
            "uq_issued_document_number": ["doc_type", "year", "number"],
            "uq_issued_document_verification_code": ["verification_code"],
        },
        references={"case_id": "case_file", "visit_id": "visit"},
        indexes={
            "ix_issued_document_case_id": ["case_id"],
            "ix_issued_document_visit_id": ["visit_id"],
        },
    )

    kit.create_table(
        "visit_participant",
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("full_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("id_doc_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("id_number", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=700), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("is_representative", sa.Boolean(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=True),
        references={"citizen_id": "citizen", "visit_id": "visit"},
        indexes={"ix_visit_participant_visit_id": ["visit_id"]},
    )

    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("delegation", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("representatives", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("incident", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column(
                "incident_note",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="",
            )
        )
        batch_op.create_index(batch_op.f("ix_visit_case_id"), ["case_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_visit_case_id_case_file"), "case_file", ["case_id"], ["id"]
        )

    create_search_index()


def downgrade() -> None:
    # Dropping a table drops its indexes.
    drop_search_index()
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_visit_case_id_case_file"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_visit_case_id"))
        batch_op.drop_column("incident_note")
        batch_op.drop_column("incident")
        batch_op.drop_column("representatives")
        batch_op.drop_column("delegation")
        batch_op.drop_column("case_id")

    op.drop_table("visit_participant")
    op.drop_table("issued_document")
    op.drop_table("directive")
    op.drop_table("case_event")
    op.drop_table("case_citizen")
    op.drop_table("case_file")
    op.drop_table("calendar_override")


# (table, fts table, indexed columns)
FTS = [
    ("citizen", "citizen_fts", ("name_key", "id_number", "phone")),
    ("visit", "visit_fts", ("citizen_name_key", "content_key")),
    ("case_file", "case_fts", ("title_key",)),
]
TRIGRAM = [
    ("citizen", "name_key"),
    ("visit", "content_key"),
    ("visit", "citizen_name_key"),
    ("case_file", "title_key"),
]


def create_search_index() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for table, fts, cols in FTS:
            col_list = ", ".join(cols)
            new_vals = ", ".join(f"new.{c}" for c in cols)
            old_vals = ", ".join(f"old.{c}" for c in cols)
            # Keys are already folded (đ→d, no marks); remove_diacritics 2 is belt and braces.
            op.execute(
                f"CREATE VIRTUAL TABLE {fts} USING fts5({col_list}, content='{table}', "
                f"content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
            )
            op.execute(
                f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
                f"INSERT INTO {fts}(rowid, {col_list}) VALUES (new.id, {new_vals}); END"
            )
            op.execute(
                f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
                f"INSERT INTO {fts}({fts}, rowid, {col_list}) VALUES ('delete', old.id, "
                f"{old_vals}); END"
            )
            op.execute(
                f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {col_list} ON {table} BEGIN "
                f"INSERT INTO {fts}({fts}, rowid, {col_list}) VALUES ('delete', old.id, "
                f"{old_vals}); INSERT INTO {fts}(rowid, {col_list}) VALUES (new.id, {new_vals});"
                f" END"
            )
            op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    elif bind.dialect.name == "postgresql":
        # pg_trgm needs a privileged role; without it search still works, only slower.
        nested = bind.begin_nested()
        try:
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            nested.commit()
        except Exception:
            nested.rollback()
            return
        for table, column in TRIGRAM:
            op.execute(
                f"CREATE INDEX ix_{table}_{column}_trgm ON {table} "
                f"USING gin ((' ' || {column}) gin_trgm_ops)"
            )


def drop_search_index() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for _table, fts, _cols in FTS:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    elif bind.dialect.name == "postgresql":
        for table, column in TRIGRAM:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_{column}_trgm")
