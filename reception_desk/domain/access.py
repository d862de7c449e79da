"""Who may do what, and what of a citizen's identity a viewer may see (LEGAL.md §7.1).

One home for two rules:

* **Roles and permissions.** Each account has one role; a role grants a fixed set of
  permissions (``ROLE_PERMISSIONS``). The table is code, not an office setting: a commune office
  cannot loosen the secrecy duties the law puts on it, and a change of rights is a change of the
  program, reviewed like one. ``require`` is what every use case calls before it acts.
* **Secrecy of identity.** A denouncer's name, address and other personal data are kept secret
  unless the denouncer agrees to disclosure (Luật Tố cáo Art. 9(1)(b), 56; TT 04/2021); from 2026
  the personal data of every citizen received are protected (NĐ 154/2026 Art. 12(2)).
  ``masking_plan`` decides, per identity field, what a viewer sees; ``mask_identity`` applies it.

Pure: no I/O, no clock, no user-facing text (codes and enums; the UI words them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from reception_desk.domain.text import clean_line
from reception_desk.domain.text import fold
from reception_desk.domain.text import nfc
from reception_desk.errors import UserError

# --- permissions and roles -------------------------------------------------------------------


class Permission(StrEnum):
    """One thing a user may do. Stable codes: they appear in error parameters and audit rows."""

    VIEW_RECORDS = "view_records"  # logbook, cases, citizens, search (identities masked)
    LOG_VISITS = "log_visits"  # log a new visit (and its citizen in the registry)
    EDIT_VISITS = "edit_visits"  # edit or void a saved visit
    MERGE_CITIZENS = "merge_citizens"  # merge two registry records of one person
    MANAGE_CASES = "manage_cases"  # open cases, record their events, links and complainants
    GIVE_DIRECTIVES = "give_directives"  # the chairperson's instructions (ý kiến chỉ đạo)
    ISSUE_DOCUMENTS = "issue_documents"  # receipts, refusal notices, appointments, transfers
    PRINT_LOGBOOK = "print_logbook"  # logbook pages (identities masked as on screen)
    VIEW_HOTSPOTS = "view_hotspots"  # the hotspot list and the weekly pack
    VIEW_PERSONAL_DATA = "view_personal_data"  # ID number, phone, address, birth date in clear
    REVEAL_IDENTITY = "reveal_identity"  # lift a denouncer's secrecy on one record, with a reason
    RECORD_WAIVER = "record_waiver"  # record or withdraw a denouncer's waiver after the visit
    VIEW_REVEAL_LOG = "view_reveal_log"  # who viewed a protected identity, when and why
    MANAGE_USERS = "manage_users"  # accounts, roles, password resets, sign-in policy
    MANAGE_SETTINGS = "manage_settings"  # office, staff, fields, calendar, deadlines, hotspots
    IMPORT_DATA = "import_data"  # read a logbook exchange file into the database
    EXPORT_DATA = "export_data"  # the full exchange file: every identity in clear
    BACKUP_RESTORE = "backup_restore"  # copy the database, restore a copy
    VERIFY_INTEGRITY = "verify_integrity"  # integrity check and the audit trail


class Role(StrEnum):
    """The role of an account. One role per account."""

    RECEIVING_CLERK = "receiving_clerk"  # công chức tiếp công dân
    CASE_HANDLER = "case_handler"  # công chức xử lý đơn, theo dõi vụ việc
    CHAIRPERSON = "chairperson"  # Chủ tịch UBND
    VICE_CHAIR = "vice_chair"  # Phó Chủ tịch UBND
    ADMINISTRATOR = "administrator"  # quản trị hệ thống: accounts and data, not case content
    INSPECTOR = "inspector"  # thanh tra, kiểm tra: reads, prints, checks; changes nothing


P = Permission

_EVERY_STAFF_MEMBER = frozenset({P.VIEW_RECORDS})
_CASEWORK = frozenset({P.MANAGE_CASES, P.ISSUE_DOCUMENTS, P.PRINT_LOGBOOK, P.VIEW_PERSONAL_DATA})
_LEADERSHIP = frozenset({
    P.LOG_VISITS, P.EDIT_VISITS, P.MERGE_CITIZENS, P.GIVE_DIRECTIVES, P.VIEW_HOTSPOTS,
    P.REVEAL_IDENTITY, P.RECORD_WAIVER,
})

#: What each role may do. The receiving clerk keeps the logbook and sees the identities shown
#: at the counter, but cannot lift a denouncer's secrecy (Luật TC Art. 56: the identity is
#: stripped before the đơn goes on); the case handler works on cases from the stripped copy;
#: the chairperson and vice-chairs resolve denunciations and may reveal, each time with a
#: reason; only the chairperson (and the inspector) reads who revealed what. The administrator
#: keeps accounts and data safe (users, settings, import, export, backup) but sees identities
#: masked like an outsider; the inspector reads and prints everything masked and changes nothing.
ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = MappingProxyType({
    Role.RECEIVING_CLERK: _EVERY_STAFF_MEMBER | _CASEWORK | {
        P.LOG_VISITS, P.EDIT_VISITS, P.MERGE_CITIZENS,
    },
    Role.CASE_HANDLER: _EVERY_STAFF_MEMBER | _CASEWORK | {P.VIEW_HOTSPOTS},
    Role.CHAIRPERSON: _EVERY_STAFF_MEMBER | _CASEWORK | _LEADERSHIP | {
        P.VIEW_REVEAL_LOG, P.MANAGE_SETTINGS, P.EXPORT_DATA, P.VERIFY_INTEGRITY,
    },
    Role.VICE_CHAIR: _EVERY_STAFF_MEMBER | _CASEWORK | _LEADERSHIP,
    Role.ADMINISTRATOR: _EVERY_STAFF_MEMBER | {
        P.MANAGE_USERS, P.MANAGE_SETTINGS, P.IMPORT_DATA, P.EXPORT_DATA, P.BACKUP_RESTORE,
        P.VERIFY_INTEGRITY,
    },
    Role.INSPECTOR: _EVERY_STAFF_MEMBER | {
        P.PRINT_LOGBOOK, P.VIEW_HOTSPOTS, P.VIEW_REVEAL_LOG, P.VERIFY_INTEGRITY,
    },
})

#: The account role suggested for a member of the staff list (services.office.dto.StaffRole codes).
#: An "other leader" may preside over receptions but resolves no denunciation by default, so
#: he starts as a case handler; the administrator changes it where the office decides so.
STAFF_ROLE_DEFAULTS: Mapping[str, Role] = MappingProxyType({
    "clerk": Role.RECEIVING_CLERK,
    "chair": Role.CHAIRPERSON,
    "vice_chair": Role.VICE_CHAIR,
    "leader": Role.CASE_HANDLER,
})


#: What a command run without ``--user`` may do (the anonymous principal): nothing a
#: permission guards. The commands that read aggregate data only (``check``, ``deadline``,
#: ``verify-receipt``) use no guarded use case: the integrity report, the office calendar and
#: rules, whether a printed code is genuine (without the citizen's name). A door check
#: forgotten for a command line then refuses instead of letting it act as the trusted system.
ANONYMOUS_PERMISSIONS: frozenset[Permission] = frozenset()

#: Rights the trusted in-process system (no principal: the demo generator, migrations, tests
#: that do not sign in) does not hold: they are a person's acts, each audited under a name
#: (accounts; seeing, revealing and waiving a protected identity).
PERSON_ONLY: frozenset[Permission] = frozenset({
    P.MANAGE_USERS, P.REVEAL_IDENTITY, P.RECORD_WAIVER, P.VIEW_REVEAL_LOG,
})


def permissions_of(role: Role) -> frozenset[Permission]:
    return ROLE_PERMISSIONS[role]


def roles_with(permission: Permission) -> tuple[Role, ...]:
    """The roles granting ``permission`` (for a refusal message: who could do it)."""
    return tuple(r for r in Role if permission in ROLE_PERMISSIONS[r])


def default_role_for_staff(staff_role: str) -> Role:
    return STAFF_ROLE_DEFAULTS.get(staff_role, Role.CASE_HANDLER)


@dataclass(frozen=True)
class Principal:
    """The signed-in user: who acts, and with which rights (read from the role)."""

    user_id: int
    username: str
    display_name: str
    role: Role
    staff_id: int | None = None
    must_change_password: bool = False
    #: A command line run without ``--user``: no account, rights ``ANONYMOUS_PERMISSIONS``
    #: (its ``role`` is then a placeholder never consulted). See ``anonymous_principal``.
    anonymous: bool = False

    @property
    def permissions(self) -> frozenset[Permission]:
        return ANONYMOUS_PERMISSIONS if self.anonymous else ROLE_PERMISSIONS[self.role]

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions


def anonymous_principal(display_name: str = "") -> Principal:
    """Who acts for a command run without ``--user``: nobody signed in, and not the system.

    It holds ``ANONYMOUS_PERMISSIONS`` only; ``require`` refuses it anything else with
    ``access.not_signed_in`` (naming the right and the roles that have it).
    """
    return Principal(0, "", display_name, Role.INSPECTOR, anonymous=True)


def permits(user: Principal | None, permission: Permission) -> bool:
    """Would ``require`` let ``user`` do it? ``None`` is the trusted in-process system: it may
    do everything but the ``PERSON_ONLY`` acts."""
    if user is None:
        return permission not in PERSON_ONLY
    return user.can(permission)


class AccessDenied(UserError):
    """The acting user lacks a permission; ``permission`` names it, ``role`` is the user's."""


