"""Accounts for command-line tests: the CLI acts as a named user (``--user``), the password in
``RECEPTION_DESK_PASSWORD`` as a script would pass it."""

from __future__ import annotations

import os

from reception_desk.cli.auth import PASSWORD_ENV
from reception_desk.config import resolve_database_url
from reception_desk.domain.access import Role
from reception_desk.services.access.dto import NewUser
from reception_desk.services.access.passwords import cheap_hasher
from reception_desk.services.desk import Desk
from reception_desk.storage.database import open_database

PASSWORD = "mật khẩu dòng lệnh"
ADMIN = "quantri"


def cli_user(database: str, role: Role = Role.CHAIRPERSON) -> list[str]:
    """An account of ``role`` on ``database`` (made once, with the administrator first): the
    ``--user`` arguments that act as it."""
    desk = Desk(open_database(resolve_database_url(database)), hasher=cheap_hasher())
    try:
        access = desk.access
        if not access.has_users():
            access.create_first_administrator(
                NewUser(ADMIN, "Quản trị viên", Role.ADMINISTRATOR, PASSWORD))
        if role is Role.ADMINISTRATOR:
            return ["--user", ADMIN]
        name = role.value.replace("_", ".")
        if name not in access.sign_in_names():
            access.sign_in(ADMIN, PASSWORD)
            access.create_user(NewUser(name, f"Người dùng {name}", role, PASSWORD,
                                       must_change_password=False))
        return ["--user", name]
    finally:
        desk.close()


def password_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a CLI subprocess, with the test accounts' password."""
    return {**(os.environ if env is None else env), PASSWORD_ENV: PASSWORD}


def as_user(args: tuple[str, ...] | list[str], role: Role = Role.CHAIRPERSON) -> list[str]:
    """A command line with ``--user`` added for the database it names (``--database URL``)."""
    if "--database" not in args:
        return list(args)
    database = args[list(args).index("--database") + 1]
    return [*args, *cli_user(database, role)]
