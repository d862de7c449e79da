"""Queries of dialogues on complaint cases (issue 14 item 5): a case's dialogues and their
participants, the held days of many cases at once (case flags, hotspots), and the complaint
cases a missing dialogue can flag."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import DialogueParticipantRow
from reception_desk.storage.models import DialogueRow

_BATCH = 500
_D = DialogueRow.__table__.c  # type: ignore[attr-defined]  # SQLModel tables are Table objects
_C = CaseFile.__table__.c  # type: ignore[attr-defined]


def dialogues_of(session: Session, case_id: int) -> list[DialogueRow]:
    """A case's dialogues, earliest scheduled first."""
    return list(session.scalars(
        select(DialogueRow).where(col(DialogueRow.case_id) == case_id)
        .order_by(col(DialogueRow.scheduled_at), col(DialogueRow.id))))


def participants_of(session: Session, dialogue_ids: Iterable[int]
                    ) -> dict[int, list[DialogueParticipantRow]]:
    """The participants of these dialogues, in their order, by dialogue id."""
    ids = list(dialogue_ids)
    out: dict[int, list[DialogueParticipantRow]] = {i: [] for i in ids}
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        rows = session.scalars(
            select(DialogueParticipantRow)
            .where(col(DialogueParticipantRow.dialogue_id).in_(chunk))
            .order_by(col(DialogueParticipantRow.dialogue_id),
                      col(DialogueParticipantRow.position)))
        for row in rows:
            out[row.dialogue_id].append(row)
    return out


def replace_participants(session: Session, dialogue_id: int,
                         rows: Sequence[DialogueParticipantRow]) -> None:
    """Make ``rows`` the dialogue's participant list (the list is saved whole)."""
    session.execute(delete(DialogueParticipantRow)
                    .where(col(DialogueParticipantRow.dialogue_id) == dialogue_id))
    for row in rows:
        session.add(row)
    session.flush()


def held_moments(session: Session, case_ids: Iterable[int]) -> dict[int, list[datetime]]:
    """When each of these cases had a dialogue held, by case id (cases with none left out)."""
    ids = list(case_ids)
    out: dict[int, list[datetime]] = {}
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        rows = session.execute(
            select(_D.case_id, _D.held_at)
            .where(_D.case_id.in_(chunk), _D.status == "held", _D.held_at.is_not(None)))
        for case_id, held_at in rows:
            out.setdefault(case_id, []).append(held_at)
    return out


def complaint_cases(session: Session, case_ids: Iterable[int]
                    ) -> list[tuple[int, str, bool | None]]:
    """(id, case type, verification_differs) of those of these cases that are complaints."""
    ids = list(case_ids)
    out: list[tuple[int, str, bool | None]] = []
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        rows = session.execute(
            select(_C.id, _C.case_type, _C.verification_differs)
            .where(_C.id.in_(chunk),
                   _C.case_type.in_(("complaint_first", "complaint_second"))))
        out.extend((int(i), str(t), d) for i, t, d in rows)
    return out


