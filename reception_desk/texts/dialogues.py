"""Sentences of dialogues on complaint cases and of the minutes (issue 14 items 4 and 5).

Vietnamese in parts/dialogue.po.
"""

from __future__ import annotations

from reception_desk.i18n import N_

MESSAGES: dict[str, str] = {
    "dialogue.case_closed": N_("This case is closed: a dialogue can no longer be scheduled."),
    "dialogue.changed_elsewhere": N_(
        "This dialogue was changed on another computer meanwhile. Open it again."),
    "dialogue.complainant_required": N_("Name at least one complainant taking part."),
    "dialogue.held_in_future": N_("A dialogue cannot be recorded as held in the future."),
    "dialogue.invited_in_future": N_("The invitation date cannot be in the future."),
    "dialogue.not_found": N_("This dialogue no longer exists."),
    "dialogue.not_scheduled": N_("Only a scheduled dialogue can be held or cancelled."),
    "dialogue.only_for_complaints": N_("Dialogues are held on complaints only."),
    "dialogue.participant_name_required": N_("Every participant needs a name."),
    "dialogue.place_required": N_("Enter the place of the dialogue."),
    "dialogue.policy_invalid": N_("The dialogue setting \"{field}\" is not valid."),
    "dialogue.presiding_required": N_("Name the person presiding over the dialogue."),
    "dialogue.reason_required": N_("Enter the reason for cancelling the dialogue."),
    "dialogue.result_required": N_("Enter the result of the dialogue."),
    "minutes.visit_voided": N_("This visit was voided: its minutes cannot be printed."),
}
