"""Table-level reading and writing for the logbook file (``services.exchange``).

The file's layout is derived from the tables themselves, so this module answers in table terms:
the shape of a column (its Python type, default, the table it refers to), whole tables in a
stable order, a row by its natural key, nested rows replaced as a whole, the highest numbers
used per year (so imported numbers are never handed out again).
"""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import JSON
from sqlalchemy import Column
from sqlalchemy import Table
from sqlalchemy import TypeDecorator
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.storage.counters import CASE_NUMBER
from reception_desk.storage.counters import VISIT_STT
from reception_desk.storage.counters import document_scope
from reception_desk.storage.models import CaseCitizen
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import IssuedDocument
from reception_desk.storage.models import ReceptionSession
from reception_desk.storage.models import SessionConclusion
from reception_desk.storage.models import Visit
from reception_desk.storage.models import VisitParticipant

# --- the shape of the tables -------------------------------------------------------------------


def python_type(column: Column[Any]) -> type | None:
    """The Python type a column holds; None for JSON (any value)."""
    kind: Any = column.type
    if isinstance(kind, JSON):
        return None
    if isinstance(kind, TypeDecorator):  # sqlmodel's UTCDateTime reports "object"
        kind = kind.impl
    try:
        python: type = kind.python_type
    except NotImplementedError:
        return None
    return python


def max_length(column: Column[Any]) -> int | None:
    length = getattr(column.type, "length", None)
    return length if isinstance(length, int) else None


def required(column: Column[Any]) -> bool:
    """A value must be given: not nullable and no default."""
    return not column.nullable and column.default is None and column.server_default is None


def default_value(column: Column[Any]) -> Any:
    """The column's constant default (None when it has none or it is computed)."""
    arg = getattr(column.default, "arg", None)
    return None if callable(arg) else arg


def referred_table(column: Column[Any], tables: Collection[str]) -> str | None:
    """The table among ``tables`` that ``column`` refers to, if any."""
    for fk in column.foreign_keys:
        target = fk.column.table.name
        if target in tables:
            return target
    return None


def parent_column(child: Table, parent: Table) -> str:
    """The column of a nested table that points at its parent record."""
    return next(c.name for c in child.columns
                if any(f.column.table is parent for f in c.foreign_keys))


# --- reading -----------------------------------------------------------------------------------


def uid_of_id(session: Session, table: Table) -> dict[int, str]:
    return {i: u for i, u in session.execute(select(table.c.id, table.c.uid))}


def id_of_uid(session: Session, table: Table) -> dict[str, int]:
    return {u: i for i, u in session.execute(select(table.c.id, table.c.uid))}


def ids_by_columns(session: Session, table: Table, names: Sequence[str]) -> dict[tuple[Any, ...],
                                                                               int]:
    """Every row's values of ``names`` → its id (a dry run's look-ups without a query each)."""
    columns = [table.c[name] for name in names]
    return {tuple(row[:-1]): int(row[-1])
            for row in session.execute(select(*columns, table.c.id))}


def all_rows(session: Session, table: Table, order_by: Sequence[str]) -> Iterable[Any]:
    """Every row of ``table``, sorted by the named columns."""
    return session.execute(select(table).order_by(*(table.c[name] for name in order_by)))


def nested_rows(session: Session, child: Table, parent: str,
                parent_id: int | None = None) -> Iterable[Any]:
    """Rows of a nested table (of one parent record, or of all) by parent, then position (a
    table without one, a conclusion's instructions: in the order they were written)."""
    stmt = select(child)
    if parent_id is not None:
        stmt = stmt.where(child.c[parent] == parent_id)
    within = child.c.position if "position" in child.c else child.c.id
    return session.execute(stmt.order_by(child.c[parent], within))


def find_row(session: Session, table: Table, where: Mapping[str, Any]) -> Any:
    """The one row whose columns hold these values, or None."""
    return session.execute(select(table).where(
        *(table.c[name] == value for name, value in where.items()))).one_or_none()


# --- writing -----------------------------------------------------------------------------------


