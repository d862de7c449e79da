"""The minutes for signature (issue 14 items 4 and 5): Biên bản tiếp công dân of a visit and
Biên bản đối thoại of a dialogue, built for the acting user and rendered by printing.minutes.

Secrecy (LEGAL.md §7.1; domain.secrecy.masking_plan, the one rule): the citizen's identity on the
visit minutes goes through ``secrecy.visit_identities`` like every other print. For a denouncer
under secrecy that means WITHHELD for every viewer, whatever their rights: the minutes print
"(đã được giữ bí mật)" in place of the name, address and identity paper, and leave the citizen's
signature line unnamed. Why not print the name for those allowed to reveal it: the minutes are a
paper that travels (one copy to the citizen, one to the file handed to verifiers), and Luật TC
Art. 56 asks that the denouncer's identifying data be stripped from the papers before they go to
verifiers; the signature under the minutes already ties them to the person, and the clear
identity stays in the logbook record behind a logged reveal. A denouncer who waived secrecy (or
any other citizen) prints as the viewer may see them: name in clear, the ID number, phone and
address in clear only with VIEW_PERSONAL_DATA.

A dialogue is held on complaints only; complainants are not under secrecy, and the participant
names are those the office typed for the dialogue.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from reception_desk.domain.access import Principal
from reception_desk.domain.dates import office_time
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.domain.secrecy import IdentityField
from reception_desk.errors import UserError
from reception_desk.printing.dto import DocumentItem
from reception_desk.printing.dto import IdentityPaper
from reception_desk.printing.dto import Paper
from reception_desk.printing.minutes import DialogueLine
from reception_desk.printing.minutes import DialogueMinutesData
from reception_desk.printing.minutes import VisitMinutesData
from reception_desk.printing.minutes import render_dialogue_minutes
from reception_desk.printing.minutes import render_visit_minutes
from reception_desk.printing.wording import CONDITION_LABEL
from reception_desk.printing.wording import DIRECTION_LABEL
from reception_desk.printing.wording import ID_LABEL
from reception_desk.printing.wording import IDENTITY_WITHHELD
from reception_desk.printing.wording import TITLE_BY_SEX
from reception_desk.printing.wording import office_seat
from reception_desk.services.access import secrecy
from reception_desk.services.cases import dialogue_rule
from reception_desk.services.cases.dto import case_number
from reception_desk.services.cases.history import load_case
from reception_desk.services.documents.forms import _staff_position
from reception_desk.services.office.header import header_for
from reception_desk.services.visits import reading as visit_service
from reception_desk.services.visits.dto import VisitDetail
from reception_desk.storage.models import DialogueRow

ROLE_WORDS: dict[ParticipantRole, str] = {
    ParticipantRole.PRESIDING: "Người chủ trì",
    ParticipantRole.COMPLAINANT: "Người khiếu nại",
    ParticipantRole.RESPONDENT: "Người bị khiếu nại",
    ParticipantRole.BODY: "Cơ quan, tổ chức, cá nhân có liên quan",
    ParticipantRole.MINUTE_TAKER: "Người ghi biên bản",
}


def _answer(visit: VisitDetail) -> str:
    """What the officer answered or how they guided the citizen, from the handling recorded."""
    parts = [DIRECTION_LABEL[visit.direction]]
    if visit.target_body:
        parts[0] += f": {visit.target_body}"
    if visit.follow_up:
        parts.append(visit.follow_up)
    return ". ".join(p.rstrip(". ") for p in parts if p) + "."


def visit_minutes_data(session: Session, principal: Principal | None, visit_id: int,
                       minute_taker: str = "") -> VisitMinutesData:
    """The visit's minutes as ``principal`` may print them (see the module note on secrecy)."""
    visit = visit_service.get_visit(session, visit_id)
    if visit.voided:
        raise UserError("minutes.visit_voided", visit=visit.stt)
    shown = secrecy.visit_identities(session, principal, [visit_id])[visit_id]
    header = header_for(session)
    label = ID_LABEL.get(visit.id_doc_type)
    identity = None
    if not shown.secret and label is not None and visit.id_number:
        c = visit.citizen
        clear = not shown.is_masked(IdentityField.ID_NUMBER)
        identity = IdentityPaper(label, shown.text(IdentityField.ID_NUMBER),
                                 c.id_issue_date if c and clear else None,
                                 c.id_issue_place if c and clear else "")
    return VisitMinutesData(
        office=header, held_at=visit.received_at, place=office_seat(header),
        officer_name=visit.receiving_staff_name,
        officer_position=_staff_position(session, visit.receiving_staff_id),
        presiding_name=visit.presiding_leader_name if visit.presiding_leader_id else "",
        presiding_position=_staff_position(session, visit.presiding_leader_id),
        citizen_title=TITLE_BY_SEX[visit.citizen.sex if visit.citizen else None],
        citizen_name=shown.text(IdentityField.NAME, IDENTITY_WITHHELD),
        address=shown.text(IdentityField.ADDRESS, IDENTITY_WITHHELD),
        identity=identity, people_count=visit.people_count, content=visit.content,
        documents=tuple(DocumentItem(d.name, d.pages, CONDITION_LABEL[d.condition])
                        for d in visit.documents),
        answer=_answer(visit), minute_taker=minute_taker.strip(),
        identity_withheld=shown.secret, visit_number=visit.stt)


def render_visit(session: Session, principal: Principal | None, visit_id: int,
                 paper: Paper = Paper.A4, minute_taker: str = "") -> bytes:
    return render_visit_minutes(visit_minutes_data(session, principal, visit_id, minute_taker),
                                paper)


def dialogue_minutes_data(session: Session, dialogue_id: int) -> DialogueMinutesData:
    row = session.get(DialogueRow, dialogue_id)
    if row is None:
        raise UserError("dialogue.not_found", dialogue_id=dialogue_id)
    people = dialogue_rule.dialogues_of(session, row.case_id)
    dto = next(d for d in people if d.id == dialogue_id)
    case = load_case(session, row.case_id)
    lines = tuple(DialogueLine(ROLE_WORDS[p.role], p.name, p.position, p.opinion)
                  for p in dto.participants)

    def first(role: ParticipantRole) -> str:
        return next((p.name for p in dto.participants if p.role is role), "")

    signers = tuple(DialogueLine(ROLE_WORDS[p.role], p.name, p.position, "")
                    for p in dto.participants
                    if p.role in (ParticipantRole.COMPLAINANT, ParticipantRole.RESPONDENT))
    return DialogueMinutesData(
        office=header_for(session), held_at=dto.held_at or office_time(row.scheduled_at),
        place=dto.place, case_number=case_number(case.seq, case.year), case_title=case.title,
        topic=dto.topic, participants=lines, result=dto.result,
        presiding=first(ParticipantRole.PRESIDING),
        minute_taker=first(ParticipantRole.MINUTE_TAKER), signers=signers)


def render_dialogue(session: Session, dialogue_id: int, paper: Paper = Paper.A4) -> bytes:
    return render_dialogue_minutes(dialogue_minutes_data(session, dialogue_id), paper)
