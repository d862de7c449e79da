"""Queries of the citizen registry: look-ups, a citizen's visits, repeats, merges, Ctrl+F hits."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session

from reception_desk.storage.models import CaseCitizen
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import Visit
from reception_desk.storage.models import VisitParticipant
from reception_desk.storage.queries.search import is_sqlite

# Table columns for Core queries (typed loosely: SQLModel attributes confuse the checker).
_V: Any = Visit.__table__.c  # type: ignore[attr-defined]
_C: Any = Citizen.__table__.c  # type: ignore[attr-defined]
_CC: Any = CaseCitizen.__table__.c  # type: ignore[attr-defined]
_CF: Any = CaseFile.__table__.c  # type: ignore[attr-defined]
_VP: Any = VisitParticipant.__table__.c  # type: ignore[attr-defined]


# --- records ---------------------------------------------------------------------------------


def survivor(session: Session, citizen: Citizen) -> Citizen:
    """Follow ``merged_into_id`` to the record that stands for this person now."""
    seen = set()
    while citizen.merged_into_id is not None and citizen.id not in seen:
        seen.add(citizen.id)
        nxt = session.get(Citizen, citizen.merged_into_id)
        if nxt is None:
            break
        citizen = nxt
    return citizen


def claim_version(session: Session, citizen_id: int, expected: int) -> bool:
    """Compare-and-set: move the record to its next version only if it is still at ``expected``
    (``UPDATE citizen SET version = version + 1 WHERE id = :id AND version = :expected``). The
    update takes the row lock: of two counters writing the record at the same instant exactly
    one claims it; the other, once the first commits, matches no row. The caller refreshes its
    loaded ``Citizen`` afterwards."""
    result = session.execute(
        update(Citizen).where(_C.id == citizen_id, _C.version == expected)
        .values(version=_C.version + 1).execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0)) == 1


def lock_and_check_voided(session: Session, citizen_id: int) -> bool:
    """Whether the record is voided as committed now, locked until the transaction ends.
    PostgreSQL ``FOR KEY SHARE``: the lock a visit's foreign key takes anyway, so saves on one
    record do not wait for each other, but it waits for (and is waited for by) the
    ``FOR UPDATE`` an old-logbook import's undo takes on the records it may void. SQLite: no
    query (False): a writer holds the database's write lock from its first statement (BEGIN
    IMMEDIATE), so an undo committed either before the caller's reads or after it."""
    if is_sqlite(session):
        return False
    voided = session.execute(
        select(_C.voided_at).where(_C.id == citizen_id)
        .with_for_update(read=True, key_share=True)).scalar_one_or_none()
    return voided is not None


def live_citizens(session: Session, ids: Iterable[int]) -> list[Citizen]:
    """The records of ``ids`` that were neither merged away nor voided, in the order given."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    rows = session.scalars(
        select(Citizen).where(_C.id.in_(wanted), _C.merged_into_id.is_(None),
                              _C.voided_at.is_(None)))
    by_id = {c.id: c for c in rows}
    return [by_id[i] for i in wanted if i in by_id]


def with_id_number(session: Session, number: str) -> list[Citizen]:
    """Records (not voided) holding exactly this (stored form of an) ID number, newest first."""
    return list(session.scalars(
        select(Citizen).where(_C.id_number == number, _C.voided_at.is_(None))
        .order_by(_C.id.desc())))


def with_phone(session: Session, phones: Sequence[str], limit: int) -> list[Citizen]:
    """Records (not voided) holding one of these phone spellings, newest first."""
    return list(session.scalars(
        select(Citizen).where(_C.phone.in_(list(phones)), _C.voided_at.is_(None))
        .order_by(_C.id.desc()).limit(limit)))


def same_name_in_commune(session: Session, name_key: str, ward_code: int) -> list[Citizen]:
    """Records (not voided) of this folded name in the commune ``ward_code``."""
    return list(session.scalars(
        select(Citizen).where(_C.name_key == name_key, _C.ward_code == ward_code,
                              _C.voided_at.is_(None))))


def visit_stats(session: Session, citizen_ids: Iterable[int]) -> dict[int, tuple[int, date]]:
    """Visits (voided ones included) and the last reception day, per citizen."""
    ids = list(set(citizen_ids))
    if not ids:
        return {}
    stmt = (select(_V.citizen_id, func.count(_V.id), func.max(_V.reception_date))
            .where(_V.citizen_id.in_(ids)).group_by(_V.citizen_id))
    return {int(cid): (int(n), last) for cid, n, last in session.execute(stmt)}


def citizen_visit_rows(session: Session, citizen_id: int,
                       limit: int | None = None) -> Sequence[Any]:
    """A citizen's visits, newest first (voided ones included)."""
    stmt = (select(_V.id, _V.year, _V.seq, _V.reception_date, _V.content, _V.petition_type,
                   _V.direction, _V.case_id, _V.voided_at, _V.legacy_stt, _V.legacy_year)
            .where(_V.citizen_id == citizen_id)
            .order_by(_V.received_at.desc(), _V.id.desc()))
    if limit is not None:
        stmt = stmt.limit(limit)
    return session.execute(stmt).all()


# --- cases of the registry ---------------------------------------------------------------------


def cases_by_id(session: Session, case_ids: Iterable[int]) -> list[CaseFile]:
    ids = list(set(case_ids))
    return list(session.scalars(select(CaseFile).where(_CF.id.in_(ids)))) if ids else []