def insert_row(session: Session, table: Table, values: Mapping[str, Any]) -> int | None:
    """Insert one row; its new id (None for a table without an ``id`` column)."""
    result = session.execute(table.insert().values(**values))
    if "id" not in table.c:
        return None
    return int(result.inserted_primary_key[0])  # type: ignore[attr-defined]


def update_rows(session: Session, table: Table, where: Mapping[str, Any],
                values: Mapping[str, Any]) -> None:
    session.execute(table.update().where(
        *(table.c[name] == value for name, value in where.items())).values(**values))


def replace_nested(session: Session, child: Table, parent: str, parent_id: int,
                   items: Iterable[Mapping[str, Any]]) -> None:
    """One parent record's nested rows, replaced by ``items``."""
    session.execute(child.delete().where(child.c[parent] == parent_id))
    for item in items:
        session.execute(child.insert().values(**{parent: parent_id, **item}))


def highest_numbers(session: Session) -> list[tuple[str, int, int]]:
    """(counter scope, year, highest number used) of the logbook, cases and documents."""
    out: list[tuple[str, int, int]] = []
    for scope, model in ((VISIT_STT, Visit), (CASE_NUMBER, CaseFile)):
        out += [(scope, year, last) for year, last in session.execute(
            select(col(model.year), func.max(col(model.seq))).group_by(col(model.year)))]
    out += [(document_scope(doc_type), year, last) for doc_type, year, last in session.execute(
        select(col(IssuedDocument.doc_type), col(IssuedDocument.year),
               func.max(col(IssuedDocument.number)))
        .group_by(col(IssuedDocument.doc_type), col(IssuedDocument.year)))]
    return out


def highest_conclusion_numbers(session: Session) -> list[tuple[int, int]]:
    """(year, highest number) of the session conclusion notices (N/TB-UBND, per year)."""
    return [(year, last) for year, last in session.execute(
        select(col(SessionConclusion.year), func.max(col(SessionConclusion.number)))
        .group_by(col(SessionConclusion.year)))]


def linkable_days(session: Session) -> set[date]:
    """The days a visit's session link can be other than none: a reception session stands on
    them, or a visit received on them is linked to one (a session moved away since)."""
    days = set(session.scalars(select(col(ReceptionSession.day)).distinct()))
    return days | set(session.scalars(select(col(Visit.reception_date)).where(
        col(Visit.session_id).is_not(None)).distinct()))


# --- what a masked export must know (services.exchange.masking) -------------------------------

def secrecy_facts(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """The few columns a masked export decides secrecy from, for every record at once:
    ``visits`` (id, citizen_id, case_id, petition_type, citizen_name, id_number),
    ``members`` (visit_id, citizen_id, full_name, id_number), ``cases`` (id, case_type) and
    ``complainants`` (case_id, citizen_id), ``citizens`` (id, full_name, id_number)."""
    return {
        "visits": [tuple(r) for r in session.execute(select(
            col(Visit.id), col(Visit.citizen_id), col(Visit.case_id), col(Visit.petition_type),
            col(Visit.citizen_name), col(Visit.id_number)))],
        "members": [tuple(r) for r in session.execute(select(
            col(VisitParticipant.visit_id), col(VisitParticipant.citizen_id),
            col(VisitParticipant.full_name), col(VisitParticipant.id_number)))],
        "cases": [tuple(r) for r in session.execute(select(col(CaseFile.id),
                                                           col(CaseFile.case_type)))],
        "complainants": [tuple(r) for r in session.execute(select(
            col(CaseCitizen.case_id), col(CaseCitizen.citizen_id)))],
        "citizens": [tuple(r) for r in session.execute(select(
            col(Citizen.id), col(Citizen.full_name), col(Citizen.id_number)))],
    }


def visit_sessions(session: Session) -> list[tuple[Any, Any]]:
    """(visit id, id of the reception session it is linked to) of every linked visit."""
    return [(vid, sid) for vid, sid in session.execute(
        select(col(Visit.id), col(Visit.session_id)).where(col(Visit.session_id).is_not(None)))]
