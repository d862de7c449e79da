"""Display names of the classification codes (Vietnamese by default, through gettext).

The domain stores stable English codes (``VisitKind.PERIODIC`` = "periodic"); the screens and
the command line show the words of the logbook (LEGAL.md §1.2, §2.1). Every table below is
marked with ``N_`` and translated when asked, so switching language needs no restart.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from reception_desk.domain import classification as kinds
from reception_desk.i18n import N_
from reception_desk.i18n import _

VISIT_KINDS: dict[kinds.VisitKind, str] = {
    kinds.VisitKind.REGULAR: N_("Regular"),
    kinds.VisitKind.PERIODIC: N_("Periodic (leader's reception day)"),
    kinds.VisitKind.AD_HOC: N_("Ad hoc"),
}

PETITION_TYPES: dict[kinds.PetitionType, str] = {
    kinds.PetitionType.COMPLAINT: N_("Complaint"),
    kinds.PetitionType.DENUNCIATION: N_("Denunciation"),
    kinds.PetitionType.PETITION: N_("Petition"),
    kinds.PetitionType.REFLECTION: N_("Reflection"),
}

HANDLING_DIRECTIONS: dict[kinds.HandlingDirection, str] = {
    kinds.HandlingDirection.ACCEPT: N_("Accept for resolution"),
    kinds.HandlingDirection.GUIDE: N_("Return the petition and guide the citizen"),
    kinds.HandlingDirection.TRANSFER: N_("Transfer to the competent body"),
    kinds.HandlingDirection.REQUIRE_LOWER: N_("Require the lower level to resolve"),
    kinds.HandlingDirection.EXPLAIN: N_("Explain and ask the citizen to comply"),
    kinds.HandlingDirection.REVIEW: N_("Report for review"),
    kinds.HandlingDirection.TO_POLICE: N_("Transfer to the investigation body or procuracy"),
    kinds.HandlingDirection.TO_PARTY: N_("Transfer to the Party body"),
    kinds.HandlingDirection.PREVENTIVE: N_("Apply preventive measures"),
    kinds.HandlingDirection.REFUSE: N_("Refuse reception"),
    kinds.HandlingDirection.FILE: N_("File the petition"),
    kinds.HandlingDirection.ANONYMOUS: N_("No action (anonymous)"),
}

ID_DOC_TYPES: dict[kinds.IdDocType, str] = {
    kinds.IdDocType.CITIZEN_ID: N_("Citizen ID card (12 digits)"),
    kinds.IdDocType.LEGACY_CMND: N_("Old ID card (CMND)"),
    kinds.IdDocType.ID_CERTIFICATE: N_("Identity certificate"),
    kinds.IdDocType.PASSPORT: N_("Passport"),
    kinds.IdDocType.OTHER: N_("Other paper"),
    kinds.IdDocType.NONE: N_("None shown"),
}

DOCUMENT_CONDITIONS: dict[kinds.DocumentCondition, str] = {
    kinds.DocumentCondition.ORIGINAL: N_("Original"),
    kinds.DocumentCondition.COPY: N_("Photocopy"),
    kinds.DocumentCondition.CERTIFIED_COPY: N_("Certified copy"),
}

SEXES: dict[kinds.Sex, str] = {
    kinds.Sex.MALE: N_("Male"),
    kinds.Sex.FEMALE: N_("Female"),
}

_TABLES: dict[type[Enum], dict[object, str]] = {
    kinds.VisitKind: VISIT_KINDS,  # type: ignore[dict-item]
    kinds.PetitionType: PETITION_TYPES,  # type: ignore[dict-item]
    kinds.HandlingDirection: HANDLING_DIRECTIONS,  # type: ignore[dict-item]
    kinds.IdDocType: ID_DOC_TYPES,  # type: ignore[dict-item]
    kinds.DocumentCondition: DOCUMENT_CONDITIONS,  # type: ignore[dict-item]
    kinds.Sex: SEXES,  # type: ignore[dict-item]
}


def label(value: Enum) -> str:
    """The translated display name of any classification code."""
    return label_in(_TABLES, value)


def label_in(tables: Mapping[type[Enum], Mapping[Any, str]], value: Enum) -> str:
    """The translated name of ``value`` in the label table of its enum among ``tables``; a value
    without one shows its code."""
    table = tables.get(type(value))
    if table is None or value not in table:
        return str(getattr(value, "value", value))
    return _(table[value])


def choices(enum_type: type[Enum]) -> list[tuple[Enum, str]]:
    """(code, translated label) pairs in declaration order, for combo boxes."""
    return [(member, label(member)) for member in enum_type]
