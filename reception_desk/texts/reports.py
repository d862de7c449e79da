"""Sentences of the statutory periodic reports (01/TCD, 01/XLD … 01/KQGQ): periods, forms,
cells, and the facts a case records for them (eligibility, urging, a reply to a transfer).

Vietnamese in parts/reports.po.
"""

from __future__ import annotations

from reception_desk.i18n import N_

MESSAGES: dict[str, str] = {
    "report.period_invalid": N_(
        "Not a reporting period: {text} (expected e.g. 2026-Q3, 2026-H1, 2026-9M, 2026 or "
        "2026-11)."),
    "report.form_unknown": N_("Unknown report form: {form} (known: {known})."),
    "report.cell_unknown": N_("Form {form} has no column {cell}."),
    "report.period_reversed": N_("The period ends ({last}) before it starts ({first})."),
    "report.eligible_contradicts": N_(
        "The case was first refused, filed or withdrawn: such a petition is not counted as "
        "eligible for handling."),
    "report.urged_needs_transfer": N_(
        "Urging the competent body is recorded only for a case transferred or returned with "
        "guidance."),
    "report.reply_needs_transfer": N_(
        "A reply is recorded only for a case transferred to another body."),
    "report.day_in_future": N_("The day {on} is in the future."),
    "report.day_before_receipt": N_("The day {on} is before the case was received ({received})."),
    "report.recipients_required": N_("Name at least one recipient of the report (Nơi nhận)."),
    "report.recipients_too_many": N_("At most {max} recipients."),
    "report.submission_day_invalid": N_(
        "The submission day is a day of the month from 1 to 28 (now {day})."),
}
