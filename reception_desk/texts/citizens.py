"""Sentences of the citizen registry: names, identity papers, QR scans, crowds and pasted lists.

``id.*`` problems a clerk may override carry ``overridable``; ``message_for`` then adds the hint.
Vietnamese in parts/citizens.po.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reception_desk.i18n import N_
from reception_desk.i18n import _

MESSAGES: dict[str, str] = {
    "citizen.already_merged": N_("One of these records has already been merged."),
    "citizen.changed_elsewhere": N_(
        "Another counter has just changed this citizen's registry record{changed}. Nothing was "
        "saved and what you typed is kept: check it with the citizen, then save again to keep "
        "your values, or choose the citizen again to take the record as it is now."
    ),
    "citizen.birth_after_visit": N_(
        "The birth date is after the reception day ({visit_day}): check the year."),
    "citizen.birth_in_future": N_("The birth date is in the future."),
    "citizen.birth_too_old": N_("The birth date cannot be before {earliest}: check the year."),
    "citizen.commune_unknown": N_("This commune is not in the list of communes."),
    "citizen.issue_before_birth": N_(
        "The paper cannot be issued before its holder was born ({birth_date}): check both "
        "dates."),
    "citizen.issue_in_future": N_("The issue date is in the future."),
    "citizen.issue_too_old": N_("The issue date cannot be before {earliest}: check the year."),
    "citizen.merge_conflicting_ids": N_(
        "These records carry different ID numbers ({first} and {second}): they are not the "
        "same person."
    ),
    "citizen.merge_same": N_("Choose two different citizens to merge."),
    "citizen.merge_voided": N_(
        "The record of {name} was voided when an old-logbook import was undone: it is no "
        "longer in the registry and cannot be merged."
    ),
    "citizen.name_invalid": N_("A name must contain letters."),
    "citizen.name_mangled": N_(
        "“{words}” cannot be part of a Vietnamese name: a scanner typing the card may have lost "
        "the accents. Check the name against the card."
    ),
    "citizen.name_required": N_("Enter the citizen's full name."),
    "citizen.not_found": N_("The chosen citizen is no longer in the registry."),
    "citizen.not_same_person": N_(
        "The chosen registry record is {name}: this name or ID number is another person's. "
        "Choose the citizen again, or clear the choice to record a new person."
    ),
    "citizen.phone_invalid": N_(
        "Not a phone number: use 8 to 20 digits (spaces, dots and dashes allowed)."
    ),
    "crowd.delegation_not_marked": N_(
        "{people} people: mark this visit as a crowd delegation (from {threshold} people)."
    ),
    "crowd.delegation_too_small": N_(
        "A crowd delegation has at least {threshold} people (now {people})."
    ),
    "crowd.people_invalid": N_("The number of people must be at least 1."),
    "crowd.representatives_exceed_people": N_(
        "{representatives} representatives, but only {people} people."
    ),
    "crowd.representatives_invalid": N_("The number of representatives cannot be negative."),
    "crowd.representatives_required": N_(
        "{people} people must choose representatives (Law on Citizen Reception, Art. 29)."
    ),
    "crowd.too_many_representatives": N_(
        "{people} people may choose at most {max} representatives (Law on Citizen Reception, "
        "Art. 29)."
    ),
    "id.birth_year_mismatch": N_(
        "Digits 5–6 of the number ({digits}) do not match the birth year {birth_year}."
    ),
    "id.century_mismatch": N_(
        "Digit 4 ({digit}) means born {century}–{century_end}, but the birth year is "
        "{birth_year}."
    ),
    "id.all_zeros": N_(
        "A number made only of zeros is not a paper's number: choose “None shown” if the "
        "citizen has no paper."),
    "id.century_impossible": N_(
        "Digit 4 ({digit}) means a birth in {century} or later: check the number."),
    "id.empty": N_("Enter the number of the identity paper."),
    "id.not_digits": N_("The number must contain digits only (found “{char}”)."),
    "id.number_without_document": N_("A number is entered but the paper type is “None shown”."),
    "id.sex_mismatch": N_("Digit 4 ({digit}) means {encoded}, but the sex chosen is {sex}."),
    "id.too_long": N_("The number is too long: at most {max} characters (now {actual})."),
    "id.unknown_province": N_("The first three digits ({province}) are not a known province code."),
    "id.wrong_length": N_("The number must have {expected} digits (now {actual})."),
    "id.wrong_length_cmnd": N_("An old ID card number has 9 or 12 digits (now {actual})."),
    "participant.bad_phone": N_("Line {line}: “{phone}” is not a phone number."),
    "participant.duplicate_id": N_("Line {line}: the same ID number as line {first_line}."),
    "participant.extra_columns": N_("Line {line}: {count} extra cells were ignored."),
    "participant.id_unrecognised": N_(
        "Line {line}: “{number}” is neither an ID number nor a passport number."
    ),
    "participant.id_zeros_restored": N_("Line {line}: leading zeros restored: {number}."),
    "participant.name_invalid": N_("Line {line}: “{name}” is not a name."),
    "participant.name_missing": N_("Line {line}: the name is missing."),
    "passport.bad_format": N_(
        "A passport number has {min} to {max} letters and digits only (now {actual} "
        "characters)."
    ),
    "qr.bad_date": N_("The QR code holds an unreadable date: “{value}”."),
    "qr.bad_id": N_("The QR code holds an invalid number: “{value}”."),
    "qr.bad_sex": N_("The QR code holds an unknown sex: “{value}”."),
    "qr.future_date": N_("The QR code holds a date in the future: {value}."),
    "qr.issued_before_birth": N_(
        "The QR code says the card was issued ({issue_date}) before birth ({birth_date})."
    ),
    "qr.malformed": N_(
        "Not a citizen ID card QR code: {actual} parts instead of at least {expected}."
    ),
    "qr.missing_name": N_("The QR code holds no name."),
}

#: The fields of a citizen's record a ``citizen.changed_elsewhere`` names
#: (services/citizens/versions.FIELD_COLUMNS).
RECORD_FIELDS: dict[str, str] = {
    "citizen_name": N_("full name"),
    "id_number": N_("ID paper and number"),
    "id_issue_date": N_("issue date"),
    "id_issue_place": N_("place of issue"),
    "sex": N_("sex"),
    "birth_date": N_("birth date"),
    "phone": N_("phone number"),
    "address": N_("address"),
    "merged": N_("merged into another record"),
}
_CHANGED = N_(" (now different: {fields})")


def named_params(raw: Mapping[str, Any]) -> dict[str, str]:
    """``changed``: the record's fields a ``citizen.changed_elsewhere`` lists, named."""
    fields = raw.get("fields")
    if not isinstance(fields, list) or "version" not in raw:
        return {}
    names = [_(RECORD_FIELDS[f]) for f in fields if f in RECORD_FIELDS]
    return {"changed": _(_CHANGED).format(fields=", ".join(names)) if names else ""}
