"""Small storage helpers shared by the services: audit rows and settings (numbering: counters)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reception_desk.errors import UserError
from reception_desk.storage import audit_chain
from reception_desk.storage.models import Setting

_S: Any = Setting.__table__.c  # type: ignore[attr-defined]


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


def setting_version(session: Session, key: str) -> int:
    """The version of setting ``key`` (0: never saved). A screen reads it BEFORE the value, so a
    change saved between the two reads makes its save refused, never lost."""
    version = session.scalar(select(_S.version).where(_S.key == key))
    return int(version or 0)


def put_setting(session: Session, key: str, value: Any, *, at: datetime, actor: str,
                expected_version: int | None = None) -> Any:
    """Store ``value`` and return the previous value (for the audit row).

    Compare-and-set on the setting's version: ``expected_version`` is the version the caller's
    screen read (0: it found no such setting); None takes the one read here, which still refuses
    the second of two saves at the same instant. Another counter's change since then raises
    ``setting.changed_elsewhere`` (the caller's transaction then writes nothing)."""
    row = session.get(Setting, key)
    before = None if row is None else row.value
    read = (0 if row is None else row.version) if expected_version is None else expected_version
    if row is None:
        if read != 0:
            raise _changed(key, 0)
        try:
            with session.begin_nested():  # a concurrent first save of the key wins the insert
                session.add(Setting(key=key, value=value, updated_at=at, updated_by=actor,
                                    version=1))
        except IntegrityError:
            raise _changed(key, setting_version(session, key)) from None
        return before
    result = session.execute(
        update(Setting).where(_S.key == key, _S.version == read)
        .values(version=_S.version + 1)
        .execution_options(synchronize_session=False))
    claimed = int(getattr(result, "rowcount", 0)) == 1
    session.refresh(row)
    if not claimed:
        raise _changed(key, row.version)
    before = row.value
    row.value = value
    row.updated_at = at
    row.updated_by = actor
    return before


def _changed(key: str, version: int) -> UserError:
    return UserError("setting.changed_elsewhere", setting=key, version=version)


def cell(session: Session, table: Table, column: str, row_id: int) -> Any:
    """One column of one row by id (None when the row is missing)."""
    return session.execute(select(table.c[column]).where(table.c.id == row_id)).scalar()
