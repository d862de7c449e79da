"""Logbook pages (Sổ tiếp công dân) for a date range, in the layout in force (LEGAL.md §2.1).

The layout follows each visit's date (a range crossing 01/07/2026 prints in two parts) unless the
office fixed one. The handling of every visit is printed (Luật TCD Art. 25(2)): directions without
a column of their own (refusal with its notice number, explanation, filing…) go in "Ghi chú";
transfer numbers are those of the slips actually issued; "Theo dõi kết quả" is filled from the
linked case once it has a decision or has ended.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import datetime
from functools import partial

from sqlalchemy.orm import Session

from reception_desk.domain.access import Principal
from reception_desk.domain.cases import CaseStage
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.numbering import visit_stt
from reception_desk.domain.secrecy import IdentityField
from reception_desk.errors import UserError
from reception_desk.printing.dto import LogbookData
from reception_desk.printing.dto import LogbookLayout
from reception_desk.printing.dto import LogbookRow
from reception_desk.printing.logbook import Watch
from reception_desk.printing.logbook import layout_for_date
from reception_desk.printing.logbook import render_logbook
from reception_desk.printing.logbook import render_logbook_by_date
from reception_desk.printing.wording import IDENTITY_WITHHELD
from reception_desk.printing.wording import PETITION_CODE
from reception_desk.printing.wording import PETITION_LABEL
from reception_desk.printing.wording import case_follow_up
from reception_desk.printing.wording import handling_note
from reception_desk.printing.wording import identity_cell
from reception_desk.printing.wording import period_label
from reception_desk.printing.wording import voided_note
from reception_desk.printing.wording import with_document_number
from reception_desk.printing.wording import with_note
from reception_desk.services.access import secrecy
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.office.header import header_for
from reception_desk.storage import repositories as repo
from reception_desk.storage.queries import logbook as logbook_queries
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


def _office_override(session: Session) -> LogbookLayout | None:
    setting = logbook_layout_setting(session)
    return None if setting == "auto" else LogbookLayout(setting)


def logbook_rows(session: Session, date_from: date, date_to: date,
                 layout: LogbookLayout | Callable[[date], LogbookLayout],
                 office_name: str, principal: Principal | None) -> list[LogbookRow]:
    """Visits received in the range (inclusive), in STT order; voided ones stay, noted.

    ``layout`` is one layout, or the layout of each visit's date (its type column's wording).

    The printed book masks identities as the screen does for the person printing it
    (LEGAL.md §7.1 "→ App: role-based masking of denouncer identity in lists, prints and
    exports"): a denouncer's name, address and ID paper are printed as withheld unless the
    denouncer waived secrecy (Luật Tố cáo Art. 9(1)(b), 56; TT 06/2014 Art. 18), for every
    role; the ID number and address of every other citizen are partial for a role without
    ``VIEW_PERSONAL_DATA`` (NĐ 154/2026 Art. 12(2)). The Sổ must hold the name and address
    (Luật TCD Art. 25(2), LEGAL.md §2.1): the electronic book (NĐ 154/2026 Art. 27) keeps
    them in full; a paper copy can leave the office, so it carries them only as permitted.
    """
    layout_of = layout if callable(layout) else (lambda _day, fixed=layout: fixed)
    lines = visits.printed_lines(session, date_from, date_to)
    shown = secrecy.sender_identities(session, principal, [v for v, _ in lines])
    issued = logbook_queries.issued_by_visit(
        session, (v.id for v, _ in lines if v.id is not None))
    cases = logbook_queries.linked_cases(
        session, (v.case_id for v, _ in lines if v.case_id is not None))
    rows: list[LogbookRow] = []
    for visit, issued_on in lines:
        assert visit.id is not None
        row_layout = layout_of(visit.reception_date)
        types_ = PETITION_CODE if row_layout is LogbookLayout.ND154_2026 else PETITION_LABEL
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
        docs = issued.get(visit.id or 0, [])
        # The slip actually issued wins over a number typed at the counter; a re-issued slip
        # replaces the earlier one, so the latest counts.
        slips = [d.text for d in docs if d.doc_type == "transfer"]
        refusals = [d.text for d in docs if d.doc_type == "refusal"]
        target_number = slips[-1] if slips and direction in _TRANSFERS else \
            visit.target_doc_number
        target = with_document_number(visit.target_body, target_number)
        notes = with_note(visit.notes, handling_note(direction,
                                                     refusals[-1] if refusals else ""))
        if visit.voided_at is not None:
            notes = voided_note(notes, visit.void_reason)
        accepting = ""
        if direction in _TRANSFERS:
            accepting = target
        elif direction is HandlingDirection.ACCEPT:
            accepting = office_name
        follow_up = visit.follow_up
        case = cases.get(visit.case_id) if visit.case_id is not None else None
        if case is not None:
            follow_up = with_note(follow_up, case_follow_up(
                f"{case.seq}/{case.year}", CaseStage(case.stage).is_terminal, case.closed_on,
                case.decision_number, case.decision_date))
        rows.append(LogbookRow(
            stt=visit_stt(visit.seq, visit.year, visit.legacy_stt, visit.legacy_year,
                          with_year=False),
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
            follow_up=follow_up,
            notes=notes,
        ))
    return rows


def logbook_pdf(session: Session, date_from: date, date_to: date,
                layout: LogbookLayout | None = None, *,
                principal: Principal | None,
                watch: Watch | None = None) -> tuple[bytes, LogbookLayout, int]:
    """Logbook pages for the range. Without ``layout`` (and with the office setting "auto") the
    layout follows each visit's date, so a range crossing 01/07/2026 prints June visits in the
    12-column form and July visits in the 13-column form. Returns the PDF, the layout in force
    on the range's last day (or the one chosen) and the row count. Identities are printed as
    ``principal`` may see them (``logbook_rows``)."""
    if date_to < date_from:
        raise UserError("document.range_reversed", field="date_to")
    fixed = layout if layout is not None else _office_override(session)
    chosen = layout_for_date(date_to, fixed)
    header = header_for(session)
    layout_of = partial(layout_for_date, override=fixed)
    rows = logbook_rows(session, date_from, date_to, layout_of, header.sentence_name, principal)
    data = LogbookData(office=header, period_label=period_label(date_from, date_to), rows=rows)
    if fixed is not None:
        return render_logbook(data, fixed, watch), chosen, len(rows)
    return (render_logbook_by_date(data, layout_of, period_label, empty_layout=chosen,
                                   watch=watch), chosen, len(rows))
