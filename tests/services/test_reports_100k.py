"""The statutory identities on 100,000 generated visits (issue 13): every form, the whole span
and statutory windows of the demo's last two years; 01/TCD column 1 equals a raw COUNT(*) of the
window (over the whole span: every visit counted once); every column of every form equals its
count over the listed facts (the drill-down).

Slow (the 100,000-visit office takes minutes to generate on a shared machine): marked
``stress``, run with ``-m stress``. The office is generated once by the real command line and
kept under RD_REPORTS_CACHE (default /tmp/reception-desk-reports-100k), named by the schema
revision so a database of another schema is never reused (nor another branch's cache touched).
"""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest

from reception_desk.domain import periods
from reception_desk.domain import report_forms as rf
from reception_desk.domain.dates import office_day
from reception_desk.services.reports import tcd
from reception_desk.services.reports import xld
from reception_desk.storage.database import open_database
from reception_desk.storage.queries import reports as q
from reception_desk.storage.schema_version import HEAD_REVISION
from tests.benchmarks.conftest import demo_database
from tests.benchmarks.conftest import demo_now

pytestmark = pytest.mark.stress

VISITS = 100_000
CACHE = Path(os.environ.get("RD_REPORTS_CACHE", "/tmp/reception-desk-reports-100k"))


@pytest.fixture(scope="session")
def office_100k() -> Path:
    return demo_database(VISITS, seed=3, cache=CACHE, tag=f"-rev{HEAD_REVISION}")


def test_identities_on_100000_visits(office_100k: Path) -> None:
    db = open_database(f"sqlite:///{office_100k}", create=False)
    try:
        with db.read() as s:
            everything = q.window_visit_count(s, periods.whole_year(2000).first,
                                              periods.whole_year(2200).last)
            assert everything > 0.9 * VISITS  # a few are voided
            newest = office_day(demo_now(office_100k))
            year = periods.period_containing(newest, periods.PeriodKind.YEAR).year
            assert year is not None
            span = periods.custom(date(2000, 1, 1), newest)  # every visit of the office
            windows = [span, periods.whole_year(year - 1), periods.half_year(year),
                       periods.nine_months(year),
                       *(periods.quarter(year - 1, n) for n in range(1, 5)),
                       periods.month(year - 1, 11)]
            started = time.perf_counter()
            for window in windows:
                visits = q.window_visit_count(s, window.first, window.last)
                tcd_result = tcd.compute(s, window)
                assert rf.broken_identities(rf.ReportForm.TCD_01, tcd_result.values) == []
                assert tcd_result.value(1) == visits, window.code
                visit_facts = tcd.facts(s, window)
                # The session columns (12, 21) count the head's held sessions too (issue 14):
                # the demo's, as tests/services/test_reports_demo.py passes them.
                held = tcd.held_sessions(s, window)
                for tcol in rf.TCD_COLUMNS:
                    assert tcd_result.value(tcol.number) == rf.tcd_value(tcol, visit_facts, held)
                for form in rf.PETITION_COLUMNS:
                    facts = xld.facts(s, window, form)
                    values = rf.xld_values(facts, window, form)
                    assert xld.compute(s, window, form).values == values
                    assert rf.broken_identities(form, values) == [], (form, window.code)
                    for col in rf.PETITION_COLUMNS[form]:
                        assert values[col.number] == rf.xld_value(col, facts, window, form)
            print(f"\n  {len(windows)} windows checked in {time.perf_counter() - started:.1f} s")
            # Every visit is counted exactly once in column 1 over the whole span.
            assert tcd.compute(s, span).value(1) == everything
    finally:
        db.dispose()
