"""Texts of the print preview and the verification dialog, and the documents' error codes.

English msgids with named placeholders; Vietnamese in parts/documents.po. The wording printed ON
the forms is legal Vietnamese and lives in the services/printing layers, not here.
"""

from __future__ import annotations

from typing import Any

from reception_desk.errors import ReceptionDeskError
from reception_desk.i18n import N_, _

MESSAGES: dict[str, str] = {
    # --- preview ---------------------------------------------------------------------------
    "preview.title": N_("Print preview: {document}"),
    "preview.print": N_("&Print…"),
    "preview.save": N_("&Save as PDF…"),
    "preview.close": N_("Close"),
    "preview.paper": N_("&Paper:"),
    "preview.pages": N_("Pages: {count}"),
    "preview.copy_note": N_("Reprint: marked \"BẢN SAO\", same number"),
    "preview.save_title": N_("Save as PDF"),
    "preview.pdf_filter": N_("PDF files (*.pdf)"),
    "preview.saved": N_("Saved to {file}."),
    "preview.printed": N_("Sent to the printer."),
    "preview.shortcuts": N_("Ctrl+P print · Ctrl+S save as PDF · Esc close"),
    "preview.load_failed": N_("The document could not be shown."),
    "paper.a4": N_("A4"),
    "paper.a5": N_("A5"),
    "paper.thermal_80mm": N_("80 mm roll"),
    # --- document kinds --------------------------------------------------------------------
    "doc.receipt": N_("Receipt"),
    "doc.refusal": N_("Refusal notice"),
    "doc.appointment": N_("Appointment slip"),
    "doc.transfer": N_("Transfer slip"),
    "doc.logbook": N_("Logbook pages"),
    "doc.numbered": N_("{kind} no. {number}"),
    # --- verification ----------------------------------------------------------------------
    "verify.title": N_("Verify a receipt"),
    "verify.prompt": N_("&Code or scanned QR:"),
    "verify.placeholder": N_("e.g. 7KQ2M-9XD4P"),
    "verify.check": N_("&Check"),
    "verify.genuine": N_("Genuine: {kind} no. {number}"),
    "verify.not_found": N_(
        "Not found: no document issued by this office has this code. The paper may be "
        "forged, or the code mistyped."
    ),
    "verify.issued": N_("Issued: {date} by {staff}"),
    "verify.citizen": N_("Citizen: {name}"),
    "verify.visit": N_("Visit: STT {stt}"),
    "verify.prints": N_("Printed: {count} time(s)"),
    "verify.voided": N_("Warning: the visit of this document was later voided."),
    "verify.empty": N_("Type the code printed under the QR code, or scan it."),
    # --- error codes of the documents service ------------------------------------------------
    "document.visit_not_found": N_("No visit numbered {reference}."),
    "document.visit_reference_invalid": N_(
        "\"{reference}\" is not a visit number: write it as 12/2026 (STT/year) or an id."
    ),
    "document.visit_voided": N_("Visit {visit} is voided: no document can be issued for it."),
    "document.reason_required": N_("Give the reason for the refusal."),
    "document.addressee_required": N_("Name the body the petition is transferred to."),
    "document.appointment_in_past": N_("The appointment time is in the past."),
    "document.paper_unsupported": N_("This document cannot be printed on that paper."),
    "document.office_not_set_up": N_("The office is not set up yet."),
    "document.layout_unknown": N_("Unknown logbook layout {layout}."),
    "document.range_reversed": N_("The end date is before the start date."),
    "document.not_found": N_("This document no longer exists."),
    "print.failed": N_("The printer could not be opened."),
}


def text(code: str, **params: Any) -> str:
    """The translated sentence for ``code`` with its placeholders filled (missing ones kept)."""
    template = _(MESSAGES[code])
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def error_text(exc: ReceptionDeskError) -> str:
    if exc.code in MESSAGES:
        return text(exc.code, **exc.params)
    return str(exc)
