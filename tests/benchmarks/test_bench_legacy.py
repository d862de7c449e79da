"""Issue 15: an old logbook of 50,000 rows (TT 04/2021 layout, TCVN3 and VNI text, numeric ID
numbers), dry run and import, each printed beside a floor from the same run: openpyxl's
read-only iteration of the same file (what reading alone costs). And the wizard's mapping step
on a 10,000-row file: the preview read (first rows) must take seconds at most.

Run with: RD_BENCH=1 .venv/bin/python -m pytest tests/benchmarks/test_bench_legacy.py -s
RD_BENCH_LEGACY_ROWS changes the size.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import openpyxl
import pytest

from tests.benchmarks.conftest import report
from tests.conftest import make_desk
from tests.legacy.files import TT04_ROWS
from tests.legacy.files import tt04_book

pytestmark = pytest.mark.skipif(os.environ.get("RD_BENCH") != "1",
                                reason="benchmark: set RD_BENCH=1")

ROWS = int(os.environ.get("RD_BENCH_LEGACY_ROWS", "50000"))
PREVIEW_LIMIT_MS = 5000.0


def _book(path: Path, rows: int) -> Path:
    data = []
    for i in range(rows):
        base = list(TT04_ROWS[i % len(TT04_ROWS)])
        base[0] = i + 1
        if isinstance(base[3], int):
            base[3] = 37085000000 + i  # a distinct CCCD typed as a number
        base[2] = base[2].replace("\n", f" {i}\n", 1) if "\n" in base[2] else f"{base[2]} {i}"
        data.append(base)
    return tt04_book(path, rows=data)


def _floor(path: Path) -> float:
    started = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _row in book["Năm 2019"].iter_rows(values_only=True))
    book.close()
    assert count >= ROWS
    return (time.perf_counter() - started) * 1000


def test_dry_run_and_import_of_a_big_old_logbook(tmp_path: Path):
    path = _book(tmp_path / "so-lon.xlsx", ROWS)
    desk = make_desk(f"sqlite:///{tmp_path / 'bench.sqlite3'}")
    try:
        floor = _floor(path)
        started = time.perf_counter()
        run = desk.legacy.dry_run(path)
        dry_ms = (time.perf_counter() - started) * 1000
        assert len(run.rows) == ROWS and not run.bad_rows
        report(f"legacy dry run, {ROWS} rows", dry_ms, floor)
        started = time.perf_counter()
        outcome, _changes = desk.legacy.import_rows(run)
        import_ms = (time.perf_counter() - started) * 1000
        assert outcome.visits_created == ROWS
        report(f"legacy import, {ROWS} rows", import_ms, floor)
        started = time.perf_counter()
        undone, _ = desk.legacy.undo(outcome.batch_id)
        report(f"legacy undo, {ROWS} visits", (time.perf_counter() - started) * 1000, floor)
        assert undone.visits_voided == ROWS
        assert undone.citizens_voided == outcome.citizens_created
    finally:
        desk.close()


def test_mapping_preview_of_ten_thousand_rows_takes_seconds(tmp_path: Path):
    from reception_desk.ui.legacy_import.wizard import PREVIEW_READ

    path = _book(tmp_path / "so-10k.xlsx", 10_000)
    desk = make_desk(f"sqlite:///{tmp_path / 'bench.sqlite3'}")
    try:
        floor = _floor_rows(path, PREVIEW_READ)
        timings = []
        for _ in range(3):  # the preview is read again at every change of a column's field
            started = time.perf_counter()
            run = desk.legacy.dry_run(path, limit=PREVIEW_READ)
            timings.append((time.perf_counter() - started) * 1000)
        assert run.rows
        report("legacy mapping preview, 10,000-row file", max(timings), floor, PREVIEW_LIMIT_MS)
        assert max(timings) <= PREVIEW_LIMIT_MS
    finally:
        desk.close()


def _floor_rows(path: Path, rows: int) -> float:
    started = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for index, _row in enumerate(book["Năm 2019"].iter_rows(values_only=True)):
        if index >= rows:
            break
    book.close()
    return (time.perf_counter() - started) * 1000
