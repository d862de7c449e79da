"""On a generated office (the demo's visits, cases and events): every identity of 01/TCD and
01/XLD holds for every statutory window, every visit of a window is counted once in column 1, and
the SQL counts equal the counts over the listed facts (the drill-down). The benchmarks run the
same check on a million visits (tests/benchmarks/test_bench_reports.py)."""

from __future__ import annotations

from reception_desk.demo import generator as demo
from reception_desk.domain import periods
from reception_desk.domain import report_forms as rf
from reception_desk.services.context import Actor
from reception_desk.services.reports import tcd
from reception_desk.services.reports import xld
from reception_desk.storage.database import open_database
from reception_desk.storage.queries import reports as q
from tests.conftest import Clock


def test_identities_hold_on_a_generated_office(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    try:
        with db.session() as s:
            demo.generate(s, 3000, seed=11, actor=Actor("demo"), now=Clock().moment)
        windows = [periods.whole_year(2025), periods.whole_year(2026),
                   periods.half_year(2026), periods.nine_months(2026),
                   *(periods.quarter(2026, n) for n in range(1, 5)), periods.month(2026, 11),
                   periods.custom(periods.whole_year(2024).first, periods.whole_year(2026).last)]
        counted = 0
        with db.read() as s:
            for window in windows:
                tcd_result = tcd.compute(s, window)
                xld_result = xld.compute(s, window)
                assert rf.broken_identities(rf.ReportForm.TCD_01, tcd_result.values) == []
                assert rf.broken_identities(rf.ReportForm.XLD_01, xld_result.values) == []
                visits = q.window_visit_count(s, window.first, window.last)
                assert tcd_result.value(1) == visits
                facts = tcd.facts(s, window)
                assert len({f.visit_id for f in facts}) == visits
                held = tcd.held_sessions(s, window)  # the demo's sessions (issue 14)
                for col in rf.TCD_COLUMNS:
                    assert tcd_result.value(col.number) == rf.tcd_value(col, facts, held)
                petitions = xld.facts(s, window)
                for xcol in rf.XLD_COLUMNS:
                    assert xld_result.value(xcol.number) == rf.xld_value(xcol, petitions, window)
                # Each of the crowd columns is part of its whole.
                for whole, part in ((4, 8), (5, 9), (13, 17), (14, 18), (22, 26), (23, 27)):
                    assert (tcd_result.value(part) or 0) <= (tcd_result.value(whole) or 0)
                counted += visits
        assert counted > 1000  # the windows really held visits
    finally:
        db.dispose()
