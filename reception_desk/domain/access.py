"""Who may do what (LEGAL.md §7.1): roles, permissions, accounts, attached files.

Each account has one role; a role grants a fixed set of permissions (``ROLE_PERMISSIONS``). The
table is code, not an office setting: a commune office cannot loosen the secrecy duties the law
puts on it, and a change of rights is a change of the program, reviewed like one. ``require`` is
what every use case calls before it acts. What of a citizen's identity a viewer may see is the
secrecy rule, in ``domain.secrecy``.

Pure: no I/O, no clock, no user-facing text (codes and enums; the UI words them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
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
