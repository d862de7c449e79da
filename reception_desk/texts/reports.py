"""Sentences of the statutory periodic reports (01/TCD, 01/XLD): periods, forms, cells.

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
}
