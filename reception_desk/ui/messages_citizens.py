"""Sentences for the codes of identity papers, QR scans, crowds, pasted lists and the registry.

English msgids with named placeholders (Vietnamese in parts/citizens.po). The UI shows
``message(code, params)``, which is ``_(MESSAGES[code]).format(**params)`` with dates, sexes and
missing placeholders taken care of.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from reception_desk.domain.cases import CaseStage
from reception_desk.domain.classification import Sex
from reception_desk.i18n import N_, _

MESSAGES: dict[str, str] = {
    # --- identity papers (domain/identity.py) ------------------------------------------------
    "id.empty": N_("Enter the number of the identity paper."),
    "id.number_without_document": N_("A number is entered but the paper type is “None shown”."),
    "id.not_digits": N_("The number must contain digits only (found “{char}”)."),
    "id.wrong_length": N_("The number must have {expected} digits (now {actual})."),
    "id.wrong_length_cmnd": N_("An old ID card number has 9 or 12 digits (now {actual})."),
    "id.too_long": N_("The number is too long: at most {max} characters (now {actual})."),
    "id.unknown_province": N_("The first three digits ({province}) are not a known province code."),
    "id.century_mismatch": N_(
        "Digit 4 ({digit}) means born from {century}, but the birth year is {birth_year}."
    ),
    "id.birth_year_mismatch": N_(
        "Digits 5–6 of the number ({digits}) do not match the birth year {birth_year}."
    ),
    "id.sex_mismatch": N_("Digit 4 ({digit}) means {encoded}, but the sex chosen is {sex}."),
    "passport.bad_format": N_(
        "A passport number has {min} to {max} letters and digits only (now {actual} characters)."
    ),
    # --- CCCD QR scan ------------------------------------------------------------------------
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
    # --- crowds (Luật TCD Art. 29) -----------------------------------------------------------
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
    # --- pasted participant lists --------------------------------------------------------------
    "participant.name_missing": N_("Line {line}: the name is missing."),
    "participant.name_invalid": N_("Line {line}: “{name}” is not a name."),
    "participant.id_zeros_restored": N_("Line {line}: leading zeros restored: {number}."),
    "participant.id_unrecognised": N_(
        "Line {line}: “{number}” is neither an ID number nor a passport number."
    ),
    "participant.bad_phone": N_("Line {line}: “{phone}” is not a phone number."),
    "participant.extra_columns": N_("Line {line}: {count} extra cells were ignored."),
    "participant.duplicate_id": N_("Line {line}: the same ID number as line {first_line}."),
    "member.name_required": N_("Row {row}: enter the person's full name."),
    # --- the registry (services/citizens.py) --------------------------------------------------
    "citizen.not_found": N_("The chosen citizen is no longer in the registry."),
    "citizen.merge_same": N_("Choose two different records to merge."),
    "citizen.already_merged": N_(
        "One of these records was already merged into another; choose the surviving record."
    ),
    "citizen.merge_conflicting_ids": N_(
        "These records hold different ID numbers ({first} and {second}): they are not the same "
        "person."
    ),
}


CASE_STAGES: dict[str, str] = {
    CaseStage.RECEIVED: N_("Case received"),
    CaseStage.REFUSED: N_("Case refused"),
    CaseStage.RETURNED_GUIDED: N_("Returned with guidance"),
    CaseStage.TRANSFERRED: N_("Case transferred"),
    CaseStage.ACCEPTED: N_("Accepted for resolution"),
    CaseStage.VERIFYING: N_("Under verification"),
    CaseStage.DIALOGUE: N_("In dialogue"),
    CaseStage.DECIDED: N_("Decided"),
    CaseStage.CLOSED: N_("Case closed"),
    CaseStage.SUSPENDED: N_("Suspended"),
    CaseStage.WITHDRAWN: N_("Withdrawn"),
    CaseStage.FILED: N_("Case filed"),
}

_SEXES = {Sex.MALE.value: N_("male"), Sex.FEMALE.value: N_("female")}
_GENERIC = N_("This entry is not accepted (code {code}).")


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _shown(key: str, value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if key in ("sex", "encoded") and isinstance(value, str) and value in _SEXES:
        return _(_SEXES[value])
    return value


def message(code: str, params: Mapping[str, Any] | None = None) -> str:
    """The translated sentence for ``code`` with its parameters filled in."""
    template = MESSAGES.get(code)
    values = _Params({k: _shown(k, v) for k, v in (params or {}).items()})
    if template is None:
        values["code"] = code
        return _(_GENERIC).format_map(values)
    return _(template).format_map(values)


def stage_label(stage: str | None) -> str:
    if not stage:
        return ""
    text = CASE_STAGES.get(stage)
    return _(text) if text else stage