def require(user: Principal | None, permission: Permission) -> Principal:
    """Return ``user`` if it holds ``permission``; otherwise refuse, naming what is missing.

    ``access.not_signed_in`` (with ``permission`` and ``allowed_roles``) when nobody is signed
    in or ``user`` is the anonymous principal; ``access.denied`` with ``permission``,
    ``role`` and ``allowed_roles`` (comma-separated role codes) otherwise.
    """
    if user is not None and user.can(permission):
        return user
    allowed = ",".join(r.value for r in roles_with(permission))
    if user is None or user.anonymous:
        raise AccessDenied("access.not_signed_in", permission=permission.value,
                           allowed_roles=allowed)
    raise AccessDenied("access.denied", permission=permission.value, role=user.role.value,
                       allowed_roles=allowed)


# --- accounts: user names and passwords ------------------------------------------------------

USERNAME_MIN, USERNAME_MAX = 2, 60
PASSWORD_MIN, PASSWORD_MAX = 8, 200
_USERNAME_CHARS = re.compile(r"^[\w.\-@]+$")


def username_key(username: str) -> str:
    """The folded form user names are unique by: "Thu.TT" and "thu.tt" are one account."""
    return fold(clean_line(username))


def check_username(username: str) -> str:
    """The user name as stored (trimmed, NFC), or ``UserError`` on ``field="username"``."""
    name = clean_line(username)
    if not name:
        raise UserError("users.username_required", field="username")
    if not USERNAME_MIN <= len(name) <= USERNAME_MAX or not _USERNAME_CHARS.match(name):
        raise UserError("users.username_invalid", field="username", min=USERNAME_MIN,
                        max=USERNAME_MAX)
    return name


