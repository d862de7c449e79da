"""Benchmarks: skipped unless RD_BENCH=1; big demo databases are built once and cached.

Run them with the command in README.md ("Benchmarks"). Each prints its figures beside a floor
measured in the same run, so a slow machine shows up as a slow floor, not a false regression.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC
from datetime import datetime
from pathlib import Path

import pytest

BENCH = os.environ.get("RD_BENCH") == "1"
CACHE = Path(os.environ.get("RD_BENCH_CACHE", "/tmp/reception-desk-bench"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if BENCH:
        return
    skip = pytest.mark.skip(reason="benchmark: set RD_BENCH=1 (see README)")
    for item in items:
        if "benchmarks" in item.path.parts:
            item.add_marker(skip)


def demo_database(visits: int, seed: int = 1, cases: int | None = None,
                  open_cases: int | None = None, cache: Path | None = None,
                  tag: str = "") -> Path:
    """A SQLite demo database with ``visits`` visits and ``cases`` cases (default: the demo's own,
    one for every five visits), at least ``open_cases`` of them open; built by the real CLI and
    cached (in ``cache``, default RD_BENCH_CACHE) under a name that holds every figure and
    ``tag``."""
    from reception_desk.demo.generator import default_cases

    cases = default_cases(visits) if cases is None else cases
    folder = CACHE if cache is None else cache
    folder.mkdir(parents=True, exist_ok=True)
    opened = "" if open_cases is None else f"-open{open_cases}"
    path = folder / f"demo-{visits}-c{cases}{opened}-seed{seed}{tag}.sqlite3"
    if not path.exists():
        tmp = path.with_suffix(".building")
        for leftover in folder.glob(tmp.name + "*"):
            leftover.unlink()
        command = [sys.executable, "-m", "reception_desk", "demo", "--visits", str(visits),
                   "--cases", str(cases), "--seed", str(seed), "--database", str(tmp)]
        if open_cases is not None:
            command += ["--open-cases", str(open_cases)]
        started = time.perf_counter()
        subprocess.run(command, check=True)
        print(f"  built {path.name} in {time.perf_counter() - started:.0f} s", flush=True)
        # Fold the WAL into the main file before renaming it into place.
        import sqlite3

        conn = sqlite3.connect(tmp)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
        tmp.rename(path)
    return path


def demo_now(path: Path) -> datetime:
    """The moment the demo database was generated: its data runs up to that day, so a benchmark
    judges it as of then, whenever the cached file is used."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        (at,) = conn.execute("SELECT max(at) FROM audit_entry WHERE action = 'demo'").fetchone()
    finally:
        conn.close()
    moment = datetime.fromisoformat(str(at))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def report(name: str, value_ms: float, floor_ms: float | None = None,
           limit_ms: float | None = None) -> None:
    parts = [f"{name}: {value_ms:.1f} ms"]
    if floor_ms is not None:
        parts.append(f"floor {floor_ms:.1f} ms")
    if limit_ms is not None:
        parts.append(f"target ≤ {limit_ms:.0f} ms")
    print("  BENCH " + " | ".join(parts), flush=True)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def raw_case_count_ms(path: Path, where: str, params: tuple[object, ...] = ()) -> float:
    """A floor: ``SELECT count(*), count(due_on) FROM case_file WHERE <where>`` through the bare
    sqlite3 driver, best of three (ms). ``{open}`` in ``where`` stands for the open stages."""
    import sqlite3

    from reception_desk.storage.queries.cases import OPEN_STAGES

    stages = ", ".join(f"'{stage}'" for stage in OPEN_STAGES)
    sql = "SELECT count(*), count(due_on) FROM case_file WHERE " + where.format(open=stages)
    conn = sqlite3.connect(path)
    try:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            conn.execute(sql, params).fetchone()
            times.append((time.perf_counter() - started) * 1000)
    finally:
        conn.close()
    return min(times)
