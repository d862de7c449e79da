"""Sentences of issuing and printing documents (receipts, notices, slips, logbook pages).

Used by the documents dialogs, the logbook and ``reception-desk print``. The wording printed ON
the forms is legal Vietnamese and lives in printing/, not here. Vietnamese in parts/documents.po.
"""

from __future__ import annotations

from reception_desk.i18n import N_

MESSAGES: dict[str, str] = {
    "document.addressee_required": N_("Name the body the petition is transferred to."),
    "document.complaint_is_guided": N_(
        "A complaint is not transferred: guide the complainant to the competent body "
        "(Luật Tiếp công dân, Article 26)."),
    "document.appointment_at_required": N_("Enter the date and time of the appointment."),
    "document.appointment_in_past": N_(
        "This time has already passed: choose a later date and time for the appointment."
    ),
    "document.layout_unknown": N_("Unknown logbook layout {layout}."),
    "document.legal_basis_required": N_("Enter the legal basis of the refusal."),
    "document.none_to_copy": N_("This visit has no {kind} to reprint."),
    "document.not_found": N_("This document no longer exists."),
    "document.office_not_set_up": N_("The office is not set up yet."),
    "document.paper_unsupported": N_("This document cannot be printed on that paper."),
    "document.range_reversed": N_("The end date is before the start date."),
    "document.reason_required": N_("Give the reason for the refusal."),
    "document.visit_not_found": N_("No visit numbered {reference}."),
    "document.visit_reference_invalid": N_(
        "\"{reference}\" is not a visit number: write it as 12/2026 (STT/year) or an id."
    ),
    "document.visit_voided": N_("Visit {visit} is voided: no document can be issued for it."),
    "print.failed": N_("The printer could not be opened."),
}
