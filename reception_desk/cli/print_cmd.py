"""``reception-desk print {receipt,refusal,appointment,transfer,logbook,minutes,dialogue} …
--out FILE.pdf``.

A visit is named by its STT ("12/2026") or its id. Without ``--copy`` a new numbered document is
issued (the receipt of an unchanged visit is its existing receipt, printed as a copy); with
``--copy`` the visit's latest document of that kind is reprinted, marked "BẢN SAO".
"""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Callable
from contextlib import suppress
from datetime import date
from datetime import datetime
from pathlib import Path
from typing import Any

from reception_desk.cli.auth import command_desk
from reception_desk.cli.auth import for_command_line
from reception_desk.config import OFFICE_TZ
from reception_desk.domain.dates import parse_day
from reception_desk.errors import UserError
from reception_desk.errors import file_error
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.services.documents.desk import AppointmentCommand
from reception_desk.services.documents.desk import DocType
from reception_desk.services.documents.desk import LogbookLayout
from reception_desk.services.documents.desk import Paper
from reception_desk.services.documents.desk import PrintedDocument
from reception_desk.services.documents.desk import RefusalCommand
from reception_desk.services.documents.desk import TransferCommand
from reception_desk.services.files import written_beside
from reception_desk.texts import message_for

NAME = "print"

PAPERS = {"a4": Paper.A4, "a5": Paper.A5, "thermal": Paper.THERMAL_80MM}


def doc_type_label(doc_type: DocType) -> str:
    return {
        DocType.RECEIPT: _("Receipt"),
        DocType.REFUSAL: _("Refusal notice"),
        DocType.APPOINTMENT: _("Appointment slip"),
        DocType.TRANSFER: _("Transfer slip"),
    }[doc_type]


#: The option that gives the value a refused field names (the sentence says what is wrong).
OPTIONS = {"reason": "--reason", "legal_basis": "--legal-basis", "addressee": "--to",
           "appointment_at": "--at", "paper": "--paper"}


def error_text(exc: UserError) -> str:
    """The catalogue's sentence for ``exc``, naming the option to correct when there is one."""
    text = message_for(for_command_line(exc))
    option = "--reveal-reason" if exc.code.startswith("secrecy.") else OPTIONS.get(exc.field or "")
    if option is None:
        return text
    return _("{message} (option {option})").format(message=text, option=option)


def _date(text: str) -> date:
    try:
        day = parse_day(text)
    except ValueError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(_("not a date (DD/MM/YYYY): {text}").format(text=text))
    return day


def _moment(text: str) -> datetime:
    for fmt in ("%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=OFFICE_TZ)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(
        _("not a date and time (DD/MM/YYYY HH:MM): {text}").format(text=text))


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    # The common options (--database, --lang) belong to each form's parser: argparse lets a
    # sub-parser's defaults overwrite what a parent level parsed.
    p = sub.add_parser(NAME,
                       help=_("print a receipt, notice, slip or logbook pages to a PDF file"))
    forms = p.add_subparsers(dest="form", required=True)
    out = argparse.ArgumentParser(add_help=False, parents=[common])
    out.add_argument("--out", type=Path, required=True, metavar="FILE.pdf",
                     help=_("the PDF file to write"))
    visit = argparse.ArgumentParser(add_help=False, parents=[out])
    visit.add_argument("visit", metavar="VISIT", help=_("the visit: STT/year (12/2026) or id"))
    visit.add_argument("--copy", action="store_true",
                       help=_("reprint the latest one, marked as a copy (same number)"))

    def paper_option(parser: argparse.ArgumentParser, choices: tuple[str, ...],
                     default: str) -> None:
        parser.add_argument("--paper", choices=choices, default=default, help=_("paper size"))

    f = forms.add_parser("receipt", parents=[visit], help=_("receipt for the documents handed in"))
    paper_option(f, ("a4", "a5", "thermal"), "a4")
    f = forms.add_parser("refusal", parents=[visit], help=_("notice refusing a reception"))
    paper_option(f, ("a4", "a5"), "a4")
    f.add_argument("--reason", default="", help=_("why the reception is refused"))
    f.add_argument("--legal-basis", default="", help=_("legal basis (default: Art. 9(3))"))
    f = forms.add_parser("appointment", parents=[visit], help=_("appointment slip"))
    paper_option(f, ("a4", "a5", "thermal"), "a5")
    f.add_argument("--at", type=_moment, metavar="\"DD/MM/YYYY HH:MM\"",
                   help=_("date and time of the appointment"))
    f.add_argument("--place", default="", help=_("where (default: the office)"))
    f.add_argument("--meet-with", default="", help=_("whom to meet (default: the chair)"))
    f.add_argument("--bring", action="append", default=[], metavar="PAPER",
                   help=_("a paper to bring (repeatable)"))
    f.add_argument("--contact", default="", help=_("phone of the reception office"))
    f = forms.add_parser("transfer", parents=[visit], help=_("slip transferring the petition"))
    paper_option(f, ("a4", "a5"), "a4")
    f.add_argument("--to", dest="addressee", default="",
                   help=_("competent body (default: the visit's target body)"))
    f.add_argument("--legal-basis", default="", help=_("legal basis"))
    f.add_argument("--redact", action=argparse.BooleanOptionalAction, default=None,
                   help=_("withhold the sender's identity (default: yes for a denunciation)"))
    f.add_argument("--reveal-reason", default="", metavar="TEXT", help=_(
        "print a denouncer's identity: why (needs the right to reveal it; logged)"))
    # Minutes for signature (issue 14): not numbered, same rights and masking as the service.
    f = forms.add_parser("minutes", parents=[out], help=_("minutes of a visit, for signature"))
    f.add_argument("visit", metavar="VISIT", help=_("the visit: STT/year (12/2026) or id"))
    paper_option(f, ("a4", "a5"), "a4")
    f.add_argument("--minute-taker", default="", help=_("who writes the minutes"))
    f = forms.add_parser("dialogue", parents=[out],
                         help=_("minutes of a dialogue on a complaint"))
    f.add_argument("dialogue_id", type=int, metavar="ID", help=_("the dialogue's id"))
    paper_option(f, ("a4", "a5"), "a4")
    f = forms.add_parser("logbook", parents=[out], help=_("logbook pages for a date range"))
    f.add_argument("--from", dest="date_from", type=_date, required=True, metavar="DD/MM/YYYY")
    f.add_argument("--to", dest="date_to", type=_date, required=True, metavar="DD/MM/YYYY")
    f.add_argument("--layout", choices=("auto", "tt04_2021", "nd154_2026"), default="",
                   help=_("column layout (default: the office setting, else by date)"))


