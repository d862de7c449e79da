"""The Cases page's status chips count each open case under the status its row shows (the review
of stop 22: they counted the stage limits only). Clock: Fri 27 Nov 2026 (tests/conftest.py)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt

from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import EventKind
from reception_desk.domain.deadlines import DueStatus
from reception_desk.i18n import set_language
from reception_desk.services.cases.dto import CaseFilter
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.cases.dto import LegalFacts
from reception_desk.services.cases.dto import NewCase
from reception_desk.ui.cases import COLUMN_INDEX
from reception_desk.ui.cases import STATUS_COLOURS
from reception_desk.ui.cases import CasesPage
from reception_desk.ui.cases.status import PAUSED_COLOURS
from tests.ui.helpers import shot

D = date


@pytest.fixture
def english():  # type: ignore[no-untyped-def]
    set_language("en")
    yield
    set_language("vi")


def _open(desk, received_on: date, title: str, case_type=CaseType.COMPLAINT_FIRST, **kw):  # type: ignore[no-untyped-def]
    detail, _ = desk.cases.open_case(NewCase(case_type=case_type, title=title,
                                             received_on=received_on, **kw))
    return detail


def _event(desk, case_id: int, kind: EventKind, on: date, number: str = "") -> None:  # type: ignore[no-untyped-def]
    desk.cases.record_event(EventDraft(case_id=case_id, kind=kind, document_date=on,
                                       document_number=number or None))


def _chips(page: CasesPage) -> dict[str, int]:
    text = re.sub(r"<[^>]+>", "", page.legend.text()).replace("&nbsp;", " ")
    return {name.strip(): int(n) for name, n in re.findall(r"([A-Za-z ]+): (\d+)", text)}


def test_a_case_overdue_only_by_a_side_limit_is_counted_by_the_chip_its_row_shows(
        qtbot, sqlite_desk, tmp_path: Path, english) -> None:  # type: ignore[no-untyped-def]
    desk = sqlite_desk
    # Lodged Thu 26 Nov, acceptance due Mon 7 Dec (on time), but after its limitation: the
    # contested decision of Mon 3 Aug + 90 days ran out on Mon 2 Nov (Luật KN Art. 9).
    late = _open(desk, D(2026, 11, 26), "Khiếu nại nộp sau thời hiệu")
    desk.cases.set_legal_facts(LegalFacts(late.id, decision_on=D(2026, 8, 3),
                                          expected_version=late.version))
    _open(desk, D(2026, 11, 26), "Khiếu nại trong thời hiệu")
    # Suspended after its period ran out: its row shows the suspension and the lateness.
    stopped = _open(desk, D(2026, 8, 3), "Tạm đình chỉ khi đã quá hạn")
    _event(desk, stopped.id, EventKind.ACCEPT, D(2026, 8, 5), "01/TB-UBND")
    _event(desk, stopped.id, EventKind.SUSPEND, D(2026, 10, 20), "02/QĐ-UBND")
    page = CasesPage(desk, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(page)
    page.resize(1366, 688)
    page.show()
    qtbot.waitExposed(page)
    model = page.model
    rows = {model.case_row(r).id: r for r in range(model.rowCount())}
    left = COLUMN_INDEX["left"]
    shown: dict[DueStatus | None, int] = {}
    for case_id, row in rows.items():
        case = model.case_row(row)
        background = model.index(row, left).data(Qt.ItemDataRole.BackgroundRole).color()
        status = next((s for s, c in STATUS_COLOURS.items() if c[0] == background), None)
        if status is None:
            assert background == PAUSED_COLOURS[0]
        shown[status] = shown.get(status, 0) + 1
        if case_id == late.id:
            assert case.status is DueStatus.ON_TIME  # the stage's own limit
            assert status is DueStatus.OVERDUE  # what the row shows: the limitation
            assert model.index(row, left).data().startswith("⚠")
        if case_id == stopped.id:
            assert status is DueStatus.OVERDUE
            assert "Clock stopped · OVERDUE by" in model.index(row, left).data()
    chips = _chips(page)
    assert chips["Overdue"] == shown[DueStatus.OVERDUE] == 2
    assert chips["On time"] == shown[DueStatus.ON_TIME] == 1
    assert chips["Due soon"] == 0 and chips["Clock stopped"] == 0
    assert page.grab().save(shot(tmp_path, "cases-chips-side-limit-en-1366x688.png"))
    # The "Overdue" filter lists exactly the cases the Overdue chip counts, its button says as
    # many: those past their stage's limit and the one overdue only by its limitation.
    red = {case_id for case_id, row in rows.items()
           if model.index(row, left).data(Qt.ItemDataRole.BackgroundRole).color()
           == STATUS_COLOURS[DueStatus.OVERDUE][0]}
    assert red == {late.id, stopped.id}
    assert page.filter_buttons[CaseFilter.OVERDUE].text() == f"Overdue ({chips['Overdue']})"
    page.filter_buttons[CaseFilter.OVERDUE].click()
    qtbot.waitUntil(lambda: model.rowCount() == chips["Overdue"])
    assert {model.case_row(r).id for r in range(model.rowCount())} == red
    assert page.grab().save(shot(tmp_path, "cases-overdue-filter-side-limit-en-1366x688.png"))
    # A write that lifts the limitation: the chip and the filter follow it together.
    again = desk.cases.case(late.id)
    desk.cases.set_legal_facts(LegalFacts(late.id, decision_on=D(2026, 8, 3),
                                          learned_on=D(2026, 9, 1),
                                          expected_version=again.version))
    page.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert _chips(page)["Overdue"] == 1
    assert page.filter_buttons[CaseFilter.OVERDUE].text() == "Overdue (1)"
    assert model.case_row(0).id == stopped.id


def test_the_overdue_filter_in_vietnamese_lists_what_the_chip_counts(
        qtbot, sqlite_desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desk = sqlite_desk
    late = _open(desk, D(2026, 11, 26), "Khiếu nại nộp sau thời hiệu")
    desk.cases.set_legal_facts(LegalFacts(late.id, decision_on=D(2026, 8, 3),
                                          expected_version=late.version))
    _open(desk, D(2026, 11, 2), "Khiếu nại quá hạn thụ lý")
    _open(desk, D(2026, 11, 26), "Khiếu nại còn hạn")
    page = CasesPage(desk, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(page)
    page.resize(1366, 688)
    page.show()
    qtbot.waitExposed(page)
    text = re.sub(r"<[^>]+>", "", page.legend.text()).replace("&nbsp;", " ")
    assert "Quá hạn: 2" in text
    assert page.filter_buttons[CaseFilter.OVERDUE].text() == "Quá hạn (2)"
    page.filter_buttons[CaseFilter.OVERDUE].click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert page.grab().save(shot(tmp_path, "cases-overdue-filter-side-limit-vi-1366x688.png"))
