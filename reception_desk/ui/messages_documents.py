"""Texts of the print preview, the verification dialog and the document-issuing dialogs.

English msgids with named placeholders; Vietnamese in parts/documents.po. The documents' error
sentences are in ``reception_desk.texts.documents``; the wording printed ON the forms is legal
Vietnamese and lives in the services/printing layers, not here.
"""

from __future__ import annotations

from typing import Any

from reception_desk.i18n import N_
from reception_desk.i18n import _

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
    "preview.rendering": N_("Preparing the pages… {percent} %"),
    "preview.first_page": N_("First page shown; preparing the rest… {percent} %"),
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
    # --- issuing dialogs ---------------------------------------------------------------------
    "issue.visit_box": N_("Visit {stt}"),
    "issue.citizen": N_("Citizen:"),
    "issue.identity": N_("Identity paper:"),
    "issue.address": N_("Address:"),
    "issue.visit_date": N_("Visit date:"),
    "issue.matter": N_("Matter ({kind}):"),
    "issue.no_identity": N_("(none shown)"),
    "issue.voided": N_("This visit is voided."),
    "issue.button": N_("&Issue and preview"),
    "issue.close": N_("Close"),
    "issue.keys": N_("Ctrl+Enter issue · Esc close"),
    "issue.paper": N_("&Paper:"),
    "issue.one_per_line": N_("One per line"),
    "refusal.title": N_("Refusal notice (Form 01/TCD): visit {stt}"),
    "refusal.ground": N_("&Ground:"),
    "refusal.other_ground": N_("Other ground (type the legal basis and the reason)"),
    "refusal.basis": N_("Legal &basis:"),
    "refusal.reason": N_("&Reason:"),
    "refusal.for_information": N_("For i&nformation:"),
    "refusal.for_coordination": N_("For &coordination:"),
    "refusal.in_person": N_(
        "On this ground the refusal is explained to the citizen in person and reported to the "
        "person in charge; a written notice is optional."
    ),
    "refusal.written": N_(
        "On this ground the head of the agency issues this written notice (within 3 working "
        "days of having sufficient grounds)."
    ),
    "appointment.title": N_("Appointment slip: visit {stt}"),
    "appointment.at": N_("&Date and time:"),
    "appointment.place": N_("P&lace:"),
    "appointment.meet_with": N_("&Meet with:"),
    "appointment.bring": N_("What to &bring:"),
    "appointment.contact": N_("C&ontact:"),
    "appointment.contact_hint": N_("Phone of the reception office"),
    "appointment.warn_day_off": N_(
        "Warning: {day} is not a working day ({why}). Check the date before issuing."),
    "appointment.warn_hours": N_(
        "Warning: {clock} is outside office hours ({opens}–{closes}). Check the time."),
    "transfer.title": N_("Transfer slip: visit {stt}"),
    "transfer.addressee": N_("&To:"),
    "transfer.addressee_hint": N_("The competent body, e.g. Công an xã …"),
    "transfer.basis": N_("Legal &basis:"),
    "transfer.limit": N_("Transfer by {due} ({days} working days; {basis})."),
    "transfer.limit_overdue": N_(
        "OVERDUE: the transfer was due by {due} ({days} working days; {basis})."),
    "transfer.attachments": N_("Atta&chments:"),
    "transfer.summary": N_("Co&ntent of the petition:"),
    "transfer.for_information": N_("&For information:"),
    "transfer.notify_sender": N_("Send a copy to the &sender (for information)"),
    "transfer.redact": N_("&Withhold the sender's identity (redacted copy)"),
    "transfer.redact_hint": N_(
        "A denunciation: the denouncer's name, address and identity paper are kept secret "
        "(Law on Denunciations, Art. 56). Untick only if the denouncer agreed to disclosure."
    ),
    "transfer.reveal_reason": N_("Reason for re&vealing:"),
    "transfer.reveal_reason_hint": N_(
        "Required: printing the denouncer's identity is a reveal, recorded with your name"),
    "transfer.redact_hint_other": N_(
        "Ticked: the slip does not print the sender's name, address or identity paper."
    ),
    "issued.title": N_("Documents of visit {stt}"),
    "issued.empty": N_("No document has been issued for this visit yet."),
    "issued.col_type": N_("Document"),
    "issued.col_number": N_("Number"),
    "issued.col_date": N_("Issued"),
    "issued.col_by": N_("Issued by"),
    "issued.col_prints": N_("Prints"),
    "issued.number": N_("No. {number}"),
    "issued.withheld": N_("{kind} (identity withheld)"),
    "issued.reprint": N_("&Reprint as copy"),
    "issued.receipt": N_("Re&ceipt"),
    "issued.refusal": N_("Re&fusal notice…"),
    "issued.appointment": N_("&Appointment slip…"),
    "issued.transfer": N_("&Transfer slip…"),
    "issued.keys": N_("Enter reprint the selected one as a copy · Esc close"),
    # --- logbook menu ----------------------------------------------------------------------
    "logbook.receipt": N_("Print receipt"),
    "logbook.refusal": N_("Refusal notice…"),
    "logbook.appointment": N_("Appointment slip…"),
    "logbook.transfer": N_("Transfer slip…"),
    "logbook.documents": N_("Issued documents…"),
    "logbook.documents_button": N_("Documents"),
    "logbook.documents_tip": N_("Print the receipt or issue a form for the selected visit"),
}


def text(code: str, **params: Any) -> str:
    """The translated sentence for ``code`` with its placeholders filled (missing ones kept)."""
    template = _(MESSAGES[code])
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template

