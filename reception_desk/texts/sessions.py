"""Sentences of the head's reception sessions (issue 14): planning, holding, conclusions, the
duty figures. Vietnamese in parts/sessions.po."""

from __future__ import annotations

from reception_desk.i18n import N_

MESSAGES: dict[str, str] = {
    "session.not_found": N_("This reception session no longer exists."),
    "session.conclusion_not_found": N_("This conclusion notice no longer exists."),
    "session.bad_span": N_(
        "Not a span: {text} (write --month 2026-12, or --from 01/12/2026 --to 31/12/2026)."),
    "session.span_reversed": N_("The span ends ({last}) before it starts ({first})."),
    "session.bad_time": N_("The session's hours are not times of a day."),
    "session.end_before_start": N_("The session ends before it starts."),
    "session.leader_unknown": N_("Choose the leader who presides (an active staff member)."),
    "session.leader_role_mismatch": N_(
        "{name} is not recorded with that position in Settings → Staff: choose the chair or a "
        "vice chair, or mark the session as presided by a delegate."),
    "session.delegation_required": N_(
        "A delegate presides: write the authorisation (giấy ủy quyền) they act under."),
    "session.place_required": N_("Write where the session takes place."),
    "session.member_unknown": N_("A participant is not on the staff list."),
    "session.changed_elsewhere": N_(
        "Someone else changed this session meanwhile (now version {version}). Open it again "
        "to see their change; what you typed was not saved."),
    "session.cancelled": N_("This session was cancelled: it can no longer be changed."),
    "session.not_planned": N_("Only a planned session can be held or cancelled."),
    "session.hold_in_future": N_("The session of {day} has not taken place yet."),
    "session.has_visits": N_(
        "Visits are linked to this session: it cannot be recorded as one nobody came to."),
    "session.cancel_reason_required": N_("Write why the session is cancelled."),
    "session.not_held": N_("A conclusion notice needs a session that took place."),
    "session.no_citizen_conclusion": N_(
        "Nobody came to this session: print its minutes instead of a conclusion notice."),
    "session.not_empty": N_(
        "These minutes are for a held session at which no citizen came."),
    "session.conclusion_text_required": N_("Write the presiding leader's conclusion."),
    "session.visit_not_in_session": N_("That visit was not received in this session."),
    "session.instruction_text_required": N_("Each instruction needs its content."),
    "session.instruction_body_required": N_(
        "Each instruction needs the body (or officer) that carries it out."),
    "session.instruction_due_before_issue": N_(
        "An instruction's deadline ({due_on}) is before the notice's date."),
    "session.duty_rules_empty": N_("The duty needs at least one rule."),
    "session.duty_rules_same_day": N_("Two duty rules start on the same day."),
    "session.duty_rules_bad_days": N_("A duty rule needs between 1 and 7 days per period."),
}
