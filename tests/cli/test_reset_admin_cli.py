"""`reception-desk reset-admin USER`: the last administrator locked out gets a one-time password
on the database itself, after typing the office's name; refused otherwise, in Vietnamese."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from reception_desk.domain.access import Role
from reception_desk.services.access.dto import NewUser
from reception_desk.services.access.passwords import cheap_hasher
from reception_desk.services.desk import Desk
from reception_desk.storage.database import open_database
from tests.cli.accounts import ADMIN
from tests.cli.accounts import PASSWORD
from tests.cli.accounts import cli_user
from tests.cli.test_cli import ROOT
from tests.cli.test_cli import run


def _reset(db: Path, user: str, typed: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reception_desk", "reset-admin", user,
                           "--database", str(db), *extra], cwd=ROOT, input=typed + "\n",
                          capture_output=True, text=True, env=dict(os.environ), timeout=300)


def _office(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "office.sqlite3"
    assert run("demo", "--visits", "20", "--database", str(db)).returncode == 0
    cli_user(str(db))  # the administrator "quantri" and a chairperson
    desk = Desk(open_database(f"sqlite:///{db}"))
    try:
        office = desk.office()
        assert office is not None
        return db, office.commune_name
    finally:
        desk.close()


def _sign_in(db: Path, user: str, password: str) -> bool:
    desk = Desk(open_database(f"sqlite:///{db}"), hasher=cheap_hasher())
    try:
        return desk.access.sign_in(user, password).must_change_password
    finally:
        desk.close()


def test_the_locked_out_administrator_gets_a_one_time_password(tmp_path: Path):
    db, commune = _office(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE user_account SET locked_until = '2999-01-01 00:00:00.000000' "
                 "WHERE username = ?", (ADMIN,))
    conn.commit()
    conn.close()
    out = _reset(db, ADMIN, commune)
    assert out.returncode == 0, out.stderr
    assert "Gõ tên cơ quan" in out.stdout
    found = re.search(r"Mật khẩu dùng một lần của quantri \(Quản trị viên\): (\S+)", out.stdout)
    assert found, out.stdout
    assert _sign_in(db, ADMIN, found.group(1))  # must change it now
    conn = sqlite3.connect(db)
    actions = [a for (a,) in conn.execute("SELECT action FROM audit_entry WHERE entity = "
                                          "'user_account' ORDER BY id")]
    conn.close()
    assert "recover_administrator" in actions
    assert run("check", "--database", str(db)).returncode == 0  # the chain takes the row


def test_refused_for_a_wrong_office_name_or_while_another_administrator_is_active(
        tmp_path: Path):
    db, commune = _office(tmp_path)
    out = _reset(db, ADMIN, "Xã Không Phải")
    assert out.returncode == 2
    assert "không phải tên của cơ quan này" in out.stderr
    out = _reset(db, "chairperson", commune)
    assert out.returncode == 2
    assert "«chairperson» không phải tài khoản quản trị" in out.stderr
    assert "quantri" in out.stderr
    desk = Desk(open_database(f"sqlite:///{db}"), hasher=cheap_hasher())
    try:
        desk.access.sign_in(ADMIN, PASSWORD)
        desk.access.create_user(NewUser("quantri2", "Quản trị 2", Role.ADMINISTRATOR, PASSWORD))
    finally:
        desk.close()
    out = _reset(db, ADMIN, commune, "--lang", "en")
    assert out.returncode == 2
    assert "Another administrator is active (quantri2)" in out.stderr
    assert not _sign_in(db, ADMIN, PASSWORD)  # the password is unchanged
