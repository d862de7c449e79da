"""Command-line doors: unknown commands, typos in --database, demo on a real logbook, prints."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func
from sqlalchemy import select

from reception_desk.domain.access import Role
from reception_desk.storage.database import open_database
from reception_desk.storage.models import IssuedDocument
from tests.cli.accounts import as_user
from tests.cli.accounts import password_env
from tests.cli.test_cli import run
from tests.conftest import make_desk
from tests.conftest import sample_draft


def test_unknown_command_and_bad_arguments_exit_2_without_a_database(tmp_path: Path):
    db = tmp_path / "x.sqlite3"
    out = run("nosuch", "--database", str(db))
    assert out.returncode == 2 and "Không có lệnh" in out.stderr and not db.exists()
    out = run("demo", "--visits", "abc", "--database", str(db))
    assert out.returncode == 2 and "không phải giá trị hợp lệ" in out.stderr
    out = run("--help")
    assert out.returncode == 0 and "verify-receipt" in out.stdout and "demo" in out.stdout


def test_read_only_commands_never_create_a_database(tmp_path: Path):
    typo = tmp_path / "typo" / "office.sqlite3"
    for args in (["check"], ["find", "Lan"], ["verify-receipt", "7KQ2M-9XD4P"],
                 ["export", str(tmp_path / "out.jsonl")], ["hotspots"],
                 ["print", "logbook", "--from", "01/01/2026", "--to", "02/01/2026",
                  "--out", str(tmp_path / "l.pdf")]):
        out = run(*args, "--database", str(typo))
        assert out.returncode == 2, (args, out.stderr)
        assert "Không tìm thấy cơ sở dữ liệu" in out.stderr, (args, out.stderr)
        assert "giả" not in out.stdout  # never "possibly forged"
    assert not typo.parent.exists()


def test_demo_refuses_a_real_logbook(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    desk = make_desk(url)
    desk.log_visit(sample_draft(desk))
    desk.close()
    out = run("demo", "--visits", "5", "--database", str(tmp_path / "office.sqlite3"))
    assert out.returncode == 2 and "dữ liệu thật" in out.stderr


def test_a_receipt_whose_pdf_cannot_be_written_uses_no_number(tmp_path: Path):
    path = tmp_path / "office.sqlite3"
    desk = make_desk(f"sqlite:///{path}")
    desk.log_visit(sample_draft(desk))
    desk.close()
    out = run(*as_user(["print", "receipt", "1/2026", "--out",
                        str(tmp_path / "missing" / "r.pdf"), "--database", str(path)]),
              env=password_env())
    assert out.returncode == 2 and "không tồn tại" in out.stderr, out.stderr
    out = run(*as_user(["print", "receipt", "1/2026", "--out", str(tmp_path),
                        "--database", str(path)]), env=password_env())
    assert out.returncode == 2 and "thư mục" in out.stderr, out.stderr
    db = open_database(f"sqlite:///{path}")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(IssuedDocument)) == 0
    db.dispose()
    out = run(*as_user(["print", "receipt", "1/2026", "--out", str(tmp_path / "r.pdf"),
                        "--database", str(path)]), env=password_env())
    assert out.returncode == 0 and "số 01/BN" in out.stdout, out.stdout  # the first number


def test_check_reports_newer_and_damaged_databases(tmp_path: Path):
    import sqlite3

    good = tmp_path / "a.sqlite3"
    assert run("demo", "--visits", "10", "--database", str(good)).returncode == 0
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(good.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    out = run("check", "--database", str(newer))
    assert out.returncode == 1 and "mới hơn" in out.stderr and "Traceback" not in out.stderr
    with sqlite3.connect(good) as conn:
        conn.execute("DROP TABLE visit_document")
    out = run("check", "--database", str(good))
    assert out.returncode == 1 and "visit_document" in out.stderr, out.stderr
    torn = tmp_path / "torn.sqlite3"
    torn.write_bytes(newer.read_bytes()[:50_000])
    out = run("check", "--database", str(torn))
    # A torn file is reported (a finding, or the file refused as damaged), never a traceback.
    assert out.returncode in (1, 2) and "Traceback" not in out.stderr
    assert "hỏng" in out.stderr or "Không đọc được" in out.stderr, out.stderr


def test_import_and_export_name_file_trouble(tmp_path: Path):
    db = tmp_path / "a.sqlite3"
    assert run("demo", "--visits", "3", "--database", str(db)).returncode == 0
    out = run(*as_user(["import", str(tmp_path / "nope.jsonl"), "--database", str(db)],
                       Role.ADMINISTRATOR), env=password_env())
    assert out.returncode == 2 and "Không tìm thấy tệp" in out.stderr, out.stderr
    out = run(*as_user(["import", str(tmp_path), "--database", str(db)], Role.ADMINISTRATOR),
              env=password_env())
    assert out.returncode == 2 and "thư mục" in out.stderr, out.stderr
    out = run(*as_user(["export", str(tmp_path / "missing" / "x.jsonl"), "--database", str(db)]),
              env=password_env())
    assert out.returncode == 2 and "không tồn tại" in out.stderr, out.stderr
