"""Queries of the office itself: its staff, field taxonomy and calendar entries, and the health
checks of its database (integrity, foreign keys, gapless logbook numbering)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.storage.models import CalendarOverrideRow
from reception_desk.storage.models import Counter
from reception_desk.storage.models import FieldCategory
from reception_desk.storage.models import Staff
from reception_desk.storage.models import Visit


def staff_members(session: Session, include_inactive: bool = False) -> list[Staff]:
    """Staff by name (active ones only unless asked)."""
    stmt = select(Staff).order_by(col(Staff.full_name))
    if not include_inactive:
        stmt = stmt.where(col(Staff.active).is_(True))
    return list(session.scalars(stmt))


def claim_staff_version(session: Session, staff_id: int, version: int) -> bool:
    """Compare-and-set: move staff member ``staff_id`` past ``version`` if it still holds it
    (False: another counter saved the row since)."""
    result = session.execute(
        update(Staff).where(col(Staff.id) == staff_id, col(Staff.version) == version)
        .values(version=col(Staff.version) + 1).execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0)) == 1


def claim_field_version(session: Session, code: str, version: int) -> bool:
    """Compare-and-set on a field-taxonomy entry, as ``claim_staff_version``."""
    result = session.execute(
        update(FieldCategory)
        .where(col(FieldCategory.code) == code, col(FieldCategory.version) == version)
        .values(version=col(FieldCategory.version) + 1)
        .execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0)) == 1


def add_new_field(session: Session, row: FieldCategory) -> bool:
    """Insert a new field-taxonomy entry in a savepoint; False (nothing written, the session
    still usable) when another counter created the same code since this one looked: on
    PostgreSQL two counters may both find the code free at the same instant."""
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        return False
    return True


def field_categories(session: Session) -> list[FieldCategory]:
    """The field taxonomy in its sort order."""
    return list(session.scalars(select(FieldCategory).order_by(col(FieldCategory.sort_order))))


def last_field_position(session: Session) -> int:
    last = session.scalar(select(col(FieldCategory.sort_order))
                          .order_by(col(FieldCategory.sort_order).desc()).limit(1))
    return int(last or 0)


def calendar_overrides(session: Session) -> list[CalendarOverrideRow]:
    """The office's announced days off and make-up working days, by day."""
    return list(session.scalars(select(CalendarOverrideRow)
                                .order_by(col(CalendarOverrideRow.day))))


def write_override_if(session: Session, day: Any, expected: tuple[str, str] | None,
                      values: dict[str, Any]) -> bool:
    """Compare-and-set on the office's entry for ``day``: write ``values`` only if the entry
    still is what the screen read — ``expected`` (kind, note), or None: no entry. One
    statement each (a conditional UPDATE, or an INSERT in a savepoint that a row inserted
    meanwhile refuses), so of two counters saving the same day exactly one wins. False: the
    entry changed since."""
    if expected is None:
        try:
            with session.begin_nested():
                session.execute(insert(CalendarOverrideRow).values(day=day, **values))
        except IntegrityError:
            return False
        return True
    result = session.execute(
        update(CalendarOverrideRow)
        .where(col(CalendarOverrideRow.day) == day, col(CalendarOverrideRow.kind) == expected[0],
               col(CalendarOverrideRow.note) == expected[1])
        .values(**values).execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0)) == 1


def delete_override_if(session: Session, day: Any, expected: tuple[str, str]) -> bool:
    """Drop the entry for ``day`` only if it still is ``expected`` (kind, note)."""
    result = session.execute(
        delete(CalendarOverrideRow)
        .where(col(CalendarOverrideRow.day) == day, col(CalendarOverrideRow.kind) == expected[0],
               col(CalendarOverrideRow.note) == expected[1])
        .execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0)) == 1


# --- health ------------------------------------------------------------------------------------


def integrity_problems(conn: Connection, full: bool = False) -> list[str]:
    """SQLite's own check of the file, without its "ok".

    By default ``PRAGMA quick_check``: every page of every table and index is read and its
    b-tree structure, cell sizes, free list and NOT NULL constraints verified, but it does not
    verify that each index holds exactly the entries of its table (nor UNIQUE indexes across
    rows): a damaged index can hide rows from a search until the index is rebuilt, never alter
    a stored row. 3 s instead of 28 s on a million visits. ``full`` runs
    ``PRAGMA integrity_check``, which also cross-checks every index against its table."""
    pragma = "PRAGMA integrity_check" if full else "PRAGMA quick_check"
    return [message for (message,) in conn.exec_driver_sql(pragma) if message != "ok"]


def foreign_key_violations(conn: Connection) -> list[tuple[str, Any, str]]:
    """SQLite: (table, rowid, parent table) of each row whose reference is broken."""
    return [(row[0], row[1], row[2]) for row in conn.exec_driver_sql("PRAGMA foreign_key_check")]


def unvalidated_foreign_keys(conn: Connection) -> list[str]:
    """PostgreSQL enforces foreign keys itself; the names of any left NOT VALID."""
    return [name for (name,) in conn.execute(
        text("SELECT conname FROM pg_constraint WHERE contype = 'f' AND NOT convalidated"))]


def stt_per_year(conn: Connection) -> Sequence[Any]:
    """(year, visits, lowest STT, highest STT) of every logbook year."""
    return conn.execute(
        select(col(Visit.year), func.count(), func.min(col(Visit.seq)), func.max(col(Visit.seq)))
        .group_by(col(Visit.year)).order_by(col(Visit.year))).all()


def counter_values(conn: Connection) -> dict[tuple[str, int], int]:
    """The last value of every numbering counter, by (scope, year)."""
    return {(c.scope, c.year): c.last_value for c in conn.execute(select(Counter))}
