"""Benchmarks: skipped unless RD_BENCH=1; big demo databases are built once and cached.

Run them with the command in README.md ("Benchmarks"). Each prints its figures beside a floor
measured in the same run, so a slow machine shows up as a slow floor, not a false regression.
"""

from __future__ import annotations

import os
import subprocess
import sys
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


def demo_database(visits: int, seed: int = 1) -> Path:
    """A SQLite demo database with ``visits`` visits, built by the real CLI and cached."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"demo-{visits}-seed{seed}.sqlite3"
    if not path.exists():
        tmp = path.with_suffix(".building")
        for leftover in CACHE.glob(tmp.name + "*"):
            leftover.unlink()
        subprocess.run(
            [sys.executable, "-m", "reception_desk", "demo", "--visits", str(visits),
             "--seed", str(seed), "--database", str(tmp)],
            check=True,
        )
        # Fold the WAL into the main file before renaming it into place.
        import sqlite3

        conn = sqlite3.connect(tmp)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
        tmp.rename(path)
    return path


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
