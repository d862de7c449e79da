"""Words for accounts, sign-in, permissions and secrecy: error sentences, role and right names.

English msgids marked with ``N_`` (named placeholders), Vietnamese in
resources/locale/vi/LC_MESSAGES/parts/access.po. ``reception_desk.texts.message_for`` words the
codes; ``named_params`` turns a role, a permission and a list of roles into their names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reception_desk.domain.access import Permission
from reception_desk.domain.access import Role
from reception_desk.domain.secrecy import WITHHELD
from reception_desk.i18n import N_
from reception_desk.i18n import _

MESSAGES: dict[str, str] = {
    "access.not_signed_in": N_("Sign in first."),
    "access.denied": N_(
        "Your role ({role}) does not have the right “{permission}”. Roles that have it: "
        "{allowed_roles}."
    ),
    "access.session_ended": N_("Your account was deactivated or changed: sign in again."),
    "access.policy_invalid": N_("Enter a number from {min} to {max}."),
    "auth.username_required": N_("Enter your user name."),
    "auth.password_required": N_("Enter your password."),
    "auth.failed": N_("Wrong user name or password."),
    "auth.locked": N_(
        "Too many wrong passwords: this account is locked until {until}. Wait, or ask an "
        "administrator to reset the password."
    ),
    "auth.inactive": N_("This account has been deactivated. Ask an administrator."),
    "users.username_required": N_("Enter a user name."),
    "users.username_invalid": N_(
        "A user name has {min} to {max} characters: letters, digits, dot, dash, underscore or "
        "@, no spaces."
    ),
    "users.username_taken": N_("The user name “{username}” is already used."),
    "users.display_name_required": N_("Enter the person's full name."),
    "users.password_too_short": N_("A password has at least {min} characters."),
    "users.password_too_long": N_("A password has at most {max} characters."),
    "users.password_is_username": N_("The password cannot be the user name."),
    "users.passwords_differ": N_("The two passwords differ."),
    "users.password_unchanged": N_("The new password must differ from the old one."),
    "users.wrong_password": N_("The current password is wrong."),
    "users.last_administrator": N_(
        "This is the last active administrator: give another account the administrator role "
        "first."
    ),
    "users.cannot_deactivate_self": N_("You cannot deactivate your own account."),
    "users.not_found": N_("This account no longer exists."),
    "users.already_set_up": N_("An administrator already exists: sign in."),
    "users.staff_unknown": N_("This person is no longer in the staff list."),
    "users.staff_taken": N_("This staff member already has an account ({username})."),
    "recovery.not_owner": N_(
        "An administrator's password can be recovered only on the database itself: a SQLite "
        "file on this computer, or PostgreSQL signed in as a superuser of its server. Ask "
        "whoever runs the server."
    ),
    "recovery.not_set_up": N_(
        "This database has no office or no account yet: start the app to set it up."
    ),
    "recovery.office_mismatch": N_(
        "That is not this office's name. Type the commune or the body as printed on its "
        "documents."
    ),
    "recovery.unknown_administrator": N_(
        "“{username}” is not an administrator account. Administrator accounts: "
        "{administrators}."
    ),
    "recovery.other_administrator": N_(
        "Another administrator is active ({administrators}): ask them to reset the password "
        "in Account → Users and passwords."
    ),
    "secrecy.reason_required": N_("Write why you need to see this identity."),
    "secrecy.reason_too_short": N_("Write the reason as a sentence (at least {min} characters)."),
    "secrecy.record_not_found": N_("This record no longer exists."),
    "secrecy.person_not_found": N_("This person is no longer on the record."),
    "secrecy.not_a_denunciation": N_("Only a denouncer can waive secrecy."),
    "secrecy.waiver_in_future": N_("The date of agreement is in the future."),
    "secrecy.waiver_before_visit": N_(
        "The date of agreement cannot be before the reception day ({reception_date})."
    ),
    "secrecy.no_waiver": N_("No agreement to disclosure is recorded."),
    "cli.user_required": N_(
        "This command needs a user with the right “{permission}” (roles that have it: "
        "{allowed_roles}): add --user NAME (the password is asked for, or read from {env})."
    ),
    "cli.password_missing": N_("No password: set {env} or run the command in a terminal."),
}

ROLES: dict[Role, str] = {
    Role.RECEIVING_CLERK: N_("Reception clerk"),
    Role.CASE_HANDLER: N_("Case handler"),
    Role.CHAIRPERSON: N_("Chairperson"),
    Role.VICE_CHAIR: N_("Vice-chairperson"),
    Role.ADMINISTRATOR: N_("Administrator"),
    Role.INSPECTOR: N_("Inspector (read only)"),
}

PERMISSIONS: dict[Permission, str] = {
    Permission.VIEW_RECORDS: N_("see the logbook, cases and citizens"),
    Permission.LOG_VISITS: N_("log visits"),
    Permission.EDIT_VISITS: N_("edit or void visits"),
    Permission.MERGE_CITIZENS: N_("merge citizen records"),
    Permission.MANAGE_CASES: N_("manage cases"),
    Permission.GIVE_DIRECTIVES: N_("give directives"),
    Permission.ISSUE_DOCUMENTS: N_("issue receipts, notices and slips"),
    Permission.PRINT_LOGBOOK: N_("print the logbook"),
    Permission.VIEW_HOTSPOTS: N_("see hotspots and the weekly pack"),
    Permission.VIEW_PERSONAL_DATA: N_("see citizens' personal data"),
    Permission.REVEAL_IDENTITY: N_("reveal a denouncer's identity"),
    Permission.RECORD_WAIVER: N_("record a denouncer's agreement to disclosure"),
    Permission.VIEW_REVEAL_LOG: N_("see who viewed an identity"),
    Permission.MANAGE_USERS: N_("manage users"),
    Permission.MANAGE_SETTINGS: N_("change the office settings"),
    Permission.IMPORT_DATA: N_("import data"),
    Permission.EXPORT_DATA: N_("export data"),
    Permission.BACKUP_RESTORE: N_("back up and restore"),
    Permission.VERIFY_INTEGRITY: N_("check the database's integrity"),
}

#: How a withheld identity field reads on screen.
WITHHELD_TEXT = N_("(kept secret)")


def withheld_text() -> str:
    return _(WITHHELD_TEXT)


def shown_name(name: str) -> str:
    """A name as the services hand it out, worded: a withheld one reads "(kept secret)"."""
    return withheld_text() if name == WITHHELD else name


def role_label(role: Role | str) -> str:
    try:
        return _(ROLES[Role(role)])
    except ValueError:
        return str(role)


def permission_label(permission: Permission | str) -> str:
    try:
        return _(PERMISSIONS[Permission(permission)])
    except ValueError:
        return str(permission)


def named_params(raw: Mapping[str, Any]) -> dict[str, str]:
    """The names of the account ``role``, ``permission`` and ``allowed_roles`` an error
    carries."""
    named: dict[str, str] = {}
    # ``role`` is also a case party's role (texts.cases words those): only account roles here.
    if str(raw.get("role")) in {r.value for r in Role}:
        named["role"] = role_label(raw["role"])
    if str(raw.get("permission")) in {p.value for p in Permission}:
        named["permission"] = permission_label(raw["permission"])
    if "allowed_roles" in raw:
        codes = [c for c in str(raw["allowed_roles"]).split(",") if c]
        named["allowed_roles"] = ", ".join(role_label(c) for c in codes) or "—"
    return named
