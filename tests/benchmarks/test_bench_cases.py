"""Case list against deadlines with 200,000 open cases in the database (budget: ≤ 500 ms).

Measures ``open_case_statuses`` (every open case's stage, due date, working/calendar days left and
status, read from the case_file caches in SQL plus ``status_for`` per row), the status counts
(SQL, plus the side limits of the received cases: ``services.cases.counts``) and pages of the
"Overdue" list (SQL filter/sort, statuses for the page; the filter lists what the Overdue chip
counts: past the stage's due date OR one of the ids overdue only by a side limit).

The database is the demo generator's with 220,000 cases of which 200,000 are kept open
(``reception-desk demo --visits 300000 --cases 220000 --open-cases 200000``: the demo's own share
of open cases is a few percent, as in a real office's books), built once and cached under
RD_BENCH_CACHE; it is judged as of the day it was generated.

Run with: RD_BENCH=1 .venv/bin/python -m pytest tests/benchmarks/test_bench_cases.py -s
"""

from __future__ import annotations

import os
import time
from dataclasses import replace

import pytest

from reception_desk.domain.dates import office_day
from reception_desk.services.cases import counts as counts_module
from reception_desk.services.cases import lists as case_service
from reception_desk.services.cases.dto import CaseFilter
from reception_desk.services.cases.dto import CaseQuery
from reception_desk.services.cases.dto import CaseSort
from reception_desk.services.desk import Desk
from reception_desk.services.office.rules import office_calendar
from reception_desk.storage.database import open_database
from tests.benchmarks.conftest import demo_database
from tests.benchmarks.conftest import demo_now
from tests.benchmarks.conftest import raw_case_count_ms
from tests.benchmarks.conftest import report

pytestmark = [
    pytest.mark.benchmark_db,
    pytest.mark.skipif(os.environ.get("RD_BENCH") != "1", reason="benchmark: set RD_BENCH=1"),
]

VISITS = 300_000
CASES = 220_000
OPEN_CASES = 200_000
BUDGET_S = 0.5
#: Issue 17: 200,000 open cases' statuses as the case list asks for them again (kept).
KEPT_BUDGET_S = 0.2


def _best(fn, runs: int = 5) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def test_open_case_statuses_200k_within_budget() -> None:
    path = demo_database(VISITS, cases=CASES, open_cases=OPEN_CASES)
    today = office_day(demo_now(path))
    floor_s = raw_case_count_ms(path, "stage IN ({open})") / 1000  # the open cases' rows
    moment = demo_now(path)
    desk = Desk(open_database(f"sqlite:///{path}"), lambda: moment)
    desk.cases.open_statuses()  # the first ask of the day: kept for the ones after
    kept_s, _kept = _best(desk.cases.open_statuses)
    desk.close()
    db = open_database(f"sqlite:///{path}")
    try:
        with db.read() as s:
            calendar = office_calendar(s)
            calendar.is_working_day(today)  # prepare the span once, as the app's calendar is
            bulk_s, statuses = _best(lambda: case_service.open_case_statuses(s, today, calendar))
            counts_s, counts = _best(lambda: case_service.status_counts(s, today, calendar))
            query = CaseQuery(filter=CaseFilter.OVERDUE)
            # First ask of the day: the side limits' query, then the count and the page.
            page_s, page = _best(lambda: (case_service.count_cases(s, query, today),
                                          case_service.case_page(s, query, today, 0, 200,
                                                                 calendar)))
            # As the desk asks again (the side-overdue ids kept): SQL with OR id IN (...),
            # sorted each way, the first page and a deep one.
            side = counts_module.side_overdue_ids(case_service.side_raised(s, today))
            paged_ms: dict[str, float] = {}
            for sort in (CaseSort.DUE, CaseSort.NUMBER, CaseSort.TITLE):
                for descending in (False, True):
                    q = replace(query, sort=sort, descending=descending)
                    for offset in (0, 20_000):
                        t, _ = _best(lambda q=q, offset=offset: (  # type: ignore[misc]
                            case_service.count_cases(s, q, today, side),
                            case_service.case_page(s, q, today, offset, 200, calendar,
                                                   side_overdue=side)), runs=3)
                        paged_ms[f"{sort.value}{'↓' if descending else '↑'}@{offset}"] = (
                            t * 1000)
            # Many more side-overdue ids than the demo has (5,000 open cases): still paged in SQL.
            many = tuple(st.id for st in statuses[::40])  # type: ignore[index]
            many_s, _ = _best(lambda: (
                case_service.count_cases(s, query, today, many),
                case_service.case_page(s, query, today, 0, 200, calendar, side_overdue=many)),
                runs=3)
    finally:
        db.dispose()
    n_open = len(statuses)  # type: ignore[arg-type]
    # The kept-open ones plus the few the demo's own clock leaves running today.
    assert OPEN_CASES <= n_open < OPEN_CASES * 1.01
    assert counts.total == n_open  # type: ignore[attr-defined]
    overdue = sum(1 for st in statuses if st.status is not None  # type: ignore[attr-defined]
                  and st.status.value == "overdue")
    # The stage's own limit; the chips also count the side limits (services.cases.counts), one
    # case once, and the "Overdue" filter lists what the chip counts.
    assert overdue == counts.stage_overdue  # type: ignore[attr-defined]
    assert counts.overdue == counts.stage_overdue + len(side)  # type: ignore[attr-defined]
    assert page[0] == counts.overdue  # type: ignore[attr-defined,index]
    print(f"\n{CASES:,} demo cases, {n_open:,} open, as of {today}")
    print(f"open_case_statuses ({n_open:,} open): {bulk_s * 1000:.0f} ms "
          f"(budget {BUDGET_S * 1000:.0f} ms)")
    print(f"status_counts (SQL + the received cases' side limits): {counts_s * 1000:.0f} ms "
          f"(budget {KEPT_BUDGET_S * 1000:.0f} ms); {counts}")
    print(f"overdue filter count + first page of 200, first ask: {page_s * 1000:.0f} ms "
          f"({page[0]:,} overdue, {len(side):,} of them only by a side limit)")  # type: ignore[index]
    print("overdue filter count + a page of 200, side ids kept: " + ", ".join(
        f"{k} {v:.0f} ms" for k, v in paged_ms.items()))
    print(f"overdue filter with {len(many):,} side ids: {many_s * 1000:.0f} ms")
    report("open case statuses as the screens see them (kept per data stamp and day)",
           kept_s * 1000, floor_s * 1000, KEPT_BUDGET_S * 1000)
    report("open case statuses, first ask of the day (SQL + the domain's due status)",
           bulk_s * 1000, floor_s * 1000, BUDGET_S * 1000)
    print(f"  BENCH   first ask / raw COUNT of the open cases: {bulk_s / floor_s:.1f}x")
    assert bulk_s <= BUDGET_S
    assert counts_s <= KEPT_BUDGET_S
    assert kept_s <= KEPT_BUDGET_S
    assert page_s <= BUDGET_S
    assert max(paged_ms.values()) <= BUDGET_S * 1000
    assert many_s <= BUDGET_S
