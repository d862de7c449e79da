"""Queries of case files: the case list (filtered and sorted on the cached columns), the bulk
statuses and counts, a case's events, citizens, visits and follow-up cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import and_
from sqlalchemy import bindparam
from sqlalchemy import exists
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseType
from reception_desk.storage.models import CaseCitizen
from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import Directive
from reception_desk.storage.models import IssuedDocument
from reception_desk.storage.models import Visit
from reception_desk.storage.queries.search import contains_word

OPEN_STAGES: tuple[str, ...] = tuple(s.value for s in CaseStage if s.is_open)
DONE_STAGES: tuple[str, ...] = tuple(s.value for s in CaseStage if not s.is_open)


@dataclass(frozen=True)
class CaseListFilter:
    """Which cases the case list shows; every given condition must hold."""

    stages: tuple[str, ...] | None = None
    due_from: date | None = None  # inclusive
    due_to: date | None = None  # inclusive
    due_before: date | None = None  # exclusive
    #: With ``due_before``: these cases too, whatever their due date (the open cases overdue only
    #: by a side limit, which the due date does not hold: the "Overdue" filter).
    also_due_ids: tuple[int, ...] = ()
    case_type: str | None = None
    seq: int | None = None  # a case number typed in the search box ("12" or "12/2026")
    year: int | None = None
    words: tuple[str, ...] = ()  # each in the title or a complainant's name (folded)
    ids: tuple[int, ...] | None = None


#: Sort orders of the case list: the column, then the case number (migration 0004's indexes).
SORTS: dict[str, Any] = {
    "due": col(CaseFile.due_on),
    "received": col(CaseFile.received_on),
    "type": col(CaseFile.case_type),
    "stage": col(CaseFile.stage),
    "title": col(CaseFile.title_key),
    "level": col(CaseFile.level),
}

_LIST_COLUMNS = (
    CaseFile.id, CaseFile.year, CaseFile.seq, CaseFile.case_type, CaseFile.title,
    CaseFile.level, CaseFile.competent_body, CaseFile.stage, CaseFile.received_on,
    CaseFile.due_on, CaseFile.deadline_kind, CaseFile.closed_on,
)


def _where(stmt: Any, where: CaseListFilter) -> Any:
    conditions: list[ColumnElement[bool]] = []
    due = col(CaseFile.due_on)
    if where.stages is not None:
        conditions.append(col(CaseFile.stage).in_(where.stages))
    if where.due_from is not None:
        conditions.append(due >= where.due_from)
    if where.due_to is not None:
        conditions.append(due <= where.due_to)
    if where.due_before is not None:
        past: ColumnElement[bool] = due < where.due_before
        if where.also_due_ids:
            # Inline integers (no bound variable each: no limit on how many), one OR on the
            # primary key: the list stays sorted and paged in SQL.
            past = past | col(CaseFile.id).in_(
                bindparam("also_due_ids", list(where.also_due_ids), expanding=True,
                          literal_execute=True))
        conditions.append(past)
    if where.case_type is not None:
        conditions.append(col(CaseFile.case_type) == where.case_type)
    if where.seq is not None:
        conditions.append(col(CaseFile.seq) == where.seq)
    if where.year is not None:
        conditions.append(col(CaseFile.year) == where.year)
    for word in where.words:
        # A denunciation case is never found by its denouncer's name (Luật Tố cáo Art. 9(1)(b)).
        complainant = exists().where(
            col(CaseCitizen.case_id) == col(CaseFile.id),
            col(CaseCitizen.citizen_id) == col(Citizen.id),
            col(CaseFile.case_type) != CaseType.DENUNCIATION.value,
            contains_word([col(Citizen.name_key)], word),
        )
        conditions.append(contains_word([col(CaseFile.title_key)], word) | complainant)
    if where.ids is not None:
        conditions.append(col(CaseFile.id).in_(where.ids))
    return stmt.where(and_(*conditions)) if conditions else stmt


def case_count(session: Session, where: CaseListFilter) -> int:
    return int(session.scalar(_where(select(func.count()).select_from(CaseFile), where)) or 0)


def case_list_page(session: Session, where: CaseListFilter, sort: str, descending: bool,
                   offset: int, limit: int) -> Sequence[Any]:
    """One page of case list lines (the columns of ``_LIST_COLUMNS``), sorted in SQL; ``sort``
    "number" or a key of ``SORTS`` (then the number). Cases without a due date sort last."""
    number: list[Any] = [col(CaseFile.year), col(CaseFile.seq)]
    columns = number if sort == "number" else [SORTS[sort], *number]
    order = []
    for i, column in enumerate(columns):
        ordered = column.desc() if descending else column.asc()
        if i == 0 and sort == "due":
            ordered = ordered.nulls_last()  # cases without a running clock at the end
        order.append(ordered)
    stmt = _where(select(*(col(c) for c in _LIST_COLUMNS)), where)
    return session.execute(stmt.order_by(*order).offset(offset).limit(limit)).all()


def complainant_names(session: Session, case_ids: Sequence[int]) -> dict[int, tuple[str, int]]:
    """Per case: the first complainant's name (alphabetically) and how many there are."""
    if not case_ids:
        return {}
    out: dict[int, tuple[str, int]] = {}
    stmt = (select(col(CaseCitizen.case_id), col(Citizen.full_name))
            .join(Citizen, col(Citizen.id) == col(CaseCitizen.citizen_id))
            .where(col(CaseCitizen.case_id).in_(case_ids))
            .order_by(col(CaseCitizen.case_id), col(Citizen.full_name)))
    for case_id, name in session.execute(stmt):
        first, count = out.get(case_id, (name, 0))
        out[case_id] = (first, count + 1)
    return out


