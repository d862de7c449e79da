"""Sentences of the hotspot list, its policy settings and the leaders' directives.

Vietnamese in parts/hotspots.po.
"""

from __future__ import annotations

from reception_desk.i18n import N_

MESSAGES: dict[str, str] = {
    "directive.already_acknowledged": N_("This directive has already been acknowledged."),
    "directive.already_done": N_("This directive has already been carried out."),
    "directive.assignee_unknown": N_("The chosen official is no longer in the staff list."),
    "directive.case_unknown": N_("This case no longer exists."),
    "directive.due_in_past": N_("The due date of a directive cannot be in the past."),
    "directive.not_found": N_("This directive no longer exists."),
    "directive.text_required": N_("Enter the content of the directive."),
    "hotspot.bad_week": N_("Not an ISO week: {text} (expected e.g. 2026-W48)."),
    "hotspot.policy_invalid": N_("The hotspot setting \"{field}\" is not valid."),
}
