"""The weekly hotspot list on 1,000,000 visits and 200,000 cases must take ≤ 500 ms.

Run with: RD_BENCH=1 .venv/bin/python -m pytest tests/benchmarks/test_bench_hotspots.py -s
The database is the demo generator's (``reception-desk demo --visits 1000000 --cases 200000``:
cases across ten years, most finished, the recent ones and a few stalled ones still open; one to
six visits per case, crowds, delegations, incidents, events at other levels), built once and
cached under RD_BENCH_CACHE (default /tmp/reception-desk-bench). It is judged as of the day it was
generated.
"""

from __future__ import annotations

import os
import statistics
import time
from typing import Any

import pytest

from tests.benchmarks.conftest import demo_database, demo_now

pytestmark = [
    pytest.mark.benchmark_db,
    pytest.mark.skipif(os.environ.get("RD_BENCH") != "1", reason="benchmark: set RD_BENCH=1"),
]

VISITS = 1_000_000
CASES = 200_000
BUDGET_MS = 500.0


def _timed(fn: Any, runs: int = 5) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def test_weekly_list_on_a_million_visits() -> None:
    from collections import Counter

    from sqlalchemy import text

    from reception_desk.domain.hotspots import IsoWeek
    from reception_desk.services.desk import Desk
    from reception_desk.storage.database import open_database

    path = demo_database(VISITS, cases=CASES)
    now = demo_now(path)
    desk = Desk(open_database(f"sqlite:///{path}"), lambda: now)
    try:
        with desk.db.read() as s:
            open_cases = s.execute(text(
                "SELECT count(*) FROM case_file WHERE stage IN "
                "('received','accepted','verifying','dialogue','suspended')")).scalar()
        week = IsoWeek.of(desk.hotspots.today())
        desk.hotspots.weekly(week)  # warm the page cache once
        ms, listing = _timed(lambda: desk.hotspots.weekly(week))
        trend_ms, counts = _timed(lambda: desk.hotspots.trend(12), runs=3)
        pack_ms, _pack = _timed(lambda: desk.hotspots.pack(week), runs=3)
        reasons = Counter(r.value for row in listing.active for r in row.reasons)
        print(f"\n  {VISITS:,} visits, {CASES:,} cases ({open_cases:,} open) as of "
              f"{desk.hotspots.today()}: {len(listing.active):,} hotspots in {week}", flush=True)
        print(f"  reasons: {dict(reasons.most_common())}")
        print(f"  BENCH weekly list: {ms:.1f} ms | target ≤ {BUDGET_MS:.0f} ms")
        print(f"  BENCH 12-week trend: {trend_ms:.1f} ms ({[c.count for c in counts]})")
        print(f"  BENCH weekly pack data: {pack_ms:.1f} ms", flush=True)
        assert len(reasons) == 8  # every reason occurs in the demo data
        assert ms <= BUDGET_MS
    finally:
        desk.close()
