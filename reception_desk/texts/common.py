"""Codes several features raise: over-long text, unreadable dates, a form with many problems.

English msgids with named placeholders; Vietnamese in parts/visit_form.po.
"""

from __future__ import annotations

from reception_desk.i18n import N_

MESSAGES: dict[str, str] = {
    "date.unreadable": N_("Cannot read this date: type day/month/year (e.g. 12/04/1985)."),
    "text.qr_payload": N_(
        "This looks like a scanned ID-card QR code, not text: scan it in the name or ID number "
        "field, or type the text."),
    "text.too_long": N_("Too long: at most {max} characters (now {actual})."),
    "ui.date_unreadable": N_("\"{text}\" is not a date: write it as dd/mm/yyyy."),
    "validation_failed": N_("{count} entries need attention."),
}
