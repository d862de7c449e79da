"""`reception-desk check` names the record each break concerns, in Vietnamese or English."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.cli.test_cli import run


def _demo(tmp_path: Path) -> Path:
    db = tmp_path / "demo.sqlite3"
    out = run("demo", "--visits", "60", "--seed", "4", "--database", str(db))
    assert out.returncode == 0, out.stderr
    return db


def _tamper(db: Path, *statements: str) -> None:
    conn = sqlite3.connect(db)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def test_check_names_the_altered_visit_and_the_broken_audit_row(tmp_path: Path):
    db = _demo(tmp_path)
    assert run("check", "--database", str(db)).returncode == 0
    (year, seq) = sqlite3.connect(db).execute(
        "SELECT year, seq FROM visit WHERE id = 7").fetchone()
    _tamper(db, "UPDATE visit SET content = 'Nội dung khác' WHERE id = 7",
            "UPDATE audit_entry SET actor = 'Người khác' WHERE entity = 'citizen' "
            "AND entity_id = '5'")
    out = run("check", "--database", str(db))
    assert out.returncode == 1
    assert f"Lượt tiếp số {seq}/{year} (mã 7) không còn khớp" in out.stderr
    assert "(về Hồ sơ công dân mã 5) không khớp với mã băm" in out.stderr
    out = run("check", "--lang", "en", "--database", str(db))
    assert f"Visit {seq}/{year} (id 7) no longer matches its last audited state" in out.stderr


def test_check_reports_a_newer_database_without_failing(tmp_path: Path):
    db = _demo(tmp_path)
    _tamper(db, "UPDATE alembic_version SET version_num = '9999'")
    out = run("check", "--database", str(db))
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert "mới hơn" in out.stderr


def test_check_reads_the_file_quickly_and_cross_checks_indexes_with_full(tmp_path: Path):
    """``check`` runs PRAGMA quick_check (every page, not every index against its table);
    ``check --full`` runs integrity_check and finds an index that no longer matches its table."""
    db = _demo(tmp_path)
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA writable_schema=ON")  # the index now claims another column
        conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX ix_citizen_phone ON "
                     "citizen (address)' WHERE name = 'ix_citizen_phone'")
        conn.commit()
    finally:
        conn.close()
    assert run("check", "--database", str(db)).returncode == 0
    out = run("check", "--full", "--database", str(db))
    assert out.returncode == 1
    assert "missing from index ix_citizen_phone" in out.stderr
