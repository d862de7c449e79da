"""Logbook pages (Sổ tiếp công dân) for a date range, in the layout in force (LEGAL.md §2.1)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from reception_desk.domain.access import IdentityField, Principal
from reception_desk.domain.classification import HandlingDirection, IdDocType, PetitionType
from reception_desk.errors import UserError
from reception_desk.printing.dto import LogbookData, LogbookLayout, LogbookRow
from reception_desk.printing.logbook import layout_for_date, render_logbook
from reception_desk.printing.wording import (
    IDENTITY_WITHHELD,
    PETITION_CODE,
    PETITION_LABEL,
    identity_cell,
    period_label,
    voided_note,
    with_document_number,
)
from reception_desk.services.access import secrecy
from reception_desk.services.context import Actor, Changes
from reception_desk.services.office.header import header_for
from reception_desk.storage import repositories as repo
from reception_desk.storage.queries import visits

LOGBOOK_LAYOUT_SETTING = "logbook_layout"
LOGBOOK_LAYOUT_CHOICES = ("auto", LogbookLayout.TT04_2021.value, LogbookLayout.ND154_2026.value)


def logbook_layout_setting(session: Session) -> str:
    value = repo.get_setting(session, LOGBOOK_LAYOUT_SETTING)
    return value if value in LOGBOOK_LAYOUT_CHOICES else "auto"


def set_logbook_layout(session: Session, value: str, actor: Actor,
                       now: datetime, expected_version: int | None = None) -> Changes:
    """Office setting: "auto" (by date), "tt04_2021" or "nd154_2026" (LEGAL.md §12 q.1)."""
    if value not in LOGBOOK_LAYOUT_CHOICES:
        raise UserError("document.layout_unknown", field="logbook_layout", layout=value)
    before = repo.put_setting(session, LOGBOOK_LAYOUT_SETTING, value, at=now, actor=actor.name,
                              expected_version=expected_version)
    repo.add_audit(session, at=now, actor=actor.name, action="update" if before else "create",
                   entity="setting", entity_id=LOGBOOK_LAYOUT_SETTING, before=before,
                   after=value)
    return Changes(settings={LOGBOOK_LAYOUT_SETTING})


def logbook_layout_for(session: Session, day: date,
                       override: LogbookLayout | None = None) -> LogbookLayout:
    if override is None:
        setting = logbook_layout_setting(session)
        override = None if setting == "auto" else LogbookLayout(setting)
    return layout_for_date(day, override)


_TRANSFERS = frozenset({HandlingDirection.TRANSFER, HandlingDirection.TO_POLICE,
                        HandlingDirection.TO_PARTY, HandlingDirection.REQUIRE_LOWER})


def logbook_rows(session: Session, date_from: date, date_to: date, layout: LogbookLayout,
                 office_name: str, principal: Principal | None) -> list[LogbookRow]:
    """Visits received in the range (inclusive), in STT order; voided ones stay, noted.

    The printed book masks identities as the screen does for the person printing it
    (LEGAL.md §7.1 "→ App: role-based masking of denouncer identity in lists, prints and
    exports"): a denouncer's name, address and ID paper are printed as withheld unless the
    denouncer waived secrecy (Luật Tố cáo Art. 9(1)(b), 56; TT 06/2014 Art. 18), for every
    role; the ID number and address of every other citizen are partial for a role without
    ``VIEW_PERSONAL_DATA`` (NĐ 154/2026 Art. 12(2)). The Sổ must hold the name and address
    (Luật TCD Art. 25(2), LEGAL.md §2.1): the electronic book (NĐ 154/2026 Art. 27) keeps
    them in full; a paper copy can leave the office, so it carries them only as permitted.
    """
    types_ = PETITION_CODE if layout is LogbookLayout.ND154_2026 else PETITION_LABEL
    rows: list[LogbookRow] = []
    lines = visits.printed_lines(session, date_from, date_to)
    shown = secrecy.sender_identities(session, principal, [v for v, _ in lines])
    for visit, issued_on in lines:
        assert visit.id is not None
        who = shown[visit.id]
        if who.secret:
            name, address, id_doc = IDENTITY_WITHHELD, "", ""
        elif who.is_masked(IdentityField.ID_NUMBER):
            name, address = who.name, who.address
            id_doc = identity_cell(IdDocType(visit.id_doc_type), who.id_number, None)
        else:
            name, address = who.name, who.address
            id_doc = identity_cell(IdDocType(visit.id_doc_type), visit.id_number, issued_on)
        direction = HandlingDirection(visit.direction)
        target = with_document_number(visit.target_body, visit.target_doc_number)
        notes = visit.notes
        if visit.voided_at is not None:
            notes = voided_note(notes, visit.void_reason)
        accepting = ""
        if direction in _TRANSFERS:
            accepting = target
        elif direction is HandlingDirection.ACCEPT:
            accepting = office_name
        rows.append(LogbookRow(
            stt=visit.seq,
            received_on=visit.reception_date,
            name=name,
            address=address,
            id_doc=id_doc,
            content=visit.content,
            type_label=types_[PetitionType(visit.petition_type)],
            people_count=visit.people_count,
            handled_by=visit.prior_bodies,
            direction=direction,
            within_competence=visit.within_competence,
            guidance=target if direction is HandlingDirection.GUIDE else "",
            accepting_body=accepting,
            follow_up=visit.follow_up,
            notes=notes,
        ))
    return rows


def logbook_pdf(session: Session, date_from: date, date_to: date,
                layout: LogbookLayout | None = None, *,
                principal: Principal | None) -> tuple[bytes, LogbookLayout, int]:
    """Logbook pages for the range; the layout is the one in force on the range's last day
    (or the office setting / ``layout``). Returns the PDF, the layout and the row count."""
    if date_to < date_from:
        raise UserError("document.range_reversed", field="date_to")
    chosen = logbook_layout_for(session, date_to, layout)
    header = header_for(session)
    rows = logbook_rows(session, date_from, date_to, chosen, header.sentence_name, principal)
    data = LogbookData(office=header, period_label=period_label(date_from, date_to), rows=rows)
    return render_logbook(data, chosen), chosen, len(rows)
