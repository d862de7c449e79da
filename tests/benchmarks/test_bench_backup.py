"""Backup of the 1,000,000-visit demo database, with progress, beside a raw file copy (issue 11).

Run with: RD_BENCH=1 .venv/bin/python -m pytest tests/benchmarks/test_bench_backup.py -s

The floor is a plain copy (read + write + fsync) of the same database file in the same run: what
the disk alone costs. A backup does more: SQLite's online backup API into a snapshot, then
deflate (or zlib + AES-GCM with a passphrase) with SHA-256 into the zip, fsync and rename. The
figures are printed, not judged (the issue asks for the time); the test checks that progress
reached the end of every phase and that the backup verifies with every visit in it.
RD_BENCH_BACKUP_VISITS picks another cached demo database (e.g. 1000 for a quick check).
"""

from __future__ import annotations

import os
import shutil
import time
from datetime import UTC
from datetime import datetime
from pathlib import Path

import pytest

from reception_desk.storage.backup import archive
from reception_desk.storage.database import open_database
from tests.benchmarks.conftest import demo_database
from tests.benchmarks.conftest import report

pytestmark = [
    pytest.mark.benchmark_db,
    pytest.mark.skipif(os.environ.get("RD_BENCH") != "1", reason="benchmark: set RD_BENCH=1"),
]

VISITS = int(os.environ.get("RD_BENCH_BACKUP_VISITS", "1000000"))


def _copy(source: Path, target: Path) -> float:
    started = time.perf_counter()
    with source.open("rb") as src, target.open("wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
        os.fsync(dst.fileno())
    return time.perf_counter() - started


class _Calls(list[tuple[str, int, int]]):
    """Every progress report, in order."""

    def __call__(self, phase: str, done: int, total: int) -> None:
        self.append((phase, done, total))


def test_backup_of_the_demo_database_with_progress(tmp_path: Path) -> None:
    cached = demo_database(VISITS)
    work = tmp_path / "office"
    work.mkdir()
    database = work / "reception-desk.sqlite3"
    _copy(cached, database)  # the database under test, away from the shared cache
    floor = _copy(cached, tmp_path / "raw-copy.sqlite3")  # the floor, measured warm as well
    size = database.stat().st_size
    print(f"\n  database: {VISITS:,} visits, {size / 1e6:,.0f} MB", flush=True)
    db = open_database(f"sqlite:///{database}", migrate=False)
    try:
        for label, passphrase in (("plain", None), ("encrypted", "mật khẩu văn phòng")):
            calls = _Calls()
            target = tmp_path / f"{label}.rdbackup"
            started = time.perf_counter()
            manifest = archive.write_backup(db.engine, target, app_version="bench",
                                          created_at=datetime.now(UTC), passphrase=passphrase,
                                          progress=calls)
            elapsed = time.perf_counter() - started
            seen = {phase: (done, total) for phase, done, total in calls}  # the last of each
            report(f"backup {label} ({target.stat().st_size / 1e6:,.0f} MB, "
                   f"{len(calls):,} progress reports)", elapsed * 1000, floor * 1000)
            assert seen["snapshot"][0] == seen["snapshot"][1] > 0
            assert seen["write"][0] == seen["write"][1] == size
            assert manifest.visits == VISITS
            started = time.perf_counter()
            archive.verify_backup(target, passphrase)
            report(f"verify {label}", (time.perf_counter() - started) * 1000, floor * 1000)
            target.unlink()
    finally:
        db.dispose()
