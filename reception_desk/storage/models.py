"""SQLModel tables. One schema for SQLite and PostgreSQL; created only through Alembic migrations.

Strings are stored NFC (services normalise them); every searchable text has a folded ``*_key``
column (domain.text.fold). Moments are UTC; dates with legal meaning are ``date``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

# Naming convention so Alembic batch migrations on SQLite can address constraints by name.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Setting(SQLModel, table=True):
    """Office-wide setting (office names, thresholds, taxonomies): a JSON value per key."""

    __tablename__ = "setting"
    key: str = Field(primary_key=True, max_length=100)
    value: Any = Field(sa_column=Column(JSON, nullable=False))
    updated_at: datetime
    updated_by: str = Field(max_length=200)


class Staff(SQLModel, table=True):
    """A person of the office: reception clerk, chairperson, vice-chair, other leader."""

    __tablename__ = "staff"
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=36, unique=True)  # stable across export/import
    full_name: str = Field(max_length=200)
    position: str = Field(max_length=200)
    role: str = Field(max_length=30)  # clerk | chair | vice_chair | leader
    active: bool = True
    created_at: datetime


class FieldCategory(SQLModel, table=True):
    """Office-editable taxonomy of fields (lĩnh vực), seeded from LEGAL.md §3.3."""

    __tablename__ = "field_category"
    code: str = Field(primary_key=True, max_length=60)
    parent_code: str | None = Field(default=None, max_length=60)
    label: str = Field(max_length=300)
    petition_type: str | None = Field(default=None, max_length=30)
    sensitive: bool = False
    sort_order: int = 0
    active: bool = True


class Citizen(SQLModel, table=True):
    """One person, many visits. ``merged_into_id`` points to the surviving record after a merge."""

    __tablename__ = "citizen"
    __table_args__ = (
        Index("ix_citizen_id_number", "id_number"),
        Index("ix_citizen_name_key", "name_key"),
        Index("ix_citizen_phone", "phone"),
    )
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=36, unique=True)
    full_name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)
    id_doc_type: str = Field(max_length=30)
    id_number: str = Field(default="", max_length=40)
    id_issue_date: date | None = None
    id_issue_place: str = Field(default="", max_length=200)
    sex: str | None = Field(default=None, max_length=10)
    birth_date: date | None = None
    phone: str = Field(default="", max_length=30)
    ward_code: int | None = None
    address_detail: str = Field(default="", max_length=500)
    address: str = Field(default="", max_length=700)
    merged_into_id: int | None = Field(default=None, foreign_key="citizen.id")
    created_at: datetime
    updated_at: datetime


class Visit(SQLModel, table=True):
    """A row of the Sổ tiếp công dân: the union of the TT 04/2021 and NĐ 154/2026 columns.

    The citizen's name, identity paper and address are copied at the moment of the visit: the
    logbook records what was shown at the counter, even if the citizen record changes later.
    """

    __tablename__ = "visit"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_visit_year_seq"),
        Index("ix_visit_reception_date", "reception_date", "seq"),
        Index("ix_visit_name_key", "citizen_name_key"),
        Index("ix_visit_citizen", "citizen_id"),
        Index("ix_visit_type", "petition_type", "reception_date"),
        Index("ix_visit_kind", "kind", "reception_date"),
        Index("ix_visit_people", "people_count"),
    )
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=36, unique=True)
    year: int
    seq: int  # STT: per year, gapless, assigned inside the saving transaction
    received_at: datetime  # UTC
    reception_date: date  # local date of the reception day
    kind: str = Field(max_length=20)
    receiving_staff_id: int = Field(foreign_key="staff.id")
    presiding_leader_id: int | None = Field(default=None, foreign_key="staff.id")
    citizen_id: int = Field(foreign_key="citizen.id")
    citizen_name: str = Field(max_length=200)
    citizen_name_key: str = Field(max_length=200)
    id_doc_type: str = Field(max_length=30)
    id_number: str = Field(default="", max_length=40)
    id_override_reason: str = ""  # why a number breaking the numbering rules was accepted
    address: str = Field(default="", max_length=700)
    phone: str = Field(default="", max_length=30)
    people_count: int = 1
    content: str
    content_key: str
    petition_type: str = Field(max_length=30)
    field_code: str | None = Field(default=None, foreign_key="field_category.code")
    prior_bodies: str = ""
    within_competence: bool = False
    direction: str = Field(max_length=30)
    target_body: str = Field(default="", max_length=500)
    target_doc_number: str = Field(default="", max_length=60)
    follow_up: str = ""
    notes: str = ""
    voided_at: datetime | None = None
    void_reason: str = ""
    voided_by: str = Field(default="", max_length=200)
    created_at: datetime
    created_by: str = Field(max_length=200)
    updated_at: datetime
    version: int = 1


class VisitDocument(SQLModel, table=True):
    """A document the citizen handed in (one line of the Giấy biên nhận)."""

    __tablename__ = "visit_document"
    id: int | None = Field(default=None, primary_key=True)
    visit_id: int = Field(foreign_key="visit.id", index=True)
    position: int
    name: str = Field(max_length=500)
    pages: int | None = None
    condition: str = Field(max_length=30)


class Counter(SQLModel, table=True):
    """Gapless per-year sequences (visit STT, receipt numbers…), bumped inside the transaction."""

    __tablename__ = "counter"
    scope: str = Field(primary_key=True, max_length=60)
    year: int = Field(primary_key=True)
    last_value: int = 0


class AuditEntry(SQLModel, table=True):
    """Who changed what, when, with the values before and after; written in the same transaction."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)
    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    actor: str = Field(max_length=200)
    action: str = Field(max_length=40)
    entity: str = Field(max_length=40)
    entity_id: str = Field(max_length=60)
    before: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
