"""``reception-desk verify-receipt CODE``: is a printed receipt (or notice, slip) genuine?

CODE is the verification code printed under the QR code ("7KQ2M-9XD4P", case and hyphens
ignored) or the whole scanned QR text ("RD1|BN|15/2026|7KQ2M9XD4P"). Exit 0: genuine; 1: no such
document.
"""

from __future__ import annotations

import argparse
from typing import Any

from reception_desk.cli.auth import command_desk
from reception_desk.cli.print_cmd import doc_type_label
from reception_desk.i18n import _

NAME = "verify-receipt"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common],
                       help=_("check that a receipt's verification code is genuine"))
    p.add_argument("code", metavar="CODE",
                   help=_("the code printed under the QR code, or the scanned QR text"))


def run(args: argparse.Namespace) -> int:
    with command_desk(args) as desk:
        result = desk.documents.verify(args.code)
    if not result.genuine or result.document is None:
        print(_("NOT FOUND: no document issued by this office has the code {code}. The paper "
                "may be forged, or the code mistyped.").format(code=args.code.strip()))
        return 1
    doc = result.document
    print(_("GENUINE: {kind} no. {number}, issued {date} by {staff}.").format(
        kind=doc_type_label(doc.doc_type), number=doc.number_text,
        date=doc.issued_at.strftime("%d/%m/%Y %H:%M"), staff=doc.issued_by))
    if doc.citizen_name:
        print(_("Citizen: {name}").format(name=doc.citizen_name))
    if result.visit_stt:
        print(_("Visit: STT {stt}").format(stt=result.visit_stt))
    print(_("Printed {count} time(s); verification code {code}.").format(
        count=doc.print_count, code=doc.display_code))
    if result.visit_voided:
        print(_("Warning: the visit of this document was later voided."))
    return 0
