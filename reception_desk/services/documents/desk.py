"""The documents facade of ``Desk``: issue, reprint, render and verify printed forms.

Each method is one unit of work on the desk's database with its clock and acting user; results
are plain data (PDF bytes included), never ORM objects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from datetime import datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from reception_desk.domain.access import Permission
from reception_desk.printing.dto import LogbookLayout
from reception_desk.printing.dto import Paper
from reception_desk.printing.logbook import Watch
from reception_desk.printing.wording import IDENTITY_WITHHELD
from reception_desk.printing.wording import REFUSAL_GROUNDS
from reception_desk.printing.wording import RefusalGround
from reception_desk.services.access.rights import needs
from reception_desk.services.access.rights import refusal
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.documents import forms
from reception_desk.services.documents import issuing
from reception_desk.services.documents import logbook
from reception_desk.services.documents import minutes
from reception_desk.services.documents.codes import DocType
from reception_desk.services.documents.dto import AppointmentCommand
from reception_desk.services.documents.dto import FormDefaults
from reception_desk.services.documents.dto import IssuedDocumentDTO
from reception_desk.services.documents.dto import PrintedDocument
from reception_desk.services.documents.dto import RefusalCommand
from reception_desk.services.documents.dto import TransferCommand
from reception_desk.services.documents.dto import Verification
from reception_desk.services.facade import Facade

_Command = TypeVar("_Command")
#: Hands the rendered document over (writes the PDF file) before its number is committed: if it
#: raises, the unit of work rolls back and the number is not used up.
Deliver = Callable[[PrintedDocument], None]
#: ``issuing.issue_refusal`` and its kind: (session, command, actor, now, paper).
_IssueForm = Callable[[Session, _Command, Actor, datetime, Paper], tuple[PrintedDocument, Changes]]

__all__ = [
    "IDENTITY_WITHHELD",
    "REFUSAL_GROUNDS",
    "AppointmentCommand",
    "DocType",
    "DocumentDesk",
    "FormDefaults",
    "IssuedDocumentDTO",
    "LogbookLayout",
    "LogbookPages",
    "Paper",
    "PrintedDocument",
    "RefusalCommand",
    "RefusalGround",
    "TransferCommand",
    "Verification",
]


class LogbookPages:
    """Logbook pages as printed: the PDF, the layout used and how many visits it lists."""

    def __init__(self, pdf: bytes, layout: LogbookLayout, rows: int) -> None:
        self.pdf = pdf
        self.layout = layout
        self.rows = rows


class DocumentDesk(Facade):
    """Printed forms of the office (``desk.documents``)."""

    # --- issuing ---------------------------------------------------------------------------
    @needs(Permission.ISSUE_DOCUMENTS)
    def issue_receipt(
        self, visit_id: int, paper: Paper = Paper.A4, *, reuse_unchanged: bool = True,
        deliver: Deliver | None = None,
    ) -> tuple[PrintedDocument, Changes]:
        """The visit's receipt: newly numbered, or (content unchanged since the last one) that
        receipt again as a copy with its own number."""
        d = self._desk
        with d.db.session() as s:
            result = issuing.issue_receipt(s, visit_id, d.actor, d.now(), paper,
                                           reuse_unchanged=reuse_unchanged)
            if deliver is not None:
                deliver(result[0])
            return result

    def _issue(self, issue: _IssueForm[_Command], cmd: _Command,
               paper: Paper, deliver: Deliver | None) -> tuple[PrintedDocument, Changes]:
        """Issue one form from its command in a unit of work, by the desk's user and clock."""
        d = self._desk
        with d.db.session() as s:
            result = issue(s, cmd, d.actor, d.now(), paper)
            if deliver is not None:
                deliver(result[0])
            return result

    @needs(Permission.ISSUE_DOCUMENTS)
    def issue_refusal(
        self, cmd: RefusalCommand, paper: Paper = Paper.A4, *, deliver: Deliver | None = None
    ) -> tuple[PrintedDocument, Changes]:
        return self._issue(issuing.issue_refusal, cmd, paper, deliver)

    @needs(Permission.ISSUE_DOCUMENTS)
    def issue_appointment(
        self, cmd: AppointmentCommand, paper: Paper = Paper.A5, *, deliver: Deliver | None = None
    ) -> tuple[PrintedDocument, Changes]:
        return self._issue(issuing.issue_appointment, cmd, paper, deliver)

    @needs(Permission.ISSUE_DOCUMENTS)
    def issue_transfer(
        self, cmd: TransferCommand, paper: Paper = Paper.A4, *, deliver: Deliver | None = None
    ) -> tuple[PrintedDocument, Changes]:
        return self._issue(issuing.issue_transfer, cmd, paper, deliver)

    @needs(Permission.ISSUE_DOCUMENTS)
    def defaults(self, visit_id: int) -> FormDefaults:
        """Starting values of the refusal, appointment and transfer forms for a visit."""
        d = self._desk
        with d.db.read() as s:
            return forms.form_defaults(s, visit_id, d.now())

    # --- existing documents ----------------------------------------------------------------
    @needs(Permission.ISSUE_DOCUMENTS)
    def reprint(
        self, document_id: int, paper: Paper | None = None, *, deliver: Deliver | None = None
    ) -> tuple[PrintedDocument, Changes]:
        """Same number, marked "BẢN SAO"; the print count goes up (audited)."""
        d = self._desk
        with d.db.session() as s:
            result = issuing.reprint(s, document_id, d.actor, d.now(), paper)
            if deliver is not None:
                deliver(result[0])
            return result

    @needs(Permission.ISSUE_DOCUMENTS)
    def render(self, document_id: int, paper: Paper, as_copy: bool) -> PrintedDocument:
        """Render a stored document again without counting (another paper in the preview)."""
        return self._read(issuing.render_document, document_id, paper, as_copy)

    @needs(Permission.VIEW_RECORDS)
    def document(self, document_id: int) -> IssuedDocumentDTO:
        return self._read(issuing.get_document, document_id)

    @needs(Permission.VIEW_RECORDS)
    def for_visit(self, visit_id: int) -> list[IssuedDocumentDTO]:
        """Documents issued for a visit, oldest first."""
        return self._read(issuing.documents_for_visit, visit_id)

    @needs(Permission.VIEW_RECORDS)
    def latest_for_visit(self, visit_id: int, doc_type: DocType) -> IssuedDocumentDTO | None:
        found = [x for x in self.for_visit(visit_id) if x.doc_type is doc_type]
        return found[-1] if found else None

    @needs(Permission.VIEW_RECORDS)
    def find(self, doc_type: DocType, number: int, year: int) -> IssuedDocumentDTO | None:
        return self._read(issuing.find_document, doc_type, number, year)

    @needs(Permission.VIEW_RECORDS)
    def visit_id(self, reference: str) -> int:
        """The visit named by its STT ("12/2026") or id ("57"); ``UserError`` if none."""
        return self._read(issuing.visit_id_for, reference)

    def verify(self, code_or_payload: str) -> Verification:
        """Genuine or not: a verification code as typed, or a scanned QR payload.

        Anyone may ask (the paper's holder, a command line without ``--user``); the citizen's
        name comes only to a user who may see records."""
        with self._desk.db.read() as s:
            found = issuing.verify(s, code_or_payload)
        if found.document is not None and refusal(self._desk.actor.principal,
                                                  Permission.VIEW_RECORDS) is not None:
            found = replace(found, document=replace(found.document, citizen_name=""))
        return found

    # --- logbook pages ---------------------------------------------------------------------
    # --- minutes for signature (issue 14) -----------------------------------------------------
    @needs(Permission.ISSUE_DOCUMENTS)
    def visit_minutes(self, visit_id: int, paper: Paper = Paper.A4,
                      minute_taker: str = "") -> bytes:
        """Biên bản tiếp công dân of a visit (PDF), identities as the acting user may print them
        (a denouncer under secrecy withheld: services/documents/minutes.py)."""
        with self._desk.db.read() as s:
            return minutes.render_visit(s, self._desk.actor.principal, visit_id, paper,
                                        minute_taker)

    @needs(Permission.ISSUE_DOCUMENTS)
    def dialogue_minutes(self, dialogue_id: int, paper: Paper = Paper.A4) -> bytes:
        """Biên bản đối thoại of a dialogue on a complaint case (PDF)."""
        return self._read(minutes.render_dialogue, dialogue_id, paper)

    @needs(Permission.PRINT_LOGBOOK)
    def logbook(
        self, date_from: date, date_to: date, layout: LogbookLayout | None = None, *,
        progress: Callable[[int], None] | None = None,
        first_page: Callable[[bytes], None] | None = None,
    ) -> LogbookPages:
        """The logbook pages of the range. A long book (a year's) takes a while: ``progress``
        is told the percent done and ``first_page`` the book's first page (PDF bytes) as soon as
        its entries are measured, so a preview run off the UI thread can show it meanwhile."""
        with self._desk.db.read() as s:
            pdf, chosen, rows = logbook.logbook_pdf(
                s, date_from, date_to, layout, principal=self._desk.actor.principal,
                watch=Watch(progress, first_page))
        return LogbookPages(pdf, chosen, rows)

    def logbook_layout_setting(self) -> str:
        """ "auto", "tt04_2021" or "nd154_2026"."""
        return self._read(logbook.logbook_layout_setting)

    @needs(Permission.MANAGE_SETTINGS)
    def set_logbook_layout(self, value: str, expected_version: int | None = None) -> Changes:
        """``expected_version``: the setting's version the screen read (``setting_version``)."""
        d = self._desk
        with d.db.session() as s:
            return logbook.set_logbook_layout(s, value, d.actor, d.now(), expected_version)

    def layout_for(self, day: date) -> LogbookLayout:
        return self._read(logbook.logbook_layout_for, day)