_TYPES = {"receipt": DocType.RECEIPT, "refusal": DocType.REFUSAL,
          "appointment": DocType.APPOINTMENT, "transfer": DocType.TRANSFER}


def _issue(desk: Desk, args: argparse.Namespace) -> PrintedDocument:
    """Issue (or reprint) the document and write its PDF before its number is committed."""
    def deliver(printed: PrintedDocument) -> None:
        write_file(args.out, printed.pdf)
        written.append(args.out)

    written: list[Path] = []
    try:
        return _issue_with(desk, args, deliver)
    except BaseException:
        for path in written:  # the number was not committed: no PDF may carry it
            with suppress(OSError):
                path.unlink()
        raise


def _issue_with(desk: Desk, args: argparse.Namespace,
                deliver: Callable[[PrintedDocument], None]) -> PrintedDocument:
    doc_type = _TYPES[args.form]
    paper = PAPERS[args.paper]
    visit_id = desk.documents.visit_id(args.visit)
    docs = desk.documents
    if args.copy:
        latest = docs.latest_for_visit(visit_id, doc_type)
        if latest is None:
            raise UserError("document.none_to_copy", kind=doc_type_label(doc_type).lower())
        return docs.reprint(latest.id, paper, deliver=deliver)[0]
    if doc_type is DocType.RECEIPT:
        return docs.issue_receipt(visit_id, paper, deliver=deliver)[0]
    if doc_type is DocType.REFUSAL:
        return docs.issue_refusal(RefusalCommand(visit_id, args.reason,
                                                 legal_basis=args.legal_basis), paper,
                                  deliver=deliver)[0]
    if doc_type is DocType.APPOINTMENT:
        if args.at is None:
            raise UserError("document.appointment_at_required", field="appointment_at")
        return docs.issue_appointment(AppointmentCommand(
            visit_id, args.at, place=args.place, meet_with=args.meet_with, bring=args.bring,
            contact=args.contact), paper, deliver=deliver)[0]
    return docs.issue_transfer(TransferCommand(
        visit_id, addressee=args.addressee, legal_basis=args.legal_basis,
        redact_identity=args.redact, reveal_reason=args.reveal_reason), paper,
        deliver=deliver)[0]


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it; a full disk, a read-only
    place, a missing folder or a folder in the way raises a ``KnownError`` and leaves no part
    file behind."""
    if path.is_dir():
        raise file_error(IsADirectoryError(errno.EISDIR, "Is a directory"), path, writing=True)
    with written_beside(path) as part:
        part.write_bytes(data)


def run(args: argparse.Namespace) -> int:
    with command_desk(args) as desk:
        try:
            if args.form == "logbook":
                # None: the office setting; "auto" there means by each visit's date (a range
                # crossing 01/07/2026 prints in both layouts).
                layout = None
                if args.layout and args.layout != "auto":
                    layout = LogbookLayout(args.layout)
                pages = desk.documents.logbook(args.date_from, args.date_to, layout)
                write_file(args.out, pages.pdf)
                print(_("Wrote {file}: logbook pages, {rows} visits, layout {layout}.").format(
                    file=args.out, rows=pages.rows, layout=_layout_label(pages.layout)))
                return 0
            if args.form in ("minutes", "dialogue"):
                return _minutes(desk, args)
            printed = _issue(desk, args)
            doc = printed.document
            template = (_("Wrote {file}: {kind} no. {number} (COPY, printed {count} times), "
                          "verification code {code}.") if printed.is_copy else
                        _("Wrote {file}: {kind} no. {number}, verification code {code}."))
            print(template.format(file=args.out, kind=doc_type_label(doc.doc_type),
                                  number=doc.number_text, count=doc.print_count,
                                  code=doc.display_code))
            return 0
        except UserError as exc:
            print(error_text(exc), file=sys.stderr)
            return 2


def _minutes(desk: Desk, args: argparse.Namespace) -> int:
    paper = PAPERS[args.paper]
    if args.form == "minutes":
        visit_id = desk.documents.visit_id(args.visit)
        pdf = desk.documents.visit_minutes(visit_id, paper, args.minute_taker)
        write_file(args.out, pdf)
        print(_("Wrote {file}: minutes of visit {visit}.").format(file=args.out,
                                                                  visit=args.visit))
        return 0
    pdf = desk.documents.dialogue_minutes(args.dialogue_id, paper)
    write_file(args.out, pdf)
    print(_("Wrote {file}: minutes of dialogue {id}.").format(file=args.out,
                                                              id=args.dialogue_id))
    return 0


def _layout_label(layout: LogbookLayout) -> str:
    if layout is LogbookLayout.TT04_2021:
        return _("TT 04/2021 (12 columns)")
    return _("NĐ 154/2026 (13 columns)")
