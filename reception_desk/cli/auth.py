"""Who runs a command: ``--user NAME``, the password from a prompt or, for scripts, from the
environment variable ``RECEPTION_DESK_PASSWORD``.

For each sub-command (wired by the lead): ``add_user_argument(parser)``, then in ``run``
``desk, principal = signed_in_desk(args, db, needs=Permission.…)``. A command that only reads
aggregate data (deadline, verify-receipt, check) passes ``needs=None`` and runs without a user,
as the anonymous principal (no right a use case checks: a forgotten door check refuses, it
never acts as the trusted system); one that shows or changes records needs a user holding the
permission, and the services check it again for every use case.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from contextlib import contextmanager
from typing import TextIO

from argon2 import PasswordHasher

from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.domain.access import anonymous_principal
from reception_desk.domain.access import require
from reception_desk.domain.access import roles_with
from reception_desk.errors import ReceptionDeskError
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.storage.database import Database
from reception_desk.storage.database import DatabaseFault
from reception_desk.texts import message_for
from reception_desk.texts.access import MESSAGES as ACCESS_MESSAGES

PASSWORD_ENV = "RECEPTION_DESK_PASSWORD"


def add_user_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user", metavar="NAME",
        help=_("act as this user (the password is asked for, or read from {env})").format(
            env=PASSWORD_ENV))


def read_password(username: str, *, env: Mapping[str, str] | None = None,
                  prompt: Callable[[str], str] = getpass.getpass,
                  stdin: TextIO | None = None) -> str:
    """The environment variable if set (scripts), else a prompt without echo (a terminal)."""
    environment = os.environ if env is None else env
    value = environment.get(PASSWORD_ENV)
    if value:
        return value
    stream = sys.stdin if stdin is None else stdin
    if stream is None or not stream.isatty():
        raise UserError("cli.password_missing", env=PASSWORD_ENV)
    return prompt(_("Password for {user}: ").format(user=username))


def command_line_principal() -> Principal:
    """Who acts for a command run without ``--user``: the anonymous principal, which holds no
    right a use case checks (``domain.access.ANONYMOUS_PERMISSIONS``), never the system."""
    return anonymous_principal(_("command line"))


def _holds_accounts(desk: Desk) -> bool:
    """Does the database hold an account? (One from before accounts existed holds none.)"""
    try:
        return desk.access.has_users()
    except DatabaseFault:  # an older schema without the accounts table
        return False


def signed_in_desk(args: argparse.Namespace, db: Database, needs: Permission | None, *,
                   password: str | None = None, hasher: PasswordHasher | None = None,
                   desk: Desk | None = None, system_without_accounts: bool = False,
                   ) -> tuple[Desk, Principal | None]:
    """A ``Desk`` acting as ``--user`` (its ``actor`` carries the principal).

    Without ``--user``: refused with ``cli.user_required`` when ``needs`` names a right;
    otherwise the desk acts as the anonymous principal (``command_line_principal``). With
    ``system_without_accounts`` a database holding no account yet (a new training database, a
    restore target) is worked on by the system: nobody could sign in there. With ``--user``:
    sign in (lockout rules apply) and ``require(needs)``.
    """
    desk = desk or Desk(db, hasher=hasher)
    username = getattr(args, "user", None)
    if not username:
        if system_without_accounts and not _holds_accounts(desk):
            desk.act_for(None)
            return desk, None
        if needs is not None:
            raise UserError("cli.user_required", env=PASSWORD_ENV, permission=needs.value,
                            allowed_roles=",".join(r.value for r in roles_with(needs)))
        principal = command_line_principal()
        desk.act_for(principal)
        return desk, principal
    access = desk.access
    secret = password if password is not None else read_password(username)
    principal = access.sign_in(username, secret)
    if needs is not None:
        require(principal, needs)
    return desk, principal


def needs_of(args: argparse.Namespace) -> Permission | None:
    """The right a command line needs; None: it reads aggregates only (deadline,
    verify-receipt, check) and runs as the anonymous principal without a user."""
    if args.command == "print":
        return Permission.PRINT_LOGBOOK if args.form == "logbook" else Permission.ISSUE_DOCUMENTS
    if args.command == "report":  # counts for anyone; the records behind a column need rights
        return Permission.VIEW_RECORDS if getattr(args, "drill", None) else None
    return NEEDS.get(args.command)


#: The right each command needs (``print`` depends on the form: ``needs_of``).
NEEDS: dict[str, Permission | None] = {
    "check": None, "deadline": None, "verify-receipt": None, "address": None,
    "demo": Permission.IMPORT_DATA, "import": Permission.IMPORT_DATA,
    "export": Permission.EXPORT_DATA, "find": Permission.VIEW_RECORDS,
    "hotspots": Permission.VIEW_HOTSPOTS,
    "backup": Permission.BACKUP_RESTORE, "restore": Permission.BACKUP_RESTORE,
    "attach": Permission.LOG_VISITS, "attachments": Permission.VIEW_RECORDS,
    # Nobody can sign in (the last administrator is locked out): the checks are the database
    # reached as its owner and the office's name typed (services.access.recovery).
    "reset-admin": None,
    "sessions": Permission.VIEW_RECORDS,  # the leaders' sessions (issue 14)
}

#: Commands that sign in on the database they open themselves (it may not exist yet, be of an
#: older schema, or be about to be replaced): ``backup`` and ``restore``.
SIGN_IN_LATER = frozenset({"backup", "restore"})


def sign_in_for_command(args: argparse.Namespace, url: str) -> Principal | None:
    """Who runs this command line (``args.principal`` for the command's ``Desk``).

    ``demo`` on a database without any account (a new training database) runs as the system:
    nobody could sign in there yet. Everything else follows ``signed_in_desk``: without
    ``--user`` the anonymous principal, refused by every use case a right guards.
    """
    from reception_desk.storage.database import open_database

    needs = needs_of(args)
    if needs is None and not getattr(args, "user", None):
        return command_line_principal()
    # Only demo and import may create a database: a typo elsewhere is "not found", not a new file.
    db = open_database(url, create=args.command in ("demo", "import"))
    try:
        return signed_in_desk(args, db, needs, desk=Desk(db),
                              system_without_accounts=args.command == "demo")[1]
    finally:
        db.dispose()


def act_as_user(desk: Desk, args: argparse.Namespace) -> Desk:
    """``desk`` acting as whoever runs the command line (``args.principal``: the ``--user``
    signed in, the anonymous principal, or None for the system on a database without
    accounts). A command line parsed without it acts as the anonymous principal."""
    desk.act_for(getattr(args, "principal", command_line_principal()))
    return desk


@contextmanager
def command_desk(args: argparse.Namespace) -> Iterator[Desk]:
    """The command's database (it must exist) as a ``Desk`` acting as whoever runs the command
    line (``act_as_user``); the database is closed when the block ends."""
    from reception_desk.config import resolve_database_url
    from reception_desk.storage.database import open_database

    db = open_database(resolve_database_url(args.database), create=False)
    try:
        yield act_as_user(Desk(db), args)
    finally:
        db.dispose()


def for_command_line(error: ReceptionDeskError) -> ReceptionDeskError:
    """A use case's refusal of the anonymous principal (``access.not_signed_in`` naming the
    right) as the command line words it: add ``--user``, and which roles have the right."""
    if error.code == "access.not_signed_in" and "permission" in error.params:
        return UserError("cli.user_required", env=PASSWORD_ENV, **error.params)
    return error


def auth_error_text(error: ReceptionDeskError) -> str | None:
    """The line for an account, sign-in, permission or secrecy error; None for other codes."""
    return message_for(error) if error.code in ACCESS_MESSAGES else None
