"""Small storage helpers shared by the services: counters, audit rows, settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.storage import audit_chain
from reception_desk.storage.models import Counter, Setting


def next_counter_value(session: Session, scope: str, year: int) -> int:
    """Bump and return a gapless per-year counter, atomically, inside the caller's transaction.

    An upsert with RETURNING takes the row lock (PostgreSQL) or the write lock (SQLite), so two
    counters saving at once never get the same number, and a rolled-back save leaves no gap.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(Counter)
        .values(scope=scope, year=year, last_value=1)
        .on_conflict_do_update(
            index_elements=[col(Counter.scope), col(Counter.year)],
            set_={"last_value": col(Counter.last_value) + 1},
        )
        .returning(col(Counter.last_value))
    )
    return int(session.execute(stmt).scalar_one())


def raise_counter_to(session: Session, scope: str, year: int, value: int) -> None:
    """Make sure the counter is at least ``value`` (after an import of numbered records)."""
    row = session.get(Counter, (scope, year))
    if row is None:
        session.add(Counter(scope=scope, year=year, last_value=value))
    elif row.last_value < value:
        row.last_value = value


def add_audit(
    session: Session,
    *,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: object,
    before: Any = None,
    after: Any = None,
) -> None:
    """Record a change; the row joins the tamper-evident chain when the session commits, with a
    snapshot of the described record as committed (storage/audit_chain.py)."""
    audit_chain.queue(session, at=at, actor=actor, action=action, entity=entity,
                      entity_id=entity_id, before=before, after=after)


def get_setting(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    return None if row is None else row.value


def put_setting(session: Session, key: str, value: Any, *, at: datetime, actor: str) -> Any:
    """Store ``value`` and return the previous value (for the audit row)."""
    row = session.get(Setting, key)
    before = None if row is None else row.value
    if row is None:
        session.add(Setting(key=key, value=value, updated_at=at, updated_by=actor))
    else:
        row.value = value
        row.updated_at = at
        row.updated_by = actor
    return before


def all_settings(session: Session) -> dict[str, Any]:
    return {row.key: row.value for row in session.scalars(select(Setting))}


def cell(session: Session, table: Table, column: str, row_id: int) -> Any:
    """One column of one row by id (None when the row is missing)."""
    return session.execute(select(table.c[column]).where(table.c.id == row_id)).scalar()
