"""What an error code means, in the clerk's language.

The domain and the services raise codes with named parameters (``text.too_long`` with ``max`` and
``actual``); this module is the one place that turns them into sentences. English msgids with
named placeholders, Vietnamese in the catalog. A code without a sentence here still reads well
through the fallbacks at the bottom (and a test lists the codes the domain produces).
"""

from __future__ import annotations

import string
from datetime import date, datetime
from enum import Enum
from typing import Any

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.classification import Sex
from reception_desk.errors import ReceptionDeskError
from reception_desk.i18n import N_, _, current_language
from reception_desk.ui.labels import label

#: Sentences by error code. Placeholders name the error's parameters (plus the derived ones that
#: ``_params`` adds); a missing parameter never breaks the message.
MESSAGES: dict[str, str] = {
    # --- visit form ------------------------------------------------------------------------
    "visit.time_required": N_("Enter the date and time of reception."),
    "visit.time_in_future": N_("The reception time is in the future."),
    "visit.time_too_old": N_("The reception date cannot be before {earliest}."),
    "visit.year_change": N_(
        "This visit belongs to the {year} logbook: its date must stay in {year}."
    ),
    "visit.staff_required": N_("Choose the receiving official."),
    "visit.staff_unknown": N_("This official is no longer in the staff list."),
    "visit.leader_required": N_("A periodic or ad hoc reception needs its presiding leader."),
    "visit.leader_unknown": N_("This leader is no longer in the staff list."),
    "visit.people_invalid": N_("The number of people must be between 1 and {max}."),
    "visit.content_required": N_("Enter a summary of the content."),
    "visit.type_required": N_(
        "Choose the type: complaint, denunciation, petition or reflection."
    ),
    "visit.field_unknown": N_("This field is no longer in the list."),
    "visit.direction_required": N_("Choose the handling direction."),
    "visit.target_required": N_(
        "Name the body the citizen was guided to or the petition was transferred to."
    ),
    "visit.not_found": N_("This visit no longer exists."),
    "visit.changed_elsewhere": N_(
        "Someone else saved this visit meanwhile. What you typed is still on screen: copy what "
        "you need, then open the visit again."
    ),
    "visit.voided_cannot_edit": N_("A voided visit cannot be edited."),
    "visit.already_voided": N_("This visit is already voided."),
    "visit.void_reason_required": N_("Enter the reason for voiding."),
    "citizen.name_required": N_("Enter the citizen's full name."),
    "citizen.name_invalid": N_("A name must contain letters."),
    "citizen.not_found": N_("The chosen citizen is no longer in the registry."),
    "citizen.birth_in_future": N_("The birth date is in the future."),
    "citizen.issue_in_future": N_("The issue date is in the future."),
    "citizen.phone_invalid": N_(
        "Not a phone number: use 8 to 20 digits (spaces, dots and dashes allowed)."
    ),
    "citizen.commune_unknown": N_("This commune is not in the list of communes."),
    "text.too_long": N_("Too long: at most {max} characters (now {actual})."),
    "document.name_required": N_("Row {row}: enter the document's name."),
    "document.pages_invalid": N_("Row {row}: the number of pages must be between 1 and {max}."),
    "visit.case_unknown": N_("The linked case no longer exists."),
    "visit.incident_note_required": N_("Describe what happened at the counter."),
    "member.name_required": N_("Row {row}: enter the person's full name."),
    "date.unreadable": N_("Cannot read this date: type day/month/year (e.g. 12/04/1985)."),
    "validation_failed": N_("{count} entries need attention."),
    # --- identity papers ---------------------------------------------------------------------
    "id.empty": N_("Enter the number of the identity paper."),
    "id.number_without_document": N_(
        "A number is entered but the paper type is “None shown”."
    ),
    "id.not_digits": N_("The number must contain digits only (found “{char}”)."),
    "id.wrong_length": N_("The number must have {expected} digits (now {actual})."),
    "id.wrong_length_cmnd": N_("An old ID card number has 9 or 12 digits (now {actual})."),
    "id.too_long": N_("The number is too long: at most {max} characters (now {actual})."),
    "id.unknown_province": N_(
        "The first three digits ({province}) are not a known province code."
    ),
    "id.century_mismatch": N_(
        "Digit 4 ({digit}) means born {century}–{century_end}, but the birth year is "
        "{birth_year}."
    ),
    "id.birth_year_mismatch": N_(
        "Digits 5–6 of the number ({digits}) do not match the birth year {birth_year}."
    ),
    "id.sex_mismatch": N_("Digit 4 ({digit}) means {encoded}, but the sex chosen is {sex}."),
    "passport.bad_format": N_(
        "A passport number has {min} to {max} letters and digits only (now {actual} characters)."
    ),
    "qr.malformed": N_(
        "Not a citizen ID card QR code: {actual} parts instead of at least {expected}."
    ),
    "qr.bad_id": N_("The QR code holds an invalid number: “{value}”."),
    "qr.missing_name": N_("The QR code holds no name."),
    "qr.bad_date": N_("The QR code holds an unreadable date: “{value}”."),
    "qr.future_date": N_("The QR code holds a date in the future: {value}."),
    "qr.bad_sex": N_("The QR code holds an unknown sex: “{value}”."),
    "qr.issued_before_birth": N_(
        "The QR code says the card was issued ({issue_date}) before birth ({birth_date})."
    ),
    # --- crowds and pasted participant lists -------------------------------------------------
    "crowd.people_invalid": N_("The number of people must be at least 1."),
    "crowd.representatives_invalid": N_("The number of representatives cannot be negative."),
    "crowd.representatives_exceed_people": N_(
        "{representatives} representatives, but only {people} people."
    ),
    "crowd.representatives_required": N_(
        "{people} people must choose representatives (Law on Citizen Reception, Art. 29)."
    ),
    "crowd.too_many_representatives": N_(
        "{people} people may choose at most {max} representatives (Law on Citizen Reception, "
        "Art. 29)."
    ),
    "crowd.delegation_too_small": N_(
        "A crowd delegation has at least {threshold} people (now {people})."
    ),
    "crowd.delegation_not_marked": N_(
        "{people} people: mark this visit as a crowd delegation (from {threshold} people)."
    ),
    "participant.name_missing": N_("Line {line}: the name is missing."),
    "participant.name_invalid": N_("Line {line}: “{name}” is not a name."),
    "participant.id_zeros_restored": N_("Line {line}: leading zeros restored: {number}."),
    "participant.id_unrecognised": N_(
        "Line {line}: “{number}” is neither an ID number nor a passport number."
    ),
    "participant.bad_phone": N_("Line {line}: “{phone}” is not a phone number."),
    "participant.extra_columns": N_("Line {line}: {count} extra cells were ignored."),
    "participant.duplicate_id": N_("Line {line}: the same ID number as line {first_line}."),
    # --- office, staff, fields ---------------------------------------------------------------
    "office.province_unknown": N_("Choose a province."),
    "office.commune_unknown": N_("Choose a commune of the selected province."),
    "office.body_name_required": N_("Enter the name of the body."),
    "office.place_required": N_("Enter the place name written in the dates of documents."),
    "office.symbol_required": N_("Enter the symbol of the body (e.g. UBND)."),
    "staff.name_required": N_("Enter the staff member's full name."),
    "staff.not_found": N_("This staff member no longer exists."),
    "field.code_required": N_("Enter the field's code."),
    "field.label_required": N_("Enter the field's name."),
    "field.parent_unknown": N_("The parent field does not exist."),
    # --- cases, deadlines, calendar, document numbers ----------------------------------------
    "case.no_events": N_("The case has no steps yet."),
    "case.first_event_must_be_receive": N_("A case must start with its reception."),
    "case.already_received": N_("This case has already been received."),
    "case.terminal": N_("The case is closed: no further steps can be added."),
    "case.not_suspended": N_("The case is not suspended."),
    "case.event_not_allowed": N_("This step is not allowed at the case's current stage."),
    "case.event_before_previous": N_("The date {on} is before the previous step ({previous})."),
    "case.document_required": N_("This step needs the number and date of its document."),
    "case.complaint_object_only_for_complaints": N_(
        "Only a complaint is against an administrative decision or act."
    ),
    "case.dialogue_only_for_complaints": N_("A dialogue is held only for complaints."),
    "case.suspension_not_applicable": N_("This kind of case cannot be suspended."),
    "case.extension_only_for_denunciations": N_(
        "Only a denunciation can have its time limit extended."
    ),
    "case.extension_limit": N_("The time limit can be extended at most {max_extensions} times."),
    "case.extension_needs_complex": N_("Only a complex case can have its time limit extended."),
    "case.second_extension_needs_especially_complex": N_(
        "A second extension needs an especially complex case."
    ),
    "case.criteria_required": N_("Choose at least one criterion of complexity."),
    "case.district_level_abolished": N_(
        "District-level bodies no longer exist from 01/07/2025 (date given: {on})."
    ),
    "deadline.no_rule": N_("No time-limit rule applies on {received_on}."),
    "deadline.extension_limit": N_(
        "At most {max_extensions} extensions are allowed (now {extensions})."
    ),
    "deadline.rule_length_invalid": N_("A time limit must be between 1 and {max} days."),
    "deadline.rule_unknown": N_("There is no such time limit."),
    "deadline.rule_not_editable": N_(
        "This time limit is set by law ({basis}) and cannot be changed here."
    ),
    "deadline.rule_note_required": N_("Write the legal basis of the change."),
    "deadline.rule_not_overridden": N_("This time limit has no office change to remove."),
    "deadline.rule_extension_invalid": N_("Extension days and counts cannot be negative."),
    "deadline.rule_dates_reversed": N_("The rule ends before it starts."),
    "deadline.rules_overlap": N_("Two rules for the same time limit overlap (from {valid_from})."),
    "deadline.suspension_before_start": N_(
        "The suspension on {suspended_on} is before the time limit starts."
    ),
    "deadline.suspension_overlaps": N_(
        "The suspension on {suspended_on} overlaps an earlier one."
    ),
    "deadline.resumed_before_suspended": N_(
        "Resumed on {resumed_on}, before the suspension on {suspended_on}."
    ),
    "calendar.conflicting_override": N_(
        "{day} is listed both as a working day and as a day off."
    ),
    "calendar.day_out_of_range": N_("{day} is outside the years the calendar covers."),
    "calendar.override_not_found": N_("{day} has no special setting to remove."),
    "numbering.number_not_positive": N_("A document number must be 1 or more."),
    "numbering.symbol_invalid": N_(
        "“{symbol}” is not a valid document symbol (capital letters, e.g. UBND)."
    ),
    "numbering.unreadable": N_(
        "Cannot read “{text}” as a document number (e.g. 12/UBND or 12/2026/QĐ-UBND)."
    ),
    # --- cases, citizens, directives, documents, hotspots (other screens) ----------------------
    "case.not_found": N_("This case no longer exists."),
    "case.changed_elsewhere": N_(
        "Someone else changed this case meanwhile: open it again to see their changes."
    ),
    "case.type_required": N_("Choose the type of the case."),
    "case.title_required": N_("Enter a short title for the case."),
    "case.title_too_long": N_("The title is too long: at most {max} characters (now {actual})."),
    "case.received_in_future": N_("The reception date {on} is in the future."),
    "case.field_unknown": N_("This field is no longer in the list."),
    "case.citizen_not_found": N_("A citizen of this case is no longer in the registry."),
    "case.visit_not_found": N_("The visit to link no longer exists."),
    "case.visit_voided": N_("A voided visit cannot be linked to a case."),
    "case.visit_already_linked": N_("This visit already belongs to another case."),
    "case.link_incomplete": N_("Choose both the earlier case and how they are linked."),
    "case.link_kind_invalid": N_("This kind of link does not fit this type of case."),
    "case.link_to_itself": N_("A case cannot be linked to itself."),
    "case.link_type_mismatch": N_("The earlier case is of the wrong type for this link."),
    "case.link_cycle": N_("These links would go round in a circle."),
    "case.complainant_duplicate": N_("This citizen is already on the case."),
    "case.complainant_not_linked": N_("This citizen is no longer on the case."),
    "case.complainant_role_invalid": N_("Choose how the citizen stands in the case."),
    "case.last_complainant": N_(
        "A case keeps at least one complainant: add the other complainant first, then remove "
        "this one."),
    "case.document_in_future": N_("The document date {on} is in the future."),
    "case.body_required": N_("Name the body concerned."),
    "citizen.merge_same": N_("Choose two different citizens to merge."),
    "citizen.already_merged": N_("One of these records has already been merged."),
    "citizen.merge_conflicting_ids": N_(
        "These records carry different ID numbers ({first} and {second}): they are not the "
        "same person."
    ),
    "directive.not_found": N_("This instruction no longer exists."),
    "directive.text_required": N_("Enter the instruction."),
    "directive.case_unknown": N_("The case of this instruction no longer exists."),
    "directive.assignee_unknown": N_("The person assigned is no longer in the staff list."),
    "directive.due_in_past": N_("The due date is already past."),
    "directive.already_acknowledged": N_("This instruction has already been acknowledged."),
    "directive.already_done": N_("This instruction is already done."),
    "document.not_found": N_("This document no longer exists."),
    "document.office_not_set_up": N_("Set up the office first (name, commune, symbol)."),
    "document.visit_voided": N_("Visit No. {visit} is voided: no document can be issued for it."),
    "document.visit_reference_invalid": N_("“{reference}” is not a visit number (e.g. 12/2026)."),
    "document.visit_not_found": N_("There is no visit {reference}."),
    "document.paper_unsupported": N_("This document cannot be printed on this paper size."),
    "document.reason_required": N_("Enter the reason."),
    "document.appointment_in_past": N_("The appointment time is already past."),
    "document.addressee_required": N_("Enter who the document is sent to."),
    "document.layout_unknown": N_("Unknown logbook layout."),
    "document.range_reversed": N_("The end date is before the start date."),
    "hotspot.bad_week": N_("Cannot read “{text}” as a week (e.g. 2026-W48)."),
    "hotspot.policy_invalid": N_("This hotspot setting is not valid."),
    # --- logbook import and database check ---------------------------------------------------
    "import.invalid": N_("The file cannot be imported; nothing was changed."),
    "import.bad_json": N_("Line {line}: not valid JSON."),
    "import.bad_value": N_("Line {line}: the value of “{key}” is not valid."),
    "import.missing_key": N_("Line {line}: “{key}” is missing."),
    "import.not_object": N_("Line {line}: not a record."),
    "import.not_logbook": N_("Line {line}: this file is not a logbook exported by Reception Desk."),
    "import.version_too_new": N_(
        "Line {line}: the file was written by a newer version (format {version}; this version "
        "reads up to {supported})."
    ),
    "import.unknown_type": N_("Line {line}: unknown record type “{type}”."),
    "import.unknown_reference": N_(
        "Line {line}: “{key}” refers to a record that is neither in the file nor in the database."
    ),
    "import.number_taken": N_("Line {line}: number {value} is already used by another record."),
    "check.too_new": N_("The database is newer than this program (revision {revision})."),
    "check.not_migrated": N_(
        "The database has not been upgraded yet (revision {revision}, expected {head})."
    ),
    "check.integrity": N_("The database file is damaged: {detail}"),
    "check.foreign_key": N_("Broken links between records in table {table}."),
    "check.stt_gap": N_(
        "Logbook {year}: {count} visits but the last number is {max}: numbers are missing."
    ),
    "check.counter_behind": N_(
        "Logbook {year}: the number counter is behind the last number {max}."
    ),
    # The tamper-evident record (services/integrity.py); {record} and {subject} name the record.
    "check.unreadable": N_("The database could not be read to the end: {detail}"),
    "check.stt_duplicate": N_("{record}: its number is used twice in the logbook."),
    "check.counter_ahead": N_(
        "The {year} logbook counter is at {counter} but the last visit is number {max}: "
        "visits at the end are missing."
    ),
    "check.case_number_gap": N_(
        "Case numbers of {year} have gaps: {count} cases, highest number {max}, first "
        "missing {first}."
    ),
    "check.case_number_duplicate": N_("{record}: its number is used twice."),
    "check.case_counter_behind": N_(
        "The {year} case counter ({counter}) is behind the highest case number {max}."
    ),
    "check.case_counter_ahead": N_(
        "The {year} case counter is at {counter} but the last case is number {max}: cases at "
        "the end are missing."
    ),
    "check.document_number_gap": N_(
        "Numbers of issued documents ({kind}, {year}) have gaps: {count} documents, "
        "highest number {max}, first missing {first}."
    ),
    "check.document_number_duplicate": N_("{record}: its number is used twice."),
    "check.document_counter_behind": N_(
        "The {year} counter of {kind} documents ({counter}) is behind the highest number "
        "{max}."
    ),
    "check.document_counter_ahead": N_(
        "The {year} counter of {kind} documents is at {counter} but the last one issued is "
        "number {max}: documents at the end are missing."
    ),
    "check.record_altered": N_(
        "{record} no longer matches its last audited state: it was changed outside the "
        "application."
    ),
    "check.record_unaudited": N_(
        "{record} has no audit row: it was written outside the application."
    ),
    "check.record_missing": N_(
        "{record} is in the audit trail but no longer in the database: it was deleted."
    ),
    "check.audit_row_altered": N_(
        "Audit row {id} (about {subject}) does not match its hash: it was edited or written "
        "outside the application."
    ),
    "check.audit_chain_broken": N_(
        "The audit trail is broken before row {id} (about {subject}): rows were deleted, "
        "inserted or moved there."
    ),
    "check.audit_trail_missing": N_(
        "The audit trail is empty: it was removed ({expected} rows were recorded)."
    ),
    "check.chain_head_missing": N_(
        "The end of the audit chain is not recorded any more ({found} audit rows found)."
    ),
    "check.audit_tail_missing": N_(
        "The last audit rows after row {last_id} were deleted (the chain ended at row "
        "{head_id})."
    ),
    "check.audit_tail_added": N_(
        "Audit rows after row {head_id} up to {last_id} were added outside the application."
    ),
    "check.chain_head_mismatch": N_(
        "The end of the audit chain (row {last_id}) does not match its recorded head."
    ),
    "check.audit_count": N_("The audit chain holds {found} rows; {expected} were recorded."),
    "check.more": N_("…and {count} more of the same kind ({code})."),
    # --- environment ---------------------------------------------------------------------------
    "database.unsupported_url": N_("Unsupported database address: {url}"),
    "database.unreadable": N_("Cannot read the database: {detail}"),
    "database.foreign": N_("This database belongs to another program."),
    "database.too_new": N_(
        "The database was written by a newer version of Reception Desk: install that version."
    ),
}