def case_visit_counts(session: Session, case_ids: Iterable[int]) -> dict[int, int]:
    """How many (non-voided) visits each case has."""
    ids = list(set(case_ids))
    if not ids:
        return {}
    stmt = (select(_V.case_id, func.count(_V.id))
            .where(_V.case_id.in_(ids), _V.voided_at.is_(None)).group_by(_V.case_id))
    return {int(cid): int(n) for cid, n in session.execute(stmt)}


def case_ids_of(session: Session, citizen_ids: Iterable[int]) -> set[int]:
    """Cases in which any of these citizens stands."""
    ids = list(set(citizen_ids))
    if not ids:
        return set()
    return set(session.scalars(select(_CC.case_id).where(_CC.citizen_id.in_(ids))))


# --- repeats -----------------------------------------------------------------------------------


def person_visits(session: Session, citizen_ids: Iterable[int], exclude_visit_id: int | None,
                  newest: int) -> tuple[int, list[tuple[int, int]]]:
    """How many non-voided visits these citizens made, and the ``newest`` of them as
    (visit id, citizen id)."""
    base = select(_V.id, _V.citizen_id).where(
        _V.citizen_id.in_(list(citizen_ids)), _V.voided_at.is_(None))
    if exclude_visit_id is not None:
        base = base.where(_V.id != exclude_visit_id)
    count = int(session.scalar(select(func.count()).select_from(base.subquery())) or 0)
    rows = session.execute(base.order_by(_V.received_at.desc()).limit(newest))
    return count, [(int(vid), int(cid)) for vid, cid in rows]


def denunciation_visits(session: Session, citizen_ids: Iterable[int],
                        exclude_visit_id: int | None) -> tuple[int, ...]:
    """The non-voided denunciation visits of these citizens (the repeat banner discounts those
    under secrecy for a viewer who may not see the denouncer)."""
    ids = list(citizen_ids)
    if not ids:
        return ()
    stmt = select(_V.id).where(_V.citizen_id.in_(ids), _V.voided_at.is_(None),
                               _V.petition_type == "denunciation")
    if exclude_visit_id is not None:
        stmt = stmt.where(_V.id != exclude_visit_id)
    return tuple(int(v) for v in session.scalars(stmt))


def denunciation_cases(session: Session, case_ids: Iterable[int]) -> set[int]:
    """Which of these cases are denunciations."""
    ids = list(case_ids)
    if not ids:
        return set()
    return {int(c) for c in session.scalars(
        select(_CF.id).where(_CF.id.in_(ids), _CF.case_type == "denunciation"))}


def content_in_commune(session: Session, visit_ids: Sequence[int],
                       ward_code: int) -> Sequence[Any]:
    """(visit id, content key, address detail) of the non-voided visits among ``visit_ids``
    whose citizen lives in the commune ``ward_code``."""
    return session.execute(
        select(_V.id, _V.content_key, _C.address_detail)
        .join(Citizen, _C.id == _V.citizen_id)
        .where(_V.id.in_(list(visit_ids)), _V.voided_at.is_(None), _C.ward_code == ward_code)
    ).all()


def repeat_visit_rows(session: Session, visit_ids: Iterable[int]) -> list[Any]:
    ids = list(visit_ids)
    if not ids:
        return []
    return list(session.execute(
        select(_V.id, _V.year, _V.seq, _V.reception_date, _V.citizen_id, _V.citizen_name,
               _V.content, _V.petition_type, _V.direction, _V.case_id, _V.received_at,
               _V.legacy_stt, _V.legacy_year)
        .where(_V.id.in_(ids))))


# --- merge -------------------------------------------------------------------------------------


def visit_ids_of(session: Session, citizen_id: int) -> tuple[int, ...]:
    return tuple(int(v) for v in session.scalars(
        select(_V.id).where(_V.citizen_id == citizen_id).order_by(_V.id)))


def move_visits(session: Session, from_id: int, to_id: int) -> None:
    """Every visit (and group member) of one record to another."""
    session.execute(update(Visit).where(_V.citizen_id == from_id).values(citizen_id=to_id))
    session.execute(update(VisitParticipant).where(_VP.citizen_id == from_id)
                    .values(citizen_id=to_id))


def case_links_of(session: Session, citizen_id: int) -> list[CaseCitizen]:
    return list(session.scalars(select(CaseCitizen).where(_CC.citizen_id == citizen_id)))


def repoint_merged(session: Session, from_id: int, to_id: int) -> None:
    """Records merged into ``from_id`` earlier now point at ``to_id``."""
    session.execute(update(Citizen).where(_C.merged_into_id == from_id)
                    .values(merged_into_id=to_id, version=_C.version + 1))


# --- Ctrl+F ------------------------------------------------------------------------------------


def visit_hit_rows(session: Session, visit_ids: Sequence[int]) -> Sequence[Any]:
    """The visits found by Ctrl+F, newest first."""
    if not visit_ids:
        return []
    return session.execute(
        select(_V.id, _V.year, _V.seq, _V.reception_date, _V.citizen_name, _V.content,
               _V.petition_type, _V.voided_at, _V.legacy_stt, _V.legacy_year)
        .where(_V.id.in_(list(visit_ids))).order_by(_V.id.desc())).all()