def normalise_password(password: str) -> str:
    """Vietnamese keyboards send NFC or NFD: the same typed password must hash the same."""
    return nfc(password)


def check_password(password: str, username: str, field: str = "password") -> str:
    """The password to hash (NFC), or ``UserError``: too short, too long, the user name."""
    value = normalise_password(password)
    if len(value) < PASSWORD_MIN:
        raise UserError("users.password_too_short", field=field, min=PASSWORD_MIN)
    if len(value) > PASSWORD_MAX:
        raise UserError("users.password_too_long", field=field, max=PASSWORD_MAX)
    if fold(value) == username_key(username):
        raise UserError("users.password_is_username", field=field)
    return value


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


# --- attached files (the scanned đơn, documents received) -------------------------------------


class AttachmentAccess(StrEnum):
    """What a viewer may do with one file attached to a record."""

    OPEN = "open"  # listed by its name, and may be opened
    LISTED = "listed"  # listed as existing, its name withheld; cannot be opened
    NONE = "none"  # not even listed (no right to view records)


def attachment_access(permissions: Iterable[Permission], confidential: bool) -> AttachmentAccess:
    """THE rule for files attached to a record: viewing follows the record's rights; a
    confidential file (a denunciation's, while the denouncer has not waived secrecy: the đơn
    carries the denouncer's name, address and handwriting, Luật TC Art. 9(1)(b)) is opened only
    by a role that may reveal a denouncer's identity (``REVEAL_IDENTITY``, each time with a
    reason, logged). Everyone else who may view the record sees that it exists, name withheld.

    ``confidential`` comes from ``is_secret`` on the record the file belongs to.
    """
    granted = set(permissions)
    if Permission.VIEW_RECORDS not in granted:
        return AttachmentAccess.NONE
    if confidential and Permission.REVEAL_IDENTITY not in granted:
        return AttachmentAccess.LISTED
    return AttachmentAccess.OPEN