def with_overdue_directive(session: Session, case_ids: Sequence[int], today: date) -> set[int]:
    """The cases among ``case_ids`` with an open directive past its due date."""
    if not case_ids:
        return set()
    stmt = (select(col(Directive.case_id)).distinct()
            .where(col(Directive.case_id).in_(case_ids), col(Directive.done_at).is_(None),
                   col(Directive.due_on) < today))
    return set(session.scalars(stmt))


def open_case_dues(session: Session) -> Sequence[tuple[int, str, Any]]:
    """(id, stage, due_on) of every open case, through the DB-API cursor: the ORM's per-row
    work would cost more than the deadline arithmetic done on them. ``due_on`` as the driver
    returns it (ISO text on SQLite, a date on PostgreSQL)."""
    placeholders = ", ".join(f"'{s}'" for s in OPEN_STAGES)  # fixed enum values, not input
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.execute(
            f"SELECT id, stage, due_on FROM case_file WHERE stage IN ({placeholders})")
        rows: Sequence[tuple[int, str, Any]] = cursor.fetchall()
        return rows
    finally:
        cursor.close()


def open_status_counts(session: Session, today: date, soon_limit: date) -> dict[str, int]:
    """Open cases counted on their cached due date: on time (due ≥ ``soon_limit``), due soon,
    overdue, paused (suspended, no due date) and without a deadline."""
    due, stage = col(CaseFile.due_on), col(CaseFile.stage)
    is_open = stage.in_(OPEN_STAGES)
    suspended = CaseStage.SUSPENDED.value

    def n(*cond: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(CaseFile)
                                  .where(is_open, *cond)) or 0)

    return {
        "on_time": n(due >= soon_limit),
        "due_soon": n(due >= today, due < soon_limit),
        "overdue": n(due < today),
        # Only a stopped clock is paused: a case suspended after its period ran out keeps its
        # past due date (domain period_end) and counts as overdue, once.
        "paused": n(stage == suspended, due.is_(None)),
        "no_deadline": n(due.is_(None), stage != suspended),
    }


def received_case_facts(session: Session, due_from: date) -> Sequence[Any]:
    """(id, due_on, case_type, complaint_object, remote, received_on, within_commune_competence,
    decision_on, decision_learned_on) of the cases waiting for acceptance (stage received) whose
    own limit runs to ``due_from`` or later, or that have none: what their side limits need (the
    status counts; one query for all of them)."""
    due = col(CaseFile.due_on)
    return session.execute(
        select(col(CaseFile.id), due, col(CaseFile.case_type), col(CaseFile.complaint_object),
               col(CaseFile.remote), col(CaseFile.received_on),
               col(CaseFile.within_commune_competence), col(CaseFile.decision_on),
               col(CaseFile.decision_learned_on))
        .where(col(CaseFile.stage) == CaseStage.RECEIVED.value,
               due.is_(None) | (due >= due_from))).all()


