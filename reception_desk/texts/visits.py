"""Sentences of the visit form and the visit use cases (logbook entries, voiding, edits).

Placeholders name the error's parameters. Vietnamese in parts/visit_form.po.
"""

from __future__ import annotations

from reception_desk.i18n import N_

MESSAGES: dict[str, str] = {
    "document.name_required": N_("Row {row}: enter the document's name."),
    "document.pages_invalid": N_("Row {row}: the number of pages must be between 1 and {max}."),
    "member.name_required": N_("Row {row}: enter the person's full name."),
    "visit.already_voided": N_("This visit is already voided."),
    "visit.case_unknown": N_("The linked case no longer exists."),
    "visit.changed_elsewhere": N_(
        "Someone else saved this visit meanwhile. What you typed is still on screen: copy what "
        "you need, then open the visit again."
    ),
    "visit.content_required": N_("Enter a summary of the content."),
    "visit.direction_required": N_("Choose the handling direction."),
    "visit.field_unknown": N_("This field is no longer in the list."),
    "visit.incident_note_required": N_("Describe what happened at the counter."),
    "visit.leader_required": N_("A periodic or ad hoc reception needs its presiding leader."),
    "visit.leader_unknown": N_("This leader is no longer in the staff list."),
    "visit.not_found": N_("This visit no longer exists."),
    "visit.people_invalid": N_("The number of people must be between 1 and {max}."),
    "visit.staff_required": N_("Choose the receiving official."),
    "visit.staff_unknown": N_("This official is no longer in the staff list."),
    "visit.complaint_is_guided": N_(
        "A complaint is not transferred: choose “return and guide” and name the competent body "
        "(Luật Tiếp công dân, Article 26)."),
    "visit.target_required": N_(
        "Name the body the citizen was guided to or the petition was transferred to."
    ),
    "visit.time_in_future": N_("The reception time is in the future."),
    "visit.time_required": N_("Enter the date and time of reception."),
    "visit.time_too_old": N_("The reception date cannot be before {earliest}."),
    "visit.type_required": N_("Choose the type: complaint, denunciation, petition or reflection."),
    "visit.void_reason_required": N_("Enter the reason for voiding."),
    "visit.voided_cannot_edit": N_("A voided visit cannot be edited."),
    "visit.year_change": N_(
        "This visit belongs to the {year} logbook: its date must stay in {year}."
    ),
}
