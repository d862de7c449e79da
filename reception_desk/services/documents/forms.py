"""Building each form's data from a visit: receipt, refusal notice, appointment slip, transfer
slip, and the starting values of their dialogs."""

from __future__ import annotations

from datetime import datetime
from datetime import time
from datetime import timedelta

from sqlalchemy.orm import Session

from reception_desk.domain.dates import day_start
from reception_desk.domain.dates import office_day
from reception_desk.domain.dates import office_time
from reception_desk.domain.text import clean_block
from reception_desk.domain.text import clean_line
from reception_desk.errors import UserError
from reception_desk.printing.dto import AppointmentSlipData
from reception_desk.printing.dto import DocumentItem
from reception_desk.printing.dto import IdentityPaper
from reception_desk.printing.dto import ReceiptData
from reception_desk.printing.dto import RefusalNoticeData
from reception_desk.printing.dto import TransferSlipData
from reception_desk.printing.wording import CONDITION_LABEL
from reception_desk.printing.wording import ID_LABEL
from reception_desk.printing.wording import IDENTITY_WITHHELD
from reception_desk.printing.wording import PETITION_NOUN
from reception_desk.printing.wording import REFUSAL_BASIS
from reception_desk.printing.wording import TITLE_BY_SEX
from reception_desk.printing.wording import TRANSFER_BASIS
from reception_desk.printing.wording import chair_of
from reception_desk.printing.wording import handed_in
from reception_desk.printing.wording import office_seat
from reception_desk.printing.wording import petition_kind
from reception_desk.printing.wording import slip_writer
from reception_desk.services.access import secrecy
from reception_desk.services.context import Actor
from reception_desk.services.context import require_aware
from reception_desk.services.documents.dto import AppointmentCommand
from reception_desk.services.documents.dto import FormDefaults
from reception_desk.services.documents.dto import RefusalCommand
from reception_desk.services.documents.dto import TransferCommand
from reception_desk.services.office import setup as office_service
from reception_desk.services.office.header import header_for
from reception_desk.services.office.rules import office_calendar
from reception_desk.services.visits import reading as visit_service
from reception_desk.services.visits.dto import VisitDetail
from reception_desk.storage.models import Staff

# --- office and people as printed --------------------------------------------------------------


def _identity(visit: VisitDetail) -> IdentityPaper | None:
    label = ID_LABEL.get(visit.id_doc_type)
    if label is None or not visit.id_number:
        return None
    c = visit.citizen
    return IdentityPaper(label, visit.id_number, c.id_issue_date if c else None,
                         c.id_issue_place if c else "")


def _citizen_title(visit: VisitDetail) -> str:
    return TITLE_BY_SEX[visit.citizen.sex if visit.citizen else None]


def _staff_position(session: Session, staff_id: int | None) -> str:
    staff = session.get(Staff, staff_id) if staff_id is not None else None
    return staff.position if staff else ""


def open_visit(session: Session, visit_id: int) -> VisitDetail:
    visit = visit_service.get_visit(session, visit_id)
    if visit.voided:
        raise UserError("document.visit_voided", visit=visit.stt)
    return visit


# --- building each form ------------------------------------------------------------------------


def receipt_data(session: Session, visit: VisitDetail) -> ReceiptData:
    """The receipt of ``visit`` before it is numbered: one row per document handed in."""
    header = header_for(session)
    return ReceiptData(
        office=header,
        issued_at=visit.received_at,
        place=office_seat(header),
        receiver_name=visit.receiving_staff_name,
        receiver_position=_staff_position(session, visit.receiving_staff_id),
        provider_name=visit.citizen_name,
        provider_title=_citizen_title(visit),
        address=visit.address,
        identity=_identity(visit),
        documents=tuple(DocumentItem(d.name, d.pages, CONDITION_LABEL[d.condition])
                        for d in visit.documents),
    )


