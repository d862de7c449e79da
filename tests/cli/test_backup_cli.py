"""``reception-desk backup FILE`` and ``restore FILE`` as an administrator runs them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.cli.test_cli import run


def _visits(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM visit").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "office.sqlite3"
    out = run("demo", "--visits", "60", "--cases", "5", "--database", str(path))
    assert out.returncode == 0, out.stderr
    return path


def test_backup_writes_one_file_with_progress_and_refuses_to_overwrite(demo_db, tmp_path):
    target = tmp_path / "office.rdbackup"
    out = run("backup", str(target), "--database", str(demo_db))
    assert out.returncode == 0, out.stderr
    assert "60" in out.stdout and str(target) in out.stdout
    assert "Đang" not in out.stdout and "100%" in out.stderr  # progress on stderr only
    with zipfile.ZipFile(target) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["summary"]["visits"] == 60 and manifest["backend"] == "sqlite"
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    again = run("backup", str(target), "--database", str(demo_db))
    assert again.returncode == 2
    assert "đã có" in again.stderr and "--force" not in again.stdout
    assert hashlib.sha256(target.read_bytes()).hexdigest() == digest
    forced = run("backup", str(target), "--force", "--database", str(demo_db), "--lang", "en")
    assert forced.returncode == 0 and "Backup written to" in forced.stdout


def test_encrypted_backup_and_restore_with_the_passphrase_from_the_environment(demo_db,
                                                                              tmp_path):
    target = tmp_path / "secret.rdbackup"
    env = {"RECEPTION_DESK_PASSPHRASE": "mật khẩu"}
    out = run("backup", str(target), "--encrypt", "--database", str(demo_db), env=env)
    assert out.returncode == 0, out.stderr
    with zipfile.ZipFile(target) as zf:
        assert "database.sqlite3.enc" in zf.namelist()
    fresh = tmp_path / "restored" / "office.sqlite3"
    fresh.parent.mkdir()
    wrong = run("restore", str(target), "--database", str(fresh),
                env={"RECEPTION_DESK_PASSPHRASE": "sai"})
    assert wrong.returncode == 2 and "mật khẩu" in wrong.stderr.lower()
    assert not fresh.exists()
    restored = run("restore", str(target), "--database", str(fresh), env=env)
    assert restored.returncode == 0, restored.stderr
    assert _visits(fresh) == 60
    assert run("check", "--database", str(fresh)).returncode == 0


def test_restore_refuses_to_replace_a_database_without_force_and_keeps_it_with(demo_db,
                                                                              tmp_path):
    target = tmp_path / "b.rdbackup"
    assert run("backup", str(target), "--database", str(demo_db)).returncode == 0
    other = tmp_path / "other.sqlite3"
    assert run("demo", "--visits", "7", "--cases", "0", "--database", str(other)).returncode == 0
    refused = run("restore", str(target), "--database", str(other))
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert _visits(other) == 7
    done = run("restore", str(target), "--force", "--database", str(other), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "kept as" in done.stdout
    assert _visits(other) == 60
    (kept,) = tmp_path.glob("other.before-restore-*.sqlite3")
    assert _visits(kept) == 7


def test_a_damaged_backup_is_refused_and_the_database_is_untouched(demo_db, tmp_path):
    target = tmp_path / "b.rdbackup"
    assert run("backup", str(target), "--database", str(demo_db)).returncode == 0
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(demo_db.read_bytes())
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    out = run("restore", str(target), "--force", "--database", str(copy))
    assert out.returncode == 2
    assert "hỏng" in out.stderr
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.rdbackup", "copy.sqlite3"]


def test_missing_database_or_folder_creates_nothing(tmp_path):
    out = run("backup", str(tmp_path / "x.rdbackup"), "--database", str(tmp_path / "typo.db"))
    assert out.returncode == 2 and "typo.db" in out.stderr
    assert list(tmp_path.iterdir()) == []
    out = run("restore", str(tmp_path / "x.rdbackup"), "--database",
              str(tmp_path / "nowhere" / "office.sqlite3"))
    assert out.returncode == 2
    assert list(tmp_path.iterdir()) == []


def test_help_of_backup_and_restore():
    out = run("backup", "--help")
    assert out.returncode == 0 and "--encrypt" in out.stdout and "--force" in out.stdout
    out = run("restore", "--help")
    assert out.returncode == 0 and "--force" in out.stdout
