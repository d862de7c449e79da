"""A counter's save while an import of 20,000 visits runs (issue 11: "save p95 while an import
runs ≤ 1 s"), beside the floor measured in the same run.

Run with: RD_BENCH=1 .venv/bin/python -m pytest tests/benchmarks/test_bench_import_saves.py -s

The floor is what the disk alone costs a save: a raw INSERT + COMMIT through sqlite3 on the same
database file (WAL, synchronous=FULL, as the app). Then the counter's save on a quiet database,
then the same save every 0.2 s while another thread imports the file (checked read-only, then
written in batches: services/exchange/batches.py). RD_BENCH_IMPORT_VISITS changes the size.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from reception_desk.services.access.passwords import cheap_hasher
from reception_desk.services.context import Actor
from reception_desk.services.desk import Desk
from reception_desk.services.exchange import batches
from reception_desk.services.exchange import jsonl as exchange
from reception_desk.storage.database import open_database
from tests.benchmarks.conftest import p95
from tests.benchmarks.conftest import report
from tests.conftest import Clock
from tests.conftest import make_desk
from tests.conftest import sample_draft
from tests.services.test_import_while_saving import many_visits

pytestmark = pytest.mark.skipif(os.environ.get("RD_BENCH") != "1",
                                reason="benchmark: set RD_BENCH=1")

VISITS = int(os.environ.get("RD_BENCH_IMPORT_VISITS", "20000"))
LIMIT_MS = 1000.0


def _floor(path: Path, rounds: int = 40) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE IF NOT EXISTS bench_floor (x TEXT)")
        times = []
        for n in range(rounds):
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO bench_floor (x) VALUES (?)", (f"dòng {n}",))
            conn.execute("COMMIT")
            times.append(time.perf_counter() - started)
        conn.execute("DROP TABLE bench_floor")
    finally:
        conn.close()
    return p95(times) * 1000


def _save(counter: Desk, n: int) -> float:
    started = time.perf_counter()
    counter.log_visit(sample_draft(counter, content=f"Quầy lưu trong lúc nhập, lần {n}"))
    return time.perf_counter() - started


def test_save_p95_while_an_import_runs(tmp_path: Path) -> None:
    clock = Clock()
    source = make_desk(f"sqlite:///{tmp_path / 'source.sqlite3'}", clock)
    try:
        started = time.perf_counter()
        # STTs from 1,001: the quiet saves below take 1..30.
        records = exchange.parse_file(many_visits(source, VISITS, first=1001), clock())
        print(f"\n  file: {VISITS:,} visits, {len(records):,} records, parsed in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
    finally:
        source.close()
    path = tmp_path / "office.sqlite3"
    office = make_desk(f"sqlite:///{path}", clock)
    counter = Desk(open_database(f"sqlite:///{path}"), clock, hasher=cheap_hasher())
    counter.act_as(office.staff()[0])
    try:
        floor = _floor(path)
        quiet = p95([_save(counter, n) for n in range(30)]) * 1000
        report("save p95, quiet database", quiet, floor)
        outcome: list[Any] = []
        phases: dict[str, float] = {}

        def run_import() -> None:
            begun = time.perf_counter()
            try:
                outcome.append(batches.import_batches(
                    office.db, records, Actor("bench"), clock(),
                    progress=lambda *_: phases.setdefault("writing", time.perf_counter())))
            except BaseException as exc:  # judged below
                outcome.append(exc)
            phases["done"] = time.perf_counter()
            phases["began"] = begun

        thread = threading.Thread(target=run_import)
        thread.start()
        waits: list[float] = []
        n = 0
        while thread.is_alive():
            n += 1
            waits.append(_save(counter, n))
            time.sleep(0.2)
        thread.join()
        assert not isinstance(outcome[0], BaseException), outcome
        total = phases["done"] - phases["began"]
        checking = phases.get("writing", phases["done"]) - phases["began"]
        print(f"  import: {total:.1f} s ({checking:.1f} s checking read-only, then batches); "
              f"{len(waits)} saves meanwhile, slowest {max(waits) * 1000:.0f} ms", flush=True)
        during = p95(waits) * 1000
        report("save p95 while importing", during, floor, LIMIT_MS)
        assert during <= LIMIT_MS
    finally:
        counter.close()
        office.close()
