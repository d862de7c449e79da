"""Queries the logbook pages need beside the visits: the numbered documents issued for each
visit (refusal notices, transfer slips) and the state of the case each visit is linked to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import IssuedDocument

_CHUNK = 500  # keep IN lists well below SQLite's parameter limit


@dataclass(frozen=True)
class IssuedNumber:
    """One issued document of a visit, as its number prints: "05/TB-UBND"."""

    doc_type: str
    year: int
    number: int
    symbol: str

    @property
    def text(self) -> str:
        return f"{self.number:02d}/{self.symbol}"


@dataclass(frozen=True)
class LinkedCase:
    """Where a visit's case stands: stage, closing day, and its last decision document."""

    case_id: int
    year: int
    seq: int
    stage: str
    closed_on: date | None
    decision_number: str
    decision_date: date | None


def _chunks(ids: Iterable[int]) -> list[list[int]]:
    unique = sorted(set(ids))
    return [unique[i:i + _CHUNK] for i in range(0, len(unique), _CHUNK)]


def issued_by_visit(session: Session, visit_ids: Iterable[int]) -> dict[int, list[IssuedNumber]]:
    """The documents issued for each visit, oldest first."""
    out: dict[int, list[IssuedNumber]] = {}
    for chunk in _chunks(visit_ids):
        stmt = (select(col(IssuedDocument.visit_id), col(IssuedDocument.doc_type),
                       col(IssuedDocument.year), col(IssuedDocument.number),
                       col(IssuedDocument.symbol))
                .where(col(IssuedDocument.visit_id).in_(chunk))
                .order_by(col(IssuedDocument.issued_at), col(IssuedDocument.id)))
        for visit_id, doc_type, year, number, symbol in session.execute(stmt):
            if visit_id is not None:
                out.setdefault(visit_id, []).append(IssuedNumber(doc_type, year, number, symbol))
    return out


def linked_cases(session: Session, case_ids: Iterable[int]) -> dict[int, LinkedCase]:
    """The cases by id, each with its last DECIDE event's document number and date."""
    out: dict[int, LinkedCase] = {}
    for chunk in _chunks(case_ids):
        decisions: dict[int, tuple[str, date | None]] = {}
        stmt_ev = (select(col(CaseEventRow.case_id), col(CaseEventRow.document_number),
                          col(CaseEventRow.document_date))
                   .where(col(CaseEventRow.case_id).in_(chunk),
                          col(CaseEventRow.kind) == "decide")
                   .order_by(col(CaseEventRow.case_id), col(CaseEventRow.position)))
        for case_id, number, on in session.execute(stmt_ev):
            decisions[int(case_id)] = (number or "", on)
        stmt = select(CaseFile).where(col(CaseFile.id).in_(chunk))
        for case in session.scalars(stmt):
            assert case.id is not None
            number, on = decisions.get(case.id, ("", None))
            out[case.id] = LinkedCase(case.id, case.year, case.seq, case.stage, case.closed_on,
                                      number, on)
    return out