def refusal_data(session: Session, visit: VisitDetail, cmd: RefusalCommand,
                 now: datetime) -> RefusalNoticeData:
    reason = clean_block(cmd.reason)
    if not reason:
        raise UserError("document.reason_required", field="reason")
    basis = clean_line(cmd.legal_basis) or REFUSAL_BASIS
    return RefusalNoticeData(
        office=header_for(session),
        number="",
        issued_on=office_day(now),
        citizen_name=visit.citizen_name,
        citizen_title=_citizen_title(visit),
        address=visit.address,
        identity=_identity(visit),
        visited_on=visit.reception_date,
        matter_kind=PETITION_NOUN[visit.petition_type],
        matter_summary=visit.content.rstrip(". "),
        legal_basis=basis,
        reason=reason,
        for_information=tuple(clean_line(x) for x in cmd.for_information if clean_line(x)),
        for_coordination=tuple(clean_line(x) for x in cmd.for_coordination if clean_line(x)),
    )


def appointment_data(session: Session, visit: VisitDetail, cmd: AppointmentCommand,
                     actor: Actor, now: datetime) -> AppointmentSlipData:
    require_aware(cmd.appointment_at)
    if cmd.appointment_at < now:
        raise UserError("document.appointment_in_past", field="appointment_at")
    header = header_for(session)
    issuer_name = ""
    if actor.staff_id is not None and session.get(Staff, actor.staff_id) is not None:
        issuer_name = actor.name
    return AppointmentSlipData(
        office=header,
        issued_on=office_day(now),
        citizen_name=visit.citizen_name,
        citizen_title=_citizen_title(visit),
        address=visit.address,
        identity=_identity(visit),
        matter_summary=visit.content.rstrip(". "),
        appointment_at=office_time(cmd.appointment_at),
        appointment_place=clean_line(cmd.place) or office_seat(header),
        meet_with=clean_line(cmd.meet_with) or chair_of(header),
        bring=tuple(clean_line(x) for x in cmd.bring if clean_line(x)),
        contact=clean_line(cmd.contact),
        issuer=slip_writer(issuer_name),
    )


def transfer_data(session: Session, visit: VisitDetail, cmd: TransferCommand,
                  now: datetime) -> TransferSlipData:
    addressee = clean_line(cmd.addressee) or visit.target_body
    if not addressee:
        raise UserError("document.addressee_required", field="addressee")
    attachments = clean_line(cmd.attachments) or _default_attachments(visit)
    # Decided by issue_transfer (services.access.secrecy.transfer_identity, the one rule);
    # undecided counts as withheld, the safe side.
    withheld = cmd.redact_identity is not False
    return TransferSlipData(
        office=header_for(session),
        number="",
        issued_on=office_day(now),
        addressee=addressee,
        petition_kind=petition_kind(visit.petition_type),
        received_on=visit.reception_date,
        sender_name=IDENTITY_WITHHELD if withheld else visit.citizen_name,
        sender_title="" if withheld else _citizen_title(visit).lower(),
        address=IDENTITY_WITHHELD if withheld else visit.address,
        identity=None if withheld else _identity(visit),
        summary=clean_block(cmd.summary) or visit.content,
        legal_basis=clean_line(cmd.legal_basis) or TRANSFER_BASIS[visit.petition_type],
        attachments=attachments,
        notify_sender=cmd.notify_sender,
        for_information=tuple(clean_line(x) for x in cmd.for_information if clean_line(x)),
        identity_withheld=withheld,
    )


def _default_attachments(visit: VisitDetail) -> str:
    return handed_in(len(visit.documents))


APPOINTMENT_HOUR = 8


def form_defaults(session: Session, visit_id: int, now: datetime) -> FormDefaults:
    """Starting values of the refusal, appointment and transfer dialogs for ``visit_id``."""
    require_aware(now)
    visit = visit_service.get_visit(session, visit_id)
    header = header_for(session)
    today = office_day(now)
    day = office_calendar(session).next_working_day(today + timedelta(days=1))
    at = day_start(day, time(APPOINTMENT_HOUR))
    leaders = tuple(f"{s.full_name}, {s.position}" if s.position else s.full_name
                    for s in office_service.list_staff(session) if s.role.can_preside)
    return FormDefaults(
        appointment_at=at,
        appointment_place=office_seat(header),
        meet_with=(chair_of(header), *leaders),
        transfer_addressee=visit.target_body,
        transfer_basis=TRANSFER_BASIS[visit.petition_type],
        transfer_attachments=_default_attachments(visit),
        redact_by_default=secrecy.transfer_default(session, visit_id),
        matter_kind=PETITION_NOUN[visit.petition_type],
    )
