"""Rights at the command line: each command acts as ``--user`` (or, without it, as the anonymous
principal, which no checked use case lets through) and a refusal names the right and the roles
that have it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reception_desk.config import resolve_database_url
from reception_desk.domain.access import Role
from reception_desk.domain.classification import PetitionType
from reception_desk.services.desk import Desk
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.storage.database import open_database
from tests.cli.accounts import cli_user
from tests.cli.accounts import password_env
from tests.cli.test_cli import run


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A logbook with one receipt, issued by the system before any account, for a visit whose
    sender is not under secrecy: the path and that visit's id."""
    path = tmp_path_factory.mktemp("rights") / "office.sqlite3"
    assert run("demo", "--visits", "12", "--cases", "0", "--database", str(path)).returncode == 0
    desk = Desk(open_database(resolve_database_url(str(path))))
    try:
        rows = desk.visit_page(VisitQuery(), 0, 12)
        visit = next(r for r in rows if r.petition_type is not PetitionType.DENUNCIATION)
        desk.documents.issue_receipt(visit.id)
    finally:
        desk.close()
    return path, visit.id


def _refused(out, right: str) -> None:  # type: ignore[no-untyped-def]
    assert out.returncode == 2, out.stdout + out.stderr
    assert f"“{right}”" in out.stderr, out.stderr
    assert "ác vai trò có quyền này:" in out.stderr, out.stderr


def test_a_clerk_cannot_export_import_back_up_or_restore(office, tmp_path):
    path, _visit = office
    env = password_env({})
    clerk = cli_user(str(path), Role.RECEIVING_CLERK)
    admin = cli_user(str(path), Role.ADMINISTRATOR)
    target = tmp_path / "so.jsonl"
    _refused(run("export", str(target), "--database", str(path), *clerk, env=env),
             "xuất dữ liệu")
    assert not target.exists()
    assert run("export", str(target), "--database", str(path), *admin, env=env).returncode == 0
    _refused(run("import", str(target), "--database", str(path), *clerk, env=env),
             "nhập dữ liệu")
    copy = tmp_path / "copy.rdbackup"
    _refused(run("backup", str(copy), "--database", str(path), *clerk, env=env),
             "sao lưu và phục hồi")
    assert not copy.exists()
    done = run("backup", str(copy), "--database", str(path), *admin, env=env)
    assert done.returncode == 0, done.stderr
    _refused(run("restore", str(copy), "--force", "--database", str(path), *clerk, env=env),
             "sao lưu và phục hồi")
    assert not list(path.parent.glob("*.before-restore-*"))  # refused before anything moved
    # Without --user on an office with accounts: not even a backup (who would make it?).
    out = run("backup", str(tmp_path / "b.rdbackup"), "--database", str(path))
    _refused(out, "sao lưu và phục hồi")
    assert "--user" in out.stderr and not (tmp_path / "b.rdbackup").exists()


def test_an_inspector_cannot_add_visits(office, tmp_path):
    path, _visit = office
    env = password_env({})
    inspector = cli_user(str(path), Role.INSPECTOR)
    _refused(run("demo", "--visits", "3", "--database", str(path), *inspector, env=env),
             "nhập dữ liệu")
    exported = tmp_path / "x.jsonl"
    exported.write_text('{"format": "reception-desk-logbook", "version": 1}\n', encoding="utf-8")
    _refused(run("import", str(exported), "--database", str(path), *inspector, env=env),
             "nhập dữ liệu")


def test_without_a_user_no_identity_comes_out(office, tmp_path):
    path, visit_id = office
    desk = Desk(open_database(resolve_database_url(str(path))))
    try:
        receipt = desk.documents.for_visit(visit_id)[0]
        name = desk.visit(visit_id).citizen_name
    finally:
        desk.close()
    out = run("find", name.split()[-1], "--json", "--database", str(path))
    _refused(out, "xem sổ, vụ việc và công dân")
    assert name not in out.stdout
    out = run("print", "transfer", str(visit_id), "--out", str(tmp_path / "t.pdf"),
              "--database", str(path))
    _refused(out, "lập giấy biên nhận, thông báo, phiếu")
    assert not (tmp_path / "t.pdf").exists()
    # Whether a printed receipt is genuine: anyone may ask; the citizen's name only to a user.
    anonymous = run("verify-receipt", receipt.display_code, "--database", str(path))
    assert anonymous.returncode == 0 and "HỢP LỆ" in anonymous.stdout
    assert name not in anonymous.stdout and "Công dân:" not in anonymous.stdout
    clerk = run("verify-receipt", receipt.display_code, "--database", str(path),
                *cli_user(str(path), Role.RECEIVING_CLERK), env=password_env({}))
    assert clerk.returncode == 0 and f"Công dân: {name}" in clerk.stdout
