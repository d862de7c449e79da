"""Initial schema, with the field taxonomy seeded from LEGAL.md §3.3 (office-editable).

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from reception_desk.storage import migration_kit as kit

revision: str = "0001"
down_revision: str | None = None


# Field taxonomy (lĩnh vực) as reconstructed in LEGAL.md §3.3: the top level is confirmed [N], the
# leaves are [M], so the office can edit, deactivate or add entries in Settings.
FIELD_SEED = [
    # code, parent, label, petition type, sensitive
    ("kn", None, "Khiếu nại", "complaint", False),
    ("kn.hc", "kn", "Lĩnh vực hành chính", "complaint", False),
    ("kn.hc.chinh_sach", "kn.hc", "Chế độ, chính sách", "complaint", False),
    ("kn.hc.dat_dai", "kn.hc", "Đất đai, nhà cửa", "complaint", True),
    (
        "kn.hc.boi_thuong",
        "kn.hc",
        "Bồi thường, giải phóng mặt bằng, tái định cư",
        "complaint",
        True,
    ),
    ("kn.hc.khac", "kn.hc", "Khác (hành chính)", "complaint", False),
    ("kn.tu_phap", "kn", "Lĩnh vực tư pháp", "complaint", False),
    ("kn.dang", "kn", "Lĩnh vực Đảng, đoàn thể", "complaint", False),
    ("kn.khac", "kn", "Lĩnh vực khác", "complaint", False),
    ("tc", None, "Tố cáo", "denunciation", False),
    ("tc.hc", "tc", "Lĩnh vực hành chính", "denunciation", False),
    ("tc.tu_phap", "tc", "Lĩnh vực tư pháp", "denunciation", False),
    ("tc.tham_nhung", "tc", "Tham nhũng", "denunciation", False),
    ("tc.dang", "tc", "Lĩnh vực Đảng, đoàn thể", "denunciation", False),
    ("tc.khac", "tc", "Khác", "denunciation", False),
    ("pakn", None, "Phản ánh, kiến nghị", None, False),
    ("pakn.dat_dai", "pakn", "Đất đai, xây dựng", None, True),
    ("pakn.moi_truong", "pakn", "Môi trường", None, True),
    ("pakn.ton_giao", "pakn", "Tôn giáo", None, True),
    ("pakn.dan_toc", "pakn", "Dân tộc", None, True),
    ("pakn.chinh_sach", "pakn", "Chế độ, chính sách", None, False),
    ("pakn.khac", "pakn", "Khác", None, False),
]


def upgrade() -> None:
    kit.create_table(
        "audit_entry",
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("entity_id", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        indexes={"ix_audit_entity": ["entity", "entity_id"]},
    )

    kit.create_table(
        "citizen",
        sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("full_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("id_doc_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("id_number", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("id_issue_date", sa.Date(), nullable=True),
        sa.Column("id_issue_place", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("sex", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("ward_code", sa.Integer(), nullable=True),
        sa.Column("address_detail", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=700), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        unique={"uq_citizen_uid": ["uid"]},
        references={"merged_into_id": "citizen"},
        indexes={
            "ix_citizen_id_number": ["id_number"],
            "ix_citizen_name_key": ["name_key"],
            "ix_citizen_phone": ["phone"],
        },
    )

    op.create_table(
        "counter",
        sa.Column("scope", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "year", name=op.f("pk_counter")),
    )
    op.create_table(
        "field_category",
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("parent_code", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("petition_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_field_category")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    kit.create_table(
        "staff",
        sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("full_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("position", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        unique={"uq_staff_uid": ["uid"]},
    )
    kit.create_table(
        "visit",
        sa.Column("uid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("received_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("reception_date", sa.Date(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("receiving_staff_id", sa.Integer(), nullable=False),
        sa.Column("presiding_leader_id", sa.Integer(), nullable=True),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("citizen_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("citizen_name_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("id_doc_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("id_number", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("id_override_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=700), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("people_count", sa.Integer(), nullable=False),
        sa.Column("content", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("content_key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("petition_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("field_code", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("prior_bodies", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("within_competence", sa.Boolean(), nullable=False),
        sa.Column("direction", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("target_body", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("target_doc_number", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("follow_up", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("voided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("void_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("voided_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        *kit.record_stamps(),
        unique={"uq_visit_uid": ["uid"], "uq_visit_year_seq": ["year", "seq"]},
        references={
            "citizen_id": "citizen",
            "field_code": "field_category.code",
            "presiding_leader_id": "staff",
            "receiving_staff_id": "staff",
        },
        indexes={
            "ix_visit_citizen": ["citizen_id"],
            "ix_visit_kind": ["kind", "reception_date"],
            "ix_visit_name_key": ["citizen_name_key"],
            "ix_visit_people": ["people_count"],
            "ix_visit_reception_date": ["reception_date", "seq"],
            "ix_visit_type": ["petition_type", "reception_date"],
        },
    )

    kit.create_table(
        "visit_document",
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("condition", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        references={"visit_id": "visit"},
        indexes={"ix_visit_document_visit_id": ["visit_id"]},
    )

    field_table = sa.table(
        "field_category",
        sa.column("code", sa.String),
        sa.column("parent_code", sa.String),
        sa.column("label", sa.String),
        sa.column("petition_type", sa.String),
        sa.column("sensitive", sa.Boolean),
        sa.column("sort_order", sa.Integer),
        sa.column("active", sa.Boolean),
    )
    op.bulk_insert(
        field_table,
        [
            {
                "code": c,
                "parent_code": p,
                "label": lbl,
                "petition_type": t,
                "sensitive": s,
                "sort_order": i,
                "active": True,
            }
            for i, (c, p, lbl, t, s) in enumerate(FIELD_SEED)
        ],
    )


def downgrade() -> None:
    # Dropping a table drops its indexes.
    op.drop_table("visit_document")
    op.drop_table("visit")
    op.drop_table("staff")
    op.drop_table("setting")
    op.drop_table("field_category")
    op.drop_table("counter")
    op.drop_table("citizen")
    op.drop_table("audit_entry")
