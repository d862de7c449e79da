"""The data stamp: what changes with every committed write (services/stamped.py keeps bulk
results under it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_desk.storage.models import AuditChainHead
from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Visit


def _columns(model: type[object]) -> Any:
    table = getattr(model, "__table__")  # noqa: B009 - SQLModel declares it untyped
    assert isinstance(table, Table)
    return table.c


def data_stamp(session: Session) -> tuple[Any, ...]:
    """What changes with every committed write a bulk list reads (hotspots, case statuses): the
    audit chain's head (every use case that writes appends to it: a case event, a visit, a
    setting such as the policy, the calendar or the deadline rules) and the newest visit, event
    and case ids (O(1) each). One statement; a list computed under the same stamp is still
    right."""
    head = _columns(AuditChainHead)
    row = session.execute(select(
        select(head.length).where(head.id == 1).scalar_subquery(),
        select(head.last_hash).where(head.id == 1).scalar_subquery(),
        select(func.max(_columns(Visit).id)).scalar_subquery(),
        select(func.max(_columns(CaseEventRow).id)).scalar_subquery(),
        select(func.max(_columns(CaseFile).id)).scalar_subquery(),
    )).one()
    return tuple(row)
