"""Deadlines and statuses for 200,000 open cases must take ≤ 500 ms (the case list's budget).

Run with: RD_BENCH=1 .venv/bin/python -m pytest tests/benchmarks/test_bench_deadlines.py -s
"""

from __future__ import annotations

import os
import random
import time
from datetime import date
from datetime import timedelta

import pytest

from reception_desk.domain.calendar import CalendarOverride
from reception_desk.domain.calendar import OverrideKind
from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseState
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import current_deadline
from reception_desk.domain.deadlines import SuspensionInterval
from reception_desk.domain.deadlines import status_for

pytestmark = [
    pytest.mark.benchmark_db,
    pytest.mark.skipif(os.environ.get("RD_BENCH") != "1", reason="benchmark: set RD_BENCH=1"),
]

CASES = 200_000
BUDGET_S = 0.5
TODAY = date(2026, 11, 16)


def _open_cases(n: int) -> list[CaseState]:
    """A realistic mix: all types, both stages with a running clock, some complex/remote/
    extended/suspended, received across 2025–2026 (both sides of the 1 July 2026 change)."""
    rng = random.Random(20261116)
    criteria = list(ComplexityCriterion)
    out: list[CaseState] = []
    for _ in range(n):
        ctype = rng.choice(list(CaseType))
        received = date(2025, 1, 1) + timedelta(days=rng.randrange(680))
        accepted = rng.random() < 0.6 and ctype is not CaseType.PETITION
        crit = frozenset(rng.sample(criteria, rng.choice((0, 0, 0, 1, 2))))
        extensions = 0
        suspensions: tuple[SuspensionInterval, ...] = ()
        if accepted and ctype is CaseType.DENUNCIATION and crit:
            extensions = rng.choice((0, 1)) if len(crit) == 1 else rng.choice((0, 1, 2))
        if accepted and ctype is not CaseType.REFLECTION and rng.random() < 0.05:
            s = received + timedelta(days=3 + rng.randrange(10))
            suspensions = (SuspensionInterval(s, s + timedelta(days=rng.randrange(1, 30))),)
        out.append(CaseState(
            case_type=ctype,
            stage=CaseStage.VERIFYING if accepted else CaseStage.RECEIVED,
            received_on=received, last_on=received, remote=rng.random() < 0.1, criteria=crit,
            accepted_on=received + timedelta(days=2) if accepted else None,
            extensions=extensions, suspensions=suspensions,
        ))
    return out


def test_200k_open_cases_deadlines_and_statuses() -> None:
    cal = WorkingCalendar([CalendarOverride(date(2026, 2, 13), OverrideKind.DAY_OFF),
                           CalendarOverride(date(2026, 2, 28), OverrideKind.WORKING_DAY)])
    cases = _open_cases(CASES)
    current_deadline(cases[0], cal)  # warm the calendar and rule caches, as a running app has
    started = time.perf_counter()
    counts: dict[str, int] = {}
    for state in cases:
        deadline = current_deadline(state, cal)
        if deadline is None or deadline.due is None:
            continue
        status = status_for(deadline.due, TODAY, cal).status
        counts[status] = counts.get(status, 0) + 1
    elapsed = time.perf_counter() - started
    print(f"\n{CASES} open cases: deadlines + statuses in {elapsed * 1000:.0f} ms; {counts}")
    assert sum(counts.values()) > CASES * 0.8
    assert elapsed <= BUDGET_S
