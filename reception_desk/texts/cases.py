"""Words for cases, deadlines, the office calendar and document numbers: error sentences and
the names of their enums (stages, steps, levels, deadline kinds …).

No Qt: the cases page, the calendar dialog and ``reception-desk deadline`` all use it. English
msgids marked with ``N_``, Vietnamese in resources/locale/vi/LC_MESSAGES/parts/cases.po. The
sentences are shown through ``reception_desk.texts.message_for``, which names enum parameters
(``stage``, ``event``, ``kind`` …) with the labels below.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from reception_desk.domain.calendar import DayOrigin
from reception_desk.domain.calendar import OverrideKind
from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplaintObject
from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.deadlines import PeriodUnit
from reception_desk.domain.deadlines import SourceConfidence
from reception_desk.domain.deadlines import Variant
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.cases.dto import CaseFilter
from reception_desk.services.cases.dto import ComplainantRole
from reception_desk.services.cases.dto import LinkKind
from reception_desk.texts.labels import label_in

MESSAGES: dict[str, str] = {
    "calendar.changed_elsewhere": N_(
        "Another counter has just changed the office's entry for {day}. Nothing was saved: "
        "look at the calendar again, then save yours if it is still needed."
    ),
    "calendar.conflicting_override": N_("The day {day} is listed both as off and as working."),
    "calendar.day_out_of_range": N_("The date {day} is out of range."),
    "calendar.override_not_found": N_("{day} is not in the office's calendar."),
    "case.already_received": N_("This case has already been received."),
    "case.body_required": N_("Name the body the case is sent to."),
    "case.changed_elsewhere": N_(
        "Someone else recorded on this case meanwhile: it has been reloaded, check it and try "
        "again."
    ),
    "case.citizen_choose": N_(
        "Pick a citizen from the list: type a name or ID number, Up/Down, then Enter."
    ),
    "case.citizen_not_found": N_("A chosen citizen is no longer in the registry."),
    "case.citizen_not_registered": N_(
        "No citizen with the ID number {id_number} is in the registry: log the visit first."
    ),
    "case.complainant_duplicate": N_("{name} is already on this case (as {role})."),
    "case.complainant_not_linked": N_("This citizen is no longer on the case."),
    "case.complainant_role_invalid": N_("Choose how the citizen stands in the case."),
    "case.complaint_object_only_for_complaints": N_(
        "Only a complaint is against a decision or an act; a {case_type} has no such object."
    ),
    "case.criteria_required": N_("Tick the complexity criteria that apply."),
    "case.dialogue_only_for_complaints": N_(
        "Dialogue is part of resolving complaints only (this is a {case_type})."
    ),
    "case.district_level_abolished": N_(
        "District-level bodies ceased on 1 July 2025: choose the province or another body "
        "(date {on})."
    ),
    "case.document_in_future": N_("The document date {on} is in the future."),
    "case.document_required": N_(
        "\"{event}\" is made by a written decision: enter its number and date."
    ),
    "case.event_before_previous": N_(
        "The date {on} is before the case's previous step ({previous}): events are recorded in "
        "order."
    ),
    "case.event_not_allowed": N_("\"{event}\" is not possible while the case is {stage}."),
    "case.extension_limit": N_("A denunciation can be extended at most {max_extensions} times."),
    "case.extension_needs_complex": N_(
        "An extension needs the case to be determined complex first (criteria a–g)."
    ),
    "case.extension_only_for_denunciations": N_(
        "Only the resolution of a denunciation can be extended (Luật Tố cáo Art. 30)."
    ),
    "case.field_unknown": N_("This field is no longer in the list."),
    "case.first_event_must_be_receive": N_("A case starts with its reception."),
    "case.last_complainant": N_(
        "A case keeps at least one complainant: add the other complainant first, then remove "
        "this one."
    ),
    "case.link_choose_case": N_("Choose the earlier case in the list (Up/Down), then Enter."),
    "case.link_cycle": N_("These cases already follow one another the other way round."),
    "case.link_incomplete": N_("Choose the earlier case and how this case follows it."),
    "case.link_kind_invalid": N_("A {case_type} cannot be linked as \"{link_kind}\"."),
    "case.link_to_itself": N_("A case cannot follow itself."),
    "case.link_type_mismatch": N_(
        "\"{link_kind}\" must point to a case of the right type (this one is a "
        "{previous_type})."
    ),
    "case.no_events": N_("This case has no recorded events."),
    "case.not_found": N_("The case no longer exists."),
    "case.not_suspended": N_("Only a suspended case can be resumed (it is {stage})."),
    "case.received_in_future": N_("The reception date {on} is in the future."),
    "case.second_extension_needs_especially_complex": N_(
        "A second extension needs an especially complex case (at least two criteria)."
    ),
    "case.suspension_not_applicable": N_(
        "A {case_type} cannot be suspended: suspension applies to complaints and "
        "denunciations."
    ),
    "case.terminal": N_("The case is {stage}: nothing more can be recorded on it."),
    "case.title_required": N_("Enter a short title for this case."),
    "case.title_too_long": N_("The title is too long ({actual} characters, at most {max})."),
    "case.type_required": N_("Choose the type of case."),
    "case.visit_already_linked": N_("This visit already belongs to a case."),
    "case.visit_not_found": N_("The visit no longer exists."),
    "case.visit_voided": N_("A voided visit cannot open a case."),
    "deadline.extension_limit": N_(
        "\"{kind}\" allows at most {max_extensions} extensions ({extensions} asked)."
    ),
    "deadline.extension_needs_complex": N_(
        "\"{kind}\" may be extended only for a complex case ({basis})."
    ),
    "deadline.second_extension_needs_especially_complex": N_(
        "\"{kind}\" may be extended a second time only for an especially complex case "
        "({basis})."
    ),
    "deadline.no_rule": N_("No time limit for \"{kind}\" was in force on {received_on}."),
    "deadline.resumed_before_suspended": N_(
        "The continuation date {resumed_on} is before the suspension ({suspended_on})."
    ),
    "deadline.rule_dates_reversed": N_("A rule cannot end before it starts."),
    "deadline.rule_extension_invalid": N_("Extension figures cannot be negative."),
    "deadline.rule_length_invalid": N_("A period must be between 1 and {max} days."),
    "deadline.rule_not_editable": N_(
        "This rule was verified in the legal code ({basis}); it cannot be changed here."
    ),
    "deadline.rule_not_overridden": N_("This rule already has the statutory figures."),
    "deadline.rule_note_required": N_(
        "Say why the office uses other figures (the document it follows)."
    ),
    "deadline.rule_unknown": N_("There is no such rule in the table."),
    "deadline.rules_overlap": N_("Two rules for \"{kind}\" would be in force on {valid_from}."),
    "deadline.suspension_before_start": N_(
        "The suspension on {suspended_on} is before the period started."
    ),
    "deadline.suspension_overlaps": N_("The suspension on {suspended_on} overlaps another."),
    "numbering.number_not_positive": N_("A document number starts at 1."),
    "numbering.symbol_invalid": N_(
        "The symbol \"{symbol}\" is not valid: capital letters in groups joined by hyphens, "
        "like PC-UBND."
    ),
    "numbering.unreadable": N_(
        "\"{text}\" is not a document number: write it like \"12/PC-UBND\"."
    ),
}

CASE_TYPES: dict[CaseType, str] = {
    CaseType.COMPLAINT_FIRST: N_("First complaint"),
    CaseType.COMPLAINT_SECOND: N_("Second complaint"),
    CaseType.DENUNCIATION: N_("Denunciation"),
    CaseType.PETITION: N_("Petition"),
    CaseType.REFLECTION: N_("Reflection"),
}

COMPLAINT_OBJECTS: dict[ComplaintObject, str] = {
    ComplaintObject.ADMINISTRATIVE_DECISION: N_("Administrative decision"),
    ComplaintObject.ADMINISTRATIVE_ACT: N_("Administrative act"),
    ComplaintObject.DISCIPLINARY_DECISION: N_("Disciplinary decision"),
}

STAGES: dict[CaseStage, str] = {
    CaseStage.RECEIVED: N_("Received, awaiting handling"),
    CaseStage.REFUSED: N_("Refused"),
    CaseStage.RETURNED_GUIDED: N_("Returned, citizen guided"),
    CaseStage.TRANSFERRED: N_("Transferred"),
    CaseStage.ACCEPTED: N_("Accepted for resolution"),
    CaseStage.VERIFYING: N_("Verifying"),
    CaseStage.DIALOGUE: N_("Dialogue"),
    CaseStage.DECIDED: N_("Decided / concluded"),
    CaseStage.CLOSED: N_("Closed"),
    CaseStage.SUSPENDED: N_("Suspended"),
    CaseStage.WITHDRAWN: N_("Withdrawn"),
    CaseStage.FILED: N_("Filed away"),
}

EVENT_KINDS: dict[EventKind, str] = {
    EventKind.RECEIVE: N_("Received at the office"),
    EventKind.REFUSE: N_("Refuse"),
    EventKind.RETURN_GUIDE: N_("Return the petition and guide"),
    EventKind.TRANSFER: N_("Transfer to another body"),
    EventKind.ACCEPT: N_("Accept for resolution"),
    EventKind.VERIFY: N_("Verify"),
    EventKind.DIALOGUE: N_("Hold a dialogue"),
    EventKind.DECIDE: N_("Issue the decision / conclusion"),
    EventKind.CLOSE: N_("Close the case"),
    EventKind.SUSPEND: N_("Suspend"),
    EventKind.RESUME: N_("Resume"),
    EventKind.EXTEND: N_("Extend"),
    EventKind.WITHDRAW: N_("Withdrawn by the citizen"),
    EventKind.FILE: N_("File away"),
    EventKind.ASSESS_COMPLEXITY: N_("Determine complexity"),
}

LEVELS: dict[HandlingLevel, str] = {
    HandlingLevel.COMMUNE: N_("Commune level"),
    HandlingLevel.DISTRICT: N_("District (before July 2025)"),
    HandlingLevel.PROVINCE: N_("Province level"),
    HandlingLevel.MINISTRY_CENTRAL: N_("Ministry / central"),
    HandlingLevel.COURT: N_("Court"),
    HandlingLevel.POLICE_PROCURACY: N_("Police / procuracy"),
    HandlingLevel.PARTY: N_("Party body"),
    HandlingLevel.OTHER: N_("Other body"),
}

CRITERIA: dict[ComplexityCriterion, str] = {
    ComplexityCriterion.MULTIPLE_PLACES: N_("(a) one content to verify at several places"),
    ComplexityCriterion.MULTIPLE_CONTENTS: N_("(b) two or more contents to verify"),
    ComplexityCriterion.MANY_PEOPLE: N_("(c) many people, or many people's rights affected"),
    ComplexityCriterion.FOREIGN_ELEMENT: N_("(d) foreign element"),
    ComplexityCriterion.SEVERAL_BODIES: N_("(e) management responsibility of several bodies"),
    ComplexityCriterion.BODIES_DISAGREE: N_("(f) the bodies concerned disagree"),
    ComplexityCriterion.CONFLICTING_EVIDENCE: N_(
        "(g) conflicting evidence needing time or expert opinion"),
}

DUE_STATUSES: dict[DueStatus, str] = {
    DueStatus.ON_TIME: N_("On time"),
    DueStatus.DUE_SOON: N_("Due soon"),
    DueStatus.OVERDUE: N_("Overdue"),
}
PAUSED = N_("Clock stopped")

DEADLINE_KINDS: dict[DeadlineKind, str] = {
    DeadlineKind.INTAKE_NOTICE: N_("Notify the citizen of the intake result"),
    DeadlineKind.COMPLAINT_ACCEPTANCE: N_("Accept or refuse the complaint"),
    DeadlineKind.COMPLAINT_1: N_("Resolve the first complaint"),
    DeadlineKind.COMPLAINT_2: N_("Resolve the second complaint"),
    DeadlineKind.COMPLAINT_DISCIPLINARY: N_(
        "Resolve the complaint against a disciplinary decision"),
    DeadlineKind.DENUNCIATION_PROCESSING: N_("Process the denunciation"),
    DeadlineKind.DENUNCIATION_TRANSFER: N_("Transfer the denunciation"),
    DeadlineKind.DENUNCIATION_RESOLUTION: N_("Resolve the denunciation"),
    DeadlineKind.REFUSAL_NOTICE: N_("Written refusal notice"),
    DeadlineKind.COMPLAINT_LIMITATION: N_("Complaint limitation period"),
    DeadlineKind.SECOND_COMPLAINT_WINDOW: N_("Time to lodge a second complaint"),
    DeadlineKind.REPORT_TO_TRANSFERRING_BODY: N_("Report the result to the transferring body"),
    DeadlineKind.UNPROCESSED_PETITION: N_("Petition left unprocessed (discipline threshold)"),
}

UNITS: dict[PeriodUnit, str] = {
    PeriodUnit.CALENDAR_DAYS: N_("calendar days"),
    PeriodUnit.WORKING_DAYS: N_("working days"),
}

VARIANTS: dict[Variant, str] = {
    Variant.STANDARD: N_("standard"),
    Variant.COMPLEX: N_("complex case"),
    Variant.REMOTE: N_("remote area"),
    Variant.COMPLEX_REMOTE: N_("complex case, remote area"),
    Variant.SEVERAL_PLACES: N_("verification at several places or entrusted"),
}

CONFIDENCES: dict[SourceConfidence, str] = {
    SourceConfidence.PRIMARY: N_("Verified in the legal code"),
    SourceConfidence.TRANSCRIPTION: N_("2026 text, transcription to check"),
    SourceConfidence.SECONDARY: N_("Secondary sources"),
    SourceConfidence.UNVERIFIED: N_("Unverified"),
}

OVERRIDE_KINDS: dict[OverrideKind, str] = {
    OverrideKind.DAY_OFF: N_("Day off"),
    OverrideKind.WORKING_DAY: N_("Make-up working day"),
}

DAY_ORIGINS: dict[DayOrigin, str] = {
    DayOrigin.ORDINARY: N_("ordinary day"),
    DayOrigin.STATUTE: N_("statutory holiday"),
    DayOrigin.STATUTE_UNVERIFIED: N_("holiday, legal basis unverified"),
    DayOrigin.ANNOUNCED: N_("announced swap"),
    DayOrigin.OFFICE: N_("office edit"),
}

FILTERS: dict[CaseFilter, str] = {
    CaseFilter.OPEN: N_("All open"),
    CaseFilter.DUE_THIS_WEEK: N_("Due this week"),
    CaseFilter.OVERDUE: N_("Overdue"),
    CaseFilter.CLOSED: N_("Closed"),
    CaseFilter.ALL: N_("All"),
}

LINK_KINDS: dict[LinkKind, str] = {
    LinkKind.SECOND_COMPLAINT: N_("Second complaint"),
    LinkKind.REPEAT_DENUNCIATION: N_("Repeat denunciation"),
}

COMPLAINANT_ROLES: dict[ComplainantRole, str] = {
    ComplainantRole.COMPLAINANT: N_("Complainant"),
    ComplainantRole.REPRESENTATIVE: N_("Representative"),
    ComplainantRole.AUTHORISED: N_("Authorised person"),
}

WEEKDAYS: tuple[str, ...] = (
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday"),
)

#: The label table of each case, deadline and calendar enum.
LABEL_TABLES: dict[type[Enum], dict[Any, str]] = {
    CaseType: CASE_TYPES, ComplaintObject: COMPLAINT_OBJECTS, CaseStage: STAGES,
    EventKind: EVENT_KINDS, HandlingLevel: LEVELS, ComplexityCriterion: CRITERIA,
    DueStatus: DUE_STATUSES, DeadlineKind: DEADLINE_KINDS, PeriodUnit: UNITS,
    Variant: VARIANTS, SourceConfidence: CONFIDENCES, OverrideKind: OVERRIDE_KINDS,
    DayOrigin: DAY_ORIGINS,
    CaseFilter: FILTERS, LinkKind: LINK_KINDS, ComplainantRole: COMPLAINANT_ROLES,
}
#: Error parameters whose raw values are codes of one of these enums (shown by their label).
PARAM_ENUMS: dict[str, type[Enum]] = {
    "stage": CaseStage, "event": EventKind, "case_type": CaseType, "previous_type": CaseType,
    "kind": DeadlineKind, "link_kind": LinkKind, "level": HandlingLevel,
    "role": ComplainantRole,
}


def case_label(value: Enum) -> str:
    """The translated name of a case/deadline/calendar enum value."""
    return label_in(LABEL_TABLES, value)


def stage_label(stage: str | None) -> str:
    """The name of a case stage given by its code, as the cases page shows it."""
    if not stage:
        return ""
    try:
        return case_label(CaseStage(stage))
    except ValueError:
        return stage


def role_label(role: str) -> str:
    """The translated name of a ``case_citizen.role`` code (unknown codes shown as they are)."""
    try:
        return case_label(ComplainantRole(role))
    except ValueError:
        return role


def format_day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def weekday_name(day: date) -> str:
    return _(WEEKDAYS[day.weekday()])
