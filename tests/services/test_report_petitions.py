"""02/XLD, 03/XLD, 04/XLD and 01/KQGQ on a hand-built office with a known answer for every
column (tests/services/report_petitions_data.py), on SQLite and PostgreSQL; the forms'
identities; each column's count equals its drill-down; "not recorded" is never a 0."""

from __future__ import annotations

from datetime import date

import pytest

from reception_desk.domain import report_forms as rf
from reception_desk.domain.access import AccessDenied
from reception_desk.domain.access import Role
from reception_desk.domain.periods import custom
from reception_desk.errors import UserError
from reception_desk.services.cases.dto import CaseReportFacts
from reception_desk.services.reports import xld
from reception_desk.services.reports.desk import parse_form
from tests.conftest import sign_in_as
from tests.services import report_petitions_data as data
from tests.services.report_data import WINDOW

EXPECTED = {
    rf.ReportForm.XLD_02: data.XLD02_EXPECTED,
    rf.ReportForm.XLD_03: data.XLD03_EXPECTED,
    rf.ReportForm.XLD_04: data.XLD04_EXPECTED,
    rf.ReportForm.KQGQ_01: data.KQGQ01_EXPECTED,
}
FORMS = list(EXPECTED)


def test_every_column_of_the_petition_forms_has_its_known_answer(desk) -> None:  # type: ignore[no-untyped-def]
    # 02/XLD. In hand: A2 carried over (received 01/06, accepted 20/06); received A3, A4, A5,
    # A6, A8, A9, A11, A16. Handled: all but A8; eligible: not A9 (refused) nor A16 (guided, but
    # recorded not eligible on the case page). Matters: A3 is A1's,
    # A6 is A7's, A11 is A12's → 6, each one petition. Fields: A2 chính sách (10), A11 bồi
    # thường = đất đai (11), A6 kn.hc.khac (12), A3 tư pháp (13), A5 Đảng (14), A4 none (15).
    # State: A6 follows A7 decided 2025 (16), A11 follows A13 and A12, both decided (17), A3
    # follows A1 accepted and not yet decided on 01/07 (đang, 19), A2, A4, A5 (20). Result:
    # A2 lần đầu (22); A3, A6, A11 lần 2 (23); A5 transferred: hướng dẫn (25); A4 guided, then
    # urged (đôn đốc, 26); A5's reply came 01/09 (27).
    # 03/XLD. D1 carried over; D3 follows D1 (one matter, as D3 stands: công vụ, tố cáo tiếp
    # not yet concluded, accepted as tố cáo tiếp); D4 follows D5 concluded 2025 (19), guided →
    # chuyển đơn (25, with D2); D12 urged (26); D2's reply (27); D7 refused; D10 not handled.
    # 04/XLD. P1 carried over, decided 01/08 (19); P3, P6 accepted, not decided by 14/09 (20);
    # P4 follows P5 decided 2025 (13), guided then urged (18); P2 transferred (17); P7 filed.
    # 01/KQGQ. Carried over: A1 (accepted 10/05, decided 20/07), A10 (decided 10/09), A14
    # (verifying); A15 decided 10/06 and A7, A12, A13 are done. Accepted in the window: A2, A3,
    # A6, A11. Matters: A3 is A1's → 6. Decided in the window: A1, A10; withdrawn: A3.
    data.build(desk)
    for form, expected in EXPECTED.items():
        result = desk.reports.compute(form, WINDOW)
        assert dict(result.values) == expected, form
        assert result.not_recorded == tuple(n for n, v in expected.items() if v is None), form
        assert rf.broken_identities(form, result.values) == [], form
    assert rf.broken_identities(
        rf.ReportForm.XLD_01, desk.reports.compute(rf.ReportForm.XLD_01, WINDOW).values) == []


