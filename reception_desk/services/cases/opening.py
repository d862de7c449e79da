"""Opening a case (from a logbook visit or standalone), linking it to an earlier case, and the
citizens standing in it (complainants, representatives, authorised persons)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from reception_desk.domain.cases import CaseEvent
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import open_case as domain_open_case
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.dates import as_utc
from reception_desk.domain.dates import office_day
from reception_desk.domain.text import clean_block
from reception_desk.domain.text import clean_line
from reception_desk.domain.text import fold
from reception_desk.errors import UserError
from reception_desk.services.cases.detail import case_detail
from reception_desk.services.cases.dto import CaseDetail
from reception_desk.services.cases.dto import ComplainantRole
from reception_desk.services.cases.dto import LinkKind
from reception_desk.services.cases.dto import NewCase
from reception_desk.services.cases.history import case_json
from reception_desk.services.cases.history import criteria_json
from reception_desk.services.cases.history import document_number_of
from reception_desk.services.cases.history import event_json
from reception_desk.services.cases.history import load_case
from reception_desk.services.cases.history import stage_deadline
from reception_desk.services.cases.history import write_caches
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.services.office.rules import deadline_rules
from reception_desk.services.office.rules import office_calendar
from reception_desk.storage import counters
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import CaseCitizen
from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import FieldCategory
from reception_desk.storage.models import Visit
from reception_desk.storage.queries import cases

TITLE_MAX = 500
_TITLE_FROM_CONTENT = 160

_TYPE_OF_PETITION = {
    PetitionType.COMPLAINT: CaseType.COMPLAINT_FIRST,
    PetitionType.DENUNCIATION: CaseType.DENUNCIATION,
    PetitionType.PETITION: CaseType.PETITION,
    PetitionType.REFLECTION: CaseType.REFLECTION,
}


# --- opening -------------------------------------------------------------------------------


def open_case(session: Session, cmd: NewCase, actor: Actor,
              now: datetime) -> tuple[CaseDetail, Changes]:
    """Open a case from a logbook visit or standalone; numbered per year without gaps."""
    require_aware(now)
    changes = Changes()
    visit: Visit | None = None
    citizen_ids = list(dict.fromkeys(cmd.citizen_ids))
    case_type = cmd.case_type
    title = clean_line(cmd.title)
    content = clean_block(cmd.content)
    field_code = cmd.field_code
    if cmd.visit_id is not None:
        # The row lock: two counters opening a case from one visit at once make one case.
        visit = session.get(Visit, cmd.visit_id, with_for_update=True)
        if visit is None:
            raise UserError("case.visit_not_found", field="visit_id", visit_id=cmd.visit_id)
        if visit.voided_at is not None:
            raise UserError("case.visit_voided", field="visit_id", visit_id=visit.id)
        if visit.case_id is not None:
            raise UserError("case.visit_already_linked", field="visit_id", visit_id=visit.id,
                            case_id=visit.case_id)
        if case_type is None:
            case_type = _TYPE_OF_PETITION[PetitionType(visit.petition_type)]
        content = content or visit.content
        title = title or title_from(visit.content)
        field_code = field_code or visit.field_code
        if visit.citizen_id not in citizen_ids:
            citizen_ids.insert(0, visit.citizen_id)
        moment = as_utc(visit.received_at)
        received_on = visit.reception_date
    else:
        moment = now
        received_on = cmd.received_on or office_day(now)
    if case_type is None:
        raise UserError("case.type_required", field="case_type")
    if not title:
        raise UserError("case.title_required", field="title")
    if len(title) > TITLE_MAX:
        raise UserError("case.title_too_long", field="title", max=TITLE_MAX, actual=len(title))
    if received_on > office_day(now):
        raise UserError("case.received_in_future", field="received_on", on=received_on)
    if field_code is not None and session.get(FieldCategory, field_code) is None:
        raise UserError("case.field_unknown", field="field_code")
    for citizen_id in citizen_ids:
        if session.get(Citizen, citizen_id) is None:
            raise UserError("case.citizen_not_found", field="citizen_ids", citizen_id=citizen_id)
    document_number = document_number_of(cmd.document_number)
    # The RECEIVE event's legal date is the day the matter arrived (document_date when given).
    received = CaseEvent(
        kind=EventKind.RECEIVE, actor=actor.name, moment=moment,
        document_number=document_number or None,
        document_date=cmd.document_date or (received_on if visit is None else None),
        level=cmd.level, criteria=frozenset(cmd.criteria) or None,
    )
    state = domain_open_case(case_type, received, complaint_object=cmd.complaint_object,
                             remote=cmd.remote)
    if visit is None and cmd.document_date is not None:
        received_on = state.received_on
    calendar, rules = office_calendar(session), deadline_rules(session)
    deadline = stage_deadline(state, calendar, rules)

    year = received_on.year
    seq = counters.next_counter_value(session, counters.CASE_NUMBER, year)
    case = CaseFile(
        uid=str(uuid.uuid4()), year=year, seq=seq, case_type=case_type.value,
        complaint_object=cmd.complaint_object.value if cmd.complaint_object else None,
        title=title, title_key=fold(title), content=content, field_code=field_code,
        respondents=clean_block(cmd.respondents), level=state.level.value,
        competent_body=clean_line(cmd.competent_body), remote=cmd.remote,
        criteria=criteria_json(state.criteria),
        within_commune_competence=cmd.within_commune_competence, stage=state.stage.value,
        received_on=received_on, created_at=now, created_by=actor.name, updated_at=now,
    )
    write_caches(case, state, deadline)
    session.add(case)
    session.flush()
    assert case.id is not None
    if cmd.previous_case_id is not None or cmd.link_kind is not None:
        _link(session, case, cmd.previous_case_id, cmd.link_kind)
    row = CaseEventRow(
        case_id=case.id, position=1, kind=EventKind.RECEIVE.value, actor=actor.name,
        moment=moment, document_number=document_number, document_date=received.document_date,
        level=cmd.level.value, body=clean_line(cmd.body),
        criteria=criteria_json(received.criteria), note=clean_block(cmd.note),
    )
    session.add(row)
    for citizen_id in citizen_ids:
        session.add(CaseCitizen(case_id=case.id, citizen_id=citizen_id))
    if visit is not None:
        visit.case_id = case.id
        visit.updated_at = now
        visit.version += 1
        repo.add_audit(session, at=now, actor=actor.name, action="link_case", entity="visit",
                       entity_id=visit.id, before={"case_id": None},
                       after={"case_id": case.id})
        assert visit.id is not None
        changes.visits.add(visit.id)
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="create", entity="case",
                   entity_id=case.id,
                   after={**case_json(case), "citizens": citizen_ids,
                          "visit_id": cmd.visit_id, "event": event_json(row)})
    changes.cases.add(case.id)
    return case_detail(session, case.id, office_day(now), calendar, rules), changes


def title_from(content: str) -> str:
    """A case title from a visit's content: its first words, cut at a word."""
    line = " ".join(content.split())
    if len(line) <= _TITLE_FROM_CONTENT:
        return line
    cut = line[:_TITLE_FROM_CONTENT].rsplit(" ", 1)[0]
    return cut + "…"


