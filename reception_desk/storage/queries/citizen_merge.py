"""What a citizen merge touches besides the two records: the rows that get their own audit row
(the tamper-evident chain snapshots each record it describes, storage/audit_chain.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_desk.storage.models import Citizen
from reception_desk.storage.models import VisitParticipant

_C: Any = Citizen.__table__.c  # type: ignore[attr-defined]
_VP: Any = VisitParticipant.__table__.c  # type: ignore[attr-defined]


def visits_with_member(session: Session, citizen_id: int) -> set[int]:
    """Visits where ``citizen_id`` came along as a crowd member (not as the visitor)."""
    return {int(v) for v in session.scalars(
        select(_VP.visit_id).where(_VP.citizen_id == citizen_id))}


def citizens_merged_into(session: Session, citizen_id: int) -> list[int]:
    """Records merged into ``citizen_id`` earlier."""
    return [int(c) for c in session.scalars(select(_C.id).where(_C.merged_into_id == citizen_id))]
