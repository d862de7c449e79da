"""Small storage helpers shared by the services: audit rows and settings (numbering: counters)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.storage.models import AuditEntry, Setting


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
    session.add(
        AuditEntry(
            at=at,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            before=before,
            after=after,
        )
    )


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

