"""Reading and writing for the old-logbook import (``services.legacy``, issue 15)."""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.storage.models import Attachment
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import CaseCitizen
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import IssuedDocument
from reception_desk.storage.models import LegacyBatch
from reception_desk.storage.models import Staff
from reception_desk.storage.models import Visit
from reception_desk.storage.models import VisitParticipant


def citizens_by_id_number(session: Session, numbers: Collection[str]
                          ) -> dict[str, tuple[int, str, str]]:
    """Registry records (not merged away nor voided) holding these ID numbers: number → (id, name,
    address), the oldest record when several do."""
    return {key: found[0] for key, found in _citizens_by(session, Citizen.id_number,
                                                          numbers).items()}


def citizens_by_name_key(session: Session, keys: Collection[str]
                         ) -> dict[str, list[tuple[int, str, str]]]:
    """Registry records (not merged away nor voided) by folded name: key → [(id, name, address)]."""
    return _citizens_by(session, Citizen.name_key, keys)


def _citizens_by(session: Session, column: Any, values: Collection[str]
                 ) -> dict[str, list[tuple[int, str, str]]]:
    out: dict[str, list[tuple[int, str, str]]] = {}
    wanted = sorted(v for v in values if v)
    for start in range(0, len(wanted), 500):
        for cid, key, name, address in session.execute(
                select(col(Citizen.id), col(column), col(Citizen.full_name),
                       col(Citizen.address))
                .where(col(column).in_(wanted[start:start + 500]),
                       col(Citizen.merged_into_id).is_(None), col(Citizen.voided_at).is_(None))
                .order_by(col(Citizen.id))):
            if cid is not None:
                out.setdefault(key, []).append((cid, name, address))
    return out


def lowest_seq(session: Session, year: int) -> int:
    """The lowest STT of ``year``'s book, 0 when it has none below 1: imported visits count
    down from there (-1, -2 …), a series apart from the app's counter."""
    found = session.scalar(select(func.min(col(Visit.seq))).where(col(Visit.year) == year))
    return min(int(found or 0), 0)


def first_active_staff(session: Session) -> int | None:
    return session.scalar(select(col(Staff.id)).where(col(Staff.active).is_(True))
                          .order_by(col(Staff.id)).limit(1))


def staff_exists(session: Session, staff_id: int) -> bool:
    return session.get(Staff, staff_id) is not None


def batch(session: Session, batch_id: int) -> LegacyBatch | None:
    return session.get(LegacyBatch, batch_id)


def batches(session: Session) -> list[LegacyBatch]:
    return list(session.scalars(select(LegacyBatch).order_by(col(LegacyBatch.id).desc())))


def batches_of_file(session: Session, sha256: str) -> list[LegacyBatch]:
    """Earlier imports of the same bytes that were not undone."""
    return list(session.scalars(select(LegacyBatch).where(
        col(LegacyBatch.file_sha256) == sha256, col(LegacyBatch.undone_at).is_(None))))


def live_visits_of_batch(session: Session, batch_id: int) -> list[int]:
    return list(session.scalars(select(col(Visit.id)).where(
        col(Visit.legacy_batch_id) == batch_id, col(Visit.voided_at).is_(None))
        .order_by(col(Visit.id))))


def void_visits(session: Session, ids: Iterable[int], now: datetime, reason: str,
                actor: str) -> None:
    """Strike the visits out (never deleted), raising their version as an edit does."""
    wanted = list(ids)
    for start in range(0, len(wanted), 500):
        session.execute(update(Visit).where(col(Visit.id).in_(wanted[start:start + 500]))
                        .values(voided_at=now, void_reason=reason, voided_by=actor,
                                updated_at=now, version=col(Visit.version) + 1))


def citizens_of_batch(session: Session, batch_id: int) -> list[int]:
    """The registry records the batch's visits (voided ones included) name."""
    return [int(c) for c in session.scalars(
        select(col(Visit.citizen_id)).where(col(Visit.legacy_batch_id) == batch_id)
        .distinct().order_by(col(Visit.citizen_id)))]


