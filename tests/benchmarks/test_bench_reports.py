"""01/TCD and 01/XLD for a year on the 1,000,000-visit demo database (issue 13: ≤ 1 s each),
printed beside a raw COUNT(*) of the same window's visits measured in the same run.

The year is the last whole reporting year of the demo (15/12 – 14/12). The identities of both
forms are checked on the result, and column 1 of 01/TCD against the raw count.

Run with: RD_BENCH=1 .venv/bin/python -m pytest tests/benchmarks/test_bench_reports.py -s
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import pytest

from reception_desk.domain import report_forms as rf
from reception_desk.domain.dates import office_day
from reception_desk.domain.periods import whole_year
from reception_desk.services.reports import tcd
from reception_desk.services.reports import xld
from reception_desk.storage.database import open_database
from reception_desk.storage.queries import reports as q
from tests.benchmarks.conftest import demo_database
from tests.benchmarks.conftest import demo_now
from tests.benchmarks.conftest import report

pytestmark = [
    pytest.mark.benchmark_db,
    pytest.mark.skipif(os.environ.get("RD_BENCH") != "1", reason="benchmark: set RD_BENCH=1"),
]

VISITS = 1_000_000
BUDGET_S = 1.0


def _best(fn: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def test_a_year_of_01_tcd_and_01_xld_on_a_million_visits() -> None:
    path = demo_database(VISITS)
    year = whole_year(office_day(demo_now(path)).year - 1)
    db = open_database(f"sqlite:///{path}", create=False)
    try:
        with db.read() as s:
            floor_s, visits = _best(lambda: q.window_visit_count(s, year.first, year.last))
            tcd_s, tcd_result = _best(lambda: tcd.compute(s, year))
            xld_s, xld_result = _best(lambda: xld.compute(s, year))
    finally:
        db.dispose()
    print(f"\n{VISITS:,} demo visits; year {year.code} ({year.first} – {year.last}): "
          f"{visits:,} visits, {xld_result.value(1):,} petitions in hand")
    report("COUNT(*) of the year's visits (floor)", floor_s * 1000)
    report("01/TCD for the year", tcd_s * 1000, floor_s * 1000, BUDGET_S * 1000)
    report("01/XLD for the year", xld_s * 1000, floor_s * 1000, BUDGET_S * 1000)
    assert tcd_result.value(1) == visits
    assert rf.broken_identities(rf.ReportForm.TCD_01, tcd_result.values) == []
    assert rf.broken_identities(rf.ReportForm.XLD_01, xld_result.values) == []
    assert tcd_s <= BUDGET_S
    assert xld_s <= BUDGET_S
