"""Reading the logbook: one visit with everything the form and printouts need, and the paged,
sorted, filtered logbook table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain import classification as kinds
from reception_desk.domain.access import Principal
from reception_desk.domain.dates import office_time
from reception_desk.domain.secrecy import WITHHELD
from reception_desk.domain.secrecy import Identity
from reception_desk.domain.secrecy import IdentityField
from reception_desk.domain.secrecy import MaskedIdentity
from reception_desk.domain.text import fold
from reception_desk.domain.visits import DocumentLine
from reception_desk.domain.visits import GroupMember
from reception_desk.errors import UserError
from reception_desk.services.access import secrecy
from reception_desk.services.citizens.dto import CitizenSummary
from reception_desk.services.citizens.search import summaries
from reception_desk.services.visits.dto import VisitDetail
from reception_desk.services.visits.dto import VisitDraft
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.services.visits.dto import VisitRow
from reception_desk.services.visits.transfers import with_transfer_due
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import FieldCategory
from reception_desk.storage.models import Staff
from reception_desk.storage.models import Visit
from reception_desk.storage.queries import visits as logbook


def load_visit(session: Session, visit_id: int) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise UserError("visit.not_found", visit_id=visit_id)
    return visit


def visit_documents(session: Session, visit_id: int) -> list[DocumentLine]:
    return [DocumentLine(r.name, r.pages, kinds.DocumentCondition(r.condition))
            for r in logbook.documents_of(session, visit_id)]


def get_visit(session: Session, visit_id: int) -> VisitDetail:
    """One visit with everything the form and the printouts need."""
    visit = load_visit(session, visit_id)
    assert visit.id is not None
    citizen = session.get(Citizen, visit.citizen_id)
    return visit_detail(session, visit,
                        (visit_documents(session, visit.id), visit_members(session, visit.id)),
                        summaries(session, [citizen])[0] if citizen else None)


#: ``Session.info`` key: staff names and field labels read in this unit of work.
_NAMES = "rd_reference_names"


def remember_names(session: Session, names: dict[tuple[str, Any], str | None]) -> None:
    """Staff names (``("staff", id)``) and field labels (``("field", code)``) as read in this
    unit of work (None: no such row), for ``visit_detail``."""
    session.info.setdefault(_NAMES, {}).update(
        (key, value) for key, value in names.items() if key[1] is not None)


def _name(session: Session, kind: str, key: Any) -> str | None:
    if key is None:
        return None
    known: dict[tuple[str, Any], str | None] = session.info.get(_NAMES, {})
    if (kind, key) in known:
        return known[(kind, key)]
    row = (session.get(Staff, key) if kind == "staff" else session.get(FieldCategory, key))
    if row is None:
        return None
    return row.full_name if isinstance(row, Staff) else row.label


def visit_detail(session: Session, visit: Any,
                 lines: tuple[Sequence[DocumentLine], Sequence[GroupMember]],
                 citizen: CitizenSummary | None) -> VisitDetail:
    """``visit`` (its ORM row, or the values a save has just written: the same names) as a
    detail, with its document and member ``lines`` and its registry record ``citizen``.

    Staff and field names: as a save's validation has just read them in this unit of work
    (``remember_names``), else read here."""
    staff = _name(session, "staff", visit.receiving_staff_id)
    leader = _name(session, "staff", visit.presiding_leader_id)
    field = _name(session, "field", visit.field_code)
    return VisitDetail(
        **_line_fields(visit),
        uid=visit.uid,
        reception_date=visit.reception_date,
        receiving_staff_id=visit.receiving_staff_id,
        receiving_staff_name=staff or "",
        presiding_leader_id=visit.presiding_leader_id,
        presiding_leader_name=leader or "",
        id_doc_type=kinds.IdDocType(visit.id_doc_type),
        phone=visit.phone,
        field_code=visit.field_code,
        field_label=field or "",
        prior_bodies=visit.prior_bodies,
        within_competence=visit.within_competence,
        target_doc_number=visit.target_doc_number,
        follow_up=visit.follow_up,
        notes=visit.notes,
        documents=tuple(lines[0]),
        members=tuple(lines[1]),
        incident=visit.incident,
        incident_note=visit.incident_note,
        void_reason=visit.void_reason,
        version=visit.version,
        citizen=citizen,
    )


def _line_fields(r: Any) -> dict[str, Any]:
    """What a logbook line and a visit's detail both take from a visit (its ORM row or a row of
    a logbook page: the same column names)."""
    return {
        "id": r.id, "year": r.year, "seq": r.seq, "received_at": office_time(r.received_at),
        "kind": kinds.VisitKind(r.kind), "citizen_id": r.citizen_id,
        "citizen_name": r.citizen_name, "id_number": r.id_number, "address": r.address,
        "content": r.content, "petition_type": kinds.PetitionType(r.petition_type),
        "people_count": r.people_count, "direction": kinds.HandlingDirection(r.direction),
        "target_body": r.target_body, "voided": r.voided_at is not None, "case_id": r.case_id,
        "delegation": r.delegation, "legacy_stt": r.legacy_stt, "legacy_year": r.legacy_year,
    }


# --- what a viewer sees of a visit -------------------------------------------------------------

def _masked_member(member: GroupMember, shown: MaskedIdentity) -> GroupMember:
    return replace(member, full_name=shown.name, id_number=shown.id_number,
                   address=shown.address, phone=shown.phone)


def mask_detail(session: Session, principal: Principal | None,
                detail: VisitDetail, new: bool = False) -> VisitDetail:
    """``detail`` as the viewer may see it (``domain.access.masking_plan``): the sender, the
    crowd members and the registry record. A denouncer under secrecy is withheld whole.

    ``new``: the visit was saved in this unit of work (``detail`` is what was written; no
    waiver can name it yet), so nothing of it is read again."""
    people = [Identity(m.full_name, m.id_number, m.phone, m.address) for m in detail.members]
    if new:
        born = detail.citizen.birth_date if detail.citizen is not None else None
        shown, members = secrecy.new_visit_identities(
            session, principal, detail.petition_type.value,
            Identity(detail.citizen_name, detail.id_number, detail.phone, detail.address, born),
            people)
    else:
        shown = secrecy.visit_identities(session, principal, [detail.id])[detail.id]
        members = secrecy.member_identities(
            session, principal, detail.id, detail.petition_type.value, people)
    masked = any(shown.is_masked(f) for f in IdentityField) or any(
        m.is_masked(f) for m in members for f in IdentityField)
    if not masked:
        return detail
    citizen = detail.citizen
    if citizen is not None:
        hidden_id = shown.is_masked(IdentityField.ID_NUMBER)
        citizen = replace(
            citizen, full_name=shown.name, id_number=shown.id_number, phone=shown.phone,
            address=shown.address, birth_date=shown.birth_date,
            # The commune stays when the address is partial (as ``mask_address`` keeps it).
            ward_code=None if shown.secret else citizen.ward_code,
            address_detail=(citizen.address_detail if not shown.is_masked(IdentityField.ADDRESS)
                            else WITHHELD if citizen.address_detail else ""),
            id_issue_date=None if hidden_id else citizen.id_issue_date,
            id_issue_place="" if hidden_id else citizen.id_issue_place)
    return replace(
        detail, citizen_name=shown.name, id_number=shown.id_number, address=shown.address,
        phone=shown.phone, citizen=citizen,
        members=tuple(_masked_member(m, s) for m, s in zip(detail.members, members, strict=True)),
        identity_masked=True, identity_secret=shown.secret)


def shown_visit(session: Session, visit_id: int, principal: Principal | None,
                today: date | None = None) -> VisitDetail:
    """One visit as the viewer may see it (every door that shows a visit calls this); with
    ``today``, its transfer limit where it owes one (``services.visits.transfers``)."""
    detail = mask_detail(session, principal, get_visit(session, visit_id))
    if today is not None:
        [detail] = with_transfer_due(session, [detail], today)
    return detail


#: Draft fields that carry identity (``VisitDetail.to_draft``), restored when left masked.
_IDENTITY_DRAFT_FIELDS = ("citizen_name", "id_number", "id_issue_date", "id_issue_place",
                          "birth_date", "ward_code", "address_detail", "phone")


def keep_masked_values(session: Session, principal: Principal | None, visit_id: int,
                       draft: VisitDraft) -> VisitDraft:
    """An edit by a viewer who saw part of the identity masked: every identity field still
    holding what the viewer was shown keeps the stored value (a mask is never saved)."""
    stored = get_visit(session, visit_id)
    shown = mask_detail(session, principal, stored)
    if not shown.identity_masked:
        return draft
    clear, masked = stored.to_draft(), shown.to_draft()
    changes = {name: getattr(clear, name) for name in _IDENTITY_DRAFT_FIELDS
               if getattr(draft, name) == getattr(masked, name) != getattr(clear, name)}
    members = [clear.members[i] if i < len(masked.members) and m == masked.members[i] else m
               for i, m in enumerate(draft.members)]
    return replace(draft, members=members, **changes)


def visit_members(session: Session, visit_id: int) -> list[GroupMember]:
    return [
        GroupMember(r.full_name, kinds.IdDocType(r.id_doc_type), r.id_number, r.address, r.phone,
                    r.is_representative)
        for r in logbook.members_of(session, visit_id)
    ]


# --- the logbook table -------------------------------------------------------------------------

def logbook_filter(query: VisitQuery) -> logbook.LogbookFilter:
    """The logbook's filter as the storage query takes it: folded words, plain codes."""
    return logbook.LogbookFilter(
        date_from=query.date_from, date_to=query.date_to, words=tuple(fold(query.text).split()),
        include_voided=query.include_voided,
        petition_type=query.petition_type.value if query.petition_type is not None else None,
        citizen_id=query.citizen_id)


