"""Sentences of the office set-up: the office itself, its staff and its list of fields.

Vietnamese in parts/app.po.
"""

from __future__ import annotations

from reception_desk.i18n import N_

MESSAGES: dict[str, str] = {
    "field.code_required": N_("Enter the field's code."),
    "field.label_required": N_("Enter the field's name."),
    "field.parent_unknown": N_("The parent field does not exist."),
    "office.body_name_required": N_("Enter the name of the body."),
    "office.commune_unknown": N_("Choose a commune of the selected province."),
    "office.place_required": N_("Enter the place name written in the dates of documents."),
    "office.province_unknown": N_("Choose a province."),
    "office.symbol_required": N_("Enter the symbol of the body (e.g. UBND)."),
    "staff.name_required": N_("Enter the staff member's full name."),
    "staff.not_found": N_("This staff member no longer exists."),
}
