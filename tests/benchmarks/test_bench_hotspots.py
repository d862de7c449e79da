"""The weekly hotspot list on 1,000,000 visits and 200,000 cases: ≤ 200 ms as the screens see it
(kept per data stamp and day), the 12-week trend ≤ 400 ms; the first ask of a day beside them,
each with a raw COUNT over the same case rows as its floor (issue 17).

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

from tests.benchmarks.conftest import demo_database
from tests.benchmarks.conftest import demo_now
from tests.benchmarks.conftest import raw_case_count_ms
from tests.benchmarks.conftest import report

pytestmark = [
    pytest.mark.benchmark_db,
    pytest.mark.skipif(os.environ.get("RD_BENCH") != "1", reason="benchmark: set RD_BENCH=1"),
]

VISITS = 1_000_000
CASES = 200_000
#: Issue 17: the list and the trend as the screens see them (kept per data stamp and day).
BUDGET_MS = 200.0
TREND_BUDGET_MS = 400.0
#: The first ask of a day computes from the tables: issue 2's budget, or this many raw counts.
COLD_BUDGET_MS = 500.0
COLD_RATIO = 12.0


def _raw_count_ms(path: Any, today: Any) -> float:
    """The floor: a raw ``COUNT(*)`` over the case rows the list reads (open, or changed within
    the last two weeks)."""
    from datetime import timedelta

    return raw_case_count_ms(path, "received_on <= ? AND (stage IN ({open}) OR updated_at >= ?)",
                             (today.isoformat(), (today - timedelta(days=14)).isoformat()))


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
    from reception_desk.domain.hotspots import Reason
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
        floor_ms = _raw_count_ms(path, desk.hotspots.today())

        def first_ask(fn: Any) -> Any:
            def run() -> Any:
                desk.hotspots._kept.clear()  # as on the first ask of the day
                return fn()
            return run

        cold_ms, listing = _timed(first_ask(lambda: desk.hotspots.weekly(week)))
        ms, _again = _timed(lambda: desk.hotspots.weekly(week))
        trend_cold_ms, counts = _timed(first_ask(lambda: desk.hotspots.trend(12)), runs=3)
        trend_ms, _counts = _timed(lambda: desk.hotspots.trend(12), runs=3)
        pack_ms, _pack = _timed(lambda: desk.hotspots.pack(week), runs=3)
        reasons = Counter(r.value for row in listing.active for r in row.reasons)
        print(f"\n  {VISITS:,} visits, {CASES:,} cases ({open_cases:,} open) as of "
              f"{desk.hotspots.today()}: {len(listing.active):,} hotspots in {week}", flush=True)
        print(f"  reasons: {dict(reasons.most_common())}")
        report("weekly list (as the screens see it: kept per data stamp and day)", ms,
               floor_ms, BUDGET_MS)
        report("weekly list, first ask of the day", cold_ms, floor_ms, COLD_BUDGET_MS)
        report("12-week trend (kept)", trend_ms, floor_ms, TREND_BUDGET_MS)
        report("12-week trend, first ask of the day", trend_cold_ms, floor_ms)
        print(f"  BENCH   trend counts {[c.count for c in counts]}; first asks / floor: weekly "
              f"{cold_ms / floor_ms:.1f}x, trend {trend_cold_ms / floor_ms:.1f}x")
        print(f"  BENCH weekly pack data: {pack_ms:.1f} ms", flush=True)
        # Every reason occurs in the demo data but §6.4 (b): the demo has no second-time
        # complaint lodged before the first-time decision.
        assert set(reasons) == {r.value for r in Reason} - {Reason.BYPASS_SECOND.value}
        assert ms <= BUDGET_MS and trend_ms <= TREND_BUDGET_MS
        assert cold_ms <= max(COLD_BUDGET_MS, COLD_RATIO * floor_ms)
    finally:
        desk.close()