# --- one case ----------------------------------------------------------------------------------


def events_of(session: Session, case_id: int) -> list[CaseEventRow]:
    """A case's event log, in order."""
    return list(session.scalars(
        select(CaseEventRow).where(col(CaseEventRow.case_id) == case_id)
        .order_by(col(CaseEventRow.position))))


def open_cases_with_events(session: Session) -> list[tuple[CaseFile, list[CaseEventRow]]]:
    """Every open case with its event log (for a recomputation of the caches)."""
    cases = list(session.scalars(select(CaseFile).where(col(CaseFile.stage).in_(OPEN_STAGES))))
    events: dict[int, list[CaseEventRow]] = {}
    if cases:
        for row in session.scalars(
                select(CaseEventRow)
                .where(col(CaseEventRow.case_id).in_([c.id for c in cases]))
                .order_by(col(CaseEventRow.case_id), col(CaseEventRow.position))):
            events.setdefault(row.case_id, []).append(row)
    return [(case, events.get(case.id or 0, [])) for case in cases]


def cases_by_id(session: Session, case_ids: Sequence[int]) -> dict[int, CaseFile]:
    """These cases (the case list's page, for their side limits)."""
    if not case_ids:
        return {}
    return {c.id: c for c in session.scalars(  # type: ignore[misc]
        select(CaseFile).where(col(CaseFile.id).in_(list(case_ids))))}


def events_of_cases(session: Session, case_ids: Sequence[int]) -> dict[int, list[CaseEventRow]]:
    """The event logs of these cases, each in order."""
    out: dict[int, list[CaseEventRow]] = {}
    if case_ids:
        for row in session.scalars(
                select(CaseEventRow).where(col(CaseEventRow.case_id).in_(list(case_ids)))
                .order_by(col(CaseEventRow.case_id), col(CaseEventRow.position))):
            out.setdefault(row.case_id, []).append(row)
    return out


def with_refusal_notice(session: Session, case_ids: Sequence[int], doc_type: str) -> set[int]:
    """Those of these cases with a refusal notice (``doc_type``) issued for the case itself or
    for one of its visits (NĐ 154/2026 Art. 4(3))."""
    if not case_ids:
        return set()
    ids = list(case_ids)
    direct = select(col(IssuedDocument.case_id)).where(
        col(IssuedDocument.doc_type) == doc_type, col(IssuedDocument.case_id).in_(ids))
    via_visit = (select(col(Visit.case_id))
                 .join(IssuedDocument, col(IssuedDocument.visit_id) == col(Visit.id))
                 .where(col(IssuedDocument.doc_type) == doc_type, col(Visit.case_id).in_(ids)))
    return {cid for (cid,) in session.execute(direct.union(via_visit)) if cid is not None}


def citizens_of(session: Session, case_id: int) -> list[tuple[Citizen, str]]:
    """The citizens standing in a case, by name, each with their role."""
    return [(c, role) for c, role in session.execute(
        select(Citizen, col(CaseCitizen.role))
        .join(CaseCitizen, col(CaseCitizen.citizen_id) == col(Citizen.id))
        .where(col(CaseCitizen.case_id) == case_id)
        .order_by(col(Citizen.full_name)))]


def links_of(session: Session, case_id: int) -> list[CaseCitizen]:
    return list(session.scalars(select(CaseCitizen).where(col(CaseCitizen.case_id) == case_id)))


def visits_of(session: Session, case_id: int) -> list[Visit]:
    """The logbook visits of a case, in the order received."""
    return list(session.scalars(select(Visit).where(col(Visit.case_id) == case_id)
                                .order_by(col(Visit.received_at))))


def following_cases(session: Session, case_id: int) -> list[CaseFile]:
    """Cases that follow this one (a second complaint, a repeat denunciation)."""
    return list(session.scalars(
        select(CaseFile).where(col(CaseFile.previous_case_id) == case_id)
        .order_by(col(CaseFile.received_on), col(CaseFile.id))))