def count_visits(session: Session, query: VisitQuery) -> int:
    return logbook.logbook_count(session, logbook_filter(query))


def visit_page(session: Session, query: VisitQuery, offset: int, limit: int,
               principal: Principal | None, today: date | None = None) -> list[VisitRow]:
    """One page of the logbook, sorted and filtered in SQL, identities masked for the viewer;
    with ``today``, each line's transfer limit where it owes one."""
    # A denouncer under secrecy is withheld from every viewer (domain.access.masking_plan):
    # sorted by the placeholder shown, not by the name (the order would tell it).
    rows = logbook.logbook_page(session, logbook_filter(query), query.sort.value,
                                query.descending, offset, limit, withheld_name=WITHHELD)
    counts = logbook.visit_counts(session, (r.citizen_id for r in rows))
    shown = secrecy.visit_identities(session, principal, (r.id for r in rows))
    out = [
        VisitRow(**{**_line_fields(r), "citizen_name": shown[r.id].name,
                    "id_number": shown[r.id].id_number, "address": shown[r.id].address},
                 citizen_visit_count=counts.get(r.citizen_id, 1),
                 identity_masked=any(shown[r.id].is_masked(f) for f in IdentityField),
                 identity_secret=shown[r.id].secret)
        for r in rows
    ]
    return with_transfer_due(session, out, today) if today is not None else out


def is_saved(session: Session, uid: str) -> bool:
    """A visit was saved under ``uid`` (the uid an autosaved draft was promised)."""
    return logbook.visit_id_by_uid(session, uid) is not None
