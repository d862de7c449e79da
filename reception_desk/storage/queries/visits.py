"""Queries of the logbook: the paged, sorted, filtered table, a visit's lines, printed pages."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import and_
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.domain.classification import PetitionType
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import IssuedDocument
from reception_desk.storage.models import SecrecyWaiverRow
from reception_desk.storage.models import Visit
from reception_desk.storage.models import VisitDocument
from reception_desk.storage.models import VisitParticipant
from reception_desk.storage.queries.search import contains_word


@dataclass(frozen=True)
class LogbookFilter:
    """Which visits the logbook table shows: reception days (inclusive), folded words, …"""

    date_from: date | None = None
    date_to: date | None = None
    words: tuple[str, ...] = ()  # each in the citizen's name, ID number or content
    include_voided: bool = True
    petition_type: str | None = None
    citizen_id: int | None = None


#: Sort orders of the logbook table (the indexes of migration 0003 serve them).
SORTS: dict[str, tuple[Any, ...]] = {
    "stt": (col(Visit.year), col(Visit.seq)),
    "time": (col(Visit.received_at), col(Visit.id)),
    "name": (col(Visit.citizen_name_key), col(Visit.id)),
    "type": (col(Visit.petition_type), col(Visit.id)),
    "kind": (col(Visit.kind), col(Visit.id)),
    "people": (col(Visit.people_count), col(Visit.id)),
}

_PAGE_COLUMNS = (
    Visit.id, Visit.year, Visit.seq, Visit.received_at, Visit.kind, Visit.citizen_name,
    Visit.id_number, Visit.address, Visit.content, Visit.petition_type, Visit.people_count,
    Visit.direction, Visit.target_body, Visit.voided_at, Visit.citizen_id, Visit.case_id,
    Visit.delegation, Visit.legacy_stt, Visit.legacy_year,
)


def _where(stmt: Any, where: LogbookFilter) -> Any:
    conditions: list[ColumnElement[bool]] = []
    if where.date_from is not None:
        conditions.append(col(Visit.reception_date) >= where.date_from)
    if where.date_to is not None:
        conditions.append(col(Visit.reception_date) <= where.date_to)
    if not where.include_voided:
        conditions.append(col(Visit.voided_at).is_(None))
    if where.petition_type is not None:
        conditions.append(col(Visit.petition_type) == where.petition_type)
    if where.citizen_id is not None:
        conditions.append(col(Visit.citizen_id) == where.citizen_id)
    # A denunciation is found by its content, never by its sender's name or ID number: a match
    # there would tell who denounced (Luật Tố cáo Art. 9(1)(b); the rows come masked anyway).
    sender = (col(Visit.citizen_name_key), col(Visit.id_number))
    not_denunciation = col(Visit.petition_type) != PetitionType.DENUNCIATION.value
    conditions += [contains_word([col(Visit.content_key)], word)
                   | (not_denunciation & contains_word(sender, word))
                   for word in where.words]
    return stmt.where(and_(*conditions)) if conditions else stmt


def logbook_count(session: Session, where: LogbookFilter) -> int:
    return int(session.scalar(_where(select(func.count()).select_from(Visit), where)) or 0)


def secret_sender() -> ColumnElement[bool]:
    """A visit's sender is a denouncer under secrecy: a denunciation without a waiver in force
    for its sender (``domain.secrecy.is_secret``; the waiver's ``person_key`` is the folded name
    and the ID number, ``domain.access.person_key``)."""
    waived = (select(col(SecrecyWaiverRow.id))
              .where(col(SecrecyWaiverRow.visit_id) == col(Visit.id),
                     col(SecrecyWaiverRow.revoked_at).is_(None),
                     col(SecrecyWaiverRow.person_key)
                     == col(Visit.citizen_name_key) + "|" + col(Visit.id_number))
              .exists())
    return and_(col(Visit.petition_type) == PetitionType.DENUNCIATION.value, ~waived)


def logbook_page(session: Session, where: LogbookFilter, sort: str, descending: bool,
                 offset: int, limit: int, withheld_name: str | None = None) -> Sequence[Any]:
    """One page of logbook lines (the columns of ``_PAGE_COLUMNS``), sorted in SQL.

    ``withheld_name``: the placeholder a denouncer under secrecy is shown as (the service's
    masking decision); sorting by name then orders those rows by it, not by the real name.
    None: by the stored names (a viewer who sees every name)."""
    if sort == "name" and withheld_name is not None:
        return _name_page(session, where, descending, offset, limit, withheld_name)
    order = [c.desc() for c in SORTS[sort]] if descending else list(SORTS[sort])
    stmt = _where(select(*(col(c) for c in _PAGE_COLUMNS)), where)
    return session.execute(stmt.order_by(*order).offset(offset).limit(limit)).all()


def _name_page(session: Session, where: LogbookFilter, descending: bool, offset: int,
               limit: int, withheld: str) -> list[Any]:
    """The name sort as the viewer sees it: every withheld sender sorts as ``withheld`` (all
    alike, then by STT), never by the real name (the order would tell it).

    The placeholder sorts before any folded name, so the withheld rows are one block ahead of
    the others (after them, descending). Each block is read in its own index order: ordering
    on a CASE over the name sorted every row of the book (12.6 s on 1,000,000 visits)."""
    secret = secret_sender()
    hidden = (_where(select(*(col(c) for c in _PAGE_COLUMNS)), where).where(secret),
              [col(Visit.year), col(Visit.seq)])
    shown = (_where(select(*(col(c) for c in _PAGE_COLUMNS)), where).where(~secret),
             list(SORTS["name"]))
    first, second = (shown, hidden) if descending else (hidden, shown)

    def read(block: tuple[Any, list[Any]], start: int, count: int) -> list[Any]:
        stmt, order = block
        order = [c.desc() for c in order] if descending else order
        return list(session.execute(stmt.order_by(*order).offset(start).limit(count)).all())

    rows = read(first, offset, limit)
    if len(rows) == limit:
        return rows
    # The page runs past the first block: its size is needed. The withheld block is the small
    # one; the other is every matching line less it.
    n_hidden = session.scalar(_where(select(func.count()).select_from(Visit), where)
                              .where(secret)) or 0
    if descending:
        n_all = session.scalar(_where(select(func.count()).select_from(Visit), where)) or 0
        n_first = n_all - n_hidden
    else:
        n_first = n_hidden
    return rows + read(second, max(0, offset - n_first), limit - len(rows))


def visit_counts(session: Session, citizen_ids: Iterable[int]) -> dict[int, int]:
    """Visits per citizen (voided ones included): the logbook's "lần" column."""
    ids = list(set(citizen_ids))
    if not ids:
        return {}
    stmt = (select(col(Visit.citizen_id), func.count(col(Visit.id)))
            .where(col(Visit.citizen_id).in_(ids)).group_by(col(Visit.citizen_id)))
    return {cid: int(n) for cid, n in session.execute(stmt)}


