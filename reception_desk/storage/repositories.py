"""Small storage helpers shared by the services: audit rows and settings (numbering: counters)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from reception_desk.storage import audit_chain
from reception_desk.storage.models import Setting


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



def cell(session: Session, table: Table, column: str, row_id: int) -> Any:
    """One column of one row by id (None when the row is missing)."""
    return session.execute(select(table.c[column]).where(table.c.id == row_id)).scalar()
