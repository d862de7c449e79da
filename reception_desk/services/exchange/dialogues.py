"""The dialogues (đối thoại) of complaint cases in the logbook file (format 2).

A ``dialogue`` record carries its participants as ``participants``, as the dialogue stores them
(position, role, name, title, opinion). The table has no ``uid``: a dialogue is matched by its
``case`` (the case's uid), ``created_at`` (the moment it was scheduled) and ``scheduled_at`` (the
moment it was scheduled for). Neither moment ever changes (a dialogue is scheduled once, then
held or cancelled; a new date is a new dialogue), and two dialogues of one case scheduled at the
same instant for the same time would be the same dialogue typed twice.

What this module adds to the generic records of ``jsonl``: the dialogue form's rules, checked
on the record's line before anything is written. The case type (a dialogue is for complaints
only) is on another line and is not checked here; the importer writes the dialogue only under a
case that exists (``import.unknown_reference``). Masking follows the case's complainants
(``masking.ExportMask.dialogue``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reception_desk.domain.dialogues import MAX_TEXT
from reception_desk.domain.dialogues import DialogueStatus
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.domain.problems import Problem

DIALOGUE = "dialogue"


def check_dialogue_record(values: dict[str, Any], children: dict[str, list[dict[str, Any]]],
                          now: datetime) -> list[Problem]:
    """A dialogue as the schedule, hold and cancel forms check it (services/cases/dialogues)."""
    problems: list[Problem] = []
    if not str(values.get("place") or "").strip():
        problems.append(Problem("dialogue.place_required", "place"))
    people = children.get("participants", [])
    if any(not str(p.get("name") or "").strip() for p in people):
        problems.append(Problem("dialogue.participant_name_required", "participants"))
    roles = {p.get("role") for p in people}
    if ParticipantRole.PRESIDING.value not in roles:
        problems.append(Problem("dialogue.presiding_required", "participants"))
    if ParticipantRole.COMPLAINANT.value not in roles:
        problems.append(Problem("dialogue.complainant_required", "participants"))
    for p in people:
        if len(str(p.get("opinion") or "")) > MAX_TEXT:
            problems.append(Problem("text.too_long", "participants",
                                    {"max": MAX_TEXT, "actual": len(p["opinion"])}))
    status = values.get("status")
    held_at = values.get("held_at")
    if status == DialogueStatus.HELD.value:
        if held_at is None:
            problems.append(Problem("import.missing_key", "held_at", {"key": "held_at"}))
        elif held_at > now:
            problems.append(Problem("dialogue.held_in_future", "held_at"))
        result = str(values.get("result") or "")
        if not result.strip():
            problems.append(Problem("dialogue.result_required", "result"))
        elif len(result) > MAX_TEXT:
            problems.append(Problem("text.too_long", "result",
                                    {"max": MAX_TEXT, "actual": len(result)}))
    elif held_at is not None:
        problems.append(Problem("import.bad_value", "held_at", {"key": "held_at"}))
    if status == DialogueStatus.CANCELLED.value and \
            not str(values.get("cancel_reason") or "").strip():
        problems.append(Problem("dialogue.reason_required", "cancel_reason"))
    return problems
