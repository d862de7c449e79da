"""Merging two registry records of the same person: audited, nothing deleted."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.errors import UserError
from reception_desk.services.citizens import versions
from reception_desk.services.citizens.dto import MergeResult
from reception_desk.services.citizens.search import get_citizen
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import CaseCitizen
from reception_desk.storage.models import Citizen
from reception_desk.storage.queries import citizen_merge as merge_queries
from reception_desk.storage.queries import citizens as registry

_FILLABLE = ("id_number", "id_issue_date", "id_issue_place", "sex", "birth_date", "phone",
             "ward_code", "address_detail", "address")


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _record(c: Citizen) -> dict[str, Any]:
    keys = ("full_name", "id_doc_type", *_FILLABLE, "merged_into_id")
    return {k: _jsonable(getattr(c, k)) for k in keys}


def merge_citizens(
    session: Session, survivor_id: int, other_id: int, actor: Actor, now: datetime
) -> tuple[MergeResult, Changes]:
    """Merge ``other`` into ``survivor`` (the same person): nothing is deleted.

    Every visit and case link of ``other`` moves to ``survivor``; blank fields of the survivor
    take ``other``'s values; ``other`` keeps its data and points to the survivor. The logbook
    lines keep the name and paper shown at the counter. Both records get an audit row.
    Refused: the same record twice, a record merged or voided (an undone import's) already, two
    different ID numbers of one kind.
    """
    require_aware(now)
    if survivor_id == other_id:
        raise UserError("citizen.merge_same")
    survivor = session.get(Citizen, survivor_id)
    other = session.get(Citizen, other_id)
    if survivor is None or other is None:
        raise UserError("citizen.not_found", citizen_id=other_id if survivor else survivor_id)
    if survivor.merged_into_id is not None or other.merged_into_id is not None:
        raise UserError("citizen.already_merged")
    # A record struck out by undoing an old-logbook import is out of the registry: merging it
    # (either way) would bring it back or give its visits to a record nobody can find.
    for record in (survivor, other):
        if record.voided_at is not None:
            raise UserError("citizen.merge_voided", name=record.full_name)
    if (survivor.id_number and other.id_number and survivor.id_number != other.id_number
            and survivor.id_doc_type == other.id_doc_type):
        raise UserError("citizen.merge_conflicting_ids", first=survivor.id_number,
                        second=other.id_number)
    assert survivor.id is not None and other.id is not None
    # Both records move to their next version by compare-and-set on the versions read above:
    # a visit saved at another counter meanwhile (or another merge of either record) makes this
    # merge refused with citizen.changed_elsewhere instead of merging a record as it no longer is.
    # Lowest id first: two merges of one pair named in opposite orders wait for each other
    # instead of deadlocking.
    for record in sorted((survivor, other), key=lambda c: c.id or 0):
        versions.claim(session, record, record.version)
    before_survivor, before_other = _record(survivor), _record(other)

    moved_visits = registry.visit_ids_of(session, other.id)
    member_visits = merge_queries.visits_with_member(session, other.id)
    registry.move_visits(session, other.id, survivor.id)
    held = registry.case_ids_of(session, [survivor.id])
    moved_cases = []
    for link in registry.case_links_of(session, other.id):
        if link.case_id in held:
            continue  # already the survivor's; the merged record's row stays as history
        session.add(CaseCitizen(case_id=link.case_id, citizen_id=survivor.id, role=link.role))
        session.delete(link)
        moved_cases.append(link.case_id)
    # Records merged into ``other`` earlier now point straight at the survivor.
    earlier = merge_queries.citizens_merged_into(session, other.id)
    registry.repoint_merged(session, other.id, survivor.id)
    # Each record changed on the way gets its own audit row (the tamper-evident chain holds
    # every record's last state).
    for entity, ids in (("visit", sorted(set(moved_visits) | member_visits)),
                        ("case", moved_cases), ("citizen", earlier)):
        for record_id in ids:
            repo.add_audit(session, at=now, actor=actor.name, action="citizen_merged",
                           entity=entity, entity_id=record_id,
                           after={"citizen_id": survivor.id, "merged_citizen_id": other.id})

    filled = []
    for key in _FILLABLE:
        if getattr(survivor, key) in (None, "") and getattr(other, key) not in (None, ""):
            setattr(survivor, key, getattr(other, key))
            filled.append(key)
    if "id_number" in filled:
        survivor.id_doc_type = other.id_doc_type
    survivor.updated_at = now
    other.merged_into_id = survivor.id
    other.updated_at = now
    session.flush()
    after_survivor = {**_record(survivor), "absorbed_citizen_id": other.id,
                      "moved_visits": list(moved_visits), "moved_cases": moved_cases}
    repo.add_audit(session, at=now, actor=actor.name, action="merge", entity="citizen",
                   entity_id=survivor.id, before=before_survivor, after=after_survivor)
    repo.add_audit(session, at=now, actor=actor.name, action="merged_into", entity="citizen",
                   entity_id=other.id, before=before_other, after=_record(other))
    session.flush()
    changes = Changes(visits=set(moved_visits), citizens={survivor.id, other.id},
                      cases=set(moved_cases))
    return MergeResult(get_citizen(session, survivor.id), other.id, moved_visits,
                       tuple(moved_cases), tuple(filled)), changes