#: Said after a structural ID problem the clerk may accept with a reason.
OVERRIDE_HINT = N_("If the paper really shows this, write the reason in the box below.")

_FALLBACKS: dict[str, str] = {
    "id": N_("The identity paper number is not accepted (code {code})."),
    "passport": N_("The identity paper number is not accepted (code {code})."),
    "qr": N_("The QR code could not be read (code {code})."),
    "database": N_("The database reported a problem (code {code})."),
}
_GENERIC = N_("This entry is not accepted (code {code}).")
_MORE = N_("…and {count} more.")
#: How many line problems of a failed import are listed.
MAX_LISTED = 10


class _Params(dict[str, Any]):
    """Format arguments that leave an unknown placeholder visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_count(value: int) -> str:
    """A count with the language's thousands separator."""
    grouped = f"{value:,}"
    # Vietnamese groups thousands with dots (1.000.000); English with commas.
    return grouped.replace(",", ".") if current_language() == "vi" else grouped


def _value(key: str, value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(OFFICE_TZ)
        return value.strftime("%H:%M %d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        # Years and digits read as written ("1985", "2026"), counts get thousand separators.
        if key in {"year", "birth_year", "century", "digit", "row", "line", "first_line", "seq",
                   "version", "supported"}:
            return str(value)
        return format_count(value)
    if isinstance(value, Enum):
        return label(value)
    return value


def _params(error: ReceptionDeskError) -> _Params:
    params = _Params({k: _value(k, v) for k, v in error.params.items()})
    params["code"] = error.code
    raw = error.params
    if isinstance(raw.get("century"), int):
        params["century_end"] = str(raw["century"] + 99)
    for key in ("sex", "encoded"):
        if raw.get(key) in {s.value for s in Sex}:
            params[key] = label(Sex(raw[key])).lower()
    if "entity" in raw:  # a check finding: name the record it concerns
        numbered = "stt" in raw or "number" in raw
        params["record"] = _record_name(raw["entity"], raw.get("id"), raw, numbered)
        if "entity_id" in raw:
            params["subject"] = _record_name(raw["entity"], raw["entity_id"], {}, False)
    return params


#: How a check finding names a record: (with its number, with its id only).
_RECORDS: dict[str, tuple[str, str]] = {
    "visit": (N_("Visit {stt} (id {id})"), N_("Visit id {id}")),
    "case": (N_("Case {number} (id {id})"), N_("Case id {id}")),
    "citizen": (N_("Citizen record {id}"), N_("Citizen record {id}")),
    "issued_document": (N_("Document {number} (id {id})"), N_("Document id {id}")),
    "directive": (N_("Directive {id}"), N_("Directive {id}")),
}


def _record_name(entity: Any, record_id: Any, raw: dict[str, Any], numbered: bool) -> str:
    forms = _RECORDS.get(str(entity))
    if forms is None:
        return f"{entity} {record_id}"
    values = _Params({k: v for k, v in raw.items() if isinstance(v, str | int)})
    values["id"] = str(record_id)
    return _fill(_(forms[0] if numbered else forms[1]), values)


def _fill(template: str, params: _Params) -> str:
    try:
        return string.Formatter().vformat(template, (), params)
    except (ValueError, IndexError, KeyError):  # a broken translation must not hide the error
        return template


def message_for(error: ReceptionDeskError) -> str:
    """The sentence to show for ``error`` (any ``UserError`` or ``KnownError``)."""
    code = error.code
    msgid = MESSAGES.get(code)
    if msgid is None:
        msgid = _FALLBACKS.get(code.split(".", 1)[0], _GENERIC)
    text = _fill(_(msgid), _params(error))
    if error.params.get("overridable"):
        text = f"{text} {_(OVERRIDE_HINT)}"
    details = error.params.get("errors")
    if code == "import.invalid" and isinstance(details, list):
        lines = [text]
        for item in details[:MAX_LISTED]:
            if isinstance(item, dict) and isinstance(item.get("code"), str):
                params = {k: v for k, v in item.items() if k != "code"}
                lines.append(message_for(ReceptionDeskError(item["code"], **params)))
        if len(details) > MAX_LISTED:
            lines.append(_(_MORE).format(count=format_count(len(details) - MAX_LISTED)))
        text = "\n".join(lines)
    return text


def is_overridable(error: ReceptionDeskError) -> bool:
    """A structural problem the clerk may accept by writing a reason."""
    return bool(error.params.get("overridable"))
