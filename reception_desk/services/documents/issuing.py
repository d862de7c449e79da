"""Issuing documents: receipts, refusal notices, appointment and transfer slips; reprint, verify.

Each form gets a number per document type and year (NĐ 30/2020: "Số: 15/BN-UBND"), assigned from
a gapless counter inside the saving transaction, and a short verification code. What was printed
is frozen as JSON in ``issued_document.payload``, so a reprint renders the very same document,
marked "BẢN SAO", with the same number.

The verification code and the QR payload printed on the receipt: ``codes``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.classification import PetitionType
from reception_desk.domain.dates import office_day
from reception_desk.domain.dates import office_time
from reception_desk.domain.numbering import visit_stt
from reception_desk.errors import UserError
from reception_desk.printing.dto import Paper
from reception_desk.printing.layout import document_number
from reception_desk.services.access import secrecy
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.services.documents.codes import DocType
from reception_desk.services.documents.codes import display_code
from reception_desk.services.documents.codes import new_code
from reception_desk.services.documents.codes import normalise_code
from reception_desk.services.documents.codes import parse_qr
from reception_desk.services.documents.codes import qr_payload
from reception_desk.services.documents.dto import AppointmentCommand
from reception_desk.services.documents.dto import IssuedDocumentDTO
from reception_desk.services.documents.dto import PrintedDocument
from reception_desk.services.documents.dto import RefusalCommand
from reception_desk.services.documents.dto import TransferCommand
from reception_desk.services.documents.dto import Verification
from reception_desk.services.documents.forms import appointment_data
from reception_desk.services.documents.forms import open_visit
from reception_desk.services.documents.forms import receipt_data
from reception_desk.services.documents.forms import refusal_data
from reception_desk.services.documents.forms import transfer_data
from reception_desk.services.documents.payload import comparable
from reception_desk.services.documents.payload import dump_form
from reception_desk.services.documents.payload import form_from_payload
from reception_desk.services.documents.payload import form_payload
from reception_desk.services.documents.payload import render_form
from reception_desk.services.found import found
from reception_desk.services.visits import reading as visit_service
from reception_desk.storage import counters
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import IssuedDocument
from reception_desk.storage.models import Visit
from reception_desk.storage.queries import documents as issued
from reception_desk.storage.queries import visits as logbook


def _dto(row: IssuedDocument) -> IssuedDocumentDTO:
    assert row.id is not None
    doc_type = DocType(row.doc_type)
    data = row.payload.get("data", {})
    name = data.get("provider_name") or data.get("citizen_name") or data.get("sender_name") or ""
    symbol = row.symbol
    return IssuedDocumentDTO(
        id=row.id,
        doc_type=doc_type,
        year=row.year,
        number=row.number,
        number_text=f"{row.number:02d}/{symbol}",
        verification_code=row.verification_code,
        qr_payload=qr_payload(doc_type, row.number, row.year, row.verification_code),
        visit_id=row.visit_id,
        issued_at=office_time(row.issued_at),
        issued_by=row.issued_by,
        print_count=row.print_count,
        citizen_name=str(name),
    )


def _unused_code(session: Session) -> str:
    while True:  # 2^50 codes: a collision is astronomically rare, but checked
        code = new_code()
        if not issued.code_taken(session, code):
            return code


def issue(
    session: Session,
    doc_type: DocType,
    data: Any,
    *,
    visit_id: int | None,
    actor: Actor,
    now: datetime,
    case_id: int | None = None,
    series_year: int | None = None,
) -> tuple[IssuedDocumentDTO, Any, Changes]:
    """Number ``data`` (next of its type and year, gapless), freeze it and audit the issue.

    ``series_year``: the year whose series numbers it (a receipt follows its visit's year, so a
    31/12/2025 visit's receipt printed in January 2026 is numbered in 2025's series, matching
    the date it carries; NĐ 30/2020: numbers run within the calendar year). Default: today's.
    Returns the document, the numbered form data and what changed.
    """
    require_aware(now)
    year = series_year if series_year is not None else office_day(now).year
    number = counters.next_counter_value(session, counters.document_scope(doc_type.value), year)
    code = _unused_code(session)
    symbol = f"{doc_type.kind}-{data.office.symbol}"
    number_text = document_number(number, doc_type.kind, data.office.symbol)
    extra: dict[str, Any] = {"number": number_text}
    if doc_type is DocType.RECEIPT:
        extra |= {"verification_code": display_code(code),
                  "qr_payload": qr_payload(doc_type, number, year, code)}
    data = replace(data, **extra)
    row = IssuedDocument(doc_type=doc_type.value, year=year, number=number, symbol=symbol,
                         verification_code=code, visit_id=visit_id, case_id=case_id,
                         payload=form_payload(doc_type, data), issued_at=now,
                         issued_by=actor.name, print_count=1)
    session.add(row)
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="issue", entity="issued_document",
                   entity_id=row.id, after={"doc_type": doc_type.value, "number": number_text,
                                            "year": year, "visit_id": visit_id, "code": code})
    return _dto(row), data, Changes(visits={visit_id} if visit_id else set())


def _load_row(session: Session, document_id: int) -> IssuedDocument:
    return found(session.get(IssuedDocument, document_id),
                 "document.not_found", document_id=document_id)


def issue_receipt(
    session: Session, visit_id: int, actor: Actor, now: datetime, paper: Paper = Paper.A4,
    *, reuse_unchanged: bool = True,
) -> tuple[PrintedDocument, Changes]:
    """The receipt of a visit. If the visit already has a receipt with the same content, that
    receipt is reprinted as a copy (no new number); otherwise a new one is numbered."""
    issued.take_write_lock(session)
    visit = open_visit(session, visit_id)
    data = receipt_data(session, visit)
    if reuse_unchanged:
        last = issued.latest_for_visit(session, visit_id, DocType.RECEIPT.value)
        if last is not None and comparable(last.payload["data"]) == comparable(dump_form(data)):
            assert last.id is not None
            return reprint(session, last.id, actor, now, paper)
    dto, numbered, changes = issue(session, DocType.RECEIPT, data, visit_id=visit_id,
                                   actor=actor, now=now, series_year=visit.year)
    return PrintedDocument(dto, render_form(DocType.RECEIPT, numbered, paper), paper,
                           False), changes


def issue_refusal(session: Session, cmd: RefusalCommand, actor: Actor, now: datetime,
                  paper: Paper = Paper.A4) -> tuple[PrintedDocument, Changes]:
    issued.take_write_lock(session)
    visit = visit_service.get_visit(session, cmd.visit_id)  # a refused visit may be voided
    data = refusal_data(session, visit, cmd, now)
    return _issue_and_render(session, DocType.REFUSAL, data, cmd.visit_id, actor, now, paper)


def issue_appointment(session: Session, cmd: AppointmentCommand, actor: Actor, now: datetime,
                      paper: Paper = Paper.A5) -> tuple[PrintedDocument, Changes]:
    issued.take_write_lock(session)
    visit = open_visit(session, cmd.visit_id)
    data = appointment_data(session, visit, cmd, actor, now)
    return _issue_and_render(session, DocType.APPOINTMENT, data, cmd.visit_id, actor, now, paper)


def issue_transfer(session: Session, cmd: TransferCommand, actor: Actor, now: datetime,
                   paper: Paper = Paper.A4) -> tuple[PrintedDocument, Changes]:
    issued.take_write_lock(session)
    visit = open_visit(session, cmd.visit_id)
    if visit.petition_type is PetitionType.COMPLAINT:
        # A complaint outside the commune's competence is not transferred: the complainant is
        # guided to the competent body (Luật TCD 2013 Art. 26(1); LEGAL.md §1.2, §6.4).
        raise UserError("document.complaint_is_guided", field="visit_id")
    withhold = secrecy.transfer_identity(session, actor.principal, cmd.visit_id,
                                         cmd.redact_identity, cmd.reveal_reason, now)
    data = transfer_data(session, visit, replace(cmd, redact_identity=withhold), now)
    # One transfer per đơn (TT 05/2021; LEGAL.md §2.4): a re-issue replaces the earlier slip
    # and says so; the logbook prints the latest slip's number.
    earlier = issued.latest_for_visit(session, cmd.visit_id, DocType.TRANSFER.value)
    if earlier is not None:
        earlier_on = earlier.payload.get("data", {}).get("issued_on", "")
        replaces = f"{earlier.number:02d}/{earlier.symbol}"
        if earlier_on:
            replaces += f" ngày {date.fromisoformat(earlier_on):%d/%m/%Y}"
        data = replace(data, replaces=replaces)
    return _issue_and_render(session, DocType.TRANSFER, data, cmd.visit_id, actor, now, paper)


def _issue_and_render(session: Session, doc_type: DocType, data: Any, visit_id: int,
                      actor: Actor, now: datetime, paper: Paper
                      ) -> tuple[PrintedDocument, Changes]:
    if paper not in doc_type.papers:  # refuse before a number is used
        raise UserError("document.paper_unsupported", field="paper", paper=paper.value)
    dto, numbered, changes = issue(session, doc_type, data, visit_id=visit_id, actor=actor,
                                   now=now)
    return PrintedDocument(dto, render_form(doc_type, numbered, paper), paper, False), changes


def render_document(session: Session, document_id: int, paper: Paper,
                    as_copy: bool) -> PrintedDocument:
    """The stored document rendered again (no counting: e.g. another paper in the preview)."""
    row = _load_row(session, document_id)
    data = form_from_payload(row.payload)
    if as_copy:
        data = replace(data, is_copy=True)
    return PrintedDocument(_dto(row), render_form(DocType(row.doc_type), data, paper), paper,
                           as_copy)


def reprint(session: Session, document_id: int, actor: Actor, now: datetime,
            paper: Paper | None = None) -> tuple[PrintedDocument, Changes]:
    """The same document, same number, marked "BẢN SAO"; counted and audited."""
    issued.take_write_lock(session)
    require_aware(now)
    row = _load_row(session, document_id)
    doc_type = DocType(row.doc_type)
    paper = paper or doc_type.default_paper
    if paper not in doc_type.papers:
        raise UserError("document.paper_unsupported", field="paper", paper=paper.value)
    before = row.print_count
    row.print_count = before + 1
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="reprint",
                   entity="issued_document", entity_id=document_id,
                   before={"print_count": before}, after={"print_count": row.print_count})
    printed = render_document(session, document_id, paper, as_copy=True)
    return printed, Changes(visits={row.visit_id} if row.visit_id else set())


def get_document(session: Session, document_id: int) -> IssuedDocumentDTO:
    return _dto(_load_row(session, document_id))


def documents_for_visit(session: Session, visit_id: int) -> list[IssuedDocumentDTO]:
    return [_dto(r) for r in issued.for_visit(session, visit_id)]


def find_document(session: Session, doc_type: DocType, number: int,
                  year: int) -> IssuedDocumentDTO | None:
    row = issued.numbered(session, doc_type.value, number, year)
    return _dto(row) if row else None


def verify(session: Session, text: str) -> Verification:
    """Is the code (or scanned QR payload) one of ours? A payload must match in every part."""
    scanned = parse_qr(text)
    code = scanned[3] if scanned else normalise_code(text)
    if not code or len(code) > 40:
        return Verification(False, code)
    row = issued.with_code(session, code)
    if row is None:
        return Verification(False, code)
    dto = _dto(row)
    if scanned and (scanned[0], scanned[1], scanned[2]) != (dto.doc_type, dto.number, dto.year):
        return Verification(False, code)  # a real code pasted into a forged number
    visit = session.get(Visit, row.visit_id) if row.visit_id else None
    return Verification(True, code, dto,
                        visit_stt=visit_stt(visit.seq, visit.year, visit.legacy_stt,
                                            visit.legacy_year) if visit else "",
                        visit_voided=bool(visit and visit.voided_at is not None))


def visit_id_for(session: Session, reference: str) -> int:
    """A visit named by its STT ("12/2026") or its id ("57")."""
    ref = reference.strip()
    seq, slash, year = ref.partition("/")
    if slash and seq.isdigit() and year.isdigit():
        found = logbook.visit_id_by_stt(session, int(seq), int(year))
    elif ref.isdigit():
        visit = session.get(Visit, int(ref))
        found = None if visit is None else visit.id
    else:
        raise UserError("document.visit_reference_invalid", field="visit", reference=ref)
    if found is None:
        raise UserError("document.visit_not_found", field="visit", reference=ref)
    return int(found)
