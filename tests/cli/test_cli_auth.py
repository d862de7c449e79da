"""``--user NAME`` for the command line: password from the environment or a prompt."""

from __future__ import annotations

import argparse
import io

import pytest

from reception_desk.cli.auth import PASSWORD_ENV
from reception_desk.cli.auth import add_user_argument
from reception_desk.cli.auth import auth_error_text
from reception_desk.cli.auth import read_password
from reception_desk.cli.auth import signed_in_desk
from reception_desk.domain.access import AccessDenied
from reception_desk.domain.access import Permission
from reception_desk.domain.access import Role
from reception_desk.errors import UserError
from reception_desk.i18n import current_language
from reception_desk.i18n import set_language
from reception_desk.services.access.dto import NewUser
from reception_desk.services.access.passwords import cheap_hasher
from reception_desk.storage.database import open_database
from tests.conftest import make_desk

PW = "mật khẩu 123"


@pytest.fixture(autouse=True)
def _language_restored():  # type: ignore[no-untyped-def]
    before = current_language()
    yield
    set_language(before)


@pytest.fixture
def db(sqlite_url):  # type: ignore[no-untyped-def]
    desk = make_desk(sqlite_url)
    access = desk.access
    access.create_first_administrator(NewUser("admin", "Quản trị", Role.ADMINISTRATOR, PW))
    access.sign_in("admin", PW)
    clerk = next(s for s in desk.staff() if s.role.value == "clerk")
    access.create_user(NewUser("thu", "Trần Thị Thu", Role.RECEIVING_CLERK, PW, clerk.id,
                               must_change_password=False))
    desk.close()
    database = open_database(sqlite_url)
    yield database
    database.dispose()


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_user_argument(parser)
    return parser.parse_args(list(argv))


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_password_from_the_environment_first():
    assert read_password("thu", env={PASSWORD_ENV: "từ biến môi trường"},
                         prompt=lambda _p: "nope") == "từ biến môi trường"


def test_password_prompted_in_a_terminal():
    set_language("en")
    asked: list[str] = []
    value = read_password("thu", env={}, prompt=lambda p: asked.append(p) or "gõ vào",
                          stdin=_Tty())
    assert value == "gõ vào" and asked == ["Password for thu: "]


def test_no_terminal_and_no_variable_is_a_clear_refusal():
    set_language("vi")
    with pytest.raises(UserError) as info:
        read_password("thu", env={}, stdin=io.StringIO())
    assert info.value.code == "cli.password_missing"
    assert PASSWORD_ENV in auth_error_text(info.value)


def test_signed_in_desk_acts_as_the_user(db):
    desk, principal = signed_in_desk(_args("--user", "thu"), db, Permission.ISSUE_DOCUMENTS,
                                     password=PW, hasher=cheap_hasher())
    assert principal is not None and principal.role is Role.RECEIVING_CLERK
    assert desk.actor.name == "Trần Thị Thu" and desk.actor.principal == principal


def test_reading_aggregates_needs_no_user_and_acts_as_the_anonymous_principal(db):
    desk, principal = signed_in_desk(_args(), db, None)
    assert principal is not None and principal.anonymous and desk.actor.principal == principal
    assert principal.permissions == frozenset()  # not the system: every checked use case refuses
    with pytest.raises(AccessDenied) as info:
        desk.citizens.search("Nguyễn")
    assert info.value.code == "access.not_signed_in"
    assert info.value.params["permission"] == Permission.VIEW_RECORDS.value


def test_a_command_on_records_needs_a_user(db):
    set_language("vi")
    with pytest.raises(UserError) as info:
        signed_in_desk(_args(), db, Permission.VIEW_RECORDS)
    assert info.value.code == "cli.user_required"
    assert "--user" in auth_error_text(info.value)


def test_wrong_password_and_missing_right_are_refused(db, monkeypatch):
    set_language("vi")
    monkeypatch.setenv(PASSWORD_ENV, "sai rồi")
    with pytest.raises(UserError) as info:
        signed_in_desk(_args("--user", "thu"), db, None, hasher=cheap_hasher())
    assert auth_error_text(info.value) == "Sai tên đăng nhập hoặc mật khẩu."
    monkeypatch.setenv(PASSWORD_ENV, PW)
    with pytest.raises(UserError) as info:
        signed_in_desk(_args("--user", "thu"), db, Permission.EXPORT_DATA, hasher=cheap_hasher())
    text = auth_error_text(info.value)
    assert "“xuất dữ liệu”" in text and "Công chức tiếp công dân" in text
    assert auth_error_text(UserError("visit.not_found")) is None