def test_each_column_counts_what_its_drill_down_lists(sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    desk = sqlite_desk
    cases = data.build(desk)
    sign_in_as(desk, Role.CASE_HANDLER)
    for form in FORMS:
        result = desk.reports.compute(form, WINDOW)
        for number in range(1, rf.COLUMN_COUNT[form] + 1):
            drill = desk.reports.drill(form, WINDOW, number)
            assert drill.value == result.value(number), (form, number)
            if number in result.not_recorded:
                assert drill.value is None and drill.ids == []
            elif rf.xld_column(number, form).measure is not rf.Measure.SUM:
                assert len(drill.ids) == drill.value, (form, number)
    named = {v: k for k, v in cases.items()}
    chosen = desk.reports.drill(rf.ReportForm.XLD_03, WINDOW, 23)
    assert [named[i] for i in chosen.ids] == ["D3"]  # D1's matter, as D3 stands
    pending = desk.reports.drill(rf.ReportForm.XLD_02, WINDOW, 19)
    assert [named[i] for i in pending.ids] == ["A3"]
    carried = desk.reports.drill(rf.ReportForm.KQGQ_01, WINDOW, 2)
    assert sorted(named[i] for i in carried.ids) == ["A1", "A10", "A14"]


def test_other_windows_keep_the_identities(sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    desk = sqlite_desk
    data.build(desk)
    for window in (custom(date(2026, 1, 1), date(2026, 12, 31)),
                   custom(date(2026, 8, 1), date(2026, 8, 1)),
                   custom(date(2024, 1, 1), date(2026, 12, 31))):
        with desk.db.read() as s:
            for form in FORMS:
                facts = xld.facts(s, window, form)
                values = rf.xld_values(facts, window, form)
                assert rf.broken_identities(form, values) == [], (form, window)
                for col in rf.PETITION_COLUMNS[form]:
                    assert values[col.number] == rf.xld_value(col, facts, window, form)


@pytest.mark.parametrize(("text", "form"), [("02/XLD", rf.ReportForm.XLD_02),
                                            ("xld03", rf.ReportForm.XLD_03),
                                            ("04-xld", rf.ReportForm.XLD_04),
                                            ("01/kqgq", rf.ReportForm.KQGQ_01),
                                            ("KQGQ01", rf.ReportForm.KQGQ_01)])
def test_form_names(text: str, form: rf.ReportForm) -> None:
    assert parse_form(text) is form


def test_urging_replies_and_eligibility_recorded_on_the_case(desk) -> None:  # type: ignore[no-untyped-def]
    """01/XLD 21 and 22 count what the clerk records on the case page (A16, guided but recorded
    ineligible, is handled and not eligible); the old inference stays for unrecorded cases."""
    cases = data.build(desk)
    result = desk.reports.compute(rf.ReportForm.XLD_01, WINDOW)
    assert {n: result.value(n) for n in data.XLD01_RESULTS} == data.XLD01_RESULTS
    assert result.not_recorded == ()
    sign_in_as(desk, Role.CASE_HANDLER)
    named = {v: k for k, v in cases.items()}
    replies = desk.reports.drill(rf.ReportForm.XLD_01, WINDOW, 22)
    assert sorted(named[i] for i in replies.ids) == ["A5", "D2", "P2", "P9"]
    urged = desk.reports.drill(rf.ReportForm.XLD_01, WINDOW, 21)
    assert sorted(named[i] for i in urged.ids) == ["A4", "D12", "P4"]
    eligible = desk.reports.drill(rf.ReportForm.XLD_01, WINDOW, 6)
    assert "A16" not in {named[i] for i in eligible.ids}
    assert desk.cases.case(cases["A16"]).report_facts == CaseReportFacts(eligible=False)


def test_the_case_page_refuses_contradictory_report_facts(sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    desk = sqlite_desk
    cases = data.build(desk)
    refused, guided, accepted = cases["A9"], cases["A4"], cases["A2"]
    for case_id, facts, code in (
            (refused, CaseReportFacts(eligible=True), "report.eligible_contradicts"),
            (accepted, CaseReportFacts(urged_on=date(2026, 8, 1)), "report.urged_needs_transfer"),
            (guided, CaseReportFacts(reply_received_on=date(2026, 8, 1)),
             "report.reply_needs_transfer"),
            (cases["A5"], CaseReportFacts(reply_received_on=date(2026, 12, 1)),
             "report.day_in_future"),
            (cases["A5"], CaseReportFacts(reply_received_on=date(2026, 7, 1)),
             "report.day_before_receipt")):
        with pytest.raises(UserError) as err:
            desk.cases.set_report_facts(case_id, facts)
        assert err.value.code == code
    detail = desk.cases.case(guided)
    with pytest.raises(UserError) as stale:
        desk.cases.set_report_facts(guided, CaseReportFacts(), expected_version=detail.version - 1)
    assert stale.value.code == "case.changed_elsewhere"
    after, changes = desk.cases.set_report_facts(guided, CaseReportFacts(eligible=True),
                                                 expected_version=detail.version)
    assert after.report_facts == CaseReportFacts(eligible=True) and changes.cases == {guided}
    assert after.version == detail.version + 1
    sign_in_as(desk, Role.INSPECTOR)  # reads, changes nothing
    with pytest.raises(AccessDenied):
        desk.cases.set_report_facts(guided, CaseReportFacts())