def documents_of(session: Session, visit_id: int) -> list[VisitDocument]:
    """The documents handed in at a visit, in their order."""
    return list(session.scalars(
        select(VisitDocument).where(col(VisitDocument.visit_id) == visit_id)
        .order_by(col(VisitDocument.position))))


def members_of(session: Session, visit_id: int) -> list[VisitParticipant]:
    """The members of a group visit, in their order."""
    return list(session.scalars(
        select(VisitParticipant).where(col(VisitParticipant.visit_id) == visit_id)
        .order_by(col(VisitParticipant.position))))


def visit_id_by_stt(session: Session, seq: int, year: int) -> int | None:
    """The visit numbered "seq/year": the app's own, else the one visit imported from an old
    logbook under that number (issue 15; none when the old book used it twice)."""
    found = session.scalar(select(col(Visit.id)).where(
        and_(col(Visit.seq) == seq, col(Visit.year) == year)))
    if found is None:
        old = session.scalars(select(col(Visit.id)).where(
            col(Visit.seq) < 0, col(Visit.legacy_year) == year,
            col(Visit.legacy_stt).in_([str(seq), f"{seq}/{year}"])).limit(2)).all()
        found = old[0] if len(old) == 1 else None
    return None if found is None else int(found)


def printed_lines(session: Session, date_from: date,
                  date_to: date) -> Sequence[tuple[Visit, date | None]]:
    """Visits received in [date_from, date_to] in STT order, each with its citizen's paper
    issue date: the logbook pages. Within a year the visits imported from an old logbook
    (negative ``seq``: -1, -2 … in the old book's order) come first, in that order."""
    stmt = (
        select(Visit, col(Citizen.id_issue_date))
        .join(Citizen, col(Citizen.id) == col(Visit.citizen_id))
        .where(and_(col(Visit.reception_date) >= date_from,
                    col(Visit.reception_date) <= date_to))
        .order_by(col(Visit.year), col(Visit.seq) >= 0, func.abs(col(Visit.seq)))
    )
    return [(visit, issued_on) for visit, issued_on in session.execute(stmt)]


def visit_id_by_uid(session: Session, uid: str) -> int | None:
    """The visit saved under ``uid`` (a draft's promised uid), if any."""
    return session.scalar(select(col(Visit.id)).where(col(Visit.uid) == uid))


def claim_version(session: Session, visit_id: int, expected: int) -> bool:
    """Compare-and-set: move the visit to its next version only if it is still at ``expected``
    (``UPDATE … WHERE id = :id AND version = :expected``). The update takes the row lock, so of
    two counters saving at the same instant exactly one claims the version; the other, once the
    first commits, matches no row. The caller refreshes its loaded ``Visit`` afterwards."""
    result = session.execute(
        update(Visit)
        .where(and_(col(Visit.id) == visit_id, col(Visit.version) == expected))
        .values(version=col(Visit.version) + 1)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0)) == 1


def with_issued(session: Session, visit_ids: Iterable[int], doc_type: str) -> set[int]:
    """Those of these visits with a document of ``doc_type`` issued for them (a transfer slip:
    the visit's transfer duty is done)."""
    ids = list(set(visit_ids))
    if not ids:
        return set()
    stmt = (select(col(IssuedDocument.visit_id)).distinct()
            .where(col(IssuedDocument.doc_type) == doc_type,
                   col(IssuedDocument.visit_id).in_(ids)))
    return {vid for (vid,) in session.execute(stmt) if vid is not None}
