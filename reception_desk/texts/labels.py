"""Display names of the classification codes (Vietnamese by default, through gettext).

The domain stores stable English codes (``VisitKind.PERIODIC`` = "periodic"); the screens and
the command line show the words of the logbook (LEGAL.md §1.2, §2.1). Every table below is
marked with ``N_`` and translated when asked, so switching language needs no restart.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from reception_desk.domain.classification import (
    DocumentCondition,
    HandlingDirection,
    IdDocType,
    PetitionType,
    Sex,
    VisitKind,
)
from reception_desk.i18n import N_, _

VISIT_KINDS: dict[VisitKind, str] = {
    VisitKind.REGULAR: N_("Regular"),
    VisitKind.PERIODIC: N_("Periodic (leader's reception day)"),
    VisitKind.AD_HOC: N_("Ad hoc"),
}

PETITION_TYPES: dict[PetitionType, str] = {
    PetitionType.COMPLAINT: N_("Complaint"),
    PetitionType.DENUNCIATION: N_("Denunciation"),
    PetitionType.PETITION: N_("Petition"),
    PetitionType.REFLECTION: N_("Reflection"),
}

HANDLING_DIRECTIONS: dict[HandlingDirection, str] = {
    HandlingDirection.ACCEPT: N_("Accept for resolution"),
    HandlingDirection.GUIDE: N_("Return the petition and guide the citizen"),
    HandlingDirection.TRANSFER: N_("Transfer to the competent body"),
    HandlingDirection.REQUIRE_LOWER: N_("Require the lower level to resolve"),
    HandlingDirection.EXPLAIN: N_("Explain and ask the citizen to comply"),
    HandlingDirection.REVIEW: N_("Report for review"),
    HandlingDirection.TO_POLICE: N_("Transfer to the investigation body or procuracy"),
    HandlingDirection.TO_PARTY: N_("Transfer to the Party body"),
    HandlingDirection.PREVENTIVE: N_("Apply preventive measures"),
    HandlingDirection.REFUSE: N_("Refuse reception"),
    HandlingDirection.FILE: N_("File the petition"),
    HandlingDirection.ANONYMOUS: N_("No action (anonymous)"),
}

ID_DOC_TYPES: dict[IdDocType, str] = {
    IdDocType.CITIZEN_ID: N_("Citizen ID card (12 digits)"),
    IdDocType.LEGACY_CMND: N_("Old ID card (CMND)"),
    IdDocType.ID_CERTIFICATE: N_("Identity certificate"),
    IdDocType.PASSPORT: N_("Passport"),
    IdDocType.OTHER: N_("Other paper"),
    IdDocType.NONE: N_("None shown"),
}

DOCUMENT_CONDITIONS: dict[DocumentCondition, str] = {
    DocumentCondition.ORIGINAL: N_("Original"),
    DocumentCondition.COPY: N_("Photocopy"),
    DocumentCondition.CERTIFIED_COPY: N_("Certified copy"),
}

SEXES: dict[Sex, str] = {
    Sex.MALE: N_("Male"),
    Sex.FEMALE: N_("Female"),
}

_TABLES: dict[type[Enum], dict[object, str]] = {
    VisitKind: VISIT_KINDS,  # type: ignore[dict-item]
    PetitionType: PETITION_TYPES,  # type: ignore[dict-item]
    HandlingDirection: HANDLING_DIRECTIONS,  # type: ignore[dict-item]
    IdDocType: ID_DOC_TYPES,  # type: ignore[dict-item]
    DocumentCondition: DOCUMENT_CONDITIONS,  # type: ignore[dict-item]
    Sex: SEXES,  # type: ignore[dict-item]
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
