"""``reception-desk reset-admin USER``: the last administrator is locked out (forgotten
password, account locked); give that account a one-time password, changed at the next sign-in.

No sign-in: it works only on the database itself (a SQLite file on this computer, or PostgreSQL
as a superuser of its server), after the office's name is typed, and is refused while another
administrator is active. The recovery is an audit row in the chain
(``services.access.recovery``). Exit 0: the password is printed once; 2: refused.
"""

from __future__ import annotations

import argparse
import getpass
import platform
import sys
from typing import Any

from reception_desk.config import resolve_database_url
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.storage.database import open_database

NAME = "reset-admin"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common], help=_(
        "the last administrator locked out: a one-time password, on the database itself"))
    p.add_argument("username", metavar="USER", help=_("the administrator's user name"))


def _operator() -> str:
    """The operating-system account running the command (for the audit row)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a service account without one)
        return "?"


def run(args: argparse.Namespace) -> int:
    db = open_database(resolve_database_url(args.database), create=False)
    try:
        access = Desk(db).access
        print(_("This gives the administrator account {user} a one-time password, to be changed "
                "at the next sign-in. It is recorded in the audit trail.").format(
                    user=args.username))
        sys.stdout.write(_("Type the name of the office (commune or body) to confirm: "))
        sys.stdout.flush()
        typed = sys.stdin.readline() if sys.stdin is not None else ""
        recovered = access.recover_administrator(args.username, typed.strip(), _operator(),
                                                 platform.node() or "?")
    finally:
        db.dispose()
    print(_("One-time password for {user} ({name}): {password}").format(
        user=recovered.username, name=recovered.display_name, password=recovered.password))
    print(_("Sign in with it in the app now: you will be asked to choose a new password."))
    return 0