# --- links ---------------------------------------------------------------------------------


def _expected_link(case_type: CaseType) -> tuple[LinkKind, CaseType] | None:
    if case_type is CaseType.COMPLAINT_SECOND:
        return LinkKind.SECOND_COMPLAINT, CaseType.COMPLAINT_FIRST
    if case_type is CaseType.DENUNCIATION:
        return LinkKind.REPEAT_DENUNCIATION, CaseType.DENUNCIATION
    return None


def _link(session: Session, case: CaseFile, previous_id: int | None,
          link_kind: LinkKind | None) -> None:
    if previous_id is None or link_kind is None:
        raise UserError("case.link_incomplete", field="previous_case_id")
    expected = _expected_link(CaseType(case.case_type))
    if expected is None or expected[0] is not LinkKind(link_kind):
        raise UserError("case.link_kind_invalid", field="link_kind", link_kind=link_kind,
                        case_type=case.case_type)
    if previous_id == case.id:
        raise UserError("case.link_to_itself", field="previous_case_id")
    previous = session.get(CaseFile, previous_id)
    if previous is None:
        raise UserError("case.not_found", field="previous_case_id", case_id=previous_id)
    if CaseType(previous.case_type) is not expected[1]:
        raise UserError("case.link_type_mismatch", field="previous_case_id",
                        link_kind=link_kind, previous_type=previous.case_type)
    # Walk back from the earlier case: the chain must not come round to this one.
    seen = {case.id}
    cursor: CaseFile | None = previous
    while cursor is not None:
        if cursor.id in seen:
            raise UserError("case.link_cycle", field="previous_case_id")
        seen.add(cursor.id)
        cursor = session.get(CaseFile, cursor.previous_case_id) if cursor.previous_case_id \
            else None
    case.previous_case_id = previous_id
    case.link_kind = LinkKind(link_kind).value