def citizen_imports(session: Session, ids: Collection[int]
                    ) -> list[tuple[int, datetime, Any]]:
    """The ``import`` audit rows of these registry records (id, moment, after): the rows an
    import writes for each record it creates."""
    out: list[tuple[int, datetime, Any]] = []
    wanted = sorted(str(i) for i in ids)
    for start in range(0, len(wanted), 500):
        out += [(int(entity_id), at, after) for entity_id, at, after in session.execute(
            select(col(AuditEntry.entity_id), col(AuditEntry.at), col(AuditEntry.after))
            .where(col(AuditEntry.entity) == "citizen", col(AuditEntry.action) == "import",
                   col(AuditEntry.entity_id).in_(wanted[start:start + 500])))]
    return out


def lock_live_citizens(session: Session, ids: Collection[int]) -> list[int]:
    """Of these records, those neither merged away nor voided, locked until the transaction
    ends (PostgreSQL: ``FOR UPDATE``, which a visit, group member or case link naming one of
    them waits for; SQLite: the caller already holds the database's write lock)."""
    wanted = sorted(ids)
    out: list[int] = []
    for start in range(0, len(wanted), 500):
        out += [int(c) for c in session.scalars(
            select(col(Citizen.id)).where(col(Citizen.id).in_(wanted[start:start + 500]),
                                          col(Citizen.merged_into_id).is_(None),
                                          col(Citizen.voided_at).is_(None))
            .order_by(col(Citizen.id)).with_for_update()) if c is not None]
    return out


def held_citizens(session: Session, ids: Collection[int]) -> set[int]:
    """Which of these records something other than an undone import holds: a visit that is live
    or was logged at the counter (voided ones too: a clerk's entry), a document issued or a file
    attached (not voided) on any of its visits, a group member, a case, a record merged into
    it."""
    wanted = sorted(ids)
    held: set[int] = set()
    for start in range(0, len(wanted), 500):
        part = wanted[start:start + 500]
        for stmt in (
                select(col(Visit.citizen_id)).where(
                    col(Visit.citizen_id).in_(part),
                    col(Visit.voided_at).is_(None) | col(Visit.legacy_batch_id).is_(None)),
                select(col(Visit.citizen_id)).join(
                    IssuedDocument, col(IssuedDocument.visit_id) == col(Visit.id)).where(
                    col(Visit.citizen_id).in_(part)),
                select(col(Visit.citizen_id)).join(
                    Attachment, col(Attachment.visit_id) == col(Visit.id)).where(
                    col(Visit.citizen_id).in_(part), col(Attachment.voided_at).is_(None)),
                select(col(VisitParticipant.citizen_id)).where(
                    col(VisitParticipant.citizen_id).in_(part)),
                select(col(CaseCitizen.citizen_id)).where(col(CaseCitizen.citizen_id).in_(part)),
                select(col(Citizen.merged_into_id)).where(col(Citizen.merged_into_id).in_(part))):
            held |= {int(c) for c in session.scalars(stmt.distinct()) if c is not None}
    return held


def void_citizens(session: Session, ids: Iterable[int], now: datetime, reason: str,
                  actor: str) -> None:
    """Strike the registry records out (never deleted), raising their version as an edit does
    (a form holding one is told it changed)."""
    wanted = list(ids)
    for start in range(0, len(wanted), 500):
        session.execute(update(Citizen).where(col(Citizen.id).in_(wanted[start:start + 500]))
                        .values(voided_at=now, void_reason=reason, voided_by=actor,
                                updated_at=now, version=col(Citizen.version) + 1))


def insert_citizens(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert registry records in one statement; their ids, in the order given."""
    return _insert(session, Citizen, rows)


def insert_visits(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert visits in one statement; their ids, in the order given."""
    return _insert(session, Visit, rows)


def _insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    table = model.__table__
    result = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                             rows)
    return [int(i) for i in result.scalars()]
