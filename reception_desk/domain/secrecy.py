"""Secrecy of identity: the denouncer rule and what of a person a viewer sees (LEGAL.md §7.1).

A denouncer's name, address and other personal data are kept secret unless the denouncer
agrees to disclosure (Luật Tố cáo Art. 9(1)(b), 56; TT 04/2021); from 2026 the personal data of
every citizen received are protected (NĐ 154/2026 Art. 12(2)). ``is_secret`` says whether a
sender is a denouncer under secrecy; ``withholds_identity`` is the rule for a document that
leaves the office (a transfer slip); ``masking_plan`` decides, per identity field, what a
viewer sees, and ``mask_identity`` applies it. Applied at every door by
``services.access.secrecy``.

Pure: no I/O, no clock, no user-facing text (codes and enums; the UI words them).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from reception_desk.domain.access import Permission
from reception_desk.domain.access import username_key
from reception_desk.domain.text import clean_line
from reception_desk.domain.text import fold
from reception_desk.errors import UserError

# --- secrecy of identity ---------------------------------------------------------------------


class IdentityField(StrEnum):
    NAME = "name"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    ADDRESS = "address"
    BIRTH_DATE = "birth_date"


class Shown(StrEnum):
    """How one identity field reaches a viewer."""

    CLEAR = "clear"  # as stored
    PARTIAL = "partial"  # a masked form that identifies no one (see ``mask_identity``)
    WITHHELD = "withheld"  # nothing of it


@dataclass(frozen=True)
class Identity:
    """A person as a record shows them: the sender of a visit, a crowd member, a citizen."""

    name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""
    birth_date: date | None = None


@dataclass(frozen=True)
class SecrecyWaiver:
    """The denouncer agreed to disclosure of their identity (recorded with the date)."""

    waived_on: date
    noted_by: str = ""


def person_key(name: str, id_number: str) -> str:
    """Which person of a record a waiver belongs to: folded name and ID number.

    Crowd members are rewritten when a visit is edited, so a waiver is tied to the person, not
    to a row position: if the name or number is corrected later, the waiver no longer matches
    and the identity is masked again (the safe side).
    """
    return f"{username_key(name)}|{clean_line(id_number)}"


def is_secret(petition_type: str | None, waiver: SecrecyWaiver | None) -> bool:
    """Is this sender a denouncer under secrecy? (Luật TC Art. 9(1)(b): unless they agree.)"""
    return petition_type == "denunciation" and waiver is None


def withholds_identity(petition_type: str | None, waiver: SecrecyWaiver | None,
                       asked: bool | None, reason_given: bool) -> bool:
    """THE denouncer rule for a document that leaves the office (a transfer slip), every door.

    Luật TC Art. 56 (LEGAL.md §7.1): the denouncer's identifying data are stripped from the đơn
    before it goes on. So a denouncer under secrecy (``is_secret``) is withheld unless the user
    reveals them with a reason (the caller logs that reveal before printing); asking for an
    unredacted copy (``asked`` False) without a reason is refused. Anyone else, a denouncer who
    waived secrecy included, is printed unless the user asks for a redacted copy.

    ``asked``: the user's choice (True: redacted; False: unredacted; None: the rule decides).
    """
    if asked:
        return True
    if not is_secret(petition_type, waiver):
        return False
    if reason_given:
        return False
    if asked is False:
        raise UserError("secrecy.reason_required", field="reveal_reason")
    return True


def redacted_by_default(petition_type: str | None, waiver: SecrecyWaiver | None) -> bool:
    """What a transfer dialog starts from: ``withholds_identity`` when the user decides nothing."""
    return withholds_identity(petition_type, waiver, None, reason_given=False)


#: What a viewer without ``VIEW_PERSONAL_DATA`` sees of a citizen not under secrecy.
_OUTSIDER_PLAN: Mapping[IdentityField, Shown] = MappingProxyType({
    IdentityField.NAME: Shown.CLEAR,
    IdentityField.ID_NUMBER: Shown.PARTIAL,
    IdentityField.PHONE: Shown.PARTIAL,
    IdentityField.ADDRESS: Shown.PARTIAL,
    IdentityField.BIRTH_DATE: Shown.PARTIAL,
})
_CLEAR_PLAN: Mapping[IdentityField, Shown] = MappingProxyType(
    {f: Shown.CLEAR for f in IdentityField})
_SECRET_PLAN: Mapping[IdentityField, Shown] = MappingProxyType(
    {f: Shown.WITHHELD for f in IdentityField})


def masking_plan(
    permissions: Iterable[Permission],
    petition_type: str | None,
    waiver: SecrecyWaiver | None,
) -> Mapping[IdentityField, Shown]:
    """THE redaction rule: what each identity field of a record's sender shows to a viewer.

    1. A denouncer who has not waived secrecy: every field withheld, for every viewer, in every
       list, search result, banner, print and export. Seeing it takes a deliberate reveal
       (``REVEAL_IDENTITY``, with a reason, logged) — no permission unmasks it silently.
    2. Anyone else (and a denouncer who waived): the name in clear; the ID number, phone,
       address and birth date in clear only with ``VIEW_PERSONAL_DATA``, otherwise partial.

    ``petition_type`` is the record's type code (a visit's petition type, a case's type).
    """
    if is_secret(petition_type, waiver):
        return _SECRET_PLAN
    if Permission.VIEW_PERSONAL_DATA in set(permissions):
        return _CLEAR_PLAN
    return _OUTSIDER_PLAN


#: Stands for a withheld value, so a door that forgets to word it still shows nothing.
WITHHELD = "***"
_MASK = "*"
#: Characters kept at the end of an ID or phone number (at least ``_HIDDEN_AT_LEAST`` hidden):
#: enough to tell two records apart, never enough to find the person (the last digits of a
#: citizen-ID number are a random sequence; LEGAL.md §10).
KEEP_LAST = 3
_HIDDEN_AT_LEAST = 5
# Administrative units an address may end with (folded first words): commune level and above.
_UNIT_WORDS = ("xa ", "phuong ", "thi tran ", "dac khu ", "huyen ", "quan ", "thi xa ",
               "thanh pho ", "tp ", "tp. ", "tinh ")
MAX_UNITS_KEPT = 2


def mask_number(value: str) -> str:
    """An ID or phone number reduced to its last digits: "037085001234" → "*********234"."""
    chars = [c for c in value if c.isalnum()]
    if not chars:
        return ""
    if len(chars) - KEEP_LAST < _HIDDEN_AT_LEAST:
        return _MASK * len(chars)
    return _MASK * (len(chars) - KEEP_LAST) + "".join(chars[-KEEP_LAST:])


def _is_unit(part: str) -> bool:
    folded = fold(part) + " "
    return folded.startswith(_UNIT_WORDS)


def mask_address(value: str) -> str:
    """An address reduced to its commune and province: "***, xã Yên Phú, tỉnh Ninh Bình".

    Only trailing comma-separated parts that name an administrative unit are kept (at most
    two); the house number, street, hamlet or village never are.
    """
    parts = [p.strip() for p in clean_line(value).split(",") if p.strip()]
    if not parts:
        return ""
    kept: list[str] = []
    for part in reversed(parts):
        if len(kept) == MAX_UNITS_KEPT or not _is_unit(part):
            break
        kept.insert(0, part)
    hidden = len(parts) - len(kept)
    return ", ".join(([WITHHELD] if hidden else []) + kept)


@dataclass(frozen=True)
class MaskedIdentity:
    """An identity as one viewer may see it. Withheld text fields hold ``WITHHELD``."""

    name: str
    id_number: str
    phone: str
    address: str
    birth_date: date | None  # set only when shown in clear
    birth_year: int | None  # set when the date is shown in clear or partially
    shown: Mapping[IdentityField, Shown]

    @property
    def secret(self) -> bool:
        """The whole identity is withheld (a denouncer under secrecy)."""
        return self.shown[IdentityField.NAME] is Shown.WITHHELD

    def is_masked(self, field: IdentityField) -> bool:
        return self.shown[field] is not Shown.CLEAR

    def text(self, field: IdentityField, withheld: str = WITHHELD) -> str:
        """The field as a door prints it; ``withheld`` words a withheld value ("(giữ bí mật)")."""
        if self.shown[field] is Shown.WITHHELD:
            return withheld
        if field is IdentityField.BIRTH_DATE:
            if self.birth_date is not None:
                return self.birth_date.strftime("%d/%m/%Y")
            return str(self.birth_year) if self.birth_year is not None else ""
        value: str = getattr(self, field.value)
        return value


def apply_plan(identity: Identity, plan: Mapping[IdentityField, Shown]) -> MaskedIdentity:
    """``identity`` as ``plan`` lets it be seen (a missing field counts as withheld)."""

    def how(field: IdentityField) -> Shown:
        return plan.get(field, Shown.WITHHELD)

    def text(field: IdentityField, value: str, partial: str) -> str:
        state = how(field)
        if state is Shown.CLEAR:
            return value
        if state is Shown.PARTIAL:
            return partial
        return WITHHELD

    birth = how(IdentityField.BIRTH_DATE)
    born = identity.birth_date
    full_plan = MappingProxyType({f: how(f) for f in IdentityField})
    return MaskedIdentity(
        # A name has no partial form that identifies no one: partial names are withheld.
        name=text(IdentityField.NAME, identity.name, WITHHELD),
        id_number=text(IdentityField.ID_NUMBER, identity.id_number,
                       mask_number(identity.id_number)),
        phone=text(IdentityField.PHONE, identity.phone, mask_number(identity.phone)),
        address=text(IdentityField.ADDRESS, identity.address, mask_address(identity.address)),
        birth_date=born if birth is Shown.CLEAR else None,
        birth_year=born.year if born is not None and birth is not Shown.WITHHELD else None,
        shown=full_plan,
    )


def mask_identity(
    identity: Identity,
    permissions: Iterable[Permission],
    petition_type: str | None,
    waiver: SecrecyWaiver | None = None,
) -> MaskedIdentity:
    """``identity`` as a viewer with ``permissions`` may see it on a record of this type."""
    return apply_plan(identity, masking_plan(permissions, petition_type, waiver))


def check_waiver(waived_on: date, reception_date: date, today: date) -> None:
    """A waiver is dated between the reception day and today (both included)."""
    if waived_on > today:
        raise UserError("secrecy.waiver_in_future", field="waived_on")
    if waived_on < reception_date:
        raise UserError("secrecy.waiver_before_visit", field="waived_on",
                        reception_date=reception_date)


REASON_MIN = 10


def check_reason(reason: str) -> str:
    """Why an identity is revealed: a sentence, not a keystroke (at least ``REASON_MIN``)."""
    text = clean_line(reason)
    if not text:
        raise UserError("secrecy.reason_required", field="reason")
    if len(text) < REASON_MIN:
        raise UserError("secrecy.reason_too_short", field="reason", min=REASON_MIN)
    if len(text) > 500:
        raise UserError("text.too_long", field="reason", max=500, actual=len(text))
    return text