def link_case(session: Session, case_id: int, previous_case_id: int, link_kind: LinkKind,
              actor: Actor, now: datetime) -> tuple[CaseDetail, Changes]:
    """Link a second complaint to the first, or a repeat denunciation to the original."""
    require_aware(now)
    case = load_case(session, case_id, lock=True)
    before = {"previous_case_id": case.previous_case_id, "link_kind": case.link_kind}
    _link(session, case, previous_case_id, link_kind)
    case.updated_at = now
    case.version += 1
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="link", entity="case",
                   entity_id=case_id, before=before,
                   after={"previous_case_id": case.previous_case_id,
                          "link_kind": case.link_kind})
    return case_detail(session, case_id, office_day(now)), Changes(
        cases={case_id, previous_case_id})


# --- complainants ----------------------------------------------------------------------------


def _role(value: str) -> ComplainantRole:
    try:
        return ComplainantRole(value)
    except ValueError:
        raise UserError("case.complainant_role_invalid", field="role", role=value) from None


def add_complainant(session: Session, case_id: int, citizen_id: int, role: str,
                    actor: Actor, now: datetime) -> tuple[CaseDetail, Changes]:
    """Link one more citizen to a case: a co-complainant, a representative, an authorised person.

    A citizen stands once in a case (one role); the audit row is written in the same transaction.
    """
    require_aware(now)
    wanted = _role(role)
    case = load_case(session, case_id, lock=True)
    citizen = session.get(Citizen, citizen_id)
    if citizen is None:
        raise UserError("case.citizen_not_found", field="citizen_id", citizen_id=citizen_id)
    existing = session.get(CaseCitizen, (case_id, citizen_id))
    if existing is not None:
        raise UserError("case.complainant_duplicate", field="citizen_id", citizen_id=citizen_id,
                        name=citizen.full_name, role=existing.role)
    session.add(CaseCitizen(case_id=case_id, citizen_id=citizen_id, role=wanted.value))
    case.updated_at = now
    case.version += 1
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="add_complainant", entity="case",
                   entity_id=case_id, before=None,
                   after={"citizen_id": citizen_id, "name": citizen.full_name,
                          "role": wanted.value})
    return case_detail(session, case_id, office_day(now)), Changes(
        cases={case_id}, citizens={citizen_id})


def remove_complainant(session: Session, case_id: int, citizen_id: int, actor: Actor,
                       now: datetime) -> tuple[CaseDetail, Changes]:
    """Unlink a citizen from a case; a case keeps at least one complainant (role complainant)."""
    require_aware(now)
    case = load_case(session, case_id, lock=True)
    links = cases.links_of(session, case_id)
    link = next((c for c in links if c.citizen_id == citizen_id), None)
    if link is None:
        raise UserError("case.complainant_not_linked", field="citizen_id",
                        citizen_id=citizen_id)
    if not any(c.role == ComplainantRole.COMPLAINANT.value
               for c in links if c.citizen_id != citizen_id):
        raise UserError("case.last_complainant", field="citizen_id", citizen_id=citizen_id)
    citizen = session.get(Citizen, citizen_id)
    before = {"citizen_id": citizen_id, "name": citizen.full_name if citizen else "",
              "role": link.role}
    session.delete(link)
    case.updated_at = now
    case.version += 1
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="remove_complainant",
                   entity="case", entity_id=case_id, before=before, after=None)
    return case_detail(session, case_id, office_day(now)), Changes(
        cases={case_id}, citizens={citizen_id})
