"""01/TCD and 01/XLD on a hand-built office with a known answer for every column
(tests/services/report_data.py), on SQLite and PostgreSQL; the forms' identities (LEGAL.md §8.1,
REPORT_FORMS.txt MS rows); the drill-down lists exactly what a column counts."""

from __future__ import annotations

from datetime import date

import pytest

from reception_desk.domain import report_forms as rf
from reception_desk.domain.access import AccessDenied
from reception_desk.domain.access import Role
from reception_desk.domain.access import anonymous_principal
from reception_desk.domain.periods import custom
from reception_desk.errors import UserError
from reception_desk.services.reports import tcd
from reception_desk.services.reports import xld
from reception_desk.services.reports.desk import parse_form
from tests.conftest import sign_in_as
from tests.services import report_data
from tests.services.report_data import TCD_EXPECTED
from tests.services.report_data import WINDOW
from tests.services.report_data import XLD_EXPECTED


def test_01_tcd_every_column_has_its_known_answer(desk) -> None:  # type: ignore[no-untyped-def]
    # Regular (4-11): r1 (K1, seen on 01/05: repeat), r2 (no case: first), r3 (K2 crowd of 12,
    # first ever) and r4 (K2 again: repeat), r5 (crowd of 6, no case); r6 voided, r7 after and
    # r8 before the window are not counted. Head (12-20): h1 (K3 follows K1: repeat) and h2 on
    # one session, h3 (K2 crowd of 20: repeat) on another. Delegated to the vice-chair (21-29):
    # d1, d2 (K5 twice: repeat) on one session, d3 (K6 crowd of 7, first).
    report_data.build(desk)
    result = desk.reports.compute(rf.ReportForm.TCD_01, WINDOW)
    assert dict(result.values) == TCD_EXPECTED
    assert result.not_recorded == ()
    assert result.sessions_from_visits
    assert rf.broken_identities(rf.ReportForm.TCD_01, result.values) == []


def test_01_xld_every_column_has_its_known_answer(desk) -> None:  # type: ignore[no-untyped-def]
    # Carried over (2): K1 (handled 05/07), K7 (never handled), K8 (filed 20/06); K4 was filed
    # before the window. Received (3): K2, K3, K5, K6, K9, K10. Not handled by 14/09 (5): K6,
    # K7, K9 (accepted 20/09). Eligible (6): K1, K2, K10 accepted; K5 guided; K3 transferred;
    # K8 filed is handled but not eligible. Matters (7): K3 is K1's matter → 4. State: K3
    # follows K1 decided 01/08 (once, 11); K10 follows K11 and K12, both decided (12).
    report_data.build(desk)
    result = desk.reports.compute(rf.ReportForm.XLD_01, WINDOW)
    assert dict(result.values) == XLD_EXPECTED
    assert result.not_recorded == ()
    assert rf.broken_identities(rf.ReportForm.XLD_01, result.values) == []


def test_the_sql_counts_equal_the_drill_down_counts(sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    """Every column counted in SQL equals the same column counted over the listed facts."""
    desk = sqlite_desk
    report_data.build(desk)
    for window in (WINDOW, custom(date(2026, 1, 1), date(2026, 12, 31)),
                   custom(date(2026, 7, 3), date(2026, 7, 3))):
        result = desk.reports.compute(rf.ReportForm.TCD_01, window)
        with desk.db.read() as s:
            facts = tcd.facts(s, window)
            held = tcd.held_sessions(s, window)
            petitions = xld.facts(s, window)
        for col in rf.TCD_COLUMNS:
            assert result.value(col.number) == rf.tcd_value(col, facts, held), (window,
                                                                                 col.number)
        xld_result = desk.reports.compute(rf.ReportForm.XLD_01, window)
        for xcol in rf.XLD_COLUMNS:
            assert xld_result.value(xcol.number) == rf.xld_value(xcol, petitions, window)


def test_drill_down_lists_the_visits_and_petitions_behind_a_column(sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    desk = sqlite_desk
    office = report_data.build(desk)
    v, c = office.visits, office.cases
    sign_in_as(desk, Role.CASE_HANDLER)
    repeat_regular = desk.reports.drill(rf.ReportForm.TCD_01, WINDOW, 7)
    assert repeat_regular.value == 2
    assert sorted(repeat_regular.ids) == sorted([v["r1"], v["r3"], v["r4"]])
    assert {x.case_id for x in repeat_regular.visits} == {c["K1"], c["K2"]}
    sessions = desk.reports.drill(rf.ReportForm.TCD_01, WINDOW, 12)
    # No session is recorded in this office: each day of the chair's visits counts (issue 14).
    assert sessions.size == sessions.value == TCD_EXPECTED[12]
    assert all(x.session_id is None and x.leader_name for x in sessions.sessions)
    everything = desk.reports.drill(rf.ReportForm.TCD_01, WINDOW, 1)
    assert len(everything.ids) == TCD_EXPECTED[1]
    assert v["r6_voided"] not in everything.ids and v["r7_after"] not in everything.ids
    number = next(x.number for x in everything.visits if x.visit_id == v["r1"])
    assert number.endswith("/2026")
    guided = desk.reports.drill(rf.ReportForm.XLD_01, WINDOW, 18)
    assert sorted(guided.ids) == sorted([c["K3"], c["K5"]])
    assert {x.handling for x in guided.cases} == {"transfer", "return_guide"}
    carried = desk.reports.drill(rf.ReportForm.XLD_01, WINDOW, 2)
    assert sorted(carried.ids) == sorted([c["K1"], c["K7"], c["K8"]])
    assert desk.reports.drill(rf.ReportForm.XLD_01, WINDOW, 22).ids == []
    with pytest.raises(UserError) as err:
        desk.reports.drill(rf.ReportForm.XLD_01, WINDOW, 23)
    assert err.value.code == "report.cell_unknown"


def test_counts_need_no_account_but_the_drill_down_does(sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    desk = sqlite_desk
    report_data.build(desk)
    desk.act_for(anonymous_principal("command line"))  # a command line run without --user
    try:
        assert desk.reports.compute(rf.ReportForm.TCD_01, WINDOW).value(1) == 11
        with pytest.raises(AccessDenied):
            desk.reports.drill(rf.ReportForm.TCD_01, WINDOW, 1)
    finally:
        desk.act_for(None)


def test_an_empty_window_counts_zero_everywhere_it_records(sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    window = custom(date(2020, 1, 1), date(2020, 1, 31))
    tcd_result = sqlite_desk.reports.compute(rf.ReportForm.TCD_01, window)
    assert {n: x for n, x in tcd_result.values.items() if x} == {}
    assert tcd_result.value(30) is None
    xld_result = sqlite_desk.reports.compute(rf.ReportForm.XLD_01, window)
    assert xld_result.value(21) == 0 and xld_result.value(1) == 0


@pytest.mark.parametrize(("text", "form"), [("01/TCD", rf.ReportForm.TCD_01),
                                            ("tcd01", rf.ReportForm.TCD_01),
                                            ("01-xld", rf.ReportForm.XLD_01)])
def test_form_names(text: str, form: rf.ReportForm) -> None:
    assert parse_form(text) is form


def test_unknown_form_is_refused() -> None:
    with pytest.raises(UserError) as err:
        parse_form("02/KQGQ")
    assert err.value.code == "report.form_unknown"
