"""Sentences of the office set-up: the office itself, its staff and its list of fields.

Vietnamese in parts/app.po.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reception_desk.i18n import N_
from reception_desk.i18n import _

MESSAGES: dict[str, str] = {
    "field.code_required": N_("Enter the field's code."),
    "field.changed_elsewhere": N_(
        "Another counter has just changed this field. Nothing was saved and what you typed is "
        "kept: save again to replace it with yours, or cancel to see the new one."
    ),
    "field.label_required": N_("Enter the field's name."),
    "field.parent_unknown": N_("The parent field does not exist."),
    "office.body_name_required": N_("Enter the name of the body."),
    "office.commune_unknown": N_("Choose a commune of the selected province."),
    "office.place_required": N_("Enter the place name written in the dates of documents."),
    "office.province_unknown": N_("Choose a province."),
    "office.symbol_required": N_("Enter the symbol of the body (e.g. UBND)."),
    "setting.changed_elsewhere": N_(
        "Another counter has just saved the setting “{setting}”. Nothing was saved and your "
        "values are kept: close and reopen this window to see the new ones, or save again to "
        "replace them with yours."
    ),
    "staff.changed_elsewhere": N_(
        "Another counter has just changed this staff member. Nothing was saved and what you "
        "typed is kept: save again to replace it with yours, or cancel to see the new one."
    ),
    "staff.name_required": N_("Enter the staff member's full name."),
    "staff.not_found": N_("This staff member no longer exists."),
}

#: The office settings by storage key, as ``setting.changed_elsewhere`` names them.
SETTING_NAMES: dict[str, str] = {
    "office": N_("Office"),
    "hotspot_policy": N_("Hotspot policy"),
    "logbook_layout": N_("Logbook printing"),
    "backup": N_("Backups"),
    "access": N_("Accounts and passwords"),
    "deadline_rules": N_("Deadline rules"),
    "demo_database": N_("Demo data"),
    "attachments": N_("Attached files"),
    "report_options": N_("Periodic reports"),
}


def named_params(raw: Mapping[str, Any]) -> dict[str, str]:
    """``setting``: the office setting a ``setting.changed_elsewhere`` names."""
    key = raw.get("setting")
    if isinstance(key, str) and key in SETTING_NAMES:
        return {"setting": _(SETTING_NAMES[key])}
    return {}
