"""Writing a new visit's rows in few statements (issue 17: saving a visit ≤ 5 ms p95).

Core inserts of whole rows, no ORM unit of work: the new citizen and the visit each come back
with their id from their INSERT (RETURNING), a visit's document and member lines go in as one
executemany each. Nothing is read back: the audit chain reads the committed rows itself
(storage/audit_chain.py), and the caller already holds every value it wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy import bindparam
from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_desk.storage.models import Citizen
from reception_desk.storage.models import FieldCategory
from reception_desk.storage.models import Staff
from reception_desk.storage.models import Visit
from reception_desk.storage.models import VisitDocument
from reception_desk.storage.models import VisitParticipant


def _table(model: type) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


_CITIZEN = _table(Citizen)
_VISIT = _table(Visit)
_DOCUMENTS = _table(VisitDocument)
_MEMBERS = _table(VisitParticipant)
# Built once: the compiled forms are cached per set of columns given.
_INSERT_CITIZEN = _CITIZEN.insert().returning(_CITIZEN.c.id)
_INSERT_VISIT = _VISIT.insert().returning(_VISIT.c.id)
_INSERT_DOCUMENTS = _DOCUMENTS.insert()
_INSERT_MEMBERS = _MEMBERS.insert()
_STAFF = _table(Staff)
_FIELDS = _table(FieldCategory)
_NAMES = select(
    select(_STAFF.c.full_name).where(_STAFF.c.id == bindparam("staff")).scalar_subquery(),
    select(_STAFF.c.full_name).where(_STAFF.c.id == bindparam("leader")).scalar_subquery(),
    select(_FIELDS.c.label).where(_FIELDS.c.code == bindparam("field")).scalar_subquery())


def reference_names(session: Session, staff_id: int | None, leader_id: int | None,
                    field_code: str | None) -> tuple[str | None, str | None, str | None]:
    """The receiving staff member's name, the presiding leader's and the field's label, in one
    statement (None: no such row, or none asked)."""
    row = session.connection().execute(
        _NAMES, {"staff": staff_id, "leader": leader_id, "field": field_code}).one()
    return row[0], row[1], row[2]


def insert_citizen(session: Session, row: Mapping[str, Any]) -> int:
    """A new registry record (``row``: every column but the id); its id."""
    return int(session.execute(_INSERT_CITIZEN, dict(row)).scalar_one())


def insert_visit(session: Session, row: Mapping[str, Any]) -> int:
    """A new visit (``row``: every column but the id); its id."""
    return int(session.execute(_INSERT_VISIT, dict(row)).scalar_one())


def insert_documents(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """A new visit's document lines, in one statement."""
    if rows:
        session.execute(_INSERT_DOCUMENTS, [dict(r) for r in rows])


def insert_members(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """A new visit's group members, in one statement."""
    if rows:
        session.execute(_INSERT_MEMBERS, [dict(r) for r in rows])
