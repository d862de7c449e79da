"""The status counts of the Cases page count each open case under the status its row shows.

The review of stop 22: the counts were the stage limits' only (SQL on the cached due date) while
a row shows the worse of its stage's limit and its side limits that alert (the transfer of a
denunciation outside the commune's competence, a complaint lodged after its limitation, the
45-day đơn…): a case overdue only by a side limit showed red in the list and was counted "on
time". The counts now take the side limits (``services.cases.counts``), the rows' rule
(``CaseRow.shown_status``) is the service's, and the "Overdue" quick filter lists exactly the
cases the Overdue chip counts (those past their stage's due date and those overdue only by a
side limit).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import EventKind
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DueStatus
from reception_desk.services.cases import lists
from reception_desk.services.cases.dto import CaseFilter
from reception_desk.services.cases.dto import CaseQuery
from reception_desk.services.cases.dto import CaseRow
from reception_desk.services.cases.dto import CaseSort
from reception_desk.services.cases.dto import LegalFacts
from reception_desk.services.cases.dto import StatusCounts
from tests.services.test_cases import _event
from tests.services.test_cases import _standalone

D = date  # the services' clock: Fri 27 Nov 2026; 24 Nov 2026 is a day off


def _bucket(row: CaseRow) -> str:
    shown = row.shown_status
    if shown is None:
        return "paused" if row.stage is CaseStage.SUSPENDED else "no_deadline"
    return {DueStatus.OVERDUE: "overdue", DueStatus.DUE_SOON: "due_soon",
            DueStatus.ON_TIME: "on_time"}[shown]


def _as_rows_show(desk) -> Counter[str]:  # type: ignore[no-untyped-def]
    rows = desk.cases.page(CaseQuery(filter=CaseFilter.OPEN), 0, 500)
    return Counter(_bucket(r) for r in rows)


def _counted(counts: StatusCounts) -> Counter[str]:
    return Counter({k: getattr(counts, k) for k in (
        "on_time", "due_soon", "overdue", "paused", "no_deadline") if getattr(counts, k)})


def _late_complaint(desk, received_on: date, title: str):  # type: ignore[no-untyped-def]
    """A first complaint against a decision of Mon 3 Aug 2026: its limitation (Luật KN Art. 9,
    90 days) ran out on Mon 2 Nov, before it was lodged."""
    case = _standalone(desk, received_on, title=title)
    detail, _ = desk.cases.set_legal_facts(LegalFacts(case.id, decision_on=D(2026, 8, 3),
                                                      expected_version=case.version))
    return detail


def test_a_case_overdue_only_by_its_limitation_is_counted_overdue_as_its_row_shows(desk):
    # Received Thu 26 Nov: acceptance in 7 working days → Mon 7 Dec, on time; lodged after the
    # limitation: the row shows OVERDUE (the alert), and so does the count.
    late = _late_complaint(desk, D(2026, 11, 26), "Khiếu nại nộp sau thời hiệu")
    in_time = _standalone(desk, D(2026, 11, 26), title="Khiếu nại trong thời hiệu")
    rows = {r.id: r for r in desk.cases.page(CaseQuery(), 0, 10)}
    row = rows[late.id]
    assert row.status is DueStatus.ON_TIME
    assert [(a.kind, a.status) for a in row.alerts] == [
        (DeadlineKind.COMPLAINT_LIMITATION, DueStatus.OVERDUE)]
    assert row.shown_status is DueStatus.OVERDUE
    assert rows[in_time.id].shown_status is DueStatus.ON_TIME
    counts = desk.cases.status_counts()
    assert (counts.overdue, counts.on_time, counts.total) == (1, 1, 2)
    # The "Overdue" filter lists the case the chip counts, though its stage's limit is on time.
    assert counts.stage_overdue == 0
    overdue = CaseQuery(filter=CaseFilter.OVERDUE)
    assert desk.cases.count(overdue) == counts.overdue == 1
    assert [r.id for r in desk.cases.page(overdue, 0, 10)] == [late.id]
    # Accepted: the limitation no longer alerts, the case is on time again.
    _event(desk, late, EventKind.ACCEPT, document_number="01/TB-UBND",
           document_date=D(2026, 11, 27))
    counts = desk.cases.status_counts()
    assert (counts.overdue, counts.on_time) == (0, 2)


def test_every_open_case_is_counted_once_under_the_status_its_row_shows(desk):
    # Side limits only: a denunciation outside the commune's competence received Wed 18 Nov
    # (transfer, Luật TC Art. 24(2): 5 working days → Thu 26 Nov, overdue; intake 7 working
    # days → Mon 30 Nov, due soon) and one received Mon 23 Nov (transfer → Tue 1 Dec, due soon;
    # intake → Thu 3 Dec, on time).
    outside = _standalone(desk, D(2026, 11, 18), CaseType.DENUNCIATION,
                          title="Tố cáo ngoài thẩm quyền", within_commune_competence=False)
    outside_soon = _standalone(desk, D(2026, 11, 23), CaseType.DENUNCIATION,
                               title="Tố cáo ngoài thẩm quyền 2", within_commune_competence=False)
    # Overdue both ways: counted once.
    twice = _late_complaint(desk, D(2026, 11, 10), "Quá hạn và quá thời hiệu")
    # A đơn unprocessed for 45 days (NĐ 154/2026 Art. 41(3)(b)) and its acceptance overdue.
    _standalone(desk, D(2026, 10, 1), CaseType.PETITION, title="Kiến nghị chưa xử lý")
    # Being resolved: the second-complaint window runs after the stage's own limit.
    resolving = _standalone(desk, D(2026, 11, 2), title="Đang giải quyết")
    _event(desk, resolving, EventKind.ACCEPT, document_number="02/TB-UBND",
           document_date=D(2026, 11, 3))
    # Suspended in time (paused) and after the period ran out (overdue, its row too).
    paused = _standalone(desk, D(2026, 11, 2), title="Tạm đình chỉ trong hạn")
    _event(desk, paused, EventKind.ACCEPT, document_number="03/TB-UBND",
           document_date=D(2026, 11, 3))
    _event(desk, paused, EventKind.SUSPEND, document_number="04/QĐ-UBND",
           document_date=D(2026, 11, 10))
    stopped_late = _standalone(desk, D(2026, 8, 3), title="Tạm đình chỉ khi đã quá hạn")
    _event(desk, stopped_late, EventKind.ACCEPT, document_number="05/TB-UBND",
           document_date=D(2026, 8, 5))
    _event(desk, stopped_late, EventKind.SUSPEND, document_number="06/QĐ-UBND",
           document_date=D(2026, 10, 20))
    # Stage limits only.
    _standalone(desk, D(2026, 11, 27), title="Còn hạn")
    _standalone(desk, D(2026, 11, 20), title="Sắp đến hạn")
    # Not open: a refusal without its notice alerts in the list but is no open case.
    refused = _standalone(desk, D(2026, 11, 23), CaseType.PETITION, title="Từ chối")
    _event(desk, refused, EventKind.REFUSE, document_date=D(2026, 11, 23))

    rows = {r.id: r for r in desk.cases.page(CaseQuery(filter=CaseFilter.ALL), 0, 50)}
    assert (rows[outside.id].status, rows[outside.id].shown_status) == (
        DueStatus.DUE_SOON, DueStatus.OVERDUE)
    assert (rows[outside_soon.id].status, rows[outside_soon.id].shown_status) == (
        DueStatus.ON_TIME, DueStatus.DUE_SOON)
    assert rows[twice.id].shown_status is DueStatus.OVERDUE
    assert rows[stopped_late.id].paused and rows[stopped_late.id].shown_status is DueStatus.OVERDUE
    assert rows[paused.id].shown_status is None
    assert rows[refused.id].alerts and not rows[refused.id].stage.is_open

    counts = desk.cases.status_counts()
    assert _counted(counts) == _as_rows_show(desk)
    assert _counted(counts) == Counter(overdue=4, due_soon=2, on_time=2, paused=1)
    assert counts.total == len(desk.cases.open_statuses()) == 9
    assert counts.stage_overdue == 3
    # The "Overdue" filter lists exactly the cases the chip counts, however sorted and paged.
    overdue = CaseQuery(filter=CaseFilter.OVERDUE)
    assert desk.cases.count(overdue) == counts.overdue == 4
    shown_overdue = {i for i, r in rows.items() if r.stage.is_open
                     and r.shown_status is DueStatus.OVERDUE}
    assert {r.id for r in desk.cases.page(overdue, 0, 50)} == shown_overdue
    for sort in CaseSort:
        for descending in (False, True):
            query = replace(overdue, sort=sort, descending=descending)
            paged = [r.id for start in range(0, 4, 3)
                     for r in desk.cases.page(query, start, 3)]
            assert sorted(paged) == sorted(shown_overdue), (sort, descending)
    # With the type box: the denunciation overdue only by its transfer, not the others.
    only = replace(overdue, case_type=CaseType.DENUNCIATION)
    assert [r.id for r in desk.cases.page(only, 0, 50)] == [outside.id]
    assert desk.cases.count(only) == 1


def test_the_counts_are_kept_until_a_write(desk):
    late = _late_complaint(desk, D(2026, 11, 26), "Khiếu nại nộp sau thời hiệu")
    first = desk.cases.status_counts()
    assert desk.cases.status_counts() is first  # kept for the data stamp and the day
    desk.cases.set_legal_facts(LegalFacts(late.id, decision_on=D(2026, 8, 3),
                                          learned_on=D(2026, 9, 1),
                                          expected_version=late.version))
    again = desk.cases.status_counts()
    assert (first.overdue, again.overdue, again.on_time) == (1, 0, 1)
    # The filter follows the write as the chip does.
    assert desk.cases.count(CaseQuery(filter=CaseFilter.OVERDUE)) == 0


def test_the_service_functions_find_the_side_overdue_cases_themselves(desk):
    # Without the desk's kept answer (as the benchmark calls them): the same cases.
    late = _late_complaint(desk, D(2026, 11, 26), "Khiếu nại nộp sau thời hiệu")
    query = CaseQuery(filter=CaseFilter.OVERDUE)
    with desk.db.read() as s:
        today = D(2026, 11, 27)
        assert lists.count_cases(s, query, today) == 1
        assert [r.id for r in lists.case_page(s, query, today, 0, 10)] == [late.id]
        # Given none, none: the stage's own limit alone.
        assert lists.count_cases(s, query, today, side_overdue=()) == 0
