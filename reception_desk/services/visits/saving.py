"""Saving the logbook: log, edit and void visits, and the registry record behind each visit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC
from datetime import date
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain import geography
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.crowds import DEFAULT_CROWD_THRESHOLD
from reception_desk.domain.dates import office_day
from reception_desk.domain.identity import PersonKey
from reception_desk.domain.identity import normalize_id_number
from reception_desk.domain.identity import person_key
from reception_desk.domain.identity import same_person
from reception_desk.domain.problems import Problem
from reception_desk.domain.text import clean_block
from reception_desk.domain.text import clean_line
from reception_desk.domain.text import fold
from reception_desk.domain.visits import DocumentLine
from reception_desk.domain.visits import GroupMember
from reception_desk.domain.visits import VisitDraft
from reception_desk.domain.visits import check_visit
from reception_desk.errors import UserError
from reception_desk.errors import ValidationFailed
from reception_desk.services.citizens import versions
from reception_desk.services.citizens.dto import CitizenSummary
from reception_desk.services.citizens.search import summaries
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.services.office.rules import crowd_threshold
from reception_desk.services.sessions.linking import link_visit
from reception_desk.services.sessions.linking import session_for
from reception_desk.services.visits.dto import VisitDetail
from reception_desk.services.visits.reading import get_visit
from reception_desk.services.visits.reading import load_visit
from reception_desk.services.visits.reading import remember_names
from reception_desk.services.visits.reading import visit_detail
from reception_desk.services.visits.reading import visit_documents
from reception_desk.services.visits.reading import visit_members
from reception_desk.storage import counters
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import Visit
from reception_desk.storage.models import VisitDocument
from reception_desk.storage.models import VisitParticipant
from reception_desk.storage.queries import citizens as registry
from reception_desk.storage.queries import sessions as session_queries
from reception_desk.storage.queries import visit_rows
from reception_desk.storage.queries import visits as logbook


def normalise_draft(draft: VisitDraft) -> VisitDraft:
    """NFC everywhere, single-line fields collapsed, identity number in its stored form."""
    return replace(
        draft,
        citizen_name=clean_line(draft.citizen_name),
        id_number=normalize_id_number(draft.id_doc_type, draft.id_number),
        id_override_reason=clean_line(draft.id_override_reason),
        id_issue_place=clean_line(draft.id_issue_place),
        address_detail=clean_line(draft.address_detail),
        phone=clean_line(draft.phone),
        content=clean_block(draft.content),
        prior_bodies=clean_block(draft.prior_bodies),
        target_body=clean_line(draft.target_body),
        target_doc_number=clean_line(draft.target_doc_number),
        follow_up=clean_block(draft.follow_up),
        notes=clean_block(draft.notes),
        documents=[
            DocumentLine(clean_line(d.name), d.pages, d.condition)
            for d in draft.documents
            if clean_line(d.name) or d.pages is not None
        ],
        members=[
            GroupMember(
                clean_line(m.full_name),
                m.id_doc_type,
                normalize_id_number(m.id_doc_type, m.id_number),
                clean_line(m.address),
                clean_line(m.phone),
                m.is_representative,
            )
            for m in draft.members
            if clean_line(m.full_name) or clean_line(m.id_number)
        ],
        incident_note=clean_block(draft.incident_note),
    )


def _problems_to_error(problems: list[Problem]) -> ValidationFailed:
    return ValidationFailed([UserError(p.code, field=p.field, **p.params) for p in problems])


def _picked_records(session: Session, citizen_id: int) -> list[Citizen]:
    """The picked registry record, then the records it was merged into: the last stands for
    the person now (picked before a merge: its survivor)."""
    chain: list[Citizen] = []
    citizen = session.get(Citizen, citizen_id)
    while citizen is not None:
        chain.append(citizen)
        citizen = (session.get(Citizen, citizen.merged_into_id)
                   if citizen.merged_into_id is not None else None)
    return chain


def _record_key(citizen: Citizen) -> PersonKey:
    return PersonKey(citizen.name_key, IdDocType(citizen.id_doc_type), citizen.id_number)


def _identity_problem(chain: list[Citizen], draft: VisitDraft,
                      written_as: PersonKey | None) -> Problem | None:
    """A draft naming a picked citizen must still name that person (``same_person``) as the
    picked record or a record it was merged into says it; an edit may also keep the identity its
    visit was written with."""
    typed = person_key(draft.citizen_name, draft.id_doc_type, draft.id_number)
    known = [_record_key(c) for c in chain]
    if written_as is not None:
        known.append(written_as)
    if any(same_person(key, typed) for key in known):
        return None
    field = "citizen_name" if typed.name_key != known[0].name_key else "id_number"
    return Problem("citizen.not_same_person", field, {"name": chain[-1].full_name})


def validate(session: Session, draft: VisitDraft, now: datetime,
             written_as: PersonKey | None = None) -> VisitDraft:
    """Normalise and check ``draft`` against the rules and the database; raise on any problem.

    ``written_as``: the identity an edited visit was written with (kept by an edit).
    """
    draft = normalise_draft(draft)
    # The office's crowd size is read only when it can matter: a policy's threshold is at least
    # 2 (``HotspotPolicy``), so one person not marked as a delegation is never a crowd.
    crowded = draft.people_count > 1 or draft.delegation
    problems = check_visit(draft, now, crowd_threshold(session) if crowded
                           else DEFAULT_CROWD_THRESHOLD)
    staff_id, leader_id = draft.receiving_staff_id, draft.presiding_leader_id
    staff, leader, field = visit_rows.reference_names(session, staff_id, leader_id,
                                                      draft.field_code)
    if staff_id is not None and staff is None:
        problems.append(Problem("visit.staff_unknown", "receiving_staff_id"))
    if leader_id is not None and leader is None:
        problems.append(Problem("visit.leader_unknown", "presiding_leader_id"))
    if draft.field_code is not None and field is None:
        problems.append(Problem("visit.field_unknown", "field_code"))
    # Kept for the saved visit's detail (``reading.visit_detail``): read in this transaction.
    remember_names(session, {("staff", staff_id): staff, ("staff", leader_id): leader,
                             ("field", draft.field_code): field})
    if draft.ward_code is not None and geography.commune(draft.ward_code) is None:
        problems.append(Problem("citizen.commune_unknown", "ward_code"))
    if draft.citizen_id is not None:
        chain = _picked_records(session, draft.citizen_id)
        problem = (_identity_problem(chain, draft, written_as) if chain
                   else Problem("citizen.not_found", "citizen_name"))
        if problem is not None:
            problems.append(problem)
    if draft.case_id is not None and session.get(CaseFile, draft.case_id) is None:
        problems.append(Problem("visit.case_unknown", "case_id"))
    if problems:
        raise _problems_to_error(problems)
    return draft


def _citizen_values(draft: VisitDraft) -> dict[str, Any]:
    return {
        "full_name": draft.citizen_name,
        "name_key": fold(draft.citizen_name),
        "id_doc_type": draft.id_doc_type.value,
        "id_number": draft.id_number,
        "id_issue_date": draft.id_issue_date,
        "id_issue_place": draft.id_issue_place,
        "sex": draft.sex.value if draft.sex else None,
        "birth_date": draft.birth_date,
        "phone": draft.phone,
        "ward_code": draft.ward_code,
        "address_detail": draft.address_detail,
        "address": geography.address_line(draft.address_detail, draft.ward_code),
    }


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, datetime):
            out[key] = value.astimezone(UTC).isoformat()
        elif isinstance(value, date):
            out[key] = value.isoformat()
        elif isinstance(value, list):
            out[key] = [_jsonable(v) if isinstance(v, dict) else v for v in value]
        else:
            out[key] = value
    return out


def _upsert_citizen(
    session: Session, draft: VisitDraft, actor: Actor, now: datetime, changes: Changes
) -> tuple[int, Citizen | None]:
    """The registry record behind this visit: the picked one (updated: ``validate`` made sure it
    is the same person) or a new one; its id, and the picked record (None: created here, with
    exactly ``_citizen_values(draft)``; either way the record now holds those values).

    The update compares-and-sets the record's version: the one the form read
    (``draft.citizen_version``), else the one read in this transaction. When another counter
    changed the record since (a phone or address correction) and this visit would write other
    values over it, the WHOLE save is refused with ``citizen.changed_elsewhere`` naming the
    fields: nothing is written and no STT is used, the form keeps what was typed and shows the
    message. A clerk expects the logbook line and the registry to agree about the person in front
    of them, so rather than saving the visit and quietly dropping the registry update (or
    undoing the other counter's correction), they check the named fields with the citizen and
    save again (the form then knows the new version: saving again keeps what they typed), or
    pick the citizen again to take the corrected record. A record that already holds exactly the
    typed values is not written, so a stale version alone refuses nothing.
    """
    values = _citizen_values(draft)
    chain = _picked_records(session, draft.citizen_id) if draft.citizen_id is not None else []
    picked = chain[-1] if chain else None
    # A record voided since it was picked (an undone old-logbook import's, which nothing else
    # held) stays as it is: the visit gets a new record of what was typed. PostgreSQL: checked
    # again under a lock an undo waits for (``lock_and_check_voided``; no query on SQLite).
    if (picked is not None and picked.id is not None and picked.voided_at is None
            and not registry.lock_and_check_voided(session, picked.id)):
        citizen = picked
        before = {k: getattr(citizen, k) for k in values}
        if before != values:
            if len(chain) > 1 and draft.citizen_version not in (None, citizen.version):
                # The form showed a record merged into this one since: its values are not
                # what the merged record holds, so they are not written over it unseen (told
                # once; the form then holds this record's version and saving again writes).
                raise UserError("citizen.changed_elsewhere", version=citizen.version,
                                fields=[*versions.differing_fields(citizen, values), "merged"])
            read = draft.citizen_version
            versions.claim(session, citizen, citizen.version if read is None else read, values)
            before = {k: getattr(citizen, k) for k in values}
            for key, value in values.items():
                setattr(citizen, key, value)
            citizen.updated_at = now
            repo.add_audit(session, at=now, actor=actor.name,
                           action="update", entity="citizen", entity_id=citizen.id,
                           before=_jsonable(before), after=_jsonable(values))
            assert citizen.id is not None
            changes.citizens.add(citizen.id)
        assert citizen.id is not None
        return citizen.id, citizen
    citizen_id = visit_rows.insert_citizen(session, {
        "uid": str(uuid.uuid4()), **values, "merged_into_id": None, "created_at": now,
        "updated_at": now, "version": 1})
    repo.add_audit(session, at=now, actor=actor.name,
                   action="create", entity="citizen", entity_id=citizen_id,
                   after=_jsonable(values))
    changes.citizens.add(citizen_id)
    return citizen_id, None


def _visit_values(draft: VisitDraft, citizen_id: int) -> dict[str, Any]:
    """The visit's columns from the draft; the sender's copied from the registry record, which
    ``_upsert_citizen`` left holding ``_citizen_values(draft)``."""
    assert draft.received_at is not None and draft.petition_type and draft.direction
    citizen = _citizen_values(draft)
    received = draft.received_at
    return {
        "received_at": received,
        "reception_date": office_day(received),
        "kind": draft.kind.value,
        "receiving_staff_id": draft.receiving_staff_id,
        "presiding_leader_id": draft.presiding_leader_id
        if draft.kind.needs_presiding_leader
        else None,
        "citizen_id": citizen_id,
        "citizen_name": citizen["full_name"],
        "citizen_name_key": citizen["name_key"],
        "id_doc_type": citizen["id_doc_type"],
        "id_number": citizen["id_number"],
        "id_override_reason": draft.id_override_reason,
        "address": citizen["address"],
        "phone": citizen["phone"],
        "people_count": draft.people_count,
        "content": draft.content,
        "content_key": fold(draft.content),
        "petition_type": draft.petition_type.value,
        "field_code": draft.field_code,
        "prior_bodies": draft.prior_bodies,
        "within_competence": draft.within_competence,
        "direction": draft.direction.value,
        "target_body": draft.target_body,
        "target_doc_number": draft.target_doc_number,
        "follow_up": draft.follow_up,
        "notes": draft.notes,
        "case_id": draft.case_id,
        "delegation": draft.delegation,
        "representatives": len(draft.representatives),
        "incident": draft.incident,
        "incident_note": draft.incident_note,
    }


def _audit_view(
    visit: Any, documents: Sequence[DocumentLine], members: Sequence[GroupMember] | None = None
) -> dict[str, Any]:
    values = {
        k: getattr(visit, k)
        for k in (
            "year",
            "seq",
            "received_at",
            "kind",
            "receiving_staff_id",
            "presiding_leader_id",
            "citizen_id",
            "citizen_name",
            "id_doc_type",
            "id_number",
            "id_override_reason",
            "address",
            "phone",
            "people_count",
            "content",
            "petition_type",
            "field_code",
            "prior_bodies",
            "within_competence",
            "direction",
            "target_body",
            "target_doc_number",
            "follow_up",
            "notes",
            "case_id",
            "delegation",
            "incident",
            "incident_note",
            "voided_at",
            "void_reason",
            "session_id",
        )
    }
    values["documents"] = [
        {"name": d.name, "pages": d.pages, "condition": d.condition.value} for d in documents
    ]
    if members is not None:
        values["members"] = [
            {
                "full_name": m.full_name,
                "id_doc_type": m.id_doc_type.value,
                "id_number": m.id_number,
                "address": m.address,
                "phone": m.phone,
                "is_representative": m.is_representative,
            }
            for m in members
        ]
    return _jsonable(values)


def _replace_lines(session: Session, old: Sequence[object], new: Sequence[object]) -> None:
    """A visit's document and member lines are part of the visit (its audit row keeps them):
    an edit deletes the old ones and writes the new ones."""
    for row in old:
        session.delete(row)
    session.flush()
    session.add_all(new)


def _write_members(session: Session, visit_id: int, members: list[GroupMember]) -> None:
    old = logbook.members_of(session, visit_id)
    _replace_lines(session, old, [
        VisitParticipant(visit_id=visit_id, position=position, full_name=m.full_name,
                         id_doc_type=m.id_doc_type.value, id_number=m.id_number,
                         address=m.address, phone=m.phone, is_representative=m.is_representative)
        for position, m in enumerate(members)])


def _write_documents(session: Session, visit_id: int, documents: list[DocumentLine]) -> None:
    old = logbook.documents_of(session, visit_id)
    _replace_lines(session, old, [
        VisitDocument(visit_id=visit_id, position=position, name=doc.name, pages=doc.pages,
                      condition=doc.condition.value)
        for position, doc in enumerate(documents)])


def log_visit(
    session: Session, draft: VisitDraft, actor: Actor, now: datetime, uid: str | None = None
) -> tuple[VisitDetail, Changes]:
    """Validate and save a new visit; its STT is the next number of its year, without gaps.

    ``uid``: the one the form promised its autosaved draft, so a draft that outlived its save
    (a crash between the commit and clearing it) is known as saved and not offered again.

    Issue 17 (≤ 5 ms p95): the rows are written by Core inserts (the citizen and the visit each
    return their id, the lines go in one executemany each) and the detail is made from the
    values written, not read back; the audit chain snapshots the committed rows itself."""
    require_aware(now)
    draft = validate(session, draft, now)
    changes = Changes()
    citizen_id, picked = _upsert_citizen(session, draft, actor, now, changes)
    values = _visit_values(draft, citizen_id)
    year = values["reception_date"].year
    seq = counters.next_counter_value(session, counters.VISIT_STT, year)
    row: dict[str, Any] = {
        "uid": uid or str(uuid.uuid4()), "year": year, "seq": seq, **values,
        "voided_at": None, "void_reason": "", "voided_by": "", "created_at": now,
        "created_by": actor.name, "updated_at": now, "version": 1, "session_id": None,
        "legacy_batch_id": None, "legacy_stt": None, "legacy_year": None}
    # The head's session it was received in (issue 14); a new visit is never voided.
    row["session_id"] = session_for(
        received_at=row["received_at"], reception_date=row["reception_date"], kind=row["kind"],
        presiding_leader_id=row["presiding_leader_id"], voided=False,
        candidates=session_queries.sessions_on(session, row["reception_date"]))
    # The values written, under the stored row's names: the audit view and the detail read them.
    visit = SimpleNamespace(id=visit_rows.insert_visit(session, row), **row)
    visit_rows.insert_documents(session, [
        {"visit_id": visit.id, "position": position, "name": doc.name, "pages": doc.pages,
         "condition": doc.condition.value}
        for position, doc in enumerate(draft.documents)])
    visit_rows.insert_members(session, [
        {"visit_id": visit.id, "position": position, "full_name": m.full_name,
         "id_doc_type": m.id_doc_type.value, "id_number": m.id_number, "address": m.address,
         "phone": m.phone, "is_representative": m.is_representative, "citizen_id": None}
        for position, m in enumerate(draft.members)])
    repo.add_audit(session, at=now, actor=actor.name,
                   action="create", entity="visit", entity_id=visit.id,
                   after=_audit_view(visit, draft.documents, draft.members))
    changes.visits.add(visit.id)
    if picked is not None:
        [citizen] = summaries(session, [picked])  # its visit count and last visit
    else:  # created by this save: this is its one visit
        citizen = CitizenSummary(
            id=citizen_id, full_name=draft.citizen_name, id_doc_type=draft.id_doc_type,
            id_number=draft.id_number, sex=draft.sex, birth_date=draft.birth_date,
            phone=draft.phone, ward_code=draft.ward_code, address_detail=draft.address_detail,
            address=values["address"], id_issue_date=draft.id_issue_date,
            id_issue_place=draft.id_issue_place, visit_count=1,
            last_visit=values["reception_date"], version=1)
    detail = visit_detail(session, visit, (draft.documents, draft.members), citizen)
    return detail, changes


def update_visit(
    session: Session,
    visit_id: int,
    draft: VisitDraft,
    expected_version: int,
    actor: Actor,
    now: datetime,
) -> tuple[VisitDetail, Changes]:
    """Save an edit; refuses if someone else saved first or the visit is voided."""
    require_aware(now)
    visit = load_visit(session, visit_id)
    if visit.voided_at is not None:
        raise UserError("visit.voided_cannot_edit")
    _claim(session, visit, expected_version, "visit.voided_cannot_edit")
    written_as = (PersonKey(visit.citizen_name_key, IdDocType(visit.id_doc_type), visit.id_number)
                  if draft.citizen_id == visit.citizen_id else None)
    draft = validate(session, draft, now, written_as)
    before = _audit_view(visit, visit_documents(session, visit_id),
                         visit_members(session, visit_id))
    changes = Changes()
    citizen_id, _picked = _upsert_citizen(session, draft, actor, now, changes)
    values = _visit_values(draft, citizen_id)
    if values["reception_date"].year != visit.year:
        # The STT belongs to its year's book; moving a visit to another year would break both.
        raise ValidationFailed(
            [UserError("visit.year_change", field="received_at", year=visit.year)]
        )
    for key, value in values.items():
        setattr(visit, key, value)
    visit.updated_at = now
    link_visit(session, visit)
    _write_documents(session, visit_id, draft.documents)
    _write_members(session, visit_id, draft.members)
    changed_before, changed_after = _diff(before, _audit_view(visit, draft.documents,
                                                              draft.members))
    repo.add_audit(session, at=now, actor=actor.name,
                   action="update", entity="visit", entity_id=visit_id,
                   before=changed_before, after=changed_after)
    session.flush()
    changes.visits.add(visit_id)
    return get_visit(session, visit_id), changes


def _claim(session: Session, visit: Visit, expected_version: int, voided_code: str) -> None:
    """Take the visit's next version in SQL (compare-and-set) or refuse: a check done in Python
    alone lets two counters saving at the same instant both pass and one edit be lost."""
    assert visit.id is not None
    claimed = visit.version == expected_version and logbook.claim_version(
        session, visit.id, expected_version)
    session.refresh(visit)  # the row as it is now (held by this transaction if claimed)
    if not claimed:
        if visit.voided_at is not None:
            raise UserError(voided_code)
        raise UserError("visit.changed_elsewhere")


def _diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def void_visit(
    session: Session, visit_id: int, reason: str, actor: Actor, now: datetime
) -> tuple[VisitDetail, Changes]:
    """Mark a visit void with a reason. Nothing is deleted: it stays in the logbook, struck out."""
    require_aware(now)
    reason = clean_block(reason)
    if not reason:
        raise UserError("visit.void_reason_required", field="reason")
    visit = load_visit(session, visit_id)
    if visit.voided_at is not None:
        raise UserError("visit.already_voided")
    _claim(session, visit, visit.version, "visit.already_voided")
    visit.voided_at, visit.void_reason, visit.voided_by = now, reason, actor.name
    visit.updated_at = now
    repo.add_audit(session, at=now, actor=actor.name,
                   action="void", entity="visit", entity_id=visit_id,
                   before={"voided_at": None},
                   after={"voided_at": now.isoformat(), "void_reason": reason})
    session.flush()
    return get_visit(session, visit_id), Changes(visits={visit_id})


